import asyncio
import socket

import numpy as np
import pytest

from ari_triage.config.model import MediaConfig
from ari_triage.errors import ConfigError
from ari_triage.media.codecs import decode_slin_be, encode_alaw
from ari_triage.media.endpoint import RtpEndpoint, RtpPortsExhausted
from ari_triage.media.ports import PortAllocator
from ari_triage.media.rtp import RtpPacket, build_rtp, parse_rtp


def free_port_range(size: int) -> tuple[int, int]:
    """A range of ports that were free a moment ago (the allocator skips any taken meanwhile)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        base = probe.getsockname()[1]
    low = min(max(base, 20000), 60000)
    return low, low + size - 1


class Peer(asyncio.DatagramProtocol):
    """Plays Asterisk's side of the externalMedia RTP stream."""

    def __init__(self):
        self.received: asyncio.Queue[bytes] = asyncio.Queue()
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.received.put_nowait(data)

    @classmethod
    async def open(cls) -> "Peer":
        loop = asyncio.get_running_loop()
        _, peer = await loop.create_datagram_endpoint(cls, local_addr=("127.0.0.1", 0))
        return peer

    def send(self, port: int, packet: RtpPacket) -> None:
        self.transport.sendto(build_rtp(packet), ("127.0.0.1", port))

    def close(self):
        self.transport.close()


async def collect(endpoint: RtpEndpoint, count: int, timeout: float = 2.0) -> list:
    frames = []
    async with asyncio.timeout(timeout):
        async for frame in endpoint.frames():
            frames.append(frame)
            if len(frames) == count:
                break
    return frames


def media(low: int, high: int, fmt: str = "slin16") -> MediaConfig:
    return MediaConfig(rtp_bind_host="127.0.0.1", rtp_port_min=low, rtp_port_max=high, format=fmt)


async def test_ports_are_allocated_in_range_and_released_on_close():
    low, high = free_port_range(4)
    allocator = PortAllocator(low, high)
    first = await RtpEndpoint.open(media(low, high), allocator)
    second = await RtpEndpoint.open(media(low, high), allocator)
    assert low <= first.port <= high and low <= second.port <= high and first.port != second.port
    assert allocator.in_use == {first.port, second.port}
    await first.close()
    await second.close()
    assert allocator.in_use == frozenset()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as again:
        again.bind(("127.0.0.1", first.port))  # the socket was really closed


async def test_a_port_taken_by_another_program_is_skipped_and_exhaustion_is_clear():
    low, high = free_port_range(2)
    allocator = PortAllocator(low, high)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as squatter:
        squatter.bind(("127.0.0.1", low))
        endpoint = await RtpEndpoint.open(media(low, high), allocator)
        assert endpoint.port == high
        with pytest.raises(RtpPortsExhausted, match=f"{low}..{high}"):
            await RtpEndpoint.open(media(low, high), allocator)
        await endpoint.close()


def test_port_range_is_validated():
    with pytest.raises(ConfigError, match="rtp_port_min"):
        PortAllocator(5000, 4000)


async def test_receives_the_captured_asterisk_stream(captured_payloads):
    low, high = free_port_range(2)
    endpoint = await RtpEndpoint.open(media(low, high), PortAllocator(low, high))
    peer = await Peer.open()
    payloads = [captured_payloads[i:i + 640] for i in range(0, len(captured_payloads), 640)]
    for i, payload in enumerate(payloads):
        peer.send(endpoint.port, RtpPacket(118, (0x3E66 + i) & 0xFFFF, 320 * (i + 1), 0x5BFBD9A9, payload))
        if i % 20 == 19:
            await asyncio.sleep(0.001)  # let the receiver drain its socket buffer
    frames = await collect(endpoint, len(payloads))
    pcm = np.concatenate([f.pcm for f in frames])
    assert np.array_equal(pcm, decode_slin_be(captured_payloads))
    assert all(f.sample_rate == 16000 and len(f.pcm) == 320 for f in frames)
    assert endpoint.stats.received == len(payloads) and endpoint.stats.lost == 0
    peer.close()
    await endpoint.close()


