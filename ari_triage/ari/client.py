"""AriClient: the ARI REST calls ari-triage makes, each with a timeout and typed errors.

Parameter names are exactly those of the ARI description (query parameters). Every method either
returns a typed object or raises an :class:`~ari_triage.ari.errors.AriError` subclass; cancellation
passes through untouched.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from typing import Any

import httpx

from ari_triage.ari.errors import AriError, AriTimeout, AriUnavailable, NotInStasis, error_for_status
from ari_triage.ari.models import Bridge, Channel, MalformedEvent, Playback
from ari_triage.errors import ConfigError

log = logging.getLogger(__name__)

ParamValue = str | int | bool | Sequence[str]


def _join(value: str | Sequence[str]) -> str:
    """ARI takes lists (allowMultiple) as comma-separated values."""
    return value if isinstance(value, str) else ",".join(value)


def _query(params: Mapping[str, ParamValue | None]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, bool):
            out[key] = "true" if value else "false"
        elif isinstance(value, int):
            out[key] = str(value)
        else:
            out[key] = _join(value)
    return out


class AriClient:
    """Async ARI REST client. Use ``async with AriClient(...)`` or call :meth:`aclose`.

    ``base_url`` is Asterisk's HTTP server (``http://127.0.0.1:8088``); ``/ari`` is appended.
    """

    def __init__(self, base_url: str, username: str, password: str, *, app: str,
                 request_timeout_s: float = 5.0, add_channel_retry_s: float = 1.0,
                 transport: httpx.AsyncBaseTransport | None = None):
        if not password:
            raise ConfigError(
                "the ARI password is empty", hint="set ARI_TRIAGE_ARI_PASSWORD (or ari.password) to the password "
                f"of the ARI user {username!r} in Asterisk's ari.conf; there is no default password")
        if not username:
            raise ConfigError("the ARI username (ari.username) is empty")
        self.base_url = base_url.rstrip("/")
        self.app = app
        self.request_timeout_s = request_timeout_s
        self.add_channel_retry_s = add_channel_retry_s
        self._http = httpx.AsyncClient(
            base_url=self.base_url + "/ari", auth=(username, password), timeout=request_timeout_s,
            transport=transport, headers={"Accept": "application/json"})

    @classmethod
    def from_config(cls, ari_config: Any, **kwargs: Any) -> AriClient:
        """Build from ``config.ari`` (:class:`ari_triage.config.AriConfig`)."""
        return cls(ari_config.url, ari_config.username, ari_config.password, app=ari_config.app,
                   request_timeout_s=ari_config.request_timeout_s, **kwargs)

    async def __aenter__(self) -> AriClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    # --- transport -------------------------------------------------------------------------------------

    async def request(self, method: str, path: str, params: Mapping[str, ParamValue | None] | None = None,
                      json_body: Any = None) -> Any:
        """One ARI exchange. Returns the decoded JSON body (None for 204). Raises AriError subclasses."""
        query = _query(params or {})
        try:
            async with asyncio.timeout(self.request_timeout_s):
                response = await self._http.request(method, path, params=query, json=json_body)
        except (TimeoutError, httpx.TimeoutException) as exc:
            raise AriTimeout(f"ARI {method} {path}: no answer within {self.request_timeout_s:g} s",
                             method=method, path=path) from exc
        except httpx.TransportError as exc:
            raise AriUnavailable(f"ARI {method} {path}: cannot reach Asterisk at {self.base_url} "
                                 f"({type(exc).__name__})", method=method, path=path) from exc
        if response.status_code >= 300:
            reason = ""
            try:
                body = response.json()
                if isinstance(body, dict):
                    reason = str(body.get("message") or body.get("error") or "")
            except ValueError:
                reason = response.text[:200]
            raise error_for_status(response.status_code, reason, method, path)
        if response.status_code == 204 or not response.content:
            return None
        try:
            return response.json()
        except ValueError as exc:
            raise AriError(f"ARI {method} {path}: answer is not JSON", method=method, path=path,
                           status=response.status_code) from exc

    async def _typed(self, parser: Any, method: str, path: str, **kwargs: Any) -> Any:
        body = await self.request(method, path, **kwargs)
        try:
            return parser(body)
        except MalformedEvent as exc:
            raise AriError(f"ARI {method} {path}: unexpected answer ({exc})", method=method, path=path) from exc

    # --- channels --------------------------------------------------------------------------------------

    async def answer(self, channel_id: str) -> None:
        await self.request("POST", f"/channels/{channel_id}/answer")

    async def hangup(self, channel_id: str, reason: str | None = "normal") -> None:
        await self.request("DELETE", f"/channels/{channel_id}", {"reason": reason})

    async def get_channel(self, channel_id: str) -> Channel:
        return await self._typed(Channel.from_json, "GET", f"/channels/{channel_id}")

    async def list_channels(self) -> list[Channel]:
        return await self._typed(lambda body: [Channel.from_json(c) for c in body or []], "GET", "/channels")

    async def stasis_channels(self, app: str | None = None) -> list[Channel]:
        """Channels currently inside ``Stasis(app)`` (reconciliation after a reconnect or restart)."""
        app = app or self.app
        return [c for c in await self.list_channels() if c.in_stasis_app(app)]

    async def play(self, channel_id: str, media: str | Sequence[str], *, playback_id: str | None = None,
                   lang: str | None = None) -> Playback:
        """Start a playback on the channel (``media`` e.g. ``sound:ari-triage/abc123``). Returns at once
        with state ``queued``/``playing``; PlaybackStarted/PlaybackFinished events follow."""
        params = {"media": media, "playbackId": playback_id, "lang": lang}
        return await self._typed(Playback.from_json, "POST", f"/channels/{channel_id}/play", params=params)

    async def play_on_bridge(self, bridge_id: str, media: str | Sequence[str], *,
                             playback_id: str | None = None, lang: str | None = None) -> Playback:
        params = {"media": media, "playbackId": playback_id, "lang": lang}
        return await self._typed(Playback.from_json, "POST", f"/bridges/{bridge_id}/play", params=params)

    async def stop_playback(self, playback_id: str) -> None:
        """Stop a playback (barge-in). Its PlaybackFinished arrives with state ``done``."""
        await self.request("DELETE", f"/playbacks/{playback_id}")

    async def set_variable(self, channel_id: str, variable: str, value: str) -> None:
        await self.request("POST", f"/channels/{channel_id}/variable", {"variable": variable, "value": value})

    async def get_variable(self, channel_id: str, variable: str) -> str:
        body = await self.request("GET", f"/channels/{channel_id}/variable", {"variable": variable})
        return str((body or {}).get("value", ""))

    async def continue_in_dialplan(self, channel_id: str, context: str, extension: str, priority: int = 1) -> None:
        """Send the channel back to the dialplan (e.g. the context running Queue()); StasisEnd follows."""
        params = {"context": context, "extension": extension, "priority": priority}
        await self.request("POST", f"/channels/{channel_id}/continue", params)

    async def redirect(self, channel_id: str, endpoint: str) -> None:
        await self.request("POST", f"/channels/{channel_id}/redirect", {"endpoint": endpoint})

    async def external_media(self, external_host: str, format: str, *, app: str | None = None,
                             channel_id: str | None = None, direction: str = "both") -> Channel:
        """Create an externalMedia channel sending the audio as RTP/UDP to ``external_host`` (``ip:port``).

        Asterisk answers at once with the channel in state Down and ``channelvars`` UNICASTRTP_LOCAL_ADDRESS
        and UNICASTRTP_LOCAL_PORT (see :attr:`Channel.unicastrtp_local`); its StasisStart arrives a few ms
        later (:meth:`add_channel` retries for that)."""
        params = {"app": app or self.app, "external_host": external_host, "format": format,
                  "encapsulation": "rtp", "transport": "udp", "direction": direction, "channelId": channel_id}
        return await self._typed(Channel.from_json, "POST", "/channels/externalMedia", params=params)

    async def snoop(self, channel_id: str, *, spy: str = "in", whisper: str = "none", app: str | None = None,
                    app_args: str | None = None, snoop_id: str | None = None) -> Channel:
        """Create a snoop channel that hears the channel (``spy="in"``: what the caller says), entering
        ``app`` a few ms later (StasisStart with ``app_args``). Bridged with an externalMedia channel it
        feeds the recogniser even while a prompt plays on the caller's channel (barge-in)."""
        params = {"spy": spy, "whisper": whisper, "app": app or self.app, "appArgs": app_args, "snoopId": snoop_id}
        return await self._typed(Channel.from_json, "POST", f"/channels/{channel_id}/snoop", params=params)

    async def originate(self, endpoint: str, *, app: str | None = None, app_args: str | None = None,
                        caller_id: str | None = None, channel_id: str | None = None,
                        timeout: int | None = None) -> Channel:
        params = {"endpoint": endpoint, "app": app or self.app, "appArgs": app_args, "callerId": caller_id,
                  "channelId": channel_id, "timeout": timeout}
        return await self._typed(Channel.from_json, "POST", "/channels", params=params)

    # --- bridges ---------------------------------------------------------------------------------------

    async def create_bridge(self, name: str | None = None, *, bridge_id: str | None = None,
                            type: str = "mixing") -> Bridge:
        params = {"type": type, "name": name, "bridgeId": bridge_id}
        return await self._typed(Bridge.from_json, "POST", "/bridges", params=params)

    async def get_bridge(self, bridge_id: str) -> Bridge:
        return await self._typed(Bridge.from_json, "GET", f"/bridges/{bridge_id}")

    async def add_channel(self, bridge_id: str, channel: str | Sequence[str]) -> None:
        """Add channel(s) to the bridge. A 422 'Channel not in Stasis application' is retried briefly
        (up to ``add_channel_retry_s``): an externalMedia channel enters Stasis a few ms after creation."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.add_channel_retry_s
        delay = 0.01
        while True:
            try:
                await self.request("POST", f"/bridges/{bridge_id}/addChannel", {"channel": channel})
                return
            except NotInStasis as exc:
                if exc.status != 422 or loop.time() + delay > deadline:
                    raise
                log.debug("addChannel to bridge %s: channel not in Stasis yet, retrying", bridge_id)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 0.2)

    async def remove_channel(self, bridge_id: str, channel: str | Sequence[str]) -> None:
        await self.request("POST", f"/bridges/{bridge_id}/removeChannel", {"channel": channel})

    async def destroy_bridge(self, bridge_id: str) -> None:
        await self.request("DELETE", f"/bridges/{bridge_id}")

    # --- misc ------------------------------------------------------------------------------------------

    async def asterisk_info(self) -> dict[str, Any]:
        """GET /asterisk/info: a cheap health check of the ARI connection and credentials."""
        return await self.request("GET", "/asterisk/info") or {}
