"""Fixtures for the ARI layer: a fake Asterisk on a random loopback port and a client for it."""

from __future__ import annotations

import pytest

from ari_triage.ari import AriClient
from ari_triage.fake_asterisk import FakeAsterisk


@pytest.fixture
async def fake():
    async with FakeAsterisk(default_playback_s=0.2) as server:
        yield server
    assert server.violations == [], "the requests did not fit the ARI description"


@pytest.fixture
async def client(fake):
    async with AriClient(fake.url, fake.username, fake.password, app=fake.app, request_timeout_s=1.0) as ari:
        yield ari
