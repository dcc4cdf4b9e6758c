"""A fake Asterisk (ARI REST + WebSocket + externalMedia RTP) for tests, benchmarks and the demo.
It speaks the JSON of the Asterisk 22 API description and reproduces the behaviour recorded from a
real server. See docs/ari.md."""

from ari_triage.fake_asterisk.core import FakeAsterisk, FakeCall, ari_timestamp
from ari_triage.fake_asterisk.script import (
    CallResult,
    HangUp,
    Noise,
    Outcome,
    PromptRecord,
    SendDtmf,
    Silence,
    Speak,
    SpeakPcm,
    Step,
    WaitForBridge,
    WaitForPrompt,
)

__all__ = [
    "CallResult", "FakeAsterisk", "FakeCall", "HangUp", "Noise", "Outcome", "PromptRecord", "SendDtmf", "Silence",
    "Speak", "SpeakPcm", "Step", "WaitForBridge", "WaitForPrompt", "ari_timestamp",
]
