"""RTP (RFC 3550) packets as Asterisk's externalMedia channel sends them, and sequence tracking.

Pure functions and small state objects: no sockets here (see :mod:`ari_triage.media.endpoint`).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

RTP_VERSION = 2
_HEADER = struct.Struct("!BBHII")


class RtpError(ValueError):
    """A datagram that is not a usable RTP packet (counted and dropped by the endpoint, never raised further)."""


@dataclass(frozen=True)
class RtpPacket:
    payload_type: int
    sequence: int
    timestamp: int
    ssrc: int
    payload: bytes
    marker: bool = False
    csrcs: tuple[int, ...] = ()


def parse_rtp(data: bytes) -> RtpPacket:
    """Parse one RTP datagram; CSRC list, header extension and padding are honoured and stripped."""
    if len(data) < _HEADER.size:
        raise RtpError(f"datagram of {len(data)} bytes is shorter than an RTP header")
    first, second, sequence, timestamp, ssrc = _HEADER.unpack_from(data)
    if first >> 6 != RTP_VERSION:
        raise RtpError(f"RTP version {first >> 6}, expected 2")
    offset = _HEADER.size
    csrc_count = first & 0x0F
    if len(data) < offset + 4 * csrc_count:
        raise RtpError("truncated CSRC list")
    csrcs = struct.unpack_from(f"!{csrc_count}I", data, offset) if csrc_count else ()
    offset += 4 * csrc_count
    if first & 0x10:  # header extension: 16-bit profile, 16-bit length in 32-bit words
        if len(data) < offset + 4:
            raise RtpError("truncated header extension")
        (words,) = struct.unpack_from("!H", data, offset + 2)
        offset += 4 + 4 * words
    end = len(data)
    if first & 0x20:  # padding: the last byte says how many bytes to drop
        padding = data[-1]
        if padding == 0 or end - padding < offset:
            raise RtpError("bad padding length")
        end -= padding
    if end < offset:
        raise RtpError("header longer than the datagram")
    return RtpPacket(
        payload_type=second & 0x7F,
        sequence=sequence,
        timestamp=timestamp,
        ssrc=ssrc,
        payload=bytes(data[offset:end]),
        marker=bool(second & 0x80),
        csrcs=tuple(csrcs),
    )


def build_rtp(packet: RtpPacket) -> bytes:
    first = (RTP_VERSION << 6) | len(packet.csrcs)
    second = (0x80 if packet.marker else 0) | (packet.payload_type & 0x7F)
    header = _HEADER.pack(first, second, packet.sequence & 0xFFFF, packet.timestamp & 0xFFFFFFFF,
                          packet.ssrc & 0xFFFFFFFF)
    csrcs = struct.pack(f"!{len(packet.csrcs)}I", *packet.csrcs) if packet.csrcs else b""
    return header + csrcs + packet.payload


@dataclass
class RtpStats:
    """Counters of one RTP stream (for logs and the benchmark; no audio content)."""

    received: int = 0  # packets accepted and decoded
    lost: int = 0  # sequence numbers never seen (gaps)
    duplicates: int = 0  # same sequence number again
    late: int = 0  # older than the newest packet already delivered (dropped)
    malformed: int = 0  # not RTP, or an unexpected payload type
    foreign: int = 0  # from another address than the latched source
    ssrc_changes: int = 0
    sent: int = 0


@dataclass
class SequenceTracker:
    """Decides, packet by packet, whether to deliver it, with 16-bit wrap-around.

    Packets are delivered in arrival order when newer than the last delivered one; older or repeated ones are
    dropped (a real-time recogniser gains nothing from a packet that arrives after its successors); gaps are
    counted as losses. A new SSRC (Asterisk restarted the stream) starts a fresh sequence.
    """

    stats: RtpStats = field(default_factory=RtpStats)
    _last: int | None = None
    _ssrc: int | None = None
    _recent: set[int] = field(default_factory=set)

    def accept(self, packet: RtpPacket) -> bool:
        if self._ssrc is not None and packet.ssrc != self._ssrc:
            self.stats.ssrc_changes += 1
            self._last = None
            self._recent.clear()
        self._ssrc = packet.ssrc
        if self._last is None:
            self._last = packet.sequence
            self._recent.add(packet.sequence)
            return True
        delta = (packet.sequence - self._last) & 0xFFFF
        if delta == 0:
            self.stats.duplicates += 1
            return False
        if delta >= 0x8000:  # behind the newest delivered packet
            if packet.sequence in self._recent:
                self.stats.duplicates += 1
            else:
                self.stats.late += 1  # counted as lost when the gap was seen; it came, only too late
                self.stats.lost = max(0, self.stats.lost - 1)
            return False
        if delta > 3000:  # a jump this large is a restarted sender, not 60 s of loss
            self._recent.clear()
        else:
            self.stats.lost += delta - 1
        self._last = packet.sequence
        self._recent.add(packet.sequence)
        if len(self._recent) > 64:
            self._recent = {s for s in self._recent if ((self._last - s) & 0xFFFF) < 32}
        return True
