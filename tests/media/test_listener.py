"""Listener behaviour with a transparent fake engine (fast, deterministic); see test_listener_vosk.py for
the same paths on the real Vosk engine."""

import asyncio
import time

import numpy as np
import pytest

from ari_triage.config.model import AsrConfig, MediaConfig
from ari_triage.media.endpoint import AudioFrame, RtpEndpoint
from ari_triage.media.listener import CallListener, Final, ListenerMode, NoInput, Partial, SpeechStarted
from ari_triage.media.ports import PortAllocator
from ari_triage.media.rtp import RtpPacket
from tests.media.conftest import feed_audio, silence
from tests.media.fake_engine import FakeEngine, loud, noise
from tests.media.test_endpoint import Peer, free_port_range

ASR = AsrConfig(endpoint_silence_ms=400, no_input_timeout_s=1.0, max_utterance_s=5.0, workers=2)


@pytest.fixture
async def engine():
    engine = FakeEngine()
    yield engine
    engine.close()


@pytest.fixture
async def listener(engine):
    listener = CallListener(engine, ASR, call_id="test")
    yield listener
    await listener.close()


async def events_until_end(listener: CallListener, timeout: float = 5.0) -> list:
    events = []
    while True:
        event = await listener.next_event(timeout=timeout)
        events.append(event)
        if isinstance(event, Final | NoInput):
            return events


async def test_silence_gives_no_input_on_the_audio_clock(listener):
    turn = listener.arm(no_input_timeout_s=0.5)
    started = time.monotonic()
    await feed_audio(listener, silence(0.6))
    events = await events_until_end(listener)
    assert [type(e) for e in events] == [NoInput]
    assert events[0].turn == turn
    assert time.monotonic() - started < 0.4  # decided by the audio received, not by waiting
    assert listener.mode is ListenerMode.IDLE


async def test_watchdog_gives_no_input_when_rtp_stops(listener):
    listener.arm(no_input_timeout_s=0.2)
    started = time.monotonic()
    (event,) = await events_until_end(listener, timeout=3)
    assert isinstance(event, NoInput)
    assert 0.2 <= time.monotonic() - started < 1.5


async def test_speech_then_silence_gives_speech_started_partials_and_final(listener):
    listener.arm()
    t0 = time.monotonic()
    await feed_audio(listener, silence(0.3), start_at=t0)
    await feed_audio(listener, loud(0.6), start_at=t0 + 0.3, pace=0.2)
    await feed_audio(listener, silence(0.6), start_at=t0 + 0.9)
    events = await events_until_end(listener)
    assert isinstance(events[0], SpeechStarted) and events[0].source == "vad"
    # confirmed after 100 ms of voiced frames: the frame that arrived at 0.3 + 0.1 s of the audio clock
    assert events[0].at == pytest.approx(t0 + 0.4, abs=0.021)
    assert any(isinstance(e, Partial) and e.text.startswith("mot") for e in events[1:-1])
    final = events[-1]
    assert isinstance(final, Final) and final.reason == "silence"
    assert final.text == " ".join(["mot"] * 30)  # 0.6 s = 30 blocks of 20 ms
    assert final.confidence == 0.9
    assert final.speech_ended_at == pytest.approx(t0 + 0.88, abs=0.021)  # arrival of the last voiced frame


async def test_speech_holds_off_the_no_input_timeout(listener):
    listener.arm(no_input_timeout_s=0.3)
    t0 = time.monotonic()
    await feed_audio(listener, silence(0.2), start_at=t0)
    await feed_audio(listener, loud(1.0), start_at=t0 + 0.2)  # still talking when 0.3 s have passed
    await feed_audio(listener, silence(0.5), start_at=t0 + 1.2)
    events = await events_until_end(listener)
    assert isinstance(events[-1], Final) and events[-1].text


async def test_max_utterance_length_ends_the_turn(engine):
    listener = CallListener(engine, AsrConfig(endpoint_silence_ms=400, no_input_timeout_s=1.0, max_utterance_s=0.5))
    listener.arm()
    await feed_audio(listener, loud(1.5))
    events = await events_until_end(listener)
    assert isinstance(events[-1], Final) and events[-1].reason == "max_length"
    await listener.close()


