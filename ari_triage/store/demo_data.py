"""Realistic, reproducible demo history: calls of a clinic over some weeks, plus the queue_log Asterisk would
have written for them. Used by ``ari-triage db seed-demo``, the statistics/report tests and the benchmark.

Nothing here is real: numbers are drawn from an unassigned-looking pool, transcripts from a fixed phrase list.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from ari_triage.store.codec import Record, utc
from ari_triage.store.records import CallbackRequest, CallEnd, CallEvent, CallStart

CLINIC_TZ = ZoneInfo("Europe/Paris")

# intent -> (weight, queue, phrase said by the caller)
_INTENTS = {
    "rdv_prise": (24, "rdv", "je voudrais prendre un rendez-vous avec le docteur"),
    "rdv_modif": (8, "rdv", "je dois déplacer mon rendez-vous de jeudi"),
    "rdv_annulation": (7, "rdv", "je veux annuler mon rendez-vous"),
    "rdv_confirmation": (5, None, "je voulais confirmer mon rendez-vous de demain"),
    "info_pratique": (14, None, "quels sont vos horaires d'ouverture"),
    "resultats": (10, "secretariat", "j'appelle pour mes résultats de prise de sang"),
    "ordonnance": (7, "secretariat", "il me faut une ordonnance pour mon traitement"),
    "administratif": (5, "accueil", "c'est pour une question de facture"),
    "conseil_medical": (6, "infirmiere", "mon fils a de la fièvre depuis hier soir"),
    "urgence": (2, "urgences", "mon mari a une douleur dans la poitrine"),
    "humain": (7, "accueil", "je voudrais parler à quelqu'un"),
    "reclamation": (2, "accueil", "je ne suis pas content de l'accueil"),
    "autre": (3, "accueil", "euh oui bonjour c'est pour savoir"),
}
_HOUR_WEIGHTS = {8: 6, 9: 12, 10: 11, 11: 9, 12: 4, 13: 4, 14: 9, 15: 8, 16: 7, 17: 5, 18: 3, 19: 1}
_QUEUE_MEAN_WAIT = {"rdv": 55, "secretariat": 40, "accueil": 35, "infirmiere": 25, "urgences": 6}


@dataclass
class DemoData:
    records: list[Record] = field(default_factory=list)
    queue_log: list[str] = field(default_factory=list)  # lines with their newline
    calls: int = 0


def generate(days: int = 28, end: datetime | None = None, seed: int = 7, calls_per_day: int = 60,
             instance: str = "demo") -> DemoData:
    """``days`` of history ending at ``end`` (default: now). Deterministic for a given seed and end."""
    rng = random.Random(seed)
    end = (end or datetime.now(CLINIC_TZ)).astimezone(CLINIC_TZ)
    start_day = (end - timedelta(days=days)).replace(hour=0, minute=0, second=0, microsecond=0)
    callers = [f"06{rng.randrange(10**8):08d}" for _ in range(max(20, calls_per_day * days // 3))]
    data = DemoData()
    hours, hour_weights = list(_HOUR_WEIGHTS), list(_HOUR_WEIGHTS.values())
    names = list(_INTENTS)
    weights = [_INTENTS[n][0] for n in names]
    uniqueid = int(utc(start_day).timestamp())
    for day in range(days + 1):
        date = start_day + timedelta(days=day)
        weekday = date.weekday()
        volume = calls_per_day * (1.25 if weekday == 0 else 1.0 if weekday < 5 else 0.25 if weekday == 5 else 0.08)
        for _ in range(int(rng.gauss(volume, volume * 0.12))):
            at = date.replace(hour=rng.choices(hours, hour_weights)[0], minute=rng.randrange(60),
                              second=rng.randrange(60))
            if at >= end:
                continue
            uniqueid += 1
            data.calls += 1
            _one_call(rng, data, at, f"{int(utc(at).timestamp())}.{uniqueid % 100000}", rng.choice(callers),
                      rng.choices(names, weights)[0], instance)
    data.queue_log.sort(key=lambda line: int(line.split("|", 1)[0]))
    return data


def _one_call(rng: random.Random, data: DemoData, at: datetime, channel_id: str, caller: str, intent: str,
              instance: str) -> None:
    call_id = f"demo-{channel_id}"
    _, queue, phrase = _INTENTS[intent]
    urgency = "normale"
    if intent == "urgence":
        urgency = "vitale" if rng.random() < 0.6 else "urgente"
    elif intent == "conseil_medical" and rng.random() < 0.3:
        urgency = "urgente"
    unsure = rng.random() < 0.08
    asked_for_person = intent == "humain" or rng.random() < 0.06
    if asked_for_person and queue is None:
        queue = "accueil"
    records: list[Record] = [CallStart(call_id, channel_id, at, caller if rng.random() > 0.05 else None,
                                       "clinique.yaml", instance)]
    t = at + timedelta(seconds=rng.randint(6, 12))
    seq = 1
    path = ["accueil", "motif"]
    for kind, payload in (("prompt", {"node": "accueil"}),
                          ("utterance", {"node": "motif", "transcript": phrase}),
                          ("nlu", {"intent": intent, "urgency": urgency, "unsure": unsure})):
        records.append(CallEvent(call_id, seq, t, kind, payload))
        seq += 1
        t += timedelta(seconds=rng.randint(1, 6))
    roll = rng.random()
    if urgency == "vitale":
        outcome, queue, priority = "route", "urgences", 10
    elif queue is None:
        outcome, priority = ("info" if roll < 0.85 else "hangup"), None
        path.append("infos")
    elif roll < 0.04:
        outcome, queue, priority = "abandoned", None, None
    elif roll < 0.10 and intent.startswith("rdv"):
        outcome, priority = "callback", None
        records.append(CallbackRequest(call_id, t, caller, queue, "rappel demandé"))
    else:
        outcome, priority = "route", 6 if urgency == "urgente" else 2
        path.append(queue)
    records.append(CallEvent(call_id, seq, t, "handoff" if outcome == "route" else "end",
                             {"outcome": outcome, "queue": queue}))
    records.append(CallEnd(call_id, t, outcome, queue=queue if outcome in ("route", "callback") else None,
                           priority=priority, intent=intent, urgency=urgency, unsure=unsure,
                           asked_for_person=asked_for_person, path=tuple(path), reason=intent))
    data.records.extend(records)
    if outcome == "route" and queue:
        _queue_stay(rng, data, t, channel_id, queue, caller, urgency)


def _queue_stay(rng: random.Random, data: DemoData, entered: datetime, channel_id: str, queue: str, caller: str,
                urgency: str) -> None:
    busy = 1.6 if entered.hour in (9, 10, 14) else 1.0
    mean = _QUEUE_MEAN_WAIT[queue] * busy * (0.4 if urgency != "normale" else 1.0)
    wait = max(1, int(rng.expovariate(1 / mean)))
    ts = int(utc(entered).timestamp())
    agent = f"PJSIP/poste-{rng.randint(101, 109)}"
    line = data.queue_log.append
    line(f"{ts}|{channel_id}|{queue}|NONE|ENTERQUEUE||{caller}|1\n")
    if rng.random() < 0.15:
        line(f"{ts + wait // 2}|{channel_id}|{queue}|{agent}|RINGNOANSWER|15000\n")
    patience = rng.expovariate(1 / 300) if urgency == "normale" else 10_000
    if wait > 240:
        line(f"{ts + 240}|{channel_id}|{queue}|NONE|EXITWITHTIMEOUT|1|1|240\n")
    elif wait > patience:
        line(f"{ts + int(patience)}|{channel_id}|{queue}|NONE|ABANDON|1|1|{int(patience)}\n")
    else:
        talk = rng.randint(40, 400)
        line(f"{ts + wait}|{channel_id}|{queue}|{agent}|CONNECT|{wait}|{channel_id}9|{rng.randint(1, 8)}\n")
        event = "COMPLETEAGENT" if rng.random() < 0.5 else "COMPLETECALLER"
        line(f"{ts + wait + talk}|{channel_id}|{queue}|{agent}|{event}|{wait}|{talk}|1\n")
