"""Typed ARI objects and events, parsed once at the edge.

Nothing deeper than this module handles raw ARI JSON. Field names are the Swagger property names of
``api_docs/*.json`` (tests check every non-optional field here is a required property there).
A malformed event raises :class:`MalformedEvent`; an event type we do not model becomes
:class:`UnknownEvent`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any, ClassVar

_EMPTY: Mapping[str, str] = MappingProxyType({})


class MalformedEvent(ValueError):
    """An ARI message that does not fit the API description. The message never quotes field values
    (they may hold caller numbers): only the event type and the name of the offending field."""


# --- helpers -------------------------------------------------------------------------------------------


def _get(data: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in data:
        raise MalformedEvent(f"{where}: missing field {key!r}")
    value = data[key]
    if kind is int and isinstance(value, bool):
        raise MalformedEvent(f"{where}: field {key!r} is not int")
    if not isinstance(value, kind):
        raise MalformedEvent(f"{where}: field {key!r} has the wrong type")
    return value


def _opt(data: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if data.get(key) is None:
        return None
    return _get(data, key, kind, where)


def parse_timestamp(text: str) -> datetime:
    """ARI timestamps look like ``2026-11-28T20:06:49.077+0000``."""
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%f%z")
    except ValueError:
        try:
            return datetime.fromisoformat(text)
        except ValueError as exc:
            raise MalformedEvent("timestamp is not an ARI date") from exc


# --- objects -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CallerId:
    name: str
    number: str

    @classmethod
    def from_json(cls, data: Any, where: str) -> CallerId:
        if not isinstance(data, Mapping):
            raise MalformedEvent(f"{where}: CallerID is not an object")
        return cls(name=_get(data, "name", str, where), number=_get(data, "number", str, where))


@dataclass(frozen=True)
class DialplanCep:
    """Where the channel is in the dialplan (``dialplan`` of a Channel; Swagger model DialplanCEP)."""

    context: str
    exten: str
    priority: int
    app_name: str
    app_data: str

    SWAGGER_MODEL: ClassVar[str] = "DialplanCEP"

    @classmethod
    def from_json(cls, data: Any, where: str) -> DialplanCep:
        if not isinstance(data, Mapping):
            raise MalformedEvent(f"{where}: dialplan is not an object")
        return cls(
            context=_get(data, "context", str, where),
            exten=_get(data, "exten", str, where),
            priority=_get(data, "priority", int, where),
            app_name=_get(data, "app_name", str, where),
            app_data=_get(data, "app_data", str, where),
        )


@dataclass(frozen=True)
class Channel:
    id: str
    name: str
    state: str
    caller: CallerId
    connected: CallerId
    dialplan: DialplanCep
    creationtime: str
    language: str
    channelvars: Mapping[str, str] = field(default_factory=lambda: _EMPTY, compare=False, hash=False)

    SWAGGER_MODEL: ClassVar[str] = "Channel"

    @property
    def caller_number(self) -> str:
        return self.caller.number

    @property
    def caller_name(self) -> str:
        return self.caller.name

    def in_stasis_app(self, app: str) -> bool:
        """True when the channel currently runs ``Stasis(app[,args])`` (how reconciliation finds our calls)."""
        data = self.dialplan.app_data
        return self.dialplan.app_name == "Stasis" and (data == app or data.startswith(app + ","))

    @property
    def is_helper(self) -> bool:
        """An externalMedia (``UnicastRTP/...``) or snoop (``Snoop/...``) channel the app created itself,
        not a caller: they enter the app too (StasisStart, GET /channels) and must not start a session."""
        return self.name.startswith(("UnicastRTP/", "Snoop/"))

    @property
    def unicastrtp_local(self) -> tuple[str, int] | None:
        """Where Asterisk receives RTP for an externalMedia channel (None for other channels)."""
        host = self.channelvars.get("UNICASTRTP_LOCAL_ADDRESS")
        port = self.channelvars.get("UNICASTRTP_LOCAL_PORT")
        if not host or not port:
            return None
        try:
            return host, int(port)
        except ValueError:
            return None

    @classmethod
    def from_json(cls, data: Any, where: str = "Channel") -> Channel:
        if not isinstance(data, Mapping):
            raise MalformedEvent(f"{where}: channel is not an object")
        variables = _opt(data, "channelvars", dict, where) or {}
        return cls(
            id=_get(data, "id", str, where),
            name=_get(data, "name", str, where),
            state=_get(data, "state", str, where),
            caller=CallerId.from_json(_get(data, "caller", dict, where), where + ".caller"),
            connected=CallerId.from_json(_get(data, "connected", dict, where), where + ".connected"),
            dialplan=DialplanCep.from_json(_get(data, "dialplan", dict, where), where + ".dialplan"),
            creationtime=_get(data, "creationtime", str, where),
            language=_get(data, "language", str, where),
            channelvars=MappingProxyType({str(k): "" if v is None else str(v) for k, v in variables.items()}),
        )


@dataclass(frozen=True)
class Bridge:
    id: str
    technology: str
    bridge_type: str
    bridge_class: str
    creator: str
    name: str
    channels: tuple[str, ...]
    creationtime: str

    SWAGGER_MODEL: ClassVar[str] = "Bridge"

    @classmethod
    def from_json(cls, data: Any, where: str = "Bridge") -> Bridge:
        if not isinstance(data, Mapping):
            raise MalformedEvent(f"{where}: bridge is not an object")
        channels = _get(data, "channels", list, where)
        if not all(isinstance(c, str) for c in channels):
            raise MalformedEvent(f"{where}: field 'channels' has the wrong type")
        return cls(
            id=_get(data, "id", str, where),
            technology=_get(data, "technology", str, where),
            bridge_type=_get(data, "bridge_type", str, where),
            bridge_class=_get(data, "bridge_class", str, where),
            creator=_get(data, "creator", str, where),
            name=_get(data, "name", str, where),
            channels=tuple(channels),
            creationtime=_get(data, "creationtime", str, where),
        )


@dataclass(frozen=True)
class Playback:
    id: str
    media_uri: str
    target_uri: str
    state: str  # queued, playing, continuing, done, failed (a stopped playback ends "done")

    SWAGGER_MODEL: ClassVar[str] = "Playback"

    @property
    def channel_id(self) -> str | None:
        return self.target_uri.removeprefix("channel:") if self.target_uri.startswith("channel:") else None

    @property
    def bridge_id(self) -> str | None:
        return self.target_uri.removeprefix("bridge:") if self.target_uri.startswith("bridge:") else None

    @classmethod
    def from_json(cls, data: Any, where: str = "Playback") -> Playback:
        if not isinstance(data, Mapping):
            raise MalformedEvent(f"{where}: playback is not an object")
        return cls(
            id=_get(data, "id", str, where),
            media_uri=_get(data, "media_uri", str, where),
            target_uri=_get(data, "target_uri", str, where),
            state=_get(data, "state", str, where),
        )


# --- events --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AriEvent:
    """Fields of Swagger ``Event`` (application, timestamp) plus the message ``type``."""

    type: str
    application: str
    timestamp: datetime

    @property
    def channel_id(self) -> str | None:
        """Id of the channel this event is about, if any (used to route events to call sessions)."""
        channel = getattr(self, "channel", None)
        if isinstance(channel, Channel):
            return channel.id
        playback = getattr(self, "playback", None)
        if isinstance(playback, Playback):
            return playback.channel_id
        return None


@dataclass(frozen=True)
class StasisStart(AriEvent):
    args: tuple[str, ...]
    channel: Channel
    replace_channel: Channel | None = None


@dataclass(frozen=True)
class StasisEnd(AriEvent):
    channel: Channel


@dataclass(frozen=True)
class ChannelDtmfReceived(AriEvent):
    digit: str
    duration_ms: int
    channel: Channel


@dataclass(frozen=True)
class PlaybackStarted(AriEvent):
    playback: Playback


@dataclass(frozen=True)
class PlaybackContinuing(AriEvent):
    playback: Playback


@dataclass(frozen=True)
class PlaybackFinished(AriEvent):
    playback: Playback


@dataclass(frozen=True)
class ChannelHangupRequest(AriEvent):
    channel: Channel
    cause: int | None = None
    soft: bool | None = None


@dataclass(frozen=True)
class ChannelDestroyed(AriEvent):
    cause: int
    cause_txt: str
    channel: Channel


@dataclass(frozen=True)
class ChannelStateChange(AriEvent):
    channel: Channel


@dataclass(frozen=True)
class ChannelVarset(AriEvent):
    variable: str
    value: str
    channel: Channel | None = None  # None for a global variable


@dataclass(frozen=True)
class ChannelEnteredBridge(AriEvent):
    bridge: Bridge
    channel: Channel | None = None


@dataclass(frozen=True)
class ChannelLeftBridge(AriEvent):
    bridge: Bridge
    channel: Channel


@dataclass(frozen=True)
class BridgeDestroyed(AriEvent):
    bridge: Bridge


@dataclass(frozen=True)
class ApplicationReplaced(AriEvent):
    """Another WebSocket registered our application name: this connection no longer gets events."""


@dataclass(frozen=True)
class UnknownEvent(AriEvent):
    """An event type we do not model (Dial, ChannelDialplan, ...). ``data`` is the raw JSON object;
    it may hold caller numbers: never log it."""

    data: Mapping[str, Any] = field(default_factory=lambda: _EMPTY, compare=False, hash=False, repr=False)


def _channel(data: Mapping[str, Any], key: str, where: str) -> Channel:
    return Channel.from_json(_get(data, key, dict, where), f"{where}.{key}")


def _opt_channel(data: Mapping[str, Any], key: str, where: str) -> Channel | None:
    raw = _opt(data, key, dict, where)
    return None if raw is None else Channel.from_json(raw, f"{where}.{key}")


def _bridge(data: Mapping[str, Any], where: str) -> Bridge:
    return Bridge.from_json(_get(data, "bridge", dict, where), where + ".bridge")


def _playback(data: Mapping[str, Any], where: str) -> Playback:
    return Playback.from_json(_get(data, "playback", dict, where), where + ".playback")


def _args(data: Mapping[str, Any], where: str) -> tuple[str, ...]:
    args = _get(data, "args", list, where)
    if not all(isinstance(a, str) for a in args):
        raise MalformedEvent(f"{where}: field 'args' has the wrong type")
    return tuple(args)


_BUILDERS: dict[str, Any] = {
    "StasisStart": lambda d, w: {
        "args": _args(d, w), "channel": _channel(d, "channel", w),
        "replace_channel": _opt_channel(d, "replace_channel", w)},
    "StasisEnd": lambda d, w: {"channel": _channel(d, "channel", w)},
    "ChannelDtmfReceived": lambda d, w: {
        "digit": _get(d, "digit", str, w), "duration_ms": _get(d, "duration_ms", int, w),
        "channel": _channel(d, "channel", w)},
    "PlaybackStarted": lambda d, w: {"playback": _playback(d, w)},
    "PlaybackContinuing": lambda d, w: {"playback": _playback(d, w)},
    "PlaybackFinished": lambda d, w: {"playback": _playback(d, w)},
    "ChannelHangupRequest": lambda d, w: {
        "channel": _channel(d, "channel", w), "cause": _opt(d, "cause", int, w), "soft": _opt(d, "soft", bool, w)},
    "ChannelDestroyed": lambda d, w: {
        "cause": _get(d, "cause", int, w), "cause_txt": _get(d, "cause_txt", str, w),
        "channel": _channel(d, "channel", w)},
    "ChannelStateChange": lambda d, w: {"channel": _channel(d, "channel", w)},
    "ChannelVarset": lambda d, w: {
        "variable": _get(d, "variable", str, w), "value": _get(d, "value", str, w),
        "channel": _opt_channel(d, "channel", w)},
    "ChannelEnteredBridge": lambda d, w: {"bridge": _bridge(d, w), "channel": _opt_channel(d, "channel", w)},
    "ChannelLeftBridge": lambda d, w: {"bridge": _bridge(d, w), "channel": _channel(d, "channel", w)},
    "BridgeDestroyed": lambda d, w: {"bridge": _bridge(d, w)},
    "ApplicationReplaced": lambda d, w: {},
}

EVENT_CLASSES: dict[str, type[AriEvent]] = {
    "StasisStart": StasisStart, "StasisEnd": StasisEnd, "ChannelDtmfReceived": ChannelDtmfReceived,
    "PlaybackStarted": PlaybackStarted, "PlaybackContinuing": PlaybackContinuing,
    "PlaybackFinished": PlaybackFinished, "ChannelHangupRequest": ChannelHangupRequest,
    "ChannelDestroyed": ChannelDestroyed, "ChannelStateChange": ChannelStateChange,
    "ChannelVarset": ChannelVarset, "ChannelEnteredBridge": ChannelEnteredBridge,
    "ChannelLeftBridge": ChannelLeftBridge, "BridgeDestroyed": BridgeDestroyed,
    "ApplicationReplaced": ApplicationReplaced,
}


def parse_event(message: str | bytes | Mapping[str, Any]) -> AriEvent:
    """Turn one WebSocket message into a typed event. Raises :class:`MalformedEvent`."""
    if isinstance(message, (str, bytes)):
        try:
            data = json.loads(message)
        except (ValueError, UnicodeDecodeError) as exc:
            raise MalformedEvent("message is not JSON") from exc
    else:
        data = message
    if not isinstance(data, Mapping):
        raise MalformedEvent("message is not a JSON object")
    event_type = _get(data, "type", str, "message")
    where = event_type if event_type.isidentifier() and len(event_type) < 64 else "event"
    application = _get(data, "application", str, where)
    timestamp = parse_timestamp(_get(data, "timestamp", str, where))
    builder = _BUILDERS.get(event_type)
    if builder is None:
        return UnknownEvent(type=event_type, application=application, timestamp=timestamp,
                            data=MappingProxyType(dict(data)))
    return EVENT_CLASSES[event_type](type=event_type, application=application, timestamp=timestamp,
                                     **builder(data, where))