async def test_noise_without_words_is_no_input(listener):
    listener.arm(no_input_timeout_s=0.5)
    await feed_audio(listener, noise(0.4))
    await feed_audio(listener, silence(1.0))
    events = await events_until_end(listener)
    assert isinstance(events[0], SpeechStarted)  # the VAD heard something (it may stop a prompt)...
    assert isinstance(events[-1], NoInput)  # ...but nothing was said
    assert not any(isinstance(e, Final) for e in events)


async def test_barge_in_then_arm_replays_the_first_words(engine, listener):
    turn = listener.watch_barge_in()
    assert listener.mode is ListenerMode.BARGE_IN
    await feed_audio(listener, silence(0.5))
    await feed_audio(listener, loud(0.3))
    event = await listener.next_event(timeout=1)
    assert isinstance(event, SpeechStarted) and event.turn == turn
    # the session stops the prompt and arms; the caller goes on talking
    listener.arm()
    await feed_audio(listener, loud(0.3))
    await feed_audio(listener, silence(0.6))
    events = await events_until_end(listener)
    assert isinstance(events[0], SpeechStarted)  # once per turn, the new turn included
    final = events[-1]
    assert isinstance(final, Final)
    assert final.text.count("mot") == 30  # 0.3 s before arm() + 0.3 s after: nothing lost


async def test_barge_in_mode_does_not_recognise(engine, listener):
    listener.watch_barge_in()
    await feed_audio(listener, loud(0.5))
    await feed_audio(listener, silence(1.5))
    assert isinstance(await listener.next_event(timeout=1), SpeechStarted)
    await asyncio.sleep(0.05)
    assert engine.recognizers == []  # VAD only: no recogniser work while a prompt plays
    with pytest.raises(TimeoutError):
        await listener.next_event(timeout=0.2)  # no NoInput: that is a listening step's business


async def test_events_of_an_older_turn_are_never_returned(listener):
    listener.arm()
    await feed_audio(listener, loud(0.4))
    listener.disarm()  # e.g. the caller pressed a key
    turn = listener.arm(no_input_timeout_s=0.3)
    await feed_audio(listener, silence(0.5))
    events = await events_until_end(listener)
    assert all(e.turn == turn for e in events)
    assert [type(e) for e in events] == [NoInput]


async def test_timer_can_start_after_the_prompt(listener):
    listener.arm(no_input_timeout_s=0.3, start_timer=False)
    await feed_audio(listener, silence(1.0))  # the prompt is still playing: no timeout yet
    with pytest.raises(TimeoutError):
        await listener.next_event(timeout=0.1)
    listener.start_no_input_timer()
    await feed_audio(listener, silence(0.4))
    assert isinstance(await listener.next_event(timeout=1), NoInput)


async def test_8khz_audio_is_resampled_for_the_engine(engine, listener):
    listener.arm()
    await feed_audio(listener, np.concatenate((loud(0.4, rate=8000), silence(0.6, rate=8000))), rate=8000)
    events = await events_until_end(listener)
    assert isinstance(events[-1], Final)
    # 0.4 s of tone is 20 blocks of 20 ms at 16 kHz (10 if the 8 kHz samples had been passed on as they were)
    assert events[-1].text.count("mot") in (20, 21)
    # fed up to the end of the utterance: speech + endpoint_silence_ms, at 16 kHz
    assert engine.recognizers[0].samples == pytest.approx(16000 * (0.4 + 0.4), abs=400)


async def test_one_slow_call_does_not_delay_another():
    engine = FakeEngine(workers=2)
    slow = CallListener(engine, ASR, call_id="slow")
    fast = CallListener(engine, ASR, call_id="fast")
    slow.arm()
    fast.arm()
    await asyncio.sleep(0)
    # the slow call's recogniser takes 0.3 s per job (an overloaded or pathological call)
    await feed_audio(slow, loud(0.1))
    await asyncio.sleep(0.05)
    slow._recognizer.delay_s = 0.3
    started = time.monotonic()

    async def run_slow():
        for _ in range(10):
            await feed_audio(slow, loud(0.1))
            await asyncio.sleep(0.02)

    slow_task = asyncio.create_task(run_slow())
    await feed_audio(fast, loud(0.3), pace=0.1)
    await feed_audio(fast, silence(0.5))
    events = await events_until_end(fast)
    assert isinstance(events[-1], Final)
    assert time.monotonic() - started < 0.6  # not queued behind the slow call's jobs
    # and the slow call's recogniser was never used by two threads at once
    assert not slow._recognizer.concurrent_use
    await slow_task
    await slow.close()
    await fast.close()
    engine.close()


