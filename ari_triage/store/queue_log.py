"""Asterisk ``queue_log`` parsing and per-call queue outcomes (pure: text in, rows out).

Format (Asterisk docs, "Queue Logs"): ``time|callid|queue|agent|event|data1|data2|...`` where callid is the
uniqueid of the caller's channel (== the ARI channel id ari-triage recorded in CallStart.channel_id).
Events used here and their data fields:

    ENTERQUEUE        url|callerid|position          (callerid is dropped: never stored)
    CONNECT           holdtime|bridgedchanneluniqueid|ringtime
    COMPLETEAGENT     holdtime|calltime|origposition
    COMPLETECALLER    holdtime|calltime|origposition
    ABANDON           position|origposition|waittime
    EXITWITHTIMEOUT   position|origposition|waittime
    EXITEMPTY         position|origposition|waittime
    EXITWITHKEY       key|position|origposition|waittime
    RINGNOANSWER      ringtime (ms)
    BLINDTRANSFER     extension|context|holdtime|calltime|origposition
    ATTENDEDTRANSFER  method|data|holdtime|calltime|origposition
    TRANSFER          extension|context|holdtime|calltime|origposition
    JOINEMPTY / JOINUNAVAIL: the caller could not even join.
Lines about members and the queue itself (ADDMEMBER, PAUSE, QUEUESTART, ...) have no caller and are ignored.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from ari_triage.store.rows import QueueLogEntry, QueueOutcome

# event -> (minimum number of data fields needed to interpret it, index of the waited seconds or None)
CALL_EVENTS: dict[str, tuple[int, int | None]] = {
    "ENTERQUEUE": (0, None),
    "CONNECT": (1, 0),
    "COMPLETEAGENT": (2, 0),
    "COMPLETECALLER": (2, 0),
    "ABANDON": (3, 2),
    "EXITWITHTIMEOUT": (1, 2),
    "EXITEMPTY": (1, 2),
    "EXITWITHKEY": (1, 3),
    "RINGNOANSWER": (0, None),
    "RINGCANCELED": (0, None),
    "BLINDTRANSFER": (4, 2),
    "ATTENDEDTRANSFER": (4, 2),
    "TRANSFER": (4, 2),
    "AGENTDUMP": (0, None),
    "JOINEMPTY": (0, None),
    "JOINUNAVAIL": (0, None),
    "DID": (0, None),
    "INFO": (0, None),
}
_NUMERIC = {  # data fields that must be numbers when present
    "CONNECT": (0,), "COMPLETEAGENT": (0, 1), "COMPLETECALLER": (0, 1), "ABANDON": (0, 1, 2),
    "EXITWITHTIMEOUT": (0, 1, 2), "EXITEMPTY": (0, 1, 2), "EXITWITHKEY": (1, 2, 3),
    "BLINDTRANSFER": (2, 3), "ATTENDEDTRANSFER": (2, 3), "TRANSFER": (2, 3),
}
_RESULT = {
    "ABANDON": "abandoned", "EXITWITHTIMEOUT": "timeout", "EXITEMPTY": "exit_empty", "EXITWITHKEY": "exit_key",
    "JOINEMPTY": "exit_empty", "JOINUNAVAIL": "exit_empty",
}
_ENDS_TALK = {"COMPLETEAGENT": 1, "COMPLETECALLER": 1, "BLINDTRANSFER": 3, "ATTENDEDTRANSFER": 3, "TRANSFER": 3}
# Same-second lines sort in the order a stay in a queue unfolds.
_ORDER = {"ENTERQUEUE": 0, "DID": 0, "RINGNOANSWER": 1, "RINGCANCELED": 1, "CONNECT": 2}
_EVENT_NAME = re.compile(r"^[A-Z][A-Z_]*$")
_NO_CALLER = {"", "NONE", "CLI", "REALTIME", "MANAGER"}


@dataclass
class ParseReport:
    lines: int = 0
    entries: int = 0
    ignored: int = 0  # well-formed lines without a caller (member and queue events) or unknown events
    malformed: int = 0
    malformed_lines: list[int] = field(default_factory=list)  # first few line numbers, for the message

    def add_malformed(self, line_no: int) -> None:
        self.malformed += 1
        if len(self.malformed_lines) < 10:
            self.malformed_lines.append(line_no)


def parse_line(line: str) -> QueueLogEntry | str | None:
    """An entry, ``None`` for a valid line ari-triage does not need, or an error text for a malformed one."""
    line = line.rstrip("\r\n")
    parts = line.split("|")
    if len(parts) < 5:
        return "fewer than 5 fields"
    time_text, callid, queue, agent, event = (p.strip() for p in parts[:5])
    data = tuple(parts[5:])
    try:
        at = datetime.fromtimestamp(float(time_text), UTC)
    except (ValueError, OverflowError, OSError):
        return "time is not a UNIX timestamp"
    if not _EVENT_NAME.match(event):
        return "event name is not valid"
    if callid in _NO_CALLER or queue in ("", "NONE") or event not in CALL_EVENTS:
        return None
    minimum, _ = CALL_EVENTS[event]
    if len(data) < minimum:
        return f"{event} needs {minimum} data fields"
    for index in _NUMERIC.get(event, ()):
        if index < len(data) and data[index].strip() and _number(data[index]) is None:
            return f"{event} field {index + 1} is not a number"
    if event == "ENTERQUEUE" and len(data) >= 2:
        data = (data[0], "", *data[2:])  # the caller id number: never stored
    key_text = "|".join((time_text, callid, queue, agent, event, *data))
    line_key = hashlib.sha256(key_text.encode()).hexdigest()[:32]
    return QueueLogEntry(at=at, callid=callid, queue=queue, agent=agent, event=event, data=data, line_key=line_key)


def parse_lines(lines: Iterable[str], report: ParseReport | None = None, first_line_no: int = 1
                ) -> tuple[list[QueueLogEntry], ParseReport]:
    report = report or ParseReport()
    entries = []
    for offset, line in enumerate(lines):
        if not line.strip():
            continue
        report.lines += 1
        parsed = parse_line(line)
        if isinstance(parsed, str):
            report.add_malformed(first_line_no + offset)
        elif parsed is None:
            report.ignored += 1
        else:
            report.entries += 1
            entries.append(parsed)
    return entries, report


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _field(entry: QueueLogEntry, index: int | None) -> float | None:
    if index is None or index >= len(entry.data):
        return None
    return _number(entry.data[index])


def derive_outcomes(instance: str, entries: Iterable[QueueLogEntry]) -> list[QueueOutcome]:
    """Fold each channel's lines into one outcome per stay in a queue (order of input does not matter)."""
    by_call: dict[str, list[QueueLogEntry]] = defaultdict(list)
    for entry in entries:
        by_call[entry.callid].append(entry)
    outcomes: list[QueueOutcome] = []
    for callid, lines in by_call.items():
        lines.sort(key=lambda e: (e.at, _ORDER.get(e.event, 3)))
        open_stays: dict[str, QueueOutcome] = {}
        for entry in lines:
            stay = open_stays.get(entry.queue)
            if entry.event == "ENTERQUEUE":
                if stay is not None:
                    outcomes.append(stay)
                open_stays[entry.queue] = QueueOutcome(instance, callid, entry.queue, entry.at, "waiting")
                continue
            if entry.event in ("RINGNOANSWER", "RINGCANCELED", "DID", "INFO"):
                if stay is not None and entry.event == "RINGNOANSWER":
                    open_stays[entry.queue] = replace(stay, ring_no_answer=stay.ring_no_answer + 1)
                continue
            _, wait_index = CALL_EVENTS[entry.event]
            waited = _field(entry, wait_index)
            if stay is None:  # the queue_log was read from the middle of this stay
                back = timedelta(seconds=waited or 0)
                stay = QueueOutcome(instance, callid, entry.queue, entry.at - back, "waiting")
            if entry.event == "CONNECT":
                open_stays[entry.queue] = replace(stay, result="answered", connected_at=entry.at, wait_s=waited,
                                                  agent=entry.agent)
            elif entry.event in _ENDS_TALK:
                talk = _field(entry, _ENDS_TALK[entry.event])
                connected_at = stay.connected_at or entry.at - timedelta(seconds=talk or 0)
                outcomes.append(replace(stay, result="answered", ended_at=entry.at, talk_s=talk,
                                        wait_s=stay.wait_s if stay.wait_s is not None else waited,
                                        connected_at=connected_at, agent=stay.agent or entry.agent))
                del open_stays[entry.queue]
            elif entry.event == "AGENTDUMP":
                outcomes.append(replace(stay, ended_at=entry.at))
                open_stays.pop(entry.queue, None)
            else:  # ABANDON, EXIT*, JOIN*
                if waited is None:
                    waited = (entry.at - stay.entered_at).total_seconds()
                outcomes.append(replace(stay, result=_RESULT[entry.event], ended_at=entry.at, wait_s=waited))
                open_stays.pop(entry.queue, None)
        outcomes.extend(open_stays.values())
    return outcomes
