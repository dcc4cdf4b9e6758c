"""Prompt audio for Asterisk: every sentence of the active tree synthesised offline with espeak-ng, converted
with sox, cached by content hash, and played by ARI as ``sound:<asterisk_sound_prefix>/<key>``.

Formats written for each prompt (Asterisk picks the one cheapest to translate to the caller's codec):
- ``<key>.sln16``: 16 kHz mono signed 16-bit raw, host byte order (Asterisk's ``slin16`` file format);
- ``<key>.wav``: 8 kHz mono 16-bit WAV (Asterisk's ``wav`` format), cheap for G.711 (alaw/ulaw) callers.

A recorded file overrides synthesis: ``<recorded_dir>/<audio>`` when the tree gives ``audio:`` for the text
(``.wav`` added when the name has no extension), else ``<recorded_dir>/<prompt key>.wav``. It is converted
into the cache under a key derived from the file's content, so replacing the recording changes the URI.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ari_triage.config.model import Config, PromptsConfig
from ari_triage.errors import MissingResourceError, TriageError
from ari_triage.tree.contract import Prompt

FORMATS = (("sln16", ["-t", "raw", "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer"]),
           ("wav", ["-t", "wav", "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer"]))
SYNTH_TIMEOUT_S = 60
TOOLS_HINT = "install them with scripts/setup (Debian packages espeak-ng and sox)"


class PromptAudioError(TriageError):
    code = "prompt-audio"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise MissingResourceError(f"the program {name!r} is needed to make prompt audio and is not installed",
                                   hint=TOOLS_HINT)
    return path


def _run(args: list[str], what: str, stdin: bytes | None = None) -> None:
    try:
        done = subprocess.run(args, input=stdin, capture_output=True, timeout=SYNTH_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as exc:
        raise PromptAudioError(f"{what} took more than {SYNTH_TIMEOUT_S} s") from exc
    if done.returncode != 0:
        detail = done.stderr.decode(errors="replace").strip().splitlines()
        raise PromptAudioError(f"{what} failed (exit {done.returncode}): {detail[-1] if detail else 'no message'}")


def _espeak_wav(text: str, voice: str, speed_wpm: int, out: Path) -> None:
    # text on stdin, never on the command line (quotes, leading dashes, length limits)
    _run([_tool("espeak-ng"), "-v", voice, "-s", str(speed_wpm), "-b", "1", "-w", str(out), "--stdin"],
         f"espeak-ng (voice {voice!r})", stdin=text.encode("utf-8"))
    if not out.is_file() or out.stat().st_size <= 44:
        raise PromptAudioError(f"espeak-ng produced no audio with voice {voice!r}",
                               hint="check prompts.voice: `espeak-ng --voices=fr` lists the French voices")


def synthesize(text: str, *, voice: str = "fr", speed_wpm: int = 150, rate: int = 16000,
               out: Path | None = None) -> Path:
    """Speak ``text`` into a mono 16-bit WAV at ``rate`` (for tests, the demo's callers, a preview).

    Without ``out`` the file goes to a per-user temporary cache named by content hash, so the same text is
    synthesised once."""
    if not text.strip():
        raise PromptAudioError("cannot synthesise an empty text")
    if out is None:
        digest = hashlib.sha256(f"{voice}|{speed_wpm}|{rate}|{text}".encode()).hexdigest()[:20]
        out = Path(tempfile.gettempdir()) / f"ari-triage-tts-{os.getuid()}" / f"{digest}.wav"
        if out.is_file():
            return out
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp:
        raw = Path(tmp) / "espeak.wav"
        _espeak_wav(text, voice, speed_wpm, raw)
        converted = Path(tmp) / "out.wav"
        _run([_tool("sox"), str(raw), "-t", "wav", "-r", str(rate), "-c", "1", "-b", "16", "-e", "signed-integer",
              str(converted)], "sox conversion")
        os.replace(converted, out)
    return out


@dataclass
class BuildReport:
    synthesised: list[Prompt] = field(default_factory=list)
    recorded: list[Prompt] = field(default_factory=list)
    cached: list[Prompt] = field(default_factory=list)
    failed: list[tuple[Prompt, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


class PromptLibrary:
    """Maps prompts to playback URIs and makes sure their audio is in the cache directory."""

    def __init__(self, config: Config | PromptsConfig):
        self.settings = config.prompts if isinstance(config, Config) else config
        self.cache_dir = Path(self.settings.cache_dir)
        self.recorded_dir = Path(self.settings.recorded_dir)
        self._recorded_keys: dict[tuple[Path, int, int], str] = {}

    # ------------------------------------------------------------------ naming

    def recorded_file(self, prompt: Prompt) -> Path | None:
        """The recording that overrides this prompt, if there is one."""
        names = []
        if prompt.audio:
            names.append(prompt.audio if Path(prompt.audio).suffix else f"{prompt.audio}.wav")
        names.append(f"{prompt.key}.wav")
        for name in names:
            path = self.recorded_dir / name
            if path.is_file():
                return path
        return None

    def synthesis_key(self, text: str) -> str:
        s = self.settings
        return "tts-" + hashlib.sha256(f"espeak-ng|{s.voice}|{s.speed_wpm}|{text}".encode()).hexdigest()[:20]

    def _recorded_key(self, path: Path) -> str:
        stat = path.stat()
        memo = (path, stat.st_mtime_ns, stat.st_size)
        key = self._recorded_keys.get(memo)
        if key is None:
            key = "rec-" + hashlib.sha256(path.read_bytes()).hexdigest()[:20]
            self._recorded_keys[memo] = key
        return key

    def key_for(self, prompt: Prompt) -> str:
        recorded = self.recorded_file(prompt)
        return self._recorded_key(recorded) if recorded else self.synthesis_key(prompt.text)

    def uri_for(self, prompt: Prompt) -> str:
        """``sound:<prefix>/<key>`` (Asterisk adds the extension it prefers)."""
        return f"sound:{self.settings.asterisk_sound_prefix}/{self.key_for(prompt)}"

    def files_for(self, prompt: Prompt) -> list[Path]:
        key = self.key_for(prompt)
        return [self.cache_dir / f"{key}.{ext}" for ext, _ in FORMATS]

    def is_ready(self, prompt: Prompt) -> bool:
        return all(path.is_file() for path in self.files_for(prompt))

    # ------------------------------------------------------------------ building

    def ensure(self, prompts: Iterable[Prompt], *, force: bool = False) -> BuildReport:
        """Make the audio of every prompt that is not in the cache yet (``force``: make it again)."""
        report = BuildReport()
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        seen: set[str] = set()
        for prompt in prompts:
            recorded = self.recorded_file(prompt)
            key = self._recorded_key(recorded) if recorded else self.synthesis_key(prompt.text)
            if key in seen or (not force and self.is_ready(prompt)):
                report.cached.append(prompt)
                seen.add(key)
                continue
            seen.add(key)
            try:
                with tempfile.TemporaryDirectory(dir=self.cache_dir) as tmp:
                    source = recorded
                    if source is None:
                        source = Path(tmp) / "espeak.wav"
                        _espeak_wav(prompt.text, self.settings.voice, self.settings.speed_wpm, source)
                    self._convert(source, key, Path(tmp))
            except TriageError as exc:
                report.failed.append((prompt, exc.message))
                continue
            (report.recorded if recorded else report.synthesised).append(prompt)
        return report

    def _convert(self, source: Path, key: str, tmp: Path) -> None:
        sox = _tool("sox")
        staged = []
        for ext, args in FORMATS:
            target = tmp / f"{key}.{ext}"
            # a little silence after the sentence so the last syllable is not clipped by the codec
            _run([sox, str(source), *args, str(target), "pad", "0", "0.15"], f"sox conversion of {source.name}")
            staged.append(target)
        for target in staged:  # atomically, so Asterisk never plays a half-written file
            os.replace(target, self.cache_dir / target.name)
