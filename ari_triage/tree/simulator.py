"""Rehearsing a conversation with a tree, without Asterisk: scripted turns in, the interpreter's decisions
out. Used by ``ari-triage simulate`` and ``ari-triage test-tree``. The classifier is passed in (the real
NLU model, or a stand-in chosen by the command), so this module stays free of model loading.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from ari_triage.nlu.result import Classifier, NluResult
from ari_triage.tree.contract import (
    Action,
    CallerHungUp,
    CallStarted,
    Digit,
    Event,
    Listen,
    NoInput,
    Utterance,
)
from ari_triage.tree.interpreter import CallState, advance, start
from ari_triage.tree.model import Tree

TurnKind = Literal["say", "dtmf", "silence", "hangup"]


@dataclass(frozen=True)
class Turn:
    """One thing the caller does: say a sentence, press keys, stay silent, or hang up."""

    kind: TurnKind
    value: str = ""

    def describe(self) -> str:
        return {"say": f'says "{self.value}"', "dtmf": f"presses {self.value}", "silence": "stays silent",
                "hangup": "hangs up"}[self.kind]


@dataclass(frozen=True)
class Exchange:
    """What the caller did and what the assistant did in reply."""

    turn: Turn | None  # None: the call starting
    nlu: NluResult | None
    actions: tuple[Action, ...]


@dataclass
class Conversation:
    state: CallState
    exchanges: list[Exchange] = field(default_factory=list)
    unused_turns: list[Turn] = field(default_factory=list)
    classifier: str = ""

    @property
    def action(self) -> str | None:
        """route | transfer | hangup | callback | info | abandoned, or None while still listening."""
        return self.state.outcome if self.state.done else None

    def to_json(self) -> dict:
        state = self.state
        return {
            "action": self.action,
            "queue": state.queue,
            "priority": state.priority,
            "intent": state.intent,
            "urgency": state.urgency,
            "unsure": state.unsure,
            "asked_for_person": state.asked_for_person,
            "path": list(state.path),
            "prompts": list(state.prompts),
            "done": state.done,
            "waiting_at": state.node,
            "reason": state.reason,
            "hooks": list(state.hooks),
            "callback_queue": state.callback_queue,
            "transfer_number": state.transfer_number,
            "questions": state.questions,
            "classifier": self.classifier,
            "turns": [
                {"turn": e.turn.kind if e.turn else "start", "value": e.turn.value if e.turn else None,
                 "nlu": e.nlu.to_json() if e.nlu else None}
                for e in self.exchanges
            ],
            "unused_turns": [{"turn": t.kind, "value": t.value} for t in self.unused_turns],
        }


def _events(turn: Turn, classifier: Classifier) -> Iterable[tuple[Event, NluResult | None]]:
    if turn.kind == "say":
        nlu = classifier.classify(turn.value)
        yield Utterance(turn.value, nlu), nlu
    elif turn.kind == "dtmf":
        for digit in turn.value:
            yield Digit(digit), None
    elif turn.kind == "silence":
        yield NoInput(), None
    else:
        yield CallerHungUp(), None


def run_conversation(tree: Tree, classifier: Classifier, call: CallStarted, turns: Iterable[Turn],
                     classifier_name: str = "") -> Conversation:
    """Play ``turns`` in order against the tree. Turns left when the call has ended are kept in
    ``unused_turns``; when the turns run out while the assistant listens, the call is left waiting."""
    step = start(tree, call)
    conversation = Conversation(step.state, [Exchange(None, None, step.actions)], classifier=classifier_name)
    pending = list(turns)
    while pending:
        if conversation.state.done:
            conversation.unused_turns = pending
            break
        turn = pending.pop(0)
        for event, nlu in _events(turn, classifier):
            if conversation.state.done:
                break
            step = advance(tree, conversation.state, event)
            conversation.state = step.state
            conversation.exchanges.append(Exchange(turn, nlu, step.actions))
    return conversation


def is_listening(actions: tuple[Action, ...]) -> bool:
    return bool(actions) and isinstance(actions[-1], Listen)
