"""Saving and loading the model: every broken artifact gives a clear error, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from ari_triage.cli.main import cli
from ari_triage.errors import MissingResourceError, TriageError
from ari_triage.nlu.model import METADATA_FILE, WEIGHTS_FILE, ModelArtifactError, load_classifier


def test_round_trip_gives_the_same_results(small_model, small_model_dir: Path) -> None:
    loaded = load_classifier(small_model_dir, 0.3)
    for text in ("je voudrais annuler mon rendez-vous", "il ne respire plus", "quels sont vos horaires"):
        assert loaded.classify(text) == small_model.classifier.classify(text)


def test_written_files(small_model_dir: Path) -> None:
    assert sorted(p.name for p in small_model_dir.iterdir()) == [METADATA_FILE, WEIGHTS_FILE]
    meta = json.loads((small_model_dir / METADATA_FILE).read_text())
    assert len(meta["files"][WEIGHTS_FILE]["sha256"]) == 64
    with np.load(small_model_dir / WEIGHTS_FILE, allow_pickle=False) as data:  # no pickled objects inside
        assert {"vocabulary", "idf", "blocks", "intent_coef", "urgency_coef"} <= set(data.files)


def _edit_metadata(model_dir: Path, **changes) -> None:
    path = model_dir / METADATA_FILE
    meta = json.loads(path.read_text())
    meta.update(changes)
    path.write_text(json.dumps(meta))


def _corrupt_weights(model_dir: Path) -> None:
    path = model_dir / WEIGHTS_FILE
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


BREAKAGES = {
    "missing directory": (lambda d: __import__("shutil").rmtree(d), MissingResourceError, "not found"),
    "missing metadata": (lambda d: (d / METADATA_FILE).unlink(), MissingResourceError, "metadata missing"),
    "missing weights": (lambda d: (d / WEIGHTS_FILE).unlink(), MissingResourceError, "weights missing"),
    "corrupt weights": (_corrupt_weights, ModelArtifactError, "SHA-256"),
    "metadata not JSON": (lambda d: (d / METADATA_FILE).write_text("{not json"), ModelArtifactError, "not valid JSON"),
    "other format": (lambda d: _edit_metadata(d, format_version=99), ModelArtifactError, "format_version"),
    "other normaliser": (lambda d: _edit_metadata(d, normaliser_version=0), ModelArtifactError, "normaliser_version"),
    "other labels": (lambda d: _edit_metadata(d, labels={"intent": ["a"], "urgency": ["b"]}), ModelArtifactError,
                     "labels"),
    "hash tampered": (lambda d: _edit_metadata(d, files={WEIGHTS_FILE: {"sha256": "0" * 64}}), ModelArtifactError,
                      "do not match"),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_broken_artifact_is_refused_with_a_clear_error(small_model_dir: Path, breakage: str) -> None:
    breaker, error, message = BREAKAGES[breakage]
    breaker(small_model_dir)
    with pytest.raises(error) as info:
        load_classifier(small_model_dir, 0.5)
    assert isinstance(info.value, TriageError)
    assert message in str(info.value)
    assert "ari-triage train" in str(info.value)  # says how to fix it


def test_weights_with_wrong_shapes_are_refused(small_model, tmp_path: Path) -> None:
    from ari_triage.nlu.model import save_artifact

    arrays = dict(small_model.arrays, intent_coef=small_model.arrays["intent_coef"][:, :5])
    save_artifact(tmp_path / "m", arrays, small_model.metadata)
    with pytest.raises(ModelArtifactError, match="inconsistent"):
        load_classifier(tmp_path / "m", 0.5)


@pytest.mark.parametrize("breakage", ["corrupt weights", "missing directory", "other format"])
def test_cli_reports_broken_artifact_without_traceback(small_model_dir: Path, breakage: str) -> None:
    BREAKAGES[breakage][0](small_model_dir)
    result = CliRunner().invoke(cli, ["classify", "bonjour"], env={"ARI_TRIAGE_NLU_MODEL_DIR": str(small_model_dir)})
    assert result.exit_code == 1
    assert "error:" in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
