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
    """Recognition is gated by voice detection: while a question waits for an answer the listener only runs
    its voice detector; the recogniser starts when the caller starts speaking (the listener replays the
    audio since just before the speech start, so no word is lost). A silent caller, or one who answers with
    a key, costs no recognition at all (measured: 10 calls answering with keys at the same moment, hand-off
    p50 0.77 s with the recogniser decoding their silence, 0.16 s without)."""

    def __init__(self, endpoint: RtpEndpoint, listener: CallListener, advertise_host: str):
        self.endpoint = endpoint
        self.listener = listener
        self._host = advertise_host
        self._armed = False  # a question is waiting for an answer
        self._recognising = False  # the recogniser runs (speech started)
        self._speech_pending = False  # the caller started speaking while we only watched (barge-in)

    @property
    def rtp_host(self) -> str:
        return self._host

    @property
    def rtp_port(self) -> int:
        return self.endpoint.port

    def watch_barge_in(self) -> None:
        self._armed = self._recognising = self._speech_pending = False
        self.listener.watch_barge_in()

    def arm(self) -> None:
        self._armed = True
        if self._speech_pending:
            self._recognise()
        else:
            self._recognising = False
            self.listener.watch_barge_in()  # voice detection only, until the caller speaks

    def disarm(self) -> None:
        self._armed = self._recognising = self._speech_pending = False
        self.listener.disarm()

    def _recognise(self) -> None:
        self._recognising = True
        self._speech_pending = False
        self.listener.arm(LISTENER_NO_INPUT_BACKSTOP_S, start_timer=False)

    async def events(self) -> AsyncIterator[AudioEvent]:
        while True:
            event = await self.listener.next_event()
            if isinstance(event, ListenerSpeechStarted):
                if self._armed and not self._recognising:
                    self._recognise()
                elif not self._armed:
                    self._speech_pending = True
                yield SpeechStarted()
            elif isinstance(event, Final):
                self._recognising = False
                yield SpeechFinal(event.text, event.speech_ended_at)
                if not event.text.strip() and self._armed:
                    self.listener.watch_barge_in()  # noise: keep waiting for real speech
            elif isinstance(event, NoInput) and self._armed:
                self._recognising = False
                self.listener.watch_barge_in()

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
