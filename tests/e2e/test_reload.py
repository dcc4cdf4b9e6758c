"""Tree hot reload in the running service: a changed tree is used by new calls; a broken one is refused and
the last good tree keeps answering."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import shutil

import pytest

from ari_triage.calls.simulate import service_with_fake
from ari_triage.fake_asterisk import SendDtmf, WaitForPrompt
from tests.e2e.conftest import TREES

pytestmark = [pytest.mark.vosk, pytest.mark.slow]


async def key1_goes_to(fake) -> str:
    call = await fake.place_call(script=[WaitForPrompt(finished=True), WaitForPrompt(), SendDtmf("1")])
    result = await call.wait(timeout_s=20)
    return result.outcome.extension


async def test_changed_tree_is_used_by_new_calls_and_a_broken_one_refused(e2e_config, parts, fake_options,
                                                                          tmp_path, caplog) -> None:
    tree_dir = tmp_path / "trees"
    shutil.copytree(TREES, tree_dir)
    tree_file = tree_dir / "e2e.yaml"
    config = dataclasses.replace(e2e_config, tree=dataclasses.replace(e2e_config.tree, dir=tree_dir,
                                                                      reload_check_s=0.1))
    async with service_with_fake(config, parts, fake_options=fake_options) as (service, fake):
        assert await key1_goes_to(fake) == "rdv"
        original = tree_file.read_text()
        tree_file.write_text(original.replace("      1: vers_rdv", "      1: vers_secretariat"))
        async with asyncio.timeout(5):
            while service.app.trees.reloads < 1:
                await asyncio.sleep(0.05)
        assert await key1_goes_to(fake) == "secretariat"
        with caplog.at_level(logging.ERROR, logger="ari_triage.calls.app"):
            tree_file.write_text(original.replace("      1: vers_rdv", "      1: nowhere_node"))
            async with asyncio.timeout(5):
                while not any("invalid" in r.getMessage() for r in caplog.records):
                    await asyncio.sleep(0.05)
        message = next(r.getMessage() for r in caplog.records if "invalid" in r.getMessage())
        assert "e2e.yaml" in message  # says where
        assert await key1_goes_to(fake) == "secretariat"  # the last good tree still answers
