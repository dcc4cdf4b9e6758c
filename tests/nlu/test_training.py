"""Training on small data: the exported numpy model is the scikit-learn model, and it learns."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from ari_triage.nlu import redflags, training
from ari_triage.nlu.normalize import normalize
from ari_triage.nlu.result import Intent, Urgency


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("svm_weight", [0.0, 0.5])
def test_exported_model_equals_scikit_learn(seed_examples, svm_weight: float) -> None:
    params = training.TrainingParams(noisy_copies=0, calibration_folds=0, min_df=1, svm_intent_weight=svm_weight)
    texts = [normalize(e.text) for e in seed_examples]
    labels = [(e.intent.value, e.urgency.value) for e in seed_examples]
    word_vec, char_vec, intent_parts, urgency_parts = training._fit_raw(texts, labels, params)
    assert len(intent_parts) == (2 if svm_weight else 1)
    assert len(urgency_parts) == 1  # the urgency head stays a plain logistic regression
    arrays = training._export(word_vec, char_vec, intent_parts, urgency_parts)
    model, _ = training._linear_model(arrays, {"intent": 1.0, "urgency": 1.0})
    probes = [normalize(t) for t in ("je voudrais annuler mon rendez-vous", "ma mère a mal à la poitrine",
                                     "une ordonnance svp", "mot_inconnu zzz")]
    x = sp.hstack([word_vec.transform(probes), char_vec.transform(probes)]).tocsr()
    for head, parts in (("intent", intent_parts), ("urgency", urgency_parts)):
        if len(parts) == 1:
            expected = parts[0][0].predict_proba(x)  # scikit-learn's own probabilities
        else:
            expected = _softmax(sum(w * clf.decision_function(x) for clf, w in parts))
        for row, text in enumerate(probes):
            idx, vals = model.features(text, redflags.assess(text))
            got = model.probabilities(head, idx, vals)
            for j, label in enumerate(parts[0][0].classes_):
                assert abs(got[label] - expected[row, j]) < 1e-4, (head, text, label)


def test_small_model_learns_the_seed_corpus(small_model) -> None:
    clf = small_model.classifier
    assert clf.classify("je voudrais annuler mon rendez-vous de demain").intent is Intent.RDV_ANNULATION
    assert clf.classify("est-ce que mes résultats sont arrivés").intent is Intent.RESULTATS
    assert clf.classify("quels sont vos horaires").intent is Intent.INFO_PRATIQUE
    assert clf.classify("il me faut une ordonnance").intent is Intent.ORDONNANCE


def test_metadata_records_versions_data_and_temperature(small_model, seed_examples) -> None:
    meta = small_model.metadata
    assert meta["data"]["examples"] == len(seed_examples)
    assert meta["model_id"].endswith(meta["data"]["sha256"][:8])
    assert len(meta["data"]["sha256"]) == 64
    assert set(meta["libraries"]) == {"python", "numpy", "scikit-learn"}
    assert meta["labels"]["intent"] == [i.value for i in Intent]
    assert meta["labels"]["urgency"] == [u.value for u in Urgency]
    assert 0.2 <= meta["temperature"]["intent"] <= 5.0
    assert meta["training"]["features"] == len(small_model.arrays["vocabulary"])
    assert small_model.arrays["intent_coef"].dtype == np.float32


def test_evaluate_reports_held_out_and_cross_validation_clean_and_noisy(seed_examples) -> None:
    params = training.TrainingParams(noisy_copies=1, calibration_folds=0, min_df=1)
    scores = training.evaluate(seed_examples, params, folds=2, test_size=0.3, collect_errors=True)
    for split in ("held_out", "cross_validation"):
        for variant in ("clean", "noisy", "noisy_harsh"):
            m = scores[split][variant]
            assert m["n"] == (len(seed_examples) if split == "cross_validation" else m["n"])
            assert 0.0 <= m["intent_macro_f1"] <= 1.0
            assert m["vitale_recall"] is not None
            matrix = np.array(m["intent_confusion"]["matrix"])
            assert matrix.sum() == m["n"]
            assert set(m["per_urgency"]) == {"normale", "urgente", "vitale"}
    assert scores["cross_validation"]["clean"]["n"] == len(seed_examples)
    summary = training.summary(scores)
    assert set(summary) == {f"{split}.{variant}" for split in ("held_out", "cross_validation")
                           for variant in ("clean", "noisy", "noisy_harsh")}
    assert scores["noise"]["words_only"] and not scores["noise_harsh"]["words_only"]
    assert isinstance(scores["errors"], list)


def test_a_missed_vitale_counts_as_silent_only_when_the_classifier_was_sure() -> None:
    from ari_triage.nlu.result import NluResult

    def said(urgency: Urgency, unsure: bool) -> NluResult:
        intent = Intent.URGENCE if urgency is Urgency.VITALE else Intent.CONSEIL_MEDICAL
        return NluResult(intent, urgency, 0.9, unsure)

    truth = [("urgence", "vitale")] * 3 + [("conseil_medical", "normale")]
    results = [said(Urgency.VITALE, False), said(Urgency.URGENTE, True), said(Urgency.NORMALE, False),
               said(Urgency.NORMALE, False)]
    m = training._metrics_of_results(results, truth, detail=False)
    assert m["missed_vitale"] == 2
    assert m["missed_vitale_sure"] == 1  # the unsure one is asked again
    assert m["unsure_rate"] == 0.25


def test_augmentation_adds_harsh_and_realistic_noisy_copies(seed_examples) -> None:
    from ari_triage.nlu.noise import NON_WORDS

    texts = [normalize(e.text) for e in seed_examples]
    labels = [(e.intent.value, e.urgency.value) for e in seed_examples]
    params = training.TrainingParams(noisy_copies=2, realistic_copies=1)
    aug_texts, aug_labels = training._augment(texts, labels, params, seed=3)
    n = len(texts)
    assert len(aug_texts) == len(aug_labels) == 4 * n
    assert aug_texts[:n] == texts and aug_labels[n:2 * n] == labels
    realistic = aug_texts[3 * n:]
    assert realistic != texts  # some errors were made...
    assert not NON_WORDS & {w for t in realistic for w in t.split()} - {w for t in texts for w in t.split()}
    none = training.TrainingParams(noisy_copies=0, realistic_copies=0)
    assert training._augment(texts, labels, none, seed=3) == (texts, labels)
