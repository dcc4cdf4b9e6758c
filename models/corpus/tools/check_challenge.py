"""Train on models/corpus/*.tsv and score each independent check set models/corpus/challenge/*.tsv.

The check set is never trained on: it tells whether the model generalises to phrasing it has not seen.
Usage: .venv/bin/python models/corpus/tools/check_challenge.py  (about a minute; prints every miss)
"""

from __future__ import annotations

import sys
from pathlib import Path

from sklearn.metrics import f1_score

from ari_triage.nlu.corpus import Example, load_corpus
from ari_triage.nlu.model import TriageClassifier
from ari_triage.nlu.training import train

CORPUS = Path(__file__).resolve().parents[1]


def main() -> int:
    model = train(load_corpus([CORPUS])).classifier
    for check_file in sorted((CORPUS / "challenge").glob("*.tsv")):
        print(f"== {check_file.name}")
        score(model, load_corpus([check_file]))
    return 0


def score(model: TriageClassifier, checks: list[Example]) -> None:
    true_i, pred_i, true_u, pred_u = [], [], [], []
    for example in checks:
        result = model.classify(example.text)
        true_i.append(example.intent.value)
        pred_i.append(result.intent.value)
        true_u.append(example.urgency.value)
        pred_u.append(result.urgency.value)
        if result.intent != example.intent or result.urgency != example.urgency:
            print(f"  [{example.intent.value}/{example.urgency.value} -> {result.intent.value}/{result.urgency.value}"
                  f"{' unsure' if result.unsure else ''}] {example.text}")
    vitale = [k for k, u in enumerate(true_u) if u == "vitale"]
    urgent = [k for k, u in enumerate(true_u) if u != "normale"]
    false_alarms = sum(1 for a, b in zip(true_u, pred_u, strict=True) if a == "normale" and b == "vitale")
    print(f"examples {len(checks)}  intent macro-F1 {f1_score(true_i, pred_i, average='macro'):.3f}")
    print(f"vitale recall {sum(pred_u[k] == 'vitale' for k in vitale)}/{len(vitale)}  "
          f"urgente+vitale recall {sum(pred_u[k] != 'normale' for k in urgent)}/{len(urgent)}  "
          f"normale called vitale {false_alarms}")


if __name__ == "__main__":
    sys.exit(main())
