"""One error hierarchy for the whole product.

Every error carries a short stable ``code`` (for logs and statistics) and a message written for the
person who has to act on it (an admin editing YAML, hospital IT wiring Asterisk). Errors about a file
carry a :class:`Location` so the message can say ``file.yaml:42:5``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """Where in a source file something was written (1-based line and column)."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class TriageError(Exception):
    """Base of every error ari-triage raises on purpose."""

    code = "error"

    def __init__(self, message: str, *, location: Location | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class ConfigError(TriageError):
    """The configuration file or an environment override is wrong."""

    code = "config"


class MissingResourceError(TriageError):
    """A file the product needs (speech model, NLU model, prompt) is not where it should be."""

    code = "missing-resource"
