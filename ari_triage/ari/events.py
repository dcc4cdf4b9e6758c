"""AriEvents: the ARI WebSocket (``/ari/events?app=<app>&subscribeAll=false``) with reconnection.

Whether an error is worth a reconnect, and how long to wait, is decided by one pure, replaceable
function (:func:`default_retry_policy`). After every (re)connection the ``on_connected`` callback runs
(the application reconciles its calls there: GET /channels); events keep being read meanwhile, so the
callback may make REST calls and wait for their events.

Usage::

    events = AriEvents.from_config(config.ari, on_connected=reconcile)
    async with events:                     # starts the connection task
        async for event in events:         # typed events, forever (until close())
            ...
"""

from __future__ import annotations

import asyncio
import base64
import enum
import logging
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

import websockets
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus, InvalidURI

from ari_triage.ari.errors import AriAuthError, AriError
from ari_triage.ari.models import AriEvent, MalformedEvent, parse_event
from ari_triage.errors import ConfigError

log = logging.getLogger(__name__)


class ConnectionState(enum.Enum):
    CONNECTING = "connecting"
    CONNECTED = "connected"
    WAITING = "waiting to reconnect"
    CLOSED = "closed"


@dataclass(frozen=True)
class RetryDecision:
    """What to do after a connection attempt failed or a connection dropped."""

    retry: bool
    delay_s: float = 0.0
    reason: str = ""


def backoff_delay(attempt: int, initial_s: float, max_s: float, rand: Callable[[], float] = random.random) -> float:
    """Exponential back-off with jitter: attempt 0 waits ``initial_s``; attempt n waits a random time
    between ``initial_s`` and ``min(max_s, initial_s * 2**n)``."""
    ceiling = min(max_s, initial_s * (2 ** min(attempt, 30)))
    return min(max_s, initial_s + rand() * max(0.0, ceiling - initial_s))


def default_retry_policy(exc: BaseException, attempt: int, initial_s: float, max_s: float,
                         rand: Callable[[], float] = random.random) -> RetryDecision:
    """Pure function: is ``exc`` worth a reconnect, and after how long?

    Not retried: refused credentials (401/403) and a malformed URL: those need a person to fix the
    configuration. Everything else (connection refused while Asterisk restarts, drops, timeouts, 5xx, a
    404 while ARI modules load) is retried for ever, with back-off.
    """
    if isinstance(exc, InvalidStatus) and exc.response.status_code in (401, 403):
        return RetryDecision(False, reason=f"Asterisk refused the ARI credentials ({exc.response.status_code})")
    if isinstance(exc, (InvalidURI, ConfigError)):
        return RetryDecision(False, reason="the ARI URL is invalid")
    if isinstance(exc, (OSError, TimeoutError, ConnectionClosed, websockets.exceptions.WebSocketException,
                        EOFError, AriError)):
        return RetryDecision(True, backoff_delay(attempt, initial_s, max_s, rand), type(exc).__name__)
    return RetryDecision(False, reason=f"unexpected {type(exc).__name__}")


RetryPolicy = Callable[[BaseException, int], RetryDecision]
OnConnected = Callable[[], Awaitable[None]]


def events_url(base_url: str, app: str) -> str:
    """``http://host:8088`` -> ``ws://host:8088/ari/events?app=<app>&subscribeAll=false``."""
    parts = urlsplit(base_url.rstrip("/"))
    scheme = {"http": "ws", "https": "wss", "ws": "ws", "wss": "wss"}.get(parts.scheme)
    if scheme is None or not parts.netloc:
        raise ConfigError(f"ari.url {base_url!r} is not an http:// URL of Asterisk's HTTP server")
    query = urlencode({"app": app, "subscribeAll": "false"})
    return urlunsplit((scheme, parts.netloc, parts.path + "/ari/events", query, ""))


