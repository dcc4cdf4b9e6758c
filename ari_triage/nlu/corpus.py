"""The training corpus: UTF-8 TSV files, one example per line ``text<TAB>intent<TAB>urgency``.

Lines starting with ``#`` are comments, blank lines are ignored. Label names are those of
:mod:`ari_triage.nlu.result`. A bad line is reported with its file and line number.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ari_triage.errors import Location, MissingResourceError, TriageError
from ari_triage.nlu.result import Intent, Urgency


class CorpusError(TriageError):
    """A line of the training corpus is malformed."""

    code = "nlu-corpus"


@dataclass(frozen=True)
class Example:
    text: str
    intent: Intent
    urgency: Urgency
    source: str = ""  # file:line, for error messages and review


def load_corpus(paths: Iterable[Path]) -> list[Example]:
    """Read every example of the given TSV files (or directories of ``*.tsv``), in a stable order."""
    files = _expand(paths)
    if not files:
        raise MissingResourceError("no training corpus found (*.tsv files)",
                                   hint="the corpus ships in models/corpus/; pass --corpus DIR to use another one")
    examples: list[Example] = []
    for path in files:
        examples.extend(_read_file(path))
    if not examples:
        raise CorpusError(f"the corpus files hold no example: {', '.join(str(f) for f in files)}")
    return examples


def _expand(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.glob("*.tsv")))
        elif path.is_file():
            files.append(path)
        else:
            raise MissingResourceError(f"corpus path not found: {path}")
    return files


def _read_file(path: Path) -> list[Example]:
    try:
        content = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", location=Location(str(path))) from None
    examples = []
    for number, raw in enumerate(content.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = Location(str(path), number)
        fields = line.split("\t")
        if len(fields) != 3:
            raise CorpusError(f"expected 3 tab-separated fields (text, intent, urgency), got {len(fields)}",
                              location=where)
        text, intent, urgency = (f.strip() for f in fields)
        if not text:
            raise CorpusError("empty text", location=where)
        try:
            intent_label = Intent(intent)
        except ValueError:
            raise CorpusError(f"unknown intent {intent!r}", location=where,
                              hint="one of: " + ", ".join(i.value for i in Intent)) from None
        try:
            urgency_label = Urgency(urgency)
        except ValueError:
            raise CorpusError(f"unknown urgency {urgency!r}", location=where,
                              hint="one of: " + ", ".join(u.value for u in Urgency)) from None
        examples.append(Example(text, intent_label, urgency_label, str(where)))
    return examples


def corpus_hash(examples: Iterable[Example]) -> str:
    """SHA-256 of the examples' content (not of file names or comments): identifies the training data."""
    digest = hashlib.sha256()
    for ex in examples:
        digest.update(f"{ex.text}\t{ex.intent.value}\t{ex.urgency.value}\n".encode())
    return digest.hexdigest()
