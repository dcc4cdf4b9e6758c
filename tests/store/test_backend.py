"""The store contract, run identically on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ari_triage.store.backend import SchemaError, StoreError
from ari_triage.store.records import CallbackRequest, CallEnd, CallEvent, CallStart
from ari_triage.store.schema import LATEST_VERSION

from .helpers import T0, call_records


def test_upgrade_is_idempotent_and_versioned(store_env):
    backend = store_env.backend()
    assert backend.schema_version() == 0
    with pytest.raises(SchemaError, match="db upgrade"):
        backend.check_schema()
    assert backend.upgrade() == (0, LATEST_VERSION)
    assert backend.upgrade() == (LATEST_VERSION, LATEST_VERSION)
    assert backend.check_schema() == LATEST_VERSION


def test_upgrade_refuses_a_newer_schema(backend):
    with backend._tx() as tx:
        tx.execute("UPDATE ari_triage_meta SET value = %s WHERE key = %s", (str(LATEST_VERSION + 1), "schema_version"))
    with pytest.raises(SchemaError, match="newer than this ari-triage knows"):
        backend.upgrade()
    assert backend.schema_version() == LATEST_VERSION + 1  # untouched


def test_writes_are_idempotent_on_replay(backend):
    records = call_records(1) + call_records(2)
    backend.write_records(records)
    backend.write_records(records)  # a spool replay of what was already committed
    backend.write_records(list(reversed(records)))  # in any order
    assert backend.query("SELECT count(*) FROM calls")[0][0] == 2
    assert backend.query("SELECT count(*) FROM call_events")[0][0] == 8
    row = backend.query("SELECT outcome, queue, intent, started_at IS NOT NULL, tree FROM calls WHERE call_id = %s",
                        ("call-1",))[0]
    assert row[:3] == ("route", "secretariat", "rdv_prise") and row[3] and row[4] == "clinique.yaml"


def test_call_end_before_start_still_gives_one_complete_row(backend):
    start, *_events, end = call_records(7)
    backend.write_records([end])
    backend.write_records([start])
    rows = backend.calls_between(T0 - timedelta(hours=1), T0 + timedelta(hours=1))
    assert len(rows) == 1 and rows[0].outcome == "route" and rows[0].channel_id == start.channel_id


def test_several_instances_share_one_database(store_env):
    a, b = store_env.backend("server-a"), store_env.backend("server-b")
    a.upgrade()
    b.upgrade()
    a.write_records(call_records(1, instance="server-a", prefix="a"))
    b.write_records(call_records(1, instance="server-b", prefix="b"))
    rows = a.query("SELECT instance, count(*) FROM calls GROUP BY instance ORDER BY instance")
    assert rows == [("server-a", 1), ("server-b", 1)]


def test_caller_profile_from_recent_history(backend):
    now = T0 + timedelta(days=1)
    backend.write_records(call_records(1, at=T0 - timedelta(days=3)))
    backend.write_records(call_records(2, at=T0 - timedelta(days=45)))  # too old to count
    backend.write_records([CallEnd("call-1", T0, "route", intent="resultats")])
    backend.write_records([CallbackRequest("call-1", T0 - timedelta(days=3), "06 12 34 56 78", "rdv", "rappel")])
    profile = backend.caller_profile("+33 6 12 34 56 78", now=now)  # same number, other spelling
    assert profile.known and profile.calls_last_30_days == 1
    assert profile.previous_intent == "resultats" and profile.open_callback
    assert not backend.caller_profile("0698765432", now=now).known


def test_a_call_in_progress_does_not_make_its_caller_known(backend):
    backend.write_records(call_records(1)[:1])  # started, not ended: it is the current call
    assert not backend.caller_profile("0612345678", now=T0 + timedelta(minutes=1)).known


def test_numbers_not_recorded_when_configured_off(store_env):
    backend = store_env.backend(record_caller_numbers=False)
    backend.upgrade()
    backend.write_records(call_records(1))
    assert backend.query("SELECT caller, caller_key FROM calls") == [(None, None)]
    assert not backend.caller_profile("0612345678").known


def test_purge_removes_transcripts_and_numbers_but_keeps_statistics(backend):
    now = T0 + timedelta(days=100)
    old, recent = T0, now - timedelta(days=1)
    backend.write_records(call_records(1, at=old) + call_records(2, at=recent))
    backend.write_records([CallbackRequest("call-1", old, "0612345678", "rdv", "rappel")])
    counts = backend.purge(transcripts_days=30, caller_numbers_days=90, now=now)
    assert (counts.transcripts, counts.call_numbers, counts.callback_numbers) == (1, 1, 1)
    events = backend.query("SELECT call_id, data FROM call_events WHERE seq = 2 ORDER BY call_id")
    assert "poitrine" not in events[0][1] and '"node"' in events[0][1]
    assert "poitrine" in events[1][1]  # recent transcript kept
    calls = backend.query("SELECT call_id, caller, caller_key IS NOT NULL, intent, outcome FROM calls ORDER BY call_id")
    assert calls[0] == ("call-1", None, True, "rdv_prise", "route")  # pseudonymised, statistics intact
    assert calls[1][1] == "0612345678"
    assert backend.query("SELECT caller FROM callbacks") == [(None,)]
    # a late replay of the old CallStart must not bring the number back
    backend.write_records(call_records(1, at=old)[:1])
    assert backend.query("SELECT caller FROM calls WHERE call_id = %s", ("call-1",)) == [(None,)]
    assert backend.purge(30, 90, now=now).transcripts == 0  # nothing left to purge


def test_pseudonym_is_stable_and_keyed(store_env):
    a = store_env.backend()
    a.upgrade()
    a.write_records(call_records(1) + call_records(2, caller="+33612345678"))
    keys = a.query("SELECT DISTINCT caller_key FROM calls")
    assert len(keys) == 1 and "0612345678" not in keys[0][0] and "12345678" not in keys[0][0]


def test_local_hour_and_weekday_come_from_the_clinic_clock(store_env):
    from zoneinfo import ZoneInfo

    backend = store_env.backend(timezone=ZoneInfo("Europe/Paris"))
    backend.upgrade()
    paris = datetime(2026, 11, 7, 8, 30, tzinfo=ZoneInfo("Europe/Paris"))  # Saturday 08:30 in Paris
    late_utc = datetime(2026, 11, 7, 23, 30, tzinfo=UTC)  # given in UTC: Sunday 00:30 in Paris
    backend.write_records([CallStart("c", "1.1", paris, None, "t", "test-a"),
                           CallStart("d", "1.2", late_utc, None, "t", "test-a")])
    rows = backend.calls_between(paris - timedelta(hours=1), late_utc + timedelta(hours=1))
    assert [(r.local_hour, r.local_weekday) for r in rows] == [(8, 5), (0, 6)]
    assert rows[0].started_at == paris.astimezone(UTC)


def test_event_data_keeps_unicode_and_kinds(backend):
    backend.write_records([CallStart("c", "1.1", T0, None, "t", "test-a"),
                           CallEvent("c", 1, T0, "prompt", {"text": "Bonjour, clinique Sainte-Anne"})])
    assert backend.query("SELECT kind, data FROM call_events") == [
        ("prompt", '{"text": "Bonjour, clinique Sainte-Anne"}')]


def test_concurrent_upgrades_wait_for_each_other(store_env):
    """Several servers starting `db upgrade` at once: one migrates, the others find nothing to do."""
    from concurrent.futures import ThreadPoolExecutor

    backends = [store_env.backend(f"server-{i}") for i in range(4)]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda b: b.upgrade(), backends))
    assert sorted(results) == [(0, LATEST_VERSION)] + [(LATEST_VERSION, LATEST_VERSION)] * 3


async def test_upgrade_while_the_service_writes(store_env):
    service = store_env.service()
    await service.start()
    for n in range(30):
        for record in call_records(n):
            service.call_event(record) if isinstance(record, CallEvent) else \
                service.call_started(record) if isinstance(record, CallStart) else service.call_ended(record)
        if n == 15:
            assert store_env.backend("admin").upgrade() == (LATEST_VERSION, LATEST_VERSION)
    assert await service.flush()
    await service.close()
    assert store_env.count("SELECT count(*) FROM calls") == 30


def test_callbacks_to_do_list_and_done(backend):
    backend.write_records(call_records(1, at=T0) + call_records(2, at=T0 + timedelta(hours=1)))
    backend.write_records([CallbackRequest("call-2", T0 + timedelta(hours=1), "0611111111", "secretariat", "rappel"),
                           CallbackRequest("call-1", T0, "0612345678", "rdv", "fermé")])
    assert [(c.call_id, c.queue, c.caller, c.status) for c in backend.callbacks()] == [
        ("call-1", "rdv", "0612345678", "open"), ("call-2", "secretariat", "0611111111", "open")]
    assert backend.set_callback_status("call-1", "done") == 1
    assert backend.set_callback_status("call-1", "done") == 0  # already done
    assert [c.call_id for c in backend.callbacks()] == ["call-2"]
    assert [c.status for c in backend.callbacks(None)] == ["done", "open"]
    # a done callback no longer makes the caller's profile say "open callback"
    assert not backend.caller_profile("0612345678", now=T0 + timedelta(days=1)).open_callback
    with pytest.raises(StoreError):
        backend.set_callback_status("call-2", "maybe")
