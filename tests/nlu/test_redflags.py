"""The red-flag layer alone: which phrases raise urgency, and which mentions must not."""

from __future__ import annotations

import pytest

from ari_triage.nlu.normalize import normalize
from ari_triage.nlu.redflags import assess
from ari_triage.nlu.result import Urgency


def level(text: str) -> Urgency:
    return assess(normalize(text)).level


VITALE = [
    "ma mère a mal à la poitrine",  # third party
    "j'ai une douleur dans la poitrine qui serre",
    "il ne respire plus",
    "mon mari respire plus",
    "je sais pas il respire plus",  # "pas" belongs to another clause
    "elle n'arrive plus à respirer",
    "ma mère ne répond plus",
    "il a perdu connaissance",
    "on arrive pas à le réveiller",
    "il a la bouche de travers",
    "elle ne peut plus parler depuis ce matin",
    "je crois qu'il fait un AVC",
    "ma femme saigne beaucoup et ça s'arrête pas",
    "je veux mourir",
    "j'ai envie d'en finir",
    "elle a avalé toute la boîte de médicaments",
    "sa gorge gonfle après une piqûre de guêpe",
    "mon fils fait des convulsions depuis cinq minutes",
    "mon bébé est tout bleu",
    "le bébé est tout mou il réagit plus",
    "elle n'a pas de fièvre mais elle a mal à la poitrine",  # negation scope ends at "mais"
    "il a de plus en plus mal à la poitrine",  # "plus" here is not a negation
    "il a fait un AVC il y a deux ans et là il a de nouveau la bouche de travers",  # past, then now
    "mon père il a eu un infarctus l'an dernier et là il refait une crise cardiaque",
    "ma petite fille ne respire plus",  # "petite" is not "mild" here
    "au secours",
    "envoyez une ambulance vite",
    "je voudrais mourir je sais plus quoi faire",
    "ma mère a une forte fièvre elle est confuse",
    "j'ai une douleur au coeur qui irradie dans la mâchoire",
    "mon fils s'est fait mordre par un serpent",
    "il faut une ambulance pour mon mari",
    "elle respire pu",  # "pu" for "plus"
    "j'ai mal au coeur pas l'estomac le coeur ça serre",  # the negation took its own object
    "femme moi malade tomber pas parler",
    # a past, chronic or days-long context in another clause does not lower what is happening now
    "il a de la fièvre depuis trois jours et maintenant il ne répond plus",
    "elle tousse depuis deux semaines et là elle n'arrive plus à respirer",
    "mon mari a des problèmes de coeur depuis des années et là il s'est effondré",
    "elle est sous chimio depuis des mois et elle saigne beaucoup du nez ça s'arrête pas",
    "depuis son infarctus il va bien mais là il a mal à la poitrine",
    "il a mal au ventre depuis une semaine et là il vomit du sang",
    "elle a fait une chute il y a une semaine et là elle ne répond plus",
    "mon père est suivi par le cardiologue et là il fait une crise cardiaque",  # present tense, new clause
    "mon fils pas bien douleur poitrine",  # "pas" negates "bien", not the pain
]

NOT_VITALE = [
    "il n'a pas de douleur à la poitrine",
    "pas de fièvre",
    "il n'a plus mal à la poitrine",
    "il n'a pas de mal à respirer",
    "il a fait un AVC il y a deux ans",
    "j'ai eu une crise cardiaque l'an dernier, je voudrais mon dossier",
    "mon père a fait un AVC il y a deux ans je voudrais son dossier",
    "je voudrais annuler mon rendez-vous de cardiologie pour mes douleurs",
    "c'est urgent je veux mes résultats",
    "le secrétariat ne répond pas au téléphone",
    "personne ne répond",
    "j'ai un bleu sur la jambe",
    "j'ai mal à la gorge et le genou gonflé",
    "que faire en cas de convulsions",
    "rééducation après son AVC",
    "je voudrais un rendez-vous de suivi pour son infarctus",
    "il a fait une tentative de suicide l'année dernière",
    "il est paralysé depuis dix ans je voudrais un certificat",
    "j'ai des brûlures d'estomac",
    "j'ai été très mal reçue par la secrétaire",
    "c'est quoi le numéro du samu",
    "il faut appeler le 15 en cas d'AVC c'est vrai",
    "mon père ne répond plus aux traitements pour le cholestérol",
    "mon mari ronfle et s'arrête de respirer la nuit",
    "ma mère est hospitalisée pour un AVC je voudrais savoir quand elle sort",
    "mon père est décédé d'un arrêt cardiaque je voudrais le certificat",
    "ma mère a eu un AVC en janvier il lui faut l'orthophoniste",
    "j'ai reçu une facture pour l'ambulance",
    "il n'a pas du tout mal à la poitrine",
    "sans la moindre douleur thoracique",
    "le médecin m'a dit d'appeler si j'avais encore mal à la poitrine mais là ça va",
    "ma mère a été hospitalisée cette nuit par le samu je voudrais savoir dans quel service",
    "je voudrais annuler le rendez-vous que j'avais pris pour mes douleurs dans la poitrine",
]


