"""Normalisation of recogniser output before anything reads it.

Vosk gives lowercase words without punctuation, but the training corpus, the tests and people typing in
``ari-triage classify`` do not. Everything that reads text (features, red-flag patterns) sees the same
form: lowercase, accents folded (``é`` -> ``e``, ``œ`` -> ``oe``), apostrophes and hyphens as spaces,
no punctuation, hesitation fillers removed, French number words turned into digits, single spaces.

Bump :data:`NORMALISER_VERSION` whenever the output changes for some input: a model trained on the old
form is then refused at load time instead of silently reading features it never saw.
"""

from __future__ import annotations

import re
import unicodedata

NORMALISER_VERSION = 1

# Hesitations that a recogniser writes down and that carry no meaning.
FILLERS = frozenset({"euh", "euhh", "heu", "hum", "humm", "hmm", "hm", "bah", "beh", "mmh", "mh"})

_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})
_NON_WORD = re.compile(r"[^a-z0-9]+")
_ORDINAL = re.compile(r"\b(\d+)(?:er|ere|eme|e|nd|nde)\b")

_UNITS = {
    "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
    "seize": 16,
}
_TENS = {"vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
         "septante": 70, "huitante": 80, "octante": 80, "nonante": 90}
# "un"/"une" alone is an article far more often than a number: only converted inside a compound.
_STANDALONE_EXCLUDED = frozenset({"un", "une"})


def fold(text: str) -> str:
    """Lowercase and strip accents (``Fièvre`` -> ``fievre``), keeping every other character."""
    text = unicodedata.normalize("NFKD", text.lower().translate(_LIGATURES))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def normalize(text: str) -> str:
    """The one form of an utterance that every NLU component reads."""
    words = _NON_WORD.sub(" ", fold(text)).split()
    words = [w for w in words if w not in FILLERS]
    text = " ".join(_numbers_to_digits(words))
    return _ORDINAL.sub(r"\1", text)


# Words a French sentence cannot end on: an utterance ending on one was cut off (the caller was
# interrupted, or the recogniser lost the last words, often the ones that mattered: "j'ai mal dans la ...").
# Left out on purpose because spoken French does end on them: "la" (là), "le"/"les" ("annulez-le"),
# "un"/"une" ("quelqu'un", "refaites-m'en une"), "sur" ("bien sûr"), "mais" (a verbal tic), "ou" (où),
# "qui", "il"/"elle" (questions), "a" ("il y a"), "d"/"c"/"ne" ("vitamine D", "AVC", "nouveau-né").
_CUT_OFF_ENDINGS = frozenset({
    "de", "des", "du", "au", "aux", "dans", "pour", "avec", "sous", "chez", "vers", "que", "qu",
    "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre", "votre", "nos", "vos",
    "je", "j", "tu", "me", "te", "se", "m", "l", "s", "n",
})
_PREPOSITIONS = frozenset({"a", "de", "dans", "sur", "pour", "avec", "chez", "sous", "vers", "en"})
_ARTICLES = frozenset({"la", "le", "les", "un", "une"})


def cut_off_ending(normalised: str) -> str | None:
    """The words a normalised utterance breaks off on ("dans la", "mon"), or None if it ends like a sentence.

    Pure and cheap: the classifier marks such an utterance "unsure", so the tree asks the caller again
    instead of routing on half a sentence."""
    words = normalised.split()
    # "qu'est-ce qu'il y a là" ends on "y a" + "là": a whole sentence
    il_y_a_la = words[-3:] == ["y", "a", "la"]
    if len(words) >= 2 and words[-2] in _PREPOSITIONS and words[-1] in _ARTICLES and not il_y_a_la:
        return " ".join(words[-2:])
    # one word said over and over ("de de de", "je je") is stammering, not a sentence cut short
    if words and words[-1] in _CUT_OFF_ENDINGS and len(set(words)) > 1:
        return words[-1]
    return None


def _numbers_to_digits(words: list[str]) -> list[str]:
    """Turn French number words into digits: ``trente neuf`` -> ``39``, ``deux mille dix neuf`` -> ``2019``.

    Recognisers write numbers as words, people typing use digits: one form makes "39 de fièvre" and
    "trente-neuf de fièvre" the same feature."""
    out: list[str] = []
    i = 0
    while i < len(words):
        value, used = _parse_number(words, i)
        if used == 0 or (used == 1 and words[i] in _STANDALONE_EXCLUDED):
            out.append(words[i])
            i += 1
        else:
            out.append(str(value))
            i += used
    return out


def _parse_number(words: list[str], start: int) -> tuple[int, int]:
    """Longest French number starting at ``start``: (value, words consumed); (0, 0) when none.

    Two numbers in a row stay apart ("deux trois jours" is "2 3 jours", not 5)."""
    total = 0
    current = 0
    i = start
    best = (0, 0)
    while i < len(words):
        word = words[i]
        rest = current % 100
        if word in _UNITS and _unit_fits(rest, _UNITS[word], current):
            current += _UNITS[word]
        elif word.startswith("vingt") and word in _TENS and current % 100 == 4 and i > start:
            current = current - 4 + 80  # quatre vingt
        elif word in _TENS and rest == 0:
            current += _TENS[word]
        elif word in ("cent", "cents") and current < 100:
            current = max(current, 1) * 100
        elif word == "mille" and total == 0:
            total = max(current, 1) * 1000
            current = 0
        elif (word == "et" and i > start and rest >= 20 and rest % 10 == 0 and i + 1 < len(words)
              and words[i + 1] in ("un", "une", "onze")):
            i += 1
            continue
        else:
            break
        i += 1
        best = (total + current, i - start)
    return best


def _unit_fits(rest: int, unit: int, current: int) -> bool:
    """Whether a unit word continues the number whose last two digits are ``rest``."""
    if rest == 0:
        return current == 0 or unit < 100  # "cent deux", "mille neuf"
    if rest in (20, 30, 40, 50, 60, 80) and unit <= 9:
        return True
    if rest in (60, 80) and 10 <= unit <= 16:
        return True
    return rest in (10, 70, 90) and unit in (7, 8, 9)
