"""Call sessions: one explicit state machine per call that executes the tree interpreter's decisions
over ARI and media, plus the Stasis application that owns the sessions."""
