"""Fixtures of the NLU tests: a small model trained once per session on tests/nlu/data/seed.tsv."""

from __future__ import annotations

from pathlib import Path

import pytest

from ari_triage.nlu.corpus import Example, load_corpus

DATA_DIR = Path(__file__).parent / "data"
SEED_CORPUS = DATA_DIR / "seed.tsv"


@pytest.fixture(scope="session")
def seed_examples() -> list[Example]:
    return load_corpus([SEED_CORPUS])


@pytest.fixture(scope="session")
def small_model(seed_examples):
    from ari_triage.nlu import training

    params = training.TrainingParams(noisy_copies=1, calibration_folds=2, min_df=1)
    return training.train(seed_examples, params, threshold=0.3)


@pytest.fixture
def small_model_dir(tmp_path: Path, small_model) -> Path:
    from ari_triage.nlu.model import save_artifact

    model_dir = tmp_path / "nlu"
    save_artifact(model_dir, small_model.arrays, small_model.metadata)
    return model_dir
