"""The connection check hospital IT runs against their Asterisk."""

from __future__ import annotations

import socket

from ari_triage.ari.health import check_ari
from ari_triage.config import AriConfig


def _config(fake, **changes) -> AriConfig:
    values = {"url": fake.url, "username": fake.username, "password": fake.password, "app": fake.app,
              "request_timeout_s": 1.0}
    values.update(changes)
    return AriConfig(**values)


async def test_healthy_connection_reports_version_and_does_not_steal_the_app(fake):
    call = await fake.place_call()
    health = await check_ari(_config(fake))
    assert health.ok, health.problems
    assert health.asterisk_version == "22.10.1"
    assert health.calls_in_app == 1 and call.channel_id in fake.channels
    assert fake.ws_connections == 1 and fake.app not in fake.connected_apps()


async def test_wrong_password_and_empty_password(fake):
    health = await check_ari(_config(fake, password="wrong"))
    assert not health.ok and "ARI_TRIAGE_ARI_PASSWORD" in health.problems[0]
    health = await check_ari(_config(fake, password=""))
    assert not health.ok and "empty" in health.problems[0]


async def test_nothing_listening():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    health = await check_ari(AriConfig(url=f"http://127.0.0.1:{port}", password="x", request_timeout_s=1.0))
    assert not health.ok and "http.conf" in health.problems[0]


async def test_websocket_refused(fake):
    fake.accept_websockets = False
    health = await check_ari(_config(fake))
    assert not health.ok and "503" in health.problems[0]


async def _run_cli(*args: str, env: dict[str, str]) -> tuple[int, str]:
    import asyncio
    import os
    import sys

    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", "from ari_triage.cli.main import main; main()", *args, env={**os.environ, **env},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    output, _ = await asyncio.wait_for(process.communicate(), timeout=60)
    return process.returncode, output.decode()


async def test_cli_ari_check_against_the_fake(fake, tmp_path):
    config = tmp_path / "c.yaml"
    config.write_text(f"ari:\n  url: {fake.url}\n  username: {fake.username}\n  app: {fake.app}\n"
                      "  request_timeout_s: 2\n")
    code, output = await _run_cli("--config", str(config), "ari", "check",
                                  env={"ARI_TRIAGE_ARI_PASSWORD": fake.password})
    assert code == 0, output
    assert "ARI OK" in output and "Asterisk 22.10.1" in output
    code, output = await _run_cli("--config", str(config), "ari", "check", env={"ARI_TRIAGE_ARI_PASSWORD": "wrong"})
    assert code == 1 and "refused the ARI user" in output and "Traceback" not in output
