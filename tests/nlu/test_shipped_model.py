"""The model shipped in models/nlu/: loads from the configured directory, meets the targets it recorded
when it was trained, and gets clear utterances right."""

from __future__ import annotations

import pytest

from ari_triage.config import load_config
from ari_triage.nlu.corpus import corpus_hash, load_corpus
from ari_triage.nlu.model import load_classifier
from ari_triage.nlu.result import Intent, Urgency

# The recorded scores of the shipped model (held-out split and 5-fold cross-validation of our own corpus) are
# held to the targets where the model meets them: intent macro-F1 >= 0.90 clean and noisy, vitale recall
# 100% and urgente+vitale recall >= 98% on clean text. Under simulated recognition noise vitale recall is about
# 96-98%, not the 100% asked: a sentence whose key word the recogniser dropped cannot be seen by any rule (see
# docs/nlu.md, "Figures"); that floor catches a regression, it does not claim the target.
FLOORS_CLEAN = {"intent_macro_f1": 0.90, "vitale_recall": 1.0, "urgent_recall": 0.98}
# "noisy": errors a closed-vocabulary recogniser (Vosk) makes; "noisy_harsh": also misspelt, glued and cut words.
FLOORS_NOISY = {"intent_macro_f1": 0.90, "vitale_recall": 0.95, "urgent_recall": 0.98}
FLOORS_NOISY_HARSH = {"intent_macro_f1": 0.87, "vitale_recall": 0.90, "urgent_recall": 0.96}


@pytest.fixture(scope="module")
def shipped():
    config = load_config(None, env={})
    return load_classifier(config.nlu.model_dir, config.nlu.confidence_threshold)

def test_shipped_model_loads_from_the_configured_directory(shipped, repo_root) -> None:
    meta = shipped.metadata
    assert meta["data"]["examples"] >= 1000
    assert meta["training"]["features"] > 1000

def test_shipped_model_was_trained_on_the_shipped_corpus(shipped, repo_root) -> None:
    examples = load_corpus([repo_root / "models" / "corpus"])
    assert shipped.metadata["data"]["sha256"] == corpus_hash(examples), (
        "models/corpus changed since models/nlu was trained: run 'ari-triage train' and commit models/nlu")

def test_recorded_scores_meet_the_floors(shipped) -> None:
    scores = shipped.metadata["scores"]
    assert set(scores) == {f"{split}.{variant}" for split in ("held_out", "cross_validation")
                           for variant in ("clean", "noisy", "noisy_harsh")}
    for name, figures in scores.items():
        floors = {"clean": FLOORS_CLEAN, "noisy": FLOORS_NOISY, "noisy_harsh": FLOORS_NOISY_HARSH}[name.split(".")[1]]
        for key, floor in floors.items():
            assert figures[key] >= floor, (name, key, figures[key])


@pytest.mark.parametrize(("text", "intent", "urgency"), [
    ("bonjour je voudrais prendre un rendez-vous avec le docteur", Intent.RDV_PRISE, Urgency.NORMALE),
    ("je voudrais annuler mon rendez-vous de jeudi", Intent.RDV_ANNULATION, Urgency.NORMALE),
    ("est-ce que je peux déplacer mon rendez-vous à la semaine prochaine", Intent.RDV_MODIF, Urgency.NORMALE),
    ("quels sont vos horaires d'ouverture le samedi", Intent.INFO_PRATIQUE, Urgency.NORMALE),
    ("je voudrais renouveler mon ordonnance", Intent.ORDONNANCE, Urgency.NORMALE),
    ("c'est urgent je veux mes résultats", Intent.RESULTATS, Urgency.NORMALE),
    ("je voudrais parler à une secrétaire", Intent.HUMAIN, Urgency.NORMALE),
    ("ma mère a mal à la poitrine", Intent.URGENCE, Urgency.VITALE),
    ("euh mon mari il respire plus", Intent.URGENCE, Urgency.VITALE),
    ("mon bébé est tout bleu il réagit pas", Intent.URGENCE, Urgency.VITALE),
])
def test_clear_utterances(shipped, text: str, intent: Intent, urgency: Urgency) -> None:
    result = shipped.classify(text)
    assert (result.intent, result.urgency) == (intent, urgency), result.reasons

