"""What the statistical model sees of an utterance.

The same functions produce the features at training time (scikit-learn vectorisers call them) and at
classification time (:class:`ari_triage.nlu.model.LinearTextModel`), so the two cannot drift apart.

- word unigrams and bigrams of the normalised text;
- character 2- to 5-grams inside each word (``char_wb``), which survive recognition errors that change a
  letter or glue two words together;
- a few pseudo-words from the red-flag layer (``zzrf_vitale``, ``zzrfx_past``...): the model can learn that
  "avc" next to a discounted-as-past flag is a records request, not an emergency. They only inform the
  model; the red-flag layer still raises urgency on its own.
"""

from __future__ import annotations

import itertools

from ari_triage.nlu.redflags import RedFlagAssessment

FEATURES_VERSION = 2
CHAR_NGRAM_RANGE = (2, 5)
WORD_NGRAM_RANGE = (1, 2)


def word_features(text: str, flags: RedFlagAssessment | None = None) -> list[str]:
    words = text.split()
    out = list(words)
    if WORD_NGRAM_RANGE[1] >= 2:
        out.extend(f"{a} {b}" for a, b in itertools.pairwise(words))
    if flags is not None:
        out.extend(flag_tokens(flags))
    return out


def char_features(text: str) -> list[str]:
    low, high = CHAR_NGRAM_RANGE
    out: list[str] = []
    for word in text.split():
        padded = f" {word} "
        length = len(padded)
        for n in range(low, high + 1):
            if n > length:
                break
            out.extend(padded[i:i + n] for i in range(length - n + 1))
    return out


def flag_tokens(flags: RedFlagAssessment) -> list[str]:
    tokens = [f"zzrf_{f.level.value}" for f in flags.flags]
    tokens.extend(f"zzrfx_{f.discounted}" for f in flags.ignored)
    return tokens
