"""The store's commands, run through the real CLI entry point on both backends."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ari_triage.cli.main import cli
from ari_triage.store.schema import LATEST_VERSION

from .test_queue_log import CAPTURED


def _run(store_env, *args: str):
    store = store_env.config.store
    config = store_env.tmp / "ari-triage.yaml"
    config.write_text(
        "store:\n"
        f"  backend: {store.backend}\n"
        f"  sqlite_path: {store_env.tmp / 'store.sqlite3'}\n"
        f"  postgres_dsn: \"{store.postgres_dsn}\"\n"
        f"  spool_dir: {store_env.tmp / 'cli-spool'}\n"
        "  instance: test-a\n")
    result = CliRunner().invoke(cli, ["--config", str(config), *args], catch_exceptions=False)
    return result


def test_db_upgrade_status_and_newer_schema(store_env):
    status = _run(store_env, "db", "status")
    assert status.exit_code == 0 and "version 0" in status.output and "db upgrade" in status.output
    first = _run(store_env, "db", "upgrade")
    assert first.exit_code == 0 and f"from version 0 to {LATEST_VERSION}" in first.output
    again = _run(store_env, "db", "upgrade")
    assert again.exit_code == 0 and "nothing to do" in again.output
    backend = store_env.backend()
    with backend._tx() as tx:
        tx.execute("UPDATE ari_triage_meta SET value = %s WHERE key = %s", ("99", "schema_version"))
    refused = _run(store_env, "db", "upgrade")
    assert refused.exit_code == 1 and "newer than this ari-triage knows" in refused.output


def test_queue_log_import_stats_report_purge(store_env):
    assert _run(store_env, "db", "upgrade").exit_code == 0
    seed = _run(store_env, "db", "seed-demo", "--days", "10", "--yes")
    assert seed.exit_code == 0 and "demo data:" in seed.output
    imported = _run(store_env, "queue-log", "import", str(CAPTURED))
    assert imported.exit_code == 0 and "11 new" in imported.output
    again = _run(store_env, "queue-log", "import", str(CAPTURED))
    assert "0 new, 11 already imported" in again.output
    stats = _run(store_env, "stats", "--json")
    assert stats.exit_code == 0
    data = json.loads(stats.output)
    assert data["calls"] > 100 and "secretariat" in data["queues"]
    text = _run(store_env, "stats", "--from", "2020-01-01")
    assert text.exit_code == 0 and "Files d'attente" in text.output
    page = store_env.tmp / "rapport.html"
    report = _run(store_env, "report", "--html", str(page))
    assert report.exit_code == 0 and page.read_text().startswith("<!DOCTYPE html>")
    purged = _run(store_env, "purge")
    assert purged.exit_code == 0 and "purged:" in purged.output
    bad = _run(store_env, "stats", "--from", "yesterday")
    assert bad.exit_code == 2 and "not a date" in bad.output


def test_missing_queue_log_file_is_a_clear_error(store_env):
    _run(store_env, "db", "upgrade")
    result = _run(store_env, "queue-log", "import", str(store_env.tmp / "nope"))
    assert result.exit_code == 1 and "cannot read the queue log" in result.output


def test_seed_demo_refuses_postgres_without_yes(store_env):
    if store_env.kind != "postgres":
        pytest.skip("SQLite is the demo store: seeding it needs no confirmation")
    result = _run(store_env, "db", "seed-demo")
    assert result.exit_code == 2 and "--yes" in result.output


def test_callbacks_list_and_done(store_env):
    from datetime import timedelta

    from ari_triage.store.records import CallbackRequest

    from .helpers import T0, call_records

    assert _run(store_env, "db", "upgrade").exit_code == 0
    backend = store_env.backend()
    request = CallbackRequest("call-1", T0 + timedelta(minutes=1), "0612345678", "secretariat", "clinique fermée")
    backend.write_records([*call_records(1, at=T0), request])
    listed = _run(store_env, "callbacks", "list")
    assert listed.exit_code == 0 and "0612345678" in listed.output and "call-1" in listed.output
    assert "1 callback(s) to make" in listed.output
    rows = [json.loads(line) for line in _run(store_env, "callbacks", "list", "--json").output.splitlines()]
    assert rows == [{"call_id": "call-1", "requested_at": rows[0]["requested_at"], "queue": "secretariat",
                     "caller": "0612345678", "reason": "clinique fermée", "status": "open"}]
    done = _run(store_env, "callbacks", "done", "call-1")
    assert done.exit_code == 0 and "done" in done.output
    assert "0 callback(s) to make" in _run(store_env, "callbacks", "list").output
    unknown = _run(store_env, "callbacks", "done", "call-404")
    assert unknown.exit_code == 1 and "no callback request for call 'call-404'" in unknown.output
