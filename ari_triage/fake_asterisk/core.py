"""FakeAsterisk: ARI REST + WebSocket + externalMedia RTP on 127.0.0.1, behaving as recorded from
Asterisk 22.10.1 (see /work/shared/asterisk/README.md and docs/ari.md).

Every REST request is validated against the ARI description; one that does not fit gets the status
Asterisk would give (400/404/405) and is recorded in :attr:`FakeAsterisk.violations` (tests assert that
list is empty). Every event the fake emits is validated too.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import inspect
import itertools
import json
import logging
import random
import re
import socket
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ari_triage.ari.spec import ApiSpec
from ari_triage.fake_asterisk.audio import (
    FORMATS,
    MOUTH_FRAME_SAMPLES,
    wav_duration_s,
)
from ari_triage.fake_asterisk.call import FakeCall
from ari_triage.fake_asterisk.http import HttpRequest, HttpResponse, HttpServer, WebSocketPeer
from ari_triage.fake_asterisk.script import (
    CallResult,
    Outcome,
    PromptRecord,
    Step,
)
from ari_triage.fake_asterisk.state import (
    AriRefusal,
    ExternalMedia,
    FakeBridge,
    FakeChannel,
    FakePlayback,
    RtpReceiver,
    Rule,
    ari_timestamp,
)

log = logging.getLogger(__name__)

ASTERISK_ID = "02:fc:00:00:00:01"
NOT_IN_STASIS = "Channel not in Stasis application"
_SOUND_EXTENSIONS = {".wav": None, ".sln16": 32000, ".sln": 16000, ".ulaw": 8000, ".alaw": 8000, ".gsm": 1650}


# --- the server ----------------------------------------------------------------------------------------


class FakeAsterisk:
    """See docs/ari.md. All times are ``loop.time()``; ``speed`` > 1 makes the fake's own clocks
    (RTP pacing, prompt durations, silences, TIMEOUT) run faster for tests (default: real time)."""

    def __init__(self, *, app: str = "ari-triage", username: str = "ari-triage", password: str = "fake-secret",
                 host: str = "127.0.0.1", port: int = 0, sounds_dir: str | Path | None = None,
                 default_playback_s: float = 0.5, missing_sound_fails: bool = False, speed: float = 1.0,
                 entry_context: str = "triage-entry", queues_context: str = "triage-queues",
                 timeout_queue: str = "accueil", stasis_entry_delay_s: float = 0.004,
                 queue_log_path: str | Path | None = None, spec: ApiSpec | None = None,
                 suspend_bridged_playback: bool = True):
        if not host.startswith("127."):
            raise ValueError("the fake Asterisk only listens on loopback (127.0.0.0/8)")
        self.app = app
        self.username = username
        self.password = password
        self.host = host
        self._port = port
        self.sounds_dir = Path(sounds_dir) if sounds_dir else None
        self.default_playback_s = default_playback_s
        self.missing_sound_fails = missing_sound_fails
        self.speed = speed
        self.entry_context = entry_context
        self.queues_context = queues_context
        self.timeout_queue = timeout_queue
        self.stasis_entry_delay_s = stasis_entry_delay_s
        self.suspend_bridged_playback = suspend_bridged_playback
        self.queue_log_path = Path(queue_log_path) if queue_log_path else None
        self.spec = spec or ApiSpec.load()
        self.violations: list[str] = []
        self.unsupported: list[str] = []
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.queue_log: list[str] = []
        self.channels: dict[str, FakeChannel] = {}
        self.bridges: dict[str, FakeBridge] = {}
        self.playbacks: dict[str, FakePlayback] = {}
        self.calls: list[FakeCall] = []
        self.accept_websockets = True
        self.ws_connections = 0
        self._peers: dict[str, WebSocketPeer] = {}  # app -> its current WebSocket
        self._ws_changed = asyncio.Event()
        self._rules: list[Rule] = []
        self._ids = itertools.count(1)
        self._id_base = int(time.time())
        self._tasks: set[asyncio.Task[Any]] = set()
        self._clock: asyncio.Task[None] | None = None
        self._live_calls: dict[str, FakeCall] = {}
        self._server = HttpServer(self._rest, self._authorize_ws, self._websocket)
        self._routes = self._build_routes()

    # --- lifecycle -----------------------------------------------------------------------------------

    async def start(self) -> FakeAsterisk:
        await self._server.start(self.host, self._port)
        self._clock = asyncio.create_task(self._media_clock(), name="fake-media-clock")
        log.info("fake Asterisk listening on %s", self.url)
        return self

    async def close(self) -> None:
        if self._clock is not None:
            self._clock.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._clock
            self._clock = None
        for call in self.calls:
            await call.cancel()
        for task in list(self._tasks):
            task.cancel()
        for peer in list(self._peers.values()):
            peer.close()
        for channel in self.channels.values():
            self._close_media(channel)
            if channel.deadline:
                channel.deadline.cancel()
        await self._server.close()

    async def __aenter__(self) -> FakeAsterisk:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def port(self) -> int:
        return self._server.port

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def _media_clock(self) -> None:
        """One clock for every line: each 20 ms (divided by ``speed``) every live caller produces a frame.
        When the loop falls behind (busy machine) the missed frames are sent in a burst, as a real RTP
        stream catches up; only beyond half a second is the lag given up."""
        loop = asyncio.get_running_loop()
        interval = 0.020 / self.speed
        silence = np.zeros(MOUTH_FRAME_SAMPLES, dtype=np.int16)
        next_tick = loop.time() + interval
        while True:
            delay = next_tick - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            now = loop.time()
            if now - next_tick > 0.5:
                next_tick = now
            while next_tick <= now:
                for call in list(self._live_calls.values()):
                    call.tick(now, silence)
                next_tick += interval

    def _spawn(self, coro: Any) -> asyncio.Task[Any]:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    # --- test controls -------------------------------------------------------------------------------

    def inject_error(self, method: str, path_regex: str, status: int, message: str, times: int | None = 1) -> None:
        """The next ``times`` matching requests (None: all) answer ``status`` with ``message``."""
        self._rules.append(Rule(method.upper(), re.compile(path_regex), status=status, message=message, times=times))

    def set_delay(self, method: str, path_regex: str, seconds: float, times: int | None = None) -> None:
        """Matching requests answer only after ``seconds`` (to test client timeouts)."""
        self._rules.append(Rule(method.upper(), re.compile(path_regex), delay_s=seconds, times=times))

    def clear_rules(self) -> None:
        self._rules.clear()

    def drop_websockets(self, abrupt: bool = True) -> None:
        """Cut the app's WebSocket(s): abruptly (process crash, network cut) or with a close frame."""
        for peer in list(self._peers.values()):
            peer.abort() if abrupt else peer.close(1011, "going away")
        self._peers.clear()

    async def restart(self, down_s: float = 0.5) -> None:
        """Asterisk restarts: every connection is cut, the port refuses connections for ``down_s``, and
        every channel, bridge and playback is gone (live calls end with outcome ``asterisk_restart``)."""
        for call in self.calls:
            call.finish(Outcome(kind="asterisk_restart"))
        for channel in self.channels.values():
            if channel.deadline is not None:
                channel.deadline.cancel()
            self._close_media(channel)
        for task in list(self._tasks):
            task.cancel()
        self.channels.clear()
        self.bridges.clear()
        self.playbacks.clear()
        self._peers.clear()
        port = self.port
        await self._server.close()
        await asyncio.sleep(down_s)
        await self._server.start(self.host, port)

    def send_raw(self, text: str, app: str | None = None) -> None:
        """Send a raw WebSocket message (tests: malformed or unknown events)."""
        peer = self._peers.get(app or self.app)
        if peer is not None:
            peer.send_text(text)

    def connected_apps(self) -> list[str]:
        return [app for app, peer in self._peers.items() if not peer.closed.is_set()]

    async def wait_for_app(self, app: str | None = None, timeout_s: float = 5.0) -> None:
        """Wait until the application's WebSocket is connected."""
        app = app or self.app
        async with asyncio.timeout(timeout_s):
            while app not in self.connected_apps():
                self._ws_changed.clear()
                await self._ws_changed.wait()

    async def place_call(self, caller: str = "0612345678", script: Sequence[Step] = (), *, caller_name: str = "",
                         exten: str = "s", args: Sequence[str] = ()) -> FakeCall:
        """A caller dials in: its channel enters ``Stasis(app[,args])`` (StasisStart) and runs ``script``."""
        cid = self._new_id()
        app_data = ",".join([self.app, *args])
        channel = FakeChannel(
            id=cid, name=f"PJSIP/trunk-{next(self._ids):08x}", state="Ring", caller_name=caller_name,
            caller_number=caller, context=self.entry_context, exten=exten, priority=2, app_name="Stasis",
            app_data=app_data, creationtime=ari_timestamp(), kind="caller", stasis="in", app=self.app,
            args=tuple(args))
        self.channels[cid] = channel
        call = FakeCall(self, channel, script)
        channel.call = call
        self.calls.append(call)
        self._live_calls[cid] = call
        self._emit(self.app, "StasisStart", args=list(args), channel=channel.to_json())
        call.start()
        return call

    # --- events --------------------------------------------------------------------------------------

    def _emit(self, app: str, event_type: str, **fields: Any) -> None:
        event = {"type": event_type, "timestamp": ari_timestamp(), **fields, "asterisk_id": ASTERISK_ID,
                 "application": app}
        problems = self.spec.check_event(event)
        if problems:  # a bug in the fake itself
            self.violations.extend(f"fake emitted: {p}" for p in problems)
        peer = self._peers.get(app)
        if peer is not None and not peer.closed.is_set():
            peer.send_text(json.dumps(event))
        # No WebSocket: Asterisk drops the event (the app gets nothing; channels wait in silence).

    def _emit_channel(self, channel: FakeChannel, event_type: str, **fields: Any) -> None:
        if channel.stasis == "in" and channel.app:
            self._emit(channel.app, event_type, channel=channel.to_json(), **fields)

    # --- WebSocket -----------------------------------------------------------------------------------

    def _authorized(self, request: HttpRequest) -> bool:
        header = request.headers.get("authorization", "")
        if header.lower().startswith("basic "):
            try:
                user, _, password = base64.b64decode(header[6:]).decode().partition(":")
            except (binascii.Error, UnicodeDecodeError):
                return False
            return user == self.username and password == self.password
        api_key = request.query.get("api_key", [""])[-1]
        return api_key == f"{self.username}:{self.password}"

    def _authorize_ws(self, request: HttpRequest) -> tuple[int, str] | None:
        if not self._authorized(request):
            return 401, "Authentication required"
        if request.path != "/ari/events":
            self.violations.append(f"GET {request.path}: WebSocket on a path that is not /ari/events")
            return 404, "Not found"
        params = {k: v[-1] for k, v in request.query.items() if k != "api_key"}
        check = self.spec.check_request("GET", "/events", params)
        if not check.ok:
            self.violations.extend(check.problems)
            return 400, "; ".join(check.problems)
        if not self.accept_websockets:
            return 503, "Service Unavailable"
        return None

    async def _websocket(self, peer: WebSocketPeer) -> None:
        apps = [a for value in peer.query.get("app", []) for a in value.split(",") if a]
        self.ws_connections += 1
        for app in apps:
            old = self._peers.get(app)
            if old is not None and not old.closed.is_set():
                self._emit(app, "ApplicationReplaced")
            self._peers[app] = peer
        self._ws_changed.set()
        try:
            await peer.closed.wait()
        finally:
            for app in apps:
                if self._peers.get(app) is peer:
                    del self._peers[app]
            self._ws_changed.set()

    # --- REST dispatch -------------------------------------------------------------------------------

    async def _rest(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/ari/"):
            self.violations.append(f"{request.method} {request.path}: not under /ari")
            return HttpResponse(404, {"message": "Not found"})
        if not self._authorized(request):
            return HttpResponse(401, {"error": "Authentication required"})
        path = request.path[len("/ari"):]
        params = {k: ",".join(v) for k, v in request.query.items() if k != "api_key"}
        body: Any = None
        if request.body:
            try:
                body = json.loads(request.body)
            except ValueError:
                self.violations.append(f"{request.method} {path}: body is not JSON")
                return HttpResponse(400, {"message": "Invalid JSON body"})
        self.requests.append((request.method, path, params))
        check = self.spec.check_request(request.method, path,
                                        {k: v for k, v in request.query.items() if k != "api_key"}, body)
        if not check.ok:
            self.violations.extend(check.problems)
            return HttpResponse(check.status or 400, {"message": "; ".join(check.problems)})
        assert check.operation is not None
        for rule in list(self._rules):
            if rule.method == request.method and rule.pattern.search(path):
                if rule.times is not None:
                    rule.times -= 1
                    if rule.times <= 0:
                        self._rules.remove(rule)
                if rule.delay_s:
                    await asyncio.sleep(rule.delay_s)
                if rule.status:
                    return HttpResponse(rule.status, {"message": rule.message})
        handler = self._routes.get((request.method, check.operation.path))
        if handler is None:
            self.unsupported.append(f"{request.method} {check.operation.path}")
            return HttpResponse(501, {"message": "Not implemented by the fake Asterisk"})
        try:
            response = handler(params, dict(check.path_params))
            if inspect.isawaitable(response):
                response = await response
        except AriRefusal as refusal:
            return HttpResponse(refusal.status, {"message": refusal.message})
        problems = self.spec.check_response(check.operation, response.status, response.body)
        self.violations.extend(f"fake answered: {p}" for p in problems)  # a bug in the fake itself
        return response

    def _build_routes(self) -> dict[tuple[str, str], Callable[[dict[str, str], dict[str, str]], Any]]:
        return {
            ("GET", "/channels"): self._list_channels,
            ("GET", "/channels/{channelId}"): self._get_channel,
            ("DELETE", "/channels/{channelId}"): self._hangup,
            ("POST", "/channels/{channelId}/answer"): self._answer,
            ("POST", "/channels/{channelId}/play"): self._play_channel,
            ("POST", "/channels/{channelId}/play/{playbackId}"): self._play_channel,
            ("POST", "/channels/{channelId}/variable"): self._set_var,
            ("GET", "/channels/{channelId}/variable"): self._get_var,
            ("POST", "/channels/{channelId}/continue"): self._continue,
            ("POST", "/channels/{channelId}/redirect"): self._redirect,
            ("POST", "/channels/externalMedia"): self._external_media,
            ("POST", "/channels/{channelId}/snoop"): self._snoop,
            ("POST", "/channels/{channelId}/snoop/{snoopId}"): self._snoop,
            ("GET", "/bridges"): lambda p, pp: HttpResponse(200, [b.to_json() for b in self.bridges.values()]),
            ("POST", "/bridges"): self._create_bridge,
            ("POST", "/bridges/{bridgeId}"): self._create_bridge,
            ("GET", "/bridges/{bridgeId}"): lambda p, pp: HttpResponse(200, self._bridge(pp["bridgeId"]).to_json()),
            ("DELETE", "/bridges/{bridgeId}"): self._destroy_bridge,
            ("POST", "/bridges/{bridgeId}/addChannel"): self._add_channel,
            ("POST", "/bridges/{bridgeId}/removeChannel"): self._remove_channel,
            ("POST", "/bridges/{bridgeId}/play"): self._play_bridge,
            ("POST", "/bridges/{bridgeId}/play/{playbackId}"): self._play_bridge,
            ("GET", "/playbacks/{playbackId}"): self._get_playback,
            ("DELETE", "/playbacks/{playbackId}"): self._stop_playback,
            ("GET", "/asterisk/info"): lambda p, pp: HttpResponse(200, {
                "system": {"version": "22.10.1", "entity_id": ASTERISK_ID}}),
        }

    # --- helpers -------------------------------------------------------------------------------------

    def _new_id(self) -> str:
        return f"{self._id_base}.{next(self._ids)}"

    def _now(self) -> float:
        return asyncio.get_running_loop().time()

    def _channel(self, channel_id: str) -> FakeChannel:
        channel = self.channels.get(channel_id)
        if channel is None:
            raise AriRefusal(404, "Channel not found")
        return channel

    def _stasis_channel(self, channel_id: str) -> FakeChannel:
        channel = self._channel(channel_id)
        if channel.stasis != "in":
            raise AriRefusal(409, NOT_IN_STASIS)
        return channel

    def _bridge(self, bridge_id: str) -> FakeBridge:
        bridge = self.bridges.get(bridge_id)
        if bridge is None:
            raise AriRefusal(404, "Bridge not found")
        return bridge

    def _run_or_defer(self, channel: FakeChannel, kind: str, action: Callable[[], None]) -> None:
        """Asterisk runs a channel's commands in order; a playback started outside a bridge holds the
        queue until it ends (recorded: addChannel/continue during the prompt took effect after it)."""
        if channel.blocked or channel.deferred:
            channel.deferred.append((kind, action, None))
        else:
            action()

    async def _run_sync(self, channel: FakeChannel, kind: str, action: Callable[[], None]) -> None:
        """A synchronous Stasis command (answer, addChannel, removeChannel): queued like the others, and
        the REST request only answers once it has run, e.g. after the prompt holding the channel."""
        if not channel.blocked and not channel.deferred:
            action()
            return
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        channel.deferred.append((kind, action, done))
        await done

    def _drain(self, channel: FakeChannel) -> None:
        while channel.deferred and not channel.blocked:
            _kind, action, done = channel.deferred.pop(0)
            action()
            if done is not None and not done.done():
                done.set_result(None)

    def _drop_deferred(self, channel: FakeChannel, run_kinds: tuple[str, ...] = ()) -> None:
        """The channel leaves: queued commands of ``run_kinds`` still run, the others are dropped (a REST
        request waiting for one of them fails)."""
        pending, channel.deferred = channel.deferred, []
        for kind, action, done in pending:
            if kind in run_kinds:
                action()
            if done is not None and not done.done():
                if kind in run_kinds:
                    done.set_result(None)
                else:
                    done.set_exception(AriRefusal(500, "Channel left before the command ran"))

    def _suspended(self, channel: FakeChannel) -> bool:
        """A playback on a channel that is in a bridge runs as a bridge action that suspends the channel
        from the bridge (Asterisk res_stasis_playback: ast_bridge_channel_queue_playfile_sync ->
        bridge_channel_suspend): meanwhile its audio does not reach the other members."""
        return self.suspend_bridged_playback and channel.current_playback is not None and \
            not channel.current_playback.blocking and channel.current_playback.state == "playing"

    def _media_legs(self, caller: FakeChannel) -> list[tuple[ExternalMedia, bool]]:
        """externalMedia channels fed by this caller's line, and whether they hear the caller's voice:
        directly (caller and externalMedia in one bridge, caller not suspended by a playback) or through a
        snoop channel spying the caller (spy in/both) bridged with the externalMedia channel."""
        legs: dict[int, tuple[ExternalMedia, bool]] = {}
        sources: list[tuple[FakeChannel, bool]] = []
        if caller.bridge_id is not None:
            sources.append((caller, not self._suspended(caller)))
        for snoop in self.channels.values():
            if snoop.kind == "snoop" and snoop.spied_id == caller.id and snoop.stasis == "in" and snoop.bridge_id:
                sources.append((snoop, snoop.spy in ("in", "both")))
        for source, hears in sources:
            bridge = self.bridges.get(source.bridge_id or "")
            if bridge is None:
                continue
            for cid in bridge.channels:
                other = self.channels.get(cid)
                if other is None or other.media is None or other.stasis != "in":
                    continue
                previous = legs.get(id(other.media))
                legs[id(other.media)] = (other.media, hears or (previous is not None and previous[1]))
                if caller.call is not None and id(other.media) not in caller.call.media_heard:
                    caller.call.media_heard[id(other.media)] = other.media
                    caller.call.result.external_media_formats.append(other.media.fmt.name)
        if legs and caller.call is not None and not caller.call.bridged.is_set():
            caller.call.bridged.set()
            caller.call.result.bridged_at = self._now()
        return list(legs.values())

    def _close_media(self, channel: FakeChannel) -> None:
        if channel.media is not None and channel.media.transport is not None:
            channel.media.transport.close()

    def _result_of(self, channel: FakeChannel) -> CallResult | None:
        return channel.call.result if channel.call is not None else None

    def _write_queue_log(self, channel: FakeChannel, queue: str, event: str, data: str) -> None:
        line = f"{int(time.time())}|{channel.id}|{queue}|NONE|{event}|{data}"
        self.queue_log.append(line)
        if self.queue_log_path is not None:
            with self.queue_log_path.open("a") as fh:
                fh.write(line + "\n")

    # --- channels ------------------------------------------------------------------------------------

    def _list_channels(self, params: dict[str, str], pp: dict[str, str]) -> HttpResponse:
        return HttpResponse(200, [c.to_json() for c in self.channels.values()])

    def _get_channel(self, params: dict[str, str], pp: dict[str, str]) -> HttpResponse:
        return HttpResponse(200, self._channel(pp["channelId"]).to_json(with_vars=True))

    async def _answer(self, params: dict[str, str], pp: dict[str, str]) -> HttpResponse:
        channel = self._stasis_channel(pp["channelId"])

        def answer() -> None:
            if channel.state != "Up":
                channel.state = "Up"
                self._emit_channel(channel, "ChannelStateChange")
            result = self._result_of(channel)
            if result is not None and result.answered_at is None:
                result.answered_at = self._now()

        await self._run_sync(channel, "answer", answer)
        return HttpResponse(204)

    def _set_var(self, params: dict[str, str], pp: dict[str, str]) -> HttpResponse:
        channel = self._stasis_channel(pp["channelId"])
        name, value = params["variable"], params.get("value", "")

        def apply() -> None:
            # Queued like the other channel commands (recorded: variables set during a prompt outside a
            # bridge answered 204 at once, their ChannelVarset came after the prompt's PlaybackFinished).
            if channel.stasis != "in":
                return
            channel.variables[name] = value
            result = self._result_of(channel)
            if result is not None:
                result.variables[name] = value
            if name.upper() == "TIMEOUT(ABSOLUTE)":
                self._set_deadline(channel, value)
            self._emit_channel(channel, "ChannelVarset", variable=name, value=value)

        self._run_or_defer(channel, "setvar", apply)
        return HttpResponse(204)

    def _get_var(self, params: dict[str, str], pp: dict[str, str]) -> HttpResponse:
        channel = self._stasis_channel(pp["channelId"])
        name = params["variable"]
        functions = {"CALLERID(num)": channel.caller_number, "CALLERID(name)": channel.caller_name,
                     "UNIQUEID": channel.id, "CHANNEL(name)": channel.name}
        if name in functions:
            return HttpResponse(200, {"value": functions[name]})
        value = channel.variables.get(name, (channel.channelvars or {}).get(name))
        if value is None:
            raise AriRefusal(404, "Provided variable was not found")
        return HttpResponse(200, {"value": value})

    def _set_deadline(self, channel: FakeChannel, value: str) -> None:
        try:
            seconds = float(value)
        except ValueError:
            return  # Asterisk ignores an unparsable TIMEOUT value
        if channel.deadline is not None:
            channel.deadline.cancel()
            channel.deadline = None
        if seconds > 0:
            channel.deadline = asyncio.get_running_loop().call_later(seconds / self.speed, self._deadline, channel)

    def _deadline(self, channel: FakeChannel) -> None:
        """TIMEOUT(absolute) expired: Asterisk takes the channel out of Stasis to the T extension of its
        context (our dialplan sends it to the default queue): the fail-open path."""
        channel.deadline = None
        if channel.stasis != "in" or channel.id not in self.channels:
            return
        self._drop_deferred(channel)
        channel.play_queue.clear()
        if channel.current_playback is not None:
            self._end_playback(channel.current_playback, "failed")
        self._leave_stasis(channel, channel.context, "T", 1, Outcome(kind="timeout"))
        self._write_queue_log(channel, self.timeout_queue, "ENTERQUEUE", f"|{channel.caller_number}|1")

    def _leave_stasis(self, channel: FakeChannel, context: str, exten: str, priority: int, outcome: Outcome) -> None:
        if channel.bridge_id is not None:
            self._leave_bridge(channel)
        self._emit_channel(channel, "StasisEnd")
        channel.stasis = "out"
        channel.context, channel.exten, channel.priority = context, exten, priority
        queue = context == self.queues_context or exten == "T"
        channel.app_name, channel.app_data = ("Queue", exten) if queue else ("", "")
        outcome.context, outcome.extension, outcome.priority = context, exten, priority
        outcome.variables = dict(channel.variables)
        if channel.call is not None:
            channel.call.finish(outcome)

    def _continue(self, params: dict[str, str], pp: dict[str, str]) -> HttpResponse:
        channel = self._stasis_channel(pp["channelId"])
        result = self._result_of(channel)
        if result is not None and result.handoff_requested_at is None:
            result.handoff_requested_at = self._now()
        context = params.get("context") or channel.context
        exten = params.get("extension") or channel.exten
        priority = int(params.get("priority") or 1)

        def run() -> None:
            if channel.stasis != "in":
                return
            self._leave_stasis(channel, context, exten, priority, Outcome(kind="continue"))
            if context == self.queues_context:
                self._write_queue_log(channel, exten, "ENTERQUEUE", f"|{channel.caller_number}|1")

        self._run_or_defer(channel, "continue", run)
        return HttpResponse(204)

    def _redirect(self, params: dict[str, str], pp: dict[str, str]) -> HttpResponse:
        channel = self._stasis_channel(pp["channelId"])
        result = self._result_of(channel)
        if result is not None and result.handoff_requested_at is None:
            result.handoff_requested_at = self._now()
        endpoint = params["endpoint"]

        def run() -> None:
            if channel.stasis == "in":
                self._leave_stasis(channel, channel.context, channel.exten, channel.priority,
                                   Outcome(kind="redirect", endpoint=endpoint))

        self._run_or_defer(channel, "redirect", run)
        return HttpResponse(204)

    def _hangup(self, params: dict[str, str], pp: dict[str, str]) -> HttpResponse:
        channel = self._channel(pp["channelId"])
        reason = params.get("reason") or "normal"
        result = self._result_of(channel)
        if result is not None and result.handoff_requested_at is None:
            result.handoff_requested_at = self._now()
        self._destroy_channel(channel, cause=16, outcome=Outcome(kind="hangup", reason=reason), destroyed_event=True,
                              soft=True)
        return HttpResponse(204)

    def _caller_hangup(self, channel: FakeChannel) -> None:
        if channel.id in self.channels:
            self._destroy_channel(channel, cause=16, outcome=Outcome(kind="caller_hangup"), destroyed_event=False)

    def _destroy_channel(self, channel: FakeChannel, *, cause: int, outcome: Outcome, destroyed_event: bool,
                         soft: bool | None = None) -> None:
        in_stasis = channel.stasis == "in"
        extra = {"soft": soft} if soft is not None else {}
        self._emit_channel(channel, "ChannelHangupRequest", cause=cause, **extra)
        # Joins/leaves queued behind a prompt still happen (recorded: Entered then Left at hang-up).
        pending, channel.deferred = channel.deferred, []
        for queued in channel.play_queue:
            self.playbacks.pop(queued.id, None)
        channel.play_queue.clear()
        if channel.current_playback is not None:
            self._end_playback(channel.current_playback, "failed")
        channel.deferred = pending
        self._drop_deferred(channel, run_kinds=("join", "leave"))
        if channel.bridge_id is not None:
            self._leave_bridge(channel)
        if in_stasis:
            self._emit_channel(channel, "StasisEnd")
        if destroyed_event and in_stasis and channel.app:
            self._emit(channel.app, "ChannelDestroyed", cause=cause, cause_txt="Normal Clearing",
                       channel=channel.to_json())
        channel.stasis = "out"
        if channel.deadline is not None:
            channel.deadline.cancel()
        self._close_media(channel)
        self.channels.pop(channel.id, None)
        for snoop in [c for c in self.channels.values() if c.kind == "snoop" and c.spied_id == channel.id]:
            # A snoop channel ends with the channel it listens to.
            self._destroy_channel(snoop, cause=16, outcome=Outcome(kind="hangup"), destroyed_event=True)
        if channel.call is not None:
            if outcome.kind in ("hangup", "caller_hangup"):
                outcome.variables = dict(channel.variables)
            channel.call.finish(outcome)

    def _external_media(self, params: dict[str, str], pp: dict[str, str]) -> HttpResponse:
        host_port = params.get("external_host", "")
        fmt = FORMATS.get(params["format"])
        if params.get("encapsulation", "rtp") != "rtp" or params.get("transport", "udp") != "udp":
            raise AriRefusal(400, "the fake Asterisk supports encapsulation=rtp transport=udp only")
        if fmt is None:
            raise AriRefusal(400, f"the fake Asterisk supports formats {', '.join(FORMATS)} only")
        host, _, port_text = host_port.rpartition(":")
        if not host or not port_text.isdigit():
            raise AriRefusal(400, "external_host must be host:port")
        if not host.startswith("127.") and host != "localhost":
            # Network rule of this project: traffic only on loopback.
            self.violations.append(f"externalMedia external_host {host_port}: not a loopback address")
            raise AriRefusal(400, "the fake Asterisk only sends RTP to loopback addresses")
        cid = params.get("channelId") or self._new_id()
        if cid in self.channels:
            raise AriRefusal(409, "Channel with given unique ID already exists")
        app = params["app"]
        # Bound now: the answer carries UNICASTRTP_LOCAL_PORT, where the app may send audio back.
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind((self.host, 0))
        sock.setblocking(False)
        media = ExternalMedia(fmt=fmt, remote=(host if host != "localhost" else "127.0.0.1", int(port_text)),
                              local_port=sock.getsockname()[1])
        channel = FakeChannel(
            id=cid, name=f"UnicastRTP/{host_port}-0x{random.getrandbits(48):012x}", state="Down", caller_name="",
            caller_number="", context="default", exten="s", priority=1, app_name="AppDial2",
            app_data="(Outgoing Line)", creationtime=ari_timestamp(), kind="external", app=app, media=media,
            channelvars={"UNICASTRTP_LOCAL_PORT": str(media.local_port), "UNICASTRTP_LOCAL_ADDRESS": self.host})
        self.channels[cid] = channel
        self._spawn(self._open_media(channel, sock))
        return HttpResponse(200, channel.to_json(with_vars=True))

    async def _open_media(self, channel: FakeChannel, sock: socket.socket) -> None:
        assert channel.media is not None
        loop = asyncio.get_running_loop()
        transport, _ = await loop.create_datagram_endpoint(lambda: RtpReceiver(channel.media), sock=sock)
        channel.media.transport = transport
        await asyncio.sleep(self.stasis_entry_delay_s)
        if channel.id not in self.channels:
            transport.close()
            return
        channel.state = "Up"
        channel.stasis = "in"
        channel.app_name, channel.app_data = "Stasis", channel.app
        self._emit_channel(channel, "ChannelStateChange")
        self._emit_channel(channel, "StasisStart", args=[])

    def _snoop(self, params: dict[str, str], pp: dict[str, str]) -> HttpResponse:
        target = self._channel(pp["channelId"])
        cid = pp.get("snoopId") or params.get("snoopId") or self._new_id()
        if cid in self.channels:
            raise AriRefusal(409, "Channel with given unique ID already exists")
        args = tuple(a for a in params.get("appArgs", "").split(",") if a)
        channel = FakeChannel(
            id=cid, name=f"Snoop/{target.id}-{next(self._ids):08x}", state="Up", caller_name=target.caller_name,
            caller_number=target.caller_number, context="default", exten="s", priority=1, app_name="",
            app_data="", creationtime=ari_timestamp(), kind="snoop", app=params["app"], args=args,
            spied_id=target.id, spy=params.get("spy", "none"))
        self.channels[cid] = channel
        self._spawn(self._enter_stasis_soon(channel))
        return HttpResponse(200, channel.to_json())

    async def _enter_stasis_soon(self, channel: FakeChannel) -> None:
        await asyncio.sleep(self.stasis_entry_delay_s)
        if channel.id not in self.channels:
            return
        channel.stasis = "in"
        channel.app_name, channel.app_data = "Stasis", ",".join([channel.app, *channel.args])
        self._emit_channel(channel, "StasisStart", args=list(channel.args))

    # --- bridges -------------------------------------------------------------------------------------

    def _create_bridge(self, params: dict[str, str], pp: dict[str, str]) -> HttpResponse:
        bid = pp.get("bridgeId") or params.get("bridgeId") or str(uuid.uuid4())
        if bid in self.bridges:
            raise AriRefusal(409, "Bridge with the same bridgeId already exists")
        types = params.get("type", "mixing")
        bridge = FakeBridge(id=bid, name=params.get("name", ""), bridge_type="mixing" if "mixing" in types else types,
                            creationtime=ari_timestamp())
        self.bridges[bid] = bridge
        return HttpResponse(200, bridge.to_json())

    def _destroy_bridge(self, params: dict[str, str], pp: dict[str, str]) -> HttpResponse:
        bridge = self._bridge(pp["bridgeId"])
        for cid in list(bridge.channels):
            channel = self.channels.get(cid)
            if channel is not None:
                self._leave_bridge(channel)
        del self.bridges[bridge.id]
        self._emit(self.app, "BridgeDestroyed", bridge=bridge.to_json())
        return HttpResponse(204)

    async def _add_channel(self, params: dict[str, str], pp: dict[str, str]) -> HttpResponse:
        bridge = self._bridge(pp["bridgeId"])
        channels = self._listed_channels(params)
        if any(channel.stasis != "in" for channel in channels):
            raise AriRefusal(422, NOT_IN_STASIS)
        for channel in channels:  # one after the other, each waiting for its channel (as Asterisk does)
            channel.pending_bridge_id = bridge.id
            await self._run_sync(channel, "join", lambda c=channel, b=bridge: self._join_bridge(c, b))
        return HttpResponse(204)

    def _listed_channels(self, params: dict[str, str]) -> list[FakeChannel]:
        """The channels of a bridge request's comma-separated 'channel' parameter (all must exist: 400)."""
        channels = [self.channels.get(cid) for cid in params["channel"].split(",")]
        if any(channel is None for channel in channels):
            raise AriRefusal(400, "Channel not found")
        return channels  # type: ignore[return-value]

    def _join_bridge(self, channel: FakeChannel, bridge: FakeBridge) -> None:
        channel.pending_bridge_id = None
        if bridge.id not in self.bridges or channel.id not in self.channels:
            return
        if channel.bridge_id == bridge.id:
            return
        if channel.bridge_id is not None:
            self._leave_bridge(channel)
        channel.bridge_id = bridge.id
        bridge.channels.append(channel.id)
        if channel.app:
            self._emit(channel.app, "ChannelEnteredBridge", bridge=bridge.to_json(), channel=channel.to_json())

    def _leave_bridge(self, channel: FakeChannel) -> None:
        bridge = self.bridges.get(channel.bridge_id or "")
        channel.bridge_id = None
        if bridge is None:
            return
        if channel.id in bridge.channels:
            bridge.channels.remove(channel.id)
        if channel.app:
            self._emit(channel.app, "ChannelLeftBridge", bridge=bridge.to_json(), channel=channel.to_json())

    async def _remove_channel(self, params: dict[str, str], pp: dict[str, str]) -> HttpResponse:
        bridge = self._bridge(pp["bridgeId"])
        channels = self._listed_channels(params)
        if any(bridge.id not in (channel.bridge_id, channel.pending_bridge_id) for channel in channels):
            raise AriRefusal(422, "Channel not in this bridge")
        for channel in channels:
            def leave(c: FakeChannel = channel) -> None:
                if c.bridge_id == bridge.id:
                    self._leave_bridge(c)
            await self._run_sync(channel, "leave", leave)
        return HttpResponse(204)

    # --- playbacks -----------------------------------------------------------------------------------

    def _sound_duration(self, media: str) -> tuple[float, bool]:
        """(seconds, fails) for one media URI."""
        scheme, _, target = media.partition(":")
        if scheme != "sound" or self.sounds_dir is None:
            return self.default_playback_s, False
        path = Path(target)
        candidates = [path] if path.is_absolute() else []
        candidates.append(self.sounds_dir / target.lstrip("/"))
        for base in candidates:
            for ext, rate in _SOUND_EXTENSIONS.items():
                file = base.with_name(base.name + ext)
                if file.is_file():
                    if rate is None:
                        try:
                            return wav_duration_s(file), False
                        except (OSError, EOFError, ValueError):
                            return 0.0, True
                    return file.stat().st_size / rate, False
        return (0.0, True) if self.missing_sound_fails else (self.default_playback_s, False)

    def _new_playback(self, media: list[str], target_uri: str, channel: FakeChannel | None,
                      playback_id: str | None, call: FakeCall | None) -> FakePlayback:
        pid = playback_id or str(uuid.uuid4())
        if pid in self.playbacks:
            raise AriRefusal(409, "Playback with the same id already exists")
        durations = [self._sound_duration(m) for m in media]
        record = None
        if call is not None:
            record = PromptRecord(media_uri=",".join(media), playback_id=pid, requested_at=self._now(),
                                  target_uri=target_uri)
            call.result.prompts.append(record)
        playback = FakePlayback(id=pid, media=media, target_uri=target_uri,
                                channel_id=channel.id if channel else None,
                                duration_s=sum(d for d, _ in durations), fails=any(f for _, f in durations),
                                record=record)
        self.playbacks[pid] = playback
        return playback

    def _play_channel(self, params: dict[str, str], pp: dict[str, str]) -> HttpResponse:
        channel = self._stasis_channel(pp["channelId"])
        playback = self._new_playback(params["media"].split(","), f"channel:{channel.id}", channel,
                                      pp.get("playbackId") or params.get("playbackId"), channel.call)
        body = playback.to_json()

        def start() -> None:
            if playback.state != "queued" or channel.stasis != "in":
                return  # stopped before its turn, or the channel left
            if channel.current_playback is None:
                self._start_playback(channel, playback)
            else:
                channel.play_queue.append(playback)

        self._run_or_defer(channel, "play", start)
        return HttpResponse(201, body)

    def _play_bridge(self, params: dict[str, str], pp: dict[str, str]) -> HttpResponse:
        bridge = self._bridge(pp["bridgeId"])
        callers = [self.channels[c] for c in bridge.channels if c in self.channels and self.channels[c].call]
        playback = self._new_playback(params["media"].split(","), f"bridge:{bridge.id}", None,
                                      pp.get("playbackId") or params.get("playbackId"),
                                      callers[0].call if callers else None)
        self._spawn(self._run_playback(None, playback))
        return HttpResponse(201, playback.to_json())

    def _start_playback(self, channel: FakeChannel, playback: FakePlayback) -> None:
        playback.blocking = channel.bridge_id is None
        channel.current_playback = playback
        self._spawn(self._run_playback(channel, playback))

    async def _run_playback(self, channel: FakeChannel | None, playback: FakePlayback) -> None:
        await asyncio.sleep(0.002)
        if playback.state != "queued":
            return
        playback.state = "playing"
        if playback.record is not None:
            playback.record.started_at = self._now()
            self._notify(playback)
        self._emit(self.app, "PlaybackStarted", playback=playback.to_json())
        if playback.fails:
            self._end_playback(playback, "failed")
            return
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(playback.duration_s / self.speed):
                await playback.stop.wait()
        if playback.state == "playing":
            self._end_playback(playback, "done")

    def _end_playback(self, playback: FakePlayback, state: str, stopped: bool = False) -> None:
        if playback.state in ("done", "failed"):
            return
        playback.state = state
        playback.stop.set()
        self.playbacks.pop(playback.id, None)
        if playback.record is not None:
            playback.record.finished_at = self._now()
            playback.record.state = state
            playback.record.stopped = stopped
            self._notify(playback)
        self._emit(self.app, "PlaybackFinished", playback=playback.to_json())
        channel = self.channels.get(playback.channel_id or "")
        if channel is not None and channel.current_playback is playback:
            channel.current_playback = None
            if channel.play_queue and channel.stasis == "in":
                self._start_playback(channel, channel.play_queue.pop(0))
            self._drain(channel)

    def _notify(self, playback: FakePlayback) -> None:
        for call in self.calls:
            if playback.record in call.result.prompts:
                call.prompt_changed.set()

    def _get_playback(self, params: dict[str, str], pp: dict[str, str]) -> HttpResponse:
        playback = self.playbacks.get(pp["playbackId"])
        if playback is None:
            raise AriRefusal(404, "Playback not found")
        return HttpResponse(200, playback.to_json())

    def _stop_playback(self, params: dict[str, str], pp: dict[str, str]) -> HttpResponse:
        playback = self.playbacks.get(pp["playbackId"])
        if playback is None:
            raise AriRefusal(404, "Playback not found")
        channel = self.channels.get(playback.channel_id or "")
        if channel is not None and playback in channel.play_queue:
            channel.play_queue.remove(playback)
        # A stopped playback is reported "done" (Asterisk maps stopped/cancelled/complete to done).
        self._end_playback(playback, "done", stopped=True)
        return HttpResponse(204)

    # --- DTMF ----------------------------------------------------------------------------------------

    def _dtmf(self, channel: FakeChannel, digit: str, duration_ms: int) -> None:
        self._emit_channel(channel, "ChannelDtmfReceived", digit=digit, duration_ms=duration_ms)
