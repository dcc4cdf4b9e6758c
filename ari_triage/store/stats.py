"""Statistics for admins (pure: rows in, numbers out; the same for both backends).

Call-based figures use the calls that started in the period; queue figures use every stay in a queue that
began in the period, including calls that reached the queue without ari-triage (dialplan fallback).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from ari_triage.store.rows import CallRow, QueueOutcome

AUTOMATED_OUTCOMES = ("info", "hangup")
WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def percentile(values: Iterable[float], fraction: float) -> float | None:
    """Nearest-rank percentile (p90 of [1..10] is 9)."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = max(1, math.ceil(fraction * len(ordered)))
    return float(ordered[rank - 1])


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def compute_stats(calls: list[CallRow], outcomes: list[QueueOutcome], start: datetime, end: datetime
                  ) -> dict[str, Any]:
    by_weekday_hour = [[0] * 24 for _ in range(7)]
    for call in calls:
        if call.local_weekday is not None and call.local_hour is not None:
            by_weekday_hour[call.local_weekday][call.local_hour] += 1
    stays_by_channel: dict[tuple[str, str], list[QueueOutcome]] = defaultdict(list)
    for stay in outcomes:
        stays_by_channel[(stay.instance, stay.channel_id)].append(stay)

    automated = sum(1 for c in calls if c.outcome in AUTOMATED_OUTCOMES and c.queue is None
                    and not stays_by_channel.get((c.instance, c.channel_id or "")))
    finished = [c for c in calls if c.outcome is not None]

    queues: dict[str, dict[str, Any]] = {}
    for name in sorted({s.queue for s in outcomes}):
        stays = [s for s in outcomes if s.queue == name]
        results = Counter(s.result for s in stays)
        waits = [s.wait_s for s in stays if s.wait_s is not None]
        answered_waits = [s.wait_s for s in stays if s.result == "answered" and s.wait_s is not None]
        ended = sum(n for r, n in results.items() if r != "waiting")
        queues[name] = {
            "entries": len(stays),
            "answered": results["answered"],
            "abandoned": results["abandoned"],
            "timeout": results["timeout"],
            "other": ended - results["answered"] - results["abandoned"] - results["timeout"],
            "answered_rate": _share(results["answered"], ended),
            "abandoned_rate": _share(results["abandoned"], ended),
            "wait_avg_s": _mean(waits),
            "wait_p90_s": percentile(waits, 0.9),
            "answered_wait_avg_s": _mean(answered_waits),
            "wait_histogram": _histogram(waits),
        }

    time_to_person: dict[str, dict[str, Any]] = {}
    for level in ("vitale", "urgente"):
        level_calls = [c for c in calls if c.urgency == level]
        delays = []
        for call in level_calls:
            connected = [s.connected_at for s in stays_by_channel.get((call.instance, call.channel_id or ""), [])
                         if s.connected_at is not None]
            if connected and call.started_at is not None:
                delays.append(max(0.0, (min(connected) - call.started_at).total_seconds()))
        time_to_person[level] = {"calls": len(level_calls), "reached_person": len(delays),
                                 "avg_s": _mean(delays), "p90_s": percentile(delays, 0.9),
                                 "max_s": max(delays) if delays else None}

    intents = Counter(c.intent for c in calls if c.intent)
    all_waits = [s.wait_s for s in outcomes if s.wait_s is not None]
    all_results = Counter(s.result for s in outcomes if s.result != "waiting")
    ended_stays = sum(all_results.values())
    return {
        "period": {"from": start.isoformat(), "to": end.isoformat()},
        "calls": len(calls),
        "finished_calls": len(finished),
        "volume": {
            "by_weekday_hour": by_weekday_hour,
            "by_hour": [sum(row[h] for row in by_weekday_hour) for h in range(24)],
            "by_weekday": [sum(row) for row in by_weekday_hour],
            "by_day": _by_day(calls),
        },
        "outcomes": dict(Counter(c.outcome for c in finished).most_common()),
        "top_intents": intents.most_common(),
        "automation": {"calls": automated, "share": _share(automated, len(finished))},
        "asked_for_person": {"calls": sum(c.asked_for_person for c in finished),
                             "share": _share(sum(c.asked_for_person for c in finished), len(finished))},
        "unsure": {"calls": sum(c.unsure for c in finished), "share": _share(sum(c.unsure for c in finished),
                                                                             len(finished))},
        "queues": queues,
        "all_queues": {"entries": len(outcomes), "answered_rate": _share(all_results["answered"], ended_stays),
                       "abandoned_rate": _share(all_results["abandoned"], ended_stays),
                       "wait_avg_s": _mean(all_waits), "wait_p90_s": percentile(all_waits, 0.9)},
        "time_to_person": time_to_person,
    }