@pytest.mark.parametrize("text", [
    "je voudrais annuler mon rendez-vous de cardiologie pour mes douleurs",
    "mon père a fait un AVC il y a deux ans je voudrais son dossier",
    "j'ai eu une crise cardiaque l'an dernier je voudrais mon dossier",
    "il n'a pas de douleur à la poitrine il veut juste ses résultats",
])
def test_hard_negatives_are_not_vitale(shipped, text: str) -> None:
    assert shipped.classify(text).urgency is not Urgency.VITALE


@pytest.mark.parametrize(("text", "urgency"), [
    # reported false alarms: a fall with a painful limb needs a doctor today, not the SAMU
    ("mon fils est tombé il a très mal au poignet il est tout gonflé", Urgency.URGENTE),
    ("ma fille est tombée du vélo elle a très mal à la cheville", Urgency.URGENTE),
    # "plus" said or heard "pu" in short everyday answers
    ("je sais plus", Urgency.NORMALE),
    ("je sais pu", Urgency.NORMALE),
    ("j'ai pu de médicaments", Urgency.NORMALE),
    ("j'ai plus de médicaments pour la tension", Urgency.NORMALE),
])
def test_reported_false_alarms(shipped, text: str, urgency: Urgency) -> None:
    result = shipped.classify(text)
    assert result.urgency is urgency, result.reasons


def test_no_fever_raises_no_red_flag(shipped) -> None:
    """"sans fièvre" used to fire the "forte fièvre" rule; the model alone may still say urgente (its urgente
    threshold is low on purpose), never vitale."""
    result = shipped.classify("mon bébé a une petite toux sans fièvre")
    assert not result.red_flags and result.urgency is not Urgency.VITALE, result.reasons


@pytest.mark.parametrize("text", ["ma mère s'écroule", "il s'est écroulé dans la cuisine"])
def test_collapse_is_vitale(shipped, text: str) -> None:
    result = shipped.classify(text)
    assert (result.intent, result.urgency) == (Intent.URGENCE, Urgency.VITALE), result.reasons


# The independent check sets (models/corpus/challenge/, never trained on; docs/corpus.md says who wrote each and
# which were looked at during development). Each is held to the targets on clean text, and to
# macro-F1 >= 0.90 under realistic recognition noise.
CHECK_SETS = ["challenge.tsv", "appels_reels.tsv", "appels_reels_2.tsv", "appels_test_final.tsv",
              "appels_test_blind_2.tsv"]


@pytest.mark.parametrize("name", CHECK_SETS)
def test_independent_check_set(shipped, repo_root, name: str) -> None:
    from ari_triage.nlu.training import score_examples

    scores = score_examples(shipped, load_corpus([repo_root / "models" / "corpus" / "challenge" / name]))
    assert scores["clean"]["n"] >= 150
    assert scores["clean"]["vitale_recall"] == 1.0, scores["errors"]
    assert scores["clean"]["urgent_recall"] >= 0.98, scores["errors"]
    assert scores["clean"]["intent_macro_f1"] >= 0.90, scores["errors"]
    assert scores["noisy"]["intent_macro_f1"] >= 0.90
    assert scores["noisy"]["vitale_recall"] >= 0.95, scores["noisy"]
    assert scores["noisy_harsh"]["intent_macro_f1"] >= 0.85


def test_every_check_set_is_scored(repo_root) -> None:
    """A new file in models/corpus/challenge/ must be added to CHECK_SETS (and described in docs/corpus.md)."""
    assert sorted(p.name for p in (repo_root / "models" / "corpus" / "challenge").glob("*.tsv")) == sorted(CHECK_SETS)
