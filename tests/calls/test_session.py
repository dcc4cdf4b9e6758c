"""The call session's state machine driven through in-process fakes of its ports."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest

from ari_triage.calls.ports import AriFailed, ChannelGone, SpeechFinal, SpeechStarted
from ari_triage.calls.state import CallState, IllegalTransition, check_transition
from ari_triage.config import Config
from tests.calls.fakes import BrokenInterpreter, FakeAri, FakeLookup, make_session


async def wait_state(session, state: CallState, timeout: float = 2.0) -> None:
    async with asyncio.timeout(timeout):
        while session.state is not state:
            await asyncio.sleep(0.002)


async def wait_for(predicate, timeout: float = 2.0) -> None:
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.002)


def fast_config(**ari) -> Config:
    cfg = Config()
    return dataclasses.replace(cfg, ari=dataclasses.replace(cfg.ari, request_timeout_s=0.2, **ari))


def test_illegal_transitions_raise() -> None:
    check_transition(CallState.STARTING, CallState.ANSWERING)
    with pytest.raises(IllegalTransition):
        check_transition(CallState.STARTING, CallState.LISTENING)
    with pytest.raises(IllegalTransition):
        check_transition(CallState.ENDED, CallState.PLAYING)
    with pytest.raises(IllegalTransition):
        check_transition(CallState.HANDING_OFF, CallState.PLAYING)
    check_transition(CallState.HANDING_OFF, CallState.FAILED_OVER)


async def test_speech_path_routes_with_variables_and_tears_down() -> None:
    session, f = make_session()
    task = asyncio.create_task(session.run())
    await wait_state(session, CallState.LISTENING)
    f["audio"].queue.put_nowait(SpeechStarted())
    f["audio"].queue.put_nowait(SpeechFinal("je voudrais un rendez-vous"))
    await asyncio.wait_for(task, 2)
    ari = f["ari"]
    names = ari.names()
    # setup order: answer, safety-net deadline, call id, snoop, externalMedia, bridge, bridged after StasisStarts
    assert names[:7] == ["answer", "set_variable", "set_variable", "snoop", "external_media", "create_bridge",
                         "add_to_bridge"]
    assert ari.requests[1][1] == ("chan-1", "TIMEOUT(absolute)", "180")
    assert ari.requests[6][1] == ("bridge-1", ("snoop-chan-1", "ext-1"))  # the caller itself is not bridged
    cont = [a for n, a in ari.requests if n == "continue"]
    assert cont == [("chan-1", "triage-queues", "rdv", 1)]
    assert ari.variables["TRIAGE_INTENT"] == "rdv_prise"
    assert ari.variables["TRIAGE_URGENCY"] == "normale"
    assert ari.variables["QUEUE_PRIO"] == "5"
    assert ari.variables["TRIAGE_CALL_ID"] == session.call_id
    assert "rendez" not in ari.variables["TRIAGE_SUMMARY"] and "0612" not in ari.variables["TRIAGE_SUMMARY"]
    # the hand-off comes first (the caller is not in our bridge), then the helper channels and bridge go
    i_cont = names.index("continue")
    assert names.index("hangup") > i_cont and names.index("delete_bridge") > i_cont
    assert all(names.index(n) < i_cont for n in ("set_variable",))
    assert ("hangup", ("ext-1",)) in ari.requests and ("hangup", ("snoop-chan-1",)) in ari.requests
    assert f["audio"].closed
    rec = f["recorder"]
    assert len(rec.starts) == 1 and len(rec.ends) == 1
    end = rec.ends[0]
    assert (end.outcome, end.queue, end.priority, end.intent) == ("route", "rdv", 5, "rdv_prise")
    assert session.state is CallState.ENDED
    utter = [e for e in rec.events if e.kind == "utterance"]
    assert utter[0].data["transcript"] == "je voudrais un rendez-vous"
    assert [e.seq for e in rec.events] == list(range(1, len(rec.events) + 1))
    assert f["hooks"].fired[0][0] == "sms" and "hook" in rec.kinds()


async def test_vital_urgency_plays_advice_to_the_end_then_top_priority() -> None:
    ari = FakeAri(prompt_s=0.1)
    session, f = make_session(ari=ari)
    task = asyncio.create_task(session.run())
    await wait_state(session, CallState.LISTENING)
    f["audio"].queue.put_nowait(SpeechFinal("grosse douleur poitrine"))
    await wait_state(session, CallState.PLAYING)
    f["audio"].queue.put_nowait(SpeechStarted())  # speech during the advice must not stop it
    ari.session.on_dtmf("1")
    await asyncio.wait_for(task, 2)
    assert "stop_playback" not in ari.names()
    assert [a[2] for n, a in ari.requests if n == "continue"] == ["urgences"]
    assert ari.variables["QUEUE_PRIO"] == "10"


async def test_barge_in_by_speech_stops_prompt_and_skips_rest_of_question() -> None:
    ari = FakeAri(prompt_s=5.0)
    session, f = make_session(ari=ari)
    task = asyncio.create_task(session.run())
    await wait_state(session, CallState.PLAYING)
    assert f["audio"].armed  # listening during the prompt so the caller can interrupt it
    f["audio"].queue.put_nowait(SpeechStarted())
    await wait_for(lambda: "stop_playback" in ari.names())
    f["audio"].queue.put_nowait(SpeechFinal("un rendez-vous"))
    await asyncio.wait_for(task, 2)
    plays = [a for n, a in ari.requests if n == "play"]
    assert len(plays) == 1  # the second prompt of the question was skipped
    assert "barge_in" in f["recorder"].kinds()
    assert f["recorder"].ends[0].queue == "rdv"


async def test_barge_in_by_dtmf() -> None:
    ari = FakeAri(prompt_s=5.0)
    session, f = make_session(ari=ari)
    task = asyncio.create_task(session.run())
    await wait_state(session, CallState.PLAYING)
    session.on_dtmf("1")
    await asyncio.wait_for(task, 2)
    assert "stop_playback" in ari.names()
    assert [a[2] for n, a in ari.requests if n == "continue"] == ["secretariat"]
    assert f["recorder"].ends[0].outcome == "route"


async def test_silence_gives_no_input_twice_then_default_route() -> None:
    session, f = make_session()
    await asyncio.wait_for(session.run(), 3)
    assert f["recorder"].kinds().count("no_input") == 2
    assert [a[2] for n, a in f["ari"].requests if n == "continue"] == ["accueil"]


async def test_noise_without_words_is_not_an_utterance() -> None:
    session, f = make_session()
    task = asyncio.create_task(session.run())
    await wait_state(session, CallState.LISTENING)
    f["audio"].queue.put_nowait(SpeechStarted())
    f["audio"].queue.put_nowait(SpeechFinal("  "))
    await asyncio.wait_for(task, 3)
    assert "utterance" not in f["recorder"].kinds()
    assert f["recorder"].kinds().count("no_input") == 2


async def test_transfer_and_hangup_and_callback() -> None:
    for digit, expect in (("8", "transfer"), ("9", "hangup"), ("7", "callback")):
        session, f = make_session()
        task = asyncio.create_task(session.run())
        await wait_state(session, CallState.LISTENING)
        session.on_dtmf(digit)
        await asyncio.wait_for(task, 2)
        assert f["recorder"].ends[0].outcome == expect
        ari = f["ari"]
        if expect == "transfer":
            assert [a for n, a in ari.requests if n == "continue"] == [("chan-1", "triage-external", "15", 1)]
        else:
            assert ("hangup", ("chan-1",)) in ari.requests
        if expect == "callback":
            assert f["recorder"].callbacks[0].queue == "secretariat"


async def test_caller_hangs_up_mid_prompt_releases_media_and_records() -> None:
    ari = FakeAri(prompt_s=5.0)
    session, f = make_session(ari=ari)
    task = asyncio.create_task(session.run())
    await wait_state(session, CallState.PLAYING)
    session.on_caller_gone("ChannelHangupRequest")
    await asyncio.wait_for(task, 2)
    names = ari.names()
    assert "continue" not in names
    assert ("hangup", ("ext-1",)) in ari.requests and "delete_bridge" in names
    assert ("hangup", ("snoop-chan-1",)) in ari.requests
    assert f["audio"].closed
    assert f["recorder"].ends[0].outcome == "abandoned"
    assert session.state is CallState.ENDED


async def test_exception_in_interpreter_fails_over_to_default_queue() -> None:
    session, f = make_session(interpreter=BrokenInterpreter())
    task = asyncio.create_task(session.run())
    await wait_state(session, CallState.LISTENING)
    session.on_dtmf("1")
    await asyncio.wait_for(task, 2)
    assert [a[2] for n, a in f["ari"].requests if n == "continue"] == ["accueil"]
    end = f["recorder"].ends[0]
    assert end.outcome == "failed_over" and "interpreter bug" in end.reason


async def test_ari_error_during_setup_fails_over() -> None:
    ari = FakeAri()
    ari.fail["create_bridge"] = AriFailed("boom", status=500)
    session, f = make_session(ari=ari)
    await asyncio.wait_for(session.run(), 2)
    assert [a[2] for n, a in ari.requests if n == "continue"] == ["accueil"]
    assert ("hangup", ("ext-1",)) in ari.requests  # the half-built media is released
    assert f["recorder"].ends[0].outcome == "failed_over"


async def test_ari_timeout_fails_over() -> None:
    ari = FakeAri()
    ari.hang.add("play")
    session, f = make_session(fast_config(), ari=ari)
    await asyncio.wait_for(session.run(), 3)
    assert [a[2] for n, a in ari.requests if n == "continue"] == ["accueil"]
    end = f["recorder"].ends[0]
    assert end.outcome == "failed_over" and "Timeout" in end.reason


async def test_when_even_failover_fails_the_record_is_still_written() -> None:
    ari = FakeAri()
    ari.fail["create_bridge"] = AriFailed("boom", status=500)
    ari.fail["continue"] = AriFailed("asterisk gone", status=None)
    session, f = make_session(ari=ari)
    await asyncio.wait_for(session.run(), 2)
    end = f["recorder"].ends[0]
    assert end.outcome == "failed_over" and "hand-off failed too" in end.reason


async def test_channel_gone_during_failover_counts_as_abandoned() -> None:
    ari = FakeAri()
    ari.fail["answer"] = ChannelGone("Channel not found", status=404)
    ari.fail["set_variable"] = ChannelGone("Channel not found", status=404)
    session, f = make_session(ari=ari)
    await asyncio.wait_for(session.run(), 2)
    assert f["recorder"].ends[0].outcome == "abandoned"


async def test_externalmedia_422_is_retried() -> None:
    ari = FakeAri()
    ari.add_422_times = 2
    session, f = make_session(ari=ari)
    task = asyncio.create_task(session.run())
    await wait_state(session, CallState.LISTENING)
    session.on_dtmf("1")
    await asyncio.wait_for(task, 2)
    assert ari.names().count("add_to_bridge") == 3
    assert f["recorder"].ends[0].outcome == "route"


async def test_slow_caller_lookup_does_not_block_the_call() -> None:
    session, f = make_session(fast_config(), lookup=FakeLookup(slow=True))
    task = asyncio.create_task(session.run())
    await wait_state(session, CallState.LISTENING, timeout=3)
    session.on_dtmf("1")
    await asyncio.wait_for(task, 2)
    assert f["recorder"].ends[0].outcome == "route"


async def test_hand_over_on_shutdown_goes_to_default_queue() -> None:
    session, f = make_session()
    task = asyncio.create_task(session.run())
    await wait_state(session, CallState.LISTENING)
    session.hand_over("service stopping")
    await asyncio.wait_for(task, 2)
    assert [a[2] for n, a in f["ari"].requests if n == "continue"] == ["accueil"]
    end = f["recorder"].ends[0]
    assert end.outcome == "failed_over" and end.reason == "service stopping"


async def test_stasis_end_racing_the_continue_answer_keeps_the_route() -> None:
    ari = FakeAri()
    session, f = make_session(ari=ari)
    orig = ari.continue_in_dialplan

    async def continue_then_stasis_end(*args):
        session.on_caller_gone("StasisEnd")  # the event overtakes the HTTP answer
        await asyncio.sleep(0.01)
        await orig(*args)
    ari.continue_in_dialplan = continue_then_stasis_end
    task = asyncio.create_task(session.run())
    await wait_state(session, CallState.LISTENING)
    session.on_dtmf("1")
    await asyncio.wait_for(task, 2)
    assert f["recorder"].ends[0].outcome == "route"


async def test_deadline_is_refreshed_during_long_calls() -> None:
    session, f = make_session(fast_config(stasis_deadline_s=0))
    task = asyncio.create_task(session.run())
    await wait_state(session, CallState.LISTENING)
    session.on_dtmf("1")
    await asyncio.wait_for(task, 2)
    sets = [a for n, a in f["ari"].requests if n == "set_variable" and a[1] == "TIMEOUT(absolute)"]
    assert len(sets) >= 2


async def test_service_cancel_still_tears_down_and_records() -> None:
    session, f = make_session()
    task = asyncio.create_task(session.run())
    await wait_state(session, CallState.LISTENING)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert len(f["recorder"].ends) == 1 and f["audio"].closed


async def test_failure_during_a_prompt_stops_it_before_the_hand_off() -> None:
    """Asterisk holds channel commands behind a playing prompt: the fail-over must stop it first."""
    ari = FakeAri(prompt_s=5.0)
    ari.fail["stop_playback"] = ChannelGone("Playback not found", status=404)
    session, _f = make_session(ari=ari)
    task = asyncio.create_task(session.run())
    await wait_state(session, CallState.PLAYING)
    session.hand_over("service stopping")
    await asyncio.wait_for(task, 2)
    names = ari.names()
    assert names.index("stop_playback") < names.index("continue")


async def test_a_hand_over_that_arrives_as_a_request_completes_is_not_lost() -> None:
    """Python 3.11's asyncio.wait_for drops a cancel that arrives in the loop turn where the awaited request
    completes: the session must still hand the caller over, not play on."""
    ari = FakeAri(prompt_s=5.0)
    session, _f = make_session(ari=ari)
    play = ari.play

    async def play_then_hand_over(channel_id: str, media_uri: str, playback_id: str) -> None:
        await play(channel_id, media_uri, playback_id)
        session.hand_over("service stopping")  # the request completes in this very turn

    ari.play = play_then_hand_over  # type: ignore[method-assign]
    await asyncio.wait_for(session.run(), 2)
    assert "continue" in ari.names()
    assert session.outcome == "failed_over"


async def test_hand_over_before_the_flow_starts_still_hands_over() -> None:
    session, f = make_session()
    session.hand_over("service stopping")
    await asyncio.wait_for(session.run(), 2)
    assert [a[2] for n, a in f["ari"].requests if n == "continue"] == ["accueil"]
    assert f["recorder"].ends[0].outcome == "failed_over"
