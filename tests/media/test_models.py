"""`ari-triage models check` and scripts/fetch-vosk-model (offline: --from-file; nothing is downloaded)."""

import hashlib
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from ari_triage.cli.main import cli
from ari_triage.config.model import AsrConfig, Config
from ari_triage.media.models_check import check_speech_model
from tests.media.conftest import korean_model_dir

REPO = Path(__file__).resolve().parents[2]
FETCH = REPO / "scripts" / "fetch-vosk-model"


def test_absent_french_model_is_explained(tmp_path):
    absent = tmp_path / "models" / "vosk-model-small-fr"
    result = CliRunner().invoke(cli, ["models", "check"], env={"ARI_TRIAGE_ASR_MODEL_DIR": str(absent)})
    assert result.exit_code == 1
    assert f"MISSING speech model (Vosk): {absent}" in result.output
    assert "scripts/fetch-vosk-model" in result.output  # how IT gets it
    assert "am/final.mdl" in result.output  # what the directory must contain


def test_broken_model_is_invalid_not_missing(tmp_path):
    (tmp_path / "conf").mkdir()
    status = check_speech_model(Config(asr=AsrConfig(model_dir=tmp_path)))
    assert status.state == "invalid" and "am/final.mdl" in status.detail


@pytest.mark.vosk
def test_present_model_is_ok_and_loads():
    status = check_speech_model(Config(asr=AsrConfig(model_dir=korean_model_dir())), load=True)
    assert status.ok, status
    assert "16000 Hz" in status.detail and "loads and decodes" in status.detail


def fake_model_zip(tmp_path: Path, name: str = "vosk-model-small-fr-0.22") -> Path:
    archive = tmp_path / f"{name}.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for member in ("am/final.mdl", "conf/mfcc.conf", "conf/model.conf", "graph/HCLG.fst"):
            zf.writestr(f"{name}/{member}", "--sample-frequency=16000\n" if member.endswith("mfcc.conf") else "x")
    return archive


def run_fetch(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(FETCH), *args], capture_output=True, text=True, timeout=60, check=False)


def test_fetch_refuses_without_a_sha256(tmp_path):
    sums = tmp_path / "sums"
    sums.write_text("vosk-model-small-fr-0.22 - - -\n")
    result = run_fetch("--from-file", str(fake_model_zip(tmp_path)), "--dest", str(tmp_path / "m"), "--sums", str(sums))
    assert result.returncode == 1
    assert "no SHA-256" in result.stderr
    assert not (tmp_path / "m" / "vosk-model-small-fr").exists()


def test_fetch_refuses_a_wrong_sha256(tmp_path):
    sums = tmp_path / "sums"
    sums.write_text("vosk-model-small-fr-0.22 - - -\n")
    result = run_fetch("--from-file", str(fake_model_zip(tmp_path)), "--dest", str(tmp_path / "m"),
                       "--sums", str(sums), "--sha256", "0" * 64)
    assert result.returncode == 1 and "refusing" in result.stderr
    assert not (tmp_path / "m" / "vosk-model-small-fr").exists()


def test_fetch_refuses_an_archive_that_differs_from_the_published_one(tmp_path):
    archive = fake_model_zip(tmp_path)
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    # the shipped list pins alphacephei's published size and MD5: a different archive never passes
    result = run_fetch("--from-file", str(archive), "--dest", str(tmp_path / "m"), "--sha256", digest)
    assert result.returncode == 1 and "alphacephei publishes 42233323" in result.stderr


def test_fetch_installs_a_verified_archive_where_the_config_expects_it(tmp_path):
    archive = fake_model_zip(tmp_path)
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    sums = tmp_path / "sums"
    sums.write_text(f"vosk-model-small-fr-0.22 {archive.stat().st_size} - {digest}\n")
    dest = tmp_path / "models"
    result = run_fetch("--from-file", str(archive), "--dest", str(dest), "--sums", str(sums))
    assert result.returncode == 0, result.stderr
    model = dest / "vosk-model-small-fr"
    assert (model / "am" / "final.mdl").is_file()
    assert f"sha256={digest}" in (model / "SOURCE.txt").read_text()
    assert list(dest.iterdir()) == [model]  # no staging leftovers
    status = check_speech_model(Config(asr=AsrConfig(model_dir=model)))
    assert status.ok and digest[:12] in status.detail


def test_fetch_record_mode_pins_the_sha256_after_checking_size_and_md5(tmp_path):
    archive = fake_model_zip(tmp_path)
    md5 = hashlib.md5(archive.read_bytes()).hexdigest()
    sums = tmp_path / "sums"
    sums.write_text(f"# comment\nvosk-model-small-fr-0.22 {archive.stat().st_size} {md5} -\n")
    result = run_fetch("--from-file", str(archive), "--dest", str(tmp_path / "m"), "--sums", str(sums), "--record")
    assert result.returncode == 0, result.stderr
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    size = archive.stat().st_size
    assert sums.read_text().splitlines() == ["# comment", f"vosk-model-small-fr-0.22 {size} {md5} {digest}"]
    # and a tampered archive is refused on the MD5 alphacephei publishes
    sums.write_text(f"vosk-model-small-fr-0.22 {archive.stat().st_size} {'1' * 32} -\n")
    result = run_fetch("--from-file", str(archive), "--dest", str(tmp_path / "m2"), "--sums", str(sums), "--record")
    assert result.returncode == 1 and "MD5" in result.stderr

