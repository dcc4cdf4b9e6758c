"""The ``ari-triage`` command line."""
