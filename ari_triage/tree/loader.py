"""Loading a tree file (and the temporary announcements) into an immutable :class:`Tree`.

Three passes, each reporting with ``file:line:column``: YAML syntax (:mod:`ari_triage.yamlsrc`), the JSON
Schema (:mod:`ari_triage.tree.schema`), then the checks across nodes and the configuration
(:mod:`ari_triage.tree.validator`). :func:`load_tree` refuses a tree with any error.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ari_triage import yamlsrc
from ari_triage.config import Config
from ari_triage.errors import Location
from ari_triage.tree import schema
from ari_triage.tree.model import (
    DAYS_FR,
    Announcement,
    AskNode,
    BranchNode,
    CallbackNode,
    Edge,
    HangupNode,
    HookNode,
    Hours,
    InfoNode,
    Node,
    RouteNode,
    SayNode,
    Texts,
    TransferNode,
    Tree,
    frozen_mapping,
)
from ari_triage.tree.problems import TreeError, TreeProblem
from ari_triage.tree.prompts import make_prompt

_FROM_CONFIG: Any = object()  # sentinel: read the announcements file named in the configuration


def load_tree(path: str | Path, config: Config, *, announcements_file: str | Path | None = _FROM_CONFIG) -> Tree:
    """Load, check and build a tree; raise :class:`TreeError` (every problem, with file:line) if it
    cannot be used. ``announcements_file=None`` loads none; by default ``config.tree.announcements``
    (a missing announcements file means no announcement)."""
    tree, problems = load_and_check(path, config, announcements_file=announcements_file)
    if tree is None or any(p.severity == "error" for p in problems):
        raise TreeError(problems)
    return tree


def load_and_check(path: str | Path, config: Config, *, announcements_file: str | Path | None = _FROM_CONFIG,
                   ) -> tuple[Tree | None, list[TreeProblem]]:
    """Like :func:`load_tree` but returns the problems instead of raising (``tree`` is None when it
    could not even be built)."""
    from ari_triage.tree.validator import check_tree

    file = str(path)
    try:
        raw = schema.normalise(schema.load_yaml(path))
    except yamlsrc.YamlError as exc:
        return None, [TreeProblem(exc.location or Location(file), exc.message, hint=exc.hint)]
    except TreeError as exc:
        return None, exc.problems
    problems = schema.check_tree_schema(raw, file) or _check_hours_values(raw.get("hours"), file)
    if problems:
        return None, problems
    if announcements_file is _FROM_CONFIG:
        announcements_file = config.tree.announcements
        if not Path(announcements_file).is_file():
            announcements_file = None
    announcements: tuple[Announcement, ...] = ()
    if announcements_file is not None:
        try:
            announcements = load_announcements(announcements_file, config)
        except TreeError as exc:
            return None, exc.problems
    tree = build_tree(raw, file, config, announcements)
    return tree, check_tree(tree, config)


# ---------------------------------------------------------------- building


def _edge(body: dict, key: str) -> Edge | None:
    if key not in body or body[key] is None:
        return None
    return Edge(key, str(body[key]), yamlsrc.where(body, key))


def _edges(body: dict, key: str) -> tuple[Edge, ...]:
    mapping = body.get(key) or {}
    return tuple(Edge(str(label), str(target), yamlsrc.where(mapping, label)) for label, target in mapping.items())


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def _check_hours_values(raw: dict | None, file: str) -> list[TreeProblem]:
    """Values the schema's patterns let through but that are not real times or dates."""
    problems: list[TreeProblem] = []
    if not raw:
        return problems
    try:
        ZoneInfo(str(raw.get("timezone", "Europe/Paris")))
    except (ValueError, ZoneInfoNotFoundError):
        problems.append(TreeProblem(yamlsrc.where(raw, "timezone") or Location(file),
                                    f"'{raw.get('timezone')}' is not a time zone",
                                    hint="use a name like Europe/Paris, America/Martinique, Indian/Reunion"))
    week = raw.get("week") or {}
    for days, spec in week.items():
        if spec.strip() in ("fermé", "ferme"):
            continue
        for part in spec.split(","):
            start, end = (_minutes(t) for t in part.strip().split("-"))
            if start >= end or end > 24 * 60:
                problems.append(TreeProblem(
                    yamlsrc.where(week, days) or Location(file), f"'{part.strip()}' is not a valid time range",
                    hint="write the opening time then the closing time, between 00:00 and 24:00"))
    closed = raw.get("closed") or []
    for index, item in enumerate(closed):
        try:
            for part in str(item).split(".."):
                date.fromisoformat(part)
        except ValueError:
            problems.append(TreeProblem(yamlsrc.where(closed, index) or Location(file),
                                        f"'{item}' is not a real date", hint="write dates like 2026-12-24"))
    return problems


