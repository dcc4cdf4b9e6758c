"""The fake reproduces the behaviour recorded from Asterisk 22.10.1 (shared/asterisk/README.md)."""

from __future__ import annotations

import asyncio

import pytest

from ari_triage.ari import (
    AriClient,
    AriEvents,
    AriServerError,
    AriUnavailable,
    BadRequest,
    ChannelDtmfReceived,
    ChannelEnteredBridge,
    ChannelVarset,
    Conflict,
    NotFound,
    NotInStasis,
    PlaybackFinished,
    PlaybackStarted,
    StasisEnd,
    StasisStart,
)
from ari_triage.fake_asterisk import FakeAsterisk, HangUp, SendDtmf, Silence, WaitForPrompt
from ari_triage.fake_asterisk.testing import bridge_caller


def is_type(kind, channel_id=None):
    return lambda e: isinstance(e, kind) and (channel_id is None or e.channel_id == channel_id)


async def test_external_media_enters_stasis_a_few_ms_after_its_200(fake, client, recorder, rtp_sink):
    call = await fake.place_call()
    await recorder.wait_for(is_type(StasisStart, call.channel_id))
    fake.stasis_entry_delay_s = 0.1
    loop = asyncio.get_running_loop()
    answered = loop.time()
    media = await client.external_media(rtp_sink.address, "slin16")
    assert media.state == "Down"
    assert media.unicastrtp_local[0] == "127.0.0.1" and media.unicastrtp_local[1] > 0
    assert media.name.startswith(f"UnicastRTP/{rtp_sink.address}-0x")
    bridge = await client.create_bridge("b")
    with pytest.raises(NotInStasis) as info:  # raw request: no retry
        await client.request("POST", f"/bridges/{bridge.id}/addChannel", {"channel": media.id})
    assert info.value.status == 422
    start = await recorder.wait_for(is_type(StasisStart, media.id))
    assert start.args == () and start.channel.in_stasis_app(fake.app)
    assert recorder.time_of(is_type(StasisStart, media.id)) - answered >= 0.09
    await client.add_channel(bridge.id, media.id)


async def test_rest_after_leaving_stasis_and_on_unknown_channels(fake, client, recorder):
    call = await fake.place_call()
    await client.continue_in_dialplan(call.channel_id, "triage-queues", "secretariat")
    await recorder.wait_for(is_type(StasisEnd, call.channel_id))
    with pytest.raises(NotInStasis) as info:
        await client.answer(call.channel_id)
    assert info.value.status == 409 and info.value.reason == "Channel not in Stasis application"
    with pytest.raises(NotFound) as info:
        await client.answer("does-not-exist")
    assert info.value.reason == "Channel not found"
    bridge = await client.create_bridge()
    other = await fake.place_call()
    with pytest.raises(Conflict) as info:
        await client.remove_channel(bridge.id, other.channel_id)
    assert info.value.status == 422 and info.value.reason == "Channel not in this bridge"
    with pytest.raises(BadRequest):
        await client.add_channel(bridge.id, "does-not-exist")


async def test_queue_hand_off_records_target_variables_and_queue_log(fake, client, recorder):
    call = await fake.place_call("0612345678", [SendDtmf("1")])
    await client.answer(call.channel_id)
    await recorder.wait_for(is_type(ChannelDtmfReceived, call.channel_id))
    await client.set_variable(call.channel_id, "TRIAGE_INTENT", "rdv_prise")
    await client.set_variable(call.channel_id, "QUEUE_PRIO", "5")
    await client.continue_in_dialplan(call.channel_id, "triage-queues", "secretariat", 1)
    result = await call.wait(2)
    assert result.outcome.kind == "continue"
    assert (result.outcome.context, result.outcome.extension, result.outcome.priority) == \
        ("triage-queues", "secretariat", 1)
    assert result.outcome.variables == {"TRIAGE_INTENT": "rdv_prise", "QUEUE_PRIO": "5"}
    assert result.handoff_requested_at >= result.dtmf_sent_at[0][1]
    assert result.decision_latency_s is not None and 0 <= result.decision_latency_s < 1
    assert fake.queue_log[-1].split("|")[1:5] == [call.channel_id, "secretariat", "NONE", "ENTERQUEUE"]
    channel = next(c for c in await client.list_channels() if c.id == call.channel_id)
    assert channel.dialplan.app_name == "Queue" and not channel.in_stasis_app(fake.app)


