"""Reading Asterisk's queue_log into the store: a one-shot import and a follower of the growing file.

Both are idempotent (each line has a key), so importing a file twice, or following a file that was partly
imported, never counts anything twice. The follower remembers (inode, offset) in a small state file, resumes
there after a restart, finishes the old file after a rotation (rename) before starting the new one, starts
again from the top after a truncation (copytruncate), and only consumes complete lines (a line Asterisk is
still writing is read on the next pass). Malformed lines are counted and skipped, never fatal.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ari_triage.errors import TriageError
from ari_triage.store.backend import SqlBackend, StoreError, StoreUnavailable
from ari_triage.store.queue_log import ParseReport, parse_lines

log = logging.getLogger(__name__)
_BATCH = 1000


@dataclass
class IngestReport:
    parse: ParseReport = field(default_factory=ParseReport)
    new: int = 0
    known: int = 0

    def summary(self) -> str:
        text = (f"{self.parse.lines} lines: {self.new} new, {self.known} already imported, "
                f"{self.parse.ignored} not about a caller, {self.parse.malformed} malformed (skipped)")
        if self.parse.malformed_lines:
            text += " at line " + ", ".join(map(str, self.parse.malformed_lines))
            if self.parse.malformed > len(self.parse.malformed_lines):
                text += ", ..."
        return text


def import_file(backend: SqlBackend, path: Path) -> IngestReport:
    """One-shot import of a whole queue_log file."""
    report = IngestReport()
    try:
        handle = open(path, encoding="utf-8", errors="replace", newline="")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise TriageError(f"cannot read the queue log {path}: {exc.strerror}",
                          hint="check store.queue_log and that this user may read /var/log/asterisk") from None
    with handle:
        line_no = 1
        while True:
            lines = handle.readlines(1 << 20)
            if not lines:
                break
            entries, _ = parse_lines(lines, report.parse, first_line_no=line_no)
            line_no += len(lines)
            for i in range(0, len(entries), _BATCH):
                new, known = backend.add_queue_log(entries[i:i + _BATCH])
                report.new += new
                report.known += known
    return report


class QueueLogFollower:
    """Follows one queue_log file; ``step()`` reads what is new, ``run()`` loops until stopped."""

    def __init__(self, backend: SqlBackend, path: Path, state_file: Path, poll_s: float = 1.0):
        self.backend = backend
        self.path = Path(path)
        self.state_file = Path(state_file)
        self.poll_s = poll_s
        self.report = IngestReport()
        self._handle = None
        self._inode: int | None = None
        self._offset = 0
        self._tail = b""  # the bytes just before the offset: tells a rewritten file from a grown one
        self._line_no = 1

    # ---- position memory
    def _load_state(self) -> tuple[int | None, int, bytes]:
        try:
            state = json.loads(self.state_file.read_text())
            if state.get("path") == str(self.path):
                return int(state["inode"]), int(state["offset"]), bytes.fromhex(state.get("tail", ""))
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return None, 0, b""

    def _save_state(self) -> None:
        tmp = self.state_file.with_suffix(".tmp")
        self.state_file.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps({"path": str(self.path), "inode": self._inode, "offset": self._offset,
                                   "tail": self._tail.hex()}))
        os.replace(tmp, self.state_file)

    def _open(self, resume: bool) -> bool:
        try:
            handle = open(self.path, "rb")  # noqa: SIM115 - kept open while following
        except FileNotFoundError:
            return False
        inode = os.fstat(handle.fileno()).st_ino
        size = os.fstat(handle.fileno()).st_size
        saved_inode, saved_offset, tail = self._load_state() if resume else (None, 0, b"")
        self._handle, self._inode, self._line_no = handle, inode, 1
        self._offset, self._tail = 0, b""
        if saved_inode == inode and saved_offset <= size and self._tail_matches(saved_offset, tail):
            self._offset, self._tail = saved_offset, tail
        return True

    def _tail_matches(self, offset: int, tail: bytes) -> bool:
        assert self._handle is not None
        if offset < len(tail):
            return False
        self._handle.seek(offset - len(tail))
        return self._handle.read(len(tail)) == tail

    # ---- reading
    def step(self) -> int:
        """Consume the complete new lines; returns how many were read. Raises StoreUnavailable (nothing lost:
        the offset only moves after the database committed)."""
        if self._handle is None and not self._open(resume=True):
            return 0
        assert self._handle is not None
        consumed = 0
        try:
            current: os.stat_result | None = os.stat(self.path)
        except FileNotFoundError:
            current = None  # rotated away, new file not there yet: keep reading the old one
        if current is not None and current.st_ino != self._inode:
            # rotated: finish the old file (its last line is complete now), then start the new one
            consumed += self._consume(final=True)
            self._handle.close()
            self._handle = None
            if not self._open(resume=False):
                return consumed
            self._save_state()
        elif current is not None and (current.st_size < self._offset
                                      or not self._tail_matches(self._offset, self._tail)):
            # truncated in place (copytruncate), possibly already written again past our offset
            log.info("queue-log: %s was truncated; reading it again from the start", self.path)
            self._offset, self._tail = 0, b""
            self._save_state()
        return consumed + self._consume(final=False)

    def _consume(self, final: bool) -> int:
        assert self._handle is not None
        self._handle.seek(self._offset)
        data = self._handle.read()
        if not data:
            return 0
        end = len(data) if final else data.rfind(b"\n") + 1
        if end <= 0:
            return 0  # only a line still being written
        text = data[:end].decode("utf-8", errors="replace")
        lines = text.splitlines()
        entries, _ = parse_lines(lines, self.report.parse, first_line_no=self._line_no)
        for i in range(0, len(entries), _BATCH):
            new, known = self.backend.add_queue_log(entries[i:i + _BATCH])
            self.report.new += new
            self.report.known += known
        self._tail = (self._tail + data[:end])[-64:]
        self._offset += end
        self._line_no += len(lines)
        self._save_state()
        return len(lines)

    def run(self, stop: threading.Event) -> None:
        """Follow until ``stop`` is set. Problems are logged and retried with back-off, never fatal."""
        retry_s = self.poll_s
        warned_missing = False
        while not stop.is_set():
            try:
                if self.step() == 0 and self._handle is None and not warned_missing:
                    log.warning("queue-log: %s does not exist (yet); waiting for Asterisk to create it", self.path)
                    warned_missing = True
                retry_s = self.poll_s
            except StoreUnavailable as exc:
                log.warning("queue-log: database unavailable, will retry in %.0fs [%s]", retry_s, exc.code)
                retry_s = min(retry_s * 2, 30.0)
            except StoreError as exc:
                log.error("queue-log: the database refused queue_log lines, will retry in %.0fs [%s]: %s", retry_s,
                          exc.code, exc.message)
                retry_s = min(retry_s * 2, 300.0)
            except OSError as exc:
                log.error("queue-log: cannot read %s (%s); will retry in %.0fs", self.path, exc.strerror, retry_s)
                self.close()
                retry_s = min(retry_s * 2, 300.0)
            stop.wait(retry_s)
        self.close()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