def _build_hours(raw: dict | None, file: str) -> Hours | None:
    if raw is None:
        return None
    week: list[list[tuple[int, int]]] = [[] for _ in DAYS_FR]
    for days, spec in (raw.get("week") or {}).items():
        first, _, last = str(days).partition("-")
        start, end = DAYS_FR.index(first), DAYS_FR.index(last or first)
        span = range(start, end + 1) if start <= end else [*range(start, 7), *range(0, end + 1)]
        ranges = [] if spec.strip() in ("fermé", "ferme") else [
            (_minutes(a), _minutes(b)) for a, b in (part.strip().split("-") for part in spec.split(","))]
        for day in span:
            week[day] = ranges
    closed: set[date] = set()
    for item in raw.get("closed") or []:
        first, _, last = str(item).partition("..")
        day, end_day = date.fromisoformat(first), date.fromisoformat(last or first)
        while day <= end_day:
            closed.add(day)
            day += timedelta(days=1)
    return Hours(
        timezone=str(raw.get("timezone", "Europe/Paris")),
        week=tuple(tuple(r) for r in week),
        public_holidays=str(raw.get("public_holidays", "france")),
        closed=frozenset(closed),
    )


def _build_node(node_id: str, body: dict, location: Location, tree_texts: dict[str, str], config: Config) -> Node:
    voice = config.prompts.voice

    def prompt(key: str, audio_key: str | None = "audio"):
        text = body.get(key)
        if not isinstance(text, str) or not text.strip():
            return None
        return make_prompt(text.strip(), body.get(audio_key) if audio_key else None, voice)

    if "say" in body:
        return SayNode(node_id, "say", location, prompt=prompt("say"), next=_edge(body, "next"))
    if "ask" in body:
        listen = body.get("listen", "both")
        ask_text = str(body["ask"])
        person_hint = bool(body.get("person_hint", True))
        hint = None
        if person_hint and not mentions_person(ask_text):
            hint = make_prompt(tree_texts["person_hint"], None, voice)
        return AskNode(
            node_id, "ask", location, prompt=prompt("ask"), reprompt=prompt("reprompt", None), hint=hint,
            speech=listen in ("both", "speech"), dtmf=listen in ("both", "dtmf"),
            timeout_s=float(body.get("timeout", config.asr.no_input_timeout_s)),
            retries=int(body.get("retries", 1)),
            keys=_edges(body, "keys"), intents=_edges(body, "intents"), urgency=_edges(body, "urgency"),
            words=tuple(Edge(normalise_words(e.label), e.target, e.location) for e in _edges(body, "words")),
            unsure=_edge(body, "unsure"), no_input=_edge(body, "no_input"), otherwise=_edge(body, "otherwise"),
            person_hint=person_hint,
        )
    if "branch" in body:
        return BranchNode(node_id, "branch", location, on=str(body["branch"]), cases=_edges(body, "cases"),
                          otherwise=_edge(body, "otherwise"))
    if "route" in body:
        return RouteNode(node_id, "route", location, queue=str(body["route"]),
                         queue_location=yamlsrc.where(body, "route"), priority=int(body.get("priority", 0)),
                         announcement=prompt("announcement"))
    if "info" in body:
        return InfoNode(node_id, "info", location, prompt=prompt("info"), retries=int(body.get("retries", 2)),
                        otherwise=_edge(body, "otherwise"))
    if "callback" in body:
        text = str(body["callback"]).strip()
        if not mentions_person(text):
            text = f"{text} {tree_texts['person_hint']}"
        return CallbackNode(node_id, "callback", location, prompt=make_prompt(text, body.get("audio"), voice),
                            queue=str(body["queue"]), queue_location=yamlsrc.where(body, "queue"),
                            confirm=prompt("confirm", None), declined=_edge(body, "declined"))
    if "transfer" in body:
        return TransferNode(node_id, "transfer", location, number=str(body["transfer"]),
                            announcement=prompt("announcement"))
    if "hangup" in body:
        return HangupNode(node_id, "hangup", location, prompt=prompt("hangup"))
    if "hook" in body:
        params = tuple((str(k), str(v)) for k, v in (body.get("params") or {}).items())
        return HookNode(node_id, "hook", location, name=str(body["hook"]), name_location=yamlsrc.where(body, "hook"),
                        params=params, next=_edge(body, "next"))
    raise ValueError(f"node {node_id}: no kind (the schema check should have caught this)")


