"""The pure decision-tree interpreter: ``(tree, state, event) -> Step(state, actions)``.

No I/O and no clock: the time of the call comes in :class:`CallStarted` and everything else in events.
The call session (and the simulator) execute the actions in order and feed back the next event; see
:mod:`ari_triage.tree.contract` for the batch rules.

Safety lives here, not in the trees, so no tree can switch it off:
- an utterance whose urgency is ``vitale`` (or whose intent is ``urgence``), at any listening step, plays
  the emergency advice (not interruptible) and routes to the emergency queue at the highest priority;
- urgency carried in the state only ever rises, and an ``urgente`` call is never queued below the tree's
  ``urgent_priority``;
- key 0 or the intent ``humain`` at any listening step reaches a person;
- unclear answers are asked again at most ``retries`` times, then a person; at most ``max_questions``
  questions are asked, then a person.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from ari_triage.nlu.result import Intent, NluResult, Urgency
from ari_triage.tree.contract import (
    Action,
    CallerHungUp,
    CallerProfile,
    CallStarted,
    Digit,
    Event,
    Hangup,
    Listen,
    NoInput,
    Outcome,
    Play,
    Prompt,
    RequestCallback,
    Route,
    RunHook,
    Transfer,
    Utterance,
)
from ari_triage.tree.loader import normalise_words
from ari_triage.tree.model import (
    PERSON_KEY,
    AskNode,
    BranchNode,
    CallbackNode,
    HangupNode,
    HookNode,
    InfoNode,
    Node,
    RouteNode,
    SayNode,
    TransferNode,
    Tree,
)

MAX_HOPS = 200  # nodes walked without listening; the validator forbids loops, this is the last guard
YES_WORDS = frozenset({"oui", "ouais", "d accord", "volontiers", "ok", "s il vous plait", "je veux bien"})
NO_WORDS = frozenset({"non", "pas la peine", "non merci", "ce n est pas la peine"})
REPEAT_KEY = "1"
_CASE_FALLBACK = {"hidden": "unknown", "holiday": "closed"}
CALLBACK_YES_KEY, CALLBACK_NO_KEY = "1", "2"


@dataclass(frozen=True)
class CallState:
    """Everything the interpreter knows about one call. Immutable: each step returns a new one."""

    at: datetime
    caller: str | None
    profile: CallerProfile
    language: str
    node: str | None = None  # the listening node waiting for an answer
    done: bool = False
    outcome: Outcome | None = None
    path: tuple[str, ...] = ()
    intent: str | None = None
    urgency: str | None = None
    unsure: bool = False
    asked_for_person: bool = False
    queue: str | None = None
    priority: int | None = None
    prompts: tuple[str, ...] = ()
    reason: str | None = None  # why the call ended where it did
    questions: int = 0  # listening steps entered (retries excluded)
    attempts: tuple[tuple[str, int], ...] = ()  # node id -> times asked again
    last_digit: str | None = None
    hooks: tuple[str, ...] = ()  # hooks fired, in order
    callback_queue: str | None = None
    transfer_number: str | None = None
    info_given: bool = False
    red_flags: tuple[str, ...] = ()

    def attempts_at(self, node_id: str) -> int:
        return dict(self.attempts).get(node_id, 0)


@dataclass(frozen=True)
class Step:
    state: CallState
    actions: tuple[Action, ...]


class _Batch:
    """Actions of one step being built, and the state they lead to."""

    def __init__(self, state: CallState):
        self.state = state
        self.actions: list[Action] = []

    def play(self, prompt: Prompt | None, interruptible: bool = True) -> None:
        if prompt is None:
            return
        self.actions.append(Play(prompt, interruptible))
        self.state = replace(self.state, prompts=(*self.state.prompts, prompt.text))

    def update(self, **changes) -> None:
        self.state = replace(self.state, **changes)

    def step(self) -> Step:
        return Step(self.state, tuple(self.actions))


# ---------------------------------------------------------------- public API


def start(tree: Tree, event: CallStarted) -> Step:
    """First step of a call: walk from the tree's start node to the first question or the end."""
    state = CallState(at=event.at, caller=event.caller, profile=event.profile, language=event.language)
    batch = _Batch(state)
    if tree.welcome is None and tree.nodes[tree.start].kind != "say":
        _announce(tree, batch)
    _walk(tree, batch, tree.start)
    return batch.step()


