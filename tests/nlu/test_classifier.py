"""The decision rules of the classifier: urgency only raised, vitale means urgence, thresholds."""

from __future__ import annotations

import dataclasses
import threading

import pytest

from ari_triage.nlu.model import ModelArtifactError, TriageClassifier, UrgencyPolicy
from ari_triage.nlu.result import Intent, Urgency


def with_threshold(trained, threshold: float, policy: UrgencyPolicy | None = None) -> TriageClassifier:
    c = trained.classifier
    return TriageClassifier(c.model, c.vocabulary, threshold, policy or c.policy, c.metadata)


def test_red_flag_makes_vitale_and_urgence_and_says_why(small_model) -> None:
    result = small_model.classifier.classify("bonjour je voudrais un rendez-vous mais là ma mère a mal à la poitrine")
    assert result.urgency is Urgency.VITALE
    assert result.intent is Intent.URGENCE
    assert result.red_flags == ("mal a la poitrine",)
    assert any("mal a la poitrine" in r for r in result.reasons)
    assert not result.unsure  # a safety decision is never "unsure"


def test_red_flags_are_never_lowered_by_the_model(small_model) -> None:
    # A policy under which the model alone never says vitale or urgente: the rules still do.
    never = UrgencyPolicy(vitale_min=2.0, urgente_min=2.0)
    clf = with_threshold(small_model, 0.3, never)
    assert clf.classify("il ne respire plus").urgency is Urgency.VITALE
    assert clf.classify("mon bébé a 40 de fièvre").urgency.rank >= Urgency.URGENTE.rank
    assert clf.classify("je voudrais prendre un rendez-vous").urgency is Urgency.NORMALE


def test_model_urgency_is_kept_when_rules_see_nothing(small_model) -> None:
    always = UrgencyPolicy(vitale_min=0.0, urgente_min=0.0)  # the model says vitale for everything
    result = with_threshold(small_model, 0.3, always).classify("je voudrais prendre un rendez-vous")
    assert result.urgency is Urgency.VITALE  # rules cannot lower it
    assert result.intent is Intent.URGENCE
    assert any("rdv_prise" in r for r in result.reasons)  # the other need is kept for the agent


def test_perceived_urgency_is_not_medical_urgency(small_model) -> None:
    result = small_model.classifier.classify("c'est urgent je veux mes résultats")
    assert result.intent is Intent.RESULTATS
    assert result.urgency is Urgency.NORMALE


def test_threshold_turns_low_confidence_into_unsure(small_model) -> None:
    text = "je voudrais annuler mon rendez-vous"
    assert not with_threshold(small_model, 0.0).classify(text).unsure
    strict = with_threshold(small_model, 1.0).classify(text)
    assert strict.unsure and strict.intent is Intent.RDV_ANNULATION  # the best guess is still given
    assert not with_threshold(small_model, 1.0).classify("il ne respire plus").unsure


def test_empty_or_filler_only_is_autre_and_unsure(small_model) -> None:
    for text in ("", "   ", "euh"):
        result = small_model.classifier.classify(text)
        assert (result.intent, result.unsure, result.confidence) == (Intent.AUTRE, True, 0.0)


def test_bad_threshold_is_refused(small_model) -> None:
    with pytest.raises(ModelArtifactError):
        with_threshold(small_model, 1.5)


def test_json_shape(small_model) -> None:
    data = small_model.classifier.classify("il ne respire plus").to_json()
    assert {"intent", "urgency", "confidence", "unsure", "reasons", "red_flags"} <= set(data)
    assert data["intent"] == "urgence" and data["urgency"] == "vitale" and data["red_flags"] == ["respire plus"]


def test_concurrent_classification_gives_the_same_results(small_model) -> None:
    texts = ["je voudrais annuler", "il ne respire plus", "mes résultats", "un rendez-vous svp"] * 25
    expected = [small_model.classifier.classify(t) for t in texts]
    results: dict[int, list] = {}

    def work(k: int) -> None:
        results[k] = [small_model.classifier.classify(t) for t in texts]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all([dataclasses.astuple(r) for r in rs] == [dataclasses.astuple(r) for r in expected]
               for rs in results.values())


def test_urgency_policy_favours_recall() -> None:
    policy = UrgencyPolicy(vitale_min=0.35, urgente_min=0.20)
    assert policy.decide({Urgency.NORMALE: 0.6, Urgency.URGENTE: 0.0, Urgency.VITALE: 0.4}) is Urgency.VITALE
    assert policy.decide({Urgency.NORMALE: 0.7, Urgency.URGENTE: 0.1, Urgency.VITALE: 0.2}) is Urgency.URGENTE
    assert policy.decide({Urgency.NORMALE: 0.85, Urgency.URGENTE: 0.1, Urgency.VITALE: 0.05}) is Urgency.NORMALE


def test_a_sentence_that_breaks_off_is_unsure_but_keeps_its_best_guess(small_model) -> None:
    clf = with_threshold(small_model, 0.0)  # whatever the confidence: the cut-off alone makes it unsure
    whole = clf.classify("je voudrais annuler mon rendez-vous")
    cut = clf.classify("je voudrais annuler mon rendez-vous pour")
    assert not whole.unsure
    assert cut.unsure and cut.intent is whole.intent
    assert any("breaks off on 'pour'" in r for r in cut.reasons)


def test_a_red_flag_in_a_sentence_that_breaks_off_is_still_vitale_and_sure(small_model) -> None:
    result = small_model.classifier.classify("il ne respire plus et il a les lèvres bleues depuis")
    assert result.urgency is Urgency.VITALE and not result.unsure
