"""A small HTTP/1.1 server (keep-alive) whose ``/ari/events`` upgrades to a WebSocket, like Asterisk's
HTTP server: REST and events share one port. The WebSocket protocol itself is websockets' sans-I/O
``ServerProtocol``; only the byte shuffling is here."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from websockets.exceptions import InvalidState
from websockets.frames import Opcode
from websockets.http11 import Request as WsRequest
from websockets.server import ServerProtocol

log = logging.getLogger(__name__)

_REASONS = {200: "OK", 201: "Created", 204: "No Content", 400: "Bad Request", 401: "Unauthorized",
            404: "Not Found", 405: "Method Not Allowed", 409: "Conflict", 412: "Precondition Failed",
            422: "Unprocessable Entity", 500: "Internal Server Error", 501: "Not Implemented",
            503: "Service Unavailable"}


@dataclass
class HttpRequest:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes


@dataclass
class HttpResponse:
    status: int
    body: Any = None  # JSON-serialisable, or None for an empty body

    def encode(self) -> bytes:
        payload = b"" if self.body is None else json.dumps(self.body).encode()
        head = [f"HTTP/1.1 {self.status} {_REASONS.get(self.status, 'Status')}", "Server: Asterisk/22.10.1",
                f"Content-Length: {len(payload)}", "Connection: keep-alive"]
        if payload:
            head.append("Content-Type: application/json")
        return ("\r\n".join(head) + "\r\n\r\n").encode() + payload


@dataclass
class WebSocketPeer:
    """One accepted WebSocket; ``send_text`` is synchronous (queued on the transport, like Asterisk)."""

    protocol: ServerProtocol
    writer: asyncio.StreamWriter
    query: dict[str, list[str]]
    closed: asyncio.Event = field(default_factory=asyncio.Event)

    def _flush(self) -> None:
        for data in self.protocol.data_to_send():
            if data:
                self.writer.write(data)
            elif self.writer.can_write_eof():
                self.writer.write_eof()

    def send_text(self, text: str) -> None:
        if self.closed.is_set():
            return
        try:
            self.protocol.send_text(text.encode())
            self._flush()
        except (InvalidState, OSError, RuntimeError):
            # The peer went away between two events; the reader side notices and cleans up.
            self.closed.set()

    def abort(self) -> None:
        """Drop the TCP connection without a closing handshake (a crash, a network cut)."""
        self.closed.set()
        self.writer.transport.abort()

    def close(self, code: int = 1001, reason: str = "") -> None:
        if self.closed.is_set():
            return
        with contextlib.suppress(Exception):
            self.protocol.send_close(code, reason)
            self._flush()
        self.closed.set()
        self.writer.close()


RestHandler = Callable[[HttpRequest], Awaitable[HttpResponse]]
# Returns None to accept, or (status, text) to refuse the upgrade.
WsAuthorizer = Callable[[HttpRequest], tuple[int, str] | None]
WsHandler = Callable[[WebSocketPeer], Awaitable[None]]


class HttpServer:
    def __init__(self, rest: RestHandler, authorize_ws: WsAuthorizer, on_ws: WsHandler):
        self._rest = rest
        self._authorize_ws = authorize_ws
        self._on_ws = on_ws
        self._server: asyncio.Server | None = None
        self._connections: set[asyncio.StreamWriter] = set()
        self._serving: set[asyncio.Task[Any]] = set()
        self.port = 0

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> int:
        self._server = await asyncio.start_server(self._serve, host, port)
        self.port = self._server.sockets[0].getsockname()[1]
        return self.port

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            for writer in list(self._connections):
                writer.transport.abort()
            for task in list(self._serving):
                task.cancel()
            if self._serving:
                await asyncio.wait(list(self._serving), timeout=2)
            with contextlib.suppress(Exception):
                await self._server.wait_closed()
            self._server = None

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        # The work runs in a task of ours so close() can cancel it: asyncio (3.11) logs a spurious error
        # when the connection callback itself ends cancelled.
        task = asyncio.create_task(self._serve_connection(reader, writer))
        self._serving.add(task)
        task.add_done_callback(self._serving.discard)
        await asyncio.wait([task])

    async def _serve_connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._connections.add(writer)
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                    return
                request = self._parse_head(head)
                if request is None:
                    writer.write(HttpResponse(400, {"message": "bad HTTP request"}).encode())
                    return
                length = int(request.headers.get("content-length", "0") or 0)
                if length:
                    request.body = await reader.readexactly(length)
                if request.headers.get("upgrade", "").lower() == "websocket":
                    await self._websocket(head, request, reader, writer)
                    return
                response = await self._rest(request)
                writer.write(response.encode())
                await writer.drain()
                if request.headers.get("connection", "").lower() == "close":
                    return
        except (ConnectionError, asyncio.IncompleteReadError):
            return
        finally:
            self._connections.discard(writer)
            with contextlib.suppress(Exception):
                writer.close()

    @staticmethod
    def _parse_head(head: bytes) -> HttpRequest | None:
        try:
            lines = head.decode("latin-1").split("\r\n")
            method, target, _version = lines[0].split(" ", 2)
        except ValueError:
            return None
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        parts = urlsplit(target)
        return HttpRequest(method.upper(), parts.path, parse_qs(parts.query, keep_blank_values=True), headers, b"")

    async def _websocket(self, head: bytes, request: HttpRequest, reader: asyncio.StreamReader,
                         writer: asyncio.StreamWriter) -> None:
        protocol = ServerProtocol(max_size=2**22)
        protocol.receive_data(head)
        parsed = [e for e in protocol.events_received() if isinstance(e, WsRequest)]
        refusal = self._authorize_ws(request) if parsed else (400, "bad WebSocket handshake")
        if not parsed or refusal is not None:
            status, text = refusal or (400, "bad WebSocket handshake")
            response = protocol.reject(status, text)
        else:
            response = protocol.accept(parsed[0])
        protocol.send_response(response)
        peer = WebSocketPeer(protocol, writer, request.query)
        peer._flush()
        await writer.drain()
        if response.status_code != 101:
            return
        handler = asyncio.create_task(self._on_ws(peer))
        try:
            while not peer.closed.is_set():
                data = await reader.read(65536)
                if not data:
                    protocol.receive_eof()
                    break
                protocol.receive_data(data)
                for frame in protocol.events_received():
                    if frame.opcode is Opcode.CLOSE:
                        peer.closed.set()
                peer._flush()
        except ConnectionError:
            pass
        finally:
            peer.closed.set()
            handler.cancel()
            with contextlib.suppress(BaseException):
                await handler