async def test_latches_on_first_source_ignores_others_and_sends_back():
    low, high = free_port_range(2)
    endpoint = await RtpEndpoint.open(media(low, high), PortAllocator(low, high))
    asterisk, intruder = await Peer.open(), await Peer.open()
    asterisk.send(endpoint.port, RtpPacket(118, 1, 0, 7, encode_be([100] * 320)))
    await collect(endpoint, 1)
    intruder.send(endpoint.port, RtpPacket(118, 2, 320, 9, encode_be([5] * 320)))
    asterisk.send(endpoint.port, RtpPacket(118, 2, 320, 7, encode_be([200] * 320)))
    (frame,) = await collect(endpoint, 1)
    assert frame.pcm[0] == 200
    assert endpoint.stats.foreign == 1
    # symmetric RTP: audio goes back to where Asterisk sends from
    assert endpoint.send_pcm(np.full(640, 1234, dtype=np.int16)) == 2
    async with asyncio.timeout(2):
        back = [parse_rtp(await asterisk.received.get()) for _ in range(2)]
    assert [p.payload_type for p in back] == [118, 118]
    assert back[1].sequence == (back[0].sequence + 1) & 0xFFFF and back[1].timestamp == back[0].timestamp + 320
    assert decode_slin_be(back[0].payload).tolist() == [1234] * 320
    assert intruder.received.empty()
    asterisk.close()
    intruder.close()
    await endpoint.close()


def encode_be(samples: list[int]) -> bytes:
    return np.array(samples, dtype=">i2").tobytes()


async def test_duplicates_late_packets_and_other_payload_types_are_dropped():
    low, high = free_port_range(2)
    endpoint = await RtpEndpoint.open(media(low, high), PortAllocator(low, high))
    peer = await Peer.open()
    for seq in (1, 2, 2, 4, 3, 5):
        peer.send(endpoint.port, RtpPacket(118, seq, seq * 320, 7, encode_be([seq] * 320)))
    peer.send(endpoint.port, RtpPacket(101, 6, 6 * 320, 7, b"\x01\x00\x00\xa0"))  # telephone-event
    peer.transport.sendto(b"not rtp", ("127.0.0.1", endpoint.port))
    frames = await collect(endpoint, 4)
    assert [f.sequence for f in frames] == [1, 2, 4, 5]
    await asyncio.sleep(0.05)
    assert endpoint.get_nowait() is None
    stats = endpoint.stats
    assert (stats.duplicates, stats.late, stats.malformed) == (1, 1, 2)
    peer.close()
    await endpoint.close()


async def test_alaw_stream_decodes_at_8khz():
    low, high = free_port_range(2)
    endpoint = await RtpEndpoint.open(media(low, high, "alaw"), PortAllocator(low, high))
    assert endpoint.codec.payload_type == 8 and endpoint.codec.asterisk_format == "alaw"
    peer = await Peer.open()
    samples = np.linspace(-20000, 20000, 160).astype(np.int16)
    peer.send(endpoint.port, RtpPacket(8, 1, 0, 7, encode_alaw(samples)))
    (frame,) = await collect(endpoint, 1)
    assert frame.sample_rate == 8000 and len(frame.pcm) == 160
    assert np.max(np.abs(frame.pcm.astype(int) - samples)) <= 20000 * 0.032 + 16
    peer.close()
    await endpoint.close()


async def test_frames_iteration_ends_when_closed():
    low, high = free_port_range(2)
    endpoint = await RtpEndpoint.open(media(low, high), PortAllocator(low, high))

    async def drain():
        return [f async for f in endpoint.frames()]

    task = asyncio.create_task(drain())
    await asyncio.sleep(0.01)
    await endpoint.close()
    assert await asyncio.wait_for(task, 1) == []
    assert endpoint.send_pcm(np.zeros(320, dtype=np.int16)) == 0
