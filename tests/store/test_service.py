"""StoreService: non-blocking recording, outages, spool replay, caller lookup, close."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import timedelta

import pytest

from ari_triage.store.records import CallbackRequest
from ari_triage.store.service import open_store

from .helpers import T0, call_records

EVENTS = 5


async def _run_calls(service, numbers, pause: float = 0.0) -> None:
    for n in numbers:
        for record in call_records(n, at=T0 + timedelta(minutes=n), events=EVENTS):
            {"CallStart": service.call_started, "CallEvent": service.call_event,
             "CallEnd": service.call_ended}[type(record).__name__](record)
        await asyncio.sleep(pause)


async def _wait_for(predicate, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached in time"
        await asyncio.sleep(0.02)


def _assert_exactly_once(store_env, calls: int) -> None:
    assert store_env.count("SELECT count(*) FROM calls") == calls
    assert store_env.count("SELECT count(*) FROM calls WHERE ended_at IS NOT NULL AND started_at IS NOT NULL") == calls
    assert store_env.count("SELECT count(*) FROM call_events") == calls * EVENTS  # (call_id, seq) is the key


async def test_records_reach_the_database(store_env):
    service = store_env.service()
    await service.start()
    await _run_calls(service, range(20))
    service.callback_requested(CallbackRequest("call-3", T0, "0612345678", "rdv", "rappeler"))
    assert await service.flush()
    await service.close()
    _assert_exactly_once(store_env, 20)
    assert store_env.count("SELECT count(*) FROM callbacks") == 1
    assert service.counters.spooled == service.counters.lost == service.counters.rejected == 0


async def test_database_outage_mid_run_loses_nothing(store_env):
    service = store_env.service()
    await service.start()
    await _run_calls(service, range(0, 30), pause=0.005)
    assert await service.flush()
    store_env.outage_start()
    await _run_calls(service, range(30, 60), pause=0.005)
    await _wait_for(lambda: not service.database_up and service.counters.spooled > 0)
    await _run_calls(service, range(60, 80), pause=0.005)  # still down: these go to the spool too
    store_env.outage_end()
    await _run_calls(service, range(80, 100), pause=0.005)
    assert await service.flush(30), service.counters
    await service.close()
    _assert_exactly_once(store_env, 100)
    assert service.counters.replayed >= service.counters.spooled > 0
    assert service.counters.lost == service.counters.rejected == 0
    assert not service.spool.segments()  # replayed segments are deleted


@pytest.mark.postgres
async def test_backend_connections_killed_mid_run_loses_nothing(store_env):
    if store_env.kind != "postgres":
        pytest.skip("pg_terminate_backend is PostgreSQL's")
    service = store_env.service()
    await service.start()
    for chunk in range(4):
        await _run_calls(service, range(chunk * 25, chunk * 25 + 25), pause=0.002)
        store_env.admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                "WHERE application_name = %s", ("ari-triage test-a",))
    assert await service.flush(30), service.counters
    await service.close()
    _assert_exactly_once(store_env, 100)
    assert service.counters.lost == service.counters.rejected == 0


async def test_full_queue_spills_to_the_spool_instead_of_dropping(store_env):
    service = store_env.service(queue_size=5)
    await service.start()
    store_env.outage_start()  # the writer is stuck: the queue fills
    await _run_calls(service, range(40))
    assert service.counters.spilled > 0
    store_env.outage_end()
    assert await service.flush(30), service.counters
    await service.close()
    _assert_exactly_once(store_env, 40)


async def test_recording_never_blocks_the_call_path(store_env):
    service = store_env.service(queue_size=100000)
    await service.start()
    store_env.outage_start()
    started = time.perf_counter()
    await _run_calls(service, range(200))
    elapsed = time.perf_counter() - started
    store_env.outage_end()
    assert elapsed < 1.0  # 1400 records enqueued while the database hangs
    assert await service.flush(30)
    await service.close()
    _assert_exactly_once(store_env, 200)


async def test_close_flushes_or_spools_everything(store_env):
    service = store_env.service()
    await service.start()
    store_env.outage_start()
    await _run_calls(service, range(10))
    await service.close(timeout_s=10)
    store_env.outage_end()
    assert service.spool.segments() or store_env.count("SELECT count(*) FROM calls") == 10
    # the next start replays what the last one left in the spool
    again = store_env.service()
    await again.start()
    assert await again.flush(30)
    await again.close()
    _assert_exactly_once(store_env, 10)


async def test_records_after_close_are_spooled_not_lost(store_env):
    service = store_env.service()
    await service.start()
    await service.close()
    service.spool = type(service.spool)(store_env.config.store.spool_dir)  # as a late caller would find it
    await _run_calls(service, [1])
    assert service.counters.spilled == EVENTS + 2
    service.spool.close()
    again = store_env.service()
    await again.start()
    assert await again.flush(30)
    await again.close()
    _assert_exactly_once(store_env, 1)


async def test_caller_profile_and_its_timeout(store_env):
    service = store_env.service(lookup_timeout_s=0.3)
    await service.start()
    await _run_calls(service, [1])
    assert await service.flush()
    profile = await service.caller_profile("0612345678")
    assert profile.known and profile.previous_intent == "rdv_prise"
    assert not (await service.caller_profile(None)).known
    if store_env.kind == "postgres":
        store_env.outage_start()  # the server vanishes: the lookup must give up on time
        started = time.perf_counter()
        profile = await service.caller_profile("0612345678")
        assert time.perf_counter() - started < 0.6
        assert not profile.known
        store_env.outage_end()
    await service.close()


async def test_hidden_numbers_when_recording_numbers_is_off(store_env):
    service = store_env.service(backend=store_env.backend(record_caller_numbers=False), record_caller_numbers=False)
    await service.start()
    await _run_calls(service, [1])
    assert await service.flush()
    assert not (await service.caller_profile("0612345678")).known
    await service.close()
    assert store_env.count("SELECT count(*) FROM calls WHERE caller IS NOT NULL OR caller_key IS NOT NULL") == 0


async def test_logs_never_hold_numbers_or_transcripts(store_env, caplog):
    caplog.set_level(logging.DEBUG)
    service = store_env.service()
    await service.start()
    await _run_calls(service, range(3))
    store_env.outage_start()
    await _run_calls(service, range(3, 6))
    await _wait_for(lambda: service.counters.spooled > 0)
    store_env.outage_end()
    assert await service.flush(30)
    service.purge_now()
    await service.close()
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "database unavailable" in text  # the outage was logged...
    assert "0612345678" not in text and "poitrine" not in text  # ...without health data


async def test_open_store_from_config(store_env):
    """SQLite upgrades itself; a PostgreSQL without schema keeps records in the spool until `db upgrade`."""
    service = open_store(store_env.config, purge=True)
    await service.start()
    await _run_calls(service, [1])
    if store_env.kind == "postgres":
        assert not await service.flush(1.0)
        assert service.counters.spooled == EVENTS + 2
        store_env.backend().upgrade()  # what `ari-triage db upgrade` does
    assert await service.flush(15)
    # the service also follows Asterisk's queue_log (store.follow_queue_log) and joins it to the call
    channel = call_records(1)[0].channel_id
    store_env.config.store.queue_log.write_text(f"1762074000|{channel}|secretariat|NONE|ENTERQUEUE||0612345678|1\n"
                                                f"1762074012|{channel}|secretariat|NONE|ABANDON|1|1|12\n")
    await _wait_for(lambda: store_env.count("SELECT count(*) FROM queue_outcomes WHERE channel_id = %s AND "
                                            "result = %s", channel, "abandoned") == 1)
    await service.close()
    assert service.instance == "test-a"
    _assert_exactly_once(store_env, 1)


async def test_service_purges_periodically(store_env):
    service = store_env.service(transcripts_days=1, caller_numbers_days=2, purge_interval_s=0.1)
    await service.start()
    await _run_calls(service, range(3))  # calls of T0, weeks ago
    assert await service.flush()
    await _wait_for(lambda: store_env.count("SELECT count(*) FROM call_events WHERE has_transcript") == 0
                    and store_env.count("SELECT count(*) FROM calls WHERE caller IS NOT NULL") == 0)
    await service.close()
    assert store_env.count("SELECT count(*) FROM calls WHERE intent = %s", "rdv_prise") == 3  # statistics kept


async def test_memory_store_implements_the_same_protocols():
    from ari_triage.store.memory import MemoryStore
    from ari_triage.store.records import CallerLookup, CallRecorder
    from ari_triage.tree.contract import CallerProfile

    store = MemoryStore(profiles={"0612345678": CallerProfile(known=True, previous_intent="resultats")})
    recorder: CallRecorder = store
    lookup: CallerLookup = store
    for record in call_records(1):
        {"CallStart": recorder.call_started, "CallEvent": recorder.call_event,
         "CallEnd": recorder.call_ended}[type(record).__name__](record)
    assert len(store.of_call("call-1")) == 6
    assert (await lookup.caller_profile("+33 6 12 34 56 78")).previous_intent == "resultats"
