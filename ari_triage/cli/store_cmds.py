"""``ari-triage`` commands of the store layer: db upgrade/status/seed-demo, purge, queue-log import/follow,
stats, report."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

import click

from ari_triage.cli.main import CliContext, friendly_errors, pass_ctx
from ari_triage.errors import TriageError


class _UsageError(TriageError):
    code = "usage"


@contextmanager
def _backend(ctx: CliContext) -> Iterator[Any]:
    """The configured database, closed whatever happens."""
    from ari_triage.store.backend import open_backend

    backend = open_backend(ctx.config)
    try:
        yield backend
    finally:
        backend.close()


def _parse_when(text: str | None, end_of_day: bool, zone: Any = None) -> datetime | None:
    """``2026-11-02`` (a day of the clinic's calendar; --to includes that whole day) or an ISO date-time."""
    if not text:
        return None
    try:
        if len(text) == 10:
            day = datetime.fromisoformat(text).date()
            moment = datetime.combine(day + timedelta(days=1) if end_of_day else day, time())
        else:
            moment = datetime.fromisoformat(text)
    except ValueError:
        raise _UsageError(f"'{text}' is not a date", hint="write it as 2026-11-02 or 2026-11-02T08:00") from None
    if moment.tzinfo:
        return moment
    return moment.replace(tzinfo=zone) if zone is not None else moment.astimezone()


def _period(ctx: CliContext, date_from: str | None, date_to: str | None) -> tuple[datetime, datetime]:
    from ari_triage.store.backend import clinic_timezone

    zone = clinic_timezone(ctx.config)
    end = _parse_when(date_to, True, zone) or datetime.now(zone).astimezone(zone)
    start = _parse_when(date_from, False, zone) or end - timedelta(days=30)
    if start >= end:
        raise _UsageError("--from must be before --to")
    return start, end


def register(cli: click.Group) -> None:
    """Add this layer's commands to the top-level group."""

    @cli.group("db")
    def db_group() -> None:
        """Call-history database: schema upgrades, status, demo data."""

    @db_group.command("upgrade")
    @pass_ctx
    @friendly_errors
    def db_upgrade(ctx: CliContext) -> None:
        """Create or upgrade the schema (safe to run again, and while ari-triage runs)."""
        with _backend(ctx) as backend:
            before, after = backend.upgrade()
        if before == after:
            click.echo(f"{backend.name} schema already at version {after}: nothing to do")
        else:
            click.echo(f"{backend.name} schema upgraded from version {before} to {after}")

    @db_group.command("status")
    @pass_ctx
    @friendly_errors
    def db_status(ctx: CliContext) -> None:
        """Show the database, its schema version and what waits in the spool."""
        from ari_triage.store.schema import LATEST_VERSION

        with _backend(ctx) as backend:
            version = backend.schema_version()
        spool = Path(ctx.config.store.spool_dir) / "records"
        waiting = sorted(spool.glob("*.jsonl")) if spool.is_dir() else []
        lines = sum(p.read_bytes().count(b"\n") for p in waiting)
        state = "up to date" if version == LATEST_VERSION else "run 'ari-triage db upgrade'" \
            if version < LATEST_VERSION else "NEWER than this ari-triage"
        click.echo(f"backend: {backend.name}   instance: {backend.instance}")
        click.echo(f"schema: version {version} (this ari-triage: {LATEST_VERSION}) - {state}")
        click.echo(f"spool: {spool} - {lines} record(s) waiting in {len(waiting)} file(s)")
        rejected = spool / "rejected.jsonl"
        if rejected.is_file():
            click.echo(f"rejected records to look at: {rejected}")

    @db_group.command("seed-demo")
    @click.option("--days", default=28, show_default=True, help="Days of history to create.")
    @click.option("--calls-per-day", default=60, show_default=True)
    @click.option("--seed", default=7, show_default=True, help="Same seed, same data.")
    @click.option("--yes", is_flag=True, help="Required on PostgreSQL (demo calls would mix with real ones).")
    @pass_ctx
    @friendly_errors
    def db_seed_demo(ctx: CliContext, days: int, calls_per_day: int, seed: int, yes: bool) -> None:
        """Fill the store with realistic invented calls and queue outcomes (for the demo and reports)."""
        from ari_triage.store import demo_data
        from ari_triage.store.queue_log import parse_lines

        if ctx.config.store.backend == "postgres" and not yes:
            raise _UsageError("refusing to add demo calls to a PostgreSQL database without --yes")
        with _backend(ctx) as backend:
            if ctx.config.store.backend == "sqlite":
                backend.upgrade()
            data = demo_data.generate(days=days, seed=seed, calls_per_day=calls_per_day, instance=backend.instance)
            for i in range(0, len(data.records), 2000):
                backend.write_records(data.records[i:i + 2000])
            entries, _ = parse_lines(data.queue_log)
            backend.add_queue_log(entries)
        click.echo(f"demo data: {data.calls} calls over {days} days, {len(entries)} queue_log lines")

    @cli.command("purge")
    @pass_ctx
    @friendly_errors
    def purge(ctx: CliContext) -> None:
        """Apply retention now: delete old transcripts, pseudonymise old caller numbers (statistics stay)."""
        retention = ctx.config.retention
        with _backend(ctx) as backend:
            counts = backend.purge(retention.transcripts_days, retention.caller_numbers_days)
        click.echo(f"purged: {counts.transcripts} transcript(s) older than {retention.transcripts_days} days; "
                   f"{counts.call_numbers + counts.callback_numbers} caller number(s) older than "
                   f"{retention.caller_numbers_days} days pseudonymised")

    @cli.group("queue-log")
    def queue_log_group() -> None:
        """Read Asterisk's queue_log: waits, answered and abandoned calls."""

    @queue_log_group.command("import")
    @click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
    @pass_ctx
    @friendly_errors
    def queue_log_import(ctx: CliContext, file: Path) -> None:
        """Import a whole queue_log file (importing it again adds nothing)."""
        from ari_triage.store.ingest import import_file

        with _backend(ctx) as backend:
            report = import_file(backend, file)
        click.echo(f"{file}: {report.summary()}")

    @queue_log_group.command("follow")
    @click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
    @click.option("--poll", default=1.0, show_default=True, help="Seconds between reads.")
    @pass_ctx
    @friendly_errors
    def queue_log_follow(ctx: CliContext, file: Path | None, poll: float) -> None:
        """Follow the growing queue_log (default: store.queue_log); survives rotation, remembers its place."""
        import logging
        import signal
        import threading

        from ari_triage.store.ingest import QueueLogFollower
        from ari_triage.store.service import queue_log_state_file

        logging.basicConfig(level=ctx.config.logging.level, format="%(asctime)s %(levelname)s %(message)s")
        path = file or Path(ctx.config.store.queue_log)
        state = queue_log_state_file(ctx.config.store.spool_dir, path)
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        with _backend(ctx) as backend:
            follower = QueueLogFollower(backend, path, state, poll_s=poll)
            click.echo(f"following {path} (position kept in {state}); Ctrl-C to stop", err=True)
            follower.run(stop)
        click.echo(f"{path}: {follower.report.summary()}", err=True)

    @cli.command("stats")
    @click.option("--from", "date_from", metavar="DATE", help="Start (2026-11-01); default: 30 days before --to.")
    @click.option("--to", "date_to", metavar="DATE", help="End, that day included; default: now.")
    @click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
    @pass_ctx
    @friendly_errors
    def stats(ctx: CliContext, date_from: str | None, date_to: str | None, as_json: bool) -> None:
        """Call volume, outcomes, intents, queue answer rates and waits, urgent-call delays."""
        from ari_triage.store.stats import collect_stats, format_text

        start, end = _period(ctx, date_from, date_to)
        with _backend(ctx) as backend:
            backend.check_schema()
            result = collect_stats(backend, start, end)
        if as_json:
            json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
            click.echo()
        else:
            click.echo(format_text(result))

    @cli.command("report")
    @click.option("--html", "html_file", required=True, type=click.Path(dir_okay=False, path_type=Path),
                  help="File to write (one self-contained page).")
    @click.option("--from", "date_from", metavar="DATE")
    @click.option("--to", "date_to", metavar="DATE")
    @click.option("--title", default="Appels de la clinique", show_default=True)
    @pass_ctx
    @friendly_errors
    def report(ctx: CliContext, html_file: Path, date_from: str | None, date_to: str | None, title: str) -> None:
        """Write an HTML report with charts for the clinic's managers (opens without internet)."""
        from ari_triage.store.report import render_html
        from ari_triage.store.stats import collect_stats

        start, end = _period(ctx, date_from, date_to)
        with _backend(ctx) as backend:
            backend.check_schema()
            result = collect_stats(backend, start, end)
        try:
            html_file.write_text(render_html(result, title=title), encoding="utf-8")
        except OSError as exc:
            raise TriageError(f"cannot write {html_file}: {exc.strerror}") from None
        click.echo(f"report written: {html_file} ({result['calls']} calls)")

    @cli.group("callbacks")
    def callbacks_group() -> None:
        """Callers waiting to be called back (the team's to-do list)."""

    @callbacks_group.command("list")
    @click.option("--all", "show_all", is_flag=True, help="Also the callbacks already done.")
    @click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
    @pass_ctx
    @friendly_errors
    def callbacks_list(ctx: CliContext, show_all: bool, as_json: bool) -> None:
        """List callback requests, oldest first, with the number to call (for the staff, never logged)."""
        from ari_triage.store.backend import clinic_timezone

        zone = clinic_timezone(ctx.config)
        with _backend(ctx) as backend:
            backend.check_schema()
            rows = backend.callbacks(None if show_all else "open")
        for row in rows:
            when = row.requested_at.astimezone(zone) if row.requested_at else None
            number = row.caller or "(number not kept)"
            if as_json:
                click.echo(json.dumps({"call_id": row.call_id, "requested_at": when.isoformat() if when else None,
                                       "queue": row.queue, "caller": row.caller, "reason": row.reason,
                                       "status": row.status}, ensure_ascii=False))
            else:
                stamp = when.strftime("%Y-%m-%d %H:%M") if when else "?"
                click.echo(f"{stamp}  {row.queue:<12} {number:<16} {row.status:<5} {row.call_id}  {row.reason}")
        if not as_json:
            click.echo(f"{len(rows)} callback(s){'' if show_all else ' to make'}")

    @callbacks_group.command("done")
    @click.argument("call_id")
    @click.option("--reopen", is_flag=True, help="Put it back on the list instead.")
    @pass_ctx
    @friendly_errors
    def callbacks_done(ctx: CliContext, call_id: str, reopen: bool) -> None:
        """Mark the callback of call CALL_ID as done (the caller then no longer counts as 'open callback')."""
        with _backend(ctx) as backend:
            backend.check_schema()
            changed = backend.set_callback_status(call_id, "open" if reopen else "done")
            known = any(row.call_id == call_id for row in backend.callbacks(None))
        if not known:
            raise TriageError(f"no callback request for call '{call_id}'",
                              hint="'ari-triage callbacks list --all' shows the call ids")
        click.echo(f"callback of {call_id}: {'open again' if reopen else 'done'}"
                   + ("" if changed else " (it already was)"))
