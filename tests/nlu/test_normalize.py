from __future__ import annotations

import pytest

from ari_triage.nlu.normalize import normalize


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
