"""Helpers for tests, the benchmark and the demo that drive the fake Asterisk directly: an event
recorder on the app's WebSocket and a UDP socket standing in for the app's RTP endpoint."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ari_triage.ari import AriClient, AriEvent, AriEvents, Bridge, Channel
from ari_triage.fake_asterisk.audio import parse_rtp


class EventRecorder:
    """Collects the typed events of the app's WebSocket."""

    def __init__(self, events: AriEvents):
        self.events = events
        self.seen: list[tuple[float, AriEvent]] = []
        self._changed = asyncio.Event()
        self._task = asyncio.create_task(self._collect())

    async def _collect(self) -> None:
        loop = asyncio.get_running_loop()
        async for event in self.events:
            self.seen.append((loop.time(), event))
            self._changed.set()

    async def wait_for(self, predicate: Callable[[AriEvent], bool], timeout_s: float = 2.0) -> AriEvent:
        async with asyncio.timeout(timeout_s):
            while True:
                for _t, event in self.seen:
                    if predicate(event):
                        return event
                self._changed.clear()
                await self._changed.wait()

    def types(self, channel_id: str | None = None) -> list[str]:
        return [e.type for _t, e in self.seen if channel_id is None or e.channel_id == channel_id]

    def time_of(self, predicate: Callable[[AriEvent], bool]) -> float:
        return next(t for t, e in self.seen if predicate(e))

    async def stop(self) -> None:
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)


@dataclass
class RtpSink(asyncio.DatagramProtocol):
    """The application's side of externalMedia: records each RTP packet with its arrival time."""

    packets: list[tuple[float, tuple[int, int, int, int, bytes]]] = field(default_factory=list)
    transport: asyncio.DatagramTransport | None = None
    not_rtp: int = 0

    def connection_made(self, transport: Any) -> None:
        self.transport = transport

    def datagram_received(self, data: bytes, addr: Any) -> None:
        parsed = parse_rtp(data)
        if parsed is None:
            self.not_rtp += 1
            return
        self.packets.append((asyncio.get_running_loop().time(), parsed))

    @classmethod
    async def open(cls) -> RtpSink:
        loop = asyncio.get_running_loop()
        _transport, sink = await loop.create_datagram_endpoint(cls, local_addr=("127.0.0.1", 0))
        return sink

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()

    @property
    def address(self) -> str:
        assert self.transport is not None
        host, port = self.transport.get_extra_info("sockname")[:2]
        return f"{host}:{port}"

    def payloads(self) -> list[bytes]:
        return [p[4] for _t, p in self.packets]


@dataclass
class Leg:
    media: Channel
    bridge: Bridge


async def bridge_caller(client: AriClient, channel_id: str, sink: RtpSink, fmt: str = "slin16") -> Leg:
    """The recommended order: answer, externalMedia, bridge both, (then play)."""
    await client.answer(channel_id)
    media = await client.external_media(sink.address, fmt)
    bridge = await client.create_bridge("triage-test")
    await client.add_channel(bridge.id, [channel_id, media.id])
    return Leg(media, bridge)
