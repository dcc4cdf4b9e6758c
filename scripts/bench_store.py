#!/usr/bin/env python3
"""Store benchmark: write throughput (records/s) of each backend, and the time the call path spends in
call_event()/call_ended() (the only store cost a call sees), with the database up, and with it unreachable
and the in-memory queue full (every record then fsync'd to the spool by the caller).

    .venv/bin/python scripts/bench_store.py [--calls 3000] [--pg-dsn postgresql://...]

PostgreSQL is benchmarked when a DSN is given (--pg-dsn, else $ARI_TRIAGE_TEST_PG_DSN), in a throw-away schema.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ari_triage.store.backend import PostgresBackend, SqlBackend, SqliteBackend
from ari_triage.store.records import CallEnd, CallEvent, CallStart
from ari_triage.store.service import StoreService
from ari_triage.store.spool import Spool

EVENTS_PER_CALL = 8
T0 = datetime(2026, 11, 2, 8, tzinfo=UTC)


def call(n: int, tag: str) -> list:
    call_id = f"{tag}-{n}"
    at = T0 + timedelta(seconds=n)
    records = [CallStart(call_id, f"{1795896000 + n}.{n}", at, f"06{n:08d}", "clinique.yaml", "bench")]
    records += [CallEvent(call_id, seq, at, "step", {"node": f"n{seq}", "transcript": "je voudrais un rendez-vous"})
                for seq in range(1, EVENTS_PER_CALL + 1)]
    records.append(CallEnd(call_id, at + timedelta(seconds=30), "route", queue="rdv", priority=2, intent="rdv_prise",
                           urgency="normale", path=("accueil", "motif", "rdv")))
    return records


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def bench_raw(backend: SqlBackend, calls: int) -> float:
    records = [r for n in range(calls) for r in call(n, "raw")]
    started = time.perf_counter()
    for i in range(0, len(records), 200):
        backend.write_records(records[i:i + 200])
    return len(records) / (time.perf_counter() - started)


async def bench_service(backend: SqlBackend, spool_dir: Path, calls: int, tag: str, queue_size: int = 10000,
                        break_db: bool = False) -> dict:
    service = StoreService(backend, Spool(spool_dir), queue_size=queue_size, auto_upgrade=False,
                           retry_initial_s=0.05, retry_max_s=0.5)
    await service.start()
    if break_db:  # every write fails as if the server were gone
        original = backend.write_records

        def down(_records):
            from ari_triage.store.backend import StoreUnavailable

            raise StoreUnavailable("benchmark: database switched off")
        backend.write_records = down  # type: ignore[method-assign]
    latencies: list[float] = []  # microseconds spent inside the recorder call, on the caller's side
    started = time.perf_counter()
    for n in range(calls):
        for record in call(n, tag):
            t = time.perf_counter_ns()
            if isinstance(record, CallStart):
                service.call_started(record)
            elif isinstance(record, CallEvent):
                service.call_event(record)
            else:
                service.call_ended(record)
            latencies.append((time.perf_counter_ns() - t) / 1000)
        if n % 20 == 0:
            await asyncio.sleep(0)  # calls interleave with other work on the loop
    enqueue_s = time.perf_counter() - started
    if break_db:
        backend.write_records = original  # type: ignore[method-assign]
    ok = await service.flush(300)
    total_s = time.perf_counter() - started
    lookups = []
    for n in range(200):
        t = time.perf_counter()
        await service.caller_profile(f"06{n:08d}")
        lookups.append((time.perf_counter() - t) * 1000)
    await service.close()
    return {"records": len(latencies), "enqueue_s": enqueue_s, "total_s": total_s, "flushed": ok,
            "p50_us": pct(latencies, 0.5), "p99_us": pct(latencies, 0.99), "max_us": max(latencies),
            "mean_us": statistics.fmean(latencies), "counters": service.counters,
            "lookup_p50_ms": pct(lookups, 0.5), "lookup_p99_ms": pct(lookups, 0.99)}


def report(name: str, raw: float, runs: dict[str, dict]) -> None:
    print(f"\n== {name}")
    print(f"  raw batched writes (200/tx)              {raw:10.0f} records/s")
    for label, r in runs.items():
        c = r["counters"]
        print(f"  {label}")
        print(f"    end-to-end to database                 {r['records'] / r['total_s']:10.0f} records/s "
              f"({r['records']} records, all in DB: {r['flushed']})")
        print(f"    call path per record p50 / p99 / max   {r['p50_us']:7.1f} / {r['p99_us']:7.1f} / "
              f"{r['max_us']:8.1f} us  (mean {r['mean_us']:.1f} us)")
        print(f"    written {c.written}, spooled {c.spooled}, spilled {c.spilled}, replayed {c.replayed}, "
              f"lost {c.lost}")
        print(f"    caller lookup p50 / p99                {r['lookup_p50_ms']:7.2f} / {r['lookup_p99_ms']:7.2f} ms")


def run_backend(name: str, make, calls: int, tmp: Path) -> None:
    backend = make("bench")
    backend.upgrade()
    raw = bench_raw(backend, calls)
    runs = {
        # a queue large enough for the burst: what a call normally pays (an enqueue)
        "service, database up": asyncio.run(bench_service(backend, tmp / f"{name}-spool-1", calls, "up",
                                                          queue_size=1_000_000)),
        "service, database down then back (spool + replay)":
            asyncio.run(bench_service(make("bench2"), tmp / f"{name}-spool-2", calls, "down", queue_size=1_000_000,
                                      break_db=True)),
        "service, queue of 100 full: caller spills to the spool (fsync)":
            asyncio.run(bench_service(make("bench3"), tmp / f"{name}-spool-3", max(100, calls // 10), "spill",
                                      queue_size=100, break_db=True)),
    }
    report(name, raw, runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=3000, help=f"simulated calls ({EVENTS_PER_CALL + 2} records each)")
    parser.add_argument("--pg-dsn", default=os.environ.get("ARI_TRIAGE_TEST_PG_DSN", ""))
    args = parser.parse_args()
    print(f"store benchmark: {args.calls} calls x {EVENTS_PER_CALL + 2} records, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        run_backend("SQLite", lambda inst: SqliteBackend(tmp / "bench.sqlite3", inst), args.calls, tmp)
        if not args.pg_dsn:
            print("\n(PostgreSQL skipped: give --pg-dsn or set ARI_TRIAGE_TEST_PG_DSN)")
            return
        import psycopg
        from psycopg.conninfo import make_conninfo

        schema = "bench_" + uuid.uuid4().hex[:10]
        with psycopg.connect(args.pg_dsn, autocommit=True) as admin:
            admin.execute(f'CREATE SCHEMA "{schema}"')
            dsn = make_conninfo(args.pg_dsn, options=f"-c search_path={schema}")
            made: list[SqlBackend] = []

            def make_pg(inst: str) -> SqlBackend:
                made.append(PostgresBackend(dsn, inst))
                return made[-1]
            try:
                run_backend("PostgreSQL", make_pg, args.calls, tmp)
            finally:
                for backend in made:
                    backend.close()
                admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


if __name__ == "__main__":
    main()
