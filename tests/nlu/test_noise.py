from __future__ import annotations

import random

from ari_triage.nlu.noise import NON_WORDS, VOSK_LIKE, AsrNoise, noisy_copies
from ari_triage.nlu.normalize import normalize

TEXTS = [normalize(t) for t in (
    "je voudrais prendre un rendez-vous avec le docteur martin pour ma mère",
    "bonjour c'est pour renouveler mon ordonnance de la semaine dernière",
    "mon mari a mal à la poitrine depuis vingt minutes",
)]


def test_noise_is_reproducible_and_changes_text() -> None:
    first = noisy_copies(TEXTS, 5, AsrNoise(), seed=3)
    second = noisy_copies(TEXTS, 5, AsrNoise(), seed=3)
    assert first == second
    changed = sum(copy[i] != TEXTS[i] for copy in first for i in range(len(TEXTS)))
    assert changed >= 10  # most of the 15 copies differ from the original


def test_noise_kinds() -> None:
    rng = random.Random(0)
    only_merge = AsrNoise(drop=0, homophone=0, sound_alike=0, merge=1.0, split=0, lose_first=0)
    assert only_merge.apply("rendez vous demain", rng) == "rendezvous demain"
    only_drop = AsrNoise(drop=1.0, homophone=0, sound_alike=0, merge=0, split=0, lose_first=0)
    assert only_drop.apply("annuler", rng) == "annuler"  # never empties the utterance
    only_homophone = AsrNoise(drop=0, homophone=1.0, sound_alike=0, merge=0, split=0, lose_first=0)
    assert only_homophone.apply("sang", rng) in {"sans", "cent", "sent"}
    only_split = AsrNoise(drop=0, homophone=0, sound_alike=0, merge=0, split=1.0, lose_first=0)
    assert only_split.apply("ordonnance", rng).replace(" ", "") == "ordonnance"
    assert " " in only_split.apply("ordonnance", rng)


def test_noise_off_is_identity() -> None:
    off = AsrNoise().scaled(0.0)
    rng = random.Random(1)
    assert [off.apply(t, rng) for t in TEXTS] == TEXTS


def test_vosk_like_noise_only_writes_words_the_recogniser_knows() -> None:
    """The "noisy" evaluation: dropped words and real homophones only, never a misspelt, glued or cut word."""
    rng = random.Random(5)
    vocabulary = {w for t in TEXTS for w in t.split()}
    from ari_triage.nlu.noise import HOMOPHONE_GROUPS

    vocabulary |= {w for group in HOMOPHONE_GROUPS for a in group for w in a.split()} - NON_WORDS
    changed = 0
    for _ in range(200):
        for text in TEXTS:
            noisy = VOSK_LIKE.apply(text, rng)
            changed += noisy != text
            assert set(noisy.split()) <= vocabulary, noisy
    assert changed > 300  # it still changes most utterances


def test_vosk_like_scaled_keeps_words_only() -> None:
    assert VOSK_LIKE.scaled(2.0).words_only and VOSK_LIKE.scaled(2.0).drop == 0.12
