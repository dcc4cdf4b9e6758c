"""The store as the running service sees it: a non-blocking :class:`CallRecorder` and a time-boxed
:class:`CallerLookup`.

    store = open_store(config)        # nothing touches the database yet
    await store.start()               # schema check, writer thread, periodic purge
    store.call_started(CallStart(...))  # returns at once (enqueue); never raises for a database problem
    profile = await store.caller_profile(number)  # empty profile after lookup_timeout_s or on any DB error
    await store.close()               # flushes: every record is in the database or in the spool

Path of a record: call path -> bounded in-memory queue -> writer thread -> database (batched transaction).
When the queue is full the record is spilled to the durable spool; when the database is down (or the spool
still holds older records) the writer appends to the spool and replays it, in order, once the database answers.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ari_triage.store.backend import SqlBackend, SqliteBackend, StoreError, StoreUnavailable, open_backend
from ari_triage.store.codec import Record
from ari_triage.store.ingest import QueueLogFollower
from ari_triage.store.privacy import redact
from ari_triage.store.records import CallbackRequest, CallEnd, CallEvent, CallStart
from ari_triage.store.rows import PurgeCounts
from ari_triage.store.spool import Spool, SpoolError
from ari_triage.tree.contract import CallerProfile

log = logging.getLogger(__name__)

_STOP = object()


@dataclass
class StoreCounters:
    written: int = 0  # records committed to the database straight from the queue
    spooled: int = 0  # records appended to the spool by the writer (database down or behind)
    spilled: int = 0  # records appended to the spool by the caller because the queue was full
    replayed: int = 0  # spooled records later committed to the database
    rejected: int = 0  # records the database refused (kept in rejected.jsonl)
    lost: int = 0  # records neither written nor spooled (spool disk failing): must stay 0
    lookups_timed_out: int = 0


class StoreService:
    """CallRecorder + CallerLookup over a backend and a spool. Thread-safe producers; one writer thread."""

    def __init__(self, backend: SqlBackend, spool: Spool, *, record_caller_numbers: bool = True,
                 queue_size: int = 10000, lookup_timeout_s: float = 0.3, transcripts_days: int = 30,
                 caller_numbers_days: int = 90, purge_interval_s: float = 0, batch_size: int = 200,
                 retry_initial_s: float = 0.5, retry_max_s: float = 10.0, auto_upgrade: bool | None = None,
                 queue_log: Path | None = None, queue_log_state: Path | None = None):
        self.backend = backend
        self.spool = spool
        self.record_caller_numbers = record_caller_numbers
        self.lookup_timeout_s = lookup_timeout_s
        self.transcripts_days = transcripts_days
        self.caller_numbers_days = caller_numbers_days
        self.purge_interval_s = purge_interval_s
        self.batch_size = batch_size
        self.retry_initial_s = retry_initial_s
        self.retry_max_s = retry_max_s
        # The embedded SQLite file needs no administrator; a shared PostgreSQL is upgraded by `db upgrade`.
        self.auto_upgrade = isinstance(backend, SqliteBackend) if auto_upgrade is None else auto_upgrade
        self.counters = StoreCounters()
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=max(1, queue_size))
        self._writer: threading.Thread | None = None
        self._lookups = ThreadPoolExecutor(max_workers=2, thread_name_prefix="store-lookup")
        self._lookups_in_flight = 0
        self._purge_task: asyncio.Task | None = None
        self._closed = False
        self._db_up = True
        self._retry_s = retry_initial_s
        self._next_retry = 0.0
        self._idle = threading.Event()
        # Asterisk's queue_log, followed in a thread of our own when configured (see ingest.py).
        self._follower = QueueLogFollower(backend, queue_log, queue_log_state) \
            if queue_log is not None and queue_log_state is not None else None
        self._follower_stop = threading.Event()
        self._follower_thread: threading.Thread | None = None

    @property
    def instance(self) -> str:
        """The name to put in CallStart.instance (config store.instance, default: host name)."""
        return self.backend.instance

    # ------------------------------------------------------------------ CallRecorder (never blocks on the DB)
    def call_started(self, record: CallStart) -> None:
        if not self.record_caller_numbers and record.caller:
            record = replace(record, caller=None)
        self._put(record)

    def call_event(self, record: CallEvent) -> None:
        self._put(record)

    def call_ended(self, record: CallEnd) -> None:
        self._put(record)

    def callback_requested(self, record: CallbackRequest) -> None:
        if not self.record_caller_numbers and record.caller:
            record = replace(record, caller=None)
        self._put(record)

    def _put(self, record: Record) -> None:
        if not self._closed:
            try:
                self._queue.put_nowait(record)
                self._idle.clear()
                return
            except queue.Full:
                pass
        try:  # queue full (or service closed): straight to disk rather than drop it
            self.spool.append([record])
            self.counters.spilled += 1
        except SpoolError as exc:
            self.counters.lost += 1
            log.critical("store: record of call %s lost, queue full and spool failing: %s",
                         getattr(record, "call_id", "?"), exc)

    # ------------------------------------------------------------------ CallerLookup (time-boxed)
    async def caller_profile(self, caller: str | None) -> CallerProfile:
        if not caller or not self.record_caller_numbers or self._closed:
            return CallerProfile()
        if self._lookups_in_flight >= 4:  # the database is slow: do not pile up work behind it
            return CallerProfile()
        loop = asyncio.get_running_loop()
        self._lookups_in_flight += 1
        future = loop.run_in_executor(self._lookups, self.backend.caller_profile, caller)
        future.add_done_callback(self._lookup_done)
        try:
            return await asyncio.wait_for(asyncio.shield(future), self.lookup_timeout_s)
        except TimeoutError:
            self.counters.lookups_timed_out += 1
            log.warning("store: caller lookup gave up after %.2fs (database slow or down)", self.lookup_timeout_s)
        except StoreError as exc:
            log.warning("store: caller lookup failed [%s]: %s", exc.code, redact(exc.message))
        return CallerProfile()

    def _lookup_done(self, _future: Any) -> None:
        self._lookups_in_flight -= 1
        if not _future.cancelled():
            _future.exception()  # consume it: a late failure of an abandoned lookup is not an error

    # ------------------------------------------------------------------ lifecycle
    async def start(self) -> None:
        await asyncio.to_thread(self._prepare)
        self._writer = threading.Thread(target=self._run, name="store-writer", daemon=True)
        self._writer.start()
        if self.purge_interval_s > 0:
            self._purge_task = asyncio.create_task(self._purge_loop(), name="store-purge")
        if self._follower is not None:
            self._follower_thread = threading.Thread(target=self._follower.run, args=(self._follower_stop,),
                                                     name="store-queue-log", daemon=True)
            self._follower_thread.start()

    def _prepare(self) -> None:
        try:
            if self.auto_upgrade:
                before, after = self.backend.upgrade()
                if before != after:
                    log.info("store: %s schema upgraded from version %d to %d", self.backend.name, before, after)
            else:
                self.backend.check_schema()
        except StoreError as exc:
            # Fail open: calls go on, records wait in the spool until the database is fixed.
            log.error("store: %s database not usable, records are kept in the spool [%s]: %s%s", self.backend.name,
                      exc.code, redact(exc.message), f" ({exc.hint})" if exc.hint else "")

    async def close(self, timeout_s: float = 15.0) -> None:
        """Stop accepting, write what is queued (or spool it), stop the writer, release the database."""
        if self._closed:
            return
        self._closed = True
        if self._purge_task is not None:
            self._purge_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._purge_task
        self._follower_stop.set()
        if self._follower_thread is not None:
            await asyncio.to_thread(self._follower_thread.join, timeout_s)
        await asyncio.to_thread(self._stop_writer, timeout_s)
        self._lookups.shutdown(wait=False, cancel_futures=True)
        await asyncio.to_thread(self.backend.close)
        self.spool.close()

    def _stop_writer(self, timeout_s: float) -> None:
        if self._writer is None:
            self._drain_to_spool()
            return
        self._queue.put(_STOP)
        self._writer.join(timeout_s)
        if self._writer.is_alive():  # stuck inside a database call: keep the rest safe on disk
            log.error("store: writer did not finish within %.0fs; remaining records go to the spool", timeout_s)
            self._drain_to_spool()

    def _drain_to_spool(self) -> None:
        rest = []
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is not _STOP:
                rest.append(item)
        if rest:
            self._to_spool(rest)

    async def flush(self, timeout_s: float = 10.0) -> bool:
        """Wait until the queue is empty and the spool replayed. True when everything is in the database."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self._queue.empty() and self._idle.is_set() and not self.spool.has_data():
                return True
            self._next_retry = 0.0  # try the database now rather than at the next back-off step
            await asyncio.sleep(0.02)
        return False

    @property
    def database_up(self) -> bool:
        return self._db_up

    def purge_now(self) -> PurgeCounts:
        counts = self.backend.purge(self.transcripts_days, self.caller_numbers_days)
        log.info("store: retention purge: %d transcripts deleted, %d call and %d callback numbers pseudonymised",
                 counts.transcripts, counts.call_numbers, counts.callback_numbers)
        return counts

    async def _purge_loop(self) -> None:
        while True:
            try:
                await asyncio.to_thread(self.purge_now)
            except StoreError as exc:
                log.warning("store: retention purge failed, will retry [%s]: %s", exc.code, redact(exc.message))
            await asyncio.sleep(self.purge_interval_s)

    # ------------------------------------------------------------------ writer thread
    def _run(self) -> None:
        stopping = False
        while not stopping:
            batch, stopping = self._take_batch()
            try:
                if self.spool.has_data() and time.monotonic() >= self._next_retry:
                    self._replay()
                if batch:
                    if self.spool.has_data():  # the database is behind the spool: keep the order
                        self._to_spool(batch)
                    else:
                        self._write(batch)
                if stopping and self.spool.has_data() and self._db_up:
                    self._replay()
            except Exception:  # the writer must survive anything; the batch is kept on disk
                log.exception("store: unexpected writer error; batch kept in the spool")
                self._to_spool(batch)
            if not batch and self._queue.empty():
                self._idle.set()

    def _take_batch(self) -> tuple[list[Record], bool]:
        batch: list[Record] = []
        try:
            item = self._queue.get(timeout=0.2)
        except queue.Empty:
            return batch, False
        while True:
            if item is _STOP:
                batch.extend(r for r in self._drain() if r is not _STOP)
                return batch, True
            batch.append(item)
            if len(batch) >= self.batch_size:
                return batch, False
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return batch, False

    def _drain(self) -> list[Any]:
        items = []
        while True:
            try:
                items.append(self._queue.get_nowait())
            except queue.Empty:
                return items

    def _write(self, batch: list[Record]) -> None:
        try:
            self.backend.write_records(batch)
            self.counters.written += len(batch)
            self._mark_up()
        except StoreUnavailable as exc:
            self._mark_down(exc)
            self._to_spool(batch)
        except StoreError:
            self._write_one_by_one(batch, replayed=False)

    def _write_one_by_one(self, batch: list[Record], replayed: bool) -> None:
        """A batch the database refused: find the bad record(s), write the others."""
        for record in batch:
            try:
                self.backend.write_records([record])
                if replayed:
                    self.counters.replayed += 1
                else:
                    self.counters.written += 1
            except StoreUnavailable as exc:
                self._mark_down(exc)
                self._to_spool([record])
            except StoreError as exc:
                self.counters.rejected += 1
                log.error("store: record of call %s refused by the database [%s]; kept in rejected.jsonl",
                          getattr(record, "call_id", "?"), exc.code)
                self.spool.reject(record, redact(exc.message))

    def _to_spool(self, batch: list[Record]) -> None:
        if not batch:
            return
        try:
            self.spool.append(batch)
            self.counters.spooled += len(batch)
        except SpoolError as exc:
            self.counters.lost += len(batch)
            log.critical("store: %d records lost, database and spool both failing: %s", len(batch), exc)

    def _replay(self) -> None:
        for segment in self.spool.seal():
            for records, bad in self.spool.read(segment, chunk=self.batch_size):
                for raw, reason in bad:
                    self.counters.rejected += 1
                    self.spool.reject(raw, reason)
                try:
                    self.backend.write_records(records)
                    self.counters.replayed += len(records)
                except StoreUnavailable as exc:
                    self._mark_down(exc)
                    return  # this segment stays; replayed again later (idempotent)
                except StoreError:
                    self._write_one_by_one(records, replayed=True)
                    if not self._db_up:
                        return
            self.spool.done(segment)
        self._mark_up()

    def _mark_down(self, exc: StoreError) -> None:
        if self._db_up:
            log.warning("store: database unavailable, records go to the spool %s [%s]: %s", self.spool.dir,
                        exc.code, redact(exc.message))
            self._retry_s = self.retry_initial_s
        else:
            self._retry_s = min(self._retry_s * 2, self.retry_max_s)
        self._db_up = False
        self._next_retry = time.monotonic() + self._retry_s

    def _mark_up(self) -> None:
        if not self._db_up:
            log.info("store: database reachable again; spool replayed (%d records so far)", self.counters.replayed)
        self._db_up = True
        self._retry_s = self.retry_initial_s
        self._next_retry = 0.0


