"""Binds the session's :class:`AriPort` to the real ARI client (``ari_triage.ari``), translating its
typed errors into the session's vocabulary."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TypeVar

from ari_triage.ari import AriClient, AriError, AriTimeout, NotFound, NotInStasis
from ari_triage.calls.ports import AriFailed, ChannelGone, ExternalMediaChannel, StasisChannel

T = TypeVar("T")
SNOOP_ARGS = "snoop"  # StasisStart args of our snoop channels (the app ignores them as calls)


async def _translate(request: Awaitable[T]) -> T:
    try:
        return await request
    except (NotFound, NotInStasis) as exc:
        raise ChannelGone(exc.message, status=exc.status) from exc
    except AriTimeout as exc:
        raise TimeoutError(exc.message) from exc
    except AriError as exc:
        raise AriFailed(exc.message, status=exc.status) from exc


class AriAdapter:
    def __init__(self, client: AriClient):
        self.client = client

    async def answer(self, channel_id: str) -> None:
        await _translate(self.client.answer(channel_id))

    async def set_variable(self, channel_id: str, name: str, value: str) -> None:
        await _translate(self.client.set_variable(channel_id, name, value))

    async def external_media(self, *, app: str, external_host: str, format: str) -> ExternalMediaChannel:
        channel = await _translate(self.client.external_media(external_host, format, app=app))
        local = channel.unicastrtp_local
        return ExternalMediaChannel(channel.id, *(local or (None, None)))

    async def snoop(self, channel_id: str, *, app: str) -> str:
        channel = await _translate(self.client.snoop(channel_id, spy="in", app=app, app_args=SNOOP_ARGS))
        return channel.id

    async def create_bridge(self, name: str) -> str:
        bridge = await _translate(self.client.create_bridge(name))
        return bridge.id

    async def add_to_bridge(self, bridge_id: str, channel_ids: list[str]) -> None:
        await _translate(self.client.add_channel(bridge_id, channel_ids))

    async def remove_from_bridge(self, bridge_id: str, channel_id: str) -> None:
        await _translate(self.client.remove_channel(bridge_id, channel_id))

    async def delete_bridge(self, bridge_id: str) -> None:
        await _translate(self.client.destroy_bridge(bridge_id))

    async def hangup(self, channel_id: str) -> None:
        await _translate(self.client.hangup(channel_id))

    async def play(self, channel_id: str, media_uri: str, playback_id: str) -> None:
        await _translate(self.client.play(channel_id, media_uri, playback_id=playback_id))

    async def stop_playback(self, playback_id: str) -> None:
        await _translate(self.client.stop_playback(playback_id))

    async def continue_in_dialplan(self, channel_id: str, context: str, extension: str, priority: int = 1) -> None:
        await _translate(self.client.continue_in_dialplan(channel_id, context, extension, priority))

    async def list_channels(self) -> list[StasisChannel]:
        channels = await _translate(self.client.list_channels())
        return [StasisChannel(channel_id=c.id, name=c.name, state=c.state, app_name=c.dialplan.app_name,
                              app_data=c.dialplan.app_data, caller=c.caller_number) for c in channels]

    async def list_bridges(self) -> list[tuple[str, str]]:
        bridges = await _translate(self.client.request("GET", "/bridges"))
        return [(str(b.get("id", "")), str(b.get("name", ""))) for b in bridges or [] if isinstance(b, dict)]
