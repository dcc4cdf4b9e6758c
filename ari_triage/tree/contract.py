"""The interpreter's contract: events in, actions out.

The interpreter (``ari_triage.tree.interpreter``) is pure::

    step = start(tree, CallStarted(...))          # -> Step(state, actions)
    step = advance(tree, step.state, event)        # -> Step(state, actions)

The call session (and the simulator) execute the actions **in order** and feed back the next event.

Rules every batch of actions follows (the session relies on them):
- a batch ends with exactly one ``Listen`` (the session then waits for Utterance, Digit or NoInput), or
  with exactly one terminal action (``Route``, ``Transfer``, ``Hangup``), after which ``state.done``;
- ``Play`` actions before a ``Listen`` in the same batch may be interrupted by the caller (barge-in)
  when ``interruptible``; a ``Play`` before a terminal action is played to its end (unless the caller
  hangs up). Emergency advice is never interruptible;
- ``RunHook`` and ``RequestCallback`` never wait: the session fires them and goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from ari_triage.nlu.result import NluResult

# ---------------------------------------------------------------- events (session -> interpreter)


@dataclass(frozen=True)
class CallerProfile:
    """What the store knows of the calling number (empty for an unknown or hidden number)."""

    known: bool = False
    previous_intent: str | None = None
    open_callback: bool = False
    calls_last_30_days: int = 0


@dataclass(frozen=True)
class CallStarted:
    at: datetime  # local wall-clock time of the clinic (timezone-aware)
    caller: str | None = None  # caller id number, None when hidden
    profile: CallerProfile = field(default_factory=CallerProfile)
    language: str = "fr"


@dataclass(frozen=True)
class Utterance:
    text: str
    nlu: NluResult


@dataclass(frozen=True)
class Digit:
    digit: str  # one of 0-9 * #


@dataclass(frozen=True)
class NoInput:
    """The caller said nothing (or nothing recognisable) before the listening timeout."""


@dataclass(frozen=True)
class CallerHungUp:
    pass


Event = CallStarted | Utterance | Digit | NoInput | CallerHungUp

# ---------------------------------------------------------------- actions (interpreter -> session)


@dataclass(frozen=True)
class Prompt:
    """Something said to the caller. ``key`` is stable for the same text and voice (the prompt cache
    and recorded-audio overrides use it); ``audio`` names a pre-recorded file that takes precedence."""

    key: str
    text: str
    audio: str | None = None


@dataclass(frozen=True)
class Play:
    prompt: Prompt
    interruptible: bool = True


@dataclass(frozen=True)
class Listen:
    node: str  # id of the question node that is listening
    speech: bool = True
    dtmf: bool = True
    timeout_s: float = 6.0
    max_digits: int = 1


@dataclass(frozen=True)
class RunHook:
    name: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RequestCallback:
    queue: str
    reason: str


@dataclass(frozen=True)
class Route:
    queue: str
    priority: int
    reason: str  # why this queue (node id, "asked for a person", "vitale", ...)


@dataclass(frozen=True)
class Transfer:
    number: str
    reason: str


@dataclass(frozen=True)
class Hangup:
    reason: str


Action = Play | Listen | RunHook | RequestCallback | Route | Transfer | Hangup
TERMINAL_ACTIONS = (Route, Transfer, Hangup)

# What the call finally did, for the simulator, statistics and hand-off.
Outcome = Literal["route", "transfer", "hangup", "callback", "info", "abandoned"]
