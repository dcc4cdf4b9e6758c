"""The shipped intent/urgency classifier: loading, checking and running it.

The artifact (``models/nlu/`` by default, ``nlu.model_dir`` in the configuration) is two files:

- ``weights.npz``: plain numeric arrays (vocabulary, IDF weights, linear coefficients), read with
  ``allow_pickle=False``. Nothing in it can execute code, unlike a pickled scikit-learn pipeline, and it
  does not depend on the installed scikit-learn version;
- ``metadata.json``: format version, label names, normaliser/rules/features versions, library versions,
  the training data hash, evaluation scores, and the SHA-256 of ``weights.npz``.

:func:`load_classifier` refuses an artifact that is missing, altered (hash), built for another format or
other label names, or trained on a different text normalisation, with a message saying what to do.

Classification is pure and thread-safe: arrays are read-only after loading, no state is kept per call.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ari_triage.errors import Location, MissingResourceError, TriageError
from ari_triage.nlu import features, redflags
from ari_triage.nlu.normalize import NORMALISER_VERSION, cut_off_ending, normalize
from ari_triage.nlu.result import Intent, NluResult, Urgency

FORMAT_VERSION = 1
WEIGHTS_FILE = "weights.npz"
METADATA_FILE = "metadata.json"
TRAIN_HINT = "rebuild it with 'ari-triage train' (or restore models/nlu/ from the repository)"


class ModelArtifactError(TriageError):
    """The NLU model files exist but cannot be used (corrupt, altered, or built for other code)."""

    code = "nlu-model"


@dataclass(frozen=True)
class UrgencyPolicy:
    """How the urgency model's probabilities become a level. Lower thresholds favour recall: a missed
    emergency costs more than an agent's minute."""

    vitale_min: float = 0.35  # P(vitale) at or above this -> vitale
    urgente_min: float = 0.20  # P(urgente) + P(vitale) at or above this -> urgente

    def decide(self, probs: dict[Urgency, float]) -> Urgency:
        if probs.get(Urgency.VITALE, 0.0) >= self.vitale_min:
            return Urgency.VITALE
        if probs.get(Urgency.URGENTE, 0.0) + probs.get(Urgency.VITALE, 0.0) >= self.urgente_min:
            return Urgency.URGENTE
        return Urgency.NORMALE


class LinearTextModel:
    """TF-IDF (sublinear tf, per-block L2 norm) + multinomial logistic regression, in plain numpy.

    Equivalent to the scikit-learn pipeline it was exported from (tests check it), an order of magnitude
    faster per utterance, and loadable without unpickling anything."""

    BLOCK_WORD = 0
    BLOCK_CHAR = 1

    def __init__(self, vocabulary: list[str], blocks: np.ndarray, idf: np.ndarray,
                 heads: dict[str, tuple[list[str], np.ndarray, np.ndarray, float]]):
        # One lookup table per block, keyed by the bare term ("w:"/"c:" prefixes only live in the file).
        self.word_index = {t[2:]: i for i, t in enumerate(vocabulary) if t.startswith("w:")}
        self.char_index = {t[2:]: i for i, t in enumerate(vocabulary) if t.startswith("c:")}
        if len(self.word_index) + len(self.char_index) != len(vocabulary):
            raise ValueError("vocabulary terms must start with 'w:' or 'c:' and be unique")
        self.blocks = blocks
        self.idf = idf.astype(np.float64)
        # head name -> (labels, coef [n_features, n_labels], intercept [n_labels], temperature)
        self.heads = {name: (labels, coef.astype(np.float64), intercept.astype(np.float64), temperature)
                      for name, (labels, coef, intercept, temperature) in heads.items()}
        for array in (self.blocks, self.idf, *(h[1] for h in self.heads.values()),
                      *(h[2] for h in self.heads.values())):
            array.setflags(write=False)

    def features(self, text: str, flags: redflags.RedFlagAssessment) -> tuple[np.ndarray, np.ndarray]:
        """Indices and TF-IDF values (sublinear tf, L2 norm per block) of the known features of ``text``."""
        idx_parts: list[np.ndarray] = []
        val_parts: list[np.ndarray] = []
        for index, terms in ((self.word_index, features.word_features(text, flags)),
                             (self.char_index, features.char_features(text))):
            counter = Counter(terms)
            # map() and fromiter() iterate in C: a third of the time of a comprehension on long sentences.
            ids = np.fromiter(map(index.get, counter, itertools.repeat(-1)), dtype=np.intp, count=len(counter))
            known = ids >= 0
            if not known.any():
                continue
            idx = ids[known]
            counts = np.fromiter(counter.values(), dtype=np.float64, count=len(counter))[known]
            vals = (1.0 + np.log(counts)) * self.idf[idx]
            vals /= math.sqrt(float(vals @ vals))
            idx_parts.append(idx)
            val_parts.append(vals)
        if not idx_parts:
            return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.float64)
        return np.concatenate(idx_parts), np.concatenate(val_parts)

    def probabilities(self, head: str, idx: np.ndarray, vals: np.ndarray) -> dict[str, float]:
        labels, coef, intercept, temperature = self.heads[head]
        logits = intercept + vals @ coef[idx] if len(idx) else intercept.copy()
        logits = logits / temperature
        logits -= logits.max()
        exp = np.exp(logits)
        probs = exp / exp.sum()
        return dict(zip(labels, probs.tolist(), strict=True))

    def top_features(self, head: str, label: str, idx: np.ndarray, vals: np.ndarray,
                     vocabulary: list[str], k: int = 3) -> list[str]:
        labels, coef, _, _ = self.heads[head]
        j = labels.index(label)
        contrib = vals * coef[idx, j]
        order = np.argsort(-contrib)[:k]
        return [vocabulary[idx[o]][2:] for o in order if contrib[o] > 0]


