"""What ``ari-triage models check`` reports: is each model the service needs present and usable?"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ari_triage.config.model import Config
from ari_triage.errors import TriageError
from ari_triage.media.asr import FETCH_HINT, check_vosk_model, model_sample_rate

SOURCE_FILE = "SOURCE.txt"  # written by scripts/fetch-vosk-model: URL, checksum, date


@dataclass(frozen=True)
class ModelStatus:
    name: str
    path: Path
    state: Literal["ok", "missing", "invalid"]
    detail: str  # what was found, or what is wrong
    hint: str | None = None  # how to fix it

    @property
    def ok(self) -> bool:
        return self.state == "ok"


def _failed(name: str, path: Path, exc: TriageError, hint: str) -> ModelStatus:
    return ModelStatus(name, path, "invalid" if path.exists() else "missing", exc.message, exc.hint or hint)


def check_speech_model(config: Config, *, load: bool = False) -> ModelStatus:
    name = "speech model (Vosk)"
    path = Path(config.asr.model_dir)
    try:
        check_vosk_model(path)
        rate = model_sample_rate(path)
        detail = f"present, {rate} Hz"
        source = path / SOURCE_FILE
        if source.is_file():
            fields = dict(line.split("=", 1) for line in source.read_text().splitlines() if "=" in line)
            if "archive" in fields:
                detail += f", from {fields['archive']}"
            if "sha256" in fields:
                detail += f" (sha256 {fields['sha256'][:12]}…)"
        if load:
            from ari_triage.media.asr import VoskEngine

            engine = VoskEngine.load_sync(config.asr)
            try:
                recognizer = engine.new_recognizer()
                recognizer.accept(b"\x00\x00" * rate)  # one second of silence decodes without error
                recognizer.final()
            finally:
                engine.close()
            detail += ", loads and decodes"
        return ModelStatus(name, path, "ok", detail)
    except TriageError as exc:
        return _failed(name, path, exc, FETCH_HINT)


def check_nlu_model(config: Config) -> ModelStatus:
    name = "intent/urgency model (NLU)"
    path = Path(config.nlu.model_dir)
    try:
        module = importlib.import_module("ari_triage.nlu.model")
    except ModuleNotFoundError:
        return ModelStatus(name, path, "invalid", "this build has no NLU model loader (ari_triage.nlu.model)")
    try:
        module.load_classifier(path, config.nlu.confidence_threshold)
    except TriageError as exc:
        return _failed(name, path, exc, "the model is shipped in the repository; rebuild it with 'ari-triage train'")
    return ModelStatus(name, path, "ok", "present, loads")


def check_models(config: Config, *, load_speech: bool = False) -> list[ModelStatus]:
    return [check_speech_model(config, load=load_speech), check_nlu_model(config)]
