from __future__ import annotations

import pytest

from ari_triage.nlu.normalize import cut_off_ending, normalize


@pytest.mark.parametrize(("raw", "expected"), [
    ("Ma MÈRE a mal à la poitrine !", "ma mere a mal a la poitrine"),
    ("J’ai l'ordonnance, euh, du Dr. Œuf", "j ai l ordonnance du dr oeuf"),
    ("rendez-vous", "rendez vous"),
    ("il a trente-neuf de fièvre", "il a 39 de fievre"),
    ("deux mille dix-neuf", "2019"),
    ("quatre-vingt-dix-sept ans", "97 ans"),
    ("soixante et onze", "71"),
    ("depuis deux trois jours", "depuis 2 3 jours"),  # two numbers stay apart
    ("un rendez-vous", "un rendez vous"),  # the article is not a number
    ("le 1er mars", "le 1 mars"),
    ("  euh   bah  ", ""),
])
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_normalize_is_idempotent() -> None:
    text = "Bonjour, j'appelle pour ma fille : elle a 40,5 de fièvre !"
    assert normalize(normalize(text)) == normalize(text)


@pytest.mark.parametrize(("text", "ending"), [
    ("j'ai une grosse douleur dans la", "dans la"),
    ("il a mal à la", "a la"),
    ("je veux mettre fin à ma", "ma"),
    ("euh c'est pour", "pour"),
    ("je vous appelle parce que", "que"),
    ("ma fille a des plaques qui apparaissent et elle a de", "de"),
    ("j'en peux plus je vais me", "me"),
    ("il s'est pas réveillé depuis l'", "l"),
    ("je vais m'", "m"),
])
def test_a_sentence_that_breaks_off_is_recognised(text: str, ending: str) -> None:
    assert cut_off_ending(normalize(text)) == ending


@pytest.mark.parametrize("text", [
    "il est tombé là", "annulez-le", "je voudrais parler à quelqu'un", "vous pouvez m'en refaire une",
    "oui bien sûr", "ah non mais", "c'est où", "c'est qui", "qu'est-ce qu'il y a", "mon taux de vitamine D",
    "je pense qu'il fait un AVC", "une place pour mon nouveau-né", "de de de", "je je", "pour", "",
    "je voudrais un rendez-vous pour ma mère", "elle ne respire plus", "qu'est-ce qu'il y a là",
])
def test_a_complete_or_spoken_ending_is_not_cut_off(text: str) -> None:
    assert cut_off_ending(normalize(text)) is None
