"""What a PBX throws at the service: dropped WebSocket, ARI errors and timeouts, many calls at once,
shutdown, and the service hanging (fail-open through TIMEOUT(absolute))."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest

from ari_triage.calls.simulate import service_with_fake
from ari_triage.fake_asterisk import HangUp, SendDtmf, Silence, Speak, WaitForPrompt

pytestmark = [pytest.mark.vosk, pytest.mark.slow]


def leftovers(fake) -> tuple[list, list]:
    return [c.id for c in fake.channels.values() if c.kind == "external"], list(fake.bridges)


async def until(predicate, timeout: float = 20.0) -> None:
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.02)


def listening(service, n: int) -> bool:
    sessions = list(service.app.sessions.values())
    return len(sessions) == n and all(s.state == "listening" for s in sessions)


async def test_websocket_dropped_mid_call(e2e_config, parts, store, fake_options) -> None:
    async with service_with_fake(e2e_config, parts, fake_options=fake_options) as (service, fake):
        stays = await fake.place_call(caller="0600000001", script=[
            WaitForPrompt(finished=True), WaitForPrompt(finished=True), Silence(3.0), SendDtmf("1")])
        leaves = await fake.place_call(caller="0600000002", script=[
            WaitForPrompt(finished=True), WaitForPrompt(finished=True), Silence(1.0), HangUp()])
        await until(lambda: listening(service, 2))
        fake.accept_websockets = False
        fake.drop_websockets()
        left = await leaves.wait(timeout_s=10)  # hangs up while we are not listening
        assert left.outcome.kind == "caller_hangup"
        fake.accept_websockets = True
        result = await stays.wait(timeout_s=20)
        assert result.outcome.kind == "continue" and result.outcome.extension == "rdv", result.outcome
        assert service.events.connections >= 2
        await until(lambda: not service.app.sessions)
        assert leftovers(fake) == ([], [])
        assert ("GET", "/channels", {}) in fake.requests and fake.violations == []  # reconciled, within the API
    assert store.end_for(leaves.channel_id).outcome == "abandoned"
    assert store.end_for(stays.channel_id).outcome == "route"


async def test_ari_error_sends_caller_to_default_queue(e2e_config, parts, store, fake_options) -> None:
    async with service_with_fake(e2e_config, parts, fake_options=fake_options) as (service, fake):
        fake.inject_error("POST", r"^/bridges$", 500, "Internal Server Error")
        call = await fake.place_call(script=[])
        result = await call.wait(timeout_s=15)
        assert (result.outcome.kind, result.outcome.extension) == ("continue", "accueil")
        assert result.outcome.variables["TRIAGE_CALL_ID"]
        assert result.outcome.variables["TRIAGE_SUMMARY"].endswith("raison:panne ari-failed")
        await until(lambda: not service.app.sessions)
        assert leftovers(fake) == ([], [])
    end = store.end_for(call.channel_id)
    assert end.outcome == "failed_over" and "500" in end.reason


async def test_ari_timeout_sends_caller_to_default_queue(e2e_config, parts, store, fake_options) -> None:
    async with service_with_fake(e2e_config, parts, fake_options=fake_options) as (_service, fake):
        fake.set_delay("POST", r"/play$", 10.0, times=1)  # longer than ari.request_timeout_s (2 s)
        call = await fake.place_call(script=[])
        result = await call.wait(timeout_s=15)
        assert (result.outcome.kind, result.outcome.extension) == ("continue", "accueil")
    assert store.end_for(call.channel_id).outcome == "failed_over"


async def test_shutdown_hands_calls_over(e2e_config, parts, store, fake_options) -> None:
    async with service_with_fake(e2e_config, parts, fake_options=fake_options) as (service, fake):
        calls = [await fake.place_call(caller=f"06000000{i:02d}", script=[]) for i in range(3)]
        await until(lambda: listening(service, 3))
        service.request_stop()
        results = [await c.wait(timeout_s=15) for c in calls]
    assert [(r.outcome.kind, r.outcome.extension) for r in results] == [("continue", "accueil")] * 3
    assert sorted(e.outcome for e in store.ends) == ["failed_over"] * 3


async def test_service_hung_fail_open_by_timeout_absolute(e2e_config, parts, store, fake_options) -> None:
    """If ari-triage hangs, Asterisk itself moves the caller out of Stasis to the T extension (default queue)."""
    config = dataclasses.replace(e2e_config, ari=dataclasses.replace(e2e_config.ari, stasis_deadline_s=8))
    async with service_with_fake(config, parts, fake_options=fake_options) as (service, fake):
        call = await fake.place_call(script=[])
        await until(lambda: listening(service, 1))
        fake.accept_websockets = False
        fake.drop_websockets()
        fake.set_delay("POST", r".*", 60.0)  # Asterisk no longer answers us: we can do nothing for the caller
        result = await call.wait(timeout_s=25)
        assert result.outcome.kind == "timeout"  # the T extension -> triage-queues/accueil
        fake.clear_rules()
        fake.accept_websockets = True


async def test_twenty_calls_at_once(e2e_config, parts, store, classifier, korean_wav, fake_options) -> None:
    # Only a few speak: the Korean test model decodes at about real time per stream on a busy 2-core machine
    # (the French small model is several times lighter); scripts/bench_calls.py measures the capacity.
    speaking = {1, 11}
    async with service_with_fake(e2e_config, parts, fake_options=fake_options) as (service, fake):
        calls = []
        for i in range(20):
            if i in speaking:
                script = [WaitForPrompt(finished=True), WaitForPrompt(finished=True), Speak(korean_wav)]
            else:
                script = [WaitForPrompt(finished=True), WaitForPrompt(), SendDtmf("2")]
            calls.append(await fake.place_call(caller=f"061{i:07d}", script=script))
        results = await asyncio.gather(*(c.wait(timeout_s=60) for c in calls))
        for i, r in enumerate(results):
            assert r.outcome.kind == "continue", (i, r.outcome)
            assert r.outcome.extension == ("rdv" if i in speaking else "secretariat"), (i, r.outcome)
        await until(lambda: not service.app.sessions)
        assert leftovers(fake) == ([], [])
        assert fake.violations == []
    assert len(classifier.texts) == len(speaking)
    assert len(store.ends) == 20 and {e.outcome for e in store.ends} == {"route"}
