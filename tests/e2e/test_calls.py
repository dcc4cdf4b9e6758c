"""Whole calls through the real service and the fake Asterisk, with real RTP and the real Vosk engine."""

from __future__ import annotations

import asyncio

import pytest

from ari_triage.calls.simulate import service_with_fake
from ari_triage.fake_asterisk import HangUp, SendDtmf, Silence, Speak, WaitForPrompt

pytestmark = [pytest.mark.vosk, pytest.mark.slow]


def leftovers(fake) -> tuple[list, list]:
    """externalMedia channels and bridges still alive (the real Asterisk never cleans them up itself)."""
    return [c.id for c in fake.channels.values() if c.kind == "external"], list(fake.bridges)


async def settled(service) -> None:
    """The hand-off is requested first; helper channels and bridge are deleted right after."""
    for _ in range(200):
        if not service.app.sessions:
            return
        await asyncio.sleep(0.02)


async def test_dtmf_path(e2e_config, parts, store, fake_options) -> None:
    async with service_with_fake(e2e_config, parts, fake_options=fake_options) as (service, fake):
        call = await fake.place_call(script=[WaitForPrompt(finished=True), WaitForPrompt(), SendDtmf("1")])
        result = await call.wait(timeout_s=20)
        assert result.outcome.kind == "continue"
        assert (result.outcome.context, result.outcome.extension, result.outcome.priority) == \
            ("triage-queues", "rdv", 1)
        assert result.outcome.variables["QUEUE_PRIO"] == "3"
        assert result.variables["TIMEOUT(absolute)"] == "180"
        assert result.prompts[-1].stopped  # the key interrupted the question
        await settled(service)
        assert leftovers(fake) == ([], [])
        assert fake.violations == []
    end = store.end_for(call.channel_id)
    assert (end.outcome, end.queue, end.priority) == ("route", "rdv", 3)
    assert "dtmf" in [e.kind for e in store.events if e.call_id == end.call_id]


async def test_speech_path_real_recognition(e2e_config, parts, store, classifier, korean_wav, fake_options) -> None:
    async with service_with_fake(e2e_config, parts, fake_options=fake_options) as (_service, fake):
        call = await fake.place_call(script=[WaitForPrompt(finished=True), WaitForPrompt(finished=True),
                                             Speak(korean_wav)])
        result = await call.wait(timeout_s=30)
        assert result.outcome.extension == "rdv", result
        assert result.outcome.variables["TRIAGE_INTENT"] == "rdv_prise"
        summary = result.outcome.variables["TRIAGE_SUMMARY"]
        assert "0612345678" not in summary and not any("\uac00" <= ch <= "\ud7a3" for ch in summary)
        latency = result.decision_latency_s
        assert latency is not None and latency < 5.0
    # The recogniser really turned the RTP audio into (Korean) words, and only once.
    assert len(classifier.texts) == 1 and any("\uac00" <= ch <= "\ud7a3" for ch in classifier.texts[0])
    end = store.end_for(call.channel_id)
    assert (end.outcome, end.intent) == ("route", "rdv_prise")
    utterances = [e for e in store.events if e.call_id == end.call_id and e.kind == "utterance"]
    assert utterances[0].data["transcript"] == classifier.texts[0]


async def test_silence_path_asks_again_then_person(e2e_config, parts, store, classifier, fake_options) -> None:
    async with service_with_fake(e2e_config, parts, fake_options=fake_options) as (_service, fake):
        call = await fake.place_call(script=[Silence(20)])
        result = await call.wait(timeout_s=30)
        assert result.outcome.kind == "continue" and result.outcome.extension == "accueil"
        assert len(result.prompts) >= 3  # welcome, question, then the question again
    assert classifier.texts == []
    kinds = [e.kind for e in store.events]
    assert kinds.count("no_input") == 2


async def test_barge_in_by_speech_stops_the_prompt(e2e_config, parts, store, classifier, korean_wav,
                                                   fake_options) -> None:
    async with service_with_fake(e2e_config, parts, fake_options=fake_options) as (_service, fake):
        call = await fake.place_call(script=[WaitForPrompt(), Speak(korean_wav)])
        result = await call.wait(timeout_s=30)
        assert result.prompts[0].stopped, "the caller talked over the welcome: it must stop"
        assert result.speech_started_at[0] < result.prompts[0].finished_at
        assert len(result.prompts) == 1  # the question was skipped: the caller already answered
        assert result.outcome.extension == "rdv"
    assert len(classifier.texts) == 1  # the first words were not lost: one utterance, recognised


async def test_caller_hangs_up_mid_prompt(e2e_config, parts, store, fake_options) -> None:
    async with service_with_fake(e2e_config, parts, fake_options=fake_options) as (service, fake):
        call = await fake.place_call(script=[WaitForPrompt(), HangUp()])
        result = await call.wait(timeout_s=10)
        assert result.outcome.kind == "caller_hangup"
        await settled(service)
        assert leftovers(fake) == ([], []), "externalMedia channel and bridge must be deleted"
    assert store.end_for(call.channel_id).outcome == "abandoned"