@pytest.mark.parametrize("text", VITALE)
def test_vitale(text: str) -> None:
    result = assess(normalize(text))
    assert result.level is Urgency.VITALE, result.reasons
    assert result.flags and result.flags[0].level is Urgency.VITALE
    phrase = result.flags[0].phrase  # says which phrase triggered it ("plus" may have been heard as "pu")
    assert phrase in normalize(text) or phrase.replace("plus", "pu") in normalize(text)


@pytest.mark.parametrize("text", NOT_VITALE)
def test_not_vitale(text: str) -> None:
    assert level(text) is not Urgency.VITALE, assess(normalize(text)).reasons


@pytest.mark.parametrize(("text", "why"), [
    ("il n'a pas de douleur à la poitrine", "negated"),
    ("il a fait un AVC il y a deux ans", "past"),
    ("rééducation après son AVC", "follow-up"),
    ("que faire en cas de convulsions", "hypothetical"),
    ("il est paralysé depuis dix ans", "chronic"),
])
def test_discounted_phrases_are_recorded_with_the_reason(text: str, why: str) -> None:
    result = assess(normalize(text))
    assert result.level is Urgency.NORMALE
    assert [f.discounted for f in result.ignored] == [why]
    assert any(why in r for r in result.reasons)


@pytest.mark.parametrize("text", [
    "mon bébé a 40 de fièvre",
    "il a eu mal à la poitrine hier",  # recent past: urgente, not dismissed
    "il a mal à la poitrine depuis trois semaines",
    "mon père est tombé il se relève pas",
    "je me suis cassé le bras",
    "j'ai parfois une petite douleur dans la poitrine quand je tousse",  # mild: lowered, not ignored
    "il a fait un malaise il a repris connaissance et il va bien",
])
def test_urgente(text: str) -> None:
    assert level(text) is Urgency.URGENTE, assess(normalize(text)).reasons


def test_most_urgent_flag_first_and_all_reported() -> None:
    result = assess(normalize("il est tombé et maintenant il ne répond plus"))
    assert result.level is Urgency.VITALE
    assert [f.level for f in result.flags] == [Urgency.VITALE, Urgency.URGENTE]


def test_nothing_in_plain_requests() -> None:
    for text in ("je voudrais prendre un rendez-vous", "quels sont vos horaires", "", "allô"):
        result = assess(normalize(text))
        assert result.level is Urgency.NORMALE and not result.flags and not result.ignored


@pytest.mark.parametrize(("glued", "level"), [
    ("ma mere a unedouleur dans lapoitrine", Urgency.VITALE),
    ("il respireplus", Urgency.VITALE),
    ("monpere ne bougeplus", Urgency.VITALE),
    ("il a fait un avc en janvier l an dernier", Urgency.NORMALE),  # ordinary words are never cut
])
def test_words_glued_by_the_recogniser(glued: str, level: Urgency) -> None:
    assert assess(glued).level is level


# What a closed-vocabulary recogniser (Vosk) really writes: real homophones, inflections, dropped short words.
@pytest.mark.parametrize("heard", [
    "il ne respire",  # "plus" dropped
    "ma mere ne repond",  # "plus" dropped
    "ils respirent plus",  # "il" heard as "ils", verb plural
    "il respirer plus",  # "respire" heard as "respirer"
    "y respire bas",  # "il" as "y", "pas" as "bas"
    "je sais pas i respire plus",  # "i" for "il" closes the negation's scope
    "il a du mal respirer",  # "a" dropped
    "j arrive pas ah respirer",  # "à" heard as "ah"
    "j ai male a la poitrine",  # "mal" heard as "mâle"
    "elle a mal aux poitrines",
    "il vomit du sans",  # "sang" heard as "sans"
    "il crache du cent",  # "sang" heard as "cent" (normalised to 100)
    "elle perd beaucoup sang",  # "de" dropped
    "ma voisine signe beaucoup de la tete",  # "saigne" heard as "signe"
    "je signe ca s arrete pas",
    "il a la bouche travers",  # "de" dropped
    "je crois qui est mort",  # "qu'il" heard as "qui"
    "elle est tous bleus",
    "c est une urgences vitale",
    "j ai envie suicider",  # "de me" dropped
    "je suis allergique aux abeilles je viens de me faire piquer",
    "il s est ecroule",
    "ma mere s ecroule",
    "je n arrive a respirer",  # "plus" dropped
    "on n arrive a le reveiller",
    "il ne se reveille bas",  # "pas" heard as "bas"
    "il a eu un coup couteau",  # "de" dropped
    "mon pere a perdu las parole",
    "je crois qu il fait un ha vece",
])
def test_realistic_recognition_errors_stay_vitale(heard: str) -> None:
    result = assess(normalize(heard))
    assert result.level is Urgency.VITALE, result.reasons


