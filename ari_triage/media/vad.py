"""Energy voice-activity detection on 20 ms frames: fast enough to run on the event loop for every call.

A frame is voiced when its level is above both an absolute floor and the line's own noise floor (tracked on
unvoiced frames) by a margin. Speech starts after ``start_ms`` of voiced frames (short clicks do not stop a
prompt) and ends after ``silence_ms`` of unvoiced ones.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FRAME_MS = 20


@dataclass(frozen=True)
class VadSettings:
    threshold_dbfs: float = -42.0  # never voiced below this level
    noise_margin_db: float = 10.0  # voiced only this far above the tracked noise floor
    start_ms: int = 100  # voiced time before speech is declared (barge-in reacts after this)
    silence_ms: int = 700  # unvoiced time that ends speech (asr.endpoint_silence_ms)


@dataclass(frozen=True)
class VadFrame:
    """What one 20 ms frame changed. ``end_sample`` is the stream position just after the frame."""

    voiced: bool
    level_dbfs: float
    speech_started: bool
    speech_ended: bool
    end_sample: int


def level_dbfs(pcm: np.ndarray) -> float:
    if len(pcm) == 0:
        return -120.0
    rms = float(np.sqrt(np.mean(np.square(pcm.astype(np.float64)))))
    return 20.0 * np.log10(max(rms, 1e-3) / 32768.0)


class EnergyVad:
    """Stateful detector for one stream at one sample rate. Feed any chunk sizes; it works in 20 ms frames."""

    def __init__(self, sample_rate: int, settings: VadSettings | None = None):
        self.settings = settings or VadSettings()
        self.frame_samples = sample_rate * FRAME_MS // 1000
        self._pending = np.zeros(0, dtype=np.int16)
        self._position = 0
        self.noise_dbfs = -70.0
        self.in_speech = False
        self._voiced_run = 0
        self._unvoiced_run = 0
        self.last_voiced_end: int | None = None  # stream position after the last voiced frame
        self.speech_start: int | None = None  # stream position where the current/last speech began

    def reset(self) -> None:
        self.in_speech = False
        self._voiced_run = self._unvoiced_run = 0
        self.speech_start = self.last_voiced_end = None

    def process(self, pcm: np.ndarray) -> list[VadFrame]:
        data = np.concatenate((self._pending, np.asarray(pcm, dtype=np.int16)))
        frames: list[VadFrame] = []
        whole = len(data) // self.frame_samples * self.frame_samples
        for start in range(0, whole, self.frame_samples):
            frames.append(self._frame(data[start:start + self.frame_samples]))
        self._pending = data[whole:]
        return frames

    def _frame(self, frame: np.ndarray) -> VadFrame:
        s = self.settings
        level = level_dbfs(frame)
        self._position += len(frame)
        voiced = level > s.threshold_dbfs and level > self.noise_dbfs + s.noise_margin_db
        started = ended = False
        if voiced:
            self._voiced_run += 1
            self._unvoiced_run = 0
            self.last_voiced_end = self._position
            if not self.in_speech and self._voiced_run * FRAME_MS >= s.start_ms:
                self.in_speech = started = True
                self.speech_start = self._position - self._voiced_run * self.frame_samples
        else:
            self._unvoiced_run += 1
            self._voiced_run = 0
            # the noise floor follows quiet frames quickly down, slowly up (never learns from speech)
            rate = 0.5 if level < self.noise_dbfs else 0.05
            self.noise_dbfs += rate * (level - self.noise_dbfs)
            if self.in_speech and self._unvoiced_run * FRAME_MS >= s.silence_ms:
                self.in_speech = False
                ended = True
        return VadFrame(voiced, level, started, ended, self._position)
