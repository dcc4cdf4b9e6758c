"""A scripted caller: runs its script, produces its line's audio frame by frame, records the result."""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from ari_triage.fake_asterisk.audio import MOUTH_FRAME_SAMPLES
from ari_triage.fake_asterisk.script import (
    CallResult,
    HangUp,
    Noise,
    Outcome,
    SendDtmf,
    Silence,
    Speak,
    SpeakPcm,
    Step,
    WaitForBridge,
    WaitForPrompt,
    mouth_samples,
)
from ari_triage.fake_asterisk.state import ExternalMedia, FakeChannel

if TYPE_CHECKING:
    from ari_triage.fake_asterisk.core import FakeAsterisk


class FakeCall:
    """Handle of a scripted call: :meth:`wait` returns its :class:`CallResult`."""

    def __init__(self, fake: FakeAsterisk, channel: FakeChannel, script: Sequence[Step]):
        self.fake = fake
        self.channel = channel
        self.script = list(script)
        loop = asyncio.get_running_loop()
        self.result = CallResult(channel_id=channel.id, caller=channel.caller_number, started_at=loop.time())
        self.done = asyncio.Event()
        self.mouth: deque[tuple[np.ndarray, bool]] = deque()  # 20 ms frames, and whether they are speech
        self.mouth_empty = asyncio.Event()
        self.mouth_empty.set()
        self.prompt_changed = asyncio.Event()
        self.bridged = asyncio.Event()
        self._prompts_waited = 0
        self.media_heard: dict[int, ExternalMedia] = {}  # externalMedia legs that received this caller
        self._speaking = False
        self._tasks: list[asyncio.Task[None]] = []

    @property
    def channel_id(self) -> str:
        return self.channel.id

    def start(self) -> None:
        self._tasks.append(asyncio.create_task(self._run_script(), name=f"fake-caller:{self.channel.id}"))

    async def wait(self, timeout_s: float = 30.0) -> CallResult:
        """Wait until the call has left the app (continue, hang-up, redirect, T-timeout)."""
        async with asyncio.timeout(timeout_s):
            await self.done.wait()
        return self.result

    def finish(self, outcome: Outcome) -> None:
        if self.done.is_set():
            return
        outcome.at = asyncio.get_running_loop().time()
        self.result.outcome = outcome
        self.result.violations = list(self.fake.violations)
        self.result.rtp_received_packets = sum(m.packets_received for m in self.media_heard.values())
        self.done.set()
        self.fake._live_calls.pop(self.channel.id, None)
        for task in self._tasks:
            if task is not asyncio.current_task():
                task.cancel()

    async def cancel(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(BaseException):
                await task

    # --- the caller's side ---------------------------------------------------------------------------

    async def _run_script(self) -> None:
        loop = asyncio.get_running_loop()
        speed = self.fake.speed
        for step in self.script:
            try:
                if isinstance(step, WaitForPrompt):
                    await self._wait_prompt(step)
                elif isinstance(step, WaitForBridge):
                    async with asyncio.timeout(step.timeout_s):
                        await self.bridged.wait()
                elif isinstance(step, (Speak, SpeakPcm, Noise)):
                    samples = mouth_samples(step)
                    pad = (-len(samples)) % MOUTH_FRAME_SAMPLES
                    samples = np.concatenate([samples, np.zeros(pad, dtype=np.int16)])
                    self.mouth_empty.clear()
                    is_speech = not isinstance(step, Noise)
                    self.mouth.extend((frame, is_speech) for frame in samples.reshape(-1, MOUTH_FRAME_SAMPLES))
                    await self.mouth_empty.wait()
                elif isinstance(step, SendDtmf):
                    for digit in step.digits:
                        await asyncio.sleep(step.duration_ms / 1000 / speed)
                        self.result.dtmf_sent_at.append((digit, loop.time()))
                        self.fake._dtmf(self.channel, digit, step.duration_ms)
                        await asyncio.sleep(step.gap_ms / 1000 / speed)
                elif isinstance(step, Silence):
                    await asyncio.sleep(step.seconds / speed)
                elif isinstance(step, HangUp):
                    self.fake._caller_hangup(self.channel)
                    return
            except TimeoutError:
                self.result.script_errors.append(f"{type(step).__name__}: timed out")
                return

    async def _wait_prompt(self, step: WaitForPrompt) -> None:
        index = self._prompts_waited
        self._prompts_waited += 1
        async with asyncio.timeout(step.timeout_s):
            while True:
                prompts = self.result.prompts
                if len(prompts) > index:
                    prompt = prompts[index]
                    ready = prompt.finished_at is not None if step.finished else prompt.started_at is not None
                    if ready or prompt.finished_at is not None:
                        return
                self.prompt_changed.clear()
                await self.prompt_changed.wait()

    def tick(self, now: float, silence: np.ndarray) -> None:
        """One 20 ms frame of the caller's line (speech, noise or silence). It reaches the app only while
        the caller and an externalMedia channel share a bridge (as on a real mixing bridge)."""
        if self.mouth:
            frame, is_speech = self.mouth.popleft()
            if is_speech and not self._speaking:
                self._speaking = True
                self.result.speech_started_at.append(now)
            if self._speaking and (not self.mouth or not self.mouth[0][1]):
                self.result.speech_ended_at.append(now)
                self._speaking = False
            if not self.mouth:
                self.mouth_empty.set()
        else:
            frame = silence
        for media, hears_caller in self.fake._media_legs(self.channel):
            if media.send(frame if hears_caller else silence):
                self.result.rtp_sent_packets += 1
