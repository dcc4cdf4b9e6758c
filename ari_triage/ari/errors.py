"""Typed ARI errors. Status codes are mapped once here so call sessions catch meaning, not numbers.

Messages carry the method, the path (ids only) and Asterisk's reason, never query values (a variable
value may hold a caller's number or a transcript summary).
"""

from __future__ import annotations

from ari_triage.errors import TriageError


class AriError(TriageError):
    """Any failed exchange with Asterisk's ARI."""

    code = "ari"

    def __init__(self, message: str, *, method: str = "", path: str = "", status: int | None = None,
                 reason: str = ""):
        super().__init__(message)
        self.method = method
        self.path = path
        self.status = status
        self.reason = reason


class AriUnavailable(AriError):
    """Asterisk could not be reached (connection refused, reset, DNS...)."""

    code = "ari-unavailable"


class AriTimeout(AriError):
    """Asterisk did not answer within ``ari.request_timeout_s``."""

    code = "ari-timeout"


class AriAuthError(AriError):
    """401/403: wrong ARI user or password (ari.conf vs ARI_TRIAGE_ARI_PASSWORD)."""

    code = "ari-auth"


class BadRequest(AriError):
    """400: a parameter is missing or invalid (a bug on our side, or a channel/endpoint not found)."""

    code = "ari-bad-request"


class NotFound(AriError):
    """404: the channel, bridge or playback does not exist (any more): e.g. the caller hung up."""

    code = "ari-not-found"


class Conflict(AriError):
    """409/412/422 that is not about Stasis: e.g. removing a channel from a bridge it is not in."""

    code = "ari-conflict"


class NotInStasis(Conflict):
    """409 or 422 'Channel not in Stasis application': the channel left our application (continued,
    hung up) or has not entered it yet (externalMedia just created)."""

    code = "ari-not-in-stasis"


class AriServerError(AriError):
    """5xx or an unexpected status."""

    code = "ari-server"


def error_for_status(status: int, reason: str, method: str, path: str) -> AriError:
    """Map an ARI error answer to the exception the caller should catch."""
    text = f"ARI {method} {path} answered {status}: {reason or 'no reason given'}"
    kwargs = {"method": method, "path": path, "status": status, "reason": reason}
    lowered = reason.lower()
    if status in (401, 403):
        return AriAuthError(text, **kwargs)
    if status == 400:
        return BadRequest(text, **kwargs)
    if status == 404:
        return NotFound(text, **kwargs)
    if status in (409, 422) and "channel not in" in lowered and "stasis" in lowered:
        return NotInStasis(text, **kwargs)
    if status in (409, 412, 422):
        return Conflict(text, **kwargs)
    return AriServerError(text, **kwargs)
