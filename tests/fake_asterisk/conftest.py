"""Fixtures for the fake Asterisk tests: the fake, an ARI client and event stream on it, and a local
UDP socket standing in for the application's RTP endpoint."""

from __future__ import annotations

from pathlib import Path

import pytest

from ari_triage.ari import AriClient, AriEvents
from ari_triage.fake_asterisk import FakeAsterisk
from ari_triage.fake_asterisk.testing import EventRecorder, RtpSink

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def captured_payload() -> bytes:
    """RTP payloads (slin16, big-endian, 640 bytes each) received from Asterisk 22.10.1 in a real call."""
    return (FIXTURES / "call_externalmedia_slin16_rtp_payload.raw").read_bytes()


@pytest.fixture
async def fake():
    async with FakeAsterisk(default_playback_s=0.3) as server:
        yield server
    assert server.violations == [], server.violations


@pytest.fixture
async def client(fake):
    async with AriClient(fake.url, fake.username, fake.password, app=fake.app, request_timeout_s=1.0) as ari:
        yield ari


@pytest.fixture
async def recorder(fake):
    events = AriEvents(fake.url, fake.username, fake.password, fake.app, reconnect_initial_s=0.05,
                       reconnect_max_s=0.2)
    async with events:
        await events.wait_connected(2)
        await fake.wait_for_app()
        rec = EventRecorder(events)
        yield rec
        await rec.stop()


@pytest.fixture
async def rtp_sink():
    sink = await RtpSink.open()
    yield sink
    sink.close()
