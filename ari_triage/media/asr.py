"""Offline speech recognition with Vosk: one model loaded once and shared, a recogniser per call, recognition
in a bounded thread pool.

Vosk's Python binding calls ``libvosk`` through cffi, which releases the GIL for the duration of each C call
(checked: a pure-Python thread keeps its full speed while ``AcceptWaveform`` runs), so ``asr.workers``
threads really decode in parallel and the event loop stays free. A Vosk model is safe to share between
recognisers in different threads; one recogniser must only be used by one thread at a time, which the
listener guarantees by having at most one job in flight per call.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from ari_triage.config.model import AsrConfig
from ari_triage.errors import MissingResourceError, TriageError

T = TypeVar("T")

FETCH_HINT = (
    "hospital IT downloads it once with:  scripts/fetch-vosk-model   (vosk-model-small-fr-0.22 from "
    "alphacephei.com, checksum verified, unpacked into models/); or set asr.model_dir to where the model is"
)
DEFAULT_SAMPLE_RATE = 16000  # Kaldi's default --sample-frequency when the model's mfcc.conf does not say


@dataclass(frozen=True)
class Transcript:
    text: str
    confidence: float | None = None  # mean word confidence, when the engine gives one


class Recognizer(Protocol):
    """One call's streaming recogniser. Not thread-safe: one job at a time."""

    def accept(self, pcm: bytes) -> bool:
        """Feed 16-bit little-endian mono PCM at the engine's rate; True when the engine saw an endpoint
        (then :meth:`result` returns the finished utterance)."""

    def partial(self) -> str: ...

    def result(self) -> Transcript: ...

    def final(self) -> Transcript:
        """Flush: the utterance so far, as final."""

    def reset(self) -> None: ...


class SpeechEngine(Protocol):
    """What the listener needs from an engine (tests of other layers may implement it with a fake)."""

    sample_rate: int

    def new_recognizer(self) -> Recognizer: ...

    async def run(self, func: Callable[..., T], *args: Any) -> T: ...


# ---------------------------------------------------------------------------------- model files

_REQUIRED = ("am/final.mdl", "conf/mfcc.conf", "conf/model.conf")


def describe_expected_layout() -> str:
    return ("a Vosk model directory containing am/final.mdl, conf/mfcc.conf, conf/model.conf and graph/ "
            "(HCLG.fst, or HCLr.fst + Gr.fst), plus ivector/ for most models")


def check_vosk_model(model_dir: Path) -> None:
    """Raise MissingResourceError saying what is missing, where, and how IT gets the model."""
    model_dir = Path(model_dir)
    if not model_dir.is_dir():
        raise MissingResourceError(
            f"the Vosk French speech model is not installed: directory {model_dir} does not exist "
            f"(it should be {describe_expected_layout()})",
            hint=FETCH_HINT)
    missing = [name for name in _REQUIRED if not (model_dir / name).is_file()]
    graph = model_dir / "graph"
    if not ((graph / "HCLG.fst").is_file() or ((graph / "HCLr.fst").is_file() and (graph / "Gr.fst").is_file())):
        missing.append("graph/HCLG.fst (or graph/HCLr.fst + graph/Gr.fst)")
    if missing:
        raise MissingResourceError(
            f"the Vosk model in {model_dir} is incomplete: missing {', '.join(missing)} "
            f"(expected {describe_expected_layout()})",
            hint="the download was probably interrupted; " + FETCH_HINT)


def model_sample_rate(model_dir: Path) -> int:
    """The rate the model's features are computed at (``--sample-frequency`` in conf/mfcc.conf)."""
    conf = Path(model_dir) / "conf" / "mfcc.conf"
    try:
        text = conf.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return DEFAULT_SAMPLE_RATE
    match = re.search(r"^\s*--sample-frequency\s*=\s*(\d+(?:\.\d+)?)", text, re.MULTILINE)
    return int(float(match.group(1))) if match else DEFAULT_SAMPLE_RATE


# ---------------------------------------------------------------------------------- Vosk


def _transcript(result_json: str) -> Transcript:
    data = json.loads(result_json)
    text = str(data.get("text", "")).strip()
    words = data.get("result") or []
    confidences = [float(w["conf"]) for w in words if isinstance(w, dict) and "conf" in w]
    confidence = sum(confidences) / len(confidences) if confidences and text else None
    return Transcript(text, confidence)


class VoskRecognizer:
    def __init__(self, recognizer: Any):
        self._recognizer = recognizer

    def accept(self, pcm: bytes) -> bool:
        return bool(self._recognizer.AcceptWaveform(pcm))

    def partial(self) -> str:
        return str(json.loads(self._recognizer.PartialResult()).get("partial", "")).strip()

    def result(self) -> Transcript:
        return _transcript(self._recognizer.Result())

    def final(self) -> Transcript:
        return _transcript(self._recognizer.FinalResult())

    def reset(self) -> None:
        self._recognizer.Reset()


class VoskEngine:
    """The shared model and the recognition thread pool. Create with :meth:`load` (or :meth:`load_sync`)."""

    def __init__(self, model: Any, model_dir: Path, sample_rate: int, workers: int):
        self.model = model
        self.model_dir = model_dir
        self.sample_rate = sample_rate
        self.workers = max(1, workers)
        self._executor = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="asr")
        self._closed = False

    @classmethod
    def load_sync(cls, asr: AsrConfig, model_dir: Path | None = None) -> VoskEngine:
        model_dir = Path(model_dir or asr.model_dir)
        check_vosk_model(model_dir)
        import vosk  # heavy (and pulls requests, tqdm): only when a model is really loaded

        vosk.SetLogLevel(-1)
        try:
            model = vosk.Model(str(model_dir))
        except Exception as exc:  # vosk raises a bare Exception("Failed to create a model")
            raise TriageError(f"the Vosk model in {model_dir} could not be loaded ({exc}); the files are "
                              "probably corrupt or from an incompatible Vosk version",
                              hint=FETCH_HINT) from exc
        return cls(model, model_dir, model_sample_rate(model_dir), asr.workers)

    @classmethod
    async def load(cls, asr: AsrConfig, model_dir: Path | None = None) -> VoskEngine:
        """Load in a worker thread (several seconds for a large model) so the event loop keeps running."""
        return await asyncio.to_thread(cls.load_sync, asr, model_dir)

    def new_recognizer(self) -> VoskRecognizer:
        import vosk

        recognizer = vosk.KaldiRecognizer(self.model, float(self.sample_rate))
        recognizer.SetWords(True)  # word confidences -> Final.confidence
        return VoskRecognizer(recognizer)

    async def run(self, func: Callable[..., T], *args: Any) -> T:
        """Run recognition work in the bounded pool (at most ``asr.workers`` at once, across all calls)."""
        if self._closed:
            raise RuntimeError("the speech engine is closed")
        return await asyncio.get_running_loop().run_in_executor(self._executor, func, *args)

    def close(self) -> None:
        self._closed = True
        self._executor.shutdown(wait=False, cancel_futures=True)
