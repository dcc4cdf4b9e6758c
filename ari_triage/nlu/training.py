"""Training and evaluation of the intent/urgency model (scikit-learn; imported only by ``train``/``eval``).

Method, in short:
- texts are normalised, then augmented with simulated recognition errors (:mod:`ari_triage.nlu.noise`);
- one TF-IDF space (word 1-2-grams + red-flag pseudo-words, character 2-5-grams in words) is shared by
  two linear heads, one for intent (logistic regression blended with a linear SVM) and one for urgency
  (logistic regression);
- the intent probabilities are calibrated by temperature scaling fitted on cross-validated predictions
  (one scalar: it changes the confidence compared with the threshold, never the ranking); the urgency
  head is left as trained, its decision thresholds (:class:`UrgencyPolicy`) being set on those values;
- the result is exported to plain arrays (:class:`ari_triage.nlu.model.LinearTextModel`).

Evaluation always measures the whole classifier as shipped (model + red-flag layer + decision rules) on
data it was not trained on: a stratified held-out split and stratified k-fold cross-validation, each on
clean text and on the same text with simulated recognition errors.
"""

from __future__ import annotations

import dataclasses
import platform
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix, precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold, train_test_split
from sklearn.svm import LinearSVC
from threadpoolctl import threadpool_limits

from ari_triage.nlu import features, redflags
from ari_triage.nlu.corpus import Example, corpus_hash
from ari_triage.nlu.model import (
    FORMAT_VERSION,
    LinearTextModel,
    TriageClassifier,
    UrgencyPolicy,
)
from ari_triage.nlu.noise import VOSK_LIKE, AsrNoise, noisy_copies
from ari_triage.nlu.normalize import NORMALISER_VERSION, normalize
from ari_triage.nlu.result import Intent, Urgency

INTENT_LABELS = [i.value for i in Intent]
URGENCY_LABELS = [u.value for u in Urgency]


@dataclass(frozen=True)
class TrainingParams:
    noisy_copies: int = 2  # augmented copies of each example with simulated recognition errors ("harsh")
    # copies with only the errors a closed-vocabulary recogniser makes (eval_noise): +0.4-0.5 points of
    # held-out macro-F1, clean and noisy, on the 11,800-line corpus; the harsh copies alone teach less of them
    realistic_copies: int = 1
    noise: AsrNoise = field(default_factory=AsrNoise)  # training augmentation, and the "noisy_harsh" scores
    eval_noise: AsrNoise = VOSK_LIKE  # the "noisy" scores: only errors a closed-vocabulary recogniser makes
    c_intent: float = 10.0  # inverse regularisation of the logistic regressions
    c_urgency: float = 10.0
    # The intent head blends the logistic regression's logits with a linear SVM's margins (same features):
    # logits = (1 - w) * LR + w * svm_scale * SVM. One linear model again, exported the same way. In 3-fold
    # cross-validation over three augmentation seeds it raised intent macro-F1 by about half a point, clean
    # and noisy, with no loss of vitale recall. w = 0 gives the plain logistic regression.
    svm_intent_weight: float = 0.5
    svm_intent_c: float = 0.5
    svm_scale: float = 10.0  # SVM margins are about ten times smaller than LR logits
    min_df: int = 2  # features seen in fewer training texts are dropped (keeps the artifact small)
    calibration_folds: int = 4  # 0: no temperature scaling (tests)
    seed: int = 13
    policy: UrgencyPolicy = field(default_factory=UrgencyPolicy)


@dataclass
class TrainedModel:
    classifier: TriageClassifier
    arrays: dict[str, np.ndarray]
    metadata: dict[str, Any]


def _word_analyzer(doc: str) -> list[str]:
    return features.word_features(doc, redflags.assess(doc))


