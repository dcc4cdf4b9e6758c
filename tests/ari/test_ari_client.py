"""AriClient against the fake Asterisk: typed answers, status mapping, retries and timeouts."""

from __future__ import annotations

import asyncio
import socket

import pytest

from ari_triage.ari import (
    AriAuthError,
    AriClient,
    AriServerError,
    AriTimeout,
    AriUnavailable,
    BadRequest,
    Conflict,
    NotFound,
    NotInStasis,
)
from ari_triage.ari.errors import error_for_status
from ari_triage.config import AriConfig
from ari_triage.errors import ConfigError
from ari_triage.fake_asterisk import FakeAsterisk


@pytest.mark.parametrize(("status", "reason", "expected"), [
    (404, "Channel not found", NotFound),
    (409, "Channel not in Stasis application", NotInStasis),
    (409, "Channel not in a Stasis application", NotInStasis),
    (422, "Channel not in Stasis application", NotInStasis),
    (422, "Channel not in this bridge", Conflict),
    (409, "Bridge not in Stasis application", Conflict),
    (412, "Channel in invalid state", Conflict),
    (400, "Channel not found", BadRequest),
    (401, "", AriAuthError),
    (500, "boom", AriServerError),
])
def test_status_mapping(status, reason, expected):
    error = error_for_status(status, reason, "POST", "/channels/1.1/answer")
    assert type(error) is expected
    assert error.status == status and error.path == "/channels/1.1/answer"


def test_empty_password_is_a_clear_configuration_error():
    with pytest.raises(ConfigError) as info:
        AriClient.from_config(AriConfig(password=""))
    assert "ARI_TRIAGE_ARI_PASSWORD" in str(info.value)


async def test_call_flow_typed_answers(fake, client):
    call = await fake.place_call("0612345678")
    channel_id = call.channel_id
    await client.answer(channel_id)
    await client.set_variable(channel_id, "TRIAGE_CALL_ID", "c-1")
    assert await client.get_variable(channel_id, "TRIAGE_CALL_ID") == "c-1"
    assert await client.get_variable(channel_id, "CALLERID(num)") == "0612345678"
    media = await client.external_media("127.0.0.1:40000", "slin16")
    assert media.state == "Down" and media.unicastrtp_local is not None
    bridge = await client.create_bridge("triage-1")
    assert bridge.bridge_type == "mixing" and bridge.channels == ()
    await client.add_channel(bridge.id, [channel_id, media.id])  # retried until media enters Stasis
    assert set((await client.get_bridge(bridge.id)).channels) == {channel_id, media.id}
    playback = await client.play(channel_id, "sound:ari-triage/hello", playback_id="pb-1")
    assert playback.id == "pb-1" and playback.channel_id == channel_id and playback.state == "queued"
    await client.stop_playback("pb-1")
    stasis = await client.stasis_channels()
    assert {c.id for c in stasis} == {channel_id, media.id}
    await client.remove_channel(bridge.id, channel_id)
    await client.hangup(media.id)
    await client.destroy_bridge(bridge.id)
    await client.continue_in_dialplan(channel_id, "triage-queues", "secretariat", 1)
    result = await call.wait(2)
    assert result.outcome.kind == "continue" and result.outcome.extension == "secretariat"
    assert (await client.asterisk_info())["system"]["version"].startswith("22")


async def test_errors_are_typed(fake, client):
    call = await fake.place_call()
    with pytest.raises(NotFound):
        await client.answer("does-not-exist")
    bridge = await client.create_bridge()
    with pytest.raises(Conflict) as info:
        await client.remove_channel(bridge.id, call.channel_id)
    assert info.value.status == 422 and not isinstance(info.value, NotInStasis)
    with pytest.raises(NotFound):
        await client.destroy_bridge("no-such-bridge")
    await client.continue_in_dialplan(call.channel_id, "triage-queues", "accueil")
    await call.wait(2)
    with pytest.raises(NotInStasis) as info:
        await client.answer(call.channel_id)
    assert info.value.status == 409
    with pytest.raises(NotFound):
        await client.stop_playback("no-such-playback")


async def test_add_channel_gives_up_on_422_after_its_retry_window(fake):
    fake.stasis_entry_delay_s = 0.5
    call = await fake.place_call()
    async with AriClient(fake.url, fake.username, fake.password, app=fake.app, add_channel_retry_s=0.05) as hasty:
        media = await hasty.external_media("127.0.0.1:40002", "ulaw")
        bridge = await hasty.create_bridge()
        with pytest.raises(NotInStasis) as info:
            await hasty.add_channel(bridge.id, [call.channel_id, media.id])
        assert info.value.status == 422
    async with AriClient(fake.url, fake.username, fake.password, app=fake.app, add_channel_retry_s=2.0) as patient:
        await patient.add_channel(bridge.id, [call.channel_id, media.id])
        assert media.id in (await patient.get_bridge(bridge.id)).channels


async def test_timeout_on_a_slow_endpoint(fake):
    fake.set_delay("POST", r"/answer$", 2.0)
    call = await fake.place_call()
    async with AriClient(fake.url, fake.username, fake.password, app=fake.app, request_timeout_s=0.2) as ari:
        loop = asyncio.get_running_loop()
        started = loop.time()
        with pytest.raises(AriTimeout):
            await ari.answer(call.channel_id)
        assert loop.time() - started < 1.0
        # Other requests are not affected.
        assert await ari.get_variable(call.channel_id, "CALLERID(num)") == "0612345678"


async def test_injected_server_error_and_wrong_password(fake, client):
    fake.inject_error("POST", r"/variable$", 500, "Internal Server Error")
    call = await fake.place_call()
    with pytest.raises(AriServerError):
        await client.set_variable(call.channel_id, "A", "1")
    await client.set_variable(call.channel_id, "A", "1")  # only once
    async with AriClient(fake.url, fake.username, "wrong", app=fake.app) as intruder:
        with pytest.raises(AriAuthError):
            await intruder.answer(call.channel_id)


async def test_unreachable_asterisk():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with AriClient(f"http://127.0.0.1:{port}", "u", "p", app="a", request_timeout_s=1) as ari:
        with pytest.raises(AriUnavailable):
            await ari.answer("1.1")


async def test_cancellation_passes_through(fake, client):
    fake.set_delay("POST", r"/answer$", 2.0)
    call = await fake.place_call()
    task = asyncio.create_task(client.answer(call.channel_id))
    await asyncio.sleep(0.05)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


async def test_requests_fit_the_description():
    """A request that does not fit the ARI description is refused and recorded by the fake."""
    async with FakeAsterisk() as fake, AriClient(fake.url, fake.username, fake.password, app=fake.app) as ari:
        with pytest.raises(BadRequest):
            await ari.request("POST", "/channels/1.1/variable", {"valeur": "x"})
        assert any("unknown query parameter 'valeur'" in v for v in fake.violations)
        assert any("required parameter 'variable'" in v for v in fake.violations)
        fake.violations.clear()
        with pytest.raises(NotFound):
            await ari.request("POST", "/channels/1.1/teleport")
        assert fake.violations
