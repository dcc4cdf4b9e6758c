"""In-process fakes of the ports a call session uses (ARI, media, prompts, store, interpreter), each
implementing the same Protocol as the real layer, so the session's state machine runs for real."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from ari_triage.calls.ports import AriFailed, AudioEvent, ChannelGone, ExternalMediaChannel, StasisChannel
from ari_triage.calls.session import CallDeps, CallSession
from ari_triage.config import Config
from ari_triage.nlu.result import Intent, NluResult, Urgency
from ari_triage.tree.contract import (
    CallerHungUp,
    CallStarted,
    Digit,
    Hangup,
    Listen,
    NoInput,
    Play,
    Prompt,
    RequestCallback,
    Route,
    RunHook,
    Transfer,
    Utterance,
)


class FakeAri:
    """Records every request; plays prompts for ``prompt_s`` seconds then reports PlaybackFinished."""

    def __init__(self, prompt_s: float = 0.05):
        self.requests: list[tuple[str, tuple]] = []
        self.prompt_s = prompt_s
        self.session: CallSession | None = None
        self.fail: dict[str, BaseException] = {}  # method name -> exception to raise
        self.hang: set[str] = set()  # methods that never answer
        self.add_422_times = 0
        self.playing: dict[str, asyncio.Task] = {}
        self.variables: dict[str, str] = {}
        self.channels: list[StasisChannel] = []
        self.bridges: list[tuple[str, str]] = []
        self._n = 0

    async def _req(self, name: str, *args: Any) -> None:
        self.requests.append((name, args))
        await asyncio.sleep(0)
        if name in self.hang:
            await asyncio.sleep(3600)
        if name in self.fail:
            raise self.fail[name]

    def names(self) -> list[str]:
        return [n for n, _ in self.requests]

    async def answer(self, channel_id: str) -> None:
        await self._req("answer", channel_id)

    async def set_variable(self, channel_id: str, name: str, value: str) -> None:
        await self._req("set_variable", channel_id, name, value)
        self.variables[name] = value

    async def external_media(self, *, app: str, external_host: str, format: str) -> ExternalMediaChannel:
        await self._req("external_media", app, external_host, format)
        self._n += 1
        cid = f"ext-{self._n}"
        session = self.session
        if session is not None:  # its StasisStart arrives a few ms later, as on the real server
            asyncio.get_running_loop().call_later(0.01, session.on_external_started, cid)
        return ExternalMediaChannel(cid, "127.0.0.1", 20000)

    async def snoop(self, channel_id: str, *, app: str) -> str:
        await self._req("snoop", channel_id, app)
        cid = f"snoop-{channel_id}"
        session = self.session
        if session is not None:
            asyncio.get_running_loop().call_later(0.01, session.on_external_started, cid)
        return cid

    async def create_bridge(self, name: str) -> str:
        await self._req("create_bridge", name)
        return "bridge-1"

    async def add_to_bridge(self, bridge_id: str, channel_ids: list[str]) -> None:
        await self._req("add_to_bridge", bridge_id, tuple(channel_ids))
        if self.add_422_times:
            self.add_422_times -= 1
            raise ChannelGone("Channel not in Stasis application", status=422)

    async def remove_from_bridge(self, bridge_id: str, channel_id: str) -> None:
        await self._req("remove_from_bridge", bridge_id, channel_id)

    async def delete_bridge(self, bridge_id: str) -> None:
        await self._req("delete_bridge", bridge_id)

    async def hangup(self, channel_id: str) -> None:
        await self._req("hangup", channel_id)

    async def play(self, channel_id: str, media_uri: str, playback_id: str) -> None:
        await self._req("play", channel_id, media_uri, playback_id)
        session = self.session

        async def finish() -> None:
            await asyncio.sleep(self.prompt_s)
            if session is not None:
                session.on_playback_finished(playback_id, "done")
        self.playing[playback_id] = asyncio.create_task(finish())

    async def stop_playback(self, playback_id: str) -> None:
        await self._req("stop_playback", playback_id)
        task = self.playing.pop(playback_id, None)
        if task is not None:
            task.cancel()
            if self.session is not None:
                self.session.on_playback_finished(playback_id, "done")

    async def continue_in_dialplan(self, channel_id: str, context: str, extension: str, priority: int = 1) -> None:
        await self._req("continue", channel_id, context, extension, priority)

    async def list_channels(self) -> list[StasisChannel]:
        await self._req("list_channels")
        return list(self.channels)

    async def list_bridges(self) -> list[tuple[str, str]]:
        await self._req("list_bridges")
        return list(self.bridges)


class FakeAudio:
    def __init__(self) -> None:
        self.queue: asyncio.Queue[AudioEvent] = asyncio.Queue()
        self.armed = False
        self.watching = False
        self.arm_count = 0
        self.closed = False

    @property
    def rtp_host(self) -> str:
        return "127.0.0.1"

    @property
    def rtp_port(self) -> int:
        return 40000

    def watch_barge_in(self) -> None:
        self.armed = True
        self.watching = True

    def arm(self) -> None:
        self.watching = False
        self.armed = True
        self.arm_count += 1

    def disarm(self) -> None:
        self.armed = False

    async def events(self) -> AsyncIterator[AudioEvent]:
        while True:
            yield await self.queue.get()

    async def close(self) -> None:
        self.closed = True


class FakeMedia:
    def __init__(self) -> None:
        self.audio = FakeAudio()

    async def open_call_audio(self, call_id: str) -> FakeAudio:
        return self.audio


class FakePrompts:
    def uri_for(self, prompt: Prompt) -> str:
        return f"sound:ari-triage/{prompt.key}"


class KeywordClassifier:
    """Maps keywords to intents (stands in for the trained model: the session only forwards its result)."""

    def classify(self, text: str) -> NluResult:
        if "douleur" in text:
            return NluResult(Intent.URGENCE, Urgency.VITALE, 0.9, False)
        if "rendez" in text:
            return NluResult(Intent.RDV_PRISE, Urgency.NORMALE, 0.9, False)
        return NluResult(Intent.AUTRE, Urgency.NORMALE, 0.2, True)


class MemoryRecorder:
    def __init__(self) -> None:
        self.starts: list = []
        self.events: list = []
        self.ends: list = []
        self.callbacks: list = []

    def call_started(self, record) -> None:
        self.starts.append(record)

    def call_event(self, record) -> None:
        self.events.append(record)

    def call_ended(self, record) -> None:
        self.ends.append(record)

    def callback_requested(self, record) -> None:
        self.callbacks.append(record)

    def kinds(self) -> list[str]:
        return [e.kind for e in self.events]


class FakeLookup:
    def __init__(self, slow: bool = False):
        self.slow = slow

    async def caller_profile(self, caller):
        from ari_triage.tree.contract import CallerProfile
        if self.slow:
            await asyncio.sleep(3600)
        return CallerProfile(known=caller == "0600000001")


class FakeHooks:
    def __init__(self) -> None:
        self.fired: list[tuple[str, dict, dict]] = []

    def fire(self, name, params, context, on_result) -> None:
        self.fired.append((name, params, context))
        on_result(name, True, "ok")


@dataclass(frozen=True)
class TState:
    done: bool = False
    outcome: str | None = None
    path: tuple[str, ...] = ()
    intent: str | None = None
    urgency: str | None = None
    unsure: bool = False
    asked_for_person: bool = False
    queue: str | None = None
    priority: int | None = None
    prompts: tuple[str, ...] = ()
    no_inputs: int = 0


@dataclass(frozen=True)
class Step:
    state: TState
    actions: tuple = field(default_factory=tuple)


def _p(key: str) -> Prompt:
    return Prompt(key=key, text=key)


class ScriptedInterpreter:
    """A tiny tree with the interpreter's contract: welcome+question, then route on speech or keys."""

    def start(self, tree, event: CallStarted) -> Step:
        return Step(TState(path=("accueil",)), (RunHook("sms", {"k": "v"}), Play(_p("bienvenue")),
                                                Play(_p("question")), Listen("motif", timeout_s=0.5)))

    def advance(self, tree, state: TState, event) -> Step:
        r = dataclasses.replace
        if isinstance(event, CallerHungUp):
            return Step(r(state, done=True, outcome="abandoned"))
        if isinstance(event, NoInput):
            if state.no_inputs == 0:
                return Step(r(state, no_inputs=1, path=(*state.path, "relance")),
                            (Play(_p("relance")), Listen("motif", timeout_s=0.3)))
            return Step(r(state, done=True, outcome="route", queue="accueil", priority=1),
                        (Route("accueil", 1, "no input"),))
        if isinstance(event, Digit):
            if event.digit == "9":
                return Step(r(state, done=True, outcome="hangup"), (Hangup("bye"),))
            if event.digit == "8":
                return Step(r(state, done=True, outcome="transfer"), (Transfer("15", "vitale"),))
            if event.digit == "7":
                return Step(r(state, done=True, outcome="callback"),
                            (RequestCallback("secretariat", "rappel"), Play(_p("rappel"), interruptible=False),
                             Hangup("callback")))
            return Step(r(state, done=True, outcome="route", queue="secretariat", priority=3,
                          path=(*state.path, "touche")), (Route("secretariat", 3, "key"),))
        if isinstance(event, Utterance):
            nlu = event.nlu
            if nlu.urgency == Urgency.VITALE:
                return Step(r(state, done=True, outcome="route", intent=nlu.intent.value, urgency="vitale",
                              queue="urgences", priority=10),
                            (Play(_p("conseil15"), interruptible=False), Route("urgences", 10, "vitale")))
            return Step(r(state, done=True, outcome="route", intent=nlu.intent.value, urgency=nlu.urgency.value,
                          queue="rdv", priority=5), (Route("rdv", 5, "motif"),))
        raise AssertionError(event)


class BrokenInterpreter(ScriptedInterpreter):
    def advance(self, tree, state, event):
        if isinstance(event, CallerHungUp):
            return super().advance(tree, state, event)
        raise RuntimeError("interpreter bug")


def make_session(config: Config | None = None, *, ari: FakeAri | None = None, interpreter=None,
                 lookup=None, hooks=None, caller: str | None = "0612345678") -> tuple[CallSession, dict]:
    config = config or Config()
    ari = ari or FakeAri()
    media = FakeMedia()
    recorder = MemoryRecorder()
    hooks = hooks or FakeHooks()
    deps = CallDeps(config=config, ari=ari, media=media, prompts=FakePrompts(), classifier=KeywordClassifier(),
                    recorder=recorder, lookup=lookup or FakeLookup(), interpreter=interpreter or ScriptedInterpreter(),
                    hooks=hooks)
    session = CallSession(deps, channel_id="chan-1", caller=caller, tree=object(), tree_name="test.yaml")
    ari.session = session
    return session, {"ari": ari, "audio": media.audio, "recorder": recorder, "hooks": hooks}


__all__ = ["AriFailed", "ChannelGone", "FakeAri", "make_session"]