async def test_caller_hangup_leaves_external_media_and_bridge_alive(fake, client, recorder, rtp_sink):
    call = await fake.place_call(script=[WaitForPrompt(), HangUp()])
    leg = await bridge_caller(client, call.channel_id, rtp_sink)
    await recorder.wait_for(is_type(ChannelEnteredBridge, call.channel_id))
    playback = await client.play(call.channel_id, "sound:ari-triage/long")
    result = await call.wait(2)
    assert result.outcome.kind == "caller_hangup"
    finished = await recorder.wait_for(is_type(PlaybackFinished))
    assert finished.playback.id == playback.id and finished.playback.state == "failed"
    assert result.prompts[0].state == "failed"
    await recorder.wait_for(is_type(StasisEnd, call.channel_id))
    # Nothing cleans up the externalMedia channel and the bridge: the app must.
    assert leg.media.id in {c.id for c in await client.stasis_channels()}
    assert (await client.get_bridge(leg.bridge.id)).channels == (leg.media.id,)
    with pytest.raises(NotFound):
        await client.answer(call.channel_id)
    await client.hangup(leg.media.id)
    await client.destroy_bridge(leg.bridge.id)
    assert await client.list_channels() == []


async def test_stopped_playback_finishes_done(fake, client, recorder, rtp_sink):
    call = await fake.place_call(script=[WaitForPrompt(finished=True)])
    await bridge_caller(client, call.channel_id, rtp_sink)
    playback = await client.play(call.channel_id, "sound:ari-triage/long", playback_id="pb-stop")
    await recorder.wait_for(is_type(PlaybackStarted))
    await client.stop_playback(playback.id)
    finished = await recorder.wait_for(is_type(PlaybackFinished))
    assert finished.playback.state == "done"
    assert call.result.prompts[0].stopped and call.result.prompts[0].state == "done"
    with pytest.raises(NotFound):
        await client.stop_playback(playback.id)


async def test_prompt_outside_a_bridge_holds_join_and_continue_until_it_ends(fake, client, recorder, rtp_sink):
    """Recorded: play before addChannel -> the caller enters the bridge only after PlaybackFinished (and,
    Asterisk's addChannel being a synchronous Stasis command, the request answers only then), and a
    continue sent during that prompt takes effect when it ends."""
    call = await fake.place_call()
    await client.answer(call.channel_id)
    media = await client.external_media(rtp_sink.address, "slin16")
    bridge = await client.create_bridge()
    await client.play(call.channel_id, "sound:ari-triage/prompt")
    loop = asyncio.get_running_loop()
    sent = loop.time()
    adding = asyncio.create_task(client.add_channel(bridge.id, [call.channel_id, media.id]))
    await asyncio.sleep(0.1)
    assert not adding.done()
    await client.continue_in_dialplan(call.channel_id, "triage-queues", "accueil")  # asynchronous: 204 at once
    await adding
    assert loop.time() - sent >= 0.2
    await recorder.wait_for(is_type(StasisEnd, call.channel_id))
    finished_at = recorder.time_of(is_type(PlaybackFinished))
    entered_at = recorder.time_of(is_type(ChannelEnteredBridge, call.channel_id))
    ended_at = recorder.time_of(is_type(StasisEnd, call.channel_id))
    assert finished_at <= entered_at <= ended_at
    result = await call.wait(1)
    assert result.outcome.at - result.handoff_requested_at >= 0.15  # waited for the rest of the prompt
    assert result.rtp_sent_packets <= 3


async def test_prompt_inside_the_bridge_does_not_delay_continue(fake, client, recorder, rtp_sink):
    call = await fake.place_call()
    await bridge_caller(client, call.channel_id, rtp_sink)
    await recorder.wait_for(is_type(ChannelEnteredBridge, call.channel_id))
    await client.play(call.channel_id, "sound:ari-triage/prompt")
    await client.continue_in_dialplan(call.channel_id, "triage-queues", "accueil")
    result = await call.wait(1)
    assert result.outcome.at - result.handoff_requested_at < 0.1


