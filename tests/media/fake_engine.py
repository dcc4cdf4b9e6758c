"""A speech engine that implements the listener's SpeechEngine protocol with a transparent rule, so listener
logic (turns, timers, barge-in, scheduling) is tested fast and deterministically; the real Vosk path is tested
in test_listener_vosk.py.

Rule: 20 ms blocks louder than WORD_LEVEL are "words" (the final text is ``"mot" * n``), quieter non-silent
blocks are noise that yields no text."""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from ari_triage.media.asr import Transcript

WORD_LEVEL = 5000
BLOCK = 320


class FakeRecognizer:
    def __init__(self, delay_s: float = 0.0):
        self.delay_s = delay_s
        self.words = 0
        self.samples = 0
        self.busy = threading.Lock()
        self.concurrent_use = False

    def accept(self, pcm: bytes) -> bool:
        if not self.busy.acquire(blocking=False):
            self.concurrent_use = True  # the listener must never do this
            self.busy.acquire()
        try:
            time.sleep(self.delay_s)
            samples = np.frombuffer(pcm, dtype="<i2")
            self.samples += len(samples)
            for start in range(0, len(samples) - BLOCK + 1, BLOCK):
                if np.abs(samples[start:start + BLOCK]).max() > WORD_LEVEL:
                    self.words += 1
            return False
        finally:
            self.busy.release()

    def partial(self) -> str:
        # like Vosk, hypotheses lag the audio a little (200 ms here), later than the VAD's 100 ms
        return " ".join(["mot"] * self.words) if self.words >= 10 else ""

    def result(self) -> Transcript:
        return self.final()

    def final(self) -> Transcript:
        text = " ".join(["mot"] * self.words)
        self.words = 0
        return Transcript(text, 0.9 if text else None)

    def reset(self) -> None:
        self.words = 0


class FakeEngine:
    sample_rate = 16000

    def __init__(self, workers: int = 2, delay_s: float = 0.0):
        self.delay_s = delay_s
        self.recognizers: list[FakeRecognizer] = []
        self._executor = ThreadPoolExecutor(max_workers=workers)

    def new_recognizer(self) -> FakeRecognizer:
        recognizer = FakeRecognizer(self.delay_s)
        self.recognizers.append(recognizer)
        return recognizer

    async def run(self, func, *args):
        return await asyncio.get_running_loop().run_in_executor(self._executor, func, *args)

    def close(self) -> None:
        self._executor.shutdown(wait=False)


def loud(seconds: float, rate: int = 16000, level: int = 12000) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return np.rint(level * np.sin(2 * np.pi * 220 * t)).astype(np.int16)


def noise(seconds: float, rate: int = 16000, level: int = 3000) -> np.ndarray:
    return loud(seconds, rate, level)
