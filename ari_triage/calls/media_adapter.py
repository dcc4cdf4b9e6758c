"""Binds the session's :class:`MediaPort` to the media layer: one RTP endpoint (Asterisk's externalMedia
channel sends the caller's audio to it) and one streaming listener per call, sharing the Vosk engine."""

from __future__ import annotations

from collections.abc import AsyncIterator

from ari_triage.calls.ports import AudioEvent, SpeechFinal, SpeechStarted
from ari_triage.config import Config
from ari_triage.media.endpoint import PortAllocator, RtpEndpoint
from ari_triage.media.listener import CallListener, Final, NoInput
from ari_triage.media.listener import SpeechStarted as ListenerSpeechStarted

# The session runs the no-input timer itself (it starts when the question's prompts end); the
# listener's own timer is only a backstop.
LISTENER_NO_INPUT_BACKSTOP_S = 600.0


class ListenerAudio:
    def __init__(self, endpoint: RtpEndpoint, listener: CallListener, advertise_host: str):
        self.endpoint = endpoint
        self.listener = listener
        self._host = advertise_host
        self._armed = False

    @property
    def rtp_host(self) -> str:
        return self._host

    @property
    def rtp_port(self) -> int:
        return self.endpoint.port

    def watch_barge_in(self) -> None:
        self._armed = False
        self.listener.watch_barge_in()

    def arm(self) -> None:
        self._armed = True
        self.listener.arm(LISTENER_NO_INPUT_BACKSTOP_S, start_timer=False)

    def disarm(self) -> None:
        self._armed = False
        self.listener.disarm()

    async def events(self) -> AsyncIterator[AudioEvent]:
        while True:
            event = await self.listener.next_event()
            if isinstance(event, ListenerSpeechStarted):
                yield SpeechStarted()
            elif isinstance(event, Final):
                yield SpeechFinal(event.text, event.speech_ended_at)
                if not event.text.strip() and self._armed:
                    self.listener.arm(LISTENER_NO_INPUT_BACKSTOP_S, start_timer=False)  # noise: keep listening
            elif isinstance(event, NoInput) and self._armed:
                self.listener.arm(LISTENER_NO_INPUT_BACKSTOP_S, start_timer=False)

    async def close(self) -> None:
        try:
            await self.listener.close()
        finally:
            await self.endpoint.close()


class ListenerMedia:
    def __init__(self, config: Config, engine: object):
        self.config = config
        self.engine = engine
        self.ports = PortAllocator(config.media.rtp_port_min, config.media.rtp_port_max)

    async def open_call_audio(self, call_id: str) -> ListenerAudio:
        endpoint = await RtpEndpoint.open(self.config.media, self.ports)
        try:
            listener = CallListener(self.engine, self.config.asr, call_id=call_id)  # type: ignore[arg-type]
            listener.follow(endpoint)
        except BaseException:
            await endpoint.close()
            raise
        return ListenerAudio(endpoint, listener, self.config.media.rtp_advertise_host)
