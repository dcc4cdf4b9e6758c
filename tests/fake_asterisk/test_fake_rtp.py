"""RTP like a real externalMedia channel: format, pacing, silence, bridging, audio back from the app."""

from __future__ import annotations

import asyncio
import itertools
import shutil
import subprocess
import wave

import numpy as np
import pytest

from ari_triage.ari import AriClient, ChannelDestroyed, StasisStart
from ari_triage.fake_asterisk import FakeAsterisk, Noise, Silence, Speak, SpeakPcm, WaitForBridge, WaitForPrompt
from ari_triage.fake_asterisk.audio import alaw_decode, load_wav, rtp_packet, ulaw_decode
from ari_triage.fake_asterisk.testing import RtpSink, bridge_caller

FRAME = 640


async def test_slin16_is_pt118_640_bytes_big_endian_real_audio(captured_payload):
    """The captured caller speech comes out byte for byte: PT 118, 640-byte big-endian frames, seq +1,
    timestamp +320, one SSRC."""
    sink = await RtpSink.open()
    async with FakeAsterisk(speed=4.0) as fake, AriClient(fake.url, fake.username, fake.password, app=fake.app) as ari:
        call = await fake.place_call(script=[WaitForBridge(), Silence(0.1), SpeakPcm.from_slin16_be(captured_payload),
                                             Silence(0.1)])
        await bridge_caller(ari, call.channel_id, sink)
        await asyncio.sleep(0.1 + (0.2 + len(captured_payload) / 32000) / 4)
        await ari.continue_in_dialplan(call.channel_id, "triage-queues", "accueil")
        result = await call.wait(1)
        assert fake.violations == []
    sink.close()
    packets = [p for _t, p in sink.packets]
    assert {p[0] for p in packets} == {118}
    assert {len(p[4]) for p in packets} == {FRAME}
    assert len({p[3] for p in packets}) == 1
    seqs = [p[1] for p in packets]
    assert all((b - a) & 0xFFFF == 1 for a, b in itertools.pairwise(seqs))
    stamps = [p[2] for p in packets]
    assert all(b - a == 320 for a, b in itertools.pairwise(stamps))
    stream = b"".join(p[4] for p in packets)
    assert captured_payload in stream  # byte for byte: big-endian as Asterisk sends it
    assert stream.startswith(b"\0" * FRAME)  # silence frames before the caller speaks
    assert result.rtp_sent_packets == len(packets)
    assert result.speech_ended_at[0] > result.speech_started_at[0]


async def test_real_time_pacing_by_default():
    sink = await RtpSink.open()
    async with FakeAsterisk() as fake, AriClient(fake.url, fake.username, fake.password, app=fake.app) as ari:
        call = await fake.place_call()
        await bridge_caller(ari, call.channel_id, sink)
        await asyncio.sleep(1.05)
        await ari.hangup(call.channel_id)
        await call.wait(1)
    sink.close()
    times = [t for t, _p in sink.packets]
    assert 45 <= len(times) <= 55  # 50 packets a second
    span = times[-1] - times[0]
    assert abs(span / (len(times) - 1) - 0.020) < 0.002
    assert all(p[4] == b"\0" * FRAME for _t, p in sink.packets)  # a silent caller still sends RTP


async def test_no_audio_before_the_caller_is_bridged_with_external_media():
    sink = await RtpSink.open()
    async with FakeAsterisk() as fake, AriClient(fake.url, fake.username, fake.password, app=fake.app) as ari:
        call = await fake.place_call()
        await ari.answer(call.channel_id)
        media = await ari.external_media(sink.address, "slin16")
        await asyncio.sleep(0.15)
        assert sink.packets == []  # externalMedia exists but is not bridged with the caller
        bridge = await ari.create_bridge()
        await ari.add_channel(bridge.id, media.id)
        await asyncio.sleep(0.1)
        assert sink.packets == []  # bridged alone
        await ari.add_channel(bridge.id, call.channel_id)
        await asyncio.sleep(0.15)
        assert len(sink.packets) >= 4
        await ari.remove_channel(bridge.id, call.channel_id)
        await asyncio.sleep(0.03)
        count = len(sink.packets)
        await asyncio.sleep(0.1)
        assert len(sink.packets) == count  # the flow stops when the caller leaves the bridge
        await ari.hangup(call.channel_id)
    sink.close()


@pytest.mark.parametrize(("fmt", "pt", "silence", "decode"), [("ulaw", 0, 0xFF, ulaw_decode),
                                                             ("alaw", 8, 0xD5, alaw_decode)])
