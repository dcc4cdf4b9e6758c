import numpy as np
import pytest

from ari_triage.errors import ConfigError
from ari_triage.media.codecs import (
    ALAW,
    SLIN16,
    ULAW,
    codec_for,
    decode_alaw,
    decode_slin_be,
    decode_ulaw,
    encode_alaw,
    encode_slin_be,
    encode_ulaw,
)

# Reference values of ITU-T G.711 (as produced by the classic Sun reference code and Python's audioop).
PCM = np.array([0, -1, 32767, -32768, 1000], dtype=np.int16)


def test_ulaw_known_values():
    assert encode_ulaw(PCM) == bytes.fromhex("ff7e8000ce")
    assert decode_ulaw(bytes.fromhex("00807fff")).tolist() == [-32124, 32124, 0, 0]
    assert decode_ulaw(bytes.fromhex("ce")).tolist() == [988]


def test_alaw_known_values():
    assert encode_alaw(PCM) == bytes.fromhex("d555aa2afa")
    assert decode_alaw(bytes.fromhex("d555aa2a")).tolist() == [8, -8, 32256, -32256]
    assert decode_alaw(bytes.fromhex("fa")).tolist() == [1008]


@pytest.mark.parametrize(("encode", "decode"), [(encode_ulaw, decode_ulaw), (encode_alaw, decode_alaw)])
def test_g711_every_code_survives_a_round_trip(encode, decode):
    codes = bytes(range(256))
    pcm = decode(codes)
    again = encode(pcm)
    # µ-law has two zeros (0x7f and 0xff); every other code word maps back to itself
    assert decode(again).tolist() == pcm.tolist()
    assert sum(a != b for a, b in zip(again, codes, strict=True)) <= 1


@pytest.mark.parametrize(("encode", "decode"), [(encode_ulaw, decode_ulaw), (encode_alaw, decode_alaw)])
def test_g711_quantisation_error_is_logarithmic(encode, decode):
    pcm = np.arange(-32768, 32768, 7, dtype=np.int16)
    back = decode(encode(pcm)).astype(np.int32)
    error = np.abs(back - pcm.astype(np.int32))
    # 8-bit companding: error within ~3.2 % of the amplitude (plus a small absolute step near zero)
    assert np.all(error <= np.abs(pcm.astype(np.int32)) * 0.032 + 36)


def test_slin16_is_big_endian():
    assert decode_slin_be(b"\x01\x02\xff\xfe").tolist() == [0x0102, -2]
    assert encode_slin_be(np.array([0x0102, -2], dtype=np.int16)) == b"\x01\x02\xff\xfe"
    assert decode_slin_be(b"\x01\x02\x03").tolist() == [0x0102]  # a torn sample is dropped, not an error


def test_captured_asterisk_payloads_decode_as_big_endian_speech(captured_payloads):
    frame = SLIN16.frame_bytes(20)
    assert frame == 640 and len(captured_payloads) % frame == 0
    right = decode_slin_be(captured_payloads).astype(np.float64)
    wrong = np.frombuffer(captured_payloads, dtype="<i2").astype(np.float64)
    # Speech is low-pass: neighbouring samples correlate strongly in the right byte order, not in the wrong one.
    def smoothness(x):
        return np.corrcoef(x[:-1], x[1:])[0, 1]
    assert smoothness(right) > 0.5
    assert smoothness(wrong) < smoothness(right) - 0.3


def test_codec_table():
    assert (SLIN16.payload_type, SLIN16.sample_rate, SLIN16.frame_bytes()) == (118, 16000, 640)
    assert (ULAW.payload_type, ULAW.sample_rate, ULAW.frame_bytes()) == (0, 8000, 160)
    assert (ALAW.payload_type, ALAW.sample_rate, ALAW.frame_bytes()) == (8, 8000, 160)
    assert codec_for("alaw") is ALAW
    with pytest.raises(ConfigError, match="slin16"):
        codec_for("g729")
