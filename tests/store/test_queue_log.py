"""queue_log: parsing the real captured file, outcomes, truncated/malformed lines, import and follow."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ari_triage.store import demo_data
from ari_triage.store.ingest import QueueLogFollower, import_file
from ari_triage.store.queue_log import derive_outcomes, parse_line, parse_lines

CAPTURED = Path(__file__).resolve().parents[2].parent / "shared" / "asterisk" / "captured" / "queue_log"
if not CAPTURED.is_file():
    CAPTURED = Path("/work/shared/asterisk/captured/queue_log")


def _outcomes(lines):
    entries, report = parse_lines(lines)
    return {o.channel_id: o for o in derive_outcomes("x", entries)}, report


def test_captured_asterisk_queue_log():
    outcomes, report = _outcomes(CAPTURED.read_text().splitlines())
    assert (report.lines, report.entries, report.ignored, report.malformed) == (13, 11, 2, 0)
    answered = outcomes["1795896441.12"]
    assert (answered.queue, answered.result, answered.wait_s, answered.talk_s) == ("urgences", "answered", 0, 2)
    assert answered.agent == "Local/agent@agents" and answered.connected_at is not None
    abandoned = outcomes["1795896465.17"]
    assert (abandoned.queue, abandoned.result, abandoned.wait_s) == ("secretariat", "abandoned", 1)
    timed_out = outcomes["1795896367.0"]
    assert (timed_out.result, timed_out.wait_s) == ("timeout", 4)
    assert timed_out.ended_at - timed_out.entered_at == timedelta(seconds=4)


def test_caller_number_of_enterqueue_is_never_kept():
    entry = parse_line("1795896373|1795896367.0|secretariat|NONE|ENTERQUEUE||0612345678|1")
    assert entry.data == ("", "", "1")
    assert "0612345678" not in repr(entry)


@pytest.mark.parametrize("line", [
    "1795896469|1795896465.17|secr",  # truncated mid-field
    "1795896469|1795896465.17|secretariat|NONE|ABANDON|1|",  # truncated data
    "garbage without pipes",
    "notatime|1795896465.17|secretariat|NONE|ABANDON|1|1|1",
    "1795896469|1795896465.17|secretariat|NONE|abandon?|1|1|1",
    "1795896447|1795896441.12|urgences|Local/agent@agents|CONNECT|soon|1795896447.15|0",
    "\x00\x00\x00\x00",
])
def test_malformed_lines_are_reported_not_fatal(line):
    assert isinstance(parse_line(line), str)


def test_other_events_and_orders():
    lines = [  # CONNECT logged in the same second as ENTERQUEUE, given out of order; a ring that went unanswered
        "100|9.1|rdv|PJSIP/101|CONNECT|3|9.2|1",
        "97|9.1|rdv|NONE|ENTERQUEUE||0611111111|1",
        "98|9.1|rdv|PJSIP/102|RINGNOANSWER|15000",
        "200|9.1|rdv|PJSIP/101|BLINDTRANSFER|300|ext|3|100|1",
        "10|8.1|accueil|NONE|ENTERQUEUE||0622222222|2",
        "15|8.1|accueil|NONE|EXITWITHKEY|1|1|2|5",
        "20|8.1|rdv|NONE|ENTERQUEUE||0622222222|1",  # re-entered another queue from the dialplan
        "50|7.1|accueil|NONE|EXITEMPTY|1|1|30",  # the follower started after its ENTERQUEUE
        "60|6.1|accueil|NONE|ENTERQUEUE||0633333333|1",  # still waiting
        "1|NONE|NONE|NONE|QUEUESTART|",
        "2|NONE|rdv|PJSIP/101|PAUSE|lunch",
    ]
    entries, report = parse_lines(lines)
    assert report.ignored == 2
    outcomes = derive_outcomes("x", entries)
    by_key = {(o.channel_id, o.queue): o for o in outcomes}
    transfer = by_key[("9.1", "rdv")]
    assert (transfer.result, transfer.wait_s, transfer.talk_s, transfer.ring_no_answer) == ("answered", 3, 100, 1)
    assert by_key[("8.1", "accueil")].result == "exit_key" and by_key[("8.1", "accueil")].wait_s == 5
    assert by_key[("8.1", "rdv")].result == "waiting"
    empty = by_key[("7.1", "accueil")]
    assert empty.result == "exit_empty" and empty.entered_at == datetime.fromtimestamp(20, UTC)
    assert by_key[("6.1", "accueil")].result == "waiting"


def _realistic_file(path: Path) -> list[str]:
    data = demo_data.generate(days=3, end=datetime(2026, 11, 6, 18, tzinfo=demo_data.CLINIC_TZ), calls_per_day=40)
    lines = data.queue_log[:]
    lines.insert(0, "1762000000|NONE|NONE|NONE|QUEUESTART|\n")
    lines.insert(10, "1762000001|1762000001.1|rdv|NONE|ENTER\n")  # unknown (truncated) event name: ignored
    lines.insert(20, "1762000002|17620\n")  # truncated
    lines.insert(30, "\xff\xfe garbage \n")  # not even text
    path.write_bytes("".join(lines).encode("utf-8", errors="replace") + b"1762999999|1762999999.9|rdv|NONE|ABAN")
    return lines


def test_import_realistic_file_with_bad_lines_is_idempotent(backend, tmp_path):
    path = tmp_path / "queue_log"
    lines = _realistic_file(path)
    first = import_file(backend, path)
    assert first.parse.malformed == 2  # the truncated line and the garbage
    assert first.parse.ignored == 3  # QUEUESTART, and two truncated event names that are no known event
    assert first.new == len(lines) - 4 and first.known == 0
    assert first.parse.malformed_lines[0] == 21
    again = import_file(backend, path)
    assert again.new == 0 and again.known == first.new
    stays = backend.query("SELECT count(*) FROM queue_outcomes")[0][0]
    assert stays == sum(1 for line in lines if "|ENTERQUEUE|" in line)


def test_follow_growing_rotated_truncated_file(backend, tmp_path):
    log = tmp_path / "queue_log"
    state = tmp_path / "state.json"
    follower = QueueLogFollower(backend, log, state, poll_s=0.01)
    assert follower.step() == 0  # no file yet: wait for it
    log.write_text("10|1.1|rdv|NONE|ENTERQUEUE||0611111111|1\n20|1.1|rdv|PJSIP/1|CONN")
    assert follower.step() == 1  # the line being written is left for later
    with open(log, "a") as handle:
        handle.write("ECT|10|1.2|1\n")
    assert follower.step() == 1
    assert backend.query("SELECT result FROM queue_outcomes") == [("answered",)]
    # restart: the new follower resumes at the saved offset
    follower.close()
    follower = QueueLogFollower(backend, log, state, poll_s=0.01)
    with open(log, "a") as handle:
        handle.write("90|1.1|rdv|PJSIP/1|COMPLETECALLER|10|70|1\n")
    assert follower.step() == 1 and follower.report.known == 0
    # rotation: the last lines of the old file are still read, then the new file from its start
    with open(log, "a") as handle:
        handle.write("100|2.1|accueil|NONE|ENTERQUEUE||0622222222|1\n")
    os.rename(log, tmp_path / "queue_log.1")
    log.write_text("130|2.1|accueil|NONE|ABANDON|1|1|30\n")
    assert follower.step() == 2
    results = dict(backend.query("SELECT channel_id, result FROM queue_outcomes"))
    assert results == {"1.1": "answered", "2.1": "abandoned"}
    # truncation in place (copytruncate)
    log.write_text("200|3.1|rdv|NONE|ENTERQUEUE||0633333333|1\n")
    assert follower.step() == 1
    assert backend.query("SELECT result FROM queue_outcomes WHERE channel_id = %s", ("3.1",)) == [("waiting",)]
    follower.close()