def _augment(texts: list[str], labels: list[tuple[str, str]], params: TrainingParams, seed: int
             ) -> tuple[list[str], list[tuple[str, str]]]:
    copies = noisy_copies(texts, params.noisy_copies, params.noise, seed) if params.noisy_copies > 0 else []
    if params.realistic_copies > 0:
        copies += noisy_copies(texts, params.realistic_copies, params.eval_noise, seed + 7)
    if not copies:
        return texts, labels
    out_texts = list(texts)
    out_labels = list(labels)
    for copy in copies:
        out_texts.extend(copy)
        out_labels.extend(labels)
    return out_texts, out_labels


def _fit_raw(texts: list[str], labels: list[tuple[str, str]], params: TrainingParams
             ) -> tuple[TfidfVectorizer, TfidfVectorizer, list[tuple[Any, float]], list[tuple[Any, float]]]:
    word_vec = TfidfVectorizer(analyzer=_word_analyzer, sublinear_tf=True, min_df=params.min_df, dtype=np.float64)
    char_vec = TfidfVectorizer(analyzer=features.char_features, sublinear_tf=True, min_df=params.min_df,
                               dtype=np.float64)
    x = sp.hstack([word_vec.fit_transform(texts), char_vec.fit_transform(texts)]).tocsr()
    heads = []
    # One BLAS/OpenMP thread: these problems are small, and with several threads on a shared 2-core
    # machine L-BFGS ran 20 times slower (thread oversubscription).
    with threadpool_limits(limits=1):
        for k, c in ((0, params.c_intent), (1, params.c_urgency)):
            y = [lab[k] for lab in labels]
            clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
            clf.fit(x, y)
            parts: list[tuple[Any, float]] = [(clf, 1.0)]
            w = params.svm_intent_weight if k == 0 else 0.0
            if w > 0 and len(set(y)) > 1:
                svm = LinearSVC(C=params.svm_intent_c, class_weight="balanced", max_iter=5000)
                svm.fit(x, y)
                parts = [(clf, 1.0 - w), (svm, w * params.svm_scale)]
            heads.append(parts)
    return word_vec, char_vec, heads[0], heads[1]


def _export(word_vec: TfidfVectorizer, char_vec: TfidfVectorizer, intent_parts: list[tuple[Any, float]],
            urgency_parts: list[tuple[Any, float]]) -> dict[str, np.ndarray]:
    """Plain arrays in one feature space: word features first, then character features (hstack order).

    Each head is a weighted sum of linear models (logits = sum of weight * decision function), which is
    itself one linear model."""
    word_terms = sorted(word_vec.vocabulary_, key=word_vec.vocabulary_.__getitem__)
    char_terms = sorted(char_vec.vocabulary_, key=char_vec.vocabulary_.__getitem__)
    vocabulary = [f"w:{t}" for t in word_terms] + [f"c:{t}" for t in char_terms]
    arrays: dict[str, np.ndarray] = {
        "vocabulary": np.array(vocabulary, dtype=np.str_),
        "blocks": np.concatenate([np.full(len(word_terms), LinearTextModel.BLOCK_WORD, dtype=np.int8),
                                  np.full(len(char_terms), LinearTextModel.BLOCK_CHAR, dtype=np.int8)]),
        "idf": np.concatenate([word_vec.idf_, char_vec.idf_]).astype(np.float32),
    }
    for name, parts, labels in (("intent", intent_parts, INTENT_LABELS), ("urgency", urgency_parts, URGENCY_LABELS)):
        # columns in the order of our label list; a label absent from the training data gets a very low score
        coef = np.zeros((len(vocabulary), len(labels)), dtype=np.float32)
        intercept = np.full(len(labels), -30.0, dtype=np.float32)
        classes = list(parts[0][0].classes_)
        raw_coef = np.zeros((len(classes), len(vocabulary)))
        raw_intercept = np.zeros(len(classes))
        for clf, weight in parts:
            if list(clf.classes_) != classes:
                raise ValueError("blended models disagree on the classes")
            if len(classes) == 2:  # binary linear model: one coefficient row for classes_[1]
                raw_coef += weight * np.vstack([-clf.coef_[0] / 2, clf.coef_[0] / 2])
                raw_intercept += weight * np.array([-clf.intercept_[0] / 2, clf.intercept_[0] / 2])
            else:
                raw_coef += weight * clf.coef_
                raw_intercept += weight * clf.intercept_
        for j, label in enumerate(classes):
            col = labels.index(label)
            coef[:, col] = raw_coef[j]
            intercept[col] = raw_intercept[j]
        arrays[f"{name}_coef"] = coef
        arrays[f"{name}_intercept"] = intercept
    return arrays


