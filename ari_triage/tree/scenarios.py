"""Scenario tests for admins (like test stories): conversations with the outcome they must have.

A scenarios file names its tree and lists conversations::

    tree: clinique.yaml
    scenarios:
      - name: les résultats par la touche 2
        at: 2026-12-01 10:00
        turns:
          - dtmf: "2"
        expect:
          action: route
          queue: secretariat

Each scenario is played with :func:`~ari_triage.tree.simulator.run_conversation` and every expectation
checked; a failure says which expectation, what happened instead, and the conversation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ari_triage import yamlsrc
from ari_triage.errors import Location
from ari_triage.nlu.result import Classifier
from ari_triage.tree import schema
from ari_triage.tree.contract import CallerProfile, CallStarted
from ari_triage.tree.model import Tree
from ari_triage.tree.problems import TreeError, TreeProblem, sort_problems
from ari_triage.tree.simulator import Conversation, Turn, run_conversation

DEFAULT_AT = "2026-12-01 10:00"  # a Tuesday morning: open
DEFAULT_CALLER = "0600000000"


@dataclass(frozen=True)
class Scenario:
    name: str
    location: Location
    at: datetime
    caller: str | None
    known: bool
    language: str
    turns: tuple[Turn, ...]
    expect: dict[str, Any]
    uses_nlu: bool


@dataclass(frozen=True)
class ScenarioFile:
    file: str
    tree_path: Path
    scenarios: tuple[Scenario, ...]


@dataclass
class ScenarioResult:
    scenario: Scenario
    conversation: Conversation
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


def _time(text: str) -> datetime:
    """Clinic time as written; without a UTC offset it is given the tree's time zone when played."""
    return datetime.fromisoformat(str(text).strip().replace(" ", "T"))


def load_scenarios(path: str | Path) -> ScenarioFile:
    """Read and check a scenarios file; :class:`TreeError` (file:line) on any problem."""
    file = str(path)
    try:
        raw = schema.normalise(schema.load_yaml(path))
    except yamlsrc.YamlError as exc:
        raise TreeError([TreeProblem(exc.location or Location(file), exc.message, hint=exc.hint)]) from None
    problems = schema.check_scenarios_schema(raw, file)
    if problems:
        raise TreeError(sort_problems(problems))
    defaults = raw.get("defaults") or {}
    scenarios = []
    items = raw["scenarios"]
    for index, item in enumerate(items):
        location = yamlsrc.where(items, index) or Location(file)
        turns = []
        for turn in item.get("turns") or []:
            if isinstance(turn, str):
                turns.append(Turn(turn))  # type: ignore[arg-type]
            elif "say" in turn:
                turns.append(Turn("say", str(turn["say"])))
            else:
                turns.append(Turn("dtmf", str(turn["dtmf"])))
        try:
            at = _time(item.get("at", defaults.get("at", DEFAULT_AT)))
        except ValueError:
            raise TreeError([TreeProblem(yamlsrc.where(item, "at") or location, f"'{item.get('at')}' is not a "
                                         "date and time", hint="write it like 2026-12-01 10:00")]) from None
        uses_nlu = bool(item.get("nlu", any(t.kind == "say" for t in turns)))
        scenarios.append(Scenario(
            name=str(item["name"]), location=location, at=at,
            caller=item.get("caller", defaults.get("caller", DEFAULT_CALLER)),
            known=bool(item.get("known", defaults.get("known", False))),
            language=str(item.get("language", defaults.get("language", "fr"))),
            turns=tuple(turns), expect=dict(item["expect"]), uses_nlu=uses_nlu))
    tree_path = (Path(file).parent / str(raw["tree"])).resolve()
    return ScenarioFile(file, tree_path, tuple(scenarios))