async def test_timeout_absolute_pulls_the_channel_to_the_t_extension(fake, client, recorder):
    call = await fake.place_call()
    await client.set_variable(call.channel_id, "TIMEOUT(absolute)", "0.2")
    await client.set_variable(call.channel_id, "TIMEOUT(absolute)", "0.4")  # setting again moves the deadline
    loop = asyncio.get_running_loop()
    set_at = loop.time()
    result = await call.wait(2)
    assert result.outcome.kind == "timeout"
    assert (result.outcome.context, result.outcome.extension) == (fake.entry_context, "T")
    assert result.outcome.at - set_at >= 0.35
    await recorder.wait_for(is_type(StasisEnd, call.channel_id))
    cancelled = await fake.place_call()
    await client.set_variable(cancelled.channel_id, "TIMEOUT(absolute)", "0.1")
    await client.set_variable(cancelled.channel_id, "TIMEOUT(absolute)", "0")
    with pytest.raises(TimeoutError):
        await cancelled.wait(0.3)


async def test_dead_app_leaves_calls_in_stasis_until_timeout_absolute(fake):
    """The app's WebSocket dies: events are lost, the call waits in silence, GET /channels still shows
    it in Stasis, and only TIMEOUT(absolute) gets the caller to a human."""
    async with AriClient(fake.url, fake.username, fake.password, app=fake.app) as client:
        events = AriEvents(fake.url, fake.username, fake.password, fake.app)
        async with events:
            await events.wait_connected(2)
            await fake.wait_for_app()
            call = await fake.place_call()
            await client.set_variable(call.channel_id, "TIMEOUT(absolute)", "0.5")
        assert fake.connected_apps() == []
        late = await fake.place_call("0600000000")  # arrives while the app is down: nobody hears StasisStart
        with pytest.raises(TimeoutError):
            await call.wait(0.2)
        listed = {c.id: c for c in await client.stasis_channels()}
        assert set(listed) == {call.channel_id, late.channel_id}
        assert listed[call.channel_id].dialplan.app_name == "Stasis"
        assert listed[call.channel_id].dialplan.app_data.startswith(fake.app)
        result = await call.wait(1)
        assert result.outcome.kind == "timeout" and result.outcome.extension == "T"
        assert fake.queue_log[-1].split("|")[2] == fake.timeout_queue
        assert [c.id for c in await client.stasis_channels()] == [late.channel_id]


async def test_scripted_call_records_prompts_dtmf_and_timings(fake, client, recorder, rtp_sink):
    call = await fake.place_call("0612345678", [WaitForPrompt(), SendDtmf("12"), Silence(0.1)])
    await bridge_caller(client, call.channel_id, rtp_sink)
    await recorder.wait_for(is_type(ChannelEnteredBridge, call.channel_id))
    await client.play(call.channel_id, ["sound:ari-triage/a", "sound:ari-triage/b"])
    digits = []
    while len(digits) < 2:
        event = await recorder.wait_for(lambda e: isinstance(e, ChannelDtmfReceived) and e not in digits)
        digits.append(event)
    assert [d.digit for d in digits] == ["1", "2"]
    await client.hangup(call.channel_id, reason="normal")
    result = await call.wait(1)
    assert result.outcome.kind == "hangup" and result.outcome.reason == "normal"
    assert result.prompt_uris == ["sound:ari-triage/a,sound:ari-triage/b"]
    assert result.answered_at is not None and result.bridged_at is not None
    assert [d for d, _t in result.dtmf_sent_at] == ["1", "2"]
    assert result.script_errors == [] and result.violations == []


