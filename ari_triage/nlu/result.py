"""What the NLU says about one utterance: the contract between the model, the trees and the store.

Label names are fixed: trees, statistics and the training corpus refer to them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol


class Intent(StrEnum):
    RDV_PRISE = "rdv_prise"
    RDV_MODIF = "rdv_modif"
    RDV_ANNULATION = "rdv_annulation"
    RDV_CONFIRMATION = "rdv_confirmation"
    INFO_PRATIQUE = "info_pratique"
    RESULTATS = "resultats"
    ORDONNANCE = "ordonnance"
    ADMINISTRATIF = "administratif"
    CONSEIL_MEDICAL = "conseil_medical"
    URGENCE = "urgence"
    HUMAIN = "humain"
    RECLAMATION = "reclamation"
    AUTRE = "autre"


class Urgency(StrEnum):
    NORMALE = "normale"
    URGENTE = "urgente"
    VITALE = "vitale"

    @property
    def rank(self) -> int:
        return _URGENCY_RANK[self]

    @staticmethod
    def highest(*levels: Urgency) -> Urgency:
        """Urgency can only be raised: combining two opinions keeps the more urgent one."""
        return max(levels, key=lambda u: u.rank)


_URGENCY_RANK = {Urgency.NORMALE: 0, Urgency.URGENTE: 1, Urgency.VITALE: 2}


@dataclass(frozen=True)
class NluResult:
    intent: Intent
    urgency: Urgency
    confidence: float  # probability of ``intent``, 0..1
    unsure: bool  # confidence below the configured threshold: ask again or hand over
    reasons: tuple[str, ...] = ()  # red-flag phrases or top features that decided
    urgency_confidence: float = 1.0
    red_flags: tuple[str, ...] = ()  # phrases of the red-flag layer that raised the urgency
    scores: dict[str, float] = field(default_factory=dict, compare=False)  # intent -> probability

    def to_json(self) -> dict:
        return {
            "intent": self.intent.value,
            "urgency": self.urgency.value,
            "confidence": round(self.confidence, 4),
            "unsure": self.unsure,
            "reasons": list(self.reasons),
            "urgency_confidence": round(self.urgency_confidence, 4),
            "red_flags": list(self.red_flags),
        }


class Classifier(Protocol):
    """Pure text -> NluResult. Implementations must be thread-safe for concurrent calls."""

    def classify(self, text: str) -> NluResult: ...
