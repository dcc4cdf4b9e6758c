"""Audio codecs of Asterisk's externalMedia RTP stream, decoded to 16-bit signed PCM (numpy ``int16``).

- ``slin16``: 16 kHz signed linear, payload type 118, samples **big-endian** (network order), as recorded from
  Asterisk 22 (640-byte payloads every 20 ms).
- ``ulaw`` (G.711 µ-law, PT 0) and ``alaw`` (G.711 A-law, PT 8, the European trunk codec), 8 kHz.

G.711 is done with 256-entry decode tables and 65536-entry encode tables built once with numpy (the stdlib
``audioop`` is deprecated and gone in Python 3.13).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ari_triage.errors import ConfigError


def _ulaw_decode_table() -> np.ndarray:
    u = (~np.arange(256, dtype=np.int32)) & 0xFF
    sign = u & 0x80
    exponent = (u >> 4) & 0x07
    mantissa = u & 0x0F
    magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84
    return np.where(sign != 0, -magnitude, magnitude).astype(np.int16)


def _ulaw_encode_table() -> np.ndarray:
    # ITU-T G.711 µ-law on the 14-bit value, as the classic Sun reference code (and Asterisk) do it.
    pcm = np.arange(-32768, 32768, dtype=np.int32) >> 2
    mask = np.where(pcm < 0, 0x7F, 0xFF)
    magnitude = np.minimum(np.where(pcm < 0, -pcm, pcm), 8159) + (0x84 >> 2)
    seg = np.zeros_like(magnitude)
    for segment, end in enumerate((0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF)):
        seg = np.where((magnitude > end) & (seg == segment), segment + 1, seg)
    code = np.where(seg >= 8, 0x7F, (seg << 4) | ((magnitude >> (np.minimum(seg, 7) + 1)) & 0x0F)) ^ mask
    table = np.empty(65536, dtype=np.uint8)
    table[np.arange(-32768, 32768) & 0xFFFF] = code & 0xFF
    return table


def _alaw_decode_table() -> np.ndarray:
    a = np.arange(256, dtype=np.int32) ^ 0x55
    t = (a & 0x0F) << 4
    seg = (a & 0x70) >> 4
    t = np.where(seg == 0, t + 8, t + 0x108)
    t = np.where(seg > 1, t << np.maximum(seg - 1, 0), t)
    return np.where((a & 0x80) != 0, t, -t).astype(np.int16)


def _alaw_encode_table() -> np.ndarray:
    pcm = np.arange(-32768, 32768, dtype=np.int32) >> 3  # 13-bit
    mask = np.where(pcm >= 0, 0xD5, 0x55)
    magnitude = np.where(pcm >= 0, pcm, -pcm - 1)
    seg = np.zeros_like(magnitude)
    for segment, end in enumerate((0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF)):
        seg = np.where((magnitude > end) & (seg == segment), segment + 1, seg)
    low = np.where(seg < 2, (magnitude >> 1) & 0x0F, (magnitude >> np.maximum(seg, 1)) & 0x0F)
    code = np.where(seg >= 8, 0x7F, (seg << 4) | low) ^ mask
    table = np.empty(65536, dtype=np.uint8)
    table[np.arange(-32768, 32768) & 0xFFFF] = code & 0xFF
    return table


ULAW_DECODE = _ulaw_decode_table()
ALAW_DECODE = _alaw_decode_table()
ULAW_ENCODE = _ulaw_encode_table()
ALAW_ENCODE = _alaw_encode_table()


def decode_ulaw(payload: bytes) -> np.ndarray:
    return ULAW_DECODE[np.frombuffer(payload, dtype=np.uint8)]


def encode_ulaw(pcm: np.ndarray) -> bytes:
    return ULAW_ENCODE[np.asarray(pcm, dtype=np.int16).view(np.uint16)].tobytes()


def decode_alaw(payload: bytes) -> np.ndarray:
    return ALAW_DECODE[np.frombuffer(payload, dtype=np.uint8)]


def encode_alaw(pcm: np.ndarray) -> bytes:
    return ALAW_ENCODE[np.asarray(pcm, dtype=np.int16).view(np.uint16)].tobytes()


def decode_slin_be(payload: bytes) -> np.ndarray:
    if len(payload) % 2:
        payload = payload[:-1]  # a torn sample cannot be decoded; never raise on the media path
    return np.frombuffer(payload, dtype=">i2").astype(np.int16)


def encode_slin_be(pcm: np.ndarray) -> bytes:
    return np.asarray(pcm, dtype=np.int16).astype(">i2").tobytes()


@dataclass(frozen=True)
class Codec:
    """One RTP audio format: what Asterisk calls it, its payload type and rate, and how to (de)code it."""

    name: str  # the externalMedia ``format`` parameter
    payload_type: int
    sample_rate: int
    bytes_per_sample: int

    @property
    def asterisk_format(self) -> str:
        return self.name

    def frame_bytes(self, ms: int = 20) -> int:
        return self.sample_rate * ms // 1000 * self.bytes_per_sample

    def decode(self, payload: bytes) -> np.ndarray:
        return _DECODERS[self.name](payload)

    def encode(self, pcm: np.ndarray) -> bytes:
        return _ENCODERS[self.name](pcm)


SLIN16 = Codec("slin16", 118, 16000, 2)
ULAW = Codec("ulaw", 0, 8000, 1)
ALAW = Codec("alaw", 8, 8000, 1)
CODECS = {codec.name: codec for codec in (SLIN16, ULAW, ALAW)}

_DECODERS = {"slin16": decode_slin_be, "ulaw": decode_ulaw, "alaw": decode_alaw}
_ENCODERS = {"slin16": encode_slin_be, "ulaw": encode_ulaw, "alaw": encode_alaw}


def codec_for(name: str) -> Codec:
    try:
        return CODECS[name]
    except KeyError:
        raise ConfigError(f"unknown media format {name!r}", hint=f"use one of: {', '.join(CODECS)}") from None
