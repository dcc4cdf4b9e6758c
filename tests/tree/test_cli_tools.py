"""The admin tools on the command line: simulate, test-tree, tree render, and the NLU choice."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from ari_triage.cli.main import cli
from ari_triage.tree.keyword_standin import KeywordStandInClassifier
from ari_triage.tree.loader import load_tree
from ari_triage.tree.render import to_dot, to_mermaid
from tests.tree.conftest import CONFIG_FILE, DATA, EXAMPLE_SCENARIOS, EXAMPLE_TREE, FakeClassifier, nlu

NO_MODEL = {"ARI_TRIAGE_NLU_MODEL_DIR": "/nonexistent/nlu-model"}


def run(*args: str, env: dict | None = None, input: str | None = None):
    runner = CliRunner()
    return runner.invoke(cli, ["--config", str(CONFIG_FILE), *args], env=env, input=input)


def simulate_json(*args: str, env: dict | None = None) -> dict:
    result = run("simulate", "--tree", str(EXAMPLE_TREE), "--at", "2026-12-01T10:00", *args, "--json",
                 env=env or NO_MODEL)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# ---------------------------------------------------------------- simulate


def test_simulate_json_keys_with_keys_only():
    out = simulate_json("--dtmf", "2")
    assert {"action", "queue", "priority", "intent", "urgency", "path", "prompts"} <= set(out)
    assert (out["action"], out["queue"], out["priority"]) == ("route", "secretariat", 3)
    assert out["path"] == ["bienvenue", "ouvert", "motif", "vers_secretariat"]
    assert out["prompts"][0].startswith("Bonjour") and out["urgency"] is None


def test_simulate_turns_are_played_in_the_order_given():
    # silence first (the question is asked again), then key 3 (information), then key 0 (a person)
    out = simulate_json("--silence", "--dtmf", "3", "--dtmf", "0")
    assert out["action"] == "route" and out["queue"] == "accueil" and out["asked_for_person"]
    assert out["path"] == ["bienvenue", "ouvert", "motif", "infos_pratiques"]
    assert "Je ne vous ai pas entendu." in out["prompts"]
    # the other order: key 0 at once; the later turns are not played
    out = simulate_json("--dtmf", "0", "--silence", "--dtmf", "3")
    assert out["path"] == ["bienvenue", "ouvert", "motif"]
    assert [t["turn"] for t in out["unused_turns"]] == ["silence", "dtmf"]


def test_simulate_at_night_and_hidden_caller():
    out = simulate_json("--at", "2026-12-01T22:00", "--dtmf", "1")
    assert out["action"] == "callback" and out["callback_queue"] == "secretariat"
    out = simulate_json("--at", "2026-12-01T22:00", "--caller", "hidden", "--silence")
    assert out["action"] == "hangup" and out["callback_queue"] is None


def test_simulate_uses_the_stand_in_only_when_the_model_is_missing_and_says_so():
    result = run("simulate", "--tree", str(EXAMPLE_TREE), "--at", "2026-12-01T10:00", "--say",
                 "il respire plus", "--json", env=NO_MODEL)
    assert result.exit_code == 0
    assert "KEYWORD STAND-IN" in result.stderr and "/nonexistent/nlu-model" in result.stderr
    out = json.loads(result.stdout)
    assert out["classifier"] == "keyword-standin"
    assert (out["action"], out["queue"], out["priority"], out["urgency"]) == ("route", "urgences", 10, "vitale")


def test_simulate_uses_the_real_model_when_it_loads(monkeypatch):
    fake = FakeClassifier({"je voudrais mes résultats": nlu("resultats")})
    loaded: list = []

    def load_classifier(model_dir, threshold):
        loaded.append((model_dir, threshold))
        return fake

    monkeypatch.setitem(sys.modules, "ari_triage.nlu.model", types.SimpleNamespace(load_classifier=load_classifier))
    result = run("simulate", "--tree", str(EXAMPLE_TREE), "--at", "2026-12-01T10:00", "--say",
                 "je voudrais mes résultats", "--json")
    assert result.exit_code == 0, result.output
    assert "STAND-IN" not in result.stderr
    out = json.loads(result.stdout)
    assert out["classifier"] == "model" and out["queue"] == "secretariat" and out["intent"] == "resultats"
    assert fake.heard == ["je voudrais mes résultats"] and loaded[0][1] == 0.55


def test_simulate_text_output_and_bad_arguments():
    result = run("simulate", "--tree", str(EXAMPLE_TREE), "--at", "2026-12-01T10:00", "--dtmf", "4", env=NO_MODEL)
    assert result.exit_code == 0
    assert "assistant: Bonjour" in result.stdout and "caller presses 4" in result.stdout
    assert "result: route | queue infirmiere, priority 5" in result.stdout
    bad = run("simulate", "--tree", str(EXAMPLE_TREE), "--dtmf", "x", env=NO_MODEL)
    assert bad.exit_code == 2 and "phone keys" in bad.stderr
    bad = run("simulate", "--tree", str(EXAMPLE_TREE), "--at", "mardi", "--dtmf", "1", env=NO_MODEL)
    assert bad.exit_code == 2 and "not a date and time" in bad.stderr and "Traceback" not in bad.output
    broken = run("simulate", "--tree", str(DATA / "broken" / "loop.yaml"), "--dtmf", "1", env=NO_MODEL)
    assert broken.exit_code == 1 and "loop.yaml:6:3" in broken.stderr


def test_simulate_interactive():
    result = run("simulate", "--tree", str(EXAMPLE_TREE), "--at", "2026-12-01T10:00", env=NO_MODEL,
                 input="\n3\nje voudrais parler à quelqu'un\n")
    assert result.exit_code == 0, result.output
    assert "Je ne vous ai pas entendu." in result.stdout
    assert "12 rue des Tilleuls" in result.stdout
    assert "result: route | queue accueil" in result.stdout


# ---------------------------------------------------------------- test-tree


def _scenarios(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "s.scenarios.yaml"
    path.write_text(f"tree: {DATA / 'minimal.yaml'}\nscenarios:\n{body}", encoding="utf-8")
    return path


def test_test_tree_pass(tmp_path):
    path = _scenarios(tmp_path, "  - name: touche 1\n    turns: [{dtmf: '1'}]\n"
                                "    expect: {action: route, queue: rdv, priority: 3, visits: [accueil, vers_rdv]}\n"
                                "  - name: silence\n    turns: [silence, silence]\n"
                                "    expect: {action: route, queue: accueil, says: [Je ne vous ai pas entendu.]}\n")
    result = run("test-tree", str(path))
    assert result.exit_code == 0, result.output
    assert "PASS  touche 1" in result.stdout and "2 passed, 0 failed" in result.stdout
    assert "NLU: not needed" in result.stdout


def test_test_tree_fail_is_readable_and_exits_1(tmp_path):
    path = _scenarios(tmp_path, "  - name: ok\n    turns: [{dtmf: '1'}]\n    expect: {queue: rdv}\n"
                                "  - name: mauvais service\n    turns: [{dtmf: '3'}, silence]\n"
                                "    expect: {action: route, queue: rdv, hooks: [logiciel_rdv]}\n")
    result = run("test-tree", str(path))
    assert result.exit_code == 1
    out = result.stdout
    assert "PASS  ok" in out and "FAIL  mauvais service" in out
    assert f"({path}:6:5)" in out
    assert "expected action 'route', got 'info'" in out and "expected queue 'rdv', got None" in out
    assert "expected hooks ['logiciel_rdv'], got []" in out
    assert "caller presses 3" in out and "path: accueil → motif → infos" in out
    assert "1 passed, 1 failed" in out


def test_test_tree_unknown_node_in_expectations_fails(tmp_path):
    path = _scenarios(tmp_path, "  - name: faute de frappe\n    turns: [{dtmf: '1'}]\n"
                                "    expect: {not_visits: [vers_accueill]}\n")
    result = run("test-tree", str(path))
    assert result.exit_code == 1 and "names the node 'vers_accueill', which is not in the tree" in result.stdout


def test_test_tree_bad_scenarios_file(tmp_path):
    path = _scenarios(tmp_path, "  - name: x\n    turns: [{press: '1'}]\n    expect: {action: routed}\n")
    result = run("test-tree", str(path))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{path}:4:13" in result.stderr and "this turn is not understood" in result.stderr
    assert "'action' must be one of" in result.stderr


def test_shipped_scenarios_without_nlu_pass():
    result = run("test-tree", "--no-nlu", str(EXAMPLE_SCENARIOS))
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.stdout and "SKIP" in result.stdout
    assert int(result.stdout.split(" passed")[0].split()[-1]) >= 12


def test_shipped_scenarios_with_the_real_model(config):
    """Integration: the speech scenarios are judged by the real NLU model (skipped until it is trained)."""
    from ari_triage.errors import TriageError

    try:
        from ari_triage.nlu.model import load_classifier

        load_classifier(config.nlu.model_dir, config.nlu.confidence_threshold)
    except (ImportError, TriageError) as exc:
        pytest.skip(f"real NLU model not available: {exc}")
    result = run("test-tree", str(EXAMPLE_SCENARIOS))
    assert "STAND-IN" not in result.stderr
    assert result.exit_code == 0, result.output


def test_keyword_stand_in_is_only_a_rough_guide():
    standin = KeywordStandInClassifier()
    assert standin.classify("mon mari ne respire plus").urgency.value == "vitale"
    assert standin.classify("je voudrais parler à quelqu'un").intent.value == "humain"
    assert standin.classify("pour mes résultats de prise de sang").intent.value == "resultats"
    unknown = standin.classify("bah voilà quoi")
    assert unknown.unsure and unknown.intent.value == "autre"


# ---------------------------------------------------------------- render


def test_render_mermaid_and_dot(config, tmp_path):
    tree = load_tree(EXAMPLE_TREE, config, announcements_file=None)
    mermaid = to_mermaid(tree)
    assert mermaid.startswith("flowchart TD")
    for node_id in tree.nodes:
        assert f"n_{node_id}" in mermaid
    assert 'n_motif -->|"2"| n_vers_secretariat' in mermaid
    assert 'n_motif -->|"conseil_medical"| n_vers_infirmiere' in mermaid
    assert "urgences, priority 10" in mermaid
    dot = to_dot(tree)
    assert dot.startswith('digraph "Clinique (exemple)"') and dot.rstrip().endswith("}")
    assert '"motif" -> "vers_secretariat" [label="2"];' in dot
    assert dot.count("{") == dot.count("}")
    out = tmp_path / "tree.mmd"
    result = run("tree", "render", str(EXAMPLE_TREE), "-o", str(out))
    assert result.exit_code == 0 and out.read_text(encoding="utf-8") == mermaid
    result = run("tree", "render", str(EXAMPLE_TREE), "--format", "dot")
    assert result.exit_code == 0 and result.stdout == dot


def test_render_svg_needs_graphviz(monkeypatch):
    tree_cmds = sys.modules["ari_triage.cli.tree_cmds"]  # imported by ari_triage.cli.main
    monkeypatch.setattr(tree_cmds.shutil, "which", lambda name: None)
    result = run("tree", "render", str(EXAMPLE_TREE), "--format", "svg")
    assert result.exit_code == 2 and "Graphviz" in result.stderr


@pytest.mark.skipif(not __import__("shutil").which("dot"), reason="Graphviz is not installed")
def test_render_svg_with_graphviz(tmp_path):
    out = tmp_path / "tree.svg"
    result = run("tree", "render", str(EXAMPLE_TREE), "--format", "svg", "-o", str(out))
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").lstrip().startswith(("<?xml", "<svg"))


def test_render_of_a_broken_tree_is_an_error_not_a_traceback():
    result = run("tree", "render", str(DATA / "broken" / "syntax.yaml"))
    assert result.exit_code == 1 and "syntax.yaml:" in result.stderr and "Traceback" not in result.output
