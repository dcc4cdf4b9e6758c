"""The fake Asterisk's state: channels, bridges, playbacks, externalMedia RTP legs."""

from __future__ import annotations

import asyncio
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from ari_triage.fake_asterisk.audio import ChannelFormat, encode_frame, parse_rtp, rtp_packet
from ari_triage.fake_asterisk.script import PromptRecord

if TYPE_CHECKING:
    from ari_triage.fake_asterisk.call import FakeCall


def ari_timestamp(when: float | None = None) -> str:
    moment = datetime.fromtimestamp(time.time() if when is None else when, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}+0000"


class AriRefusal(Exception):
    """A REST request Asterisk would refuse: carries the status and message of the answer."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


# --- state ---------------------------------------------------------------------------------------------


@dataclass
class ExternalMedia:
    fmt: ChannelFormat
    remote: tuple[str, int]
    transport: asyncio.DatagramTransport | None = None
    local_port: int = 0
    seq: int = field(default_factory=lambda: random.randrange(0x10000))
    timestamp: int = 0
    ssrc: int = field(default_factory=lambda: random.getrandbits(32))
    packets_sent: int = 0
    packets_received: int = 0
    bytes_received: int = 0
    received_payload_types: set[int] = field(default_factory=set)
    received_payloads: list[bytes] = field(default_factory=list)  # capped

    def send(self, mouth_frame: np.ndarray) -> bool:
        if self.transport is None or self.transport.is_closing():
            return False
        self.timestamp = (self.timestamp + self.fmt.samples_per_frame) & 0xFFFFFFFF
        self.seq = (self.seq + 1) & 0xFFFF
        packet = rtp_packet(self.fmt.payload_type, self.seq, self.timestamp, self.ssrc,
                            encode_frame(mouth_frame, self.fmt))
        self.transport.sendto(packet, self.remote)
        self.packets_sent += 1
        return True


class RtpReceiver(asyncio.DatagramProtocol):
    def __init__(self, media: ExternalMedia):
        self.media = media

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        parsed = parse_rtp(data)
        if parsed is None:
            return
        self.media.packets_received += 1
        self.media.bytes_received += len(parsed[4])
        self.media.received_payload_types.add(parsed[0])
        if len(self.media.received_payloads) < 3000:  # one minute of audio is plenty for tests
            self.media.received_payloads.append(parsed[4])


@dataclass
class FakePlayback:
    id: str
    media: list[str]
    target_uri: str
    channel_id: str | None
    duration_s: float
    fails: bool
    record: PromptRecord | None
    state: str = "queued"
    blocking: bool = False  # started while its channel was not in a bridge: holds the channel's control queue
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    final_state: str = "done"

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "media_uri": self.media[0], "target_uri": self.target_uri, "language": "fr",
                "state": self.state}


@dataclass
class FakeChannel:
    id: str
    name: str
    state: str
    caller_name: str
    caller_number: str
    context: str
    exten: str
    priority: int
    app_name: str
    app_data: str
    creationtime: str
    kind: str  # caller, external or snoop
    stasis: str = "pending"  # pending, in, out
    app: str = ""
    args: tuple[str, ...] = ()
    connected_name: str = ""
    connected_number: str = ""
    channelvars: dict[str, str] | None = None
    variables: dict[str, str] = field(default_factory=dict)
    bridge_id: str | None = None
    pending_bridge_id: str | None = None
    current_playback: FakePlayback | None = None
    play_queue: list[FakePlayback] = field(default_factory=list)
    # Commands waiting behind a prompt: (kind, action, future of the REST request waiting for it or None).
    deferred: list[tuple[str, Callable[[], None], asyncio.Future[None] | None]] = field(default_factory=list)
    media: ExternalMedia | None = None
    call: FakeCall | None = None
    spied_id: str | None = None  # snoop channels: the channel they listen to
    spy: str = "none"
    deadline: asyncio.TimerHandle | None = None

    def to_json(self, with_vars: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id, "name": self.name, "state": self.state, "protocol_id": "",
            "caller": {"name": self.caller_name, "number": self.caller_number},
            "connected": {"name": self.connected_name, "number": self.connected_number},
            "accountcode": "",
            "dialplan": {"context": self.context, "exten": self.exten, "priority": self.priority,
                         "app_name": self.app_name, "app_data": self.app_data},
            "creationtime": self.creationtime, "language": "fr",
        }
        if with_vars and self.channelvars is not None:
            data["channelvars"] = dict(self.channelvars)
        return data

    @property
    def blocked(self) -> bool:
        return self.current_playback is not None and self.current_playback.blocking


@dataclass
class FakeBridge:
    id: str
    name: str
    bridge_type: str
    creationtime: str
    channels: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "technology": "simple_bridge", "bridge_type": self.bridge_type,
                "bridge_class": "stasis", "creator": "Stasis", "name": self.name, "channels": list(self.channels),
                "creationtime": self.creationtime, "video_mode": "talker"}


@dataclass
class Rule:
    method: str
    pattern: re.Pattern[str]
    status: int = 0
    message: str = ""
    delay_s: float = 0.0
    times: int | None = None
