from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ari_triage.cli.main import cli
from ari_triage.config import load_config
from ari_triage.errors import ConfigError


def test_shipped_file_matches_embedded_defaults(repo_root: Path, tmp_path: Path) -> None:
    shipped = load_config(repo_root / "asterisk-conf" / "ari-triage.yaml", env={})
    empty = repo_root / "asterisk-conf" / ".empty-for-test.yaml"
    empty.write_text("")
    try:
        embedded = load_config(empty, env={})
    finally:
        empty.unlink()
    for section in ("ari", "media", "asr", "nlu", "tree", "prompts", "queues", "emergency", "store",
                    "retention", "logging"):
        assert getattr(shipped, section) == getattr(embedded, section), section
    assert shipped.ari.url == "http://127.0.0.1:8088"
    assert shipped.ari.password == ""
    assert shipped.queues.default in shipped.queues.names
    # relative paths are resolved against the file's directory
    assert shipped.tree.dir == (repo_root / "asterisk-conf" / "trees").resolve()
    assert shipped.nlu.model_dir == (repo_root / "models" / "nlu").resolve()
    assert embedded.store.backend == "sqlite"


def test_environment_overrides_secrets(repo_root: Path) -> None:
    config = load_config(repo_root / "asterisk-conf" / "ari-triage.yaml",
                         env={"ARI_TRIAGE_ARI_PASSWORD": "s3cret", "ARI_TRIAGE_ARI_REQUEST_TIMEOUT_S": "2.5"})
    assert config.ari.password == "s3cret"
    assert config.ari.request_timeout_s == 2.5


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("ari:\n  url: http://x\n  pasword: y\n", 3, "unknown key 'ari.pasword'"),
        ("asr:\n  no_input_timeout_s: soon\n", 2, "'asr.no_input_timeout_s' must be a number"),
        ("store:\n  backend: mysql\n", 2, "'store.backend' must be one of sqlite, postgres"),
        ("queues:\n  names: accueil\n", 2, "'queues.names' must be a list"),
        ("hooks:\n  sms:\n    url: http://x\n", 2, "hook 'sms' needs 'type: webhook'"),
        ("ari:\n  url: [1\n", 3, "not valid YAML"),
        ("ari:\n  url: a\nari:\n  url: b\n", 3, "written twice"),
    ],
)
def test_bad_config_names_key_and_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_config(path, env={})
    assert words in str(info.value)
    assert info.value.location is not None and info.value.location.line == line


def test_cli_exit_code_2_on_bad_config(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("media:\n  format: opus\n")
    result = CliRunner().invoke(cli, ["--config", str(path), "config", "check"])
    assert result.exit_code == 2
    assert f"{path}:2:11" in result.output
    assert "Traceback" not in result.output
