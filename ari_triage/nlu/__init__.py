"""Natural-language understanding: French intent and urgency of a caller's words (pure, no I/O at
classification time)."""
