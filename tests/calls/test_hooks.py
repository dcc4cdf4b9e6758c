"""Hooks against a real local HTTP server and real commands: failures are recorded, never block."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import sys
import time

from ari_triage.calls import hooks as hooks_mod
from ari_triage.calls.hooks import HookRunner
from ari_triage.config import Config
from ari_triage.config.model import HookConfig


class TinyHttp:
    """A loopback HTTP server answering each POST with the next status of ``statuses`` (after ``delay_s``)."""

    def __init__(self, statuses: list[int], delay_s: float = 0.0):
        self.statuses = statuses
        self.delay_s = delay_s
        self.bodies: list[dict] = []
        self.server: asyncio.Server | None = None

    async def __aenter__(self) -> TinyHttp:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return self

    async def __aexit__(self, *exc) -> None:
        self.server.close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.sockets[0].getsockname()[1]}/hook"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                      if line.lower().startswith(b"content-length"))
        self.bodies.append(json.loads(await reader.readexactly(length)))
        await asyncio.sleep(self.delay_s)
        status = self.statuses[min(len(self.bodies) - 1, len(self.statuses) - 1)]
        writer.write(f"HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        writer.close()


def config_with(*hooks: HookConfig) -> Config:
    return dataclasses.replace(Config(), hooks=hooks)


async def fire_and_wait(runner: HookRunner, name: str, timeout: float = 10.0) -> tuple[list, float]:
    results: list = []
    started = time.monotonic()
    runner.fire(name, {"demande": "sms"}, {"call_id": "c-1", "caller": "0612345678"},
                lambda n, ok, detail: results.append((n, ok, detail)))
    returned_after = time.monotonic() - started
    async with asyncio.timeout(timeout):
        while not results:
            await asyncio.sleep(0.01)
    await runner.close()
    return results, returned_after


async def test_webhook_posts_the_call_context() -> None:
    async with TinyHttp([200]) as http:
        runner = HookRunner(config_with(HookConfig("sms", "webhook", url=http.url)))
        results, returned_after = await fire_and_wait(runner, "sms")
    assert results == [("sms", True, "HTTP 200")]
    assert http.bodies == [{"hook": "sms", "params": {"demande": "sms"},
                            "call": {"call_id": "c-1", "caller": "0612345678"}}]
    assert returned_after < 0.05  # fire() never waits


async def test_webhook_errors_are_retried_then_recorded(monkeypatch) -> None:
    monkeypatch.setattr(hooks_mod, "RETRY_BACKOFF_S", 0.01)
    async with TinyHttp([500, 503, 500]) as http:
        runner = HookRunner(config_with(HookConfig("sms", "webhook", url=http.url, retries=2)))
        results, _ = await fire_and_wait(runner, "sms")
    assert len(http.bodies) == 3
    name, ok, detail = results[0]
    assert (name, ok) == ("sms", False) and "3/3" in detail and "HTTP 500" in detail


async def test_webhook_timeout_is_a_failure_not_a_hang(monkeypatch) -> None:
    monkeypatch.setattr(hooks_mod, "RETRY_BACKOFF_S", 0.01)
    async with TinyHttp([200], delay_s=2.0) as http:
        runner = HookRunner(config_with(HookConfig("sms", "webhook", url=http.url, timeout_s=0.2, retries=0)))
        started = time.monotonic()
        results, _ = await fire_and_wait(runner, "sms")
    assert results[0][1] is False and "Timeout" in results[0][2]
    assert time.monotonic() - started < 1.5


async def test_command_gets_json_on_stdin() -> None:
    check = "import sys, json; d = json.load(sys.stdin); sys.exit(0 if d['call']['call_id'] == 'c-1' else 3)"
    runner = HookRunner(config_with(HookConfig("rdv", "command", command=(sys.executable, "-c", check))))
    results, _ = await fire_and_wait(runner, "rdv")
    assert results == [("rdv", True, "exit status 0")]


async def test_failing_and_slow_commands_are_recorded(monkeypatch) -> None:
    monkeypatch.setattr(hooks_mod, "RETRY_BACKOFF_S", 0.01)
    runner = HookRunner(config_with(
        HookConfig("bad", "command", command=(sys.executable, "-c", "import sys; sys.exit(3)"), retries=0),
        HookConfig("slow", "command", command=("sleep", "5"), timeout_s=0.2, retries=0)))
    results, _ = await fire_and_wait(runner, "bad")
    assert results[0][1] is False and "exit status 3" in results[0][2]
    runner = HookRunner(runner.config)
    results, _ = await fire_and_wait(runner, "slow", timeout=3)
    assert results[0][1] is False and "Timeout" in results[0][2]


async def test_unknown_hook_is_reported_not_raised() -> None:
    runner = HookRunner(Config())
    results, _ = await fire_and_wait(runner, "nope")
    assert results[0][:2] == ("nope", False)
