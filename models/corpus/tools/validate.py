"""Check the training corpus: 3 fields, valid labels, no punctuation, no duplicates; print counts.

Also checks the independent check set in challenge/ (never trained on) and that none of its lines is a
copy of a training line.

Usage: python models/corpus/tools/validate.py [models/corpus]
Exit status 1 when any problem is found (each printed as file:line: message).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

INTENTS = {
    "rdv_prise", "rdv_modif", "rdv_annulation", "rdv_confirmation", "info_pratique", "resultats",
    "ordonnance", "administratif", "conseil_medical", "urgence", "humain", "reclamation", "autre",
}
URGENCIES = {"normale", "urgente", "vitale"}
# lowercase letters (with French accents), digits, space, apostrophe, hyphen
ALLOWED = re.compile(r"^[a-z0-9àâäçéèêëîïôöùûüÿœæ' -]+$")


def main(root: Path) -> int:
    problems: list[str] = []
    seen: dict[str, str] = {}
    intents: Counter[str] = Counter()
    urgencies: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    per_file: Counter[str] = Counter()
    training = sorted(root.glob("*.tsv"))
    challenge = sorted((root / "challenge").glob("*.tsv"))
    for path in training + challenge:
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            where = f"{path}:{number}"
            if not raw.strip() or raw.lstrip().startswith("#"):
                continue
            fields = raw.split("\t")
            if len(fields) != 3:
                problems.append(f"{where}: expected 3 tab-separated fields, got {len(fields)}: {raw!r}")
                continue
            text, intent, urgency = fields
            if text != text.strip() or "  " in text:
                problems.append(f"{where}: stray spaces in text {text!r}")
            if not ALLOWED.match(text):
                bad = sorted({c for c in text if not ALLOWED.match(c)})
                problems.append(f"{where}: forbidden characters {bad} in {text!r}")
            if intent not in INTENTS:
                problems.append(f"{where}: unknown intent {intent!r}")
            if urgency not in URGENCIES:
                problems.append(f"{where}: unknown urgency {urgency!r}")
            if intent == "urgence" and urgency != "vitale":
                problems.append(f"{where}: intent urgence must be vitale")
            if urgency == "vitale" and intent != "urgence":
                problems.append(f"{where}: vitale must have intent urgence")
            key = " ".join(text.split())
            if key in seen:
                problems.append(f"{where}: duplicate of {seen[key]}: {text!r}")
            else:
                seen[key] = where
            per_file[path.name] += 1
            if path in challenge:
                continue  # the independent check set is validated but not counted as training data
            intents[intent] += 1
            urgencies[urgency] += 1
            pairs[(intent, urgency)] += 1
    for p in problems:
        print(p)
    print(f"files: {dict(per_file)}")
    print(f"training total: {sum(intents.values())}")
    for intent in sorted(INTENTS):
        detail = ", ".join(f"{u}={pairs[(intent, u)]}" for u in ("normale", "urgente", "vitale") if pairs[(intent, u)])
        print(f"  {intent:18} {intents[intent]:5}  ({detail})")
    for urgency in ("normale", "urgente", "vitale"):
        print(f"  {urgency:18} {urgencies[urgency]:5}")
    print(f"problems: {len(problems)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[1])))
