"""Checks across a whole tree and the configuration, after the schema: references, reachability, loops,
queues and hooks, and the safety rules.

Safety rules (each a reason the product is allowed near patients):
- every listening step tells the caller how to reach a person (key 0 / "parler à quelqu'un"); the
  interpreter always honours both, so what can go wrong is only that the caller is not told;
- a ``vitale`` (or ``urgence``) case can only lead to a person (the emergency queue or a transfer), never to
  information, a question, a callback or a hang-up;
- no loops, and at most ``max_questions`` questions before a person on any path.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

from ari_triage.config import Config
from ari_triage.errors import Location
from ari_triage.nlu.result import Intent
from ari_triage.tree.loader import mentions_person
from ari_triage.tree.model import (
    BRANCH_REQUIRED,
    LISTENING_KINDS,
    QUESTION_KINDS,
    AskNode,
    BranchNode,
    CallbackNode,
    HookNode,
    RouteNode,
    TransferNode,
    Tree,
)
from ari_triage.tree.problems import TreeProblem, sort_problems


def validate_files(paths: Iterable[str | Path], config: Config) -> list[TreeProblem]:
    """Every problem of every file given: tree files, announcements files and scenarios files (recognised
    by their top-level ``announcements:`` or ``scenarios:`` key). A directory means its ``*.yaml`` trees."""
    from ari_triage.tree.loader import load_and_check, load_announcements
    from ari_triage.tree.problems import TreeError
    from ari_triage.tree.scenarios import load_scenarios

    problems: list[TreeProblem] = []
    for path in _expand(paths):
        kind = _file_kind(path)
        if kind == "tree":
            _tree, found = load_and_check(path, config)
            problems += found
            continue
        try:
            if kind == "announcements":
                load_announcements(path, config)
            else:
                loaded = load_scenarios(path)
                if not loaded.tree_path.is_file():
                    problems.append(TreeProblem(Location(str(path), 1, 1), f"the tree {loaded.tree_path} of these "
                                                "scenarios does not exist", hint="'tree:' is relative to this file"))
        except TreeError as exc:
            problems += exc.problems
    return sort_problems(problems)


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    result: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            result += sorted(p for p in path.glob("*.yaml") if not p.name.endswith(".scenarios.yaml"))
        else:
            result.append(path)
    return result


def _file_kind(path: Path) -> str:
    """tree, announcements or scenarios, from the top-level keys (a cheap look: YAML parsing is slow)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return "tree"  # the tree loader reports the problem
    top = {line.split(":", 1)[0].strip() for line in text.splitlines() if line[:1].isalpha() and ":" in line}
    if "nodes" not in top:
        if "announcements" in top:
            return "announcements"
        if "scenarios" in top:
            return "scenarios"
    return "tree"


