"""Audio as an Asterisk externalMedia channel sends it: RTP packets of 20 ms in slin16 (big-endian,
PT 118), ulaw (PT 0) or alaw (PT 8). The caller's "mouth" works in 16 kHz signed 16-bit samples.

Self-contained on purpose (G.711 from the ITU reference algorithm, numpy resampling): the fake must
not share code with the media layer it is used to test.
"""

from __future__ import annotations

import struct
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MOUTH_RATE = 16000
FRAME_MS = 20
MOUTH_FRAME_SAMPLES = MOUTH_RATE * FRAME_MS // 1000  # 320


@dataclass(frozen=True)
class ChannelFormat:
    name: str
    payload_type: int
    rate: int
    bytes_per_frame: int

    @property
    def samples_per_frame(self) -> int:
        return self.rate * FRAME_MS // 1000


FORMATS: dict[str, ChannelFormat] = {
    "slin16": ChannelFormat("slin16", 118, 16000, 640),
    "ulaw": ChannelFormat("ulaw", 0, 8000, 160),
    "alaw": ChannelFormat("alaw", 8, 8000, 160),
}

_SEG_UEND = np.array([0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF])
_SEG_AEND = np.array([0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF])


def ulaw_encode(samples: np.ndarray) -> bytes:
    pcm = samples.astype(np.int32) >> 2
    mask = np.where(pcm < 0, 0x7F, 0xFF)
    pcm = np.minimum(np.abs(pcm), 8159) + 33
    seg = np.searchsorted(_SEG_UEND, pcm, side="left")
    uval = np.where(seg >= 8, 0x7F, (np.minimum(seg, 7) << 4) | ((pcm >> (np.minimum(seg, 7) + 1)) & 0xF))
    return ((uval ^ mask) & 0xFF).astype(np.uint8).tobytes()


def ulaw_decode(data: bytes) -> np.ndarray:
    u = ~np.frombuffer(data, dtype=np.uint8).astype(np.int32) & 0xFF
    t = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4)
    return np.where(u & 0x80, 0x84 - t, t - 0x84).astype(np.int16)


def alaw_encode(samples: np.ndarray) -> bytes:
    pcm = samples.astype(np.int32) >> 3
    negative = pcm < 0
    mask = np.where(negative, 0x55, 0xD5)
    pcm = np.where(negative, -pcm - 1, pcm)
    seg = np.searchsorted(_SEG_AEND, pcm, side="left")
    segc = np.minimum(seg, 7)
    low = np.where(segc < 2, (pcm >> 1) & 0xF, (pcm >> np.maximum(segc, 1)) & 0xF)
    aval = np.where(seg >= 8, 0x7F, (segc << 4) | low)
    return ((aval ^ mask) & 0xFF).astype(np.uint8).tobytes()


def alaw_decode(data: bytes) -> np.ndarray:
    a = np.frombuffer(data, dtype=np.uint8).astype(np.int32) ^ 0x55
    t = (a & 0x0F) << 4
    seg = (a & 0x70) >> 4
    t = np.where(seg == 0, t + 8, t + 0x108)
    t = np.where(seg > 1, t << np.maximum(seg - 1, 0), t)
    return np.where(a & 0x80, t, -t).astype(np.int16)


def resample(samples: np.ndarray, rate_in: int, rate_out: int) -> np.ndarray:
    """Linear-interpolation resampling (good enough for test speech; Vosk copes)."""
    if rate_in == rate_out or len(samples) == 0:
        return samples.astype(np.int16)
    n_out = round(len(samples) * rate_out / rate_in)
    x_out = np.arange(n_out) * (rate_in / rate_out)
    out = np.interp(x_out, np.arange(len(samples)), samples.astype(np.float64))
    return np.clip(np.round(out), -32768, 32767).astype(np.int16)


def load_wav(path: str | Path) -> np.ndarray:
    """Any PCM WAV (espeak-ng writes 22050 Hz mono 16-bit) -> 16 kHz mono int16 (the caller's mouth)."""
    with wave.open(str(path), "rb") as wav:
        channels, width, rate = wav.getnchannels(), wav.getsampwidth(), wav.getframerate()
        raw = wav.readframes(wav.getnframes())
    if width == 2:
        data = np.frombuffer(raw, dtype="<i2").astype(np.int32)
    elif width == 1:
        data = (np.frombuffer(raw, dtype=np.uint8).astype(np.int32) - 128) << 8
    elif width == 4:
        data = np.frombuffer(raw, dtype="<i4").astype(np.int64) >> 16
    else:
        raise ValueError(f"{path}: unsupported WAV sample width {width}")
    if channels > 1:
        data = data.reshape(-1, channels).mean(axis=1)
    return resample(np.asarray(data, dtype=np.float64).astype(np.int16), rate, MOUTH_RATE)


def wav_duration_s(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / float(wav.getframerate())


def encode_frame(mouth_frame: np.ndarray, fmt: ChannelFormat) -> bytes:
    """One 20 ms frame of 16 kHz samples -> the RTP payload of the channel format."""
    if fmt.name == "slin16":
        return mouth_frame.astype(">i2").tobytes()  # network byte order, as Asterisk sends it
    narrow = resample(mouth_frame, MOUTH_RATE, fmt.rate)
    return ulaw_encode(narrow) if fmt.name == "ulaw" else alaw_encode(narrow)


def decode_payload(payload: bytes, fmt: ChannelFormat) -> np.ndarray:
    if fmt.name == "slin16":
        return np.frombuffer(payload, dtype=">i2").astype(np.int16)
    return ulaw_decode(payload) if fmt.name == "ulaw" else alaw_decode(payload)


def rtp_packet(payload_type: int, seq: int, timestamp: int, ssrc: int, payload: bytes, marker: bool = False) -> bytes:
    header = struct.pack("!BBHII", 0x80, (0x80 if marker else 0) | payload_type, seq & 0xFFFF,
                         timestamp & 0xFFFFFFFF, ssrc)
    return header + payload


def parse_rtp(packet: bytes) -> tuple[int, int, int, int, bytes] | None:
    """-> (payload_type, seq, timestamp, ssrc, payload) or None when not RTP version 2."""
    if len(packet) < 12 or packet[0] >> 6 != 2:
        return None
    first, second, seq, ts, ssrc = struct.unpack("!BBHII", packet[:12])
    offset = 12 + 4 * (first & 0x0F)
    if first & 0x10 and len(packet) >= offset + 4:  # header extension
        offset += 4 + 4 * struct.unpack("!H", packet[offset + 2:offset + 4])[0]
    payload = packet[offset:]
    if first & 0x20 and payload:  # padding
        payload = payload[: -payload[-1]]
    return second & 0x7F, seq, ts, ssrc, payload