class TriageClassifier:
    """Model + red-flag layer + confidence threshold: the :class:`~ari_triage.nlu.result.Classifier`.

    Decision rules (the safety ones are not negotiable):
    1. urgency = the more urgent of the urgency model's level and the red-flag layer's level;
    2. an ``urgence`` intent is always ``vitale``;
    3. a ``vitale`` urgency always makes the intent ``urgence``: the call is handled as an emergency even
       if the caller also asked for something else (the other need is kept in ``reasons`` for the agent);
    4. below the confidence threshold, or when the sentence breaks off ("j'ai mal dans la"), the result is
       ``unsure`` (the tree asks again or hands over), except when a safety rule decided, which is never
       "unsure". A cut-off sentence keeps its best guess: the tree's urgency edges still see it.
    """

    def __init__(self, model: LinearTextModel, vocabulary: list[str], threshold: float,
                 policy: UrgencyPolicy, metadata: dict[str, Any] | None = None):
        if not 0.0 <= threshold <= 1.0:
            raise ModelArtifactError(f"confidence threshold must be between 0 and 1, got {threshold}")
        self.model = model
        self.vocabulary = vocabulary
        self.threshold = threshold
        self.policy = policy
        self.metadata = metadata or {}

    def classify(self, text: str) -> NluResult:
        norm = normalize(text)
        if not norm:  # nothing but silence or hesitations: nothing to triage, the tree asks again
            return NluResult(Intent.AUTRE, Urgency.NORMALE, 0.0, True, ("nothing understood",), 1.0)
        flags = redflags.assess(norm)
        idx, vals = self.model.features(norm, flags)
        intent_probs = {Intent(k): v for k, v in self.model.probabilities("intent", idx, vals).items()}
        urgency_probs = {Urgency(k): v for k, v in self.model.probabilities("urgency", idx, vals).items()}
        model_intent = max(intent_probs, key=intent_probs.__getitem__)
        confidence = intent_probs[model_intent]
        model_urgency = self.policy.decide(urgency_probs)
        urgency = Urgency.highest(model_urgency, flags.level)
        intent = model_intent
        reasons: list[str] = list(flags.reasons)
        safety_decided = False
        if intent is Intent.URGENCE and urgency is not Urgency.VITALE:
            urgency = Urgency.VITALE
            reasons.append("intent urgence is always vitale")
        if urgency is Urgency.VITALE:
            if intent is not Intent.URGENCE:
                reasons.append(f"vitale urgency: handled as urgence (caller also asked: {intent.value})")
                intent = Intent.URGENCE
            safety_decided = True
        top = self.model.top_features("intent", model_intent.value, idx, vals, self.vocabulary)
        if top:
            reasons.append(f"model {model_intent.value} {confidence:.2f}: " + ", ".join(repr(t) for t in top))
        if urgency is model_urgency and urgency is not Urgency.NORMALE and flags.level is not urgency:
            at_least = sum(p for u, p in urgency_probs.items() if u.rank >= urgency.rank)
            reasons.append(f"model urgency {model_urgency.value} (probability of {model_urgency.value} or more: "
                           f"{at_least:.2f})")
        cut_off = cut_off_ending(norm)
        if cut_off is not None and not safety_decided:
            reasons.append(f"the sentence breaks off on {cut_off!r}: the end was probably not heard")
        unsure = (confidence < self.threshold or cut_off is not None) and not safety_decided
        return NluResult(
            intent=intent,
            urgency=urgency,
            confidence=1.0 if intent is not model_intent else confidence,
            unsure=unsure,
            reasons=tuple(reasons),
            # 1.0 when a rule set the level, else the model's probability of it
            urgency_confidence=1.0 if flags.level is urgency or urgency is not model_urgency
            else urgency_probs[urgency],
            red_flags=tuple(f.phrase for f in flags.flags),
            scores={i.value: round(p, 4) for i, p in intent_probs.items()},
        )


# --- artifact ---------------------------------------------------------------------------------------