def _suggest(name: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def check_tree(tree: Tree, config: Config) -> list[TreeProblem]:
    """All cross-node, configuration and safety problems of a built tree."""
    checker = _Checker(tree, config)
    checker.run()
    return sort_problems(checker.problems)


class _Checker:
    def __init__(self, tree: Tree, config: Config):
        self.tree, self.config = tree, config
        self.problems: list[TreeProblem] = []

    def error(self, location: Location | None, message: str, node: str | None = None, hint: str | None = None):
        self.problems.append(TreeProblem(location or self.tree.location, message, node=node, hint=hint))

    def run(self) -> None:
        tree = self.tree
        if tree.start not in tree.nodes:
            self.error(tree.location, f"'start' names the node '{tree.start}', which does not exist"
                       f"{_suggest(tree.start, tree.nodes)}")
            return
        if tree.welcome is not None:
            welcome = tree.nodes.get(tree.welcome)
            if welcome is None or welcome.kind != "say":
                self.error(tree.location, f"'welcome' must name a 'say' node of this tree (not '{tree.welcome}')",
                           hint="announcements are played after the welcome sentence")
        self.check_references()
        self.check_queues_hooks_priorities()
        self.check_branches()
        self.check_person_offered()
        if any(p.message.startswith("goes to") for p in self.problems):
            return  # the graph is broken: reachability and paths would only repeat the same problem
        self.check_reachable()
        if self.check_loops():
            self.check_vitale_paths()
            self.check_question_count()

    # ---------------------------------------------------------------- references

    def check_references(self) -> None:
        for node in self.tree.nodes.values():
            for edge in node.edges():
                if edge.target not in self.tree.nodes:
                    self.error(edge.location, f"goes to '{edge.target}' ({edge.label}), but there is no node "
                               f"'{edge.target}'{_suggest(edge.target, self.tree.nodes)}", node.id,
                               hint="write the id of a node listed under 'nodes:'")

    def check_queues_hooks_priorities(self) -> None:
        tree, config = self.tree, self.config
        names = config.queues.names

        def queue(name: str, location: Location | None, node: str | None) -> None:
            if name not in names:
                self.error(location, f"the queue '{name}' is not configured{_suggest(name, names)}", node,
                           hint=f"use one of {', '.join(names)} (queues.names in {config.source})")

        queue(tree.person_queue, tree.person_location, None)
        queue(tree.emergency_queue, tree.emergency_location, None)
        if tree.person_priority > tree.max_priority:
            self.error(tree.person_location, f"the person priority {tree.person_priority} is above the highest "
                       f"priority ({tree.max_priority})")
        if tree.urgent_priority > tree.max_priority:
            self.error(tree.location, f"'urgent_priority' {tree.urgent_priority} is above the highest priority "
                       f"({tree.max_priority})")
        for node in tree.nodes.values():
            if isinstance(node, RouteNode):
                queue(node.queue, node.queue_location, node.id)
                if node.priority > tree.max_priority:
                    self.error(node.location, f"priority {node.priority} is above the highest priority "
                               f"({tree.max_priority}, queues.max_priority)", node.id,
                               hint="the highest priority is kept for life-threatening calls")
            elif isinstance(node, CallbackNode):
                queue(node.queue, node.queue_location, node.id)
            elif isinstance(node, HookNode) and config.hook(node.name) is None:
                known = [h.name for h in config.hooks]
                self.error(node.name_location, f"the hook '{node.name}' is not configured"
                           f"{_suggest(node.name, known)}", node.id,
                           hint=f"configured hooks: {', '.join(known) or 'none'} ('hooks:' in {config.source})")

    def check_branches(self) -> None:
        intents = {i.value for i in Intent}
        for node in self.tree.nodes.values():
            if not isinstance(node, BranchNode):
                continue
            labels = {e.label for e in node.cases}
            if node.on == "hours" and self.tree.hours is None:
                self.error(node.location, "this branch uses the opening hours, but the tree has no 'hours:' section",
                           node.id, hint="add 'hours:' with the week's opening hours at the top of the file")
            allowed = {"hours": {"open", "closed", "holiday"}, "caller": {"known", "unknown", "hidden"},
                       "unsure": {"unsure", "sure"}, "urgency": {"normale", "urgente", "vitale"},
                       "intent": intents}.get(node.on)
            for edge in node.cases:
                bad = (allowed is not None and edge.label not in allowed) or (
                    node.on == "digit" and edge.label not in set("123456789*#")) or (
                    node.on == "language" and not (len(edge.label) == 2 and edge.label.isalpha()))
                if bad:
                    choices = ", ".join(sorted(allowed)) if allowed else {
                        "digit": "1-9, * or #", "language": "two-letter codes such as fr, en"}[node.on]
                    self.error(edge.location, f"'{edge.label}' is not a possible value of '{node.on}'"
                               f"{_suggest(edge.label, allowed or [])}", node.id, hint=f"possible values: {choices}")
            if node.otherwise is None:
                missing = BRANCH_REQUIRED.get(node.on, frozenset()) - labels
                if node.on not in BRANCH_REQUIRED or missing:
                    what = f"the case(s) {', '.join(sorted(missing))}" if missing else "the other values"
                    self.error(node.location, f"this branch says nothing for {what}", node.id,
                               hint="add the missing case(s) or an 'otherwise:' line")

    def check_person_offered(self) -> None:
        tree = self.tree
        for name in ("person_hint", "info_offer"):
            if not mentions_person(tree.texts[name].text):
                self.error(tree.location, f"texts.{name} does not tell callers how to reach a person",
                           hint="mention key 0 ('tapez 0') or the phrase « parler à quelqu'un »")
        for node in tree.nodes.values():
            if isinstance(node, AskNode) and node.hint is None and not mentions_person(node.prompt.text):
                self.error(node.location, "this question does not tell the caller how to reach a person "
                           "(person_hint is false and the question mentions neither key 0 nor "
                           "« parler à quelqu'un »)", node.id,
                           hint="remove 'person_hint: false', or add 'tapez 0 pour parler à une personne' "
                                "to the question")
            if isinstance(node, AskNode) and not node.dtmf and not node.speech:
                self.error(node.location, "this question listens to nothing", node.id)

    # ---------------------------------------------------------------- graph

    def successors(self, node_id: str) -> list[str]:
        node = self.tree.nodes[node_id]
        return [e.target for e in node.edges() if e.target in self.tree.nodes]

    def check_reachable(self) -> None:
        seen = {self.tree.start}
        todo = [self.tree.start]
        while todo:
            for nxt in self.successors(todo.pop()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        for node_id, node in self.tree.nodes.items():
            if node_id not in seen:
                self.error(node.location, "no call can ever reach this node", node_id,
                           hint="link it from another node (next:, keys:, intents:...) or delete it")

    def check_loops(self) -> bool:
        """Report each loop once; True when there is none (paths can then be followed safely)."""
        index: dict[str, int] = {}
        low: dict[str, int] = {}
        stack: list[str] = []
        on_stack: set[str] = set()
        components: list[list[str]] = []
        counter = [0]

        def strongconnect(v: str) -> None:  # Tarjan, iterative enough for admin-sized trees
            index[v] = low[v] = counter[0]
            counter[0] += 1
            stack.append(v)
            on_stack.add(v)
            for w in self.successors(v):
                if w not in index:
                    strongconnect(w)
                    low[v] = min(low[v], low[w])
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
            if low[v] == index[v]:
                component = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    component.append(w)
                    if w == v:
                        break
                components.append(component)

        for node_id in self.tree.nodes:
            if node_id not in index:
                strongconnect(node_id)
        ok = True
        order = list(self.tree.nodes)
        for component in components:
            if len(component) == 1 and component[0] not in self.successors(component[0]):
                continue
            ok = False
            members = sorted(component, key=order.index)
            first = self.tree.nodes[members[0]]
            cycle = " → ".join([*members, members[0]])
            listening = [m for m in members if self.tree.nodes[m].kind in LISTENING_KINDS]
            exits = any(t not in component for m in members for t in self.successors(m))
            if not listening:
                message = f"these nodes go round in a loop that never stops: {cycle}"
            elif not exits:
                message = f"these nodes form a loop with no way out: {cycle}"
            else:
                message = f"these nodes form a loop, so a caller could be asked questions forever: {cycle}"
            self.error(first.location, message, first.id,
                       hint="make one of them lead forward (to a queue, information or a hang-up) instead of back")
        return ok

    def check_vitale_paths(self) -> None:
        """A vitale case must reach a person: only say/hook/branch on the way, ending in the emergency queue
        or a transfer."""
        for node in self.tree.nodes.values():
            edges = []
            if isinstance(node, AskNode):
                edges = [e for e in node.urgency if e.label == "vitale"] + [
                    e for e in node.intents if e.label == Intent.URGENCE.value]
            elif isinstance(node, BranchNode) and node.on in ("urgency", "intent"):
                edges = [e for e in node.cases if e.label in ("vitale", Intent.URGENCE.value)]
            for edge in edges:
                bad = self._vitale_end(edge.target, set())
                if bad is not None:
                    self.error(edge.location, f"a life-threatening ('{edge.label}') call would end in "
                               f"{bad}", node.id,
                               hint=f"send it to a 'route: {self.tree.emergency_queue}' node (or a 'transfer:'); "
                                    "the assistant also does this on its own")

    def _vitale_end(self, node_id: str, seen: set[str]) -> str | None:
        if node_id in seen:
            return None
        seen.add(node_id)
        node = self.tree.nodes[node_id]
        if isinstance(node, RouteNode):
            if node.queue != self.tree.emergency_queue:
                return f"the queue '{node.queue}' (node '{node_id}') instead of the emergency queue"
            return None
        if isinstance(node, TransferNode):
            return None
        if node.kind in ("say", "hook", "branch"):
            for nxt in self.successors(node_id):
                bad = self._vitale_end(nxt, seen)
                if bad:
                    return bad
            return None
        words = {"info": "automated information", "ask": "another question", "callback": "a callback offer",
                 "hangup": "a hang-up"}
        return f"{words.get(node.kind, node.kind)} (node '{node_id}')"

    def check_question_count(self) -> None:
        """Worst case number of questions before a person, on every path from the start (no loops here)."""
        limit = self.tree.max_questions
        memo: dict[str, tuple[int, list[str]]] = {}

        def worst(node_id: str) -> tuple[int, list[str]]:
            if node_id in memo:
                return memo[node_id]
            node = self.tree.nodes[node_id]
            best: tuple[int, list[str]] = (0, [])
            for nxt in self.successors(node_id):
                count, path = worst(nxt)
                if count > best[0]:
                    best = (count, path)
            own = 1 if node.kind in QUESTION_KINDS else 0
            memo[node_id] = (best[0] + own, [node_id, *best[1]])
            return memo[node_id]

        count, path = worst(self.tree.start)
        if count > limit:
            asked = [n for n in path if self.tree.nodes[n].kind in QUESTION_KINDS]
            culprit = self.tree.nodes[asked[limit]]
            self.error(culprit.location, f"a caller can be asked {count} questions before reaching a person "
                       f"(at most {limit}): {' → '.join(path)}", culprit.id,
                       hint="route to a queue sooner, or raise max_questions if you are sure")
