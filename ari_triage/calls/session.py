"""One call, from StasisStart to hand-off: an explicit state machine that executes the decisions of the
(pure) tree interpreter over ARI and media.

Ownership and teardown: the session owns every task it starts (audio reader); :meth:`CallSession.run`
runs the call flow in one task that a hang-up, a StasisEnd or a service shutdown cancels, and a single
``finally`` releases everything (listener, RTP, snoop and externalMedia channels, bridge: the real Asterisk
keeps them alive otherwise) and writes the CallEnd record exactly once.

States: STARTING -> ANSWERING -> MEDIA_SETUP -> (DECIDING <-> PLAYING <-> LISTENING)* -> HANDING_OFF |
TRANSFERRING | HANGING_UP -> ENDED, or FAILED_OVER -> ENDED from anywhere (see ``state.ALLOWED``).

Fail-open: any exception in the flow sends the caller to the default queue (outcome ``failed_over``, reason
recorded). If even that fails, the TIMEOUT(absolute) set at call start makes Asterisk itself take the
caller to the dialplan's ``T`` extension (default queue).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, TypeVar

from ari_triage.calls.handoff import handoff_variables, summary
from ari_triage.calls.ports import (
    AriFailed,
    AriPort,
    CallAudio,
    CallError,
    ChannelGone,
    MediaPort,
    PromptUris,
    SpeechFinal,
    SpeechStarted,
)
from ari_triage.calls.state import CallState, check_transition
from ari_triage.config import Config
from ari_triage.nlu.result import Classifier, Urgency
from ari_triage.store.records import CallbackRequest, CallEnd, CallerLookup, CallEvent, CallRecorder, CallStart
from ari_triage.tree.contract import (
    CallerHungUp,
    CallerProfile,
    CallStarted,
    Digit,
    Event,
    Hangup,
    Listen,
    NoInput,
    Play,
    RequestCallback,
    Route,
    RunHook,
    Transfer,
    Utterance,
)

log = logging.getLogger("ari_triage.calls")
T = TypeVar("T")

# A prompt longer than this is considered stuck (Asterisk never sent PlaybackFinished).
PLAYBACK_MAX_S = 120.0
# How long to wait for the externalMedia channel's own StasisStart before trying to bridge it anyway.
EXTERNAL_START_WAIT_S = 2.0
ADD_TO_BRIDGE_RETRIES = 5
CANCEL_GRACE_S = 2.0
_FINISHING = (CallState.HANDING_OFF, CallState.TRANSFERRING, CallState.HANGING_UP, CallState.FAILED_OVER,
              CallState.ENDED)


class Interpreter(Protocol):
    """``ari_triage.tree.interpreter`` (the module) satisfies this."""

    def start(self, tree: Any, event: CallStarted) -> Any: ...

    def advance(self, tree: Any, state: Any, event: Event) -> Any: ...


class HookFiring(Protocol):
    def fire(self, name: str, params: dict[str, str], context: dict[str, Any],
             on_result: Callable[[str, bool, str], None]) -> None: ...


@dataclass
class CallDeps:
    """Everything a session uses, injected by the Stasis app (or by tests)."""

    config: Config
    ari: AriPort
    media: MediaPort
    prompts: PromptUris
    classifier: Classifier
    recorder: CallRecorder
    lookup: CallerLookup
    interpreter: Interpreter
    hooks: HookFiring
    instance: str = "ari-triage"
    executor: Executor | None = None  # where classification runs (never on the event loop)
    # The app tells whether the externalMedia channel's StasisStart was already seen.
    external_started: Callable[[str], bool] = field(default=lambda _cid: False)
    on_external_channel: Callable[[str, CallSession], None] = field(default=lambda _cid, _s: None)
    now: Callable[[], datetime] = field(default=lambda: datetime.now().astimezone())


@dataclass(frozen=True)
class _Dtmf:
    digit: str


class _StopRequested(Exception):
    pass


class CallSession:
    def __init__(self, deps: CallDeps, *, channel_id: str, caller: str | None, tree: Any, tree_name: str,
                 call_id: str | None = None):
        self.deps = deps
        self.config = deps.config
        self.channel_id = channel_id
        self.caller = caller
        self.tree = tree
        self.tree_name = tree_name
        self.call_id = call_id or f"c-{uuid.uuid4().hex[:12]}"
        self.state = CallState.STARTING
        self.outcome: str | None = None
        self.reason = ""
        self.interp_state: Any = None
        self.profile = CallerProfile()
        self.handoff_requested_at: float | None = None  # time.monotonic() of the continue request
        self.last_speech_end: float | None = None
        self.ended = asyncio.Event()

        self._seq = 0
        self._tasks: set[asyncio.Task[Any]] = set()
        self._flow: asyncio.Task[None] | None = None
        self._stop: str | None = None  # "caller_gone" | "handover:<reason>"
        self._inputs: asyncio.Queue[Any] = asyncio.Queue()
        self._armed = False
        self._barge = asyncio.Event()
        self._playbacks: dict[str, asyncio.Future[str]] = {}
        self._audio: CallAudio | None = None
        self._external_id: str | None = None
        self._snoop_id: str | None = None
        self._helpers: dict[str, asyncio.Event] = {}  # helper channel id -> its StasisStart seen
        self._current_playback: str | None = None
        self._bridge_id: str | None = None
        self._deadline_set_at = 0.0
        self._end_written = False
        self._routed_to: tuple[str, int] | None = None
        self._log = CallLog(log, {"call_id": self.call_id})

    # ------------------------------------------------------------ inputs from the Stasis app (sync)

    def on_dtmf(self, digit: str) -> None:
        self._note_input(_Dtmf(digit))

    def on_playback_finished(self, playback_id: str, state: str) -> None:
        fut = self._playbacks.get(playback_id)
        if fut is not None and not fut.done():
            fut.set_result(state)

    def on_reconnected(self) -> None:
        """The event stream was down: a PlaybackFinished may have been lost. Treat pending prompts as over
        rather than wait for an event that will never come (Asterisk queues a next prompt after it anyway)."""
        for fut in self._playbacks.values():
            if not fut.done():
                fut.set_result("lost")

    def on_external_started(self, channel_id: str) -> None:
        """StasisStart of one of our helper channels (snoop, externalMedia)."""
        self._helpers.setdefault(channel_id, asyncio.Event()).set()

    def on_caller_gone(self, why: str = "caller hung up") -> None:
        """Hang-up, StasisEnd or ChannelDestroyed of the caller: stop everything now."""
        if self._stop is None or self._stop.startswith("handover"):
            self._stop = "caller_gone"
            self.reason = self.reason or why
        if self.state in _FINISHING:
            # The hand-off request is in flight (StasisEnd may overtake its HTTP answer): let it finish.
            return
        if self._flow is not None and not self._flow.done():
            self._flow.cancel()

    def hand_over(self, why: str) -> None:
        """Service shutdown / reconcile: send this caller to the default queue now."""
        if self._stop is None:
            self._stop = f"handover:{why}"
        if self.state in _FINISHING:
            return
        if self._flow is not None and not self._flow.done():
            self._flow.cancel()

    @property
    def external_channel_id(self) -> str | None:
        return self._external_id

    @property
    def bridge_id(self) -> str | None:
        return self._bridge_id

    # ------------------------------------------------------------ the call

    async def run(self) -> None:
        """Handle the call to its end. Returns when the channel is no longer ours and CallEnd is written."""
        self._record_start()
        self._flow = asyncio.create_task(self._call_flow(), name=f"call-{self.call_id}")
        if self._stop is not None:  # hung up or handed over before the flow even started
            self._flow.cancel()
        try:
            try:
                await self._flow
            except asyncio.CancelledError:
                if self._flow.cancelled() and self._stop is not None and not _being_cancelled():
                    await self._after_stop()
                else:
                    raise
            except Exception as exc:
                await self._fail_over(exc)
        except asyncio.CancelledError:
            self._flow.cancel()
            self.reason = self.reason or "service stopped"
            raise
        finally:
            await self._teardown()

    async def _call_flow(self) -> None:
        self._set_state(CallState.ANSWERING)
        await self._ari(self.deps.ari.answer(self.channel_id))
        await self._set_deadline()
        await self._ari(self.deps.ari.set_variable(self.channel_id, "TRIAGE_CALL_ID", self.call_id))
        self.profile = await self._lookup_profile()

        self._set_state(CallState.MEDIA_SETUP)
        await self._setup_media()

        self._set_state(CallState.DECIDING)
        step = self.deps.interpreter.start(self.tree, CallStarted(
            at=self.deps.now(), caller=self.caller, profile=self.profile, language="fr"))
        while True:
            self.interp_state = step.state
            self._event("step", {"path": list(getattr(step.state, "path", ()))[-3:]})
            event = await self._execute(step.actions)
            if event is None:  # terminal action done
                return
            self._set_state(CallState.DECIDING)
            step = self.deps.interpreter.advance(self.tree, step.state, event)

    # ------------------------------------------------------------ executing one batch of actions

    async def _execute(self, actions: Any) -> Event | None:
        actions = list(actions)
        listen = next((a for a in actions if isinstance(a, Listen)), None)
        if listen is not None:
            await self._refresh_deadline()
            self._arm(listen)
        barged = False
        for action in actions:
            if isinstance(action, Play):
                if barged and action.interruptible:
                    continue  # the caller already answered: skip the rest of the question
                barged = await self._play(action, barge_in=listen is not None and action.interruptible)
            elif isinstance(action, RunHook):
                self._fire_hook(action)
            elif isinstance(action, RequestCallback):
                self._request_callback(action)
            elif isinstance(action, Listen):
                return await self._listen(action)
            elif isinstance(action, Route):
                await self._route(action)
                return None
            elif isinstance(action, Transfer):
                await self._transfer(action)
                return None
            elif isinstance(action, Hangup):
                await self._hangup(action)
                return None
            else:
                raise CallError(f"unknown action {type(action).__name__}", call_id=self.call_id)
        raise CallError("the tree interpreter returned a batch without Listen or a terminal action",
                        call_id=self.call_id)

    async def _play(self, play: Play, *, barge_in: bool) -> bool:
        """Play one prompt to its end, or until the caller barges in. Returns True on barge-in."""
        self._set_state(CallState.PLAYING)
        if barge_in and self._barge.is_set():
            return True
        playback_id = f"{self.call_id}-{uuid.uuid4().hex[:8]}"
        finished: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        self._playbacks[playback_id] = finished
        uri = self.deps.prompts.uri_for(play.prompt)
        self._event("prompt", {"key": play.prompt.key})
        self._current_playback = playback_id
        try:
            await self._ari(self.deps.ari.play(self.channel_id, uri, playback_id))
            waiters: list[asyncio.Future[Any]] = [finished]
            barge_wait = None
            if barge_in:
                barge_wait = asyncio.ensure_future(self._barge.wait())
                waiters.append(barge_wait)
            try:
                done, _ = await asyncio.wait(waiters, timeout=PLAYBACK_MAX_S, return_when=asyncio.FIRST_COMPLETED)
            finally:
                if barge_wait is not None:
                    barge_wait.cancel()
            if finished in done:
                result = finished.result()
                if result == "failed":
                    # A prompt Asterisk cannot play would leave the caller in silence: get a human instead.
                    raise CallError(f"prompt {play.prompt.key} could not be played ({uri})", call_id=self.call_id)
                return False
            if not done:
                raise CallError(f"prompt {play.prompt.key} never finished playing", call_id=self.call_id)
            self._event("barge_in", {"key": play.prompt.key})
            with contextlib.suppress(ChannelGone):  # it may have just finished by itself
                await self._ari(self.deps.ari.stop_playback(playback_id))
            self._current_playback = None
            return True
        finally:
            self._playbacks.pop(playback_id, None)
            if self._current_playback == playback_id and finished.done():
                self._current_playback = None

    def _arm(self, listen: Listen) -> None:
        """Start a fresh turn: drop stale speech events (keep keys typed ahead), start the recogniser."""
        kept = []
        while not self._inputs.empty():
            item = self._inputs.get_nowait()
            if isinstance(item, _Dtmf) and listen.dtmf:
                kept.append(item)
        for item in kept:
            self._inputs.put_nowait(item)
        self._barge.clear()
        self._armed = True
        if kept:
            self._barge.set()
        if self._audio is not None:
            if listen.speech:
                self._audio.watch_barge_in()  # voice detection only while the question is asked
            else:
                self._audio.disarm()

    def _disarm(self) -> None:
        self._armed = False
        if self._audio is not None:
            self._audio.disarm()

    def _note_input(self, item: Any) -> None:
        self._inputs.put_nowait(item)
        if self._armed:
            self._barge.set()

    async def _listen(self, listen: Listen) -> Event:
        self._set_state(CallState.LISTENING)
        if self._audio is not None and listen.speech:
            self._audio.arm()  # recognition starts now (speech begun during the prompt is replayed)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + listen.timeout_s
        speaking_since: float | None = None
        try:
            while True:
                if speaking_since is not None:
                    limit = speaking_since + self.config.asr.max_utterance_s + 3.0
                else:
                    limit = deadline
                remaining = limit - loop.time()
                if remaining <= 0:
                    self._event("no_input", {"node": listen.node})
                    return NoInput()
                try:
                    item = await self._within(self._inputs.get(), remaining)
                except TimeoutError:
                    continue
                self._log.debug("input %s", type(item).__name__)
                if isinstance(item, _Dtmf):
                    if not listen.dtmf:
                        continue
                    self._event("dtmf", {"node": listen.node, "digit": item.digit})
                    return Digit(item.digit)
                if not listen.speech:
                    continue
                if isinstance(item, SpeechStarted):
                    speaking_since = speaking_since or loop.time()
                elif isinstance(item, SpeechFinal):
                    speaking_since = None
                    if not item.text.strip():
                        continue  # noise: keep waiting until the no-input deadline
                    self.last_speech_end = item.speech_ended_at or time.monotonic()
                    return await self._understand(listen, item.text)
        finally:
            self._disarm()

    async def _understand(self, listen: Listen, text: str) -> Utterance:
        self._set_state(CallState.DECIDING)
        loop = asyncio.get_running_loop()
        nlu = await self._within(
            loop.run_in_executor(self.deps.executor, self.deps.classifier.classify, text),
            max(5.0, self.config.ari.request_timeout_s))
        # The transcript is health data: only in the "transcript" key the store purges, never in logs.
        self._event("utterance", {"node": listen.node, "transcript": text})
        self._event("nlu", {"node": listen.node, **nlu.to_json()})
        return Utterance(text=text, nlu=nlu)

    # ------------------------------------------------------------ terminal actions

    async def _route(self, route: Route) -> None:
        self._set_state(CallState.HANDING_OFF)
        self.reason = route.reason
        await self._send_to_queue(route.queue, route.priority, route.reason)
        self.outcome = getattr(self.interp_state, "outcome", None) or "route"

    async def _send_to_queue(self, queue: str, priority: int, reason: str) -> None:
        cfg = self.config
        if queue not in cfg.queues.names:
            self._log.warning("queue %r is not in queues.names; using the default queue", queue)
            queue = cfg.queues.default
        priority = max(0, min(int(priority), cfg.queues.max_priority))
        self._disarm()
        await self._stop_current_playback()
        variables = handoff_variables(
            call_id=self.call_id,
            intent=getattr(self.interp_state, "intent", None),
            urgency=getattr(self.interp_state, "urgency", None),
            summary_text=summary(self.interp_state, reason=reason, known_caller=self.profile.known),
            priority=priority)
        # Independent requests: in parallel, so the caller reaches the queue sooner. The caller is not in our
        # bridge (we listen through a snoop channel), so the media is released after the hand-off.
        await asyncio.gather(*(self._ari(self.deps.ari.set_variable(self.channel_id, name, value))
                               for name, value in variables.items()))
        self.handoff_requested_at = time.monotonic()
        await self._ari(self.deps.ari.continue_in_dialplan(self.channel_id, cfg.queues.context, queue, 1))
        self._routed_to = (queue, priority)
        self._event("handoff", {"queue": queue, "priority": priority, "reason": reason})
        self._log.info("handed over to queue %s (priority %d)", queue, priority)

    async def _transfer(self, transfer: Transfer) -> None:
        self._set_state(CallState.TRANSFERRING)
        self.reason = transfer.reason
        self._disarm()
        await self._stop_current_playback()
        await self._ari(self.deps.ari.set_variable(self.channel_id, "TRIAGE_CALL_ID", self.call_id))
        self.handoff_requested_at = time.monotonic()
        await self._ari(self.deps.ari.continue_in_dialplan(
            self.channel_id, self.config.emergency.context, transfer.number, 1))
        self._event("transfer", {"number": transfer.number, "reason": transfer.reason})
        self.outcome = "transfer"
        self._log.info("transferred to %s (%s)", transfer.number, transfer.reason)

    async def _hangup(self, hangup: Hangup) -> None:
        self._set_state(CallState.HANGING_UP)
        self.reason = hangup.reason
        self._disarm()
        await self._stop_current_playback()
        await self._ari(self.deps.ari.hangup(self.channel_id))
        self.outcome = getattr(self.interp_state, "outcome", None) or "hangup"
        self._event("hangup", {"reason": hangup.reason})

    # ------------------------------------------------------------ hooks and callbacks (never wait)

    def _hook_context(self) -> dict[str, Any]:
        st = self.interp_state
        return {
            "call_id": self.call_id, "tree": self.tree_name, "caller": self.caller,
            "intent": getattr(st, "intent", None), "urgency": getattr(st, "urgency", None),
            "path": list(getattr(st, "path", ())), "instance": self.deps.instance,
        }

    def _fire_hook(self, action: RunHook) -> None:
        def done(name: str, ok: bool, detail: str) -> None:
            self._event("hook", {"name": name, "ok": ok, "detail": detail[:200]})
        try:
            self.deps.hooks.fire(action.name, dict(action.params), self._hook_context(), done)
        except Exception as exc:  # a hook must never take the call down
            self._log.warning("hook %s could not be started: %s", action.name, exc)
            self._event("hook", {"name": action.name, "ok": False, "detail": f"not started: {exc}"[:200]})

    def _request_callback(self, action: RequestCallback) -> None:
        self.deps.recorder.callback_requested(CallbackRequest(
            call_id=self.call_id, at=self.deps.now(), caller=self.caller, queue=action.queue, reason=action.reason))
        self._event("callback", {"queue": action.queue, "reason": action.reason})

    # ------------------------------------------------------------ media

    async def _setup_media(self) -> None:
        """Caller audio path: snoop(caller, spy=in) + externalMedia in a mixing bridge; the caller is NOT in the
        bridge. (A prompt played on a bridged channel suspends it from the bridge, so the recogniser would be
        deaf during prompts and barge-in impossible; the snoop hears the caller all the time, without the
        prompt's audio.)"""
        cfg = self.config
        self._audio = await self.deps.media.open_call_audio(self.call_id)
        self._spawn(self._read_audio(self._audio), "audio")
        self._snoop_id = await self._ari(self.deps.ari.snoop(self.channel_id, app=cfg.ari.app))
        self._claim_helper(self._snoop_id)
        ext = await self._ari(self.deps.ari.external_media(
            app=cfg.ari.app, external_host=f"{self._audio.rtp_host}:{self._audio.rtp_port}", format=cfg.media.format))
        self._external_id = ext.channel_id
        self._claim_helper(ext.channel_id)
        self._bridge_id = await self._ari(self.deps.ari.create_bridge(f"{cfg.ari.app}-{self.call_id}"))
        # Helper channels enter Stasis a few ms after the REST answer; bridging one before answers 422.
        # Wait for their StasisStart, then retry a few times on 422 anyway.
        members = [self._snoop_id, ext.channel_id]
        with contextlib.suppress(TimeoutError):
            await self._within(asyncio.gather(*(self._helpers[c].wait() for c in members)), EXTERNAL_START_WAIT_S)
        for attempt in range(ADD_TO_BRIDGE_RETRIES):
            try:
                await self._ari(self.deps.ari.add_to_bridge(self._bridge_id, members))
                break
            except ChannelGone as exc:
                if exc.status != 422 or attempt == ADD_TO_BRIDGE_RETRIES - 1:
                    raise
                await asyncio.sleep(0.05 * (attempt + 1))

    def _claim_helper(self, channel_id: str) -> None:
        self._helpers.setdefault(channel_id, asyncio.Event())
        self.deps.on_external_channel(channel_id, self)
        if self.deps.external_started(channel_id):
            self._helpers[channel_id].set()

    async def _read_audio(self, audio: CallAudio) -> None:
        async for event in audio.events():
            if isinstance(event, SpeechStarted | SpeechFinal):
                self._note_input(event)

    async def _release_media(self) -> None:
        """Stop listening, close RTP, delete the externalMedia channel and the bridge. Idempotent; every
        step is attempted even if an earlier one fails."""
        await self._cancel_owned()
        audio, self._audio = self._audio, None
        if audio is not None:
            audio.disarm()
            await _quietly(audio.close(), self._log, "closing RTP")
        snoop, self._snoop_id = self._snoop_id, None
        ext, self._external_id = self._external_id, None
        bridge, self._bridge_id = self._bridge_id, None
        for helper, what in ((snoop, "deleting the snoop channel"), (ext, "deleting the externalMedia channel")):
            if helper is not None:
                await _quietly(self._ari(self.deps.ari.hangup(helper)), self._log, what)
        if bridge is not None:
            await _quietly(self._ari(self.deps.ari.delete_bridge(bridge)), self._log, "deleting the bridge")

    async def _stop_current_playback(self) -> None:
        """A prompt still playing would hold the hand-off until it ends (Asterisk queues channel commands
        behind it): stop it first."""
        playback, self._current_playback = self._current_playback, None
        if playback is not None:
            await _quietly(self._ari(self.deps.ari.stop_playback(playback)), self._log, "stopping the prompt")

    # ------------------------------------------------------------ endings

    async def _after_stop(self) -> None:
        assert self._stop is not None
        if self._stop == "caller_gone":
            self.outcome = self.outcome or self._abandoned_outcome()
            self._log.info("caller left (%s)", self.reason)
            return
        await self._fail_over(_StopRequested(self._stop.removeprefix("handover:")))

    def _abandoned_outcome(self) -> str:
        try:
            step = self.deps.interpreter.advance(self.tree, self.interp_state, CallerHungUp())
            self.interp_state = step.state
            return getattr(step.state, "outcome", None) or "abandoned"
        except Exception:  # the interpreter has nothing to add for a call that barely started
            return "abandoned"

    async def _fail_over(self, exc: BaseException) -> None:
        """Send the caller to the default queue whatever went wrong, and record why."""
        if isinstance(exc, _StopRequested):
            reason = label = str(exc)
            self._log.info("handing over to the default queue: %s", reason)
        else:
            label = f"panne {getattr(exc, 'code', type(exc).__name__)}"  # for the agent: short, no details
            reason = f"{getattr(exc, 'code', type(exc).__name__)}: {exc}"[:300]
            self._log.error("call failed in state %s, failing over to the default queue", self.state,
                            exc_info=exc)
        self.reason = reason
        self._event("error", {"state": str(self.state), "reason": reason})
        if self.state in (CallState.ENDED, CallState.FAILED_OVER):
            return
        self._set_state(CallState.FAILED_OVER)
        if self._stop == "caller_gone":
            self.outcome = self._abandoned_outcome()
            return
        priority = getattr(self.interp_state, "priority", None) or 0
        if getattr(self.interp_state, "urgency", None) == Urgency.VITALE.value:
            priority = self.config.queues.max_priority
        try:
            await self._send_to_queue(self.config.queues.default, priority, label)
            self.outcome = "failed_over"
        except ChannelGone:
            self.outcome = self._abandoned_outcome()
        except (AriFailed, TimeoutError, CallError) as second:
            # Asterisk is unreachable: the TIMEOUT(absolute) safety net will move the caller.
            self.outcome = "failed_over"
            self.reason = f"{reason}; hand-off failed too: {second}"[:300]
            self._log.error("hand-off to the default queue failed; relying on TIMEOUT(absolute): %s", second)

    async def _teardown(self) -> None:
        try:
            await self._release_media()
        except Exception:
            self._log.exception("media teardown failed")
        finally:
            self._write_end()
            if self.state is not CallState.ENDED:
                self._set_state(CallState.ENDED)
            self.ended.set()

    def _write_end(self) -> None:
        if self._end_written:
            return
        self._end_written = True
        st = self.interp_state
        queue, priority = self._routed_to or (getattr(st, "queue", None), getattr(st, "priority", None))
        self.deps.recorder.call_ended(CallEnd(
            call_id=self.call_id, ended_at=self.deps.now(), outcome=self.outcome or "abandoned",
            queue=queue, priority=priority,
            intent=getattr(st, "intent", None), urgency=getattr(st, "urgency", None),
            unsure=bool(getattr(st, "unsure", False)), asked_for_person=bool(getattr(st, "asked_for_person", False)),
            path=tuple(getattr(st, "path", ()) or ()), reason=self.reason))

    # ------------------------------------------------------------ helpers

    def _set_state(self, new: CallState) -> None:
        if new is self.state and new in (CallState.PLAYING, CallState.LISTENING, CallState.DECIDING):
            return
        check_transition(self.state, new, self.call_id)
        self._log.debug("%s -> %s", self.state, new)
        self.state = new

    async def _ari(self, request: Awaitable[T]) -> T:
        """Every request to Asterisk is time-boxed here, whatever the transport does."""
        return await self._within(request, self.config.ari.request_timeout_s + 0.5)

    async def _within(self, awaitable: Awaitable[T], timeout: float) -> T:
        """``asyncio.wait_for`` that never loses a cancellation of the call flow. On Python 3.11, when what it
        awaits finishes in the same loop turn as the cancel, wait_for returns the result and drops the
        cancellation (fixed in 3.12): a hand-over or a hang-up would be ignored while the next prompt plays. The
        flow is only ever cancelled to stop it, so a pending cancel request always ends it."""
        result = await asyncio.wait_for(awaitable, timeout)
        if asyncio.current_task() is self._flow and _being_cancelled():
            raise asyncio.CancelledError
        return result

    async def _set_deadline(self) -> None:
        await self._ari(self.deps.ari.set_variable(
            self.channel_id, "TIMEOUT(absolute)", str(int(self.config.ari.stasis_deadline_s))))
        self._deadline_set_at = time.monotonic()

    async def _refresh_deadline(self) -> None:
        """Push the fail-open deadline back while the conversation goes on."""
        if time.monotonic() - self._deadline_set_at > self.config.ari.stasis_deadline_s / 3:
            await self._set_deadline()

    async def _lookup_profile(self) -> CallerProfile:
        try:
            return await self._within(self.deps.lookup.caller_profile(self.caller), self.config.ari.request_timeout_s)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the store being slow or down must not delay or break the call
            self._log.warning("caller lookup failed, continuing as unknown caller: %s", type(exc).__name__)
            self._event("error", {"state": "lookup", "reason": type(exc).__name__})
            return CallerProfile()

    def _record_start(self) -> None:
        self.deps.recorder.call_started(CallStart(
            call_id=self.call_id, channel_id=self.channel_id, started_at=self.deps.now(), caller=self.caller,
            tree=self.tree_name, instance=self.deps.instance))
        self._log.info("call started on channel %s (tree %s)", self.channel_id, self.tree_name)

    def _event(self, kind: str, data: dict[str, Any]) -> None:
        self._seq += 1
        self.deps.recorder.call_event(CallEvent(call_id=self.call_id, seq=self._seq, at=self.deps.now(),
                                                kind=kind, data=data))

    def _spawn(self, coro: Any, name: str) -> None:
        task = asyncio.create_task(coro, name=f"{self.call_id}-{name}")
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            # The audio reader died: the call cannot listen any more -> hand the caller to a human.
            self._log.error("call task %s failed", task.get_name(), exc_info=task.exception())
            if self._stop is None:
                self.hand_over(f"{task.get_name()} failed: {task.exception()}")

    async def _cancel_owned(self) -> None:
        tasks = [t for t in self._tasks if t is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        if tasks:
            # Time-boxed: some libraries swallow cancellation.
            await asyncio.wait(tasks, timeout=CANCEL_GRACE_S)


class CallLog(logging.LoggerAdapter):
    """Every log line of a call starts with its call id (never transcripts nor caller numbers)."""

    def process(self, msg: Any, kwargs: Any) -> tuple[Any, Any]:
        return f"[{self.extra['call_id']}] {msg}", kwargs  # type: ignore[index]


def _being_cancelled() -> bool:
    task = asyncio.current_task()
    return bool(task is not None and task.cancelling())


async def _quietly(request: Awaitable[Any], logger: logging.LoggerAdapter, what: str) -> None:
    try:
        await request
    except ChannelGone:
        pass
    except (AriFailed, TimeoutError, OSError) as exc:
        logger.warning("%s failed: %s", what, exc)
