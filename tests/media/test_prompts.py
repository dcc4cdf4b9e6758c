"""Prompt audio with the real espeak-ng and sox."""

import wave
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from ari_triage.cli.main import cli
from ari_triage.cli.media_cmds import build_prompt_audio
from ari_triage.config.model import Config, PromptsConfig
from ari_triage.errors import MissingResourceError
from ari_triage.media.prompts import PromptAudioError, PromptLibrary, synthesize
from ari_triage.tree.contract import Prompt

WELCOME = Prompt("k-welcome", "Bonjour, vous êtes bien à la clinique. Que puis-je faire pour vous ?")
HOURS = Prompt("k-hours", "Le secrétariat est ouvert de huit heures à dix-huit heures.")


@pytest.fixture
def settings(tmp_path: Path) -> PromptsConfig:
    return PromptsConfig(cache_dir=tmp_path / "cache", recorded_dir=tmp_path / "recorded")


def write_wav(path: Path, seconds: float, rate: int = 44100, freq: float = 440.0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    t = np.arange(int(seconds * rate)) / rate
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes((8000 * np.sin(2 * np.pi * freq * t)).astype("<i2").tobytes())
    return path


def test_build_makes_asterisk_formats_and_uri(settings):
    library = PromptLibrary(settings)
    report = library.ensure([WELCOME])
    assert report.ok and report.synthesised == [WELCOME]
    sln16, wav8k = library.files_for(WELCOME)
    assert sln16.suffix == ".sln16" and wav8k.suffix == ".wav"
    # slin16: raw 16-bit 16 kHz; a spoken sentence of ~4 s, not silence
    samples = np.frombuffer(sln16.read_bytes(), dtype="<i2")
    assert 2.0 < len(samples) / 16000 < 10.0
    assert np.abs(samples).max() > 3000
    with wave.open(str(wav8k)) as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (8000, 1, 2)
        assert wav.getnframes() == pytest.approx(len(samples) / 2, abs=2)
    key = library.key_for(WELCOME)
    assert library.uri_for(WELCOME) == f"sound:ari-triage/{key}"
    assert sln16.name == f"{key}.sln16"


def test_same_text_is_not_synthesised_again(settings):
    library = PromptLibrary(settings)
    library.ensure([WELCOME, HOURS])
    before = {p: p.stat().st_mtime_ns for p in library.cache_dir.iterdir()}
    same_text_other_key = Prompt("another-key", WELCOME.text)
    report = PromptLibrary(settings).ensure([WELCOME, HOURS, same_text_other_key])
    assert report.synthesised == [] and len(report.cached) == 3
    assert {p: p.stat().st_mtime_ns for p in library.cache_dir.iterdir()} == before
    assert library.uri_for(same_text_other_key) == library.uri_for(WELCOME)


def test_cache_key_follows_text_voice_and_speed(settings):
    base = PromptLibrary(settings)
    faster = PromptLibrary(replace(settings, speed_wpm=180))
    other_voice = PromptLibrary(replace(settings, voice="fr-be"))
    keys = {base.key_for(WELCOME), base.key_for(HOURS), faster.key_for(WELCOME), other_voice.key_for(WELCOME)}
    assert len(keys) == 4
    assert base.key_for(WELCOME) == PromptLibrary(settings).key_for(WELCOME)  # stable across runs


def test_force_rebuilds(settings):
    library = PromptLibrary(settings)
    library.ensure([HOURS])
    assert library.ensure([HOURS], force=True).synthesised == [HOURS]


def test_recording_named_by_key_overrides_synthesis(settings):
    library = PromptLibrary(settings)
    synthesised_uri = library.uri_for(WELCOME)
    write_wav(settings.recorded_dir / f"{WELCOME.key}.wav", 1.0)
    report = library.ensure([WELCOME])
    assert report.recorded == [WELCOME]
    uri = library.uri_for(WELCOME)
    assert uri != synthesised_uri and uri.startswith("sound:ari-triage/rec-")
    samples = np.frombuffer(library.files_for(WELCOME)[0].read_bytes(), dtype="<i2")
    assert len(samples) == pytest.approx(16000 * 1.15, abs=50)  # the 1 s recording (+0.15 s pad), at 16 kHz
    # replacing the recording changes the URI, so Asterisk never plays a stale cached file
    write_wav(settings.recorded_dir / f"{WELCOME.key}.wav", 0.5, freq=880)
    assert library.uri_for(WELCOME) not in (uri, synthesised_uri)


def test_audio_field_names_the_recording(settings):
    prompt = Prompt("k-closed", "La clinique est fermée.", audio="fermeture")
    write_wav(settings.recorded_dir / "fermeture.wav", 0.5)
    library = PromptLibrary(settings)
    assert library.recorded_file(prompt) == settings.recorded_dir / "fermeture.wav"
    assert library.ensure([prompt]).recorded == [prompt]


def test_a_bad_voice_fails_clearly_and_builds_the_rest(settings):
    bad = PromptLibrary(replace(settings, voice="xx-nonexistent"))
    report = bad.ensure([HOURS])
    assert not report.ok
    assert "xx-nonexistent" in report.failed[0][1]
    assert not any(bad.cache_dir.iterdir())  # nothing half-written


def test_missing_tools_are_reported(settings, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(MissingResourceError, match="espeak-ng") as info:
        synthesize("bonjour", out=tmp_path / "out.wav")
    assert "scripts/setup" in str(info.value)


def test_synthesize_for_tests_and_demo(tmp_path):
    out = synthesize("Je voudrais un rendez-vous.", rate=8000, out=tmp_path / "caller.wav")
    with wave.open(str(out)) as wav:
        assert wav.getframerate() == 8000 and wav.getnframes() > 8000
    cached = synthesize("Je voudrais un rendez-vous.")
    assert synthesize("Je voudrais un rendez-vous.") == cached  # same text: same cached file
    with pytest.raises(PromptAudioError):
        synthesize("   ")


def test_build_command_on_any_list_of_prompts(settings, capsys):
    config = Config(prompts=settings)
    assert build_prompt_audio(config, [WELCOME, HOURS])
    out = capsys.readouterr().out
    assert "2 synthesised" in out and "sound:ari-triage/<key>" in out
    assert build_prompt_audio(config, [WELCOME, HOURS])
    assert "2 already in the cache" in capsys.readouterr().out


def test_prompts_build_cli_on_the_shipped_tree(tmp_path, repo_root, monkeypatch):
    config_file = repo_root / "asterisk-conf" / "ari-triage.yaml"
    tree = repo_root / "asterisk-conf" / "trees" / "clinique.yaml"
    if not tree.is_file():
        pytest.skip("no shipped tree yet")
    monkeypatch.setenv("ARI_TRIAGE_PROMPTS_CACHE_DIR", str(tmp_path / "cache"))
    result = CliRunner().invoke(cli, ["--config", str(config_file), "prompts", "build"])
    assert result.exit_code == 0, result.output
    assert "synthesised" in result.output
    assert any(p.suffix == ".sln16" for p in (tmp_path / "cache").iterdir())


def test_prompts_build_cli_says_when_the_tree_is_missing(tmp_path):
    result = CliRunner().invoke(cli, ["prompts", "build", "--tree", str(tmp_path / "none.yaml")])
    assert result.exit_code == 1
    assert "none.yaml does not exist" in result.output
