"""The validator of REST requests and events against the ARI description."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ari_triage.ari.spec import ApiSpec

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def spec() -> ApiSpec:
    return ApiSpec.load()


def test_recorded_traffic_fits_the_description(spec):
    lines = [json.loads(line) for f in sorted(FIXTURES.glob("*.jsonl")) for line in f.read_text().splitlines()]
    rest = [line for line in lines if line["kind"] == "rest"]
    events = [line["event"] for line in lines if line["kind"] == "event"]
    assert rest and events
    for line in rest:
        check = spec.check_request(line["method"], line["path"], {k: str(v) for k, v in line["params"].items()})
        assert check.ok, check.problems
    for event in events:
        assert spec.check_event(event) == []


def test_most_literal_path_wins(spec):
    op, params = spec.find("POST", "/channels/externalMedia")
    assert op.nickname == "externalMedia" and params == {}
    op, params = spec.find("POST", "/channels/1795896409.6/play")
    assert op.nickname == "play" and params == {"channelId": "1795896409.6"}


@pytest.mark.parametrize(("method", "path", "params", "status", "fragment"), [
    ("POST", "/channels/1.1/variable", {"value": "x"}, 400, "required parameter 'variable'"),
    ("POST", "/channels/1.1/variable", {"variable": "A", "valeur": "x"}, 400, "unknown query parameter 'valeur'"),
    ("POST", "/channels/1.1/continue", {"priority": "one"}, 400, "not a valid int"),
    ("POST", "/bridges/b1/addChannel", {"channel": "1.1", "absorbDTMF": "maybe"}, 400, "not a valid boolean"),
    ("POST", "/channels/1.1/snoop", {"app": "a", "spy": "sideways"}, 400, "must be one of"),
    ("POST", "/channels/1.1/teleport", {}, 404, "no such resource"),
    ("PUT", "/channels/1.1", {}, 405, "method not allowed"),
])
def test_bad_requests_are_flagged(spec, method, path, params, status, fragment):
    check = spec.check_request(method, path, params)
    assert not check.ok
    assert check.status == status
    assert any(fragment in p for p in check.problems), check.problems


def test_event_checks(spec):
    good = {"type": "StasisEnd", "timestamp": "2026-11-28T20:06:54.762+0000", "application": "a",
            "channel": {"id": "1.1", "name": "PJSIP/x", "state": "Up", "protocol_id": "",
                        "caller": {"name": "", "number": ""}, "connected": {"name": "", "number": ""},
                        "accountcode": "", "dialplan": {"context": "c", "exten": "s", "priority": 1,
                                                        "app_name": "Stasis", "app_data": "a"},
                        "creationtime": "2026-11-28T20:06:54.762+0000", "language": "fr"}}
    assert spec.check_event(good) == []
    bad_state = json.loads(json.dumps(good))
    bad_state["channel"]["state"] = "Dancing"
    assert any("allowed values" in p for p in spec.check_event(bad_state))
    no_channel = {k: v for k, v in good.items() if k != "channel"}
    assert any("'channel' is missing" in p for p in spec.check_event(no_channel))
    bad_date = dict(good, timestamp="2026-11-28 20:06:54")
    assert any("ARI date" in p for p in spec.check_event(bad_date))
    assert spec.check_event(dict(good, type="Channel")) != []  # a model, not an event
    assert any("not in the ARI description" in p for p in spec.check_event(dict(good, extra=1)))


def test_recorded_answers_fit_their_response_class(spec):
    lines = [json.loads(line) for f in sorted(FIXTURES.glob("*.jsonl")) for line in f.read_text().splitlines()]
    checked = 0
    for line in lines:
        if line["kind"] != "rest" or line["status"] >= 300:
            continue
        op, _ = spec.find(line["method"], line["path"])
        body = line["body"] if line["body"] != "" else None
        assert spec.check_response(op, line["status"], body) == [], line["path"]
        checked += 1
    assert checked > 20
    op, _ = spec.find("POST", "/bridges")
    assert spec.check_response(op, 200, {"id": "x"}) != []
    op, _ = spec.find("POST", "/channels/1.1/answer")
    assert spec.check_response(op, 204, {"unexpected": 1}) != []
