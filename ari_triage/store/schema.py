"""Versioned schema migrations, one list per SQL dialect, applied in order by ``ari-triage db upgrade``.

Rules for new migrations (several ari-triage versions may share a database during an upgrade):
additive only (new tables, new nullable columns, new indexes), never rename or drop in the same release.
The version lives in ``ari_triage_meta`` (key ``schema_version``); so does the per-installation key used to
pseudonymise caller numbers (``pseudonym_key``), created once by the first migration.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    postgres: tuple[str, ...]
    sqlite: tuple[str, ...]


def _ddl(ts: str, boolean: str, false: str, real: str) -> tuple[str, ...]:
    """Version 1, written once for both dialects (they differ only in a few type names)."""
    return (
        "CREATE TABLE IF NOT EXISTS ari_triage_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        f"""CREATE TABLE IF NOT EXISTS calls (
            call_id TEXT PRIMARY KEY,
            instance TEXT NOT NULL DEFAULT '',
            channel_id TEXT,
            started_at {ts},
            local_hour SMALLINT,
            local_weekday SMALLINT,
            caller TEXT,
            caller_key TEXT,
            caller_purged {boolean} NOT NULL DEFAULT {false},
            tree TEXT,
            ended_at {ts},
            outcome TEXT,
            queue TEXT,
            priority INTEGER,
            intent TEXT,
            urgency TEXT,
            unsure {boolean},
            asked_for_person {boolean},
            path TEXT,
            reason TEXT)""",
        "CREATE INDEX IF NOT EXISTS calls_started_at ON calls (started_at)",
        "CREATE INDEX IF NOT EXISTS calls_caller_key ON calls (caller_key, started_at)",
        "CREATE INDEX IF NOT EXISTS calls_channel ON calls (channel_id)",
        f"""CREATE TABLE IF NOT EXISTS call_events (
            call_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            at {ts} NOT NULL,
            kind TEXT NOT NULL,
            data TEXT NOT NULL,
            has_transcript {boolean} NOT NULL DEFAULT {false},
            PRIMARY KEY (call_id, seq))""",
        "CREATE INDEX IF NOT EXISTS call_events_transcripts ON call_events (at) WHERE has_transcript",
        f"""CREATE TABLE IF NOT EXISTS callbacks (
            call_id TEXT NOT NULL,
            requested_at {ts} NOT NULL,
            queue TEXT NOT NULL,
            caller TEXT,
            caller_key TEXT,
            caller_purged {boolean} NOT NULL DEFAULT {false},
            reason TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'open',
            PRIMARY KEY (call_id, requested_at, queue))""",
        "CREATE INDEX IF NOT EXISTS callbacks_caller_key ON callbacks (caller_key, status)",
        f"""CREATE TABLE IF NOT EXISTS queue_log_lines (
            instance TEXT NOT NULL,
            line_key TEXT NOT NULL,
            at {ts} NOT NULL,
            callid TEXT NOT NULL,
            queue TEXT NOT NULL,
            agent TEXT NOT NULL,
            event TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (instance, line_key))""",
        "CREATE INDEX IF NOT EXISTS queue_log_lines_callid ON queue_log_lines (instance, callid)",
        f"""CREATE TABLE IF NOT EXISTS queue_outcomes (
            instance TEXT NOT NULL,
            channel_id TEXT NOT NULL,
            queue TEXT NOT NULL,
            entered_at {ts} NOT NULL,
            ended_at {ts},
            connected_at {ts},
            result TEXT NOT NULL,
            wait_s {real},
            talk_s {real},
            agent TEXT,
            ring_no_answer INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (instance, channel_id, queue, entered_at))""",
        "CREATE INDEX IF NOT EXISTS queue_outcomes_entered ON queue_outcomes (entered_at)",
    )


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "calls, call events, callbacks, queue_log lines and queue outcomes",
        postgres=_ddl("TIMESTAMPTZ", "BOOLEAN", "false", "DOUBLE PRECISION"),
        sqlite=_ddl("TEXT", "INTEGER", "0", "REAL"),
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version