class AriEvents:
    """One application's ARI event stream, reconnecting for ever until :meth:`close`."""

    def __init__(self, base_url: str, username: str, password: str, app: str, *,
                 on_connected: OnConnected | None = None, reconnect_initial_s: float = 0.5,
                 reconnect_max_s: float = 30.0, policy: RetryPolicy | None = None,
                 open_timeout_s: float = 5.0):
        if not password:
            raise ConfigError("the ARI password is empty",
                              hint="set ARI_TRIAGE_ARI_PASSWORD to the password of the ARI user in ari.conf")
        self.url = events_url(base_url, app)
        self.app = app
        token = base64.b64encode(f"{username}:{password}".encode()).decode()
        self._headers = {"Authorization": f"Basic {token}"}
        self.on_connected = on_connected
        self.policy: RetryPolicy = policy or (
            lambda exc, attempt: default_retry_policy(exc, attempt, reconnect_initial_s, reconnect_max_s))
        self.open_timeout_s = open_timeout_s
        self.state = ConnectionState.CLOSED
        self.connections = 0  # successful connections so far
        self.fatal_error: AriError | None = None
        self._queue: asyncio.Queue[AriEvent | None] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None
        self._ws: ClientConnection | None = None
        self._closing = False
        self._connected = asyncio.Event()

    @classmethod
    def from_config(cls, ari_config: Any, **kwargs: Any) -> AriEvents:
        return cls(ari_config.url, ari_config.username, ari_config.password, ari_config.app,
                   reconnect_initial_s=ari_config.reconnect_initial_s, reconnect_max_s=ari_config.reconnect_max_s,
                   **kwargs)

    # --- lifecycle -------------------------------------------------------------------------------------

    def start(self) -> None:
        if self._task is None:
            self._closing = False
            self._task = asyncio.create_task(self._run(), name=f"ari-events:{self.app}")

    async def __aenter__(self) -> AriEvents:
        self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        """Close the WebSocket and stop reconnecting. Iterators end."""
        self._closing = True
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                if not task.cancelled():
                    raise
        self._set_state(ConnectionState.CLOSED)
        self._queue.put_nowait(None)

    async def wait_connected(self, timeout_s: float | None = None) -> None:
        """Wait until the WebSocket is connected (and on_connected has been started)."""
        async with asyncio.timeout(timeout_s):
            await self._connected.wait()

    # --- delivery --------------------------------------------------------------------------------------

    def __aiter__(self) -> AsyncIterator[AriEvent]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[AriEvent]:
        while True:
            event = await self._queue.get()
            if event is None:
                if self.fatal_error is not None:
                    raise self.fatal_error
                return
            yield event

    async def run(self, handler: Callable[[AriEvent], Awaitable[None]]) -> None:
        """Callback style: start, then await ``handler(event)`` for each event until closed."""
        self.start()
        async for event in self:
            await handler(event)

    # --- connection loop -------------------------------------------------------------------------------

    def _set_state(self, state: ConnectionState, detail: str = "") -> None:
        if state is not self.state:
            self.state = state
            log.info("ARI events %s: %s%s", self.app, state.value, f" ({detail})" if detail else "")
        if state is ConnectionState.CONNECTED:
            self._connected.set()
        else:
            self._connected.clear()

    async def _run(self) -> None:
        attempt = 0
        while not self._closing:
            self._set_state(ConnectionState.CONNECTING)
            try:
                async with connect(self.url, additional_headers=self._headers, open_timeout=self.open_timeout_s,
                                   ping_interval=20, ping_timeout=20, max_size=2**22) as ws:
                    self._ws = ws
                    attempt = 0
                    self.connections += 1
                    self._set_state(ConnectionState.CONNECTED)
                    await self._read(ws)
                    # The server closed cleanly: still a drop for us.
                    raise ConnectionClosed(ws.close_rcvd, ws.close_sent)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # every failure goes through the retry policy
                decision = self.policy(exc, attempt)
                if not decision.retry:
                    self.fatal_error = AriAuthError(f"ARI events: giving up: {decision.reason}") \
                        if "credentials" in decision.reason else AriError(f"ARI events: giving up: {decision.reason}")
                    log.error("ARI events %s: %s", self.app, self.fatal_error)
                    self._set_state(ConnectionState.CLOSED, decision.reason)
                    self._queue.put_nowait(None)
                    return
                self._set_state(ConnectionState.WAITING, f"{decision.reason}, retry in {decision.delay_s:.2f} s")
                attempt += 1
                await asyncio.sleep(decision.delay_s)
            finally:
                self._ws = None

    async def _read(self, ws: ClientConnection) -> None:
        callback: asyncio.Task[None] | None = None
        if self.on_connected is not None:
            callback = asyncio.create_task(self._call_on_connected(), name=f"ari-on-connected:{self.app}")
        try:
            async for message in ws:
                try:
                    event = parse_event(message)
                except MalformedEvent as exc:
                    # The reason names the event type and field only: payloads may hold caller numbers.
                    log.warning("ARI events %s: ignored a malformed event: %s", self.app, exc)
                    continue
                self._queue.put_nowait(event)
        finally:
            if callback is not None and not callback.done():
                callback.cancel()

    async def _call_on_connected(self) -> None:
        assert self.on_connected is not None
        try:
            await self.on_connected()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("ARI events %s: on_connected callback failed", self.app)

    async def drop(self) -> None:
        """Close the current socket without stopping (tests: forces a reconnect)."""
        if self._ws is not None:
            await self._ws.close()
