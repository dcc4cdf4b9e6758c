"""The Stasis application: routes typed ARI events to the call sessions it owns, reconciles after every
(re)connection, hands callers over on shutdown, and keeps the active decision tree fresh.

There is no module-level state: one StasisApp instance owns its sessions and their tasks."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ari_triage.ari import (
    ApplicationReplaced,
    AriEvent,
    ChannelDestroyed,
    ChannelDtmfReceived,
    ChannelHangupRequest,
    PlaybackFinished,
    StasisEnd,
    StasisStart,
)
from ari_triage.calls.handoff import handoff_variables, sanitise
from ari_triage.calls.ports import AriFailed, ChannelGone, StasisChannel
from ari_triage.calls.session import CallDeps, CallSession
from ari_triage.config import Config
from ari_triage.errors import TriageError
from ari_triage.store.records import CallEnd, CallStart

log = logging.getLogger("ari_triage.calls.app")

SHUTDOWN_GRACE_S = 10.0
HELPER_NAME_PREFIXES = ("UnicastRTP/", "Snoop/")  # our externalMedia and snoop channels


def is_helper_channel(name: str, args: tuple[str, ...] = ()) -> bool:
    return name.startswith(HELPER_NAME_PREFIXES) or tuple(args) == ("snoop",)


def mask_number(number: str | None) -> str:
    """Logs never carry full caller numbers."""
    if not number:
        return "hidden"
    return "*" * max(0, len(number) - 2) + number[-2:]


# ---------------------------------------------------------------- tree hot reload


@dataclass(frozen=True)
class LoadedTree:
    tree: Any
    name: str
    signature: tuple


class TreeHolder:
    """The active tree, reloaded when its files change; an invalid new version is refused (logged) and the
    last good one kept. New calls use the newest good tree; running calls keep the one they started with."""

    def __init__(self, config: Config, load: Callable[[Path, Config], Any]):
        self.config = config
        self._load = load
        self.current: LoadedTree | None = None
        self._refused: tuple | None = None
        self.reloads = 0

    def _watched(self) -> list[Path]:
        paths = sorted(self.config.tree.dir.glob("*.yaml")) + sorted(self.config.tree.dir.glob("*.yml"))
        ann = self.config.tree.announcements
        ann = ann if ann.is_absolute() else self.config.tree.dir / ann
        if ann not in paths:
            paths.append(ann)
        if self.config.tree_path not in paths:
            paths.append(self.config.tree_path)
        return paths

    def signature(self) -> tuple:
        sig = []
        for path in self._watched():
            try:
                st = path.stat()
                sig.append((str(path), st.st_mtime_ns, st.st_size))
            except OSError:
                sig.append((str(path), None, None))
        return tuple(sig)

    def load_initial(self) -> LoadedTree:
        """At start-up an invalid tree is fatal (raises TriageError with file:line)."""
        sig = self.signature()
        tree = self._load(self.config.tree_path, self.config)
        self.current = LoadedTree(tree, self.config.tree.active, sig)
        return self.current

    def check(self) -> bool:
        """Reload if the files changed. Returns True when a new tree was installed."""
        sig = self.signature()
        if self.current is not None and sig == self.current.signature:
            return False
        if sig == self._refused:
            return False
        try:
            tree = self._load(self.config.tree_path, self.config)
        except TriageError as exc:
            self._refused = sig
            log.error("tree %s changed but is invalid; still using the last good version: %s",
                      self.config.tree_path, exc)
            return False
        self.current = LoadedTree(tree, self.config.tree.active, sig)
        self._refused = None
        self.reloads += 1
        log.info("tree %s reloaded; new calls use the new version", self.config.tree_path)
        return True

    async def watch(self) -> None:
        while True:
            await asyncio.sleep(self.config.tree.reload_check_s)
            try:
                await asyncio.to_thread(self.check)
            except Exception:  # an unexpected loader failure must not stop the service
                log.exception("tree reload check failed; keeping the current tree")


# ---------------------------------------------------------------- the application


class StasisApp:
    def __init__(self, config: Config, deps: CallDeps, trees: TreeHolder, *, instance: str | None = None):
        self.config = config
        self.trees = trees
        self.instance = instance or os.uname().nodename
        self.deps = replace(deps, external_started=self._external_seen, on_external_channel=self._claim_external,
                            instance=self.instance)
        self.sessions: dict[str, CallSession] = {}  # caller channel id -> session
        self._externals: dict[str, CallSession] = {}  # helper (externalMedia, snoop) channel id -> its session
        self._external_started: set[str] = set()  # helper StasisStarts seen (maybe before the claim)
        self._tasks: set[asyncio.Task[Any]] = set()
        self.accepting = True
        self.completed: list[CallSession] = []  # finished sessions, newest last (bounded; tests/demo read it)
        self.on_session_end: Callable[[CallSession], None] | None = None

    # ------------------------------------------------------------ events

    async def handle(self, event: AriEvent) -> None:
        """Route one typed ARI event. Never raises for a bad event: it is logged and ignored."""
        try:
            self._dispatch(event)
        except Exception:
            log.exception("could not handle ARI event %s; ignored", getattr(event, "type", type(event).__name__))

    def _dispatch(self, event: AriEvent) -> None:
        if isinstance(event, StasisStart):
            self._on_stasis_start(event)
        elif isinstance(event, ChannelDtmfReceived):
            session = self.sessions.get(event.channel.id)
            if session is not None:
                session.on_dtmf(event.digit)
        elif isinstance(event, PlaybackFinished):
            session = self.sessions.get(event.playback.channel_id or "")
            if session is not None:
                session.on_playback_finished(event.playback.id, event.playback.state)
        elif isinstance(event, StasisEnd | ChannelDestroyed | ChannelHangupRequest):
            channel_id = event.channel.id
            self._external_started.discard(channel_id)
            if self._externals.pop(channel_id, None) is not None:
                return
            session = self.sessions.get(channel_id)
            if session is not None:
                session.on_caller_gone(event.type)
        elif isinstance(event, ApplicationReplaced):
            log.error("another program registered the Stasis application %r: this instance no longer gets "
                      "new calls (two ari-triage services on one Asterisk?)", self.config.ari.app)

    def _on_stasis_start(self, event: StasisStart) -> None:
        channel = event.channel
        if is_helper_channel(channel.name, tuple(event.args)) or channel.id in self._externals:
            self._external_started.add(channel.id)
            session = self._externals.get(channel.id)
            if session is not None:
                session.on_external_started(channel.id)
            return
        if channel.id in self.sessions:
            return  # duplicate delivery
        caller = channel.caller_number or None
        if not self.accepting:
            log.info("not taking new calls (stopping): channel %s goes to the default queue", channel.id)
            self._spawn(self._hand_orphan(channel.id, caller, "service stopping"), f"orphan-{channel.id}")
            return
        loaded = self.trees.current
        assert loaded is not None, "load_initial() must run before calls arrive"
        session = CallSession(self.deps, channel_id=channel.id, caller=caller, tree=loaded.tree,
                              tree_name=loaded.name)
        self.sessions[channel.id] = session
        log.info("[%s] incoming call on %s from %s", session.call_id, channel.id, mask_number(caller))
        self._spawn(self._run_session(session), f"call-{session.call_id}")

    async def _run_session(self, session: CallSession) -> None:
        try:
            await session.run()
        finally:
            self.sessions.pop(session.channel_id, None)
            for ext_id in [k for k, v in self._externals.items() if v is session]:
                self._externals.pop(ext_id, None)
                self._external_started.discard(ext_id)
            self.completed.append(session)
            del self.completed[:-1000]
            if self.on_session_end is not None:
                self.on_session_end(session)

    def _external_seen(self, channel_id: str) -> bool:
        return channel_id in self._external_started

    def _claim_external(self, channel_id: str, session: CallSession) -> None:
        self._externals[channel_id] = session

    # ------------------------------------------------------------ reconnect / reconcile

    async def reconcile(self) -> None:
        """After every (re)connection: events may have been lost while the socket was down."""
        try:
            channels = await asyncio.wait_for(self.deps.ari.list_channels(), self.config.ari.request_timeout_s + 1)
        except (AriFailed, TimeoutError) as exc:
            log.warning("reconcile: could not list channels: %s", exc)
            return
        live = {c.channel_id: c for c in channels}
        for session in list(self.sessions.values()):
            if session.channel_id not in live:
                session.on_caller_gone("channel vanished while the ARI connection was down")
            else:
                session.on_reconnected()
        self._spawn(self._delete_orphan_bridges(), "orphan-bridges")
        for channel in channels:
            if not channel.in_stasis_app(self.config.ari.app):
                continue
            if channel.channel_id in self.sessions or channel.channel_id in self._externals:
                continue
            if is_helper_channel(channel.name):
                # Left over from a previous run of ours: nothing will ever use it.
                self._spawn(self._delete_orphan_external(channel), f"orphan-ext-{channel.channel_id}")
                continue
            log.warning("reconcile: channel %s is in Stasis without a session: default queue",
                        channel.channel_id)
            self._spawn(self._hand_orphan(channel.channel_id, channel.caller, "no session after reconnect/restart"),
                        f"orphan-{channel.channel_id}")

    async def _delete_orphan_bridges(self) -> None:
        """Bridges named by our sessions (``<app>-c-<call id>``) that no live session owns: left by a previous
        run that died (Asterisk never deletes them). Bridges of other applications are never touched."""
        prefix = f"{self.config.ari.app}-c-"
        timeout = self.config.ari.request_timeout_s + 1
        try:
            bridges = await asyncio.wait_for(self.deps.ari.list_bridges(), timeout)
        except (AriFailed, TimeoutError) as exc:
            log.warning("reconcile: could not list bridges: %s", exc)
            return
        live = {s.bridge_id for s in self.sessions.values()}
        live_names = {f"{self.config.ari.app}-{s.call_id}" for s in self.sessions.values()}
        for bridge_id, name in bridges:
            if name.startswith(prefix) and bridge_id not in live and name not in live_names:
                log.info("reconcile: deleting bridge %s left by a previous run", bridge_id)
                with contextlib.suppress(AriFailed, TimeoutError):
                    await asyncio.wait_for(self.deps.ari.delete_bridge(bridge_id), timeout)

    async def _delete_orphan_external(self, channel: StasisChannel) -> None:
        with contextlib.suppress(AriFailed, TimeoutError):
            await asyncio.wait_for(self.deps.ari.hangup(channel.channel_id), self.config.ari.request_timeout_s + 1)

    async def _hand_orphan(self, channel_id: str, caller: str | None, reason: str) -> None:
        """A caller in our application that no session owns: straight to the default queue, recorded."""
        cfg = self.config
        call_id = f"c-{uuid.uuid4().hex[:12]}"
        now = self.deps.now()
        self.deps.recorder.call_started(CallStart(call_id=call_id, channel_id=channel_id, started_at=now,
                                                  caller=caller, tree="", instance=self.instance))
        outcome = "failed_over"
        try:
            variables = handoff_variables(call_id=call_id, intent=None, urgency=None,
                                          summary_text=sanitise(f"raison:{reason}"), priority=0)
            for name, value in variables.items():
                await asyncio.wait_for(self.deps.ari.set_variable(channel_id, name, value),
                                       cfg.ari.request_timeout_s + 0.5)
            await asyncio.wait_for(self.deps.ari.continue_in_dialplan(channel_id, cfg.queues.context,
                                                                      cfg.queues.default, 1),
                                   cfg.ari.request_timeout_s + 0.5)
        except ChannelGone:
            outcome = "abandoned"
        except (AriFailed, TimeoutError) as exc:
            reason = f"{reason}; hand-off failed: {exc}"
        self.deps.recorder.call_ended(CallEnd(call_id=call_id, ended_at=self.deps.now(), outcome=outcome,
                                              queue=cfg.queues.default if outcome == "failed_over" else None,
                                              priority=0, reason=reason[:300]))

    # ------------------------------------------------------------ lifecycle

    def _spawn(self, coro: Any, name: str) -> asyncio.Task[Any]:
        task = asyncio.create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def shutdown(self, grace_s: float = SHUTDOWN_GRACE_S) -> None:
        """Stop taking calls, hand every active caller to the default queue, wait for the records."""
        self.accepting = False
        for session in list(self.sessions.values()):
            session.hand_over("service stopping")
        if self._tasks:
            _, pending = await asyncio.wait(set(self._tasks), timeout=grace_s)
            for task in pending:
                task.cancel()
            if pending:
                await asyncio.wait(pending, timeout=2.0)