@pytest.mark.parametrize("text", [
    "il ne respire que par la bouche quand il est enrhume",
    "le cabinet ne repond jamais au telephone",
    "mon fils ne repond a aucun de mes messages",
    "les parents ne repondent pas on n arrive pas a les joindre",
    "il signe beaucoup de papiers pour la mutuelle",
    "je suis allergique aux abeilles je voudrais un rendez vous pour une desensibilisation",
    "j ai cent euros a payer",
    "je voudrais donner mon sang sans rendez vous",
    "je n arrive a dormir la nuit",
])
def test_tolerant_patterns_do_not_raise_false_alarms(text: str) -> None:
    assert level(text) is not Urgency.VITALE, assess(normalize(text)).reasons


@pytest.mark.parametrize("text", [
    "c'est une urgence",  # labelling rule 4: a bare call for help
    "urgence",
    "c'est une urgence ma femme est très mal",
    "il a mal entre les omoplates et dans la poitrine",
    "il ne reprend pas connaissance",
    "mon père a perdu la parole d'un coup",
    "il a du mal à articuler",
    "le sang gicle de sa jambe",
    "je veux mettre fin à ma vie",
    "j'ai pris des médicaments pour mourir",
    "il dit qu'il va se couper les veines",
    "mon fils a bu de l'essence",
    "le petit a mangé des baies il est somnolent",
    "ma fille de deux ans a avalé des comprimés de sa grand-mère",
    "mon fils est allergique aux arachides il en a mangé tout à l'heure il a vomi et maintenant il siffle",
    "il a été piqué par un frelon et il a fait un malaise",
    "elle s'est fait piquer par des dizaines de guêpes",
    "elle a les lèvres qui deviennent bleues",
    "ma mère s'est fait renverser",
    "il est tombé du troisième étage",
    "il a été écrasé par un arbre",
    "il a le bras arraché",
    "il s'est brûlé avec l'essence il a le dos et les bras brûlés",
    "elle a renversé l'eau bouillante sur tout le corps",
    "ma femme est en train d'accoucher dans la voiture",
    "il est tombé il s'est cogné la tête et il est tout endormi",
])
def test_more_life_threatening_situations(text: str) -> None:
    result = assess(normalize(text))
    assert result.level is Urgency.VITALE, result.reasons


@pytest.mark.parametrize("text", [
    "c'est une urgence je veux mes résultats",  # perceived urgency
    "c'est une urgence il me faut un certificat",
    "c'est une urgence administrative",
    "j'ai mangé des champignons hier soir",
    "ma mère s'est fait renverser du café sur la main",
    "je voudrais un rendez-vous pour ma rééducation après mon accident",
    "il dort beaucoup depuis qu'il est tombé malade",
])
def test_new_patterns_keep_ordinary_calls_ordinary(text: str) -> None:
    assert level(text) is not Urgency.VITALE, assess(normalize(text)).reasons


def test_no_fever_is_not_a_fever() -> None:
    """"forte fièvre" used to fire across "sans fièvre" (the negation sat inside the matched span)."""
    assert level("mon bébé a une petite toux sans fièvre") is Urgency.NORMALE
    assert level("mon bébé de 2 mois n'a pas de fièvre mais il tousse") is Urgency.NORMALE
    assert level("mon bébé de 2 mois a de la fièvre") is Urgency.URGENTE


def test_unglue_only_splits_before_red_flag_words() -> None:
    from ari_triage.nlu.redflags import unglue

    assert unglue("unedouleur lapoitrine respireplus") == "une douleur la poitrine respire plus"
    assert unglue("depuis janvier dernier lhopital") == "depuis janvier dernier lhopital"