def open_store(config: Any, *, instance: str | None = None, purge: bool = True, **options: Any) -> StoreService:
    """Build the store described by ``config.store`` / ``config.retention`` (no I/O beyond opening the spool;
    call ``await store.start()``)."""
    backend = open_backend(config, instance)
    try:
        spool = Spool(config.store.spool_dir)
    except SpoolError:
        backend.close()
        raise
    retention = config.retention
    interval_h = getattr(retention, "purge_interval_h", 6.0)
    if getattr(config.store, "follow_queue_log", False) and "queue_log" not in options:
        options["queue_log"] = Path(config.store.queue_log)
        options["queue_log_state"] = queue_log_state_file(config.store.spool_dir, config.store.queue_log)
    return StoreService(
        backend, spool,
        record_caller_numbers=retention.record_caller_numbers,
        queue_size=config.store.queue_size,
        lookup_timeout_s=getattr(config.store, "lookup_timeout_s", 0.3),
        transcripts_days=retention.transcripts_days,
        caller_numbers_days=retention.caller_numbers_days,
        purge_interval_s=interval_h * 3600 if purge else 0,
        **options)


def queue_log_state_file(spool_dir: Path, queue_log: Path) -> Path:
    """Where the position in a followed queue_log is kept (shared by the service and `queue-log follow`)."""
    import hashlib

    digest = hashlib.sha256(str(Path(queue_log).resolve()).encode()).hexdigest()[:12]
    return Path(spool_dir) / f"queue_log.{digest}.state.json"
