"""The small interfaces the call session needs from the layers below it (ARI transport, media/ASR,
prompts). The session is written against these Protocols only, so it can be driven by in-process fakes
in unit tests; ``ari_triage.calls.adapters`` binds them to the real ARI client and media layer.

Errors are the session's own vocabulary: the adapters translate the transport's typed errors into
:class:`ChannelGone` (404 / 409 / 422 "not in Stasis": nothing more can be done on that channel) and
:class:`AriFailed` (anything else Asterisk refused, or could not be reached). Timeouts are plain
``TimeoutError`` and are let through.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Protocol

from ari_triage.errors import TriageError
from ari_triage.tree.contract import Prompt

# ---------------------------------------------------------------- errors


class CallError(TriageError):
    """Something went wrong while handling one call (always carries the call id when known)."""

    code = "call"

    def __init__(self, message: str, *, call_id: str | None = None, hint: str | None = None):
        super().__init__(f"[{call_id}] {message}" if call_id else message, hint=hint)
        self.call_id = call_id


class AriFailed(CallError):
    """Asterisk answered an error (or could not be reached) for a request."""

    code = "ari-failed"

    def __init__(self, message: str, *, status: int | None = None, call_id: str | None = None):
        super().__init__(message, call_id=call_id)
        self.status = status


class ChannelGone(AriFailed):
    """The channel is hung up, unknown, or no longer in our Stasis application (404/409/422)."""

    code = "channel-gone"


# ---------------------------------------------------------------- ARI


@dataclass(frozen=True)
class ExternalMediaChannel:
    channel_id: str
    # Where Asterisk receives RTP for this channel (channelvars UNICASTRTP_LOCAL_ADDRESS/PORT).
    asterisk_rtp_host: str | None = None
    asterisk_rtp_port: int | None = None


@dataclass(frozen=True)
class StasisChannel:
    """A channel as listed by ``GET /channels`` (used to reconcile after a reconnect)."""

    channel_id: str
    name: str
    state: str
    app_name: str  # dialplan.app_name ("Stasis" while in an application)
    app_data: str  # dialplan.app_data ("ari-triage,inbound" ...)
    caller: str | None = None

    def in_stasis_app(self, app: str) -> bool:
        return self.app_name == "Stasis" and (self.app_data == app or self.app_data.startswith(app + ","))


class AriPort(Protocol):
    """The ARI requests a call session makes. Every method may raise ChannelGone, AriFailed or TimeoutError."""

    async def answer(self, channel_id: str) -> None: ...

    async def set_variable(self, channel_id: str, name: str, value: str) -> None: ...

    async def external_media(self, *, app: str, external_host: str, format: str) -> ExternalMediaChannel: ...

    async def snoop(self, channel_id: str, *, app: str) -> str:
        """A channel carrying what the caller says (spy=in), entering ``app``; returns its id."""
        ...

    async def create_bridge(self, name: str) -> str: ...

    async def add_to_bridge(self, bridge_id: str, channel_ids: list[str]) -> None: ...

    async def remove_from_bridge(self, bridge_id: str, channel_id: str) -> None: ...

    async def delete_bridge(self, bridge_id: str) -> None: ...

    async def hangup(self, channel_id: str) -> None: ...

    async def play(self, channel_id: str, media_uri: str, playback_id: str) -> None: ...

    async def stop_playback(self, playback_id: str) -> None: ...

    async def continue_in_dialplan(self, channel_id: str, context: str, extension: str, priority: int = 1) -> None: ...

    async def list_channels(self) -> list[StasisChannel]: ...

    async def list_bridges(self) -> list[tuple[str, str]]:
        """(id, name) of every bridge (reconcile deletes the ones a dead run of ours left behind)."""
        ...


# ---------------------------------------------------------------- media


@dataclass(frozen=True)
class SpeechStarted:
    """The caller started speaking (barge-in signal)."""


@dataclass(frozen=True)
class SpeechFinal:
    """End of the caller's turn (endpointing): the recognised text (may be empty: noise)."""

    text: str
    # time.monotonic() of the end of speech as the recogniser saw it (for latency figures); None if unknown
    speech_ended_at: float | None = None


AudioEvent = SpeechStarted | SpeechFinal


class CallAudio(Protocol):
    """One call's audio path: an RTP endpoint Asterisk's externalMedia channel sends to, and a streaming
    recogniser. ``watch_barge_in`` (while a prompt plays): voice detection only, SpeechStarted when the caller
    talks over the prompt, audio kept so the first words are not lost. ``arm``: a listening turn (recognition,
    SpeechStarted, then SpeechFinal). ``disarm``: idle. Events of an earlier turn are never delivered."""

    @property
    def rtp_host(self) -> str: ...

    @property
    def rtp_port(self) -> int: ...

    def watch_barge_in(self) -> None: ...

    def arm(self) -> None: ...

    def disarm(self) -> None: ...

    def events(self) -> AsyncIterator[AudioEvent]: ...

    async def close(self) -> None: ...


class MediaPort(Protocol):
    async def open_call_audio(self, call_id: str) -> CallAudio: ...


class PromptUris(Protocol):
    """Where Asterisk finds a prompt's audio (``sound:ari-triage/<hash>``)."""

    def uri_for(self, prompt: Prompt) -> str: ...