WAIT_BUCKETS = (15, 30, 60, 120, 180, 300)  # seconds; the last bucket is "more than 5 min"


def _histogram(waits: list[float]) -> list[int]:
    counts = [0] * (len(WAIT_BUCKETS) + 1)
    for wait in waits:
        index = next((i for i, limit in enumerate(WAIT_BUCKETS) if wait < limit), len(WAIT_BUCKETS))
        counts[index] += 1
    return counts


def _by_day(calls: list[CallRow]) -> list[tuple[str, int]]:
    days = Counter()
    for call in calls:
        if call.started_at is not None:
            days[call.started_at.date().isoformat()] += 1
    return sorted(days.items())


def collect_stats(backend: Any, start: datetime, end: datetime) -> dict[str, Any]:
    """Read the period from the store and compute. Queue stays are looked up a little around the period so
    a call that started at 23:59 still finds the queue it joined at 00:01."""
    calls = backend.calls_between(start, end)
    outcomes = backend.outcomes_between(start, end)
    channels = {(c.instance, c.channel_id) for c in calls}
    margin = [o for o in backend.outcomes_between(end, end + timedelta(hours=1))
              if (o.instance, o.channel_id) in channels]
    return compute_stats(calls, outcomes + margin, start, end)


def format_text(stats: dict[str, Any]) -> str:
    """Plain-text summary for the terminal (French, like the report)."""
    def pct(value: float | None) -> str:
        return "-" if value is None else f"{value * 100:.0f} %"

    def sec(value: float | None) -> str:
        return "-" if value is None else f"{value:.0f} s"

    lines = [f"Période : {stats['period']['from'][:16]} -> {stats['period']['to'][:16]}",
             f"Appels : {stats['calls']} (terminés : {stats['finished_calls']})",
             f"Servis entièrement par l'automate : {stats['automation']['calls']} "
             f"({pct(stats['automation']['share'])})",
             f"Ont demandé une personne : {pct(stats['asked_for_person']['share'])}    "
             f"Incertains (NLU) : {pct(stats['unsure']['share'])}", "", "Appels par jour de la semaine :"]
    for day, count in zip(WEEKDAYS_FR, stats["volume"]["by_weekday"], strict=True):
        lines.append(f"  {day:<9} {count:>6}")
    busiest = sorted(range(24), key=lambda h: -stats["volume"]["by_hour"][h])[:3]
    lines.append("Heures les plus chargées : " + ", ".join(f"{h}h ({stats['volume']['by_hour'][h]})"
                                                        for h in sorted(busiest)))
    lines += ["", "Motifs les plus fréquents :"]
    for intent, count in stats["top_intents"][:8]:
        lines.append(f"  {intent:<18} {count:>6}")
    lines += ["", "Issues : " + ", ".join(f"{k} {v}" for k, v in stats["outcomes"].items()), "",
              "Files d'attente :      entrées  décroché  abandon  attente moy.  attente p90"]
    for name, q in stats["queues"].items():
        lines.append(f"  {name:<18} {q['entries']:>8} {pct(q['answered_rate']):>9} {pct(q['abandoned_rate']):>8} "
                     f"{sec(q['wait_avg_s']):>13} {sec(q['wait_p90_s']):>12}")
    lines += ["", "Délai jusqu'à une personne :"]
    for level, t in stats["time_to_person"].items():
        lines.append(f"  {level:<8} appels {t['calls']:>4}, jointes {t['reached_person']:>4}, "
                     f"moyenne {sec(t['avg_s'])}, p90 {sec(t['p90_s'])}, max {sec(t['max_s'])}")
    return "\n".join(lines)
