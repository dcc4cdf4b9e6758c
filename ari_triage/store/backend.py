"""Database backends: one SQL implementation over two drivers (PostgreSQL via psycopg 3 + pool, SQLite).

Everything here is synchronous and runs in the store's writer thread or a worker thread, never on the event
loop. All SQL is parameterised (``%s`` placeholders, rewritten to ``?`` for SQLite). Errors are sorted into
:class:`StoreUnavailable` (retry later: the records wait in the spool) and :class:`StoreError` (this data
cannot be written: it is set aside, never dropped).
"""

from __future__ import annotations

import json
import logging
import secrets
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any, Protocol

from ari_triage.errors import TriageError
from ari_triage.store.codec import Record, utc
from ari_triage.store.privacy import TRANSCRIPT_KEYS, pseudonym
from ari_triage.store.queue_log import derive_outcomes
from ari_triage.store.records import CallbackRequest, CallEnd, CallEvent, CallStart
from ari_triage.store.rows import CallbackRow, CallRow, PurgeCounts, QueueLogEntry, QueueOutcome
from ari_triage.store.schema import LATEST_VERSION, MIGRATIONS
from ari_triage.tree.contract import CallerProfile

log = logging.getLogger(__name__)

PROFILE_DAYS = 30  # "recent history" used for caller recognition
CALLBACK_OPEN = "open"
CALLBACK_STATUSES = (CALLBACK_OPEN, "done")
_CHUNK = 500


class StoreError(TriageError):
    """The database refused this data (a bug or bad record): not worth retrying as is."""

    code = "store"


class StoreUnavailable(StoreError):
    """The database cannot be reached or used right now (down, locked, schema missing, no permission)."""

    code = "store-unavailable"


class SchemaError(StoreUnavailable):
    code = "store-schema"


class StoreBackend(Protocol):
    """What the service, the CLI and the tests need from a database."""

    name: str
    instance: str

    def schema_version(self) -> int: ...
    def upgrade(self) -> tuple[int, int]: ...
    def check_schema(self) -> int: ...
    def write_records(self, records: Sequence[Record]) -> None: ...
    def caller_profile(self, caller: str, now: datetime | None = None) -> CallerProfile: ...
    def purge(self, transcripts_days: int, caller_numbers_days: int, now: datetime | None = None) -> PurgeCounts: ...
    def add_queue_log(self, entries: Sequence[QueueLogEntry]) -> tuple[int, int]: ...
    def calls_between(self, start: datetime, end: datetime) -> list[CallRow]: ...
    def outcomes_between(self, start: datetime, end: datetime) -> list[QueueOutcome]: ...
    def callbacks(self, status: str | None = CALLBACK_OPEN) -> list[CallbackRow]: ...
    def set_callback_status(self, call_id: str, status: str) -> int: ...
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]: ...
    def close(self) -> None: ...


