"""Store fixtures: the same tests run on SQLite and on the real PostgreSQL server.

PostgreSQL tests use $ARI_TRIAGE_TEST_PG_DSN (exported by scripts/test). Unset: they are skipped. Set but the
server does not answer: they FAIL. Each test gets its own fresh schema (random name, via search_path), dropped
afterwards, so parallel runs never collide.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, tzinfo
from pathlib import Path
from typing import Any

import pytest

from ari_triage.config.model import Config, RetentionConfig, StoreConfig
from ari_triage.store.backend import PostgresBackend, SqlBackend, SqliteBackend
from ari_triage.store.service import StoreService
from ari_triage.store.spool import Spool

PG_ENV = "ARI_TRIAGE_TEST_PG_DSN"
INSTANCE = "test-a"


class TcpProxy:
    """A loopback TCP relay to PostgreSQL that a test can cut (server unreachable) and restore."""

    def __init__(self, upstream: tuple[str, int]):
        self.upstream = upstream
        self.port = 0
        self._listener: socket.socket | None = None
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self.start()

    def start(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            with self._lock:
                self._sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def stop(self) -> None:
        """Refuse new connections and cut the open ones, as a dead server would."""
        if self._listener is not None:
            # shutdown wakes the thread blocked in accept() and stops listening (close alone does not)
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        with self._lock:
            for s in self._sockets:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()
            self._sockets.clear()


@dataclass
class StoreEnv:
    kind: str
    tmp: Path
    config: Config
    admin: Any = None  # psycopg connection (PostgreSQL) for checks and outages
    schema: str = ""
    proxy: TcpProxy | None = None
    _lock_conn: sqlite3.Connection | None = None
    _made: list[Any] = field(default_factory=list)

    def backend(self, instance: str = INSTANCE, record_caller_numbers: bool = True, timezone: tzinfo = UTC
                ) -> SqlBackend:
        if self.kind == "sqlite":
            backend: SqlBackend = SqliteBackend(self.config.store.sqlite_path, instance, record_caller_numbers,
                                                busy_timeout_s=0.2, timezone=timezone)
        else:
            backend = PostgresBackend(self.config.store.postgres_dsn, instance, record_caller_numbers,
                                      pool_size=3, timeout_s=1.0, timezone=timezone)
        self._made.append(backend)
        return backend

    def service(self, backend: SqlBackend | None = None, spool_dir: Path | None = None, **options: Any
                ) -> StoreService:
        backend = backend or self.backend()
        options.setdefault("retry_initial_s", 0.05)
        options.setdefault("retry_max_s", 0.3)
        options.setdefault("auto_upgrade", True)
        return StoreService(backend, Spool(spool_dir or self.config.store.spool_dir), **options)

    def outage_start(self) -> None:
        if self.kind == "sqlite":  # another process holding the write lock: every write times out
            self._lock_conn = sqlite3.connect(self.config.store.sqlite_path, isolation_level=None)
            self._lock_conn.execute("BEGIN EXCLUSIVE")
        else:
            assert self.proxy is not None
            self.proxy.stop()

    def outage_end(self) -> None:
        if self.kind == "sqlite":
            assert self._lock_conn is not None
            self._lock_conn.execute("ROLLBACK")
            self._lock_conn.close()
        else:
            assert self.proxy is not None
            self.proxy.start()

    def count(self, sql: str, *params: Any) -> int:
        probe = self.backend(instance="probe")
        try:
            return int(probe.query(sql, params)[0][0])
        finally:
            probe.close()


def _pg_admin() -> Any:
    dsn = os.environ.get(PG_ENV)
    if not dsn:
        pytest.skip(f"PostgreSQL tests need {PG_ENV} (scripts/test sets it)")
    import psycopg

    try:
        return dsn, psycopg.connect(dsn, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        pytest.fail(f"{PG_ENV} is set but PostgreSQL does not answer: {exc}")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_env(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreEnv]:
    kind = request.param
    store = StoreConfig(backend=kind, sqlite_path=tmp_path / "store.sqlite3", spool_dir=tmp_path / "spool",
                        instance=INSTANCE, queue_log=tmp_path / "queue_log")
    env = StoreEnv(kind, tmp_path, Config(store=store, retention=RetentionConfig()))
    if kind == "postgres":
        from psycopg import sql
        from psycopg.conninfo import conninfo_to_dict, make_conninfo

        dsn, admin = _pg_admin()
        schema = "ari_test_" + uuid.uuid4().hex[:12]
        admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
        params = conninfo_to_dict(dsn)
        env.proxy = TcpProxy((params.get("host", "127.0.0.1"), int(params.get("port", 5432))))
        proxied = make_conninfo(dsn, host="127.0.0.1", port=str(env.proxy.port), options=f"-c search_path={schema}")
        env.admin, env.schema = admin, schema
        env.config = Config(store=StoreConfig(backend="postgres", postgres_dsn=proxied, spool_dir=tmp_path / "spool",
                                              instance=INSTANCE, queue_log=tmp_path / "queue_log"),
                            retention=RetentionConfig())
    try:
        yield env
    finally:
        for backend in env._made:
            backend.close()
        if env.proxy is not None:
            env.proxy.stop()
        if env.admin is not None:
            from psycopg import sql

            env.admin.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(env.schema)))
            env.admin.close()


@pytest.fixture
def backend(store_env: StoreEnv) -> SqlBackend:
    backend = store_env.backend()
    backend.upgrade()
    return backend