def _linear_model(arrays: dict[str, np.ndarray], temperatures: dict[str, float]) -> tuple[LinearTextModel, list[str]]:
    vocabulary = [str(t) for t in arrays["vocabulary"].tolist()]
    heads = {
        "intent": (INTENT_LABELS, arrays["intent_coef"], arrays["intent_intercept"], temperatures["intent"]),
        "urgency": (URGENCY_LABELS, arrays["urgency_coef"], arrays["urgency_intercept"], temperatures["urgency"]),
    }
    return LinearTextModel(vocabulary, arrays["blocks"], arrays["idf"], heads), vocabulary


def _fit_classifier(texts: list[str], labels: list[tuple[str, str]], params: TrainingParams, threshold: float,
                    temperatures: dict[str, float], seed: int) -> tuple[TriageClassifier, dict[str, np.ndarray]]:
    aug_texts, aug_labels = _augment(texts, labels, params, seed)
    arrays = _export(*_fit_raw(aug_texts, aug_labels, params))
    model, vocabulary = _linear_model(arrays, temperatures)
    return TriageClassifier(model, vocabulary, threshold, params.policy), arrays


def _fit_temperatures(texts: list[str], labels: list[tuple[str, str]], params: TrainingParams
                      ) -> dict[str, float]:
    """Temperature scaling (Guo et al. 2017) on out-of-fold logits: one scalar per head."""
    if params.calibration_folds < 2:
        return {"intent": 1.0, "urgency": 1.0}
    logits: dict[str, list[np.ndarray]] = {"intent": [], "urgency": []}
    truth: dict[str, list[int]] = {"intent": [], "urgency": []}
    folds = _folds([lab[0] for lab in labels], params.calibration_folds, params.seed)
    for k, (train_idx, test_idx) in enumerate(folds):
        clf, _ = _fit_classifier([texts[i] for i in train_idx], [labels[i] for i in train_idx], params, 0.0,
                                 {"intent": 1.0, "urgency": 1.0}, params.seed + k)
        for i in test_idx:
            flags = redflags.assess(texts[i])
            idx, vals = clf.model.features(texts[i], flags)
            for h, (head_labels, coef, intercept, _) in clf.model.heads.items():
                logits[h].append(intercept + (vals @ coef[idx] if len(idx) else 0.0))
                truth[h].append(head_labels.index(labels[i][0 if h == "intent" else 1]))
    # Only the intent head is calibrated: its probability is the "confidence" compared with the threshold.
    # The urgency head keeps T=1 because the urgency policy's thresholds are set and evaluated on it.
    temperatures = {"urgency": 1.0}
    for h in ("intent",):
        z = np.vstack(logits[h]).astype(np.float64)
        y = np.asarray(truth[h])
        best_t, best_nll = 1.0, np.inf
        for t in np.exp(np.linspace(np.log(0.2), np.log(5.0), 81)):
            zt = z / t
            zt -= zt.max(axis=1, keepdims=True)
            nll = -(zt[np.arange(len(y)), y] - np.log(np.exp(zt).sum(axis=1))).mean()
            if nll < best_nll:
                best_t, best_nll = float(t), float(nll)
        temperatures[h] = round(best_t, 4)
    return temperatures


