"""Recognition gated by voice detection (ListenerAudio) with a stand-in listener that records its calls."""

from __future__ import annotations

import asyncio

from ari_triage.calls.media_adapter import ListenerAudio
from ari_triage.calls.ports import SpeechFinal, SpeechStarted
from ari_triage.media.listener import Final, NoInput
from ari_triage.media.listener import SpeechStarted as VadSpeech


class RecordingListener:
    def __init__(self) -> None:
        self.calls: list[str] = []
        self.events: asyncio.Queue = asyncio.Queue()

    def watch_barge_in(self) -> int:
        self.calls.append("watch")
        return 0

    def arm(self, no_input_timeout_s=None, *, start_timer=True) -> int:
        assert start_timer is False  # the session runs the no-input timer itself
        self.calls.append("recognise")
        return 0

    def disarm(self) -> None:
        self.calls.append("disarm")

    async def next_event(self, timeout=None):
        return await self.events.get()

    async def close(self) -> None:
        self.calls.append("close")


class NullEndpoint:
    port = 40000

    async def close(self) -> None:
        pass


async def collect(audio: ListenerAudio, n: int) -> list:
    out = []
    agen = audio.events()
    for _ in range(n):
        out.append(await asyncio.wait_for(agen.__anext__(), 1))
    await agen.aclose()
    return out


async def test_recognition_starts_only_when_the_caller_speaks() -> None:
    listener = RecordingListener()
    audio = ListenerAudio(NullEndpoint(), listener, "127.0.0.1")
    audio.arm()
    assert listener.calls == ["watch"]  # a question waits: voice detection only, no decoding of silence
    listener.events.put_nowait(VadSpeech(1, 0.0))
    listener.events.put_nowait(Final(2, 0.0, "  "))  # noise
    listener.events.put_nowait(NoInput(3, 0.0))
    listener.events.put_nowait(VadSpeech(4, 0.0))
    listener.events.put_nowait(Final(5, 0.0, "bonjour", speech_ended_at=12.5))
    events = await collect(audio, 4)
    assert events == [SpeechStarted(), SpeechFinal("  ", None), SpeechStarted(), SpeechFinal("bonjour", 12.5)]
    assert listener.calls == ["watch", "recognise", "watch", "watch", "recognise"]


async def test_speech_during_the_prompt_goes_straight_to_recognition() -> None:
    listener = RecordingListener()
    audio = ListenerAudio(NullEndpoint(), listener, "127.0.0.1")
    audio.watch_barge_in()  # the question's prompt plays
    listener.events.put_nowait(VadSpeech(1, 0.0))
    assert await collect(audio, 1) == [SpeechStarted()]  # the session stops the prompt on this
    audio.arm()  # the question listens: the caller is already talking
    assert listener.calls == ["watch", "recognise"]
    audio.disarm()
    await audio.close()
    assert listener.calls[-2:] == ["disarm", "close"]
