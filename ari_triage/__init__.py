"""ari-triage: AI call triage for an on-premise Asterisk PBX."""

__version__ = "0.1.0"
