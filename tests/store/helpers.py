"""Building records for store tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ari_triage.store.codec import Record
from ari_triage.store.records import CallEnd, CallEvent, CallStart

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # a Monday
EVENTS_PER_CALL = 4


def call_records(n: int, at: datetime = T0, caller: str | None = "0612345678", events: int = EVENTS_PER_CALL,
                 instance: str = "test-a", prefix: str = "call") -> list[Record]:
    """A whole call: start, ``events`` events (one with a transcript), end."""
    call_id = f"{prefix}-{n}"
    records: list[Record] = [CallStart(call_id, f"{1795896000 + n}.{n}", at, caller, "clinique.yaml", instance)]
    for seq in range(1, events + 1):
        data = {"node": f"n{seq}"}
        if seq == 2:
            data["transcript"] = "j'ai une douleur dans la poitrine"
        records.append(CallEvent(call_id, seq, at + timedelta(seconds=seq), "utterance" if seq == 2 else "step",
                                 data))
    records.append(CallEnd(call_id, at + timedelta(seconds=events + 5), "route", queue="secretariat", priority=2,
                           intent="rdv_prise", urgency="normale", path=("accueil", "motif")))
    return records