def advance(tree: Tree, state: CallState, event: Event) -> Step:
    """Next step after ``event``. Once ``state.done``, events change nothing (no actions)."""
    if state.done:
        return Step(state, ())
    batch = _Batch(state)
    if isinstance(event, CallerHungUp):
        batch.update(done=True, outcome="abandoned", node=None, reason="caller hung up")
        return batch.step()
    if isinstance(event, CallStarted):
        raise TypeError("CallStarted starts a call: use start(), not advance()")
    if state.node is None:
        raise ValueError("this call is not waiting for an answer")
    node = tree.nodes[state.node]
    if isinstance(event, Utterance):
        _hear(tree, batch, event.nlu)
        nlu = event.nlu
        if nlu.urgency == Urgency.VITALE or nlu.intent == Intent.URGENCE:
            _emergency(tree, batch)
            return batch.step()
        if nlu.intent == Intent.HUMAIN:
            team = _named_team(tree, node, event.text)
            if team is not None:  # "je voudrais parler à une infirmière": that team, not the generic person
                batch.update(asked_for_person=True, node=None)
                _walk(tree, batch, team)
            else:
                _to_person(tree, batch, "asked for a person", asked=True)
            return batch.step()
    elif isinstance(event, Digit):
        batch.update(last_digit=event.digit)
        if event.digit == PERSON_KEY:
            _to_person(tree, batch, "asked for a person (key 0)", asked=True)
            return batch.step()
    elif not isinstance(event, NoInput):
        raise TypeError(f"unknown event {event!r}")
    if isinstance(node, AskNode):
        _answer_ask(tree, batch, node, event)
    elif isinstance(node, InfoNode):
        _answer_info(tree, batch, node, event)
    elif isinstance(node, CallbackNode):
        _answer_callback(tree, batch, node, event)
    else:  # pragma: no cover - only listening nodes are ever waited on
        _to_person(tree, batch, f"unexpected node {node.id}")
    return batch.step()


# ---------------------------------------------------------------- walking


def _walk(tree: Tree, batch: _Batch, node_id: str) -> None:
    """Go through nodes that need no answer until one listens or ends the call."""
    for _ in range(MAX_HOPS):
        node = tree.nodes.get(node_id)
        if node is None:  # only possible with an unvalidated tree: fail towards a person
            _to_person(tree, batch, f"missing node {node_id}")
            return
        batch.update(path=(*batch.state.path, node_id))
        if isinstance(node, SayNode):
            batch.play(node.prompt)
            if node_id == (tree.welcome or tree.start):
                _announce(tree, batch)
            node_id = node.next.target
        elif isinstance(node, HookNode):
            batch.actions.append(RunHook(node.name, dict(node.params)))
            batch.update(hooks=(*batch.state.hooks, node.name))
            node_id = node.next.target
        elif isinstance(node, BranchNode):
            value = _branch_value(tree, batch.state, node.on)
            if value in _CASE_FALLBACK and value not in {e.label for e in node.cases}:
                value = _CASE_FALLBACK[value]  # a hidden number is unknown; a holiday is closed
            target = node.case(value)
            if target is None:
                _to_person(tree, batch, f"branch {node_id} has no case")
                return
            node_id = target
        elif isinstance(node, RouteNode):
            batch.play(node.announcement)
            _route(tree, batch, node.queue, node.priority, node_id)
            return
        elif isinstance(node, TransferNode):
            batch.play(node.announcement)
            batch.actions.append(Transfer(node.number, node_id))
            batch.update(done=True, outcome="transfer", node=None, transfer_number=node.number, reason=node_id)
            return
        elif isinstance(node, HangupNode):
            batch.play(node.prompt or tree.text("goodbye"))
            _hangup(batch, "info" if batch.state.info_given else "hangup", node_id)
            return
        elif isinstance(node, (AskNode, InfoNode, CallbackNode)):
            _enter_listening(tree, batch, node)
            return
        else:  # pragma: no cover
            raise TypeError(f"unknown node kind {node.kind}")
    _to_person(tree, batch, "too many steps without a question")


def _enter_listening(tree: Tree, batch: _Batch, node) -> None:
    counts_as_question = not isinstance(node, InfoNode)
    if counts_as_question and batch.state.questions >= tree.max_questions:
        _to_person(tree, batch, "question limit reached")
        return
    if isinstance(node, CallbackNode) and batch.state.caller is None:
        batch.play(tree.text("callback_hidden"))
        if node.declined is not None:
            _walk(tree, batch, node.declined.target)
        else:
            _to_person(tree, batch, "callback impossible: hidden number")
        return
    if counts_as_question:
        batch.update(questions=batch.state.questions + 1)
    if isinstance(node, InfoNode):
        batch.update(info_given=True)
        batch.play(node.prompt)
        batch.play(tree.text("info_offer"))
    elif isinstance(node, AskNode):
        batch.play(node.prompt)
        batch.play(node.hint)
    else:
        batch.play(node.prompt)
    _listen(tree, batch, node)