def save_artifact(model_dir: Path, arrays: dict[str, np.ndarray], metadata: dict[str, Any]) -> None:
    """Write weights then metadata (with the weights' hash). Written to temporary names and renamed, so an
    interrupted training never leaves a half-written model in place."""
    model_dir.mkdir(parents=True, exist_ok=True)
    tmp_weights = model_dir / (WEIGHTS_FILE + ".tmp.npz")
    np.savez_compressed(tmp_weights, **arrays)
    metadata = dict(metadata, files={WEIGHTS_FILE: {"sha256": _sha256(tmp_weights),
                                                    "bytes": tmp_weights.stat().st_size}})
    tmp_meta = model_dir / (METADATA_FILE + ".tmp")
    tmp_meta.write_text(json.dumps(metadata, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    tmp_weights.replace(model_dir / WEIGHTS_FILE)
    tmp_meta.replace(model_dir / METADATA_FILE)


def read_metadata(model_dir: Path) -> dict[str, Any]:
    meta_path = model_dir / METADATA_FILE
    if not model_dir.is_dir():
        raise MissingResourceError(f"NLU model directory not found: {model_dir}",
                                   hint=f"set nlu.model_dir in the configuration, or {TRAIN_HINT}")
    if not meta_path.is_file():
        raise MissingResourceError(f"NLU model metadata missing: {meta_path}", hint=TRAIN_HINT)
    try:
        metadata = json.loads(meta_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelArtifactError(f"NLU model metadata is not valid JSON ({exc})", location=Location(str(meta_path)),
                                 hint=TRAIN_HINT) from None
    if not isinstance(metadata, dict):
        raise ModelArtifactError("NLU model metadata is not a JSON object", location=Location(str(meta_path)),
                                 hint=TRAIN_HINT)
    return metadata


def check_metadata(metadata: dict[str, Any], where: str) -> None:
    """Refuse metadata written for other code: another format, other labels, another normalisation."""
    loc = Location(where)
    expected = {
        "format_version": FORMAT_VERSION,
        "normaliser_version": NORMALISER_VERSION,
        "features_version": features.FEATURES_VERSION,
        "rules_version": redflags.RULES_VERSION,
    }
    for key, value in expected.items():
        if metadata.get(key) != value:
            raise ModelArtifactError(
                f"NLU model was built for {key} {metadata.get(key)!r}, this version of ari-triage needs {value!r}",
                location=loc, hint=TRAIN_HINT)
    labels = metadata.get("labels")
    if not isinstance(labels, dict) or sorted(labels.get("intent", [])) != sorted(i.value for i in Intent) or sorted(
            labels.get("urgency", [])) != sorted(u.value for u in Urgency):
        raise ModelArtifactError("NLU model labels do not match this version's intents/urgencies",
                                 location=loc, hint=TRAIN_HINT)


def load_classifier(model_dir: Path, threshold: float) -> TriageClassifier:
    """Load the model of ``model_dir`` (the configured ``nlu.model_dir``) and check it thoroughly."""
    model_dir = Path(model_dir)
    metadata = read_metadata(model_dir)
    meta_where = str(model_dir / METADATA_FILE)
    check_metadata(metadata, meta_where)
    weights = model_dir / WEIGHTS_FILE
    if not weights.is_file():
        raise MissingResourceError(f"NLU model weights missing: {weights}", hint=TRAIN_HINT)
    recorded = (metadata.get("files") or {}).get(WEIGHTS_FILE, {}).get("sha256")
    actual = _sha256(weights)
    if recorded != actual:
        raise ModelArtifactError(
            f"NLU model weights do not match their metadata (SHA-256 {actual[:12]}..., expected "
            f"{str(recorded)[:12]}...): the file is corrupt or was replaced", location=Location(str(weights)),
            hint=TRAIN_HINT)
    try:
        with np.load(weights, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
    except (OSError, ValueError, EOFError) as exc:
        raise ModelArtifactError(f"NLU model weights cannot be read ({exc})", location=Location(str(weights)),
                                 hint=TRAIN_HINT) from None
    try:
        return _build(arrays, metadata, threshold)
    except (KeyError, ValueError, IndexError) as exc:
        raise ModelArtifactError(f"NLU model weights are inconsistent with their metadata ({exc})",
                                 location=Location(str(weights)), hint=TRAIN_HINT) from None


def _build(arrays: dict[str, np.ndarray], metadata: dict[str, Any], threshold: float) -> TriageClassifier:
    vocabulary = [str(t) for t in arrays["vocabulary"].tolist()]
    n = len(vocabulary)
    heads = {}
    for head in ("intent", "urgency"):
        labels = list(metadata["labels"][head])
        coef = arrays[f"{head}_coef"]
        intercept = arrays[f"{head}_intercept"]
        if coef.shape != (n, len(labels)) or intercept.shape != (len(labels),):
            raise ValueError(f"{head} weights have shape {coef.shape}, expected {(n, len(labels))}")
        heads[head] = (labels, coef, intercept, float(metadata["temperature"][head]))
    if arrays["idf"].shape != (n,) or arrays["blocks"].shape != (n,):
        raise ValueError("idf/blocks length differs from the vocabulary")
    policy = UrgencyPolicy(**metadata.get("urgency_policy", {}))
    model = LinearTextModel(vocabulary, arrays["blocks"], arrays["idf"], heads)
    return TriageClassifier(model, vocabulary, threshold, policy, metadata)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
