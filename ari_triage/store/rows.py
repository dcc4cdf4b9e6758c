"""Plain rows read back from the store (for statistics, reports and tests)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class CallRow:
    call_id: str
    instance: str
    channel_id: str | None
    started_at: datetime | None
    local_hour: int | None
    local_weekday: int | None  # 0 = Monday
    ended_at: datetime | None
    outcome: str | None
    queue: str | None
    intent: str | None
    urgency: str | None
    unsure: bool
    asked_for_person: bool


@dataclass(frozen=True)
class QueueLogEntry:
    """One parsed queue_log line (``time|callid|queue|agent|event|data1|data2|...``)."""

    at: datetime
    callid: str
    queue: str
    agent: str
    event: str
    data: tuple[str, ...]
    line_key: str  # idempotency key: a digest of the line (without the caller id)


@dataclass(frozen=True)
class QueueOutcome:
    """What happened to one channel during one stay in one queue."""

    instance: str
    channel_id: str
    queue: str
    entered_at: datetime
    result: str  # answered | abandoned | timeout | exit_key | exit_empty | waiting
    ended_at: datetime | None = None
    connected_at: datetime | None = None
    wait_s: float | None = None
    talk_s: float | None = None
    agent: str | None = None
    ring_no_answer: int = 0


@dataclass(frozen=True)
class PurgeCounts:
    transcripts: int
    call_numbers: int
    callback_numbers: int


@dataclass(frozen=True)
class CallbackRow:
    """A caller who accepted to be called back: the team's to-do list."""

    call_id: str
    requested_at: datetime | None
    queue: str
    caller: str | None  # None once pseudonymised by retention (or never recorded)
    reason: str
    status: str  # open | done
