"""The train / eval / classify commands, driven through click as a user would."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ari_triage.cli.main import cli

SEED_CORPUS = Path(__file__).parent / "data" / "seed.tsv"


def run(args: list[str], model_dir: Path, input: str | None = None):
    return CliRunner().invoke(cli, args, input=input, env={"ARI_TRIAGE_NLU_MODEL_DIR": str(model_dir)})


def test_classify_text(small_model_dir: Path) -> None:
    result = run(["classify", "il ne respire plus"], small_model_dir)
    assert result.exit_code == 0, result.output
    assert "intent: urgence" in result.output and "urgency: vitale" in result.output
    assert "respire plus" in result.output


def test_classify_json(small_model_dir: Path) -> None:
    result = run(["classify", "--json", "je voudrais annuler mon rendez-vous"], small_model_dir)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["intent"] == "rdv_annulation"
    assert data["urgency"] == "normale"
    assert isinstance(data["confidence"], float) and isinstance(data["unsure"], bool)
    assert isinstance(data["reasons"], list)


def test_classify_batch_one_json_object_per_input_line(small_model_dir: Path) -> None:
    lines = ["je voudrais annuler mon rendez-vous", "", "ma mère a mal à la poitrine", "quels sont vos horaires"]
    result = run(["classify", "--json", "-"], small_model_dir, input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert len(out) == len(lines)
    assert [o["intent"] for o in out] == ["rdv_annulation", "autre", "urgence", "info_pratique"]
    assert out[1]["unsure"] is True
    assert out[2]["urgency"] == "vitale" and out[2]["red_flags"] == ["mal a la poitrine"]


def test_train_writes_a_loadable_model_and_eval_prints_metrics(tmp_path: Path) -> None:
    model_dir = tmp_path / "nlu"
    result = run(["train", "--corpus", str(SEED_CORPUS), "--no-eval"], model_dir)
    assert result.exit_code == 0, result.output
    assert (model_dir / "weights.npz").is_file() and (model_dir / "metadata.json").is_file()
    classified = run(["classify", "--json", "je voudrais renouveler mon ordonnance"], model_dir)
    assert json.loads(classified.output)["intent"] == "ordonnance"

    result = run(["eval", "--corpus", str(SEED_CORPUS), "--folds", "2", "--json"], model_dir)
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert {"held_out", "cross_validation"} <= set(scores)
    assert "vitale_recall" in scores["held_out"]["noisy"]

    check = run(["eval", "--check", str(SEED_CORPUS), "--errors"], model_dir)  # the installed model
    assert check.exit_code == 0, check.output
    assert "CHECK SET / clean" in check.output and "CHECK SET / noisy" in check.output
    check_json = json.loads(run(["eval", "--check", str(SEED_CORPUS), "--json"], model_dir).output)
    assert check_json["clean"]["n"] == sum(1 for line in SEED_CORPUS.read_text().splitlines()
                                           if line.strip() and not line.startswith("#"))

    text = run(["eval", "--corpus", str(SEED_CORPUS), "--folds", "2"], model_dir)
    assert text.exit_code == 0, text.output
    for needle in ("HELD-OUT / clean", "CROSS-VALIDATION / noisy", "vitale recall", "intent confusion", "precision"):
        assert needle in text.output


def test_train_with_bad_corpus_says_where(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("ok\tautre\tnormale\nbroken line\n", encoding="utf-8")
    result = run(["train", "--corpus", str(bad), "--no-eval"], tmp_path / "nlu")
    assert result.exit_code == 1
    assert f"{bad}:2" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "nlu").exists()  # nothing written
