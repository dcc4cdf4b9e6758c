"""Event parsing against real traffic recorded from Asterisk 22.10.1, and the models against the ARI
description."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from pathlib import Path

import pytest

from ari_triage.ari import models
from ari_triage.ari.models import (
    EVENT_CLASSES,
    AriEvent,
    Channel,
    ChannelDtmfReceived,
    MalformedEvent,
    PlaybackFinished,
    StasisStart,
    UnknownEvent,
    parse_event,
)
from ari_triage.ari.spec import ApiSpec

FIXTURES = Path(__file__).parent / "fixtures"


def captured_lines() -> list[dict]:
    # The captures are copied into tests/ari/fixtures so the tests run from a clean clone.
    files = sorted(FIXTURES.glob("*.jsonl"))
    assert files, "tests/ari/fixtures/*.jsonl missing"
    return [json.loads(line) for f in files for line in f.read_text().splitlines() if line.strip()]


def captured_events() -> list[dict]:
    return [line["event"] for line in captured_lines() if line["kind"] == "event"]


def test_every_captured_event_parses_to_its_type_or_unknown():
    events = captured_events()
    assert len(events) > 100
    seen = set()
    for raw in events:
        event = parse_event(json.dumps(raw))
        if raw["type"] in EVENT_CLASSES:
            assert type(event) is EVENT_CLASSES[raw["type"]]
            seen.add(raw["type"])
        else:
            assert isinstance(event, UnknownEvent)
            assert event.data["type"] == raw["type"]
        assert event.application == "ari-triage"
        assert event.timestamp.year == 2026
    # The recorded calls exercise the events a call session depends on.
    assert {"StasisStart", "StasisEnd", "ChannelDtmfReceived", "PlaybackStarted", "PlaybackFinished",
            "ChannelHangupRequest", "ChannelEnteredBridge", "ChannelLeftBridge", "BridgeDestroyed",
            "ChannelVarset", "ChannelDestroyed", "ChannelStateChange"} <= seen


def test_captured_values_are_typed():
    by_type: dict[str, list[AriEvent]] = {}
    for raw in captured_events():
        event = parse_event(raw)
        by_type.setdefault(event.type, []).append(event)
    start = next(e for e in by_type["StasisStart"] if e.args == ("inbound",))
    assert isinstance(start, StasisStart)
    assert start.channel.caller_number == "0612345678"
    assert start.channel.caller_name == "Patient"
    assert start.channel.dialplan.app_name == "Stasis"
    assert start.channel.in_stasis_app("ari-triage")
    assert not start.channel.in_stasis_app("ari")
    dtmf = by_type["ChannelDtmfReceived"][0]
    assert isinstance(dtmf, ChannelDtmfReceived) and dtmf.digit in "12" and dtmf.duration_ms == 100
    finished_states = {e.playback.state for e in by_type["PlaybackFinished"] if isinstance(e, PlaybackFinished)}
    assert finished_states == {"done", "failed"}
    assert by_type["PlaybackFinished"][0].channel_id is not None  # routed to the channel it targets


def test_external_media_answer_exposes_rtp_address():
    rest = next(line for line in captured_lines()
                if line["kind"] == "rest" and line["path"] == "/channels/externalMedia")
    channel = Channel.from_json(rest["body"])
    assert channel.state == "Down"
    assert channel.unicastrtp_local == ("127.0.0.1", int(rest["body"]["channelvars"]["UNICASTRTP_LOCAL_PORT"]))


@pytest.mark.parametrize("mutate", [
    lambda e: e.pop("channel"),
    lambda e: e["channel"].pop("id"),
    lambda e: e["channel"]["caller"].__setitem__("number", 612345678),
    lambda e: e.__setitem__("timestamp", "yesterday"),
    lambda e: e.__setitem__("args", "inbound"),
    lambda e: e["channel"].__setitem__("dialplan", None),
])
def test_malformed_events_raise_without_quoting_values(mutate):
    raw = next(e for e in captured_events() if e["type"] == "StasisStart" and e["args"])
    broken = json.loads(json.dumps(raw))
    mutate(broken)
    with pytest.raises(MalformedEvent) as info:
        parse_event(json.dumps(broken))
    assert "0612345678" not in str(info.value) and "Patient" not in str(info.value)


@pytest.mark.parametrize("text", ["not json", "[]", "{}", '{"type": 3}', '{"type": "StasisEnd"}'])
def test_garbage_is_malformed(text):
    with pytest.raises(MalformedEvent):
        parse_event(text)


def test_models_fit_the_ari_description():
    """Every field we read exists in the Swagger model; every field we require is required there."""
    spec = ApiSpec.load()
    checked = 0
    classes: list[tuple[type, str]] = [(cls, name) for name, cls in EVENT_CLASSES.items()]
    classes += [(models.Channel, "Channel"), (models.Bridge, "Bridge"), (models.Playback, "Playback"),
                (models.CallerId, "CallerID"), (models.DialplanCep, "DialplanCEP")]
    base_fields = {"type"}  # ``type`` lives in Message; application/timestamp in Event
    for cls, model_name in classes:
        props = spec.model_properties(model_name)
        assert props, model_name
        hints = typing.get_type_hints(cls, vars(models))
        for f in dataclasses.fields(cls):
            if f.name in base_fields:
                continue
            assert f.name in props, f"{cls.__name__}.{f.name} is not a property of {model_name}"
            optional = isinstance(hints[f.name], types.UnionType) and type(None) in hints[f.name].__args__
            if not optional and f.name != "channelvars":
                assert props[f.name].get("required"), f"{cls.__name__}.{f.name} is optional in {model_name}"
            checked += 1
    assert checked > 40


def test_unknown_event_keeps_raw_data_but_not_in_repr():
    raw = next(e for e in captured_events() if e["type"] == "Dial")
    event = parse_event(raw)
    assert isinstance(event, UnknownEvent)
    assert "0612345678" not in repr(event)


def test_helper_channels_are_recognised():
    starts = [parse_event(e) for e in captured_events() if e["type"] == "StasisStart"]
    helpers = {s.channel.name.split("/")[0] for s in starts if s.channel.is_helper}
    callers = [s for s in starts if not s.channel.is_helper]
    assert helpers == {"UnicastRTP"}
    assert callers and all(s.args == ("inbound",) for s in callers)