class SqlBackend:
    """The SQL shared by both dialects. Subclasses provide connections, transactions and value adaptation."""

    name = "sql"

    def __init__(self, instance: str, record_caller_numbers: bool = True, timezone: tzinfo | None = None):
        self.instance = instance
        self.record_caller_numbers = record_caller_numbers
        self.timezone = timezone  # clinic time for hour/weekday statistics; None: this server's local time
        self._key: bytes | None = None

    # ---- provided by the dialect
    @contextmanager
    def _tx(self, write: bool = True) -> Iterator[Any]:
        raise NotImplementedError
        yield

    @contextmanager
    def _migration_tx(self) -> Iterator[Any]:
        raise NotImplementedError
        yield

    def _table_exists(self, tx: Any, table: str) -> bool:
        raise NotImplementedError

    def _ts(self, moment: datetime | None) -> Any:
        return None if moment is None else utc(moment)

    def _read_ts(self, value: Any) -> datetime | None:
        return value

    _strip_transcript_sql = ""

    def close(self) -> None:
        pass

    # ---- schema
    def _version(self, tx: Any) -> int:
        if not self._table_exists(tx, "ari_triage_meta"):
            return 0
        row = tx.execute("SELECT value FROM ari_triage_meta WHERE key = %s", ("schema_version",)).fetchone()
        return int(row[0]) if row else 0

    def schema_version(self) -> int:
        with self._tx(write=False) as tx:
            return self._version(tx)

    def check_schema(self) -> int:
        version = self.schema_version()
        if version < LATEST_VERSION:
            raise SchemaError(f"the {self.name} database schema is at version {version}, this ari-triage needs "
                              f"{LATEST_VERSION}", hint="run: ari-triage db upgrade")
        return version

    def upgrade(self) -> tuple[int, int]:
        """Apply the missing migrations in one transaction, under a lock (other instances wait)."""
        with self._migration_tx() as tx:
            current = self._version(tx)
            if current > LATEST_VERSION:
                raise SchemaError(
                    f"the database schema is at version {current}, newer than this ari-triage knows "
                    f"({LATEST_VERSION}); refusing to touch it", hint="upgrade ari-triage on this server")
            if current == LATEST_VERSION:
                return current, LATEST_VERSION  # nothing to do, and nothing written (a read-only role may ask)
            for migration in MIGRATIONS:
                if migration.version > current:
                    for statement in getattr(migration, self.dialect):
                        tx.execute(statement)
            tx.execute("INSERT INTO ari_triage_meta (key, value) VALUES (%s, %s) ON CONFLICT (key) DO NOTHING",
                       ("pseudonym_key", secrets.token_hex(32)))
            tx.execute("INSERT INTO ari_triage_meta (key, value) VALUES (%s, %s) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                       ("schema_version", str(LATEST_VERSION)))
        return current, LATEST_VERSION

    dialect = "sql"

    def _pseudonym_key(self, tx: Any) -> bytes:
        if self._key is None:
            row = tx.execute("SELECT value FROM ari_triage_meta WHERE key = %s", ("pseudonym_key",)).fetchone()
            if row is None:
                raise SchemaError("the database has no pseudonymisation key", hint="run: ari-triage db upgrade")
            self._key = bytes.fromhex(row[0])
        return self._key

    def _caller(self, tx: Any, caller: str | None) -> tuple[str | None, str | None]:
        if not caller or not self.record_caller_numbers:
            return None, None
        return caller, pseudonym(caller, self._pseudonym_key(tx))

    # ---- writing
    def write_records(self, records: Sequence[Record]) -> None:
        """Write a batch in one transaction. Idempotent: replaying the same records changes nothing."""
        if not records:
            return
        with self._tx(write=False) as tx:
            starts, events, ends, callbacks = [], [], [], []
            for record in records:
                if isinstance(record, CallStart):
                    caller, caller_key = self._caller(tx, record.caller)
                    local = record.started_at.astimezone(self.timezone)
                    starts.append((record.call_id, record.instance, record.channel_id, self._ts(record.started_at),
                                   local.hour, local.weekday(), caller, caller_key, record.tree))
                elif isinstance(record, CallEvent):
                    data = json.dumps(record.data, ensure_ascii=False, default=str, sort_keys=True)
                    has_transcript = any(k in record.data for k in TRANSCRIPT_KEYS)
                    events.append((record.call_id, record.seq, self._ts(record.at), record.kind, data,
                                   self._bool(has_transcript)))
                elif isinstance(record, CallEnd):
                    ends.append((record.call_id, self._ts(record.ended_at), record.outcome, record.queue,
                                 record.priority, record.intent, record.urgency, self._bool(record.unsure),
                                 self._bool(record.asked_for_person), json.dumps(list(record.path)), record.reason))
                elif isinstance(record, CallbackRequest):
                    caller, caller_key = self._caller(tx, record.caller)
                    callbacks.append((record.call_id, self._ts(record.at), record.queue, caller, caller_key,
                                      record.reason))
                else:
                    raise StoreError(f"not a store record: {type(record).__name__}")
            if starts:
                tx.executemany(
                    "INSERT INTO calls (call_id, instance, channel_id, started_at, local_hour, local_weekday, caller,"
                    " caller_key, tree) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (call_id) DO UPDATE"
                    " SET instance = excluded.instance, channel_id = excluded.channel_id,"
                    " started_at = excluded.started_at, local_hour = excluded.local_hour,"
                    " local_weekday = excluded.local_weekday,"
                    " caller = CASE WHEN calls.caller_purged THEN NULL ELSE excluded.caller END,"
                    " caller_key = excluded.caller_key, tree = excluded.tree", starts)
            if events:
                tx.executemany(
                    "INSERT INTO call_events (call_id, seq, at, kind, data, has_transcript)"
                    " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (call_id, seq) DO NOTHING", events)
            if ends:
                tx.executemany(
                    "INSERT INTO calls (call_id, ended_at, outcome, queue, priority, intent, urgency, unsure,"
                    " asked_for_person, path, reason) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
                    " ON CONFLICT (call_id) DO UPDATE SET ended_at = excluded.ended_at, outcome = excluded.outcome,"
                    " queue = excluded.queue, priority = excluded.priority, intent = excluded.intent,"
                    " urgency = excluded.urgency, unsure = excluded.unsure,"
                    " asked_for_person = excluded.asked_for_person, path = excluded.path, reason = excluded.reason",
                    ends)
            if callbacks:
                tx.executemany(
                    "INSERT INTO callbacks (call_id, requested_at, queue, caller, caller_key, reason)"
                    " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (call_id, requested_at, queue) DO NOTHING",
                    callbacks)

    def _bool(self, value: bool) -> Any:
        return value

    # ---- reading
    def caller_profile(self, caller: str, now: datetime | None = None) -> CallerProfile:
        if not caller or not self.record_caller_numbers:
            return CallerProfile()
        since = self._ts((now or datetime.now(UTC)) - timedelta(days=PROFILE_DAYS))
        with self._tx(write=False) as tx:
            key = pseudonym(caller, self._pseudonym_key(tx))
            count = tx.execute("SELECT count(*) FROM calls WHERE caller_key = %s AND started_at >= %s"
                               " AND ended_at IS NOT NULL", (key, since)).fetchone()[0]
            last = tx.execute("SELECT intent FROM calls WHERE caller_key = %s AND started_at >= %s"
                              " AND ended_at IS NOT NULL AND intent IS NOT NULL ORDER BY started_at DESC LIMIT 1",
                              (key, since)).fetchone()
            callback = tx.execute("SELECT 1 FROM callbacks WHERE caller_key = %s AND status = %s"
                                  " AND requested_at >= %s LIMIT 1", (key, "open", since)).fetchone()
        return CallerProfile(known=count > 0, previous_intent=last[0] if last else None,
                             open_callback=callback is not None, calls_last_30_days=int(count))

    def calls_between(self, start: datetime, end: datetime) -> list[CallRow]:
        with self._tx(write=False) as tx:
            rows = tx.execute(
                "SELECT call_id, instance, channel_id, started_at, local_hour, local_weekday, ended_at, outcome,"
                " queue, intent, urgency, unsure, asked_for_person FROM calls"
                " WHERE started_at >= %s AND started_at < %s ORDER BY started_at",
                (self._ts(start), self._ts(end))).fetchall()
        return [CallRow(r[0], r[1], r[2], self._read_ts(r[3]), r[4], r[5], self._read_ts(r[6]), r[7], r[8], r[9],
                        r[10], bool(r[11]), bool(r[12])) for r in rows]

    def outcomes_between(self, start: datetime, end: datetime) -> list[QueueOutcome]:
        with self._tx(write=False) as tx:
            rows = tx.execute(
                "SELECT instance, channel_id, queue, entered_at, result, ended_at, connected_at, wait_s, talk_s,"
                " agent, ring_no_answer FROM queue_outcomes WHERE entered_at >= %s AND entered_at < %s"
                " ORDER BY entered_at", (self._ts(start), self._ts(end))).fetchall()
        return [QueueOutcome(r[0], r[1], r[2], self._read_ts(r[3]), r[4], self._read_ts(r[5]), self._read_ts(r[6]),
                             r[7], r[8], r[9], r[10]) for r in rows]

    # ---- callbacks (the team's to-do list)
    def callbacks(self, status: str | None = CALLBACK_OPEN) -> list[CallbackRow]:
        """Callback requests, oldest first; ``status=None`` for all."""
        where, params = ("WHERE status = %s", (status,)) if status else ("", ())
        with self._tx(write=False) as tx:
            rows = tx.execute("SELECT call_id, requested_at, queue, caller, reason, status FROM callbacks "
                              f"{where} ORDER BY requested_at, call_id", params).fetchall()
        return [CallbackRow(r[0], self._read_ts(r[1]), r[2], r[3], r[4], r[5]) for r in rows]

    def set_callback_status(self, call_id: str, status: str) -> int:
        """Mark the callback(s) of a call done (or open again); returns how many rows changed."""
        if status not in CALLBACK_STATUSES:
            raise StoreError(f"unknown callback status {status!r} (use {' or '.join(CALLBACK_STATUSES)})")
        with self._tx() as tx:
            return max(tx.execute("UPDATE callbacks SET status = %s WHERE call_id = %s AND status <> %s",
                                  (status, call_id, status)).rowcount, 0)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """Read-only helper for tests and diagnostics (parameterised)."""
        with self._tx() as tx:
            return [tuple(row) for row in tx.execute(sql, tuple(params)).fetchall()]

    # ---- retention
    def purge(self, transcripts_days: int, caller_numbers_days: int, now: datetime | None = None) -> PurgeCounts:
        """Delete transcripts and replace caller numbers by their pseudonym once older than configured.
        Statistics columns (intent, outcome, waits...) are untouched."""
        now = now or datetime.now(UTC)
        transcripts_before = self._ts(now - timedelta(days=transcripts_days))
        numbers_before = self._ts(now - timedelta(days=caller_numbers_days))
        with self._tx() as tx:
            transcripts = tx.execute(
                f"UPDATE call_events SET data = {self._strip_transcript_sql}, has_transcript = %s"
                " WHERE has_transcript AND at < %s", (self._bool(False), transcripts_before)).rowcount
            calls = tx.execute(
                "UPDATE calls SET caller = NULL, caller_purged = %s WHERE caller IS NOT NULL AND started_at < %s",
                (self._bool(True), numbers_before)).rowcount
            callbacks = tx.execute(
                "UPDATE callbacks SET caller = NULL, caller_purged = %s WHERE caller IS NOT NULL AND requested_at < %s",
                (self._bool(True), numbers_before)).rowcount
        return PurgeCounts(transcripts=max(transcripts, 0), call_numbers=max(calls, 0),
                           callback_numbers=max(callbacks, 0))

    # ---- queue_log
    def add_queue_log(self, entries: Sequence[QueueLogEntry]) -> tuple[int, int]:
        """Store parsed queue_log lines (idempotent) and recompute the outcomes of the calls they touch.
        Returns (new lines, lines already known)."""
        new = 0
        touched: set[str] = set()
        with self._tx() as tx:
            for entry in entries:
                cursor = tx.execute(
                    "INSERT INTO queue_log_lines (instance, line_key, at, callid, queue, agent, event, data)"
                    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (instance, line_key) DO NOTHING",
                    (self.instance, entry.line_key, self._ts(entry.at), entry.callid, entry.queue, entry.agent,
                     entry.event, json.dumps(list(entry.data))))
                if cursor.rowcount and cursor.rowcount > 0:
                    new += 1
                    touched.add(entry.callid)
            ids = sorted(touched)
            for i in range(0, len(ids), _CHUNK):
                chunk = ids[i:i + _CHUNK]
                marks = ", ".join(["%s"] * len(chunk))
                rows = tx.execute(
                    "SELECT at, callid, queue, agent, event, data, line_key FROM queue_log_lines"
                    f" WHERE instance = %s AND callid IN ({marks})", (self.instance, *chunk)).fetchall()
                lines = [QueueLogEntry(self._read_ts(r[0]), r[1], r[2], r[3], r[4], tuple(json.loads(r[5])), r[6])
                         for r in rows]
                tx.execute(f"DELETE FROM queue_outcomes WHERE instance = %s AND channel_id IN ({marks})",
                           (self.instance, *chunk))
                outcomes = derive_outcomes(self.instance, lines)
                tx.executemany(
                    "INSERT INTO queue_outcomes (instance, channel_id, queue, entered_at, ended_at, connected_at,"
                    " result, wait_s, talk_s, agent, ring_no_answer) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s,"
                    " %s, %s) ON CONFLICT (instance, channel_id, queue, entered_at) DO NOTHING",
                    [(o.instance, o.channel_id, o.queue, self._ts(o.entered_at), self._ts(o.ended_at),
                      self._ts(o.connected_at), o.result, o.wait_s, o.talk_s, o.agent, o.ring_no_answer)
                     for o in outcomes])
        return new, len(entries) - new


# ------------------------------------------------------------------------------------------------ SQLite


class _SqliteTx:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql.replace("%s", "?"), params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> sqlite3.Cursor:
        return self.conn.executemany(sql.replace("%s", "?"), rows)


class SqliteBackend(SqlBackend):
    """Embedded store: one file, one connection per thread, WAL journal."""

    name = "sqlite"
    dialect = "sqlite"
    _strip_transcript_sql = "json_remove(data, " + ", ".join(f"'$.{k}'" for k in TRANSCRIPT_KEYS) + ")"

    def __init__(self, path: Path, instance: str, record_caller_numbers: bool = True, busy_timeout_s: float = 2.0,
                 timezone: tzinfo | None = None):
        super().__init__(instance, record_caller_numbers, timezone)
        self.path = Path(path)
        self.busy_timeout_s = busy_timeout_s
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, timeout=self.busy_timeout_s, isolation_level=None,
                                       check_same_thread=False)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=FULL")
            except (sqlite3.Error, OSError) as exc:
                raise StoreUnavailable(f"cannot open the SQLite store {self.path}: {exc}") from exc
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    @contextmanager
    def _tx(self, write: bool = True) -> Iterator[_SqliteTx]:
        conn = self._conn()
        try:
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield _SqliteTx(conn)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:  # locked, disk I/O, no such table...
            raise StoreUnavailable(f"SQLite store {self.path}: {exc}") from exc
        except sqlite3.Error as exc:
            raise StoreError(f"SQLite store {self.path}: {exc}") from exc

    @contextmanager
    def _migration_tx(self) -> Iterator[_SqliteTx]:
        with self._tx(write=True) as tx:
            yield tx

    def _table_exists(self, tx: Any, table: str) -> bool:
        return tx.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", (table,)).fetchone() \
            is not None

    def _ts(self, moment: datetime | None) -> Any:
        return None if moment is None else utc(moment).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")

    def _read_ts(self, value: Any) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)

    def _bool(self, value: bool) -> Any:
        return int(value)

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()


