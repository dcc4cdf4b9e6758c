"""Loading and validating trees: schema errors and semantic/safety errors, each at file:line:column, in
plain words, never a traceback (through the API and through the command line)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from ari_triage import yamlsrc
from ari_triage.cli.main import cli
from ari_triage.tree import schema
from ari_triage.tree.loader import load_and_check, load_announcements, load_tree
from ari_triage.tree.problems import TreeError
from ari_triage.tree.validator import validate_files
from tests.tree.conftest import BROKEN, CONFIG_FILE, DATA, EXAMPLE_TREE, REPO

# file -> (line, column, node, words that must be in the message), for the FIRST error of each broken tree
BROKEN_TREES = {
    "syntax.yaml": (7, 10, None, "a quote (\" or ') is opened at line 7 but never closed"),
    "wrong_types.yaml": (3, 36, None, "'priority' must be a whole number, not text ('cinq')"),
    "dangling.yaml": (8, 11, "accueil",
                      "goes to 'motiff' (next), but there is no node 'motiff' (did you mean 'motif'?)"),
    "loop.yaml": (6, 3, "accueil", "loop that never stops: accueil → rappel_horaires → accueil"),
    "vitale_info.yaml": (9, 15, "motif", "life-threatening ('vitale') call would end in automated information"),
    "no_person.yaml": (6, 3, "motif", "does not tell the caller how to reach a person"),
    "key_zero.yaml": (10, 7, "motif", "key 0 cannot be used here"),
    "unknown_names.yaml": (3, 9, None, "the queue 'acceuil' is not configured (did you mean 'accueil'?)"),
    "too_many_questions.yaml": (12, 3, "q3", "asked 3 questions before reaching a person (at most 2)"),
    "node_shape.yaml": (6, 3, "accueil", "this node does not say what it does (did you mean 'say'?)"),
}


def test_example_tree_and_minimal_tree_are_valid(config):
    assert validate_files([EXAMPLE_TREE, DATA / "minimal.yaml", REPO / "asterisk-conf" / "announcements.yaml"],
                          config) == []


def test_every_broken_fixture_is_listed():
    assert {p.name for p in BROKEN.glob("*.yaml")} == set(BROKEN_TREES)


@pytest.mark.parametrize("name", sorted(BROKEN_TREES))
def test_broken_tree_fails_with_location_and_clear_message(config, name):
    line, column, node, words = BROKEN_TREES[name]
    path = BROKEN / name
    problems = validate_files([path], config)
    assert problems, f"{name} should not validate"
    first = problems[0]
    assert first.file == str(path)
    assert words in first.message
    assert first.line is not None and first.column is not None
    if line is not None:
        assert (first.line, first.column) == (line, column)
    assert first.node == node
    assert str(first).startswith(f"{path}:{first.line}:{first.column}: error:")
    with pytest.raises(TreeError) as caught:
        load_tree(path, config, announcements_file=None)
    assert caught.value.location.file == str(path)


@pytest.mark.parametrize("name", sorted(BROKEN_TREES))
def test_validate_command_reports_file_line_and_exits_1(name):
    path = BROKEN / name
    result = CliRunner().invoke(cli, ["--config", str(CONFIG_FILE), "validate", str(path)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert f"{path}:" in result.output
    assert BROKEN_TREES[name][3] in result.output


def test_validate_command_ok_and_json():
    runner = CliRunner()
    ok = runner.invoke(cli, ["--config", str(CONFIG_FILE), "validate", str(EXAMPLE_TREE)])
    assert ok.exit_code == 0 and f"{EXAMPLE_TREE}: OK" in ok.output
    bad = runner.invoke(cli, ["--config", str(CONFIG_FILE), "validate", "--json", str(BROKEN / "dangling.yaml")])
    assert bad.exit_code == 1
    report = json.loads(bad.output)
    assert report["ok"] is False
    assert (report["problems"][0]["line"], report["problems"][0]["node"]) == (8, "accueil")


def test_validate_without_paths_checks_the_active_tree():
    result = CliRunner().invoke(cli, ["--config", str(CONFIG_FILE), "validate"])
    assert result.exit_code == 0, result.output
    assert "clinique.yaml: OK" in result.output and "announcements.yaml: OK" in result.output


def test_all_errors_of_a_file_are_reported_not_only_the_first(config):
    messages = [p.message for p in validate_files([BROKEN / "unknown_names.yaml"], config)]
    assert any("hook 'sms_info' is not configured" in m for m in messages)
    assert any("queue 'radiologie' is not configured" in m for m in messages)
    assert any("priority 12 is above the highest priority" in m for m in messages)
    assert any("no call can ever reach this node" in m for m in messages)
    wrong = [p.message for p in validate_files([BROKEN / "wrong_types.yaml"], config)]
    assert "'retries' must be a whole number, not text ('deux')" in wrong
    assert "'timeout' must be at most 30 (it is 100)" in wrong
    assert "'listen' must be one of: both, speech, dtmf (not 'parole')" in wrong
    assert "'transfer' must be text, not a number (15)" in wrong


@pytest.mark.parametrize(("text", "words"), [
    ("- just\n- a list\n", "a tree file must be a block of keys"),
    ("name: x\nstart: a\nperson: {queue: accueil}\nemergency: {queue: urgences}\nnodes:\n  a: hello\n",
     "a node must be a block of keys"),
    ("name: x\nstart: a\nperson: {queue: accueil}\nnodes:\n  a: {hangup: }\n", "the file needs 'emergency:'"),
    ("name: x\nstart: a\nperson: {queue: accueil}\nemergency: {queue: urgences}\nnodes:\n  a: {say: bonjour}\n",
     "this 'say' node needs 'next:'"),
    ("name: x\nstart: a\nperson: {queue: accueil}\nemergency: {queue: urgences}\nnodes:\n  a: {hangup: , nxt: b}\n",
     "unknown key 'nxt'"),
    ("name: x\nstart: a\nperson: {queue: accueil}\nemergency: {queue: urgences}\nnodes:\n"
     "  a: {ask: 'Quoi ?', intents: {rendez_vous: b}}\n  b: {route: rdv}\n",
     "'rendez_vous' is not an intent the assistant knows"),
    ("name: x\nstart: a\nperson: {queue: accueil}\nemergency: {queue: urgences}\nnodes:\n"
     "  a: {branch: hours, cases: {open: b}}\n  b: {route: rdv}\n", "this branch says nothing for the case(s) closed"),
    ("name: x\nstart: a\nperson: {queue: accueil}\nemergency: {queue: urgences}\nnodes:\n"
     "  a: {branch: hours, cases: {open: b, closed: b}}\n  b: {route: rdv}\n"
     "hours: {week: {lundi-vendredi: '19:00-08:00'}}\n", "'19:00-08:00' is not a valid time range"),
    ("name: x\nstart: a\nperson: {queue: accueil}\nemergency: {queue: urgences}\nnodes:\n"
     "  a: {branch: hours, cases: {open: b, closed: b}}\n  b: {route: rdv}\n"
     "hours: {closed: [2026-02-30]}\n", "'2026-02-30' is not a real date"),
    ("name: x\nstart: a\nperson: {queue: accueil}\nemergency: {queue: urgences}\nnodes:\n"
     "  a: {ask: 'Quoi ?', intents: {urgence: b}}\n  b: {hangup: Au revoir}\n",
     "life-threatening ('urgence') call would end in a hang-up"),
    ("name: x\nstart: a\nperson: {queue: accueil}\nemergency: {queue: urgences}\nnodes:\n"
     "  a: {ask: 'Quoi ?', urgency: {vitale: b}}\n  b: {route: accueil}\n",
     "would end in the queue 'accueil' (node 'b') instead of the emergency queue"),
    ("name: x\nstart: a\nperson: {queue: accueil}\nemergency: {queue: urgences}\nnodes:\n"
     "  a: {ask: 'Quoi ?', otherwise: b}\n  b: {say: Bonjour, next: a}\n",
     "these nodes form a loop with no way out: a → b → a"),
    ("name: x\nstart: a\nperson: {queue: accueil}\nemergency: {queue: urgences}\nnodes:\n"
     "  a: {ask: 'Quoi ?', otherwise: b, keys: {'1': c}}\n  b: {say: Bonjour, next: a}\n  c: {route: rdv}\n",
     "these nodes form a loop, so a caller could be asked questions forever"),
    ("name: x\nstart: a\nperson: {queue: accueil}\nemergency: {queue: urgences}\n"
     "texts: {person_hint: Appuyez sur étoile.}\nnodes:\n  a: {ask: 'Quoi ?'}\n",
     "texts.person_hint does not tell callers how to reach a person"),
    ("name: x\nstart: a\nperson: {queue: accueil}\nemergency: {queue: urgences}\nnodes:\n"
     "  a: {ask: 'Quoi ?', keys: {'1': b}}\n  b: {say: x, next: c}\n  c: {say: '" + "long " * 130 + "', next: d}\n"
     "  d: {route: rdv}\n", "is too long"),
    ("name: x\nstart: a\nperson: {queue: accueil}\nemergency: {queue: urgences}\nnodes:\n"
     "  a: {say: Bonjour, next: a}\n", "loop that never stops"),
])
def test_bad_trees_get_plain_words(config, write_tree, text, words):
    path = write_tree(text)
    problems = validate_files([path], config)
    assert any(words in p.message for p in problems), [str(p) for p in problems]
    assert all(p.file == str(path) and p.line for p in problems)


@pytest.mark.parametrize(("text", "line", "words"), [
    ("name: x\nnodes:\n  a:\n    say: hi\n   next: b\n", 5, "not indented like the lines above it"),
    ("name: x\nnodes:\n  a:\n    say: Bonjour: bienvenue\n", 4, "put the whole sentence in quotes"),
    ("name: x\nnodes:\n  a:\n\tsay: hi\n", 4, "a tab? use spaces"),
])
def test_yaml_mistakes_in_plain_words(config, write_tree, text, line, words):
    problem = validate_files([write_tree(text)], config)[0]
    assert problem.line == line and words in problem.message


def test_missing_and_non_utf8_files_are_clear(config, tmp_path):
    problems = validate_files([tmp_path / "absent.yaml"], config)
    assert "file not found" in problems[0].message
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"name: \xff\xfe\n")
    assert "not UTF-8" in validate_files([binary], config)[0].message


def test_duplicate_key_is_an_error_with_both_lines(config, write_tree):
    path = write_tree("name: x\nstart: a\nperson: {queue: accueil}\nemergency: {queue: urgences}\nnodes:\n"
                      "  a: {hangup: }\n  a: {hangup: }\n")
    problem = validate_files([path], config)[0]
    assert problem.line == 7 and "written twice" in problem.message and "line 6" in problem.message


def test_a_directory_validates_its_trees(config, tmp_path):
    (tmp_path / "ok.yaml").write_text((DATA / "minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "bad.yaml").write_text((BROKEN / "loop.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    problems = validate_files([tmp_path], config)
    assert {Path(p.file).name for p in problems} == {"bad.yaml"}


def test_shipped_schema_is_valid_and_accepts_the_example_for_editors():
    tree_schema = schema.load_schema(schema.TREE_SCHEMA)
    jsonschema.Draft202012Validator.check_schema(tree_schema)
    raw = schema.normalise(yamlsrc.load_file(EXAMPLE_TREE))
    # editors use the whole schema (with oneOf over node kinds): it must accept the example tree too
    assert list(jsonschema.Draft202012Validator(tree_schema).iter_errors(json.loads(json.dumps(raw)))) == []
    assert EXAMPLE_TREE.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../ari_triage/tree/tree.schema.json")
    assert (EXAMPLE_TREE.parent / "../../ari_triage/tree/tree.schema.json").resolve() == Path(schema.schema_path())
    for name in (schema.ANNOUNCEMENTS_SCHEMA, schema.SCENARIOS_SCHEMA):
        jsonschema.Draft202012Validator.check_schema(schema.load_schema(name))


def test_schema_rejects_bad_nodes_for_editors_too():
    validator = jsonschema.Draft202012Validator(schema.load_schema(schema.TREE_SCHEMA))
    bad = {"name": "x", "start": "a", "person": {"queue": "accueil"}, "emergency": {"queue": "urgences"},
           "nodes": {"a": {"ask": "Quoi ?", "retries": 10}}}
    assert list(validator.iter_errors(bad))


def test_announcements_file_problems(config, write_tree):
    bad = write_tree("announcements:\n  - name: greve\n    active: oui\n    text: Grève.\n"
                     "  - name: noel\n    active: true\n    from: 2026-12-26\n    until: 2026-12-24\n    text: Noël.\n",
                     "announcements.yaml")
    problems = validate_files([bad], config)
    messages = [(p.line, p.message) for p in problems]
    assert (3, "'active' must be true or false, not text ('oui')") in messages
    with pytest.raises(TreeError) as caught:
        load_announcements(bad, config)
    assert caught.value.location.line == 3
    dates = write_tree("announcements:\n  - name: noel\n    active: true\n    from: 2026-12-26\n"
                       "    until: 2026-12-24\n    text: Noël.\n", "a2.yaml")
    assert "ends before it starts" in validate_files([dates], config)[0].message


def test_tree_with_semantic_errors_is_still_built_for_tools(config):
    tree, problems = load_and_check(BROKEN / "too_many_questions.yaml", config, announcements_file=None)
    assert tree is not None and problems


def test_bad_time_zone_is_reported(config, write_tree):
    path = write_tree("name: x\nstart: a\nperson: {queue: accueil}\nemergency: {queue: urgences}\n"
                      "hours: {timezone: Europe/Pariss}\nnodes:\n  a: {route: rdv}\n")
    problem = validate_files([path], config)[0]
    assert (problem.line, problem.message) == (5, "'Europe/Pariss' is not a time zone")


def test_scenario_files_are_validated_as_scenarios(config, tmp_path):
    good = tmp_path / "good.scenarios.yaml"
    good.write_text(f"tree: {EXAMPLE_TREE}\nscenarios:\n  - name: a\n    expect: {{action: route}}\n", encoding="utf-8")
    missing = tmp_path / "missing.scenarios.yaml"
    missing.write_text("tree: nowhere.yaml\nscenarios:\n  - name: a\n    expect: {action: route}\n", encoding="utf-8")
    problems = validate_files([good, missing], config)
    assert [(Path(p.file).name, "does not exist" in p.message) for p in problems] == [("missing.scenarios.yaml", True)]


def test_branch_on_hours_needs_hours(config, write_tree):
    path = write_tree("name: x\nstart: a\nperson: {queue: accueil}\nemergency: {queue: urgences}\nnodes:\n"
                      "  a: {branch: hours, cases: {open: b, closed: b}}\n  b: {route: rdv}\n")
    assert "the tree has no 'hours:' section" in validate_files([path], config)[0].message


def test_blank_text_is_empty(config, write_tree):
    path = write_tree("name: x\nstart: a\nperson: {queue: accueil}\nemergency: {queue: urgences}\nnodes:\n"
                      "  a: {say: '   ', next: b}\n  b: {route: rdv}\n")
    assert validate_files([path], config)[0].message == "'say' is empty: write something"


def test_random_damage_never_gives_a_traceback(config, tmp_path):
    """Admins make every kind of typo: whatever the damage, the answer is a list of located problems."""
    import random

    rng = random.Random(42)
    lines = EXAMPLE_TREE.read_text(encoding="utf-8").splitlines()
    values = ["", "0", "-1", "[]", "{}", "oui", "null", "3.5", "'x'", "~", "vers_rdv", "2026-02-30", "'  '",
              "[a, b]", "{x: 1}", "true", "'08:00-07:00'", "motif", "urgences"]
    for attempt in range(150):
        damaged = list(lines)
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(damaged))
            action = rng.choice(["delete", "duplicate", "value", "indent", "key"])
            if action == "delete":
                del damaged[i]
            elif action == "duplicate":
                damaged.insert(i, damaged[i])
            elif action == "value" and ":" in damaged[i]:
                damaged[i] = damaged[i].split(":", 1)[0] + ": " + rng.choice(values)
            elif action == "indent":
                damaged[i] = " " * rng.choice([0, 1, 2, 4, 6]) + damaged[i].lstrip()
            elif action == "key" and ":" in damaged[i]:
                damaged[i] = damaged[i].replace(":", "x:", 1)
        path = tmp_path / f"damaged{attempt}.yaml"
        path.write_text("\n".join(damaged) + "\n", encoding="utf-8")
        problems = validate_files([path], config)  # must not raise
        for problem in problems:
            assert problem.file == str(path) and problem.line, str(problem)
        if attempt % 15 == 0:
            result = CliRunner().invoke(cli, ["--config", str(CONFIG_FILE), "validate", str(path)])
            assert result.exit_code in (0, 1), result.output
            assert result.exception is None or isinstance(result.exception, SystemExit), result.output
