"""The running service: the one place that wires the layers together (config -> tree, NLU, Vosk, prompts,
store, hooks, ARI) and runs the Stasis application until told to stop."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from ari_triage.calls.app import StasisApp, TreeHolder
from ari_triage.calls.hooks import HookRunner
from ari_triage.calls.session import CallDeps
from ari_triage.config import Config
from ari_triage.errors import ConfigError

log = logging.getLogger("ari_triage.calls.service")


@dataclass
class Parts:
    """Components a caller (demo, tests, benchmark) may supply instead of the ones built from config."""

    classifier: Any = None
    engine: Any = None  # speech engine (VoskEngine)
    store: Any = None  # StoreService-like: CallRecorder + CallerLookup (+ start/close)
    prompts: Any = None  # PromptUris
    tree_loader: Callable[..., Any] | None = None
    instance: str | None = None
    now: Callable[[], Any] | None = None  # clock of the calls (the demo pins office hours)
    extra: dict[str, Any] = field(default_factory=dict)


class Service:
    def __init__(self, config: Config, parts: Parts | None = None):
        self.config = config
        self.parts = parts or Parts()
        self.app: StasisApp | None = None
        self.events: Any = None
        self.client: Any = None
        self.started = asyncio.Event()
        self._stop = asyncio.Event()
        self._owned: list[Callable[[], Any]] = []  # closers, run in reverse order

    def request_stop(self) -> None:
        self._stop.set()

    async def _build(self) -> None:
        cfg = self.config
        if not cfg.ari.password:
            raise ConfigError("the ARI password is empty",
                              hint="set ARI_TRIAGE_ARI_PASSWORD (systemd: EnvironmentFile=/etc/ari-triage/secrets.env) "
                                   "to the password of the ari-triage user of ari.conf")
        from ari_triage.ari import AriClient, AriEvents
        from ari_triage.calls.ari_adapter import AriAdapter
        from ari_triage.calls.media_adapter import ListenerMedia
        from ari_triage.tree import interpreter

        p = self.parts
        loader = p.tree_loader
        if loader is None:
            from ari_triage.tree.loader import load_tree as loader
        trees = TreeHolder(cfg, loader)
        trees.load_initial()  # an invalid tree at start-up is fatal, with file:line

        classifier = p.classifier
        if classifier is None:
            from ari_triage.nlu.model import load_classifier
            classifier = await asyncio.to_thread(load_classifier, cfg.nlu.model_dir, cfg.nlu.confidence_threshold)
        engine = p.engine
        if engine is None:
            from ari_triage.media.asr import VoskEngine
            engine = await VoskEngine.load(cfg.asr)
            self._owned.append(engine.close)
        prompts = p.prompts
        if prompts is None:
            from ari_triage.media.prompts import PromptLibrary
            prompts = PromptLibrary(cfg)
        store = p.store
        if store is None:
            from ari_triage.store.service import open_store
            store = open_store(cfg)
            await store.start()
            self._owned.append(store.close)
        instance = p.instance or getattr(store, "instance", None)

        executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="nlu")
        self._owned.append(lambda: executor.shutdown(wait=False, cancel_futures=True))
        hooks = HookRunner(cfg)
        self._owned.append(hooks.close)
        self.client = AriClient.from_config(cfg.ari)
        self._owned.append(self.client.aclose)
        deps = CallDeps(config=cfg, ari=AriAdapter(self.client), media=ListenerMedia(cfg, engine), prompts=prompts,
                        classifier=classifier, recorder=store, lookup=store, interpreter=interpreter, hooks=hooks,
                        executor=executor)
        if p.now is not None:
            deps.now = p.now
        self.app = StasisApp(cfg, deps, trees, instance=instance)
        self.events = AriEvents.from_config(cfg.ari, on_connected=self.app.reconcile)

    async def run(self) -> None:
        """Run until :meth:`request_stop` (SIGTERM/SIGINT in ``ari-triage run``), then hand calls over."""
        try:
            await self._build()
            assert self.app is not None
            app = self.app
            self.events.start()
            consume = asyncio.create_task(self._consume(), name="ari-events-consumer")
            reload = asyncio.create_task(app.trees.watch(), name="tree-reload")
            stop = asyncio.create_task(self._stop.wait(), name="stop-request")
            self.started.set()
            log.info("ari-triage running: Stasis application %r on %s, tree %s", self.config.ari.app,
                     self.config.ari.url, self.config.tree_path)
            done, _ = await asyncio.wait({consume, stop}, return_when=asyncio.FIRST_COMPLETED)
            reload.cancel()
            log.info("stopping: no new calls; handing %d active call(s) to the default queue", len(app.sessions))
            await app.shutdown()
            stop.cancel()
            await self.events.close()
            consume.cancel()
            await asyncio.gather(consume, reload, return_exceptions=True)
            if consume in done and consume.exception() is not None:
                raise consume.exception()  # type: ignore[misc]
        finally:
            for closer in reversed(self._owned):
                try:
                    result = closer()
                    if asyncio.iscoroutine(result):
                        await result
                except Exception:
                    log.exception("error while closing")
            self._owned.clear()

    async def _consume(self) -> None:
        assert self.app is not None
        async for event in self.events:
            await self.app.handle(event)


def install_signal_handlers(service: Service) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, service.request_stop)
