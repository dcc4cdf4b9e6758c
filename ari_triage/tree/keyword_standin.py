"""A keyword stand-in for the NLU model, used ONLY by the simulator and ``test-tree`` when the real model
(``ari_triage.nlu.model.load_classifier``) cannot be imported or loaded. The commands print a warning
whenever it is used. It is deliberately simple: a few French keywords per intent, a few red-flag phrases
for urgency. It is never used to answer real calls.
"""

from __future__ import annotations

import unicodedata

from ari_triage.nlu.result import Intent, NluResult, Urgency

_INTENT_WORDS: tuple[tuple[Intent, tuple[str, ...]], ...] = (
    (Intent.HUMAIN, ("parler a quelqu un", "parler a une personne", "un humain", "une personne", "standard",
                     "conseiller", "operateur")),
    (Intent.RDV_ANNULATION, ("annuler", "annulation", "decommander")),
    (Intent.RDV_CONFIRMATION, ("confirmer", "confirmation")),
    (Intent.RDV_MODIF, ("deplacer", "changer mon rendez", "modifier", "decaler", "reporter")),
    (Intent.RDV_PRISE, ("rendez vous", "rdv", "consultation", "voir le docteur", "voir un medecin")),
    (Intent.RESULTATS, ("resultat", "analyse", "prise de sang", "radio", "compte rendu", "scanner", "irm")),
    (Intent.ORDONNANCE, ("ordonnance", "renouvellement", "renouveler", "medicament")),
    (Intent.ADMINISTRATIF, ("facture", "mutuelle", "carte vitale", "remboursement", "paiement", "dossier")),
    (Intent.RECLAMATION, ("plainte", "reclamation", "pas content", "inadmissible", "scandale")),
    (Intent.CONSEIL_MEDICAL, ("fievre", "mal", "douleur", "symptome", "tousse", "vomi", "enceinte", "saigne",
                              "infection", "tension", "inquiet", "inquiete")),
    (Intent.INFO_PRATIQUE, ("horaire", "heure", "adresse", "ouvert", "parking", "acces", "venir", "documents",
                            "papiers", "ferme")),
)
_VITALE = ("respire plus", "respire pas", "ne respire", "inconscient", "inconsciente", "perd connaissance",
           "perdu connaissance", "repond plus", "mal a la poitrine", "douleur dans la poitrine",
           "douleur thoracique", "avc",
           "paralyse", "convulse", "saigne beaucoup", "hemorragie", "suicide", "me tuer", "crise cardiaque",
           "s est effondre", "s est effondree", "tombe par terre", "bouche de travers", "etouffe")
_URGENTE = ("tres mal", "beaucoup de fievre", "baisse pas", "quarante de fievre", "forte fievre", "40 de fievre",
            "empire", "de plus en plus",
            "vite", "urgent", "urgence")


def _normalise(text: str) -> str:
    """Lower case, no accents, punctuation and apostrophes as spaces."""
    folded = unicodedata.normalize("NFKD", text.lower().replace("œ", "oe"))
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    cleaned = "".join(ch if ch.isalnum() or ch == " " else " " for ch in plain)
    return f" {' '.join(cleaned.split())} "


class KeywordStandInClassifier:
    """Keyword matching with the :class:`~ari_triage.nlu.result.Classifier` interface (stand-in only)."""

    name = "keyword stand-in"

    def __init__(self, threshold: float = 0.55):
        self.threshold = threshold

    def classify(self, text: str) -> NluResult:
        said = _normalise(text)
        flags = tuple(p for p in _VITALE if f" {p} " in said)
        if flags:
            return NluResult(Intent.URGENCE, Urgency.VITALE, 0.9, False, reasons=flags, red_flags=flags)
        for intent, words in _INTENT_WORDS:
            hits = tuple(w for w in words if f" {w}" in said)
            if hits:
                urgent = tuple(p for p in _URGENTE if f" {p} " in said)
                urgency = Urgency.URGENTE if urgent else Urgency.NORMALE
                return NluResult(intent, urgency, 0.8, self.threshold > 0.8, reasons=hits + urgent)
        return NluResult(Intent.AUTRE, Urgency.NORMALE, 0.2, True)