def _folds(y: Sequence[str], n_splits: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    counts = {label: y.count(label) for label in set(y)}
    n_splits = max(2, min(n_splits, min(counts.values())))
    skf = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    return list(skf.split(np.zeros(len(y)), list(y)))


def train(examples: Sequence[Example], params: TrainingParams | None = None, threshold: float = 0.55,
          evaluation: dict[str, Any] | None = None) -> TrainedModel:
    """Train on every example; ``evaluation`` (from :func:`evaluate`) is recorded in the metadata."""
    params = params or TrainingParams()
    texts = [normalize(e.text) for e in examples]
    labels = [(e.intent.value, e.urgency.value) for e in examples]
    temperatures = _fit_temperatures(texts, labels, params)
    classifier, arrays = _fit_classifier(texts, labels, params, threshold, temperatures, params.seed)
    created = datetime.now(UTC).replace(microsecond=0)
    data_sha = corpus_hash(examples)
    metadata = {
        # Names this model in logs and call records: when it was trained, on which data.
        "model_id": f"{created:%Y%m%dT%H%M%SZ}-{data_sha[:8]}",
        "format_version": FORMAT_VERSION,
        "normaliser_version": NORMALISER_VERSION,
        "features_version": features.FEATURES_VERSION,
        "rules_version": redflags.RULES_VERSION,
        "created": created.isoformat(),
        "libraries": {"python": platform.python_version(), "numpy": np.__version__,
                      "scikit-learn": sklearn.__version__},
        "data": {"sha256": data_sha, "examples": len(examples),
                 "intents": {i: sum(1 for lab in labels if lab[0] == i) for i in INTENT_LABELS},
                 "urgencies": {u: sum(1 for lab in labels if lab[1] == u) for u in URGENCY_LABELS}},
        "labels": {"intent": INTENT_LABELS, "urgency": URGENCY_LABELS},
        "temperature": temperatures,
        "urgency_policy": {"vitale_min": params.policy.vitale_min, "urgente_min": params.policy.urgente_min},
        "training": {"noisy_copies": params.noisy_copies, "realistic_copies": params.realistic_copies,
                     "c_intent": params.c_intent, "c_urgency": params.c_urgency,
                     "svm_intent_weight": params.svm_intent_weight, "svm_intent_c": params.svm_intent_c,
                     "svm_scale": params.svm_scale,
                     "min_df": params.min_df, "seed": params.seed, "features": len(arrays["vocabulary"])},
        "scores": evaluation or {},
    }
    classifier.metadata = metadata
    return TrainedModel(classifier, arrays, metadata)


# --- evaluation --------------------------------------------------------------------------------------

def _metrics(y_true_i: list[str], y_pred_i: list[str], y_true_u: list[str], y_pred_u: list[str],
             detail: bool) -> dict[str, Any]:
    p, r, f, s = precision_recall_fscore_support(y_true_i, y_pred_i, labels=INTENT_LABELS, zero_division=0)
    present = [k for k, label in enumerate(INTENT_LABELS) if s[k] > 0]
    vitale_true = [k for k, u in enumerate(y_true_u) if u == "vitale"]
    serious_true = [k for k, u in enumerate(y_true_u) if u in ("vitale", "urgente")]
    normal_true = [k for k, u in enumerate(y_true_u) if u == "normale"]
    out: dict[str, Any] = {
        "n": len(y_true_i),
        "intent_accuracy": round(float(np.mean([a == b for a, b in zip(y_true_i, y_pred_i, strict=True)])), 4),
        "intent_macro_f1": round(float(np.mean(f[present])), 4),
        "urgency_accuracy": round(float(np.mean([a == b for a, b in zip(y_true_u, y_pred_u, strict=True)])), 4),
        "vitale_recall": _ratio(sum(y_pred_u[k] == "vitale" for k in vitale_true), len(vitale_true)),
        "urgent_recall": _ratio(sum(y_pred_u[k] in ("vitale", "urgente") for k in serious_true), len(serious_true)),
        "vitale_false_alarm_rate": _ratio(sum(y_pred_u[k] == "vitale" for k in normal_true), len(normal_true)),
        "missed_vitale": len(vitale_true) - sum(y_pred_u[k] == "vitale" for k in vitale_true),
    }
    if detail:
        out["per_intent"] = {INTENT_LABELS[k]: {"precision": round(float(p[k]), 4), "recall": round(float(r[k]), 4),
                                                "f1": round(float(f[k]), 4), "support": int(s[k])} for k in present}
        up, ur, uf, us = precision_recall_fscore_support(y_true_u, y_pred_u, labels=URGENCY_LABELS, zero_division=0)
        out["per_urgency"] = {URGENCY_LABELS[k]: {"precision": round(float(up[k]), 4), "recall": round(float(ur[k]), 4),
                                                  "f1": round(float(uf[k]), 4), "support": int(us[k])}
                              for k in range(len(URGENCY_LABELS))}
        out["intent_confusion"] = {"labels": INTENT_LABELS,
                                   "matrix": confusion_matrix(y_true_i, y_pred_i, labels=INTENT_LABELS).tolist()}
        out["urgency_confusion"] = {"labels": URGENCY_LABELS,
                                    "matrix": confusion_matrix(y_true_u, y_pred_u, labels=URGENCY_LABELS).tolist()}
    return out


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _score(clf: TriageClassifier, texts: list[str], labels: list[tuple[str, str]], detail: bool,
           errors: list[dict[str, str]] | None = None) -> dict[str, Any]:
    results = [clf.classify(t) for t in texts]
    if errors is not None:
        for t, lab, res in zip(texts, labels, results, strict=True):
            if res.urgency.rank < Urgency(lab[1]).rank or res.intent.value != lab[0]:
                errors.append({"text": t, "intent": lab[0], "urgency": lab[1], "predicted_intent": res.intent.value,
                               "predicted_urgency": res.urgency.value})
    return _metrics_of_results(results, labels, detail)


def _metrics_of_results(results: Sequence[Any], labels: Sequence[tuple[str, str]], detail: bool) -> dict[str, Any]:
    metrics = _metrics([lab[0] for lab in labels], [r.intent.value for r in results],
                       [lab[1] for lab in labels], [r.urgency.value for r in results], detail)
    # Share of answers the tree would treat as "unsure" (ask again / hand over), and how right the sure ones are.
    sure = [(r, lab) for r, lab in zip(results, labels, strict=True) if not r.unsure]
    metrics["unsure_rate"] = _ratio(len(results) - len(sure), len(results))
    # A missed vitale marked "unsure" makes the tree ask again (the caller gets a second chance to be heard);
    # a missed one the classifier is sure about is the silent, dangerous kind.
    metrics["missed_vitale_sure"] = sum(1 for r, lab in sure if lab[1] == "vitale" and r.urgency.value != "vitale")
    metrics["sure_intent_accuracy"] = _ratio(sum(r.intent.value == lab[0] for r, lab in sure), len(sure))
    return metrics


def evaluate(examples: Sequence[Example], params: TrainingParams | None = None, threshold: float = 0.55,
             folds: int = 5, test_size: float = 0.2, collect_errors: bool = False) -> dict[str, Any]:
    """Held-out split and k-fold cross-validation of the whole classifier, on clean and noisy text."""
    params = params or TrainingParams()
    texts = [normalize(e.text) for e in examples]
    labels = [(e.intent.value, e.urgency.value) for e in examples]
    strat = [f"{i}/{u}" if sum(1 for lab in labels if lab == (i, u)) >= 2 else i for i, u in labels]
    eval_noise = params.eval_noise

    def noisy(subset: list[str], seed: int, noise: AsrNoise = eval_noise) -> list[str]:
        rng = random.Random(seed)
        return [noise.apply(t, rng) for t in subset]

    errors: list[dict[str, str]] | None = [] if collect_errors else None
    train_idx, test_idx = train_test_split(np.arange(len(texts)), test_size=test_size, random_state=params.seed,
                                           stratify=_safe_strat(strat))
    # One temperature, fitted on the held-out split's training part, serves every evaluation model: it only
    # moves the confidence (hence the unsure rate), never the predicted labels.
    temperatures = _fit_temperatures([texts[i] for i in train_idx], [labels[i] for i in train_idx], params)
    clf = _train_subset(texts, labels, train_idx, params, threshold, temperatures)
    test_texts = [texts[i] for i in test_idx]
    test_labels = [labels[i] for i in test_idx]
    held_out = {"clean": _score(clf, test_texts, test_labels, True, errors),
                "noisy": _score(clf, noisy(test_texts, params.seed + 1), test_labels, True, errors),
                "noisy_harsh": _score(clf, noisy(test_texts, params.seed + 1, params.noise), test_labels, True)}

    preds: dict[str, dict[int, Any]] = {"clean": {}, "noisy": {}, "noisy_harsh": {}}
    for k, (tr, te) in enumerate(_folds([lab[0] for lab in labels], folds, params.seed)):
        clf = _train_subset(texts, labels, tr, params, threshold, temperatures)
        fold_texts = [texts[i] for i in te]
        for variant, batch in (("clean", fold_texts), ("noisy", noisy(fold_texts, params.seed + 100 + k)),
                               ("noisy_harsh", noisy(fold_texts, params.seed + 100 + k, params.noise))):
            for i, text in zip(te, batch, strict=True):
                preds[variant][int(i)] = clf.classify(text)
    cross_validation = {}
    for variant, by_index in preds.items():
        order = sorted(by_index)
        cross_validation[variant] = _metrics_of_results([by_index[i] for i in order], [labels[i] for i in order], True)
    cross_validation["folds"] = len(_folds([lab[0] for lab in labels], folds, params.seed))
    result: dict[str, Any] = {"held_out": held_out, "cross_validation": cross_validation,
                              "test_size": test_size,
                              "noise": dataclasses.asdict(eval_noise),
                              "noise_harsh": dataclasses.asdict(params.noise)}
    if errors is not None:
        result["errors"] = errors
    return result


def score_examples(classifier: TriageClassifier, examples: Sequence[Example], params: TrainingParams | None = None
                   ) -> dict[str, Any]:
    """Scores of an already trained classifier (e.g. the shipped one) on an independent set, clean and noisy."""
    params = params or TrainingParams()
    texts = [normalize(e.text) for e in examples]
    labels = [(e.intent.value, e.urgency.value) for e in examples]
    errors: list[dict[str, str]] = []
    rng, rng_harsh = random.Random(params.seed + 2), random.Random(params.seed + 2)
    result = {"clean": _score(classifier, texts, labels, True, errors),
              "noisy": _score(classifier, [params.eval_noise.apply(t, rng) for t in texts], labels, True),
              "noisy_harsh": _score(classifier, [params.noise.apply(t, rng_harsh) for t in texts], labels, True)}
    result["errors"] = errors
    return result


def _safe_strat(strat: list[str]) -> list[str] | None:
    counts = {s: strat.count(s) for s in set(strat)}
    return strat if min(counts.values()) >= 2 else None


def _train_subset(texts: list[str], labels: list[tuple[str, str]], idx: np.ndarray, params: TrainingParams,
                  threshold: float, temperatures: dict[str, float]) -> TriageClassifier:
    sub_texts = [texts[i] for i in idx]
    sub_labels = [labels[i] for i in idx]
    clf, _ = _fit_classifier(sub_texts, sub_labels, params, threshold, temperatures, params.seed)
    return clf


def summary(scores: dict[str, Any]) -> dict[str, Any]:
    """The headline figures of an evaluation (what the metadata and the quality test look at)."""
    out = {}
    for split in ("held_out", "cross_validation"):
        for variant in ("clean", "noisy", "noisy_harsh"):
            m = scores[split][variant]
            out[f"{split}.{variant}"] = {k: m[k] for k in ("n", "intent_macro_f1", "intent_accuracy", "vitale_recall",
                                                           "urgent_recall", "vitale_false_alarm_rate", "missed_vitale",
                                                           "missed_vitale_sure",
                                                           "unsure_rate")}
    return out