async def test_follow_an_rtp_endpoint_and_close_cancels_everything(engine, captured_payloads):
    low, high = free_port_range(2)
    endpoint = await RtpEndpoint.open(MediaConfig(rtp_port_min=low, rtp_port_max=high), PortAllocator(low, high))
    listener = CallListener(engine, ASR, call_id="rtp")
    listener.follow(endpoint)
    listener.arm()
    peer = await Peer.open()
    for i in range(0, len(captured_payloads), 640):
        peer.send(endpoint.port, RtpPacket(118, i // 640, i // 2, 1, captured_payloads[i:i + 640]))
        await asyncio.sleep(0.002)
    event = await listener.next_event(timeout=2)
    assert isinstance(event, SpeechStarted)  # real caller speech recorded from Asterisk
    assert listener.frames_received > 0
    tasks = set(listener._tasks)
    assert tasks
    await listener.close()
    assert all(task.done() for task in tasks)
    assert listener._tasks == set()
    peer.close()
    await endpoint.close()


async def test_closed_listener_refuses_new_turns(listener):
    await listener.close()
    with pytest.raises(RuntimeError):
        listener.arm()
    listener.feed(AudioFrame(loud(0.1), 16000, time.monotonic()))  # ignored, no error


async def test_engine_loads_in_a_worker_thread(monkeypatch):
    from ari_triage.media.asr import VoskEngine

    def slow_load(cls, asr, model_dir=None):
        time.sleep(0.4)  # stands for reading a large model from disk
        return "engine"

    monkeypatch.setattr(VoskEngine, "load_sync", classmethod(slow_load))
    ticks = 0

    async def ticker():
        nonlocal ticks
        while True:
            await asyncio.sleep(0.02)
            ticks += 1

    task = asyncio.create_task(ticker())
    assert await VoskEngine.load(ASR) == "engine"
    task.cancel()
    assert ticks >= 10  # the event loop kept running while the model loaded


async def test_vad_settings_come_from_the_configuration(engine):
    strict = AsrConfig(endpoint_silence_ms=400, no_input_timeout_s=5, vad_threshold_db_below_full_scale=20,
                       speech_start_ms=300)
    listener = CallListener(engine, strict, call_id="strict")
    listener.watch_barge_in()
    await feed_audio(listener, loud(0.25))  # 250 ms: shorter than speech_start_ms
    await feed_audio(listener, silence(0.5))
    await feed_audio(listener, noise(1.0, level=2000))  # about -27 dBFS: below the -20 dBFS threshold
    with pytest.raises(TimeoutError):
        await listener.next_event(timeout=0.1)
    await feed_audio(listener, loud(0.4))
    assert isinstance(await listener.next_event(timeout=1), SpeechStarted)
    await listener.close()


async def test_speech_that_arrives_while_the_recogniser_lags_is_not_lost_at_the_utterance_end(engine):
    """Under load the recogniser runs behind the audio: the utterance can end (silence seen by the VAD) while it
    still works on the first words. The rest of the speech must still reach it before the final result."""
    listener = CallListener(engine, ASR, call_id="lagging")
    listener.arm()
    await feed_audio(listener, loud(0.3))
    await asyncio.sleep(0.01)  # the recogniser has started on the first 0.3 s...
    listener._recognizer.delay_s = 0.05  # ...and takes 50 ms per 100 ms piece from now on
    await feed_audio(listener, np.concatenate((loud(0.7), silence(0.6))))  # the utterance ends during its job
    events = await events_until_end(listener)
    assert isinstance(events[-1], Final)
    assert len(events[-1].text.split()) >= 45, events[-1].text  # the whole second of speech (50 words), not 15
    await listener.close()
