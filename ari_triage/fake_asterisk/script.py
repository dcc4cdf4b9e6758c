"""What a scripted caller does, and the record of what happened to the call."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ari_triage.fake_asterisk.audio import load_wav

# --- script steps --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WaitForPrompt:
    """Wait until the app starts the next prompt not yet waited for (``finished=True``: until it ends)."""

    finished: bool = False
    timeout_s: float = 10.0


@dataclass(frozen=True)
class WaitForBridge:
    """Wait until the caller's audio reaches an externalMedia channel (caller and it in one bridge)."""

    timeout_s: float = 10.0


@dataclass(frozen=True)
class Speak:
    """Say the content of a WAV file (any rate; converted to the channel format)."""

    wav_path: str | Path


@dataclass(frozen=True)
class SpeakPcm:
    """Say 16 kHz signed 16-bit mono samples."""

    samples: np.ndarray = field(compare=False)

    @classmethod
    def from_slin16_be(cls, payload: bytes) -> SpeakPcm:
        """From big-endian slin16 bytes, e.g. the captured RTP payload of a real call."""
        return cls(np.frombuffer(payload[: len(payload) // 2 * 2], dtype=">i2").astype(np.int16))


@dataclass(frozen=True)
class Noise:
    """Background noise (not speech: no speech timings are recorded), e.g. a busy waiting room."""

    seconds: float
    level: float = 0.03  # RMS relative to full scale
    seed: int = 0

    def samples(self) -> np.ndarray:
        rng = np.random.default_rng(self.seed)
        noise = rng.normal(0.0, self.level * 32767, int(self.seconds * 16000))
        return np.clip(noise, -32768, 32767).astype(np.int16)


@dataclass(frozen=True)
class SendDtmf:
    digits: str
    duration_ms: int = 100
    gap_ms: int = 100


@dataclass(frozen=True)
class Silence:
    seconds: float


@dataclass(frozen=True)
class HangUp:
    pass


Step = WaitForPrompt | WaitForBridge | Speak | SpeakPcm | Noise | SendDtmf | Silence | HangUp


def mouth_samples(step: Speak | SpeakPcm | Noise) -> np.ndarray:
    if isinstance(step, Noise):
        return step.samples()
    return load_wav(step.wav_path) if isinstance(step, Speak) else step.samples.astype(np.int16)


# --- results -------------------------------------------------------------------------------------------


@dataclass
class PromptRecord:
    media_uri: str  # comma-joined when several media were given in one request
    playback_id: str
    requested_at: float
    target_uri: str = ""
    started_at: float | None = None
    finished_at: float | None = None
    state: str = "queued"  # final: done or failed
    stopped: bool = False  # stopped early by DELETE /playbacks/{id} (barge-in)


@dataclass
class Outcome:
    """Where the call went. kind: continue (sent to the dialplan: normally a queue), hangup (by the app),
    caller_hangup, timeout (TIMEOUT(absolute) expired: Asterisk ran the T extension = fail-open hand-off
    to the default queue), redirect, asterisk_restart (the fake restarted), none (still in the app)."""

    kind: str = "none"
    context: str | None = None
    extension: str | None = None
    priority: int | None = None
    endpoint: str | None = None
    reason: str | None = None
    variables: dict[str, str] = field(default_factory=dict)  # channel variables at that moment
    at: float | None = None


@dataclass
class CallResult:
    channel_id: str
    caller: str
    started_at: float
    answered_at: float | None = None
    prompts: list[PromptRecord] = field(default_factory=list)
    variables: dict[str, str] = field(default_factory=dict)  # set by the app over REST, final values
    outcome: Outcome = field(default_factory=Outcome)
    speech_started_at: list[float] = field(default_factory=list)
    speech_ended_at: list[float] = field(default_factory=list)
    dtmf_sent_at: list[tuple[str, float]] = field(default_factory=list)
    handoff_requested_at: float | None = None  # time the continue/redirect/hangup request arrived
    bridged_at: float | None = None
    external_media_formats: list[str] = field(default_factory=list)
    rtp_sent_packets: int = 0  # caller audio sent to the app
    rtp_received_packets: int = 0  # RTP the app sent back
    script_errors: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)  # contract violations seen while the call was live

    @property
    def prompt_uris(self) -> list[str]:
        return [p.media_uri for p in self.prompts]

    @property
    def decision_latency_s(self) -> float | None:
        """From the end of the caller's last speech (or DTMF) to the hand-off request."""
        ends = [*self.speech_ended_at, *(t for _d, t in self.dtmf_sent_at)]
        if self.handoff_requested_at is None or not ends:
            return None
        before = [t for t in ends if t <= self.handoff_requested_at]
        return self.handoff_requested_at - max(before) if before else None