def run_scenario(tree: Tree, classifier: Classifier, scenario: Scenario, classifier_name: str = "") -> ScenarioResult:
    at = scenario.at
    if at.tzinfo is None:
        at = at.replace(tzinfo=ZoneInfo(tree.hours.timezone if tree.hours else "Europe/Paris"))
    call = CallStarted(at=at, caller=scenario.caller, profile=CallerProfile(known=scenario.known),
                       language=scenario.language)
    conversation = run_conversation(tree, classifier, call, scenario.turns, classifier_name)
    result = ScenarioResult(scenario, conversation)
    result.failures = check_expectations(conversation, scenario.expect, tree)
    return result


def check_expectations(conversation: Conversation, expect: dict[str, Any], tree: Tree | None = None) -> list[str]:
    state = conversation.state
    failures = []

    def differs(label: str, wanted: Any, got: Any) -> None:
        if wanted != got:
            failures.append(f"expected {label} {wanted!r}, got {got!r}")

    if tree is not None:  # a typo in a node name would make 'not_visits' pass for ever
        for key in ("path", "visits", "not_visits"):
            for node in expect.get(key, []):
                if node not in tree.nodes:
                    failures.append(f"'{key}' names the node '{node}', which is not in the tree")
    for key, wanted in expect.items():
        if key == "action":
            differs("action", wanted, conversation.action if state.done else "waiting")
        elif key == "queue":
            differs("queue", wanted, state.queue)
        elif key == "priority":
            differs("priority", wanted, state.priority)
        elif key == "min_priority":
            if state.priority is None or state.priority < wanted:
                failures.append(f"expected priority at least {wanted}, got {state.priority!r}")
        elif key == "intent":
            differs("intent", wanted, state.intent)
        elif key == "urgency":
            differs("urgency", wanted, state.urgency or "normale")
        elif key == "asked_for_person":
            differs("asked_for_person", wanted, state.asked_for_person)
        elif key == "path":
            differs("path", list(wanted), list(state.path))
        elif key == "visits":
            remaining = iter(state.path)
            if not all(any(node == seen for seen in remaining) for node in wanted):
                failures.append(f"expected to visit {' → '.join(wanted)} (in this order), path was "
                                f"{' → '.join(state.path)}")
        elif key == "not_visits":
            visited = [n for n in wanted if n in state.path]
            if visited:
                failures.append(f"expected never to visit {', '.join(visited)}, path was {' → '.join(state.path)}")
        elif key == "hooks":
            differs("hooks", list(wanted), list(state.hooks))
        elif key == "callback":
            differs("callback for queue", wanted, state.callback_queue)
        elif key == "transfer":
            differs("transfer to", wanted, state.transfer_number)
        elif key == "says":
            spoken = " ".join(state.prompts)
            for text in wanted:
                if text not in spoken:
                    failures.append(f"expected the assistant to say {text!r}")
        elif key == "max_questions" and state.questions > wanted:
            failures.append(f"expected at most {wanted} question(s), {state.questions} were asked")
    return failures


def format_result(result: ScenarioResult, verbose: bool = False) -> str:
    scenario, conv = result.scenario, result.conversation
    mark = "PASS" if result.passed else "FAIL"
    lines = [f"  {mark}  {scenario.name}" + ("" if result.passed else f"  ({scenario.location})")]
    if result.passed and not verbose:
        return "\n".join(lines)
    for failure in result.failures:
        lines.append(f"        ✗ {failure}")
    for exchange in conv.exchanges[1:]:
        if exchange.turn is None:
            continue
        heard = ""
        if exchange.nlu is not None:
            nlu = exchange.nlu
            heard = (f"  → intent {nlu.intent.value} ({nlu.confidence:.2f}{', unsure' if nlu.unsure else ''}), "
                     f"urgency {nlu.urgency.value}")
        lines.append(f"        caller {exchange.turn.describe()}{heard}")
    state = conv.state
    ending = f"{conv.action} {state.queue or ''} {'priority ' + str(state.priority) if state.priority else ''}"
    lines.append(f"        path: {' → '.join(state.path)}")
    lines.append(f"        end: {ending.strip() if state.done else 'still waiting at ' + str(state.node)}")
    if conv.unused_turns:
        lines.append(f"        ({len(conv.unused_turns)} turn(s) after the end of the call were not played)")
    return "\n".join(lines)
