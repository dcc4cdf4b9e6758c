"""Simulated speech-recognition errors, for training augmentation and for the "noisy" scores.

A small telephone-band model like vosk-model-small-fr drops short words, writes a homophone ("ces" for
"c'est", "sang" for "sans"), glues words together ("rendezvous") or cuts one in two ("ordo nance"), and
loses the first word when the caller starts talking before the beep. :class:`AsrNoise` does the same to
normalised text, reproducibly (seeded).

Two settings are used:
- :class:`AsrNoise` defaults ("harsh"): also writes non-words ("fieve", "convulze", "uneurgence", "hemo rragie").
  Used to augment the training data (it teaches the character n-grams to survive anything) and reported as
  the harsh noisy score.
- :data:`VOSK_LIKE` ("noisy" in the evaluation): only what a closed-vocabulary recogniser such as Vosk can
  write: every output token is a word of its vocabulary. Words are dropped (short ones more often), replaced
  by real homophones ("sang" -> "sans"/"cent", "poitrine" -> "poitrines", "qu'il" -> "qui"), and the first word
  may be lost; no misspellings, no glued words, no words cut into non-words.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# Words a French recogniser confuses (normalised spelling). Each group: interchangeable sounds.
HOMOPHONE_GROUPS: tuple[tuple[str, ...], ...] = (
    ("a", "as", "ah", "ha"), ("et", "est", "ai", "es", "hait"), ("ces", "ses", "sait", "sais", "c", "s"),
    ("mal", "male", "malle"), ("sang", "sans", "cent", "sent"), ("mere", "mer", "maire"),
    ("pere", "paire", "pair", "perd", "pers"), ("cou", "coup", "cout", "coud"), ("foie", "fois", "foi"),
    ("vers", "verre", "vert", "ver"), ("voie", "voix", "vois", "voit"), ("peu", "peut", "peux"),
    ("ou", "au", "o", "eau"), ("la", "las", "l"), ("on", "ont", "an", "en"), ("quand", "quant", "camp", "kan"),
    ("vingt", "vin", "vain", "20"), ("mais", "mes", "met", "mai", "mets"), ("fin", "faim", "fain"),
    ("tant", "temps", "tend", "tan"), ("dent", "dans", "d en"), ("coeur", "choeur", "cur"),
    ("saigne", "seigne", "signe"), ("bleu", "bleue", "bleus"), ("urgence", "urgences", "urgent"),
    ("annuler", "annule", "anuler", "annulee"), ("reporter", "rapporter", "porter"), ("deux", "de", "d", "2"),
    ("trois", "toi", "3"), ("docteur", "doctor", "docteure"), ("medecin", "medecins", "medicin"),
    ("rendez", "rende", "render", "rendre"), ("vous", "vou", "vu"), ("ordonnance", "ordonnances", "ordonance"),
    ("resultats", "resultat", "resulta"), ("analyse", "analyses", "annalyse"), ("rdv", "rv", "rendezvous"),
    ("fievre", "fieve", "fiev"), ("respire", "respir", "respirer"), ("poitrine", "poitrines", "poitrin"),
    ("je", "j", "jeu", "che"), ("voudrais", "voudrai", "voudrait", "voulais"), ("prendre", "pendre", "rendre"),
    ("secretariat", "secretaria", "secretaire"), ("telephone", "telefone", "tel"), ("le", "les", "leur"),
    ("mon", "mont", "mom"), ("il", "ils", "y", "i"), ("elle", "elles", "l", "el"), ("c est", "ses", "sait"),
    ("qu il", "qui", "kil"), ("s il", "si", "cil"), ("pas", "pa", "bas"), ("plus", "plu", "pu"),
    ("ne", "n", "nez", "neu"), ("que", "qu", "queue", "ke"), ("du", "de", "d"), ("chez", "che", "j ai"),
)
_HOMOPHONES: dict[str, tuple[str, ...]] = {}
for _group in HOMOPHONE_GROUPS:
    for _word in _group:
        _HOMOPHONES.setdefault(_word, tuple(w for w in _group if w != _word))
# Spellings above that are not words a French recogniser's vocabulary holds (misspellings, English, cut
# words, lone letters that only exist as an elided "j'", "l'", "d'" before a vowel): never produced by VOSK_LIKE.
NON_WORDS = frozenset({
    "c", "s", "l", "d", "j", "n", "i", "o", "qu", "cur", "seigne", "anuler", "doctor", "medicin", "render", "vou",
    "ordonance", "resulta", "annalyse", "rv", "rendezvous", "fieve", "fiev", "respir", "poitrin", "che", "secretaria",
    "telefone", "mom", "el", "kil", "pa", "neu", "ke", "kan", "fain", "plu",
})
_REAL_HOMOPHONES: dict[str, tuple[str, ...]] = {
    word: tuple(a for a in alternatives if not NON_WORDS & set(a.split()))
    for word, alternatives in _HOMOPHONES.items()}

_SHORT_WORDS = frozenset({"a", "le", "la", "les", "de", "du", "des", "un", "une", "et", "en", "je", "j", "l", "d",
                          "n", "ne", "s", "il", "elle", "c", "est", "qu", "que", "pour", "au", "y", "on"})
# Spelling changes that keep the sound: what a recogniser with a small vocabulary writes instead.
_SOUND_ALIKE = (("ph", "f"), ("qu", "k"), ("er", "e"), ("ez", "e"), ("ai", "e"), ("eau", "o"), ("au", "o"),
                ("ss", "s"), ("mm", "m"), ("nn", "n"), ("tt", "t"), ("ll", "l"), ("en", "an"), ("ain", "in"),
                ("ou", "u"), ("c", "k"), ("s", "z"), ("gn", "ni"))


@dataclass(frozen=True)
class AsrNoise:
    """Per-word probabilities of each kind of recognition error."""

    drop: float = 0.06  # a word is lost (short words twice as often)
    homophone: float = 0.08  # a word is replaced by one that sounds the same
    sound_alike: float = 0.04  # a word is misspelt the way it sounds
    merge: float = 0.04  # a word is glued to the next
    split: float = 0.03  # a long word is cut in two
    lose_first: float = 0.08  # per utterance: the first word is lost
    words_only: bool = False  # homophones only from real words (closed-vocabulary recogniser)

    def scaled(self, factor: float) -> AsrNoise:
        rates = (min(1.0, getattr(self, name) * factor) for name in self.__dataclass_fields__ if name != "words_only")
        return AsrNoise(*rates, words_only=self.words_only)

    def apply(self, text: str, rng: random.Random) -> str:
        """One noisy version of normalised ``text`` (never empty when ``text`` is not)."""
        words = text.split()
        if len(words) > 2 and rng.random() < self.lose_first:
            words = words[1:]
        out: list[str] = []
        i = 0
        while i < len(words):
            word = words[i]
            roll = rng.random()
            drop = self.drop * (2 if word in _SHORT_WORDS else 1)
            if roll < drop:
                if len(words) == 1:
                    out.append(word)  # never lose the whole utterance
                i += 1
                continue
            roll -= drop
            homophones = (_REAL_HOMOPHONES if self.words_only else _HOMOPHONES).get(word)
            if roll < self.homophone and homophones:
                out.extend(rng.choice(homophones).split())
            elif self.words_only:
                out.append(word)  # no misspelling, gluing or cutting: the recogniser only writes its words
            elif roll < self.homophone + self.sound_alike and len(word) > 3:
                out.append(_sound_alike(word, rng))
            elif roll < self.homophone + self.sound_alike + self.merge and i + 1 < len(words):
                out.append(word + words[i + 1])
                i += 1
            elif roll < self.homophone + self.sound_alike + self.merge + self.split and len(word) >= 7:
                cut = rng.randint(3, len(word) - 3)
                out.extend((word[:cut], word[cut:]))
            else:
                out.append(word)
            i += 1
        return " ".join(out) if out else text


# What a closed-vocabulary recogniser (Vosk) can write: see the module docstring and docs/nlu.md.
VOSK_LIKE = AsrNoise(drop=0.06, homophone=0.08, sound_alike=0.0, merge=0.0, split=0.0, lose_first=0.08,
                     words_only=True)


def _sound_alike(word: str, rng: random.Random) -> str:
    candidates = [(a, b) for a, b in _SOUND_ALIKE if a in word]
    if candidates:
        a, b = rng.choice(candidates)
        return word.replace(a, b, 1)
    if word[-1] in "stdx" and len(word) > 4:
        return word[:-1]  # silent final letter
    return word


def noisy_copies(texts: list[str], copies: int, noise: AsrNoise, seed: int) -> list[list[str]]:
    """``copies`` noisy versions of each text (reproducible): result[k][i] is copy k of texts[i]."""
    rng = random.Random(seed)
    return [[noise.apply(t, rng) for t in texts] for _ in range(copies)]
