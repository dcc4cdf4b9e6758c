"""Privacy helpers: what may appear in a log line and how a caller number is pseudonymised.

Any layer may use :func:`mask_number` for a number it logs, and attach :class:`RedactingFilter` to a
logging handler as a last line of defence (it masks long digit runs in every formatted message).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re

# Text keys of CallEvent.data that hold what the caller said (health data, purged by retention).
TRANSCRIPT_KEYS = ("transcript",)

# Phone-number-like: 6+ digits, optionally separated by spaces/hyphens, or the dotted 06.12.34.56.78 form.
# Not matched: Asterisk unique ids such as 1795896367.12 (digits glued to a dot), which logs need.
_DIGIT_RUN = re.compile(r"(?<![\w.+])(?:\+?\d(?:[ -]?\d){5,16}|0\d(?:\.\d\d){4})(?![\w.]*\d)(?!\w)")


def mask_number(number: str | None) -> str:
    """``0612345678`` -> ``06******78``. Short service numbers (``15``, ``112``) are not personal and stay;
    ``None``/empty -> ``<hidden>``."""
    if not number:
        return "<hidden>"
    digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    if len(digits) <= 4:
        return digits or "<hidden>"
    keep = 2 if len(digits) >= 6 else 1
    return digits[:keep] + "*" * (len(digits) - 2 * keep) + digits[-keep:]


def redact(text: str) -> str:
    """Mask every phone-number-like run of digits (6 or more) in free text."""
    return _DIGIT_RUN.sub(lambda m: mask_number(m.group(0)), text)


def pseudonym(number: str, key: bytes) -> str:
    """Keyed hash of a normalised number: the same caller gives the same pseudonym inside one installation
    (statistics of repeat callers survive purging), and the number cannot be read back without the key."""
    normalised = normalise_number(number)
    return "p:" + hmac.new(key, normalised.encode(), hashlib.sha256).hexdigest()[:32]


def normalise_number(number: str) -> str:
    """Compare numbers the way a person would: ``+33 6 12 34 56 78`` == ``0612345678``."""
    digits = "".join(ch for ch in number if ch.isdigit())
    if number.strip().startswith("+33") or (digits.startswith("0033") and len(digits) == 13):
        digits = "0" + digits[-9:]
    return digits


class RedactingFilter(logging.Filter):
    """Masks phone-number-like digit runs in log records (attach to handlers, not loggers)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg = cleaned
            record.args = None
        return True
