"""Fixtures of the tree tests: the shipped configuration, trees, and hand-built NLU results."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ari_triage.config import Config, load_config
from ari_triage.nlu.result import Intent, NluResult, Urgency
from ari_triage.tree.loader import load_tree
from ari_triage.tree.model import Tree

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
BROKEN = DATA / "broken"
EXAMPLE_TREE = REPO / "asterisk-conf" / "trees" / "clinique.yaml"
EXAMPLE_SCENARIOS = REPO / "asterisk-conf" / "trees" / "clinique.scenarios.yaml"
CONFIG_FILE = REPO / "asterisk-conf" / "ari-triage.yaml"
PARIS = ZoneInfo("Europe/Paris")
OPEN = datetime(2026, 12, 1, 10, 0, tzinfo=PARIS)  # a Tuesday morning
NIGHT = datetime(2026, 12, 1, 21, 30, tzinfo=PARIS)


def nlu(intent: str = "autre", urgency: str = "normale", confidence: float = 0.9, unsure: bool = False) -> NluResult:
    return NluResult(Intent(intent), Urgency(urgency), confidence, unsure)


class FakeClassifier:
    """Test-only classifier: a fixed answer per exact sentence (unknown sentences are 'autre', unsure)."""

    def __init__(self, answers: dict[str, NluResult]):
        self.answers = answers
        self.heard: list[str] = []

    def classify(self, text: str) -> NluResult:
        self.heard.append(text)
        return self.answers.get(text, nlu("autre", unsure=True, confidence=0.2))


@pytest.fixture(scope="session")
def config() -> Config:
    return load_config(CONFIG_FILE, env={})


@pytest.fixture(scope="session")
def example_tree(config: Config) -> Tree:
    return load_tree(EXAMPLE_TREE, config, announcements_file=None)


@pytest.fixture
def write_tree(tmp_path: Path):
    """Write YAML text to a file in tmp_path and return its path."""

    def write(text: str, name: str = "tree.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
