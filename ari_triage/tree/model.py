"""The loaded, immutable form of a decision tree.

A :class:`Tree` is built once by :mod:`ari_triage.tree.loader` from the admin's YAML (already checked
against ``tree.schema.json``) and then only read: by the validator, the pure interpreter, the renderer and
the prompt builder. Every node keeps the :class:`~ari_triage.errors.Location` of what the admin wrote, so a
problem found later still says ``file.yaml:LINE:COL``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import Literal
from zoneinfo import ZoneInfo

from ari_triage.errors import Location
from ari_triage.tree.contract import Prompt

NodeKind = Literal["say", "ask", "branch", "route", "info", "callback", "transfer", "hangup", "hook"]
NODE_KINDS: tuple[str, ...] = ("say", "ask", "branch", "route", "info", "callback", "transfer", "hangup", "hook")
LISTENING_KINDS = frozenset({"ask", "info", "callback"})
TERMINAL_KINDS = frozenset({"route", "transfer", "hangup"})
QUESTION_KINDS = frozenset({"ask", "callback"})  # count towards max_questions

BRANCH_CASES: Mapping[str, frozenset[str] | None] = MappingProxyType({
    "hours": frozenset({"open", "closed", "holiday"}),
    "caller": frozenset({"known", "unknown", "hidden"}),
    "unsure": frozenset({"unsure", "sure"}),
    "urgency": frozenset({"normale", "urgente", "vitale"}),
    "intent": None,  # checked against the Intent names
    "language": None,  # any two-letter code
    "digit": None,  # 1-9 * #
})
# Cases a branch must cover (or have 'otherwise'), because the interpreter can meet each of them.
BRANCH_REQUIRED: Mapping[str, frozenset[str]] = MappingProxyType({
    "hours": frozenset({"open", "closed"}),
    "caller": frozenset({"known", "unknown"}),
    "unsure": frozenset({"unsure", "sure"}),
    "urgency": frozenset({"normale", "urgente"}),
})

PERSON_KEY = "0"


@dataclass(frozen=True)
class Edge:
    """A way from one node to another, as written by the admin (``label`` says which field)."""

    label: str
    target: str
    location: Location


@dataclass(frozen=True)
class Node:
    """Fields common to every node. ``kind`` is the key that says what the node does."""

    id: str
    kind: str
    location: Location

    def edges(self) -> tuple[Edge, ...]:
        return ()

    def prompts(self) -> tuple[Prompt, ...]:
        return ()


@dataclass(frozen=True)
class SayNode(Node):
    prompt: Prompt = field(default=None)  # type: ignore[assignment]
    next: Edge = field(default=None)  # type: ignore[assignment]

    def edges(self) -> tuple[Edge, ...]:
        return (self.next,)

    def prompts(self) -> tuple[Prompt, ...]:
        return (self.prompt,)


@dataclass(frozen=True)
class AskNode(Node):
    prompt: Prompt = field(default=None)  # type: ignore[assignment]
    reprompt: Prompt | None = None
    hint: Prompt | None = None  # the tree's "how to reach a person" sentence, when added
    speech: bool = True
    dtmf: bool = True
    timeout_s: float = 6.0
    retries: int = 1
    keys: tuple[Edge, ...] = ()  # label = digit
    intents: tuple[Edge, ...] = ()  # label = intent name
    urgency: tuple[Edge, ...] = ()  # label = urgency level
    words: tuple[Edge, ...] = ()  # label = phrase (normalised)
    unsure: Edge | None = None
    no_input: Edge | None = None
    otherwise: Edge | None = None
    person_hint: bool = True

    def edges(self) -> tuple[Edge, ...]:
        extra = tuple(e for e in (self.unsure, self.no_input, self.otherwise) if e is not None)
        return self.words + self.urgency + self.keys + self.intents + extra

    def prompts(self) -> tuple[Prompt, ...]:
        return tuple(p for p in (self.prompt, self.reprompt, self.hint) if p is not None)


@dataclass(frozen=True)
class BranchNode(Node):
    on: str = "hours"
    cases: tuple[Edge, ...] = ()  # label = case value
    otherwise: Edge | None = None

    def edges(self) -> tuple[Edge, ...]:
        return self.cases + ((self.otherwise,) if self.otherwise else ())

    def case(self, value: str | None) -> str | None:
        for edge in self.cases:
            if edge.label == value:
                return edge.target
        return self.otherwise.target if self.otherwise else None


@dataclass(frozen=True)
class RouteNode(Node):
    queue: str = ""
    queue_location: Location | None = None
    priority: int = 0
    announcement: Prompt | None = None

    def prompts(self) -> tuple[Prompt, ...]:
        return (self.announcement,) if self.announcement else ()


@dataclass(frozen=True)
class InfoNode(Node):
    prompt: Prompt = field(default=None)  # type: ignore[assignment]
    retries: int = 2
    otherwise: Edge | None = None

    def edges(self) -> tuple[Edge, ...]:
        return (self.otherwise,) if self.otherwise else ()

    def prompts(self) -> tuple[Prompt, ...]:
        return (self.prompt,)


@dataclass(frozen=True)
class CallbackNode(Node):
    prompt: Prompt = field(default=None)  # type: ignore[assignment]
    queue: str = ""
    queue_location: Location | None = None
    confirm: Prompt | None = None
    declined: Edge | None = None

    def edges(self) -> tuple[Edge, ...]:
        return (self.declined,) if self.declined else ()

    def prompts(self) -> tuple[Prompt, ...]:
        return tuple(p for p in (self.prompt, self.confirm) if p is not None)


@dataclass(frozen=True)
class TransferNode(Node):
    number: str = ""
    announcement: Prompt | None = None

    def prompts(self) -> tuple[Prompt, ...]:
        return (self.announcement,) if self.announcement else ()


@dataclass(frozen=True)
class HangupNode(Node):
    prompt: Prompt | None = None  # None: the tree's goodbye text

    def prompts(self) -> tuple[Prompt, ...]:
        return (self.prompt,) if self.prompt else ()


@dataclass(frozen=True)
class HookNode(Node):
    name: str = ""
    name_location: Location | None = None
    params: tuple[tuple[str, str], ...] = ()
    next: Edge = field(default=None)  # type: ignore[assignment]

    def edges(self) -> tuple[Edge, ...]:
        return (self.next,)


# ---------------------------------------------------------------- opening hours

DAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def _easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month = (h + m - 7 * n + 114) // 31
    day = (h + m - 7 * n + 114) % 31 + 1
    return date(year, month, day)


def french_public_holidays(year: int) -> frozenset[date]:
    """The eleven public holidays of metropolitan France."""
    easter = _easter(year)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    moving = [easter + timedelta(days=1), easter + timedelta(days=39), easter + timedelta(days=50)]
    return frozenset([date(year, m, d) for m, d in fixed] + moving)


@dataclass(frozen=True)
class Hours:
    """Weekly opening hours (minutes since midnight, per weekday, Monday first) and closed days."""

    timezone: str = "Europe/Paris"
    week: tuple[tuple[tuple[int, int], ...], ...] = ((),) * 7
    public_holidays: str = "france"
    closed: frozenset[date] = frozenset()

    def status(self, at: datetime) -> Literal["open", "closed", "holiday"]:
        local = at.astimezone(ZoneInfo(self.timezone)) if at.tzinfo else at
        day = local.date()
        if day in self.closed or (self.public_holidays == "france" and day in french_public_holidays(day.year)):
            return "holiday"
        minute = local.hour * 60 + local.minute
        if any(start <= minute < end for start, end in self.week[local.weekday()]):
            return "open"
        return "closed"


# ---------------------------------------------------------------- announcements


@dataclass(frozen=True)
class Announcement:
    """A temporary message (closure, strike, epidemic advice) played after the welcome."""

    name: str
    active: bool
    prompt: Prompt
    start: datetime | None  # naive local clinic time; None: no start limit
    end: datetime | None  # exclusive
    location: Location

    def applies(self, local_time: datetime) -> bool:
        if not self.active:
            return False
        naive = local_time.replace(tzinfo=None)
        return (self.start is None or naive >= self.start) and (self.end is None or naive < self.end)


# ---------------------------------------------------------------- the tree


@dataclass(frozen=True)
class Texts:
    """Sentences used at every step; a tree may override each under ``texts:``."""

    person_hint: str = "Pour parler à une personne, tapez 0 ou dites « parler à quelqu'un »."
    not_understood: str = "Excusez-moi, je n'ai pas bien compris."
    no_input: str = "Je ne vous ai pas entendu."
    to_person: str = "Je vous passe une personne. Merci de patienter."
    info_offer: str = (
        "Pour réécouter, tapez 1. Pour parler à une personne, tapez 0 ou dites « parler à quelqu'un ». "
        "Sinon, vous pouvez raccrocher."
    )
    goodbye: str = "Merci de votre appel. Au revoir."
    callback_confirm: str = "C'est noté : nous vous rappellerons dès que possible. Au revoir."
    callback_hidden: str = "Votre numéro est masqué : nous ne pouvons pas vous rappeler."


@dataclass(frozen=True)
class Tree:
    name: str
    file: str
    start: str
    nodes: Mapping[str, Node]  # read-only mapping, in the order written
    person_queue: str
    person_priority: int
    person_location: Location
    emergency_queue: str
    emergency_location: Location
    emergency_advice: Prompt
    max_priority: int
    urgent_priority: int
    max_questions: int
    language: str
    welcome: str | None
    hours: Hours | None
    texts: Mapping[str, Prompt]  # Texts field name -> Prompt
    announcements: tuple[Announcement, ...] = ()
    default_timeout_s: float = 6.0
    location: Location = field(default_factory=lambda: Location("<tree>"))

    def text(self, name: str) -> Prompt:
        return self.texts[name]

    def node(self, node_id: str) -> Node:
        return self.nodes[node_id]


def frozen_mapping(items: dict) -> Mapping:
    return MappingProxyType(dict(items))