def _listen(tree: Tree, batch: _Batch, node) -> None:
    if isinstance(node, AskNode):
        # Always both: key 0 and "parler à quelqu'un" (and an emergency said aloud) must work at every step,
        # whatever the node accepts as an answer ('listen:' only limits the answers).
        listen = Listen(node.id, speech=True, dtmf=True, timeout_s=node.timeout_s)
    else:
        listen = Listen(node.id, timeout_s=tree.default_timeout_s)
    batch.actions.append(listen)
    batch.update(node=node.id)


def _ask_again(tree: Tree, batch: _Batch, node, why: str, retries: int, fallback: str | None, reason: str) -> None:
    """Ask the same question again if retries remain, else go to ``fallback`` (or a person)."""
    used = batch.state.attempts_at(node.id)
    if used < retries:
        attempts = dict(batch.state.attempts)
        attempts[node.id] = used + 1
        batch.update(attempts=tuple(attempts.items()))
        batch.play(tree.text(why))
        if isinstance(node, AskNode):
            batch.play(node.reprompt or node.prompt)
            batch.play(node.hint)
        elif isinstance(node, InfoNode):
            batch.play(node.prompt)
            batch.play(tree.text("info_offer"))
        else:
            batch.play(node.prompt)
        _listen(tree, batch, node)
        return
    batch.update(node=None)
    if fallback is not None:
        _walk(tree, batch, fallback)
    else:
        _to_person(tree, batch, reason)


# ---------------------------------------------------------------- answers


def _answer_ask(tree: Tree, batch: _Batch, node: AskNode, event: Event) -> None:
    def go(target: str) -> None:
        batch.update(node=None)
        _walk(tree, batch, target)

    if isinstance(event, NoInput):
        _ask_again(tree, batch, node, "no_input", node.retries, node.no_input and node.no_input.target, "no answer")
        return
    if isinstance(event, Digit):
        target = next((e.target for e in node.keys if e.label == event.digit), None) if node.dtmf else None
        if target is not None:
            go(target)
        else:
            _ask_again(tree, batch, node, "not_understood", node.retries, node.otherwise and node.otherwise.target,
                       f"key {event.digit} not offered")
        return
    assert isinstance(event, Utterance)
    if not node.speech:  # keys only: speech counts only for the person/emergency escapes, handled above
        _ask_again(tree, batch, node, "not_understood", node.retries, node.otherwise and node.otherwise.target,
                   "spoken answer to a keys-only question")
        return
    nlu = event.nlu
    said = f" {normalise_words(event.text)} "
    for edge in node.words:
        if f" {edge.label} " in said:
            go(edge.target)
            return
    level = batch.state.urgency
    for edge in node.urgency:
        if edge.label == level:
            go(edge.target)
            return
    if nlu.unsure:
        _ask_again(tree, batch, node, "not_understood", node.retries, node.unsure and node.unsure.target,
                   "answer still unclear")
        return
    for edge in node.intents:
        if edge.label == nlu.intent.value:
            go(edge.target)
            return
    if node.otherwise is not None:
        go(node.otherwise.target)
    else:
        _ask_again(tree, batch, node, "not_understood", node.retries, None, f"intent {nlu.intent.value} not offered")


def _answer_info(tree: Tree, batch: _Batch, node: InfoNode, event: Event) -> None:
    if isinstance(event, NoInput):
        batch.update(node=None)
        batch.play(tree.text("goodbye"))
        _hangup(batch, "info", node.id)
        return
    wants_repeat = (isinstance(event, Digit) and event.digit == REPEAT_KEY) or (
        isinstance(event, Utterance) and event.nlu.intent == Intent.INFO_PRATIQUE and not event.nlu.unsure)
    if wants_repeat:
        used = batch.state.attempts_at(node.id)
        if used < node.retries:
            attempts = dict(batch.state.attempts)
            attempts[node.id] = used + 1
            batch.update(attempts=tuple(attempts.items()))
            batch.play(node.prompt)
            batch.play(tree.text("info_offer"))
            _listen(tree, batch, node)
        else:
            batch.update(node=None)
            batch.play(tree.text("goodbye"))
            _hangup(batch, "info", node.id)
        return
    # the caller wants something else: humans first
    batch.update(node=None)
    if node.otherwise is not None:
        _walk(tree, batch, node.otherwise.target)
    else:
        _to_person(tree, batch, f"after information at {node.id}")


