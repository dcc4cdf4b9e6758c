"""AriEvents: typed delivery, reconnection with back-off, on_connected, the pure retry policy."""

from __future__ import annotations

import asyncio
import logging

import pytest
from websockets.exceptions import ConnectionClosedError, InvalidStatus
from websockets.http11 import Response

from ari_triage.ari import (
    ApplicationReplaced,
    AriAuthError,
    AriEvents,
    ConnectionState,
    StasisStart,
    backoff_delay,
    default_retry_policy,
)
from ari_triage.ari.events import events_url
from ari_triage.errors import ConfigError


def make_events(fake, **kwargs) -> AriEvents:
    kwargs.setdefault("reconnect_initial_s", 0.05)
    kwargs.setdefault("reconnect_max_s", 0.2)
    return AriEvents(fake.url, fake.username, fake.password, fake.app, **kwargs)


async def next_event(events: AriEvents, kind: type, timeout_s: float = 2.0):
    async with asyncio.timeout(timeout_s):
        async for event in events:
            if isinstance(event, kind):
                return event
    raise AssertionError("stream ended")


# --- pure policy ---------------------------------------------------------------------------------------


def test_backoff_grows_with_jitter_and_stays_within_bounds():
    assert backoff_delay(0, 0.5, 30, rand=lambda: 0.9) == 0.5
    assert backoff_delay(1, 0.5, 30, rand=lambda: 1.0) == 1.0
    assert backoff_delay(3, 0.5, 30, rand=lambda: 1.0) == 4.0
    assert backoff_delay(3, 0.5, 30, rand=lambda: 0.0) == 0.5
    assert backoff_delay(50, 0.5, 30, rand=lambda: 1.0) == 30
    delays = {backoff_delay(4, 0.5, 30) for _ in range(50)}
    assert len(delays) > 10 and all(0.5 <= d <= 8.0 for d in delays)


def _status(code: int) -> InvalidStatus:
    return InvalidStatus(Response(code, "x", {}, b""))  # type: ignore[arg-type]


@pytest.mark.parametrize(("exc", "retry"), [
    (ConnectionRefusedError(), True),
    (ConnectionClosedError(None, None), True),
    (TimeoutError(), True),
    (_status(503), True),
    (_status(404), True),
    (_status(401), False),
    (_status(403), False),
    (ValueError("bug"), False),
])
def test_retry_policy(exc, retry):
    decision = default_retry_policy(exc, 2, 0.5, 30, rand=lambda: 0.5)
    assert decision.retry is retry
    if retry:
        assert 0.5 <= decision.delay_s <= 2.0


def test_events_url():
    assert events_url("http://127.0.0.1:8088", "ari-triage") == \
        "ws://127.0.0.1:8088/ari/events?app=ari-triage&subscribeAll=false"
    with pytest.raises(ConfigError):
        events_url("127.0.0.1:8088", "a")


# --- against the fake ----------------------------------------------------------------------------------


async def test_typed_delivery_and_reconnect_after_server_drop(fake, caplog):
    caplog.set_level(logging.INFO, logger="ari_triage.ari.events")
    connected = 0

    async def on_connected():
        nonlocal connected
        connected += 1

    events = make_events(fake, on_connected=on_connected)
    async with events:
        await events.wait_connected(2)
        await fake.wait_for_app()
        await fake.place_call("0612345678")
        start = await next_event(events, StasisStart)
        assert start.channel.caller_number == "0612345678"

        fake.drop_websockets(abrupt=True)
        await asyncio.sleep(0.02)
        await events.wait_connected(3)
        await fake.wait_for_app()
        assert events.connections == 2 and fake.ws_connections == 2
        await asyncio.sleep(0.05)
        assert connected == 2
        call = await fake.place_call("0698765432")
        start = await next_event(events, StasisStart)
        assert start.channel.id == call.channel_id
    assert events.state is ConnectionState.CLOSED
    log_text = caplog.text
    assert "waiting to reconnect" in log_text and "0612345678" not in log_text


async def test_backoff_while_websockets_are_refused(fake):
    fake.accept_websockets = False
    attempts = []

    def policy(exc, attempt):
        attempts.append(attempt)
        return default_retry_policy(exc, attempt, 0.02, 0.1)

    events = make_events(fake, policy=policy)
    async with events:
        await asyncio.sleep(0.4)
        assert events.state is not ConnectionState.CONNECTED
        assert len(attempts) >= 3 and attempts[:3] == [0, 1, 2]
        fake.accept_websockets = True
        await events.wait_connected(2)


async def test_wrong_password_is_fatal(fake):
    events = AriEvents(fake.url, fake.username, "wrong", fake.app, reconnect_initial_s=0.01)
    events.start()
    with pytest.raises(AriAuthError):
        async with asyncio.timeout(2):
            async for _ in events:
                pass
    await events.close()


async def test_malformed_and_unknown_events_are_skipped(fake, caplog):
    caplog.set_level(logging.WARNING, logger="ari_triage.ari.events")
    events = make_events(fake)
    async with events:
        await events.wait_connected(2)
        await fake.wait_for_app()
        fake.send_raw('{"type": "StasisStart", "application": "ari-triage", "channel": {"caller": "0611111111"}}')
        fake.send_raw("not json at all")
        fake.send_raw('{"type": "ChannelTalkingStarted", "application": "ari-triage", '
                      '"timestamp": "2026-11-28T20:06:49.077+0000"}')
        await fake.place_call("0612345678")
        received = []
        async with asyncio.timeout(2):
            async for event in events:
                received.append(event)
                if isinstance(event, StasisStart):
                    break
        assert [e.type for e in received] == ["ChannelTalkingStarted", "StasisStart"]
    assert "malformed" in caplog.text and "0611111111" not in caplog.text


async def test_on_connected_may_wait_for_events(fake, client):
    """on_connected runs while events keep flowing (it may call REST and wait for the resulting event)."""
    seen = asyncio.Event()
    finished = asyncio.Event()

    async def on_connected():
        await fake.wait_for_app()
        call = await fake.place_call()
        await client.answer(call.channel_id)
        await asyncio.wait_for(seen.wait(), 2)
        finished.set()

    events = make_events(fake, on_connected=on_connected)
    async with events:
        await next_event(events, StasisStart)
        seen.set()
        await asyncio.wait_for(finished.wait(), 1)


async def test_a_second_socket_for_the_app_replaces_the_first(fake):
    first = make_events(fake)
    second = make_events(fake)
    async with first:
        await first.wait_connected(2)
        await fake.wait_for_app()
        async with second:
            await second.wait_connected(2)
            replaced = await next_event(first, ApplicationReplaced)
            assert replaced.application == fake.app
            call = await fake.place_call()
            assert (await next_event(second, StasisStart)).channel.id == call.channel_id
