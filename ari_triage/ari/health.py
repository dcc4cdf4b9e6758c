"""A connection check for hospital IT: can ari-triage reach Asterisk's ARI with these settings?

``await check_ari(config.ari)`` tries the REST interface and the event WebSocket once (no reconnect)
and returns plain-language findings, each with what to fix. Meant for an ``ari-triage ari check`` command.
"""

from __future__ import annotations

import asyncio
import base64
from dataclasses import dataclass, field
from typing import Any

from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus, WebSocketException

from ari_triage.ari.client import AriClient
from ari_triage.ari.errors import AriAuthError, AriError, AriTimeout, AriUnavailable, NotFound
from ari_triage.ari.events import events_url
from ari_triage.errors import ConfigError


@dataclass
class AriHealth:
    ok: bool = True
    asterisk_version: str | None = None
    calls_in_app: int | None = None
    problems: list[str] = field(default_factory=list)

    def fail(self, text: str) -> None:
        self.ok = False
        self.problems.append(text)


async def check_ari(ari_config: Any, timeout_s: float = 5.0) -> AriHealth:
    health = AriHealth()
    url = ari_config.url
    try:
        client = AriClient.from_config(ari_config)
    except ConfigError as exc:
        health.fail(str(exc))
        return health
    async with client:
        try:
            info = await client.asterisk_info()
            health.asterisk_version = (info.get("system") or {}).get("version")
            health.calls_in_app = len(await client.stasis_channels())
        except AriUnavailable:
            health.fail(f"nothing answers at {url}: is Asterisk running, and is its HTTP server enabled "
                        "(http.conf: enabled=yes, bindaddr=127.0.0.1, bindport=8088)?")
        except AriTimeout:
            health.fail(f"Asterisk at {url} does not answer within {ari_config.request_timeout_s:g} s")
        except AriAuthError:
            health.fail(f"Asterisk refused the ARI user {ari_config.username!r}: check ari.conf and "
                        "ARI_TRIAGE_ARI_PASSWORD")
        except NotFound:
            health.fail(f"{url}/ari does not exist: enable ARI (ari.conf: enabled=yes; module res_ari loaded)")
        except AriError as exc:
            health.fail(f"ARI answered an error: {exc}")
    if not health.ok:
        return health
    # A separate application name: opening a socket for the real one would take its events away from a
    # running service (ApplicationReplaced).
    token = base64.b64encode(f"{ari_config.username}:{ari_config.password}".encode()).decode()
    try:
        async with asyncio.timeout(timeout_s), connect(
                events_url(url, ari_config.app + "-check"), additional_headers={"Authorization": f"Basic {token}"},
                open_timeout=timeout_s):
            pass
    except InvalidStatus as exc:
        health.fail(f"the ARI event WebSocket refused the connection ({exc.response.status_code})")
    except (OSError, TimeoutError, WebSocketException) as exc:
        health.fail(f"the ARI event WebSocket failed ({type(exc).__name__}): is res_http_websocket loaded?")
    return health