def _answer_callback(tree: Tree, batch: _Batch, node: CallbackNode, event: Event) -> None:
    answer = None
    if isinstance(event, Digit):
        answer = {CALLBACK_YES_KEY: True, CALLBACK_NO_KEY: False}.get(event.digit)
    elif isinstance(event, Utterance):
        words = normalise_words(event.text)
        padded = f" {words} "
        said_no = any(f" {w} " in padded for w in NO_WORDS)
        said_yes = any(f" {w} " in padded for w in YES_WORDS)
        answer = False if said_no else (True if said_yes else None)
    if answer is True:
        batch.update(node=None)
        batch.actions.append(RequestCallback(node.queue, node.id))
        batch.play(node.confirm or tree.text("callback_confirm"))
        batch.update(callback_queue=node.queue)
        _hangup(batch, "callback", node.id)
        return
    declined = node.declined.target if node.declined else None
    if answer is False:
        batch.update(node=None)
        if declined:
            _walk(tree, batch, declined)
        else:
            batch.play(tree.text("goodbye"))
            _hangup(batch, "hangup", node.id)
        return
    why = "no_input" if isinstance(event, NoInput) else "not_understood"
    if declined is None:
        # silence or an unclear answer never books a callback; after the retry, say goodbye
        used = batch.state.attempts_at(node.id)
        if used >= 1:
            batch.update(node=None)
            batch.play(tree.text("goodbye"))
            _hangup(batch, "hangup", node.id)
            return
    _ask_again(tree, batch, node, why, 1, declined, "no answer to the callback offer")


# ---------------------------------------------------------------- endings


def _hear(tree: Tree, batch: _Batch, nlu: NluResult) -> None:
    """Record what the NLU said; urgency only rises."""
    state = batch.state
    current = Urgency(state.urgency) if state.urgency else Urgency.NORMALE
    urgency = Urgency.highest(current, nlu.urgency)
    if nlu.intent == Intent.URGENCE:
        urgency = Urgency.VITALE
    intent = nlu.intent.value if (not nlu.unsure or state.intent is None) else state.intent
    batch.update(intent=intent, urgency=urgency.value, unsure=nlu.unsure,
                 red_flags=(*state.red_flags, *nlu.red_flags))


def _emergency(tree: Tree, batch: _Batch) -> None:
    batch.update(node=None, urgency=Urgency.VITALE.value)
    batch.play(tree.emergency_advice, interruptible=False)
    batch.actions.append(Route(tree.emergency_queue, tree.max_priority, "vitale"))
    batch.update(done=True, outcome="route", queue=tree.emergency_queue, priority=tree.max_priority,
                 reason="vitale")


def _named_team(tree: Tree, node: Node, text: str) -> str | None:
    """A caller asking for a person may name the team ("une infirmière"): when the question's ``words:``
    send that word straight to a queue (a ``route`` node), the caller goes there. Anything else the words
    lead to (information, another question) is not a person, so the generic person escape wins."""
    if not isinstance(node, AskNode):
        return None
    said = f" {normalise_words(text)} "
    for edge in node.words:
        if f" {edge.label} " in said and isinstance(tree.nodes.get(edge.target), RouteNode):
            return edge.target
    return None


def _to_person(tree: Tree, batch: _Batch, reason: str, asked: bool = False) -> None:
    batch.update(node=None)
    if asked:
        batch.update(asked_for_person=True)
    batch.play(tree.text("to_person"))
    _route(tree, batch, tree.person_queue, tree.person_priority, reason)


def _route(tree: Tree, batch: _Batch, queue: str, priority: int, reason: str) -> None:
    if batch.state.urgency == Urgency.VITALE.value:  # never happens through a tree, kept as a guard
        queue, priority = tree.emergency_queue, tree.max_priority
    elif batch.state.urgency == Urgency.URGENTE.value:
        priority = max(priority, tree.urgent_priority)
    priority = min(priority, tree.max_priority)
    batch.actions.append(Route(queue, priority, reason))
    batch.update(done=True, outcome="route", node=None, queue=queue, priority=priority, reason=reason)


def _hangup(batch: _Batch, outcome: Outcome, reason: str) -> None:
    batch.actions.append(Hangup(reason))
    batch.update(done=True, outcome=outcome, node=None, reason=reason)


def _announce(tree: Tree, batch: _Batch) -> None:
    for announcement in tree.announcements:
        if announcement.applies(_local_time(tree, batch.state.at)):
            batch.play(announcement.prompt)


def _local_time(tree: Tree, at: datetime) -> datetime:
    if tree.hours is not None and at.tzinfo is not None:
        from zoneinfo import ZoneInfo

        return at.astimezone(ZoneInfo(tree.hours.timezone))
    return at


def _branch_value(tree: Tree, state: CallState, on: str) -> str | None:
    if on == "hours":
        return tree.hours.status(state.at) if tree.hours else "open"
    if on == "caller":
        if state.caller is None:
            return "hidden"
        return "known" if state.profile.known else "unknown"
    if on == "language":
        return state.language
    if on == "intent":
        return state.intent
    if on == "urgency":
        return state.urgency or Urgency.NORMALE.value
    if on == "unsure":
        return "unsure" if state.unsure else "sure"
    if on == "digit":
        return state.last_digit
    return None
