import pytest

from ari_triage.media.rtp import RtpError, RtpPacket, SequenceTracker, build_rtp, parse_rtp

# The first RTP header Asterisk 22 sent in the recorded call (captured/call_externalmedia_dtmf_continue.jsonl).
CAPTURED_FIRST_HEADER = "80763e66000001405bfbd9a9"


def test_parse_the_header_asterisk_sent():
    packet = parse_rtp(bytes.fromhex(CAPTURED_FIRST_HEADER) + bytes(640))
    assert packet.payload_type == 118  # slin16
    assert (packet.sequence, packet.timestamp, packet.ssrc) == (0x3E66, 320, 0x5BFBD9A9)
    assert len(packet.payload) == 640 and not packet.marker


def test_build_then_parse_round_trip():
    packet = RtpPacket(payload_type=118, sequence=65535, timestamp=0xFFFFFFF0, ssrc=0xDEADBEEF,
                       payload=b"\x01\x02" * 320, marker=True)
    data = build_rtp(packet)
    assert len(data) == 12 + 640
    assert data[:2] == bytes([0x80, 0x80 | 118])
    assert parse_rtp(data) == packet


def test_parse_known_header():
    data = bytes.fromhex("80760001000000a012345678") + b"\xaa\xbb"
    packet = parse_rtp(data)
    assert (packet.payload_type, packet.sequence, packet.timestamp, packet.ssrc) == (118, 1, 160, 0x12345678)
    assert packet.payload == b"\xaa\xbb" and not packet.marker


def test_parse_strips_csrcs_extension_and_padding():
    header = bytes([0x80 | 0x20 | 0x10 | 0x01, 0x00]) + bytes.fromhex("0002" "00000001" "00000002")
    csrc = bytes.fromhex("0000000a")
    extension = bytes.fromhex("bede0001") + b"\x11\x22\x33\x44"
    payload = b"\x55" * 4
    padding = b"\x00\x00\x03"
    packet = parse_rtp(header + csrc + extension + payload + padding)
    assert packet.csrcs == (10,)
    assert packet.payload == payload
    assert packet.payload_type == 0


@pytest.mark.parametrize("data", [b"", b"\x80" * 11, bytes.fromhex("40760001000000a012345678"),
                                  bytes([0x81, 0]) + bytes(10),  # CSRC count but no CSRC
                                  bytes([0xa0, 0]) + bytes(10) + b"\x00"])  # padding length 0
def test_parse_rejects_garbage(data):
    with pytest.raises(RtpError):
        parse_rtp(data)


def _packet(seq: int, ssrc: int = 1) -> RtpPacket:
    return RtpPacket(118, seq & 0xFFFF, seq * 320, ssrc, b"")


def test_tracker_in_order_and_wrap_around():
    tracker = SequenceTracker()
    delivered = [s for s in (65533, 65534, 65535, 0, 1) if tracker.accept(_packet(s))]
    assert delivered == [65533, 65534, 65535, 0, 1]
    assert tracker.stats.lost == 0


def test_tracker_drops_duplicates_and_late_packets_and_counts_losses():
    tracker = SequenceTracker()
    arrivals = [10, 11, 11, 13, 12, 14, 17, 18]
    delivered = [s for s in arrivals if tracker.accept(_packet(s))]
    assert delivered == [10, 11, 13, 14, 17, 18]
    stats = tracker.stats
    assert stats.duplicates == 1
    assert stats.late == 1  # 12 came after 13
    assert stats.lost == 2  # 15 and 16 never came (12 was counted lost, then arrived late)


def test_tracker_restarts_on_new_ssrc():
    tracker = SequenceTracker()
    assert tracker.accept(_packet(500, ssrc=1))
    assert tracker.accept(_packet(7, ssrc=2))  # Asterisk restarted the stream: not "late"
    assert tracker.accept(_packet(8, ssrc=2))
    assert tracker.stats.ssrc_changes == 1 and tracker.stats.late == 0 and tracker.stats.lost == 0
