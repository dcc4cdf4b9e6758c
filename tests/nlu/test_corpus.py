from __future__ import annotations

from pathlib import Path

import pytest

from ari_triage.errors import MissingResourceError
from ari_triage.nlu.corpus import CorpusError, corpus_hash, load_corpus
from ari_triage.nlu.result import Intent, Urgency


def write(tmp_path: Path, text: str, name: str = "c.tsv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_examples_skipping_comments_and_blank_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "# a comment\n\nje voudrais un rendez-vous\trdv_prise\tnormale\n"
                           "il ne respire plus\turgence\tvitale\n")
    examples = load_corpus([tmp_path])
    assert [(e.text, e.intent, e.urgency) for e in examples] == [
        ("je voudrais un rendez-vous", Intent.RDV_PRISE, Urgency.NORMALE),
        ("il ne respire plus", Intent.URGENCE, Urgency.VITALE),
    ]
    assert examples[1].source == f"{path}:4"


@pytest.mark.parametrize(("line", "message"), [
    ("texte sans tabulation", "expected 3 tab-separated fields"),
    ("texte\trdv_prise", "expected 3 tab-separated fields"),
    ("texte\trendezvous\tnormale", "unknown intent 'rendezvous'"),
    ("texte\trdv_prise\ttres_urgent", "unknown urgency 'tres_urgent'"),
    ("\trdv_prise\tnormale", "empty text"),
])
def test_bad_line_says_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = write(tmp_path, f"ok\tautre\tnormale\n{line}\n")
    with pytest.raises(CorpusError) as info:
        load_corpus([path])
    assert message in str(info.value)
    assert str(info.value).startswith(f"{path}:2:") or f"{path}:2" in str(info.value)


def test_missing_corpus(tmp_path: Path) -> None:
    with pytest.raises(MissingResourceError):
        load_corpus([tmp_path / "nowhere"])
    with pytest.raises(MissingResourceError):
        load_corpus([tmp_path])  # a directory without *.tsv


def test_hash_depends_on_content_only(tmp_path: Path) -> None:
    a = load_corpus([write(tmp_path, "# x\nbonjour\tautre\tnormale\n", "a.tsv")])
    b = load_corpus([write(tmp_path, "bonjour\tautre\tnormale\n\n", "b.tsv")])
    c = load_corpus([write(tmp_path, "bonjour\thumain\tnormale\n", "c.tsv")])
    assert corpus_hash(a) == corpus_hash(b) != corpus_hash(c)
