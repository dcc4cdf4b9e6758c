"""Hooks named in trees (SMS with practical information, appointment software...): an HTTP webhook
(JSON POST of the call context, timeout, bounded retries) or a local command (the same JSON on its
standard input, timeout). Firing a hook never waits: it runs in a task owned by the HookRunner, bounded
in time, and its result (ok / failed and why) is reported back to the call's history. A hook keeps running
after the caller is handed over (an SMS decided just before the hand-off must still go out), but never
beyond its timeout x attempts."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable
from typing import Any

import httpx

from ari_triage.config import Config
from ari_triage.config.model import HookConfig

log = logging.getLogger("ari_triage.calls.hooks")
OnResult = Callable[[str, bool, str], None]
RETRY_BACKOFF_S = 0.2


class HookRunner:
    def __init__(self, config: Config, *, client: httpx.AsyncClient | None = None):
        self.config = config
        self._client = client
        self._own_client = client is None
        self._tasks: set[asyncio.Task[None]] = set()

    def fire(self, name: str, params: dict[str, str], context: dict[str, Any], on_result: OnResult) -> None:
        hook = self.config.hook(name)
        if hook is None:
            on_result(name, False, "no hook of this name in the configuration (hooks:)")
            return
        body = {"hook": name, "params": params, "call": context}
        task = asyncio.create_task(self._run(hook, body, on_result), name=f"hook-{name}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, hook: HookConfig, body: dict[str, Any], on_result: OnResult) -> None:
        attempts = max(1, hook.retries + 1)
        detail = ""
        for attempt in range(attempts):
            try:
                if hook.type == "webhook":
                    detail = await self._webhook(hook, body)
                else:
                    detail = await self._command(hook, body)
                _report(on_result, hook.name, True, detail)
                return
            except asyncio.CancelledError:
                raise
            except (httpx.HTTPError, OSError, TimeoutError, HookFailed) as exc:
                detail = f"attempt {attempt + 1}/{attempts}: {type(exc).__name__}: {exc}"[:300]
                log.warning("hook %s failed (%s)", hook.name, detail)
            if attempt + 1 < attempts:
                await asyncio.sleep(RETRY_BACKOFF_S * 2**attempt)
        _report(on_result, hook.name, False, detail)

    async def _webhook(self, hook: HookConfig, body: dict[str, Any]) -> str:
        if self._client is None:
            self._client = httpx.AsyncClient()
        response = await self._client.post(hook.url, json=body, timeout=hook.timeout_s)
        if response.status_code >= 400:
            raise HookFailed(f"HTTP {response.status_code}")
        return f"HTTP {response.status_code}"

    async def _command(self, hook: HookConfig, body: dict[str, Any]) -> str:
        proc = await asyncio.create_subprocess_exec(
            *hook.command, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE)
        try:
            _, err = await asyncio.wait_for(proc.communicate(json.dumps(body).encode()), hook.timeout_s)
        except (TimeoutError, asyncio.CancelledError):
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
            await proc.wait()
            raise
        if proc.returncode != 0:
            raise HookFailed(f"exit status {proc.returncode}: {err.decode(errors='replace').strip()[:150]}")
        return "exit status 0"

    async def close(self, grace_s: float = 5.0) -> None:
        """Let running hooks finish (bounded), then cancel the rest."""
        if self._tasks:
            _, pending = await asyncio.wait(set(self._tasks), timeout=grace_s)
            for task in pending:
                task.cancel()
            if pending:
                await asyncio.wait(pending, timeout=1.0)
        if self._client is not None and self._own_client:
            await self._client.aclose()
            self._client = None


class HookFailed(Exception):
    """The hook answered, but with a failure (HTTP error status, non-zero exit)."""


def _report(on_result: OnResult, name: str, ok: bool, detail: str) -> None:
    try:
        on_result(name, ok, detail)
    except Exception:
        log.exception("recording the result of hook %s failed", name)