async def test_g711_formats(fmt, pt, silence, decode):
    tone = (8000 * np.sin(2 * np.pi * 440 * np.arange(16000 // 5) / 16000)).astype(np.int16)  # 0.2 s
    sink = await RtpSink.open()
    async with FakeAsterisk(speed=2.0) as fake, AriClient(fake.url, fake.username, fake.password, app=fake.app) as ari:
        call = await fake.place_call(script=[WaitForBridge(), Silence(0.04), SpeakPcm(tone), Silence(0.1)])
        await bridge_caller(ari, call.channel_id, sink, fmt=fmt)
        await asyncio.sleep(0.35)
        await ari.hangup(call.channel_id)
        await call.wait(1)
    sink.close()
    packets = [p for _t, p in sink.packets]
    assert {p[0] for p in packets} == {pt} and {len(p[4]) for p in packets} == {160}
    stamps = [p[2] for p in packets]
    assert all(b - a == 160 for a, b in itertools.pairwise(stamps))
    assert packets[0][4] == bytes([silence]) * 160
    decoded = np.concatenate([decode(p[4]) for p in packets]).astype(np.float64)
    spectrum = np.abs(np.fft.rfft(decoded))
    peak_hz = np.argmax(spectrum[1:]) * 8000 / len(decoded)
    assert abs(peak_hz - 440) < 15  # the caller's tone survives encoding at 8 kHz


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")
async def test_speak_converts_an_espeak_wav(tmp_path):
    wav_path = tmp_path / "bonjour.wav"
    subprocess.run(["espeak-ng", "-v", "fr", "-w", str(wav_path), "Bonjour, je voudrais un rendez-vous."],
                   check=True, capture_output=True)
    with wave.open(str(wav_path)) as wav:
        assert wav.getframerate() == 22050
        duration = wav.getnframes() / wav.getframerate()
    sink = await RtpSink.open()
    async with FakeAsterisk(speed=4.0) as fake, AriClient(fake.url, fake.username, fake.password, app=fake.app) as ari:
        call = await fake.place_call(script=[WaitForBridge(), Speak(wav_path)])
        await bridge_caller(ari, call.channel_id, sink)
        async with asyncio.timeout(5):
            while not call.result.speech_ended_at:
                await asyncio.sleep(0.05)
        await ari.hangup(call.channel_id)
        result = await call.wait(1)
    sink.close()
    mouth = load_wav(wav_path)  # 22050 Hz -> 16 kHz
    assert abs(len(mouth) / 16000 - duration) < 0.01
    stream = b"".join(p[4] for _t, p in sink.packets)
    assert mouth.astype(">i2").tobytes() in stream
    spoken = (result.speech_ended_at[0] - result.speech_started_at[0]) * 4
    assert abs(spoken - duration) < 0.15


async def test_rtp_from_the_app_is_received_and_counted():
    sink = await RtpSink.open()
    async with FakeAsterisk() as fake, AriClient(fake.url, fake.username, fake.password, app=fake.app) as ari:
        call = await fake.place_call()
        leg = await bridge_caller(ari, call.channel_id, sink)
        await asyncio.sleep(0.05)
        host, port = leg.media.unicastrtp_local
        assert sink.transport is not None
        for seq in range(5):
            sink.transport.sendto(rtp_packet(118, seq, seq * 320, 1234, b"\x00\x01" * 320), (host, port))
        sink.transport.sendto(b"garbage", (host, port))
        await asyncio.sleep(0.05)
        await ari.continue_in_dialplan(call.channel_id, "triage-queues", "accueil")
        result = await call.wait(1)
        media = next(c for c in fake.channels.values() if c.id == leg.media.id).media
        assert media.packets_received == 5 and media.received_payload_types == {118}
        assert result.rtp_received_packets == 5
        assert result.external_media_formats == ["slin16"]
    sink.close()


async def test_twenty_calls_at_once_keep_real_time_pacing():
    sinks = [await RtpSink.open() for _ in range(20)]
    async with FakeAsterisk() as fake, AriClient(fake.url, fake.username, fake.password, app=fake.app) as ari:
        calls = [await fake.place_call(f"06000000{i:02d}") for i in range(20)]
        await asyncio.gather(*(bridge_caller(ari, c.channel_id, s) for c, s in zip(calls, sinks, strict=True)))
        await asyncio.sleep(0.6)
        await asyncio.gather(*(ari.hangup(c.channel_id) for c in calls))
    for sink in sinks:
        sink.close()
        times = [t for t, _p in sink.packets]
        seqs = [p[1] for _t, p in sink.packets]
        assert len(times) >= 20
        assert all((b - a) & 0xFFFF == 1 for a, b in itertools.pairwise(seqs))  # no gap, no reordering
        # Paced, not flooded (exact pacing under load is the benchmark's business: this machine is shared).
        assert 30 <= (len(times) - 1) / (times[-1] - times[0]) <= 60


async def test_noise_is_sent_but_is_not_speech():
    sink = await RtpSink.open()
    async with FakeAsterisk(speed=4.0) as fake, AriClient(fake.url, fake.username, fake.password, app=fake.app) as ari:
        call = await fake.place_call(script=[WaitForBridge(), Noise(0.4, level=0.05), Silence(0.05)])
        await bridge_caller(ari, call.channel_id, sink)
        await asyncio.sleep(0.25)
        await ari.hangup(call.channel_id)
        result = await call.wait(1)
    sink.close()
    samples = np.concatenate([np.frombuffer(p[4], dtype=">i2") for _t, p in sink.packets]).astype(np.float64)
    loud = samples[np.abs(samples) > 0]
    assert len(loud) >= 0.3 * 16000 and 0.03 < np.sqrt(np.mean(loud**2)) / 32767 < 0.07
    assert result.speech_started_at == [] and result.speech_ended_at == []


def _voiced(sink: RtpSink) -> list[float]:
    return [t for t, p in sink.packets if p[4] != b"\0" * FRAME]


async def test_prompt_on_a_bridged_caller_suspends_its_audio():
    """Asterisk plays to a bridged channel as a bridge action that suspends it from the bridge: what the
    caller says during that prompt never reaches externalMedia (no barge-in this way)."""
    tone = (8000 * np.sin(2 * np.pi * 300 * np.arange(16000) / 16000)).astype(np.int16)  # 1 s
    sink = await RtpSink.open()
    async with FakeAsterisk(default_playback_s=0.5) as fake, \
            AriClient(fake.url, fake.username, fake.password, app=fake.app) as ari:
        call = await fake.place_call(script=[WaitForPrompt(), SpeakPcm(tone)])
        await bridge_caller(ari, call.channel_id, sink)
        await asyncio.sleep(0.1)
        await ari.play(call.channel_id, "sound:ari-triage/question")
        await asyncio.sleep(1.2)
        await ari.hangup(call.channel_id)
        result = await call.wait(1)
        assert fake.violations == []
    sink.close()
    prompt = result.prompts[0]
    voiced = _voiced(sink)
    assert voiced, "the end of the speech, after the prompt, is heard"
    assert min(voiced) >= prompt.finished_at - 0.03
    assert len(voiced) <= 35  # about 0.5 s of the 1 s answer was lost under the prompt


async def test_snoop_hears_the_caller_during_a_prompt_for_barge_in():
    """The working design: the caller stays out of bridges; a snoop channel (spy=in) bridged with
    externalMedia hears the caller even while a prompt plays on the caller's channel."""
    tone = (8000 * np.sin(2 * np.pi * 300 * np.arange(16000 // 2) / 16000)).astype(np.int16)  # 0.5 s
    sink = await RtpSink.open()
    async with FakeAsterisk(default_playback_s=2.0) as fake, \
            AriClient(fake.url, fake.username, fake.password, app=fake.app) as ari:
        call = await fake.place_call(script=[WaitForPrompt(), Silence(0.1), SpeakPcm(tone)])
        await ari.answer(call.channel_id)
        snoop = await ari.snoop(call.channel_id, spy="in", app_args="snoop")
        assert snoop.name.startswith(f"Snoop/{call.channel_id}-")
        media = await ari.external_media(sink.address, "slin16")
        bridge = await ari.create_bridge()
        await ari.add_channel(bridge.id, [snoop.id, media.id])  # retried until both are in Stasis
        playback = await ari.play(call.channel_id, "sound:ari-triage/long-question")
        async with asyncio.timeout(3):
            while not call.result.speech_ended_at:
                await asyncio.sleep(0.02)
        heard = _voiced(sink)
        assert len(heard) >= 20 and max(heard) < call.result.prompts[0].requested_at + 2.0  # during the prompt
        await ari.stop_playback(playback.id)  # barge-in
        await ari.continue_in_dialplan(call.channel_id, "triage-queues", "accueil")
        result = await call.wait(1)
        assert result.outcome.at - result.handoff_requested_at < 0.1
        assert result.prompts[0].stopped
        await ari.hangup(snoop.id)
        await ari.hangup(media.id)
        await ari.destroy_bridge(bridge.id)
        assert fake.violations == []
    sink.close()


async def test_snoop_ends_with_the_caller(fake, client, recorder):
    call = await fake.place_call()
    snoop = await client.snoop(call.channel_id, spy="in")
    await recorder.wait_for(lambda e: isinstance(e, StasisStart) and e.channel.id == snoop.id)
    await fake.place_call()  # unrelated
    fake._caller_hangup(fake.channels[call.channel_id])
    destroyed = await recorder.wait_for(lambda e: isinstance(e, ChannelDestroyed) and e.channel.id == snoop.id)
    assert destroyed.cause == 16
    assert snoop.id not in {c.id for c in await client.list_channels()}
