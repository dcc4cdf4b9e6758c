"""The per-call streaming listener: caller audio in, typed events out.

Frames (from :class:`~ari_triage.media.endpoint.RtpEndpoint` or :meth:`CallListener.feed`) are resampled to
the engine's rate and run through the energy VAD on the event loop (cheap); while armed they are also
queued for the call's recogniser, which a single owned task feeds through the engine's thread pool, one job
at a time (audio that arrives meanwhile is batched into the next job, so a loaded machine falls behind
gracefully instead of piling up jobs).

A *turn* is one listening period: :meth:`arm` (or :meth:`watch_barge_in`) starts a new turn and events of
older turns are never returned. A listening turn ends with exactly one :class:`Final` or :class:`NoInput`,
after which the listener is idle until the next :meth:`arm`.

The no-input timeout runs on the audio clock (samples received since the timer started) with a wall-clock
watchdog for when Asterisk stops sending RTP; speech in progress holds it off.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
import time
from collections import deque
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np

from ari_triage.config.model import AsrConfig
from ari_triage.media.asr import SpeechEngine, Transcript
from ari_triage.media.endpoint import AudioFrame, RtpEndpoint
from ari_triage.media.resample import Resampler
from ari_triage.media.vad import EnergyVad, VadSettings

log = logging.getLogger(__name__)

PREROLL_S = 2.0  # audio kept while not listening, so a barge-in's first words reach the recogniser
PREROLL_LEAD_S = 0.3  # how much before the detected speech start is replayed
WATCHDOG_GRACE_S = 0.5  # wall-clock slack before the watchdog overrides the audio clock
CLOSE_TIMEOUT_S = 2.0
PIECE_BYTES = 3200 * 2  # the recogniser is fed 100 ms pieces at 16 kHz (endpoint checks at fixed positions)


# ------------------------------------------------------------------------------------------- events


@dataclass(frozen=True)
class SpeechStarted:
    turn: int
    at: float  # arrival time of the frame that confirmed speech (time.monotonic())
    source: Literal["vad", "partial"] = "vad"


@dataclass(frozen=True)
class Partial:
    turn: int
    at: float
    text: str = field(repr=False)  # health data: kept out of reprs and logs


@dataclass(frozen=True)
class Final:
    turn: int
    at: float  # when the listener decided (time.monotonic())
    text: str = field(repr=False)
    confidence: float | None = None
    speech_ended_at: float | None = None  # arrival time of the last voiced frame (None if VAD heard none)
    reason: Literal["endpoint", "silence", "max_length"] = "endpoint"


@dataclass(frozen=True)
class NoInput:
    turn: int
    at: float


ListenerEvent = SpeechStarted | Partial | Final | NoInput


class ListenerMode(enum.Enum):
    IDLE = "idle"  # audio only feeds the VAD's noise floor and the pre-roll
    BARGE_IN = "barge_in"  # VAD only: SpeechStarted when the caller talks over a prompt
    LISTENING = "listening"  # recognition, partials, end of turn, no-input timer


@dataclass
class _Turn:
    number: int
    mode: ListenerMode
    no_input_timeout_s: float
    timer_started_at: float | None = None  # wall clock
    timer_audio_s: float = 0.0  # audio received since the timer started
    speech_announced: bool = False
    utterance_open: bool = False  # speech heard (VAD or a partial) and not yet closed by a Final
    utterance_audio_s: float = 0.0
    utterance_started_at: float | None = None
    last_partial: str = ""
    last_voiced_at: float | None = None
    finalize: Literal["silence", "max_length"] | None = None
    finalize_at: int | None = None  # stream position where the utterance ends (audio after it is not fed)
    done: bool = False


class CallListener:
    """One per call. Owns its tasks; :meth:`close` cancels them."""

    def __init__(self, engine: SpeechEngine, asr: AsrConfig, *, call_id: str = "",
                 vad: VadSettings | None = None):
        self.engine = engine
        self.asr = asr
        self.call_id = call_id
        self.sample_rate = engine.sample_rate
        settings = vad or VadSettings(threshold_dbfs=-asr.vad_threshold_db_below_full_scale,
                                          start_ms=asr.speech_start_ms)
        self._vad = EnergyVad(self.sample_rate, replace(settings, silence_ms=asr.endpoint_silence_ms))
        self._resamplers: dict[int, Resampler] = {}
        self._events: asyncio.Queue[ListenerEvent] = asyncio.Queue()
        self._turn = _Turn(0, ListenerMode.IDLE, asr.no_input_timeout_s, done=True)
        self._pending = bytearray()  # little-endian PCM waiting for the recogniser
        self._pending_at = 0  # stream position of its first sample
        self._audio_ready = asyncio.Event()
        self._recognizer = None
        self._reset_needed = False
        self._preroll: deque[tuple[int, np.ndarray]] = deque()  # (stream position of first sample, pcm)
        self._position = 0  # samples (at engine rate) received so far
        self._listen_closed_at = 0  # stream position where the last listening turn ended
        self._tasks: set[asyncio.Task[None]] = set()
        self._worker: asyncio.Task[None] | None = None
        self._watchdog: asyncio.Task[None] | None = None
        self._closed = False
        self.frames_received = 0

    # ------------------------------------------------------------------------ control

    @property
    def mode(self) -> ListenerMode:
        return self._turn.mode if not self._turn.done else ListenerMode.IDLE

    @property
    def turn(self) -> int:
        return self._turn.number

    def follow(self, endpoint: RtpEndpoint) -> None:
        """Consume the endpoint's frames in an owned task until the endpoint or the listener closes."""
        self._spawn(self._follow(endpoint), "follow")

    def watch_barge_in(self) -> int:
        """Start a VAD-only turn (a prompt is playing); returns the turn number."""
        self._new_turn(ListenerMode.BARGE_IN, self.asr.no_input_timeout_s)
        if self._vad.in_speech:  # already talking when the prompt starts
            self._announce_speech(time.monotonic(), "vad")
        return self._turn.number

    def arm(self, no_input_timeout_s: float | None = None, *, start_timer: bool = True) -> int:
        """Start a listening turn; returns its number. Speech that began just before (barge-in) is replayed
        to the recogniser from the pre-roll."""
        self._ensure_worker()
        timeout = self.asr.no_input_timeout_s if no_input_timeout_s is None else no_input_timeout_s
        turn = self._new_turn(ListenerMode.LISTENING, timeout)
        self._reset_needed = True
        start = self._vad.speech_start
        if start is not None and start < self._listen_closed_at:
            # that speech began while an earlier question was listening: it answered that one, not this one
            self._vad.reset()
        elif self._vad.in_speech or self._recent_speech_start() is not None:
            self._replay_preroll()
        if self._vad.in_speech:
            turn.utterance_open = True
            turn.utterance_started_at = time.monotonic()
            self._announce_speech(time.monotonic(), "vad")
        if start_timer:
            self.start_no_input_timer()
        return turn.number

    def start_no_input_timer(self, timeout_s: float | None = None) -> None:
        turn = self._turn
        if turn.done or turn.mode is not ListenerMode.LISTENING or turn.timer_started_at is not None:
            return
        if timeout_s is not None:
            turn.no_input_timeout_s = timeout_s
        turn.timer_started_at = time.monotonic()
        turn.timer_audio_s = 0.0
        if self._watchdog is not None:
            self._watchdog.cancel()
        self._watchdog = self._spawn(self._watch(turn), "no-input watchdog")

    def disarm(self) -> None:
        """End the current turn without an event (a digit answered, the call is ending...)."""
        self._close_turn()

    async def next_event(self, timeout: float | None = None) -> ListenerEvent:
        """The next event of the current turn (events of older turns are skipped)."""
        async with asyncio.timeout(timeout):
            while True:
                event = await self._events.get()
                if event.turn == self._turn.number:
                    return event

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._close_turn()
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            # time-boxed: a recognition job already in a worker thread finishes on its own
            await asyncio.wait(tasks, timeout=CLOSE_TIMEOUT_S)
        self._recognizer = None

    # ------------------------------------------------------------------------ audio in

    def feed(self, frame: AudioFrame) -> None:
        """Take one decoded frame (any rate; resampled here). Non-blocking."""
        if self._closed:
            return
        self.frames_received += 1
        pcm = self._resample(frame)
        if len(pcm) == 0:
            return
        duration = len(pcm) / self.sample_rate
        turn = self._turn
        start_position = self._position
        self._position += len(pcm)
        self._keep_preroll(start_position, pcm)
        listening = not turn.done and turn.mode is ListenerMode.LISTENING
        if listening:
            self._pending.extend(pcm.astype("<i2").tobytes())
            self._audio_ready.set()
            if turn.timer_started_at is not None:
                turn.timer_audio_s += duration
            if turn.utterance_open:
                turn.utterance_audio_s += duration
        for vad_frame in self._vad.process(pcm):
            if vad_frame.voiced:
                turn.last_voiced_at = frame.received_at
            if vad_frame.speech_started and not turn.done:
                if listening and not turn.utterance_open:
                    turn.utterance_open = True
                    turn.utterance_started_at = frame.received_at
                self._announce_speech(frame.received_at, "vad")
            if listening and vad_frame.speech_ended and turn.utterance_open and turn.finalize is None:
                turn.finalize, turn.finalize_at = "silence", vad_frame.end_sample
                self._audio_ready.set()
        if listening and not turn.done:
            if turn.utterance_open and turn.finalize is None and turn.utterance_audio_s >= self.asr.max_utterance_s:
                turn.finalize, turn.finalize_at = "max_length", self._position
                self._audio_ready.set()
            self._check_no_input(turn)

    async def _follow(self, endpoint: RtpEndpoint) -> None:
        async for frame in endpoint.frames():
            self.feed(frame)

    def _resample(self, frame: AudioFrame) -> np.ndarray:
        if frame.sample_rate == self.sample_rate:
            return np.asarray(frame.pcm, dtype=np.int16)
        resampler = self._resamplers.get(frame.sample_rate)
        if resampler is None:
            resampler = self._resamplers[frame.sample_rate] = Resampler(frame.sample_rate, self.sample_rate)
        return resampler.process(frame.pcm)

    def _keep_preroll(self, position: int, pcm: np.ndarray) -> None:
        self._preroll.append((position, pcm))
        limit = int(PREROLL_S * self.sample_rate)
        while self._preroll and self._position - self._preroll[0][0] > limit:
            self._preroll.popleft()

    def _recent_speech_start(self) -> int | None:
        start = self._vad.speech_start
        if start is None or not self._preroll or start < self._preroll[0][0]:
            return None
        if self._vad.last_voiced_end is not None and \
                self._position - self._vad.last_voiced_end > self.asr.endpoint_silence_ms * self.sample_rate / 1000:
            return None  # that speech is over: it answered nothing we are asking now
        return start

    def _replay_preroll(self) -> None:
        start = self._vad.speech_start
        if start is None:
            return
        begin = max(start - int(PREROLL_LEAD_S * self.sample_rate), self._preroll[0][0] if self._preroll else 0)
        self._pending.clear()
        self._pending_at = begin
        for position, pcm in self._preroll:
            if position + len(pcm) > begin:
                self._pending.extend(pcm[max(0, begin - position):].astype("<i2").tobytes())
        self._audio_ready.set()

    # ------------------------------------------------------------------------ turns and events

    def _new_turn(self, mode: ListenerMode, timeout: float) -> _Turn:
        if self._closed:
            raise RuntimeError("the listener is closed")
        self._close_turn()
        self._turn = _Turn(self._turn.number + 1, mode, timeout)
        self._pending_at = self._position
        return self._turn

    def _close_turn(self) -> None:
        if self._turn.mode is ListenerMode.LISTENING and not self._turn.done:
            self._listen_closed_at = self._position
        self._turn.done = True
        self._pending.clear()
        self._reset_needed = True
        if self._watchdog is not None:
            self._watchdog.cancel()
            self._watchdog = None

    def _emit(self, event: ListenerEvent) -> None:
        self._events.put_nowait(event)

    def _announce_speech(self, at: float, source: Literal["vad", "partial"]) -> None:
        turn = self._turn
        if turn.done or turn.speech_announced:
            return
        turn.speech_announced = True
        self._emit(SpeechStarted(turn.number, at, source))

    def _finish(self, event: Final | NoInput) -> None:
        if self._turn.done or event.turn != self._turn.number:
            return
        self._emit(event)
        self._close_turn()
        log.debug("call %s turn %d ended: %s", self.call_id, event.turn, type(event).__name__)

    def _check_no_input(self, turn: _Turn) -> None:
        if turn.done or turn.timer_started_at is None or turn.utterance_open or turn.finalize is not None:
            return
        if turn.timer_audio_s >= turn.no_input_timeout_s:
            self._finish(NoInput(turn.number, time.monotonic()))

    async def _watch(self, turn: _Turn) -> None:
        """Wall-clock backstop: RTP may stop (Asterisk trouble, a silent bridge) and the audio clock with it."""
        await asyncio.sleep(turn.no_input_timeout_s + WATCHDOG_GRACE_S)
        while not turn.done:
            if not turn.utterance_open and turn.finalize is None:
                self._finish(NoInput(turn.number, time.monotonic()))
                return
            started = turn.utterance_started_at or time.monotonic()
            if turn.finalize is None and time.monotonic() - started > self.asr.max_utterance_s + WATCHDOG_GRACE_S:
                turn.finalize = "max_length"
                self._audio_ready.set()
            await asyncio.sleep(0.1)

    # ------------------------------------------------------------------------ recognition

    def _ensure_worker(self) -> None:
        if self._worker is None or self._worker.done():
            self._worker = self._spawn(self._recognise(), "recognition")

    async def _recognise(self) -> None:
        while True:
            await self._audio_ready.wait()
            self._audio_ready.clear()
            turn = self._turn
            if turn.done or turn.mode is not ListenerMode.LISTENING:
                continue
            if self._recognizer is None:
                self._recognizer = await self.engine.run(self.engine.new_recognizer)
                self._reset_needed = False
            elif self._reset_needed:
                await self.engine.run(self._recognizer.reset)
                self._reset_needed = False
            # Fixed pieces from the start of the turn, and nothing past the end of the utterance: the recogniser
            # sees the same chunks whatever the load, so its results do not depend on timing.
            available = len(self._pending)
            # Decided before the job: a finalize that arrives while the recogniser works (it lags behind the
            # audio under load) must first get the audio up to the utterance end, on the next round.
            finalizing = turn.finalize is not None
            if finalizing:
                end = turn.finalize_at if turn.finalize_at is not None else self._pending_at + available // 2
                take = max(0, min(available, (end - self._pending_at) * 2))
            else:
                take = available // PIECE_BYTES * PIECE_BYTES
            chunk = bytes(self._pending[:take])
            del self._pending[:take]
            self._pending_at += take // 2
            if chunk:
                used, transcript, partial = await self.engine.run(self._accept, self._recognizer, chunk)
                if turn is not self._turn or turn.done:
                    continue  # the turn ended while the job ran; the recogniser is reset on the next arm
                if transcript is not None:  # Vosk saw an endpoint after ``used`` bytes
                    if used < len(chunk):  # give back what follows it, in case the turn goes on (no text)
                        self._pending[0:0] = chunk[used:]
                        self._pending_at -= (len(chunk) - used) // 2
                    self._on_utterance(turn, transcript, "endpoint")
                elif partial and partial != turn.last_partial:
                    turn.last_partial = partial
                    if not turn.utterance_open:
                        turn.utterance_open = True
                        turn.utterance_started_at = time.monotonic()
                    self._announce_speech(time.monotonic(), "partial")
                    self._emit(Partial(turn.number, time.monotonic(), partial))
            if not turn.done and finalizing:
                reason = turn.finalize
                transcript = await self.engine.run(self._recognizer.final)
                if turn is self._turn and not turn.done:
                    self._on_utterance(turn, transcript, reason)
            if len(self._pending) >= PIECE_BYTES or (self._turn.finalize is not None and not self._turn.done):
                self._audio_ready.set()

    @staticmethod
    def _accept(recognizer, chunk: bytes) -> tuple[int, Transcript | None, str]:
        """In a worker thread (one round trip per job): feed 100 ms pieces until Vosk sees an endpoint.
        Returns (bytes used, the utterance if an endpoint was seen, else None, the partial text)."""
        for start in range(0, len(chunk), PIECE_BYTES):
            piece = chunk[start:start + PIECE_BYTES]
            if recognizer.accept(piece):
                return start + len(piece), recognizer.result(), ""
        return len(chunk), None, recognizer.partial()

    def _on_utterance(self, turn: _Turn, transcript: Transcript | None,
                      reason: Literal["endpoint", "silence", "max_length"]) -> None:
        if transcript is not None and transcript.text:
            self._finish(Final(turn.number, time.monotonic(), transcript.text, transcript.confidence,
                               turn.last_voiced_at, reason))
            return
        # noise or a cough: nothing recognisable; keep listening unless the time is already up
        turn.utterance_open = False
        turn.utterance_audio_s = 0.0
        turn.last_partial = ""
        turn.finalize = turn.finalize_at = None
        self._vad.reset()
        self._check_no_input(turn)

    # ------------------------------------------------------------------------ tasks

    def _spawn(self, coro, name: str) -> asyncio.Task[None]:
        task = asyncio.get_running_loop().create_task(coro, name=f"listener {self.call_id} {name}")
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("call %s: listener task %s failed", self.call_id, task.get_name(),
                      exc_info=task.exception())
            with contextlib.suppress(Exception):
                # the session must not wait forever on a listener whose recogniser died
                if not self._turn.done and self._turn.mode is ListenerMode.LISTENING:
                    self._finish(NoInput(self._turn.number, time.monotonic()))
