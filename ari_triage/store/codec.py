"""Records <-> JSON objects, for the spool (one object per line) and for tests."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from ari_triage.errors import TriageError
from ari_triage.store.records import CallbackRequest, CallEnd, CallEvent, CallStart

Record = CallStart | CallEvent | CallEnd | CallbackRequest

_TYPES: dict[str, type] = {"start": CallStart, "event": CallEvent, "end": CallEnd, "callback": CallbackRequest}
_NAMES = {cls: name for name, cls in _TYPES.items()}
_TIME_FIELDS = {"started_at", "at", "ended_at"}


class RecordDecodeError(TriageError):
    code = "store-record"


def to_json(record: Record) -> dict[str, Any]:
    out: dict[str, Any] = {"type": _NAMES[type(record)]}
    for key, value in asdict(record).items():
        if isinstance(value, datetime):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        out[key] = value
    return out


def from_json(obj: Any) -> Record:
    if not isinstance(obj, dict) or obj.get("type") not in _TYPES:
        raise RecordDecodeError(f"not a store record: {str(obj)[:40]!r}")
    cls = _TYPES[obj["type"]]
    values = {k: v for k, v in obj.items() if k != "type"}
    try:
        for key in _TIME_FIELDS & values.keys():
            values[key] = datetime.fromisoformat(values[key])
        if "path" in values:
            values["path"] = tuple(values["path"])
        return cls(**values)
    except (TypeError, ValueError) as exc:
        raise RecordDecodeError(f"bad {obj['type']} record: {exc}") from None


def utc(moment: datetime) -> datetime:
    """Aware UTC time (a naive time is taken as this machine's local time)."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC)
