"""UDP ports for RTP, one per active call, taken round-robin from ``media.rtp_port_min..rtp_port_max``."""

from __future__ import annotations

from collections.abc import Iterator

from ari_triage.errors import ConfigError


class PortAllocator:
    """Remembers which ports our own endpoints hold. Round-robin, so a port just released (whose last packets
    may still be in flight from Asterisk) is not handed to the next call at once."""

    def __init__(self, low: int, high: int):
        if not (1024 <= low <= high <= 65535):
            raise ConfigError(f"RTP port range {low}..{high} is invalid",
                              hint="media.rtp_port_min and rtp_port_max must satisfy 1024 <= min <= max <= 65535")
        self.low, self.high = low, high
        self._in_use: set[int] = set()
        self._cursor = low

    @property
    def in_use(self) -> frozenset[int]:
        return frozenset(self._in_use)

    @property
    def size(self) -> int:
        return self.high - self.low + 1

    def candidates(self) -> Iterator[int]:
        """Every port not held by us, once, starting after the last one handed out."""
        for step in range(self.size):
            port = self.low + (self._cursor - self.low + step) % self.size
            if port not in self._in_use:
                yield port

    def claim(self, port: int) -> None:
        self._in_use.add(port)
        self._cursor = port + 1 if port < self.high else self.low

    def release(self, port: int) -> None:
        self._in_use.discard(port)
