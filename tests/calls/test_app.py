"""The Stasis application: event routing, reconciliation, shutdown hand-over, tree hot reload."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from pathlib import Path

from ari_triage.ari import parse_event
from ari_triage.calls.app import StasisApp, TreeHolder, mask_number
from ari_triage.calls.ports import StasisChannel
from ari_triage.calls.session import CallDeps
from ari_triage.config import Config
from ari_triage.errors import TriageError
from tests.calls.fakes import (
    FakeAri,
    FakeHooks,
    FakeLookup,
    FakeMedia,
    FakePrompts,
    KeywordClassifier,
    MemoryRecorder,
    ScriptedInterpreter,
)


def channel(cid: str, name: str | None = None, number: str = "0612345678") -> dict:
    return {"id": cid, "name": name or f"PJSIP/trunk-{cid}", "state": "Up", "protocol_id": "",
            "caller": {"name": "Patient", "number": number}, "connected": {"name": "", "number": ""},
            "accountcode": "", "dialplan": {"context": "triage-inbound", "exten": "s", "priority": 2,
                                            "app_name": "Stasis", "app_data": "ari-triage,inbound"},
            "creationtime": "2026-11-28T20:06:49.077+0000", "language": "fr"}


def ev(kind: str, **fields) -> object:
    return parse_event({"type": kind, "timestamp": "2026-11-28T20:06:49.077+0000", "application": "ari-triage",
                        "asterisk_id": "02:fc:00:00:00:01", **fields})


class AppAri(FakeAri):
    """FakeAri that routes playback completion through the app, as the real event stream would."""

    def __init__(self) -> None:
        super().__init__()
        self.app: StasisApp | None = None

    async def play(self, channel_id, media_uri, playback_id):
        await self._req("play", channel_id, media_uri, playback_id)

        async def finish():
            await asyncio.sleep(self.prompt_s)
            await self.app.handle(ev("PlaybackFinished", playback={
                "id": playback_id, "media_uri": media_uri, "target_uri": f"channel:{channel_id}",
                "language": "fr", "state": "done"}))
        self.playing[playback_id] = asyncio.create_task(finish())

    async def snoop(self, channel_id, *, app):
        cid = await super().snoop(channel_id, app=app)

        async def started():
            await asyncio.sleep(0.005)
            await self.app.handle(ev("StasisStart", args=["snoop"], channel=channel(cid, f"Snoop/{channel_id}-1")))
        self.playing[f"snoop-{cid}"] = asyncio.create_task(started())
        return cid

    async def external_media(self, *, app, external_host, format):
        result = await super().external_media(app=app, external_host=external_host, format=format)
        cid = result.channel_id

        async def started():
            await asyncio.sleep(0.005)
            await self.app.handle(ev("StasisStart", args=[], channel=channel(cid, f"UnicastRTP/{external_host}-0x1")))
        self.playing[f"ext-{cid}"] = asyncio.create_task(started())
        return result


def make_app(tmp_path: Path | None = None, tree_loader=None) -> tuple[StasisApp, AppAri, MemoryRecorder]:
    ari = AppAri()
    ari.session = None
    recorder = MemoryRecorder()
    config = Config()
    if tmp_path is not None:
        config = dataclasses.replace(config, tree=dataclasses.replace(config.tree, dir=tmp_path, active="t.yaml",
                                                                      reload_check_s=0.05))
    deps = CallDeps(config=config, ari=ari, media=FakeMedia(), prompts=FakePrompts(), classifier=KeywordClassifier(),
                    recorder=recorder, lookup=FakeLookup(), interpreter=ScriptedInterpreter(), hooks=FakeHooks())
    trees = TreeHolder(config, tree_loader or (lambda path, cfg: "tree"))
    trees.load_initial()
    app = StasisApp(config, deps, trees, instance="test")
    ari.app = app
    return app, ari, recorder


async def until(predicate, timeout=2.0):
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.005)


async def test_routes_events_to_the_right_session_and_ignores_external_media() -> None:
    app, ari, rec = make_app()
    await app.handle(ev("StasisStart", args=["inbound"], channel=channel("c1")))
    await app.handle(ev("StasisStart", args=["inbound"], channel=channel("c2", number="0600000002")))
    await until(lambda: all(s.state == "listening" for s in app.sessions.values()) and len(app.sessions) == 2)
    assert set(app.sessions) == {"c1", "c2"}  # externalMedia channels got no session of their own
    assert len(app._externals) == 4  # each call's snoop and externalMedia channels
    await app.handle(ev("ChannelDtmfReceived", digit="1", duration_ms=100, channel=channel("c1")))
    await until(lambda: "c1" not in app.sessions)
    await app.handle(ev("StasisEnd", channel=channel("c2")))  # c2 hangs up
    await until(lambda: not app.sessions)
    ends = {e.call_id: e for e in rec.ends}
    outcomes = sorted(e.outcome for e in ends.values())
    assert outcomes == ["abandoned", "route"]
    conts = [a for n, a in ari.requests if n == "continue"]
    assert conts == [("c1", "triage-queues", "secretariat", 1)]
    assert not app._externals  # no leftovers


async def test_unknown_and_malformed_events_are_ignored() -> None:
    app, _, _ = make_app()
    await app.handle(ev("ChannelDialplan", dialplan_app="NoOp", dialplan_app_data="", channel=channel("x")))
    await app.handle(ev("ChannelDtmfReceived", digit="1", duration_ms=100, channel=channel("nobody")))
    assert not app.sessions


async def test_reconcile_closes_vanished_calls_and_hands_over_orphans() -> None:
    app, ari, rec = make_app()
    await app.handle(ev("StasisStart", args=["inbound"], channel=channel("c1")))
    await until(lambda: app.sessions and app.sessions["c1"].state == "listening")
    ari.channels = [
        StasisChannel("orphan", "PJSIP/trunk-9", "Up", "Stasis", "ari-triage,inbound", "0611111111"),
        StasisChannel("old-ext", "UnicastRTP/127.0.0.1:40001-0x2", "Up", "Stasis", "ari-triage", None),
        StasisChannel("other", "PJSIP/x", "Up", "Queue", "accueil", None),
    ]
    ari.bridges = [("old-bridge", "ari-triage-c-0123456789ab"), ("theirs", "conference-7")]
    await app.reconcile()  # c1 is not listed: it vanished while we were disconnected
    await until(lambda: not app.sessions and not app._tasks)
    assert ("delete_bridge", ("old-bridge",)) in ari.requests  # left by a dead run of ours
    assert ("delete_bridge", ("theirs",)) not in ari.requests  # not ours: untouched
    assert ("continue", ("orphan", "triage-queues", "accueil", 1)) in ari.requests
    assert ("hangup", ("old-ext",)) in ari.requests
    assert not any(a[0] == "other" for n, a in ari.requests if n == "continue")
    by_outcome = sorted(e.outcome for e in rec.ends)
    assert by_outcome == ["abandoned", "failed_over"]
    orphan_start = [s for s in rec.starts if s.channel_id == "orphan"]
    assert orphan_start and orphan_start[0].caller == "0611111111"


async def test_shutdown_hands_active_calls_over_and_refuses_new_ones() -> None:
    app, ari, rec = make_app()
    await app.handle(ev("StasisStart", args=["inbound"], channel=channel("c1")))
    await until(lambda: app.sessions and app.sessions["c1"].state == "listening")
    stopping = asyncio.create_task(app.shutdown())
    await asyncio.sleep(0)
    await app.handle(ev("StasisStart", args=["inbound"], channel=channel("late")))
    await asyncio.wait_for(stopping, 3)
    conts = sorted(a[0] for n, a in ari.requests if n == "continue" and a[2] == "accueil")
    assert conts == ["c1", "late"]
    assert sorted(e.outcome for e in rec.ends) == ["failed_over", "failed_over"]


async def test_tree_hot_reload_keeps_last_good(tmp_path: Path, caplog) -> None:
    tree_file = tmp_path / "t.yaml"
    tree_file.write_text("version: 1\n")

    def loader(path, cfg):
        text = Path(path).read_text()
        if "broken" in text:
            raise TriageError("bad node", hint="fix it")
        return text

    app, _, _ = make_app(tmp_path, loader)
    holder = app.trees
    assert holder.current.tree == "version: 1\n"
    tree_file.write_text("version: 2\n")
    assert holder.check() is True and holder.current.tree == "version: 2\n"
    tree_file.write_text("version: broken!!\n")
    with caplog.at_level(logging.ERROR):
        assert holder.check() is False
        assert holder.check() is False  # refused once, not re-logged every poll
    assert holder.current.tree == "version: 2\n"
    assert sum("invalid" in r.getMessage() for r in caplog.records) == 1
    # New calls start with the good tree
    watch = asyncio.create_task(holder.watch())
    tree_file.write_text("version: 3 fixed\n")
    await until(lambda: holder.current.tree == "version: 3 fixed\n")
    watch.cancel()
    await app.handle(ev("StasisStart", args=["inbound"], channel=channel("c9")))
    assert app.sessions["c9"].tree == "version: 3 fixed\n"
    app.sessions["c9"].hand_over("test end")
    await until(lambda: not app.sessions)


def test_mask_number() -> None:
    assert mask_number("0612345678") == "********78"
    assert mask_number(None) == "hidden"
