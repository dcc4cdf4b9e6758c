"""`ari-triage run` as hospital IT runs it: a separate process configured by environment variables, against
the fake Asterisk; SIGTERM hands the active call to the default queue and the process exits cleanly."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from pathlib import Path

import pytest

from ari_triage.fake_asterisk import FakeAsterisk

pytestmark = [pytest.mark.vosk, pytest.mark.slow]
ARI_TRIAGE = Path(sys.executable).parent / "ari-triage"


async def test_run_then_sigterm_hands_the_call_over(e2e_base, ko_model_dir, tmp_path) -> None:
    cfg, root = e2e_base
    async with FakeAsterisk(password="s3cret-for-test", sounds_dir=root / "sounds") as fake:
        env = {**os.environ,
               "ARI_TRIAGE_ARI_URL": fake.url, "ARI_TRIAGE_ARI_PASSWORD": fake.password,
               "ARI_TRIAGE_ASR_MODEL_DIR": str(ko_model_dir),
               "ARI_TRIAGE_TREE_DIR": str(cfg.tree.dir), "ARI_TRIAGE_TREE_ACTIVE": "e2e.yaml",
               "ARI_TRIAGE_TREE_ANNOUNCEMENTS": str(tmp_path / "none.yaml"),
               "ARI_TRIAGE_PROMPTS_CACHE_DIR": str(cfg.prompts.cache_dir),
               "ARI_TRIAGE_STORE_SQLITE_PATH": str(tmp_path / "calls.sqlite3"),
               "ARI_TRIAGE_STORE_SPOOL_DIR": str(tmp_path / "spool"),
               "ARI_TRIAGE_STORE_QUEUE_LOG": str(tmp_path / "queue_log")}
        proc = await asyncio.create_subprocess_exec(str(ARI_TRIAGE), "run", env=env,
                                                    stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        try:
            await fake.wait_for_app(timeout_s=90)
            call = await fake.place_call(script=[])
            async with asyncio.timeout(20):
                while not call.result.prompts:
                    await asyncio.sleep(0.05)
            proc.send_signal(signal.SIGTERM)
            result = await call.wait(timeout_s=20)
            _, err = await asyncio.wait_for(proc.communicate(), 30)
            assert (result.outcome.kind, result.outcome.extension) == ("continue", "accueil")
            assert result.outcome.variables["TRIAGE_SUMMARY"].endswith("raison:service stopping")
        finally:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
        log = err.decode()
        assert proc.returncode == 0, log
        assert "0612345678" not in log  # logs never carry the full caller number
        assert [c for c in fake.channels.values() if c.kind != "caller"] == [] and not fake.bridges
    with sqlite3.connect(tmp_path / "calls.sqlite3") as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        found = any(db.execute(f"SELECT count(*) FROM {t} WHERE CAST(outcome AS TEXT) = 'failed_over'").fetchone()[0]
                    for t in tables if "outcome" in [c[1] for c in db.execute(f"PRAGMA table_info({t})")])
    assert found, f"no call record with outcome failed_over in {tables}"