def build_tree(raw: dict, file: str, config: Config, announcements: tuple[Announcement, ...] = ()) -> Tree:
    """Build the immutable tree from schema-checked YAML (no cross-node checks here)."""
    voice = config.prompts.voice
    texts = {name: getattr(Texts(), name) for name in Texts.__dataclass_fields__}
    texts.update({k: str(v).strip() for k, v in (raw.get("texts") or {}).items()})
    person = raw["person"]
    if person.get("message"):
        texts["to_person"] = str(person["message"]).strip()
    nodes_raw = raw["nodes"]
    nodes = {
        str(node_id): _build_node(str(node_id), body, yamlsrc.key_where(nodes_raw, node_id) or Location(file),
                                  texts, config)
        for node_id, body in nodes_raw.items()
    }
    max_priority = config.queues.max_priority
    return Tree(
        name=str(raw["name"]),
        file=file,
        start=str(raw["start"]),
        nodes=frozen_mapping(nodes),
        person_queue=str(person["queue"]),
        person_priority=int(person.get("priority", min(5, max_priority))),
        person_location=yamlsrc.where(raw, "person") or Location(file),
        emergency_queue=str(raw["emergency"]["queue"]),
        emergency_location=yamlsrc.where(raw, "emergency") or Location(file),
        emergency_advice=make_prompt(config.emergency.advice.strip(), None, voice),
        max_priority=max_priority,
        urgent_priority=int(raw.get("urgent_priority", min(7, max_priority))),
        max_questions=int(raw.get("max_questions", 2)),
        language=str(raw.get("language", "fr")),
        welcome=str(raw["welcome"]) if raw.get("welcome") else None,
        hours=_build_hours(raw.get("hours"), file),
        texts=frozen_mapping({name: make_prompt(text, None, voice) for name, text in texts.items()}),
        announcements=announcements,
        default_timeout_s=float(config.asr.no_input_timeout_s),
        location=yamlsrc.where(raw) or Location(file, 1, 1),
    )


# ---------------------------------------------------------------- words


def normalise_words(text: str) -> str:
    """Lower case, no accents, apostrophes and punctuation as spaces, single spaces: how 'words:' are
    compared (the recogniser may or may not write accents)."""
    folded = unicodedata.normalize("NFKD", text.lower().replace("œ", "oe"))
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join("".join(ch if ch.isalnum() else " " for ch in plain).split())


def mentions_person(text: str) -> bool:
    """Does this sentence tell the caller how to reach a person (key 0 or the phrase)?"""
    words = f" {normalise_words(text)} "
    return " 0 " in words or " zero " in words or " quelqu un " in words


# ---------------------------------------------------------------- announcements


def _parse_when(text: str, end: bool) -> datetime:
    text = text.strip()
    if len(text) == 10:  # a day: from its start, or until its end (included)
        day = datetime.fromisoformat(text)
        return day + timedelta(days=1) if end else day
    return datetime.fromisoformat(text.replace(" ", "T"))


def load_announcements(path: str | Path, config: Config) -> tuple[Announcement, ...]:
    """Read the temporary announcements file; raise :class:`TreeError` with file:line on any problem."""
    file = str(path)
    try:
        raw = schema.normalise(schema.load_yaml(path))
    except yamlsrc.YamlError as exc:
        raise TreeError([TreeProblem(exc.location or Location(file), exc.message, hint=exc.hint)]) from None
    problems = schema.check_announcements_schema(raw, file)
    if problems:
        raise TreeError(problems)
    result = []
    items = raw.get("announcements") or []
    for index, item in enumerate(items):
        location = yamlsrc.where(items, index) or Location(file)
        try:
            start = _parse_when(item["from"], end=False) if item.get("from") else None
            end = _parse_when(item["until"], end=True) if item.get("until") else None
        except ValueError:
            problems.append(TreeProblem(location, f"announcement '{item['name']}' has a date that does not exist",
                                        hint="write dates like 2026-12-24, or 2026-12-24 14:00"))
            continue
        if start and end and end <= start:
            problems.append(TreeProblem(yamlsrc.where(item, "until") or location,
                                        f"announcement '{item['name']}' ends before it starts",
                                        hint="'until' must be the same day as 'from' or later"))
        result.append(Announcement(
            name=str(item["name"]), active=bool(item["active"]),
            prompt=make_prompt(str(item["text"]).strip(), item.get("audio"), config.prompts.voice),
            start=start, end=end, location=location))
    if problems:
        raise TreeError(problems)
    return tuple(result)
