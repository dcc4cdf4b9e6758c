"""Durable local spool: where records wait while the database cannot take them.

Append-only JSON lines in numbered segment files (``records/000000000007.jsonl``). Every append is one
``write`` + ``fsync`` before it returns, so a record the spool accepted survives ``kill -9`` and a power cut.
Replay seals the current segment (new appends go to the next one), writes the sealed segments to the database
in order, and deletes each one only after the database committed all of it. A crash during replay replays
the segment again; the database's idempotency keys (call_id + seq...) make that harmless.
A line that cannot be decoded (the torn last line of a killed writer) or a record the database rejects goes to
``rejected.jsonl`` with the reason: set aside for a person to look at, never silently dropped.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from ari_triage.errors import TriageError
from ari_triage.store.codec import Record, RecordDecodeError, from_json, to_json


class SpoolError(TriageError):
    code = "store-spool"


class Spool:
    def __init__(self, directory: Path):
        self.dir = Path(directory) / "records"
        try:
            self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            self._lock_fd = os.open(self.dir / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise SpoolError(f"cannot use the spool directory {self.dir}: {exc.strerror}",
                             hint="store.spool_dir must be writable by the ari-triage user") from None
        try:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(self._lock_fd)
            raise SpoolError(f"another ari-triage process is using the spool directory {self.dir}",
                             hint="give each running service its own store.spool_dir") from None
        self._lock = threading.Lock()
        self._fd: int | None = None
        existing = self.segments()
        # Never append to a segment left by an earlier process: its last line may be torn.
        self._current = (self._number(existing[-1]) + 1) if existing else 1
        self._has_data = any(p.stat().st_size > 0 for p in existing)
        self._current_has_data = False

    @staticmethod
    def _number(path: Path) -> int:
        return int(path.stem)

    def _path(self, number: int) -> Path:
        return self.dir / f"{number:012d}.jsonl"

    def segments(self) -> list[Path]:
        return sorted(p for p in self.dir.glob("*.jsonl") if p.stem.isdigit())

    def has_data(self) -> bool:
        with self._lock:
            return self._has_data

    def append(self, records: Sequence[Record]) -> None:
        """Durably add records (fsync'd before returning)."""
        if not records:
            return
        payload = "".join(json.dumps(to_json(r), ensure_ascii=False, default=str) + "\n" for r in records).encode()
        with self._lock:
            try:
                if self._fd is None:
                    self._fd = os.open(self._path(self._current), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
                    _fsync_dir(self.dir)
                view = memoryview(payload)
                while view:
                    written = os.write(self._fd, view)
                    view = view[written:]
                os.fsync(self._fd)
            except OSError as exc:
                raise SpoolError(f"cannot write to the spool {self.dir}: {exc.strerror}") from None
            self._has_data = True
            self._current_has_data = True

    def seal(self) -> list[Path]:
        """Close the current segment; return every sealed segment, oldest first, for replay."""
        with self._lock:
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None
            self._current += 1
            self._current_has_data = False
            return [p for p in self.segments() if self._number(p) < self._current]

    def read(self, segment: Path, chunk: int = 500) -> Iterator[tuple[list[Record], list[tuple[str, str]]]]:
        """Yield (records, bad lines with reason) in file order, ``chunk`` lines at a time."""
        records: list[Record] = []
        bad: list[tuple[str, str]] = []
        with open(segment, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if not line.strip():
                    continue
                try:
                    records.append(from_json(json.loads(line)))
                except (json.JSONDecodeError, RecordDecodeError) as exc:
                    bad.append((line.rstrip("\n"), f"undecodable spool line: {str(exc)[:80]}"))
                if len(records) + len(bad) >= chunk:
                    yield records, bad
                    records, bad = [], []
        if records or bad:
            yield records, bad

    def done(self, segment: Path) -> None:
        """The database committed the whole segment: forget it."""
        segment.unlink(missing_ok=True)
        _fsync_dir(self.dir)
        with self._lock:
            self._has_data = self._current_has_data or any(
                p.stat().st_size > 0 for p in self.segments() if self._number(p) < self._current)

    def reject(self, raw: str | Record, reason: str) -> None:
        """Set aside what the database will never take (kept for a person, with the reason)."""
        text = raw if isinstance(raw, str) else json.dumps(to_json(raw), ensure_ascii=False, default=str)
        line = json.dumps({"at": datetime.now(UTC).isoformat(), "reason": reason, "record": text},
                          ensure_ascii=False) + "\n"
        with self._lock:
            fd = os.open(self.dir / "rejected.jsonl", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, line.encode())
                os.fsync(fd)
            finally:
                os.close(fd)

    def close(self) -> None:
        with self._lock:
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None
            if self._lock_fd is not None:
                os.close(self._lock_fd)  # releases the flock
                self._lock_fd = None


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
