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
from ari_triage.store.backend import SqlBackend, StoreUnavailable
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
        self._line_no = 1

    # ---- position memory
    def _load_state(self) -> tuple[int | None, int]:
        try:
            state = json.loads(self.state_file.read_text())
            if state.get("path") == str(self.path):
                return int(state["inode"]), int(state["offset"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return None, 0

    def _save_state(self) -> None:
        tmp = self.state_file.with_suffix(".tmp")
        self.state_file.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps({"path": str(self.path), "inode": self._inode, "offset": self._offset}))
        os.replace(tmp, self.state_file)

    def _open(self, resume: bool) -> bool:
        try:
            handle = open(self.path, "rb")  # noqa: SIM115 - kept open while following
        except FileNotFoundError:
            return False
        inode = os.fstat(handle.fileno()).st_ino
        size = os.fstat(handle.fileno()).st_size
        saved_inode, saved_offset = self._load_state() if resume else (None, 0)
        self._offset = saved_offset if saved_inode == inode and saved_offset <= size else 0
        handle.seek(self._offset)
        self._handle, self._inode, self._line_no = handle, inode, 1
        return True

    # ---- reading
    def step(self) -> int:
        """Consume the complete new lines; returns how many were read. Raises StoreUnavailable (nothing lost:
        the offset only moves after the database committed)."""
        if self._handle is None and not self._open(resume=True):
            return 0
        assert self._handle is not None
        consumed = self._consume(final=False)
        try:
            current = os.stat(self.path)
        except FileNotFoundError:
            return consumed  # rotated away, new file not there yet: keep reading the old one
        if current.st_ino != self._inode:  # rotated: finish the old file, then start the new one
            consumed += self._consume(final=True)
            self._handle.close()
            self._handle = None
            if self._open(resume=False):
                self._save_state()
                consumed += self._consume(final=False)
        elif current.st_size < self._offset:  # truncated in place
            log.info("queue-log: %s was truncated; reading it again from the start", self.path)
            self._handle.seek(0)
            self._offset = 0
            self._save_state()
            consumed += self._consume(final=False)
        return consumed

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
        self._offset += end
        self._line_no += len(lines)
        self._save_state()
        return len(lines)

    def run(self, stop: threading.Event) -> None:
        retry_s = self.poll_s
        while not stop.is_set():
            try:
                self.step()
                retry_s = self.poll_s
            except StoreUnavailable as exc:
                log.warning("queue-log: database unavailable, will retry in %.0fs [%s]", retry_s, exc.code)
                if self._handle is not None:
                    self._handle.seek(self._offset)
                retry_s = min(retry_s * 2, 30.0)
            stop.wait(retry_s)
        self.close()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
