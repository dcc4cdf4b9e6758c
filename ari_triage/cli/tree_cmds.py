"""``ari-triage`` commands of the tree layer: validate, simulate, test-tree, tree render."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from ari_triage.cli.main import EXIT_BAD_INPUT, EXIT_FAILED, CliContext, friendly_errors, pass_ctx

STANDIN_WARNING = (
    "warning: the NLU model could not be used ({reason}); using the KEYWORD STAND-IN instead. Its intent and "
    "urgency guesses are crude: do not judge the tree's speech handling by them."
)


def choose_classifier(config) -> tuple[Any, str]:
    """The real NLU model when it can be imported and loaded, else the keyword stand-in (with a warning on
    standard error). Returns (classifier, name)."""
    from ari_triage.errors import TriageError

    try:
        from ari_triage.nlu.model import load_classifier
    except ImportError as exc:
        reason = f"ari_triage.nlu.model cannot be imported: {exc}"
    else:
        try:
            return load_classifier(config.nlu.model_dir, config.nlu.confidence_threshold), "model"
        except TriageError as exc:
            reason = exc.message
        except (OSError, ValueError) as exc:  # a damaged artifact must not stop a rehearsal
            reason = f"{type(exc).__name__}: {exc}"
    from ari_triage.tree.keyword_standin import KeywordStandInClassifier

    click.echo(STANDIN_WARNING.format(reason=reason), err=True)
    return KeywordStandInClassifier(config.nlu.confidence_threshold), "keyword-standin"


def _print_problems(problems) -> None:
    for problem in problems:
        click.echo(str(problem), err=problem.severity == "error")


def _load(tree_path: str, ctx: CliContext):
    from ari_triage.tree.loader import load_tree
    from ari_triage.tree.problems import TreeError

    try:
        return load_tree(tree_path, ctx.config)
    except TreeError as exc:
        click.echo(f"the tree {tree_path} cannot be used:", err=True)
        for problem in exc.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(EXIT_FAILED)


# ---------------------------------------------------------------- simulate: turns kept in command-line order


class _OrderedTurnsCommand(click.Command):
    """Remembers the order in which --say, --dtmf, --silence and --hangup were given: click groups the
    values of each option, but its parser records every occurrence in order."""

    def make_parser(self, ctx: click.Context):
        parser = super().make_parser(ctx)
        parse = parser.parse_args

        def parse_and_remember(args):
            opts, rest, order = parse(args)
            ctx.meta["turn_order"] = [p.name for p in order if p.name in ("say", "dtmf", "silence", "hangup")]
            return opts, rest, order

        parser.parse_args = parse_and_remember  # type: ignore[method-assign]
        return parser


def _turns(ctx: click.Context, say: tuple[str, ...], dtmf: tuple[str, ...], silence: int, hangup: bool):
    from ari_triage.tree.simulator import Turn

    says, dtmfs = list(say), list(dtmf)
    turns = []
    for kind in ctx.meta.get("turn_order", []):
        if kind == "say" and says:
            turns.append(Turn("say", says.pop(0)))
        elif kind == "dtmf" and dtmfs:
            turns.append(Turn("dtmf", dtmfs.pop(0)))
        elif kind in ("silence", "hangup"):
            turns.append(Turn(kind))
    return turns


def _parse_at(text: str | None, tree) -> datetime:
    from zoneinfo import ZoneInfo

    from ari_triage.errors import TriageError

    zone = ZoneInfo(tree.hours.timezone if tree.hours else "Europe/Paris")
    if text is None:
        return datetime.now(zone)  # the shell may read the clock; the interpreter never does
    try:
        at = datetime.fromisoformat(text.strip().replace(" ", "T"))
    except ValueError:
        err = TriageError(f"--at {text!r} is not a date and time", hint="write it like 2026-12-01T10:00")
        err.code = "usage"
        raise err from None
    return at if at.tzinfo else at.replace(tzinfo=zone)


def _validate_dtmf(dtmf: tuple[str, ...]) -> None:
    for keys in dtmf:
        if not keys or any(ch not in "0123456789*#" for ch in keys):
            click.echo(f"error: --dtmf {keys!r}: use phone keys only (0-9, * and #)", err=True)
            sys.exit(EXIT_BAD_INPUT)


def _show_actions(actions) -> None:
    from ari_triage.tree.contract import Hangup, Listen, Play, RequestCallback, Route, RunHook, Transfer

    for action in actions:
        if isinstance(action, Play):
            click.echo(f"  assistant: {action.prompt.text}")
        elif isinstance(action, Listen):
            what = " and ".join(w for w, on in (("speech", action.speech), ("keys", action.dtmf)) if on)
            click.echo(f"  [listening at '{action.node}' ({what}, {action.timeout_s:g} s)]")
        elif isinstance(action, RunHook):
            click.echo(f"  [hook {action.name} {action.params or ''}]")
        elif isinstance(action, RequestCallback):
            click.echo(f"  [callback requested for queue {action.queue}]")
        elif isinstance(action, Route):
            click.echo(f"  [→ queue {action.queue}, priority {action.priority} ({action.reason})]")
        elif isinstance(action, Transfer):
            click.echo(f"  [→ transfer to {action.number}]")
        elif isinstance(action, Hangup):
            click.echo("  [hang up]")


def _summary(conversation) -> str:
    state = conversation.state
    if not state.done:
        return f"result: the assistant is still waiting for an answer at '{state.node}'"
    parts = [f"result: {conversation.action}"]
    if state.queue:
        parts.append(f"queue {state.queue}, priority {state.priority}")
    if state.callback_queue:
        parts.append(f"callback by {state.callback_queue}")
    if state.transfer_number:
        parts.append(f"transfer to {state.transfer_number}")
    parts.append(f"intent {state.intent or '-'}, urgency {state.urgency or 'normale'}")
    return " | ".join(parts) + f"\npath: {' → '.join(state.path)}"


def _interactive(tree, classifier, call, name: str) -> None:
    from ari_triage.tree.interpreter import advance, start
    from ari_triage.tree.simulator import Turn, _events

    click.echo("Interactive call. Type what the caller says; digits (like 1 or 0) are keys; an empty line is "
               "silence; /hangup hangs up.")
    step = start(tree, call)
    _show_actions(step.actions)
    state = step.state
    while not state.done:
        try:
            line = click.prompt("caller", default="", show_default=False)
        except (click.Abort, EOFError):
            line = "/hangup"
        line = line.strip()
        if line == "/hangup":
            turn = Turn("hangup")
        elif not line:
            turn = Turn("silence")
        elif all(ch in "0123456789*#" for ch in line):
            turn = Turn("dtmf", line)
        else:
            turn = Turn("say", line)
        for event, nlu in _events(turn, classifier):
            if state.done:
                break
            if nlu is not None:
                click.echo(f"  [{name}: intent {nlu.intent.value} ({nlu.confidence:.2f}"
                           f"{', unsure' if nlu.unsure else ''}), urgency {nlu.urgency.value}]")
            step = advance(tree, state, event)
            state = step.state
            _show_actions(step.actions)
    from ari_triage.tree.simulator import Conversation

    click.echo(_summary(Conversation(state)))


# ---------------------------------------------------------------- registration


def register(cli: click.Group) -> None:
    """Add this layer's commands to the top-level group."""

    @cli.command("validate")
    @click.argument("paths", nargs=-1, type=click.Path())
    @click.option("--json", "as_json", is_flag=True, help="Print the problems as JSON.")
    @pass_ctx
    @friendly_errors
    def validate(ctx: CliContext, paths: tuple[str, ...], as_json: bool) -> None:
        """Check tree files (and announcements files) for mistakes and safety rules.

        With no PATH, checks the active tree and the announcements file of the configuration. Every problem
        names the file, line, column and node. Exit 1 when there is any error."""
        from ari_triage.tree.validator import _expand, validate_files

        config = ctx.config
        if not paths:
            paths = (str(config.tree_path),) + (
                (str(config.tree.announcements),) if Path(config.tree.announcements).is_file() else ())
        files = _expand(paths)
        problems = validate_files(files, config)
        errors = [p for p in problems if p.severity == "error"]
        if as_json:
            click.echo(json.dumps({"ok": not errors, "files": [str(f) for f in files],
                                   "problems": [p.to_json() for p in problems]}, ensure_ascii=False, indent=1))
        else:
            _print_problems(problems)
            bad_files = {p.file for p in errors}
            for file in files:
                if str(file) not in bad_files:
                    click.echo(f"{file}: OK")
            if errors:
                click.echo(f"{len(errors)} error(s) in {len(bad_files)} file(s).", err=True)
        if errors:
            sys.exit(EXIT_FAILED)

    @cli.command("simulate", cls=_OrderedTurnsCommand)
    @click.option("--tree", "-t", "tree_path", type=click.Path(), help="Tree file (default: the active tree).")
    @click.option("--caller", "-c", default="0600000000", show_default=True,
                  help="Caller number; 'hidden' for a hidden number.")
    @click.option("--known", is_flag=True, help="The caller is known (has called before / has a file).")
    @click.option("--at", "at_text", help="Call time, clinic time, e.g. 2026-12-01T10:00 (default: now).")
    @click.option("--language", default="fr", show_default=True)
    @click.option("--say", "-s", "say", multiple=True, help="The caller says this (repeatable, in order).")
    @click.option("--dtmf", "-d", "dtmf", multiple=True, help="The caller presses these keys (repeatable).")
    @click.option("--silence", count=True, help="The caller stays silent until the timeout (repeatable).")
    @click.option("--hangup", is_flag=True, help="The caller hangs up (at that point of the turns).")
    @click.option("--json", "as_json", is_flag=True, help="Print one JSON object with the outcome.")
    @click.pass_context
    @friendly_errors
    def simulate(click_ctx: click.Context, tree_path: str | None, caller: str, known: bool, at_text: str | None,
                 language: str, say: tuple[str, ...], dtmf: tuple[str, ...], silence: int, hangup: bool,
                 as_json: bool) -> None:
        """Rehearse a call with a tree: the turns (--say, --dtmf, --silence, --hangup) are played in the order
        given. Without turns, the call is interactive. Uses the real NLU model (or, when it is missing, a
        keyword stand-in, with a warning)."""
        from ari_triage.tree.contract import CallerProfile, CallStarted
        from ari_triage.tree.simulator import run_conversation

        ctx: CliContext = click_ctx.find_object(CliContext)
        _validate_dtmf(dtmf)
        tree = _load(tree_path or str(ctx.config.tree_path), ctx)
        at = _parse_at(at_text, tree)
        classifier, name = choose_classifier(ctx.config)
        number = None if caller.lower() in ("hidden", "masqué", "masque", "") else caller
        call = CallStarted(at=at, caller=number, profile=CallerProfile(known=known), language=language)
        turns = _turns(click_ctx, say, dtmf, silence, hangup)
        if not turns:
            if as_json:
                click.echo("error: --json needs turns (--say, --dtmf, --silence)", err=True)
                sys.exit(EXIT_BAD_INPUT)
            _interactive(tree, classifier, call, name)
            return
        conversation = run_conversation(tree, classifier, call, turns, name)
        if as_json:
            click.echo(json.dumps(conversation.to_json(), ensure_ascii=False, indent=1))
            return
        for exchange in conversation.exchanges:
            if exchange.turn is not None:
                heard = ""
                if exchange.nlu is not None:
                    nlu = exchange.nlu
                    heard = (f"   [{name}: intent {nlu.intent.value} ({nlu.confidence:.2f}"
                             f"{', unsure' if nlu.unsure else ''}), urgency {nlu.urgency.value}]")
                click.echo(f"caller {exchange.turn.describe()}{heard}")
            _show_actions(exchange.actions)
        if conversation.unused_turns:
            click.echo(f"({len(conversation.unused_turns)} turn(s) after the end of the call were not played)")
        click.echo(_summary(conversation))

    @cli.command("test-tree")
    @click.argument("scenario_files", nargs=-1, required=True, type=click.Path())
    @click.option("--verbose", "-v", is_flag=True, help="Show the conversation of passing scenarios too.")
    @click.option("--no-nlu", is_flag=True, help="Skip scenarios whose outcome depends on the NLU (speech).")
    @pass_ctx
    @friendly_errors
    def test_tree(ctx: CliContext, scenario_files: tuple[str, ...], verbose: bool, no_nlu: bool) -> None:
        """Play scenario conversations against their tree and check the expected outcomes (exit 1 on any
        failure)."""
        from ari_triage.tree.problems import TreeError
        from ari_triage.tree.scenarios import format_result, load_scenarios, run_scenario

        passed = failed = skipped = unreadable = 0
        classifier = name = None
        for scenario_file in scenario_files:
            try:
                loaded = load_scenarios(scenario_file)
            except TreeError as exc:
                click.echo(f"the scenarios file {scenario_file} cannot be used:", err=True)
                for problem in exc.problems:
                    click.echo(f"  {problem}", err=True)
                unreadable += 1
                continue
            tree = _load(str(loaded.tree_path), ctx)
            needs_nlu = any(s.uses_nlu for s in loaded.scenarios) and not no_nlu
            if needs_nlu and classifier is None:
                classifier, name = choose_classifier(ctx.config)
            click.echo(f"{scenario_file} (tree {loaded.tree_path.name}, NLU: {name or 'not needed'})")
            for scenario in loaded.scenarios:
                if no_nlu and scenario.uses_nlu:
                    skipped += 1
                    click.echo(f"  SKIP  {scenario.name}  (needs the NLU)")
                    continue
                result = run_scenario(tree, classifier, scenario, name or "")
                click.echo(format_result(result, verbose))
                passed += result.passed
                failed += not result.passed
        summary = f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else "")
        if unreadable:
            summary += f", {unreadable} scenarios file(s) could not be read"
        click.echo(summary)
        if failed or unreadable:
            sys.exit(EXIT_FAILED)

    @cli.group("tree")
    def tree_group() -> None:
        """Decision tree tools."""

    @tree_group.command("render")
    @click.argument("path", required=False, type=click.Path())
    @click.option("--format", "fmt", type=click.Choice(["mermaid", "dot", "svg"]), default="mermaid",
                  show_default=True, help="svg needs Graphviz ('dot').")
    @click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file (default: stdout).")
    @pass_ctx
    @friendly_errors
    def render(ctx: CliContext, path: str | None, fmt: str, output: str | None) -> None:
        """Draw the tree (default: the active tree) as a Mermaid or Graphviz diagram."""
        from ari_triage.tree.render import to_dot, to_mermaid

        tree = _load(path or str(ctx.config.tree_path), ctx)
        if fmt == "mermaid":
            data = to_mermaid(tree).encode()
        elif fmt == "dot":
            data = to_dot(tree).encode()
        else:
            dot = shutil.which("dot")
            if dot is None:
                click.echo("error: SVG needs Graphviz's 'dot' program, which is not installed "
                           "(apt-get install graphviz); use --format mermaid or --format dot instead.", err=True)
                sys.exit(EXIT_BAD_INPUT)
            done = subprocess.run([dot, "-Tsvg"], input=to_dot(tree).encode(), capture_output=True, timeout=60,
                                  check=False)
            if done.returncode != 0:
                click.echo(f"error: dot failed: {done.stderr.decode(errors='replace')}", err=True)
                sys.exit(EXIT_FAILED)
            data = done.stdout
        if output:
            Path(output).write_bytes(data)
            click.echo(f"wrote {output}")
        else:
            click.echo(data.decode(), nl=False)