# ------------------------------------------------------------------------------------------------ PostgreSQL


class _PgTx:
    def __init__(self, conn: Any):
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Any:
        cursor = self.conn.cursor()
        cursor.executemany(sql, rows)
        return cursor


class PostgresBackend(SqlBackend):
    """Production store: psycopg 3 with a connection pool; several ari-triage servers may share it."""

    name = "postgres"
    dialect = "postgres"
    _strip_transcript_sql = "(data::jsonb - " + " - ".join(f"'{k}'" for k in TRANSCRIPT_KEYS) + ")::text"

    def __init__(self, dsn: str, instance: str, record_caller_numbers: bool = True, pool_size: int = 4,
                 timeout_s: float = 3.0, timezone: tzinfo | None = None):
        super().__init__(instance, record_caller_numbers, timezone)
        if not dsn:
            raise StoreError("store.backend is postgres but no connection string is set",
                             hint="set ARI_TRIAGE_STORE_POSTGRES_DSN (postgresql://user:password@host/db)")
        import psycopg_pool

        self.dsn = dsn
        self.timeout_s = timeout_s
        self._pool = psycopg_pool.ConnectionPool(
            dsn, min_size=1, max_size=pool_size, open=False, timeout=timeout_s, name="ari-triage",
            kwargs={"connect_timeout": max(1, int(timeout_s)), "application_name": f"ari-triage {instance}"},
            configure=self._configure, check=psycopg_pool.ConnectionPool.check_connection,
            reconnect_timeout=3600)
        self._pool.open(wait=False)

    @staticmethod
    def _configure(conn: Any) -> None:
        conn.autocommit = True
        conn.execute("SET statement_timeout = 15000")
        conn.execute("SET lock_timeout = 5000")
        conn.autocommit = False

    @contextmanager
    def _tx(self, write: bool = True) -> Iterator[Any]:
        import psycopg
        import psycopg_pool

        try:
            with self._pool.connection() as conn:
                yield _PgTx(conn)
        except (psycopg.OperationalError, psycopg.InterfaceError, psycopg_pool.PoolTimeout,
                psycopg.errors.UndefinedTable, psycopg.errors.UndefinedColumn,
                psycopg.errors.InsufficientPrivilege, psycopg.errors.ReadOnlySqlTransaction) as exc:
            raise StoreUnavailable(f"PostgreSQL store: {_one_line(exc)}") from exc
        except psycopg.Error as exc:
            raise StoreError(f"PostgreSQL store: {_one_line(exc)}") from exc

    @contextmanager
    def _migration_tx(self) -> Iterator[Any]:
        import psycopg

        try:
            with psycopg.connect(self.dsn, connect_timeout=max(1, int(self.timeout_s))) as conn:
                conn.execute("SET lock_timeout = '10s'")
                # One upgrade at a time per schema, even with several instances starting together.
                conn.execute("SELECT pg_advisory_xact_lock(hashtext('ari-triage migrate ' || current_schema()))")
                yield _PgTx(conn)
        except psycopg.OperationalError as exc:
            raise StoreUnavailable(f"PostgreSQL store: {_one_line(exc)}") from exc
        except psycopg.errors.InsufficientPrivilege as exc:
            raise StoreError(f"PostgreSQL store: {_one_line(exc)}",
                             hint="run 'ari-triage db upgrade' with the role that owns the schema "
                                  "(see docs/store.md), not the application's role") from exc
        except psycopg.Error as exc:
            raise StoreError(f"PostgreSQL store: {_one_line(exc)}") from exc

    def _table_exists(self, tx: Any, table: str) -> bool:
        return tx.execute("SELECT to_regclass(%s) IS NOT NULL", (table,)).fetchone()[0]

    def _read_ts(self, value: Any) -> datetime | None:
        return value

    def close(self) -> None:
        self._pool.close(timeout=2)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300]


def open_backend(config: Any, instance: str | None = None) -> SqlBackend:
    """The backend named by ``config.store`` (used by the service and every CLI command)."""
    store = config.store
    name = instance or instance_name(config)
    zone = clinic_timezone(config)
    if store.backend == "postgres":
        return PostgresBackend(store.postgres_dsn, name, config.retention.record_caller_numbers,
                               pool_size=getattr(store, "pool_size", 4), timezone=zone)
    return SqliteBackend(store.sqlite_path, name, config.retention.record_caller_numbers, timezone=zone)


def clinic_timezone(config: Any) -> tzinfo | None:
    """``store.timezone`` (e.g. Europe/Paris), or None for this server's local time."""
    name = getattr(config.store, "timezone", "")
    if not name:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise StoreError(f"store.timezone: unknown time zone '{name}'",
                         hint="use a name such as Europe/Paris (see /usr/share/zoneinfo)") from None


def instance_name(config: Any) -> str:
    import socket

    return getattr(config.store, "instance", "") or socket.gethostname()
