"""One asyncio UDP endpoint per call: receives the caller's audio from Asterisk's externalMedia channel.

It latches on the first source address (symmetric RTP: Asterisk sends from the port where it receives, so
:meth:`RtpEndpoint.send_pcm` can answer there), drops duplicates and late packets by sequence number, counts
losses, decodes the payload to ``int16`` PCM and queues :class:`AudioFrame` objects for the listener.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

import numpy as np

from ari_triage.config.model import MediaConfig
from ari_triage.errors import TriageError
from ari_triage.media.codecs import Codec, codec_for
from ari_triage.media.ports import PortAllocator
from ari_triage.media.rtp import RtpError, RtpPacket, RtpStats, SequenceTracker, build_rtp, parse_rtp

log = logging.getLogger(__name__)

QUEUE_FRAMES = 250  # 5 s of 20 ms frames; beyond that the consumer is stuck and old audio is worthless


class RtpPortsExhausted(TriageError):
    code = "rtp-ports-exhausted"


@dataclass(frozen=True)
class AudioFrame:
    """Decoded caller audio. ``received_at`` is ``time.monotonic()`` when the datagram arrived."""

    pcm: np.ndarray  # int16, mono
    sample_rate: int
    received_at: float
    sequence: int | None = None

    @property
    def duration_s(self) -> float:
        return len(self.pcm) / self.sample_rate


class _Protocol(asyncio.DatagramProtocol):
    def __init__(self, endpoint: RtpEndpoint):
        self.endpoint = endpoint
        self.lost: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.lost.done():
            self.lost.set_result(None)

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        self.endpoint._on_datagram(data, addr)

    def error_received(self, exc: Exception) -> None:
        # ICMP port unreachable after Asterisk dropped the channel: nothing to do, the call is ending.
        log.debug("RTP socket error on port %s: %s", self.endpoint.port, exc)


class RtpEndpoint:
    """Use :meth:`open`; always :meth:`close` (releases the port), or ``async with``."""

    def __init__(self, codec: Codec, host: str, port: int, allocator: PortAllocator | None):
        self.codec = codec
        self.host = host
        self.port = port
        self._allocator = allocator
        self._transport: asyncio.DatagramTransport | None = None
        self._protocol: _Protocol | None = None
        self._frames: asyncio.Queue[AudioFrame | None] = asyncio.Queue(maxsize=QUEUE_FRAMES)
        self._tracker = SequenceTracker()
        self.stats: RtpStats = self._tracker.stats
        self.overflows = 0
        self.remote: tuple[str, int] | None = None
        self._latched = False
        self._closed = False
        self._send_seq = random.randrange(0x10000)
        self._send_ts = random.randrange(0x100000000)
        self._send_ssrc = random.randrange(1, 0x100000000)

    @classmethod
    async def open(cls, media: MediaConfig, allocator: PortAllocator, codec: Codec | None = None) -> RtpEndpoint:
        """Bind ``media.rtp_bind_host`` on a free port of the allocator's range."""
        codec = codec or codec_for(media.format)
        loop = asyncio.get_running_loop()
        for port in allocator.candidates():
            endpoint = cls(codec, media.rtp_bind_host, port, allocator)
            try:
                transport, protocol = await loop.create_datagram_endpoint(
                    lambda ep=endpoint: _Protocol(ep), local_addr=(media.rtp_bind_host, port))
            except OSError:
                continue  # taken by another program: try the next one
            allocator.claim(port)
            endpoint._transport, endpoint._protocol = transport, protocol
            return endpoint
        raise RtpPortsExhausted(
            f"no free UDP port for RTP in {allocator.low}..{allocator.high} on {media.rtp_bind_host} "
            f"({len(allocator.in_use)} held by active calls)",
            hint="widen media.rtp_port_min..rtp_port_max or find what else uses these ports")

    def set_remote(self, addr: tuple[str, int]) -> None:
        """Where to send before any packet arrived (Asterisk's UNICASTRTP_LOCAL_ADDRESS/PORT); the first
        packet received still latches the real source."""
        if not self._latched:
            self.remote = addr

    # ------------------------------------------------------------------ receiving

    def _on_datagram(self, data: bytes, addr: tuple[str, int]) -> None:
        if self._closed:
            return
        if not self._latched:
            self.remote, self._latched = (addr[0], addr[1]), True
        elif (addr[0], addr[1]) != self.remote:
            self.stats.foreign += 1
            return
        try:
            packet = parse_rtp(data)
        except RtpError:
            self.stats.malformed += 1
            return
        if packet.payload_type != self.codec.payload_type:
            self.stats.malformed += 1  # e.g. comfort noise or telephone-event: not audio for us
            return
        if not self._tracker.accept(packet):
            return
        self.stats.received += 1
        frame = AudioFrame(self.codec.decode(packet.payload), self.codec.sample_rate, time.monotonic(),
                           packet.sequence)
        if self._frames.full():
            self.overflows += 1
            self._frames.get_nowait()
        self._frames.put_nowait(frame)

    async def frames(self) -> AsyncIterator[AudioFrame]:
        """Decoded frames in order until :meth:`close`."""
        while True:
            frame = await self._frames.get()
            if frame is None:
                return
            yield frame

    def get_nowait(self) -> AudioFrame | None:
        try:
            return self._frames.get_nowait()
        except asyncio.QueueEmpty:
            return None

    # ------------------------------------------------------------------ sending

    def send_pcm(self, pcm: np.ndarray, frame_ms: int = 20) -> int:
        """Send audio (int16 at the codec's rate) to the latched peer in 20 ms packets, all at once (callers
        that need real-time pacing pace themselves). Returns the number of packets sent; 0 with no peer."""
        if self._transport is None or self.remote is None or self._closed:
            return 0
        samples = self.codec.sample_rate * frame_ms // 1000
        pcm = np.asarray(pcm, dtype=np.int16)
        sent = 0
        for start in range(0, len(pcm), samples):
            chunk = pcm[start:start + samples]
            packet = RtpPacket(self.codec.payload_type, self._send_seq, self._send_ts, self._send_ssrc,
                               self.codec.encode(chunk))
            self._transport.sendto(build_rtp(packet), self.remote)
            self._send_seq = (self._send_seq + 1) & 0xFFFF
            self._send_ts = (self._send_ts + len(chunk)) & 0xFFFFFFFF
            sent += 1
        self.stats.sent += sent
        return sent

    # ------------------------------------------------------------------ lifetime

    @property
    def closed(self) -> bool:
        return self._closed

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._transport is not None:
            self._transport.close()
        if self._protocol is not None:
            # asyncio closes the socket on a later loop iteration: wait, so the port is really free on return
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(self._protocol.lost), 1.0)
        if self._allocator is not None:
            self._allocator.release(self.port)
        with contextlib.suppress(asyncio.QueueEmpty):
            while self._frames.full():
                self._frames.get_nowait()
        self._frames.put_nowait(None)

    async def __aenter__(self) -> RtpEndpoint:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
