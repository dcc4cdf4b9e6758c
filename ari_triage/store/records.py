"""What a call leaves behind: the records the call session hands to the store.

The session never waits for the database: it calls :class:`CallRecorder` methods, which only enqueue
(see ``ari_triage.store.writer``). Every record carries an idempotency key (``call_id`` + ``seq``) so a
replay from the spool never duplicates anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from ari_triage.tree.contract import CallerProfile


@dataclass(frozen=True)
class CallStart:
    call_id: str  # ours, also set on the channel as TRIAGE_CALL_ID
    channel_id: str  # Asterisk's channel id == uniqueid, the key of queue_log lines
    started_at: datetime
    caller: str | None  # full number; the store pseudonymises / drops it per retention config
    tree: str
    instance: str  # which ari-triage server (several may share one database)


@dataclass(frozen=True)
class CallEvent:
    call_id: str
    seq: int  # 1, 2, 3... per call: with call_id, the idempotency key
    at: datetime
    kind: str  # "step" | "prompt" | "utterance" | "dtmf" | "no_input" | "nlu" | "hook" | "error" | "handoff" ...
    data: dict[str, Any] = field(default_factory=dict)  # "transcript" key = health data, purged by retention


@dataclass(frozen=True)
class CallEnd:
    call_id: str
    ended_at: datetime
    outcome: str  # route | transfer | hangup | callback | info | abandoned | failed_over
    queue: str | None = None
    priority: int | None = None
    intent: str | None = None
    urgency: str | None = None
    unsure: bool = False
    asked_for_person: bool = False
    path: tuple[str, ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class CallbackRequest:
    call_id: str
    at: datetime
    caller: str | None
    queue: str
    reason: str


class CallRecorder(Protocol):
    """Non-blocking recording interface used on the call path."""

    def call_started(self, record: CallStart) -> None: ...
    def call_event(self, record: CallEvent) -> None: ...
    def call_ended(self, record: CallEnd) -> None: ...
    def callback_requested(self, record: CallbackRequest) -> None: ...


class CallerLookup(Protocol):
    """Recent history of a calling number (for ``caller known`` branches and the agent summary)."""

    async def caller_profile(self, caller: str | None) -> CallerProfile: ...