async def test_playback_duration_comes_from_the_sound_file(tmp_path, rtp_sink):
    import wave

    sounds = tmp_path / "sounds"
    (sounds / "ari-triage").mkdir(parents=True)
    with wave.open(str(sounds / "ari-triage" / "hello.wav"), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(8000)
        wav.writeframes(b"\0\0" * 4000)  # 0.5 s
    async with FakeAsterisk(sounds_dir=sounds, default_playback_s=0.05, missing_sound_fails=True) as fake, \
            AriClient(fake.url, fake.username, fake.password, app=fake.app) as client:
        call = await fake.place_call(script=[WaitForPrompt(finished=True), WaitForPrompt(finished=True)])
        await bridge_caller(client, call.channel_id, rtp_sink)
        await client.play(call.channel_id, "sound:ari-triage/hello")
        await client.play(call.channel_id, "sound:ari-triage/missing")
        await asyncio.sleep(0.8)
        first, second = call.result.prompts
        assert 0.45 <= first.finished_at - first.started_at <= 0.7
        assert first.state == "done" and second.state == "failed"
        assert second.started_at >= first.finished_at  # one playback at a time per channel
        assert fake.violations == []


async def test_fake_refuses_bad_requests_and_non_loopback_rtp(fake, client):
    with pytest.raises(BadRequest):
        await client.request("POST", "/channels/externalMedia", {"app": fake.app, "format": "slin16",
                                                                  "external_host": "10.1.2.3:4000"})
    with pytest.raises(BadRequest):
        await client.request("POST", "/channels/externalMedia", {"app": fake.app, "fromat": "slin16"})
    assert any("loopback" in v for v in fake.violations)
    assert any("'fromat'" in v for v in fake.violations)
    assert any("required parameter 'format'" in v for v in fake.violations)
    fake.violations.clear()


async def test_asterisk_restart_drops_everything_and_the_app_reconnects(fake, client):
    events = AriEvents(fake.url, fake.username, fake.password, fake.app, reconnect_initial_s=0.05,
                       reconnect_max_s=0.2)
    async with events:
        await events.wait_connected(2)
        call = await fake.place_call()
        await client.create_bridge()
        restart = asyncio.create_task(fake.restart(down_s=0.3))
        await asyncio.sleep(0.1)
        with pytest.raises(AriUnavailable):  # the port refuses connections while Asterisk is down
            await client.list_channels()
        await restart
        result = await call.wait(1)
        assert result.outcome.kind == "asterisk_restart"
        await events.wait_connected(3)
        assert events.connections == 2
        assert await client.list_channels() == []
        assert await client.request("GET", "/bridges") == []


async def test_variables_set_during_a_prompt_outside_a_bridge_apply_after_it(fake, client, recorder):
    """Recorded (call_to_queue_abandoned): the sets answered 204 at once, ChannelVarset came after
    PlaybackFinished, then StasisEnd; the hand-off still carries them."""
    call = await fake.place_call()
    await client.answer(call.channel_id)
    await client.play(call.channel_id, "sound:ari-triage/prompt")
    await recorder.wait_for(is_type(PlaybackStarted))
    await client.set_variable(call.channel_id, "TRIAGE_INTENT", "rdv_prise")
    await client.continue_in_dialplan(call.channel_id, "triage-queues", "secretariat")
    assert "TRIAGE_INTENT" not in call.result.variables  # not applied yet: the prompt holds the queue
    result = await call.wait(2)
    assert result.outcome.variables == {"TRIAGE_INTENT": "rdv_prise"}
    await recorder.wait_for(is_type(StasisEnd, call.channel_id))
    finished = recorder.time_of(is_type(PlaybackFinished))
    varset = recorder.time_of(lambda e: isinstance(e, ChannelVarset) and e.variable == "TRIAGE_INTENT")
    assert finished <= varset <= recorder.time_of(is_type(StasisEnd, call.channel_id))


async def test_synchronous_commands_wait_for_the_prompt_and_fail_if_the_caller_leaves(fake, client):
    call = await fake.place_call(script=[WaitForPrompt(), Silence(0.1), HangUp()])
    await client.play(call.channel_id, "sound:ari-triage/prompt")
    answering = asyncio.create_task(client.answer(call.channel_id))
    await asyncio.sleep(0.05)
    assert not answering.done()  # answer is a synchronous Stasis command queued behind the prompt
    with pytest.raises(AriServerError):  # the caller hung up before it could run
        await answering
    assert (await call.wait(1)).outcome.kind == "caller_hangup"
