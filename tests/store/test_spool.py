"""The spool survives kill -9: everything it acknowledged is replayed exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from ari_triage.store.spool import Spool, SpoolError

from .helpers import EVENTS_PER_CALL, call_records

WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {tests!r})
    from ari_triage.store.spool import Spool
    from store.helpers import call_records
    spool = Spool({spool!r})
    n = 0
    while True:
        spool.append(call_records(n))   # one call's records, fsync'd
        print(n, flush=True)            # acknowledged only after append returned
        n += 1
""")


async def test_kill_9_while_spooling_loses_nothing_acknowledged(store_env, tmp_path):
    spool_dir = tmp_path / "crash-spool"
    script = WRITER.format(tests=str(os.path.dirname(os.path.dirname(__file__))), spool=str(spool_dir))
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    acknowledged = -1
    assert proc.stdout is not None
    for line in proc.stdout:
        acknowledged = int(line)
        if acknowledged >= 150:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # a torn last line, as a kill in the middle of write() would leave
    last = sorted((spool_dir / "records").glob("*.jsonl"))[-1]
    with open(last, "a") as handle:
        handle.write('{"type": "event", "call_id": "torn", "se')
    backend = store_env.backend()
    backend.upgrade()
    service = store_env.service(backend=backend, spool_dir=spool_dir)
    await service.start()
    assert await service.flush(60)
    await service.close()
    calls = store_env.count("SELECT count(*) FROM calls")
    assert calls >= acknowledged + 1  # every acknowledged call is there (the one being written may be too)
    assert store_env.count("SELECT count(*) FROM call_events") == calls * EVENTS_PER_CALL
    assert store_env.count("SELECT count(*) FROM calls WHERE ended_at IS NULL") <= 1
    assert service.counters.rejected == 1  # the torn line, set aside with its reason
    rejected = (spool_dir / "records" / "rejected.jsonl").read_text().splitlines()
    assert "undecodable" in json.loads(rejected[0])["reason"]


def test_a_second_process_cannot_share_the_spool(tmp_path):
    first = Spool(tmp_path)
    with pytest.raises(SpoolError, match="another ari-triage process"):
        Spool(tmp_path)
    first.close()
    Spool(tmp_path).close()


def test_new_process_never_appends_to_an_old_segment(tmp_path):
    spool = Spool(tmp_path)
    spool.append(call_records(1))
    spool.close()
    again = Spool(tmp_path)
    again.append(call_records(2))
    assert len(again.segments()) == 2 and again.has_data()
    sealed = again.seal()
    records = [r for segment in sealed for chunk, _bad in again.read(segment) for r in chunk]
    assert records[0].call_id == "call-1" and records[-1].call_id == "call-2"
    for segment in sealed:
        again.done(segment)
    assert not again.has_data()
    again.close()
