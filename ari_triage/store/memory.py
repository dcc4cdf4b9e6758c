"""An in-memory CallRecorder + CallerLookup for other layers' tests and the simulator: same Protocols as
:class:`ari_triage.store.service.StoreService`, no database. It keeps every record, in order."""

from __future__ import annotations

from dataclasses import dataclass, field

from ari_triage.store.codec import Record
from ari_triage.store.privacy import normalise_number
from ari_triage.store.records import CallbackRequest, CallEnd, CallEvent, CallStart
from ari_triage.tree.contract import CallerProfile


@dataclass
class MemoryStore:
    records: list[Record] = field(default_factory=list)
    profiles: dict[str, CallerProfile] = field(default_factory=dict)  # normalised number -> profile to answer
    instance: str = "memory"

    def call_started(self, record: CallStart) -> None:
        self.records.append(record)

    def call_event(self, record: CallEvent) -> None:
        self.records.append(record)

    def call_ended(self, record: CallEnd) -> None:
        self.records.append(record)

    def callback_requested(self, record: CallbackRequest) -> None:
        self.records.append(record)

    async def caller_profile(self, caller: str | None) -> CallerProfile:
        if not caller:
            return CallerProfile()
        return self.profiles.get(normalise_number(caller), CallerProfile())

    async def start(self) -> None:
        pass

    async def close(self) -> None:
        pass

    def of_call(self, call_id: str) -> list[Record]:
        return [r for r in self.records if r.call_id == call_id]
