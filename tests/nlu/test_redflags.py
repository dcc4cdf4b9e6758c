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
    "de la javel a giclé dans l'œil de mon fils il pleure",  # eye injury (rule 6)
    "j'ai reçu un éclat de métal dans l'œil",
    "ma fille a des idées noires elle a envie de mourir mais elle a pas de plan",  # no plan (rule 6)
    "il s'est coupé avec la tronçonneuse faudra sûrement des points",  # a wound for stitches (rule 6)
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


# --- rules version 5: each vitale family of labelling rule 5, said in words the corpus does not hold --------------
# Phrasings written for these tests (not copied from models/corpus), with the dropped small words, homophones and
# non-native French that callers and the recogniser produce.
VITALE_FAMILIES = {
    "suicide in progress": [
        "allô mon frère est sur le pont il dit qu'il va sauter",
        "je suis sur le rebord de la fenêtre je vais me jeter",
        "ma fille a enjambé le balcon",
        "il menace de se jeter par la fenêtre",
        "elle est au bord du vide sur le toit de l'immeuble",
        "mon fils a envoyé un message il dit adieu à tout le monde",
        "je vais en finir ce soir j'ai tout préparé",
        "j'ai avalé toutes mes pilules avec du whisky",
        "elle a pris toutes celles qui restaient dans l'armoire",
        "j'ai trouvé les boîtes de médicaments vides à côté de lui",
        "je vais sauter du huitième",
    ],
    "household poisoning": [
        "mon fils a bu du déboucheur",
        "la petite a avalé une pastille de lave-vaisselle",
        "mon bébé a léché le produit pour la vaisselle",
        "il a bu du white spirit dans une bouteille d'eau",
        "le gamin a bu d'la javel",
        "il a bu de la javelle",  # homophone
        "mon fils bu javel",  # small words dropped
        "mon bébé a avalé une capsule de lessive",
        "on a mangé des champignons ramassés en forêt et on a tous mal au ventre",
    ],
    "medicines of others in a child": [
        "mon fils de deux ans a avalé les cachets de sa grand-mère",
        "ma fille a mangé des médicaments de mamie",
        "ma fille elle a mangé cachets mamie",
    ],
    "button battery, magnets": [
        "le petit a avalé une pile bouton",
        "bébé avalé pile bouton",
        "mon fils a avalé plusieurs aimants",
        "ma fille a avalé des billes aimantées",
        "elle a mis une pile dans sa bouche et elle l'a avalée",
    ],
    "birth happening now": [
        "j'ai envie de pousser",
        "envi de poussé",  # as heard
        "la tête du bébé sort",
        "on voit déjà la tête du bébé",
        "le bébé arrive on est encore à la maison",
        "bébé arrive vite",
        "les contractions sont toutes les deux minutes",
        "je suis enceinte de sept mois et j'ai perdu les eaux",  # long before term (rule 14)
        "enceinte de trente semaines je perds du liquide",
        "moi enceinte sept mois eau perdue",
    ],
    "pregnancy with severe pain and bleeding": [
        "je suis enceinte j'ai une douleur atroce au ventre et je saigne",
        "enceinte de deux mois j'ai très mal au ventre et je saigne",
        "ma femme est enceinte elle vient de faire un malaise",
    ],
    "stroke": [
        "il voit plus rien de l'œil droit et son bras droit est tout mou",
        "il voit plus de l'oeil gauche et il a la main gauche qui fourmille",
        "mère bouche tombe",
        "elle a la bouche toute tordue",
        "il a la figure qui est tombée d'un côté",
        "ma femme a la moitié du visage qui tombe",
        "mon père parle bizarre d'un coup",
        "elle parle chinois d'un coup",
        "mon mari raconte n'importe quoi tout à coup",
        "il a le bras tout mou d'un coup",
        "il a le côté droit tout engourdi d'un coup",
        "elle arrive plus à trouver ses mots",
        "c'est le pire mal de tête de ma vie",
        "il a mal de tête d'un coup très violent",
    ],
    "pulmonary embolism": [
        "j'ai le mollet gonflé et j'ai du mal à respirer",
        "mollet gonflé respire mal",
        "j'ai la jambe toute gonflée et j'ai mal quand je respire",  # pain on breathing is the sign, not "mild"
        "elle a une phlébite et maintenant elle est essoufflée",
    ],
    "meningitis, purpura": [
        "mon fils a de la fièvre et la nuque raide",
        "fièvre cou raide",
        "ma fille a de la fièvre et des taches violettes sur les jambes",
        "il a de la fièvre il a des boutons qui s'effacent pas quand on appuie",
        "il a de la fièvre et il supporte pas la lumière et il vomit",
    ],
    "call for help": [
        "c'est une urgence mon mari",
        "vite vite c'est ma femme",
        "c'est grave venez vite",
        "s'il vous plaît vite",
        "urgence urgence",
        "venez tout de suite",
    ],
    "heavy bleeding": [
        "ça gicle partout",
        "il y a du sang partout dans la salle de bain",
        "il pisse le sang du bras",
        "je me suis coupé et le sang arrête pas de couler",
        "il a une plaie au bras ça saigne comme une fontaine",
        "elle a les veines ouvertes",
    ],
    "anaphylaxis": [
        "il a la langue qui gonfle après le médicament",
        "elle a été piquée par une guêpe et elle a du mal à avaler",
        "on lui a fait son stylo d'adrénaline",
    ],
    "not breathing, choking": [
        "bébé respire pas",
        "il a un bout de pomme coincé dans la gorge et il peut plus respirer",
        "il a avalé de travers il devient tout bleu",
        "elle arrive plus à finir une phrase tellement elle respire mal",
        "mon bébé de deux mois respire très vite",
        "ma mère a respiré la fumée de l'incendie elle est confuse",
    ],
    "unconscious, collapse, shock": [
        "ma mère est inanimée",
        "mon mari est par terre",
        "il se réveil pas",
        "mon mari est diabétique il est tout confus et il transpire",
        "ma grand-mère est toute blanche elle transpire elle va tomber",
        "mon grand-père est glacé il bouge plus",
    ],
    "chest pain now": [
        "mal poitrine",
        "j'ai comme un étau sur la poitrine",
        "j'ai un point au cœur qui m'empêche de bouger",
    ],
    "burns, electrocution, drowning, severe trauma": [
        "il a pris le courant en réparant la prise",
        "mon mari s'est électrisé",
        "on l'a sorti de la piscine il respire mal",
        "elle s'est brûlée tout le bras avec l'eau bouillante",
        "renversé par voiture",
        "mon mari est tombé du toit",
        "il s'est planté un couteau dans la cuisse",
        "il s'est tapé la tête il dort il se réveille pas",
        "tombé tête il vomit",
        "il a reçu une poutre sur la tête et il est confus",
    ],
    "other signs said in everyday words": [
        "il a du mal à reprendre son souffle",
        "elle se tient la poitrine",
        "il a mal dans le dos comme un coup de poignard ça déchire",
        "il a perdu la vue d'un coup",
        "il comprend plus ce qu'on lui dit",
        "il y a un accident devant chez moi il y a des blessés",
        "il fait crise sur crise",
        "il a perdu beaucoup de sang",
        "mon fils a mangé des granulés anti-limaces",
        "le petit a mangé du paracétamol",
        "aidez-moi",
    ],
    "infant limp, blue, grey": [
        "bébé gris",
        "bébé bleu",
        "le bébé a les lèvres qui bleuissent",
    ],
}


# The same families negated, in the past, hypothetical, or not about a patient: not vitale.
# Rule 13: an episode that is over, the person well now, is urgente (lowered, not dismissed).
@pytest.mark.parametrize("text", [
    "il s'est étouffé avec un bonbon mais il l'a recraché et il va bien",
    "il a eu une douleur atroce dans la poitrine hier soir mais c'est passé",
    "elle a eu le visage qui tombait hier pendant une minute et c'est passé",
    "ma mère a fait un malaise elle était toute blanche mais elle a repris connaissance et elle va bien",
    "mon fils a fait une convulsion avec la fièvre ça a duré une minute il est bien réveillé maintenant",
    "il y a trois jours j'ai eu une migraine brutale elle est partie",
    "mon fils s'est cogné la tête il a vomi une fois mais il joue normalement",  # rule 6
])
def test_episode_over_and_well_now_is_urgente(text: str) -> None:
    assert level(text) is Urgency.URGENTE, assess(normalize(text)).reasons


def test_refaire_un_examen_is_not_happening_again() -> None:
    """"il doit refaire une radio" is a check-up, not the event happening again (it used to cancel "past")."""
    result = assess(normalize("mon fils a avalé une pile il y a un an il doit refaire une radio de contrôle"))
    assert result.level is Urgency.NORMALE
    assert {f.discounted for f in result.ignored} == {"past"}
    assert level("il a fait un malaise il y a un an et là il refait un malaise il ne répond plus") is Urgency.VITALE


def test_an_animal_is_not_the_patient_but_a_person_bitten_by_one_is() -> None:
    result = assess(normalize("mon chien s'étouffe avec sa balle"))
    assert result.level is Urgency.NORMALE and result.ignored[0].discounted == "context"
    assert level("il a été mordu par un chien il saigne beaucoup") is Urgency.VITALE


def test_severe_pain_is_not_mild_even_when_breathing_hurts() -> None:
    assert level("j'ai une douleur horrible dans la poitrine quand je respire") is Urgency.VITALE
    assert level("j'ai une petite douleur dans la poitrine quand je tousse") is Urgency.URGENTE


def test_compiled_rules_match_like_word_boundaries() -> None:
    """The patterns start with a look-behind instead of \\b (faster): still whole words only."""
    assert level("il respire plus") is Urgency.VITALE
    assert level("ilrespireplus") is Urgency.VITALE  # unglued
    assert level("le coma") is Urgency.VITALE
    assert level("la commande") is Urgency.NORMALE
    assert level("decoma") is Urgency.NORMALE


# --- v6: families widened beyond the corpus wording ---------------------------------------------------
# Sentences written for this test (never in the corpus): each family in many callers' words, with
# recogniser errors ("des pilepsie", "nez répond" for "ne répond") and non-native French ("lui pas répondre").
VITALE_WIDENED = {
    "call for help": [
        "allô allô c'est une urgence c'est très grave",
        "c'est une urgence là vite",
        "oui c'est une urgence vraiment",
        "urgence c'est grave",
        "c'est grave c'est grave venez",
        "allô vite vite s'il vous plaît c'est grave",
        "madame c'est une urgence je vous en prie",
        "au secours aidez-moi",
        "c'est très grave là",
        "allô oui c'est urgent c'est grave là",
    ],
    "heavy bleeding": [
        "ma mère elle arrête pas de vomir du sang",
        "il a vomi du sang plein la cuvette",
        "mon père crache du sang quand il tousse beaucoup de sang",
        "elle tousse du sang depuis tout à l'heure",
        "mon mari vomit le sang",
        "il pisse du sang partout",
        "ma soeur perd du sang en grande quantité",
        "elle perd énormément de sang par le bas",
        "il y a plein de sang dans le lit",
        "ça arrête pas de saigner",
        "ça saigne sans s'arrêter",
        "le sang il s'arrête pas",
        "elle remplit les serviettes en une demi-heure",
        "la serviette elle est trempée de sang en dix minutes",
        "elle a des gros caillots de sang et ça coule",
        "j'ai accouché la semaine dernière et là je saigne énormément",
        "je viens d'accoucher et je perds beaucoup de sang",
        "moi saigner beaucoup beaucoup",
        "il saigne du nez ça s'arrête plus depuis une heure",
        "il a vomi du cent",
        "je crache du sans",
        "elle saigne énormément du nez et ça coule dans la gorge",
    ],
    "unconscious": [
        "mon père il a les yeux fermés il répond pas",
        "elle est tombée elle a les yeux fermés elle bouge plus",
        "lui pas répondre",
        "ma femme elle pas réveiller",
        "mon mari yeux fermés pas bouger",
        "papa il répond plus du tout quand on lui parle",
        "ma grand-mère elle bouge plus elle respire à peine",
        "il est allongé par terre il dit plus rien",
        "il réagit à rien",
        "elle répond à rien",
        "on le secoue il se réveille pas",
        "elle ouvre plus les yeux",
        "ma mère est tombée dans les pommes et elle revient pas",
        "il est tombé d'un coup et il répond plus",
        "mon fils il est tout mou il réagit pas",
        "je le trouve par terre dans la salle de bain",
        "elle est sans connaissance",
        "le voisin est étendu par terre",
        "mon mari nez répond plus",
    ],
    "seizure": [
        "elle fait une crise d'é pilepsie qui s'arrête pas",
        "mon fils fait une crise des pilepsie",
        "crise d'épi lepsie depuis dix minutes",
        "il a une crise d épilepsie depuis un quart d'heure",
        "il convulse depuis cinq minutes",
        "ma fille arrête pas de convulser",
        "il tremble de partout les yeux révulsés il répond pas",
        "elle fait crise sur crise",
        "mon bébé fait des convulsions",
        "il a fait une crise et là il en refait une autre",
        "elle fait une crise depuis vingt minutes elle arrête pas de trembler",
        "il est par terre il tremble il bave",
        "mon mari épileptique fait une crise qui dure depuis dix minutes",
        "c'est la deuxième crise en une heure",
        "ma fille convulse encore",
        "il a des secousses partout depuis cinq minutes",
    ],
    "stroke": [
        "elle a déjà fait un avc et là elle arrive de nouveau plus à parler",
        "il arrive encore plus à parler",
        "il peut d'un coup plus parler",
        "mon mari arrive plus du tout à parler",
        "il a eu un avc en deux mille vingt et ce matin il a encore la bouche de travers",
        "il a refait un avc je crois",
        "elle parle plus depuis dix minutes",
        "d'un coup elle sait plus parler",
        "il a le bras qui tombe et il parle mal",
        "moitié du visage paralysée",
        "elle a la bouche tordue depuis une heure",
        "il bave d'un côté et il comprend plus rien",
        "il arrive plus à bouger le bras droit d'un coup",
        "elle peut plus bouger la jambe gauche depuis ce matin",
    ],
    "chest pain": [
        "mon père a très mal dans la poitrine",
        "j'ai la poitrine qui me serre fort",
        "elle se plaint de la poitrine elle dit que ça écrase",
        "une douleur dans le thorax qui va dans le bras",
        "j'ai mal au niveau du coeur ça serre",
        "il a une barre sur la poitrine",
        "il a encore mal à la poitrine comme l'an dernier",
    ],
    "breathing": [
        "mon bébé il respire plus",
        "elle s'étouffe elle devient violette",
        "il a les lèvres bleues",
        "il peut plus respirer",
        "elle arrive pas à reprendre son souffle elle est toute grise",
        "ma mère elle étouffe",
        "mon fils a avalé une cacahuète il respire plus",
        "elle peut pas respirer",
        "il est en train de s'étouffer",
        "j'arrive presque plus à respirer",
    ],
    "poisoning, overdose": [
        "ma mère a avalé tout le pilulier de mon père",
        "il a pris toute la boîte de son traitement",
        "elle a avalé tous les médicaments de mon mari",
        "mon grand-père a pris tout le pilulier de la semaine d'un coup",
        "il a avalé toute sa plaquette de somnifères",
        "ma fille a bu de la javel",
        "mon fils a avalé des médicaments de sa mamie",
        "elle a pris les cachets de son mari toute la boîte",
        "mon ado a pris vingt doliprane",
        "le petit a mangé les pilules de sa soeur",
        "on a tous mal à la tête et envie de vomir à cause de la chaudière",
        "ma mère a bu du produit vaisselle",
        "il a bu tout le flacon de sirop",
    ],
    "suicide": [
        "je veux plus vivre",
        "mon fils dit qu'il va se tuer",
        "j'ai envie de me tuer",
        "elle a pris des médicaments pour mourir",
        "il s'est enfermé et il dit qu'il va en finir",
        "je vais me foutre en l'air",
    ],
    "anaphylaxis": [
        "il a mangé des cacahuètes et sa gorge gonfle",
        "elle a été piquée par une abeille et elle a le visage tout gonflé",
        "ses lèvres gonflent après l'antibiotique",
        "il a la langue qui enfle",
        "elle gonfle de partout après la piqûre",
    ],
    "infant": [
        "mon bébé est tout mou",
        "le bébé est gris il réagit pas",
        "bébé respire plus il est bleu",
        "ma fille de trois mois elle est toute molle elle boit plus",
    ],
    "fever stiff neck spots": [
        "il a de la fièvre et des petites taches violettes",
        "fièvre et nuque raide",
        "elle a de la fièvre et elle peut plus baisser la tête",
    ],
    "trauma, burns, drowning, electrocution": [
        "il est tombé du toit",
        "mon mari s'est fait renverser par une voiture",
        "un accident de voiture il y a des blessés",
        "il s'est pris un coup de couteau",
        "il est tombé dans la piscine on l'a sorti",
        "il s'est électrocuté",
        "elle s'est brûlée tout le bras et le ventre avec l'eau bouillante",
        "il est tombé de l'échelle de trois mètres",
        "mon fils s'est noyé",
        "il s'est cogné la tête et maintenant il vomit et il dort",
        "elle a pris le courant",
    ],
    "birth now": [
        "elle accouche dans la salle de bain",
        "ma femme accouche dans la voiture",
        "elle est en train d'accoucher à la maison",
        "je vois les cheveux du bébé",
        "on voit la tête du bébé",
        "je vois les pieds du bébé qui sortent",
        "le bébé est en train de sortir",
        "elle a perdu les eaux et elle est enceinte de six mois",
        "la poche des eaux s'est rompue à cinq mois de grossesse",
        "la poche des eaux a percé elle est enceinte de sept mois seulement",
        "enceinte de six mois et elle perd les eaux",
        "elle est enceinte de cinq mois et elle perd beaucoup de sang",
        "je suis enceinte de quatre mois je saigne beaucoup",
        "ma femme pousse le bébé arrive",
        "le bébé est né dans la voiture il respire pas bien",
        "elle accouche là maintenant",
        "elle accouche dans les toilettes",
        "elle est en train d'accoucher dans l'ascenseur",
    ],
    "non-native and asr": [
        "ma femme tombé lui pas parler",
        "mari lui pas respirer",
        "enfant lui pas réveiller",
        "moi douleur poitrine fort",
        "mon père tomber par terre pas bouger",
        "il a du male à respirer",
        "ma mère elle répond plus elle a les yeux ouverts",
    ],
    "more callers, all families (second round)": [
        "mon grand-père il est blanc comme un linge il répond plus",
        "ma copine elle a pris toute sa boîte d'antidépresseurs",
        "mon pote a pris trop de médocs il est bizarre",
        "il s'est ouvert le bras avec une vitre ça pisse le sang",
        "elle saigne de la tête y a du sang partout",
        "ma femme elle perd les eaux et on voit la tête",
        "le bébé il sort je fais quoi",
        "elle est en train de pousser le bébé arrive",
        "mon fils s'est pendu",
        "ma mère a fait une tentative de suicide",
        "il dit qu'il a plus envie de vivre et il a un couteau",
        "il s'est tranché les veines",
        "ma voisine elle a le visage tout paralysé d'un côté",
        "il arrive de nouveau plus à parler",
        "sa bouche elle est partie sur le côté",
        "il a plus de force dans le bras gauche d'un coup",
        "elle comprend plus ce qu'on lui dit depuis ce matin",
        "il a une douleur qui serre dans la poitrine depuis une demi-heure",
        "mon père a mal à la poitrine et il transpire",
        "j'ai une douleur dans la poitrine qui descend dans le bras",
        "il s'étrangle avec un bonbon",
        "mon fils a un jouet coincé dans la gorge",
        "elle respire très mal elle est bleue",
        "mon bébé fait des pauses quand il respire",
        "le petit il respire plus il est tout bleu",
        "ma mère fait une réaction allergique la gorge qui se ferme",
        "il a été piqué par une guêpe et sa langue gonfle",
        "mon mari convulse sur le sol",
        "elle a des convulsions qui s'arrêtent pas",
        "ma fille fait des crises à répétition",
        "il fait une crise d'épilepsie depuis une heure",
        "mon fils est tombé du balcon du deuxième",
        "un ouvrier est tombé de l'échafaudage",
        "mon mari s'est coupé avec la tronçonneuse",
        "ma fille s'est fait renverser par une voiture devant l'école",
        "il y a eu un accident de scooter mon fils saigne de la tête",
        "mon fils est tombé dans la piscine il respire plus",
        "il a touché un fil électrique il est par terre",
        "elle s'est renversé l'eau bouillante sur tout le corps",
        "ma mère est tombée elle s'est cogné la tête et elle vomit",
        "mon bébé a de la fièvre et des taches violettes",
        "ma fille a de la fièvre et le cou tout raide",
        "on a tous mal à la tête à la maison et le chauffe-eau fait un bruit",
        "ma fille a bu du destop",
        "le petit a avalé une pile",
        "ma fille de deux ans a pris les comprimés de son père",
        "il a mangé des champignons du jardin et il vomit et il a des sueurs",
        "elle est enceinte de huit mois et elle saigne énormément",
        "je suis enceinte et j'ai une douleur horrible dans le ventre et je perds du sang",
        "ma femme enceinte fait des convulsions",
        "elle a perdu les eaux à vingt-huit semaines",
        "moi enceinte six mois eau partie",
        "mon père est tombé il répond plus il a les yeux fermés",
        "il respire mais il répond plus",
        "ma mère est effondrée dans la cuisine",
        "mon ami il fait une overdose",
        "il a pris de la drogue il se réveille pas",
        "elle est froide et toute grise",
        "au secours mon bébé",
        "vite une ambulance",
        "appelez le samu",
        "allô urgence urgence venez",
        "lui tomber lui pas réveiller",
        "mari pas respirer bleu",
        "ma mère elle arrête pas de saigner du nez depuis une heure elle est toute pâle",
        "il vomi du sang toute la nuit et ce matin encore",
        "elle a du sang qui sort de la bouche",
        "je saigne beaucoup depuis l'accouchement hier",
        "elle a accouché avant-hier et là elle saigne énormément",
    ],
    "more callers, all families (third round)": [
        "mon fils s'est pris une décharge électrique il est inconscient",
        "il est resté sous l'eau longtemps",
        "on a sorti le petit de la baignoire il respire pas",
        "elle s'est brûlée avec de l'huile sur le visage",
        "le feu a pris dans la cuisine mon mari est brûlé partout",
        "il a reçu une poutre sur la tête il dit des choses bizarres",
        "mon fils est tombé de vélo sur la tête il arrête pas de vomir",
        "elle a glissé dans l'escalier elle s'est cogné la tête et elle est toute endormie",
        "mon bébé est tout mou il a les yeux dans le vague",
        "le bébé est gris et tout flasque",
        "mon nourrisson respire plus bien il devient bleu autour de la bouche",
        "ma fille de deux mois ne se réveille pas pour manger elle est molle",
        "elle a des petits points rouges foncés partout avec la fièvre qui partent pas quand j'appuie",
        "il a de la fièvre et il a la nuque toute bloquée",
        "après avoir mangé des crevettes il a la gorge qui gratte et il respire mal",
        "ses yeux et ses lèvres ont gonflé après l'amoxicilline",
        "j'ai été piqué par un frelon et j'ai la tête qui tourne je me sens partir",
        "il m'a dit au revoir et il a pris la voiture il veut se tuer",
        "ma fille a écrit une lettre d'adieu",
        "mon frère a une corde il veut se pendre",
        "ma mère a avalé toutes ses pilules pour dormir",
        "j'ai pris tous mes cachets",
        "il a bu une bouteille de vodka et pris des somnifères",
        "mon fils a fumé un truc il fait un malaise il respire mal",
        "il a mal au coeur ça serre fort et il a du mal à respirer",
        "elle a une douleur dans la poitrine qui irradie dans la mâchoire",
        "il a une oppression dans la poitrine",
        "j'ai le coeur qui serre et je transpire",
        "mon père est cardiaque il a mal à la poitrine depuis vingt minutes",
        "ma mère suffoque",
        "il arrive pas à respirer il est tout bleu",
        "elle respire plus du tout",
        "moi pas respirer",
        "il a fait une fausse route il est tout violet il respire plus",
        "j'ai l'impression que je vais mourir j'ai mal dans la poitrine",
        "mon mari est tombé dans la salle de bain il répond plus",
        "ma mère a fait un malaise elle est par terre elle bouge pas",
        "je trouve ma grand-mère inconsciente",
        "il est dans le coma",
        "il a les yeux qui se révulsent",
        "ma tante a la bouche déformée et elle bave",
        "il a le visage tout tordu",
        "elle dit des mots qui veulent rien dire depuis une heure",
        "mon père a subitement plus de force dans la jambe droite",
        "elle a un mal de tête comme un coup de tonnerre",
        "il saigne beaucoup de la tête",
        "elle s'est coupée avec un couteau ça saigne énormément",
        "il a une hémorragie",
        "elle vomit des caillots de sang",
        "il a craché plein de sang",
        "elle saigne par le nez et par la bouche",
        "je suis enceinte de trois mois et je saigne énormément avec des caillots",
        "ma fille a des contractions toutes les deux minutes et elle a envie de pousser",
        "le bébé est en train de naître",
        "on est dans la voiture elle accouche",
        "elle accouche chez nous",
        "enceinte de vingt-six semaines elle a perdu les eaux",
        "elle fait une crise d'épilepsie depuis cinq minutes",
        "il fait convulsion",
        "elle convulsionne",
        "c'est grave venez vite",
        "au secours il faut une ambulance",
    ],
    "more callers, all families (fourth round)": [
        "mon papa il est tout gris il transpire et il dit qu'il a mal au bras gauche et à la poitrine",
        "ma mère respire comme si elle avait couru elle est bleue",
        "mon fils a un truc dans la gorge il arrive plus à tousser",
        "ma femme s'est écroulée dans la cuisine",
        "mon voisin il bouge plus du tout je l'ai trouvé dans son jardin",
        "il est tout froid et il se réveille pas",
        "elle a fait un malaise et depuis elle répond plus",
        "ma grand-mère a le côté gauche qui marche plus",
        "il a la moitié de la bouche qui pend",
        "elle bafouille d'un coup on comprend plus rien",
        "il parle plus normalement depuis tout à l'heure",
        "je saigne de partout",
        "il y a du sang plein la salle de bain",
        "ma fille s'est tailladé les bras ça saigne beaucoup",
        "je vais me jeter sous un train",
        "j'ai tout préparé pour partir ce soir je veux mourir",
        "il a avalé un flacon entier de sirop pour la toux",
        "mon fils de trois ans a bu de l'alcool à brûler",
        "mon bébé a mangé une pastille de lave-vaisselle",
        "elle a le visage qui gonfle après avoir mangé des noix",
        "ma bouche et ma langue gonflent j'ai mangé du kiwi",
        "mon mari fait des convulsions il est tout raide",
        "elle tremble de partout et elle répond pas",
        "le bébé est tout mou et tout pâle",
        "mon bébé respire bizarre il creuse le ventre",
        "elle a de la fièvre et des taches comme des bleus partout",
        "mon ado a la nuque raide et quarante de fièvre",
        "il est tombé de l'arbre il est par terre il bouge pas",
        "accident de la route il y a un motard par terre",
        "il s'est fait poignarder",
        "le petit a été électrocuté avec la prise",
        "ma fille s'est brûlée avec la casserole d'eau bouillante sur le ventre et les jambes",
        "on a repêché mon fils dans le lac",
        "il s'est cogné la tête et il sait plus où il est",
        "elle accouche le bébé arrive là",
        "ma femme a perdu les eaux à cinq mois",
        "enceinte de sept mois elle saigne beaucoup",
        "vite vite venez",
        "aidez-moi vite ma mère",
        "mon mari lui malade beaucoup lui pas respirer bien",
    ],
    "professionals, elderly, short calls (fifth round)": [
        "ici l'infirmière de l'ehpad un résident est tombé il saigne abondamment du crâne",
        "bonjour c'est l'école un enfant a fait un malaise il est tout bleu",
        "la pharmacie à l'appareil un client s'est effondré devant le comptoir",
        "allô ma maman elle dort et elle se réveille plus",
        "je crois que mon mari est mort",
        "mon fils il est là par terre il bouge plus il a pris des trucs",
        "elle a voulu se tuer elle a pris des cachets",
        "mon copain a sauté par la fenêtre",
        "oui bonjour ma femme a la voix pâteuse et la bouche qui tombe",
        "le pépé il a plus de voix et le bras qui pend",
        "on dirait qu'il a fait une attaque",
        "elle serre sa poitrine et elle dit qu'elle va mourir",
        "il a le coeur qui s'emballe et il tombe dans les pommes",
        "mon fils a avalé de la soude",
        "la petite a léché le déboucheur",
        "mon mari a respiré du gaz dans le garage il est dans les vapes",
        "bébé trois semaines il respire très vite et il est gris",
        "il a la gorge et la langue qui enflent",
        "elle a mangé des noix de cajou elle étouffe",
        "ma fille convulse elle a quarante de fièvre",
        "il a eu une crise il arrête pas de trembler et de baver",
        "mon fils a été renversé par un bus",
        "il y a un homme poignardé devant chez moi",
        "il est tombé d'un toit de cinq mètres",
        "elle saigne beaucoup de la jambe ça gicle",
        "le sang coule sans arrêt de sa tête",
        "il est coincé sous sa voiture",
        "ma soeur est en train d'accoucher sur le parking",
        "la tête du bébé est sortie",
        "elle est enceinte et elle fait une crise de convulsions",
    ],
}


# Everyday, negated, past, hypothetical, animal and rule-13 (over and well now) sentences near the widened
# patterns: never vitale.
NOT_VITALE_WIDENED = [
    "mon chien s'est fait renverser par une voiture il saigne beaucoup",
    "mon chat a été percuté par une moto il respire mal",
    "le chien de la voisine a avalé du chocolat il vomit du sang",
    "notre chienne fait une crise d'épilepsie vous avez un vétérinaire",
    "mon lapin bouge plus il est par terre",
    "mon chat a mangé des médicaments",
    "le cheval est tombé il saigne beaucoup de la jambe",
    "mon chien il arrête pas de vomir du sang",
    "mon chat il a les yeux fermés il bouge plus",
    "il ne vomit pas de sang",
    "elle n'a pas perdu de sang",
    "pas de sang dans les selles",
    "il n'a jamais fait de crise d'épilepsie",
    "elle a pas les yeux fermés elle répond bien",
    "il n'a pas de convulsions",
    "je ne veux pas mourir je veux juste dormir",
    "elle n'a pas avalé de médicaments",
    "il ne saigne pas beaucoup",
    "il a vomi du sang il y a deux ans je voudrais son dossier",
    "elle a fait une crise d'épilepsie l'an dernier",
    "mon fils a fait des convulsions quand il était petit",
    "ma fille a accouché il y a trois mois et je voudrais un rendez-vous de suivi",
    "j'ai accouché le mois dernier je voudrais le compte rendu",
    "il a fait un arrêt cardiaque en deux mille dix-neuf",
    "elle a perdu les eaux à six mois pour son premier il y a cinq ans",
    "mon mari a fait une hémorragie il y a deux ans on voudrait le dossier",
    "elle est épileptique depuis l'enfance je voudrais renouveler son traitement",
    "il a fait une convulsion avec la fièvre hier soir ça s'est arrêté et ce matin il joue normalement",
    "ma fille a convulsé cette nuit les pompiers sont venus et maintenant elle va bien",
    "il s'est étouffé avec un bonbon il l'a recraché ça va",
    "elle a fait un malaise elle s'est réveillée tout de suite elle va bien",
    "il a fait une crise d'épilepsie ce matin le samu est passé il dort normalement",
    "mon fils a eu une convulsion la nuit dernière il va bien maintenant",
    "elle a avalé deux doliprane par erreur elle va très bien",
    "je voudrais un rendez-vous en neurologie pour l'épilepsie de mon fils",
    "c'est pour une prise de sang à jeun",
    "je voudrais les résultats de la prise de sang",
    "c'est urgent je veux mes résultats",
    "c'est une urgence pour mon arrêt de travail",
    "c'est urgent pour l'ordonnance",
    "les horaires des urgences",
    "c'est grave si j'oublie ma pilule",
    "est-ce que c'est grave docteur d'avoir de la tension",
    "c'est pas grave je rappellerai",
    "c'est pas une urgence",
    "ce n'est pas urgent je voudrais un rendez-vous",
    "il n'y a pas d'urgence",
    "je voudrais la pilule du lendemain",
    "mon pilulier est vide il me faut une ordonnance",
    "je prépare le pilulier de ma mère chaque semaine",
    "il a oublié son pilulier",
    "elle accouche dans deux semaines on voudrait visiter la maternité",
    "ma femme accouche en mars je voudrais un rendez-vous",
    "elle doit accoucher à la maternité le mois prochain",
    "je suis enceinte de six mois je voudrais un rendez-vous d'échographie",
    "enceinte de sept mois elle a des questions sur la péridurale",
    "je suis enceinte de cinq mois j'ai un peu mal au dos",
    "quand est-ce qu'on perd les eaux normalement",
    "que faire si la poche des eaux se rompt",
    "les yeux fermés je sais même pas où c'est",
    "je dors les yeux fermés",
    "il ferme les yeux quand il fait ses gouttes",
    "il arrête pas de parler",
    "elle arrête pas de tousser depuis trois jours",
    "il arrête pas de pleurer",
    "il arrête pas de trembler il a de la fièvre",
    "elle a des frissons elle tremble",
    "je tremble quand je suis stressé",
    "j'ai des serviettes hygiéniques à acheter",
    "elle a ses règles abondantes depuis des mois",
    "j'ai des règles un peu abondantes je voudrais un rendez-vous",
    "il saigne un peu des gencives quand il se brosse les dents",
    "je crache un peu de sang quand je me mouche depuis une semaine",
    "il a craché un peu de sang hier",
    "il saigne du nez un petit peu",
    "la facture de l'ambulance",
    "les cheveux de mon bébé tombent c'est normal",
    "je vois les cheveux de mon fils tomber",
    "mon mari lui il répond pas au téléphone",
    "le docteur répond pas",
    "mon fils répond pas à mes messages depuis hier",
    "elle répond pas à mes appels",
    "il m'a pas répondu",
    "lui pas répondre au téléphone",
    "il bouge plus de chez lui depuis sa chute",
    "il a un bleu sur le bras",
    "j'ai mal à la gorge",
    "ma fille a de la fièvre depuis hier",
    "mon bébé a trente-huit de fièvre",
    "elle a un peu mal à la tête",
    "je voudrais annuler mon rendez-vous",
    "bonjour je voudrais parler à la secrétaire",
    "il a avalé sa salive de travers et il tousse",
    "elle a vomi deux fois ce matin",
    "il est tombé dans les escaliers il a mal au genou",
    "il s'est coupé le doigt avec un couteau ça saigne un peu",
    "mon fils s'est fait mordre par le chien du voisin",
    "c'est mon chat qui a été renversé il saigne",
    "une crise de foie",
    "une crise d'angoisse depuis dix minutes",
    "il fait une crise de colère depuis vingt minutes",
    "mon fils fait des crises de colère",
    "la crise du logement",
    "elle a fait une fausse couche il y a deux ans",
    "c'est pour un certificat pour le sport",
    "je voudrais parler au docteur c'est urgent",
    "vous pouvez me rappeler vite",
    "est-ce que je peux venir vite chercher mon ordonnance",
    "le bébé bouge moins depuis ce matin",
    "j'ai accouché il y a quinze jours je voudrais mon congé",
    "pour le papier de la maternité",
    "il a de nouveau de la fièvre",
    "il a encore mal au dos",
    "elle a de nouveau une otite",
    "ma chienne est en train de mettre bas elle perd du sang",
    "mon chat s'est fait renverser il a la patte cassée",
    "mon perroquet respire plus",
    "mon chien il a convulsé",
    "il a vomi hier soir maintenant ça va",
    "elle a saigné du nez ce matin ça s'est arrêté tout seul",
    "il a perdu connaissance deux secondes il s'est réveillé tout de suite et il va bien",
    "le bébé a avalé de travers il a toussé et c'est reparti il va bien",
    "mon fils s'est cogné la tête il pleure mais il joue",
    "elle a fait une crise d'épilepsie la semaine dernière je voudrais un rendez-vous avec le neurologue",
    "je suis enceinte de six mois je voudrais m'inscrire aux cours de préparation",
    "elle accouche bientôt on a des questions",
    "est-ce que je peux accoucher dans votre clinique",
    "elle a accouché dans votre clinique il y a un mois je voudrais l'acte de naissance",
    "la poche des eaux c'est quoi exactement",
    "je voudrais un rendez-vous pour une prise de sang",
    "il a du sang dans les selles depuis deux semaines",
    "elle a vomi une fois",
    "j'ai un peu de sang quand je me mouche",
    "il répond pas à mes sms",
    "mon fils me répond plus depuis qu'il est parti",
    "les yeux fermés il dort bien",
    "il dort les yeux fermés c'est normal",
    "c'est grave docteur",
    "c'est pas urgent",
    "c'est une urgence administrative",
    "c'est urgent pour mon dossier",
    "urgence dentaire c'est où",
    "vous avez un service des urgences",
    "la crise d'épilepsie de mon fils est bien traitée",
    "il a des crises d'épilepsie bien contrôlées par le traitement",
    "mon père prend son traitement tous les jours",
    "je voudrais renouveler le traitement de mon mari",
    "ma mère a oublié de prendre son pilulier ce matin",
    "il a pris le traitement de son frère par erreur une fois il va bien",
    "j'ai une douleur au genou depuis ma chute",
    "elle peut plus bouger le bras depuis sa chute",
    "il arrive plus à lever le bras depuis qu'il s'est fait mal à l'épaule",
    "il arrive plus à parler anglais",
    "le bébé bouge beaucoup",
    "je tremble de froid",
    "elle tremble depuis dix minutes elle a des frissons avec la fièvre",
    "elle fait une crise de panique depuis vingt minutes",
    "il a une crise d'asthme la ventoline marche",
    "je voudrais savoir si la pilule est remboursée",
    "mon fils a avalé un chewing-gum",
    "il a bu de l'eau du robinet",
    "mon fils veut une serviette propre",
    "je voudrais la facture de l'accouchement",
    "le sang de ma prise de sang a coagulé",
    "la tête me tourne un peu quand je me lève",
    "mon fils a de la fièvre à trente-neuf depuis hier",
    "il a le nez qui coule",
    "j'ai mal au dos depuis trois jours",
    "elle s'est brûlée le doigt avec le fer",
    "j'ai une petite coupure au doigt",
    "il s'est cogné la tête il a une bosse mais il va bien",
    "mon bébé a un petit bouton sur la joue",
    "elle a des boutons rouges qui grattent",
    "je voudrais un rendez-vous avec le cardiologue pour ma tension",
    "j'ai des palpitations de temps en temps",
    "il a fait une fausse route hier en mangeant mais ça va",
    "elle tousse beaucoup la nuit",
    "ma mère est diabétique je voudrais renouveler son insuline",
    "il prend des somnifères pour dormir c'est normal",
    "je voudrais une ordonnance pour mes cachets",
    "j'ai pris mes cachets ce matin",
    "elle a pris toutes ses affaires pour l'hôpital",
    "il a pris tout le monde au dépourvu",
    "on a tous mal à la tête avec ce bruit de travaux",
    "le poêle à bois est installé chez nous",
    "je voudrais faire contrôler ma chaudière",
    "je suis allergique aux crevettes je voudrais un test",
    "elle a été piquée par un moustique",
    "mon fils a été piqué par une guêpe ça fait une petite bosse",
    "il a le visage un peu gonflé le matin",
    "mes chevilles gonflent le soir",
    "la fille de ma voisine a perdu les eaux hier elle a accouché d'un garçon",
    "elle a accouché hier tout va bien",
    "je voudrais visiter la salle d'accouchement",
    "je suis enceinte de trois mois je voudrais déclarer ma grossesse",
    "le bébé est né on voudrait la déclaration de naissance",
    "je prends la pilule depuis dix ans",
    "je voudrais des informations sur l'épilepsie",
    "mon fils est épileptique il a besoin d'un certificat pour l'école",
    "il a fait une crise de foie",
    "elle a une crise d'eczéma",
    "je voudrais parler au docteur de la crise d'asthme de mon fils la semaine dernière",
    "le film parle d'un avc",
    "il a perdu son portable",
    "j'ai perdu ma carte vitale",
    "il a perdu beaucoup de poids",
    "il a perdu beaucoup de cheveux",
    "la voiture s'est fait renverser par le vent",
    "il a renversé du café sur lui c'est pas chaud",
    "le chien il saigne de l'oreille",
    "le chat de ma fille a vomi du sang",
    "ma jument a une hémorragie",
    "elle a pas de force dans les bras depuis des années",
    "il ne veut plus manger depuis deux jours",
    "mon papa a mal au bras gauche depuis qu'il a porté des cartons",
    "ma mère a le côté gauche paralysé depuis son avc de deux mille quinze",
    "elle a de la fièvre et des bleus sur les genoux parce qu'elle est tombée en vélo",
    "mon ado a la nuque raide depuis qu'il a dormi sur le canapé",
    "je voudrais un rendez-vous pour la tache sur mon dos",
    "ma fille s'est brûlée avec le four c'est une petite brûlure",
    "il a un truc dans l'oeil",
    "mon mari ronfle et il fait des pauses la nuit je voudrais un rendez-vous pour le sommeil",
    "elle est tombée du lit hier elle va bien",
    "mon fils a trop mangé de bonbons",
    "il a trop bu hier soir il a mal à la tête",
    "je voudrais changer de médecin traitant",
    "ma femme est enceinte de cinq mois elle a des nausées",
    "je suis enceinte de sept mois j'ai des contractions de temps en temps",
    "mon frère s'est fait opérer hier on voudrait savoir quand il sort",
    "mon mari est hospitalisé en cardiologie je voudrais savoir comment il va",
    "je voudrais l'adresse du centre antipoison",
    "c'est pour la visite de ma mère en réanimation",
    "mon chien a mangé une pile",
    "le chat a bu de l'antigel",
    "la perruche respire plus",
    "mon cheval a été électrocuté par la clôture",
    "ça me fait mourir de rire",
    "il est mort de fatigue",
    "je suis morte de froid dans votre salle d'attente",
    "j'étouffe dans cette salle d'attente",
    "il y a du sang sur la compresse après la prise de sang c'est normal",
    "elle a du sang sur son pansement un petit peu",
    "il saigne des gencives un peu",
    "ici l'ehpad je voudrais renouveler les ordonnances des résidents",
    "bonjour c'est l'école pour un certificat de non contre-indication",
    "la pharmacie à l'appareil il manque la posologie sur l'ordonnance",
    "ma maman elle dort mal depuis des semaines",
    "mon mari est mort l'an dernier je voudrais fermer son dossier",
    "elle a voulu se faire tatouer",
    "le pépé il a perdu sa voix à force de chanter",
    "il a eu une attaque de panique hier soir",
    "elle dit qu'elle va mourir d'ennui",
    "mon fils a été renversé par la nouvelle",
    "il est coincé dans les bouchons il sera en retard",
    "elle a saigné un peu du nez ce matin",
    "ma soeur veut accoucher chez vous en mai",
    "il y a eu un accident sur la route je serai en retard au rendez-vous",
    "mon fils est tombé du lit il pleure un peu mais ça va",
    "elle a la voix enrouée depuis trois jours",
    "mon grand-père a du mal à marcher depuis des années",
    "elle a la langue blanche",
    "il a la gorge qui gratte",
    "je voudrais savoir si vous vaccinez contre la méningite",
]


def test_vomiting_without_stopping_is_not_vomiting_blood() -> None:
    """"sans" is a homophone of "sang", but "il vomit sans arrêt" is not blood (a v5 false alarm)."""
    assert level("il vomit sans arrêt depuis ce matin") is not Urgency.VITALE
    assert level("il vomit du sang") is Urgency.VITALE
    assert level("il vomit du sans") is Urgency.VITALE  # "sang" heard "sans"


def test_arrete_pas_de_is_not_a_negation() -> None:
    """"il arrête pas de convulser" says it goes on."""
    assert level("ma fille arrête pas de convulser") is Urgency.VITALE
    assert level("il arrête pas de cracher du sang") is Urgency.VITALE
    assert level("il ne crache pas de sang") is not Urgency.VITALE


def test_an_animal_named_earlier_in_the_sentence_is_still_the_subject() -> None:
    result = assess(normalize("mon chien s'est fait renverser par une voiture il saigne beaucoup"))
    assert result.level is Urgency.NORMALE
    assert {f.discounted for f in result.ignored} == {"context"}
    # a person named after the animal, or the animal as the agent, is about the person
    assert level("mon chien a mordu mon fils il saigne beaucoup") is Urgency.VITALE
    assert level("il a été mordu par le chien de la voisine il saigne beaucoup") is Urgency.VITALE


@pytest.mark.parametrize("text", [
    "ma fille a fait une convulsion avec la fièvre cette nuit les pompiers sont venus ça s'est arrêté et ce matin "
    "elle joue normalement",
    "il a fait une crise d'épilepsie ce matin le samu est passé il dort normalement",
    "mon fils a convulsé il y a une heure ça s'est arrêté tout seul il joue normalement",
])
def test_seizure_over_and_child_well_is_urgente(text: str) -> None:
    assert level(text) is Urgency.URGENTE, assess(normalize(text)).reasons


def test_a_seizure_that_stopped_and_starts_again_is_vitale() -> None:
    assert level("il a convulsé ça s'est arrêté et là ça recommence") is Urgency.VITALE


def test_a_past_event_happening_again_with_words_inside_the_phrase() -> None:
    text = "elle a déjà fait un avc il y a trois ans et là depuis dix minutes elle arrive de nouveau plus à parler"
    assert level(text) is Urgency.VITALE
    assert level("elle a fait un avc il y a trois ans elle arrive plus à parler depuis") is not Urgency.VITALE


def test_bleeding_after_an_operation_or_a_birth_is_not_long_standing() -> None:
    assert level("il saigne beaucoup depuis l'opération") is Urgency.VITALE
    assert level("je saigne beaucoup depuis l'accouchement hier") is Urgency.VITALE
    assert level("il est paralysé depuis son accident") is Urgency.NORMALE



def test_prefilter_gives_exactly_the_results_of_running_every_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """Skipping a rule whose words are absent must never change a result (it only saves time)."""
    from ari_triage.nlu import redflags

    texts = [*VITALE, *NOT_VITALE, *CALLERS_VITALE, *CALLERS_NOT_VITALE, "l'ambulance", "éavc", "C'EST UNE URGENCE"]
    with_prefilter = [assess(x) for t in texts for x in (normalize(t), t)]
    monkeypatch.setattr(redflags, "_RULE_HEADS", tuple(None for _ in redflags.RULES))
    assert [assess(x) for t in texts for x in (normalize(t), t)] == with_prefilter


def test_prefilter_reads_almost_every_rule() -> None:
    from ari_triage.nlu import redflags

    """If a new pattern cannot be read (an alternative made only of "\\w+"), its rule runs on every utterance."""
    assert sum(heads is not None for heads in redflags._RULE_HEADS) >= len(redflags.RULES) - 3
    # "(?:ne )?reagit plus": "reagit" starts a word in every match, whether "ne" is there or not
    assert redflags._word_heads(redflags._any(r"(?:ne )?reagit plus")) == {"reag"}


# "mal" or "douleur" dropped by the recogniser: the words around the lost key word still say it.
DROPPED_KEY_WORD_VITALE = [
    "ma mère a une douleur dans la poitrine depuis vingt minutes elle est en sueur",
    "j'ai dans la poitrine ça serre très fort",  # "mal" dropped by the recogniser
    "il a à la poitrine et ça descend dans le bras gauche",
    "mon mari est brûlé visage et au torse",
    "elle devient toute bleue comme si elle avait couru",  # a simile is not a condition
]
# Body words with nothing alarming about them.
CHEST_WORDS_WITHOUT_A_SIGN = [
    "j'ai un grain de beauté sur la poitrine",
    "je voudrais une radio de la poitrine",
    "j'ai un bouton à la poitrine qui gratte",
]


# What a closed-vocabulary recogniser does to a vitale sentence: a small word dropped or changed between the key
# words ("a"/"as"/"ah", "le"/"les"/"la", "de"/"deux"/"2", "il"/"y"/"i"/"ils", "est"/"et"/"ai"/"hait",
# "mal"/"male"/"malle"), the first word lost, a short key word ("mal", "douleur", "envie") dropped. Written apart
# from the corpus: a vitale sentence, then the change a recogniser makes.
NOISY_VITALE = {
    "douleur thoracique": [
        "un poids sur les coeur depuis une heure",  # "le" heard "les"
        "comme une pierre sur les poitrine",
        "ca me fait comme un etau sur le poitrine",
        "mon mari a une dans la poitrine qui serre",  # "douleur" dropped
        "il a des dans la poitrine depuis midi",
        "j ai une poitrine la ca serre depuis un quart d heure",
        "ma femme a thorax qui serre tres fort",
        "le coeur qui descend dans le bras gauche",  # "ça part du coeur et ça descend"
        "ca part de la poitrine et ca descend dans les bras",
        "elle a la poitrine et ca monte dans la machoire",
        "il a male a la poitrine",  # "mal" heard "male"
        "j ai malle dans la poitrine",
        "il ah mal a les poitrine",
        "mal dans le torse ca descend dans le bras gauche",
    ],
    "hemorragie": [
        "ca coule a flots de la jambe",
        "le sang coule ah flots",
        "sa main coule as flots",
        "ca saigne ah gros bouillons",
        "une plaie au bras qui ha gros bouillons",
        "la plaie pisse a gros bouillons",
        "la serviette est trempee de sans",  # "sang" heard "sans"
        "son pull est trempe 2 sang",
        "le torchon est trempe de sang elle est toute pale",
        "il saigne enormement 2 la tete",  # "de" heard "deux"
        "ca saigne beaucoup de partout il y en a plein le carrelage",
        "il perd beaucoup 2 sang",
    ],
    "noyade": [
        "mon fils a ete repeche au fond de la piscine",
        "on a repeche ma fille dans le bassin",
        "un enfant ete repeche dans la piscine il respire pas",
        "le petit etait au fond du bassin",
        "on a trouve le bebe au fond de la baignoire",
        "elle flottait dans la piscine",
        "il est tombe dans l etang et on vient de le sortir",
        "on l a sorti de la mer il est tout blanc",
    ],
    "urgence vitale": [
        "vitale mon pere",  # "urgence" lost with the first word
        "c est une vitale ma femme",
        "vitale vite venez",
        "urgence vital mon mari",
        "oui vitale c est mon bebe",
    ],
    "mort": [
        "je qu il est mort",  # "crois" dropped
        "je qu elle est morte",
        "je crois qu y est mort",
        "je crois qui et mort",
        "je pense qu il hait mort il bouge plus",
        "on dirait qu elle est morte",
    ],
    "accouchement": [
        "enceinte de 35 semaines les contractions sont toutes les de minutes j ai de pousser",
        "elle est enceinte elle a de pousser",  # "envie" dropped
        "ma femme elle a des contractions et elle a d pousser",
        "contractions toutes les 2 minutes et elle veut pousser",
        "les contractions sont toute les deux minutes",
        "les contractions tout les une minute",
        "j ai envie 2 pousser",
        "elle a besoin 2 pousser le bebe arrive",
    ],
    "medicaments d un autre": [
        "ma fille 3 ans ha avale plein de de mamie",  # "médicaments" dropped
        "mon fils a avale tous les de sa grand mere",
        "le petit a mange les de papi",
        "il a avale des de son pere",
        "ma fille de 2 ans as avale les cachets de mamie",
        "mon petit garcon a avale plein de comprimes 2 sa grand mere",
        "la petite a avale toutes les de la nounou",
        "mon fils a pris plein de de son grand pere",
    ],
    "non francophone": [
        "femme moi malade tomber parler",  # "pas" dropped
        "mari tomber parler",
        "mere tombe reveiller",
        "lui tomber respirer",
        "femme tomber bas parler",
    ],
    "respiration et conscience": [
        "il arrive bas as respirer",
        "y respire plus",
        "ils respire plus du tout",
        "i repond plus",
        "elle ah perdu connaissance",
        "mon pere hait par terre il bouge plus",
        "on arrive pas as le reveiller",
        "il ne reveille plus",
        "elle as la bouche 2 travers",
        "il a la bouche de travers depuis 10 minutes",
    ],
    "suicide": [
        "il veut se jeter sous le train",
        "je veux mettre fin ah mes jours",
        "elle a pris toute las boite de cachets",
        "je vais me tue ce soir",
    ],
    "autres": [
        "il a male a respirer",
        "il fait une crise 2 convulsions",
        "sa gorge gonfle et elle a male a respirer",
        "il est tout bleu y respire mal",
        "il a un coup 2 couteau dans le ventre",
        "il tremble 2 partout et il bave",
        "il est on train de mourir",
        "mon bebe a les levres bleus",
    ],
    "a key word dropped, its neighbours left": [
        "j ai une thorax la depuis 20 minutes ca serre",
        "comme un poids sur les coeur qui descend dans le bras",
        "le coule a flots torchon est trempe",
        "une plaie a la jambe qui saigne ah gros bouillons",
        "un enfant ete repeche au fond du bassin",
        "ma mere a une douleur dans la ca serre tres fort",  # "poitrine" dropped
        "j ai la qui serre et je transpire",
        "j ai mal et ca descend dans le bras gauche",
        "il respire presque pas",
        "elle a les yeux ouverts mais elle repond du tout",  # "plus" dropped
        "il est toujours dans leur vapes",
        "je crois qu il fait un a v sais",
        "ca saigne on arrive pas a arreter",
        "le sang on arrive plus a l arreter",
        "il crache du en grande quantite",
        "je veux fin a ma vie",
        "il parle de mettre fin ses jours",
        "je veux on finir",
        "je vais me jeter la fenetre",
        "il veut se sous un train",
        "je crois qu elle est en train mourir",
        "le petit a des baies dans le jardin il est tres somnolent",
        "il a mal au ventre le ventre est comme du bois",
        "je sens la tete de bebe",
        "elle voit plus 2 un oeil",  # "d'un" heard "deux un"
        "il parle bizarre 2 un coup",
        "ma copine s est ouvert veines",  # "les" dropped
        "il dit qu il va se couper veines",
        "elle a ecrit qu elle voulait disparaitre",
        "mon mari est en train de faire attaque",
        "je pense que mon pere fait un v c",  # "a" of "a v c" dropped
        "on arrive pas a leur reveiller",  # "le" heard "leur"
        "elle est epileptique elle fait une qui ne s arrete pas",
        "elle ouvre bas les yeux",
        "ma petite tombee dans piscine",
        "le voisin a ete blesse par balle",
        "mon pere y est par terre",  # "il" heard "y"
        "ils est par terre il bouge plus",
        "mon mari il et par terre",  # "est" heard "et"
        "ma voisine hait au sol",
    ],
    # "petit(e)" after a determiner and before a verb is the child, not a mild sign
    "le petit, la petite": [
        "le petit saigne beaucoup",
        "ma petite convulse",
        "la petite respire plus",
        "mon petit tombe de la fenetre du premier etage",
    ],
}


# Everyday, negated, past, hypothetical and animal sentences near the widened patterns: never vitale.
NOISY_NOT_VITALE = [
    "je voudrais mettre a jour ma vitale",
    "j ai perdu ma vitale",
    "ma vitale ne marche plus",
    "votre vitale est perimee",
    "la vitale de mon fils est a quel nom",
    "vitale et mutuelle c est pour le remboursement",
    "il faut une attestation de vitale",
    "c est vital pour moi d avoir ce rendez vous",
    "je voudrais un rendez vous pour mon coeur",
    "mon pere a eu un poids sur le coeur l an dernier je voudrais son dossier",
    "j ai un bouton sur la poitrine",
    "j ai une radio du thorax a faire",
    "ma mere a mal au bras gauche depuis trois semaines",
    "le coeur de la ville descend vers la gare",
    "ca coule de la ruche au fond du jardin",
    "la fontaine coule a flots",
    "le vin coulait a flots au mariage",
    "il faut faire bouillir l eau a gros bouillons",
    "la serviette est trempee apres la douche",
    "mon tee shirt est trempe de sueur",
    "mon fils a ete repeche au bac",
    "il a ete repeche au concours",
    "j ai perdu mes lunettes au fond de la piscine",
    "les cles sont au fond du sac",
    "la douleur est au fond de la gorge",
    "mon chien etait au fond du bassin",
    "mon chat est tombe dans la piscine",
    "on va a la piscine demain",
    "je crois qu il est parti",
    "je crois qu il est mort de rire",
    "mon chien est mort je voudrais un certificat",
    "mon pere est mort il y a deux ans je voudrais son dossier",
    "je crois qu il est moins cher ailleurs",
    "je pense qu elle est sortie",
    "je suis enceinte de 20 semaines je voudrais un rendez vous",
    "elle a de la fievre depuis deux jours",
    "elle est enceinte elle a de la fievre",
    "les contractions sont toutes les 10 minutes",
    "je prends mes cachets toutes les deux heures",
    "il faut pousser la porte du cabinet",
    "je suis enceinte et je voudrais savoir si je peux pousser mon rendez vous",
    "enceinte de 5 mois elle a envie de fraises",
    "ma fille a mange les gateaux de mamie",
    "mon fils a pris les cles de son pere",
    "il a pris les lunettes de sa grand mere",
    "ma fille de 3 ans a mange les bonbons de la voisine",
    "le chien a avale les chaussettes de papi",
    "mon fils a avale un pepin de pomme",
    "femme moi malade parler docteur",
    "moi malade vouloir parler medecin",
    "je suis tombe malade je voudrais parler au docteur",
    "je suis tombee hier j ai mal au genou",
    "il arrive pas a respirer par le nez quand il a un rhume depuis une semaine",
    "mon chien respire plus",
    "il a pas mal a la poitrine",
    "il n a pas de douleur dans la poitrine",
    "il avait une douleur a la poitrine l an dernier",
    "que faire en cas de douleur dans la poitrine",
    "il est mal garé devant le cabinet",
    "la malle est trop lourde",
    "j ai une malle a la cave",
    "il a une tache de sang sur sa chemise il s est coupe en se rasant",
    "ma fille a eu 2 contractions hier soir c est normal",
    "il a mis un poids sur la balance",
    "l ordonnance pour mon coeur est perimee",
    "vitale",  # "carte vitale" with its first word lost is as likely as "urgence vitale": left to the model
    "j ai trouve une vitale dans le bus",
    "vitale je sais pas ou je l ai mise",
    "j ai mal au dos et ca descend dans la jambe",
    "la douleur part du genou et descend dans le mollet",
    "je vais jeter mes vieux medicaments a la pharmacie",
    "il faut jeter les poubelles par la fenetre du local",
    "les baies de goji c est bon pour la sante",
    "j ai des baies de goji dans mon placard",
    "je voudrais poser la fin de mes jours de conges",
    "il repond du tac au tac",
    "il crache un peu quand il tousse depuis hier",
    "on arrive pas a arreter de fumer",
    "il a un ventre en bois sur la photo",
    "je voudrais disparaitre de vos fichiers",
    "je veux disparaitre de la liste d attente",
    "j ai une petite douleur dans la poitrine quand je tousse",
    "la petite douleur dans la poitrine quand j appuie",
    "le petit bouton sur la joue saigne un peu",
    "ma petite fille est tombee hier elle va bien",
    "il est tombe par terre hier il a mal au genou",
    "les jouets sont par terre",
    "mon pere et moi on voudrait un rendez vous",
    "le chien est par terre il bouge plus",
]


# Negated, past, hypothetical, not-a-patient and everyday sentences near the families in callers' words.
FAMILIES_NOT_VITALE = [
    "il n'a pas bu de javel",
    "il n'a pas la nuque raide",
    "ma mère n'a pas la bouche qui tombe",
    "je voudrais savoir quoi faire si mon fils avale une pile",
    "que faire si mon enfant avale une pastille de lave-vaisselle",
    "comment reconnaître une embolie pulmonaire",
    "le petit a avalé une pile bouton l'année dernière on voudrait le compte rendu",
    "il a avalé une pile il y a deux ans je voudrais son dossier",
    "ma mère a fait une embolie pulmonaire l'an dernier je voudrais son dossier",
    "il y a trois ans j'ai perdu la vue d'un œil je voudrais un certificat",
    "je voudrais un rendez-vous pour le suivi de ma phlébite",
    "il a eu une méningite quand il était petit",
    "il avait le mollet gonflé et il était essoufflé la semaine dernière mais le médecin l'a vu",
    # not about a patient, idioms, ordinary words
    "mon chien a bu de la javel",
    "ma chienne a avalé une pile bouton",
    "mon chat s'étouffe avec ses poils",
    "j'ai failli faire une crise cardiaque en voyant la facture",
    "la série s'appelle urgences vitales",
    "je cherche une pile bouton pour mon appareil auditif",
    "j'ai pris tous mes médicaments ce matin comme d'habitude",
    "mon fils a pris son doliprane ce matin",
    "je voudrais une ordonnance pour son stylo d'adrénaline",
    "je vais sauter le repas avant la prise de sang",
    "le bébé arrive dans deux mois je voudrais un rendez-vous",
    "le bébé arrive quand",
    "mon bébé arrive pas à dormir",
    "mon bébé a un bleu sur le front",
    "il a le doigt tout bleu après la porte",
    "mon fils s'est fait un hématome tout violet",
    "ma mère ne peut plus lever le bras depuis sa chute sur l'épaule",
    "vous dites n'importe quoi",
    "vite s'il vous plaît j'ai besoin de mon ordonnance pour mon fils",
    "c'est une urgence il me faut mon certificat",
    "je voudrais savoir si c'est grave mon fils a le hoquet",
    "je suis enceinte de neuf mois et j'ai perdu les eaux",  # at term: urgente (rule 6)
    "je suis enceinte et je saigne un peu",
    "on a mangé des champignons ce midi c'était très bon",
    "le pont est fermé pour venir chez vous",
    "ma fille a fait un malaise vagal à la prise de sang elle va bien",
    "est-ce que vous faites le pont le vendredi",
    "je voudrais jeter un œil à mes résultats",
    "je me suis coincé le dos en jardinant",
    "mon fils a un rhume il a le nez bouché et il respire fort la nuit",
    "vite un rendez-vous s'il vous plaît",
    "vous pouvez venir vite chercher le dossier",
    "mon bébé arrive à se retourner tout seul",
    "le bébé pousse bien il a pris du poids",
    "elle penche la tête d'un côté quand elle dort",
    "je ne comprends rien à ce qu'il dit le médecin",
    "j'ai mangé des champignons de paris",
    "la balance de ma mère n'a plus de pile",
    "le bébé a avalé de travers en buvant son biberon mais ça va",
    "il a la moitié du visage paralysée depuis sa paralysie faciale de l'an dernier",
    "est-ce que je peux prendre mes médicaments avec du vin",
    "cette attente va me tuer",
    "on a failli mourir de rire",
    "il a sauté de joie",
    "mon fils est tombé par terre en jouant au foot il a mal au genou",
    "j'ai eu un accident de voiture il y a un mois je voudrais le constat",
    "ma mère ne peut plus sourire depuis sa paralysie faciale il y a deux ans",
]


# Round 8 (rules version 8): families found missing, in callers' words, each with its near misses below.
ROUND_8_VITALE = {
    "bare call for help (rule 4)": [
        "aidez-moi s'il vous plaît c'est très grave",
        "oui allô aidez-nous vite",
        "je vous en prie aidez-nous",
        "au secours aidez-moi mon mari",
        "allô vite vite s'il vous plaît",
    ],
    "stroke: the arm and the leg of one side": [
        "mon père a plus de force dans le bras et la jambe droite d'un coup",
        "ma mère a le bras et la jambe gauche tout engourdis",
        "je sens plus mon bras et ma jambe droite",
        "elle a la jambe et le bras droit qui bougent plus",
    ],
    "serious burn: both limbs, deep skin": [
        "mon fils s'est brûlé les deux jambes avec l'eau bouillante",
        "elle a les deux mains brûlées par l'huile de la friteuse",
        "il s'est brûlé avec le barbecue la peau est toute blanche",
        "brûlé au troisième degré sur la main",
        "il s'est brûlé le bras la peau est noire",
    ],
    "seizure going on": [
        "ma fille fait une crise elle est toute raide",
        "il est tout raide et il tremble et ça dure",
        "mon fils fait une crise ça dure depuis tout à l'heure",
        "elle a piqué une crise elle est toute crispée les yeux révulsés",
    ],
    "heavy bleeding: without stopping, pale": [
        "il saigne sans arrêt du nez il est tout pâle",
        "ça coule sans cesse à flots",
        "elle perd du sang elle est toute blanche",
        "il saigne cent arrêt",  # "sans" heard "cent"
        "ma femme saigne de la tête sans arrêt depuis qu'elle est tombée",
        "ça gicle partout",
        "le sang m'a giclé au visage quand il s'est coupé",
        "il s'est coupé avec la tronçonneuse",
    ],
    "waters breaking long before term, heard wrong": [
        "je suis enceinte de six mois j'ai perdu les os",  # "les eaux" heard "les os"
        "enceinte de trente semaines la poche des os s'est rompue",
        "je perds les os et je suis qu'à sept mois de grossesse",
    ],
    "household poison, heard wrong": [
        "ma fille a bu de la java",  # "javel" heard "java"
        "il a avalé de l'eau de java",
        "le petit a léché la bouteille de java",
    ],
    "a child and the caller's medicines (rule 14)": [
        "mon fils de deux ans a avalé mes comprimés",
        "le petit a mangé un de mes cachets",
        "ma fille a croqué mes gélules",
        "mon garçon a pris mes somnifères",
        "la petite a mis mes pilules dans sa bouche",
    ],
    "still vitale near the new discounts": [
        "mon bébé s'étouffe",
        "je suis en attente et mon père s'étouffe",
        "je crois qu'il fait un arrêt",
        "envoyez une ambulance",
        "il faut une ambulance vite",
        "mon fils fait une overdose",
        "je crois qu'elle a fait une overdose elle répond plus",
        "il veut se tuer il a tout prévu",
        "il a fait un AVC il y a deux ans et là il a encore la bouche de travers",
    ],
}

# ... and their near misses: perceived urgency, sick notes, booked transport, history, idioms, no plan, stitches.
ROUND_8_NOT_VITALE = [
    "vite vite je veux annuler mon rendez-vous",
    "vite vite il me faut une ordonnance pour ma pilule",
    "vite vite envoyez-moi la facture",
    "vite vite je dois déplacer ma consultation",
    "je voudrais reporter le rendez-vous de cardiologie pour l'infarctus de mon père",
    "le compte rendu de l'AVC de ma mère",
    "mon mari est encore hospitalisé pour son AVC du mois dernier je voudrais des nouvelles",
    "il a eu un infarctus l'année dernière il est encore suivi en cardio",
    "ma mère a fait un AVC la semaine dernière elle est encore en neurologie",
    "le médecin m'a fait un arrêt de dix jours",
    "mon médecin m'a fait un arrêt il faut que je l'envoie à la sécu",
    "est-ce que le docteur peut me faire un arrêt",
    "la remplaçante lui a fait un arrêt mais son patron le conteste",
    "l'ambulance privée vient chercher ma mère à huit heures",
    "il faut réserver l'ambulance pour la dialyse de demain",
    "j'ai reçu la facture de l'ambulance",
    "du shampoing m'a giclé dans l'œil",
    "de l'huile m'a giclé sur la main",
    "du produit vaisselle a giclé dans les yeux du petit",
    "elle a envie de disparaître mais elle dit qu'elle a aucun projet",
    "il dit qu'il veut mourir mais qu'il passera pas à l'acte il a pas de plan",
    "il a fait une convulsion fébrile quand il était petit",
    "elle a fait des convulsions quand elle avait deux ans est-ce qu'elle peut aller à la piscine",
    "mon fils a fait une crise d'épilepsie quand il était bébé je voudrais son carnet",
    "il s'est coupé avec la scie circulaire c'est superficiel",
    "coupure avec la disqueuse il faudra des points de suture",
    "il s'est entaillé la main à la débroussailleuse faudrait le recoudre",
    "on étouffe dans votre salle d'attente",
    "votre standard j'étouffe",
    "avec votre répondeur on étouffe",
    "il a des crises d'angoisse il tremble et ça dure",
    "il fait une crise de colère il est tout raide",
    "ma fille a pris mes médicaments à la pharmacie",
    "mon fils a pris ses médicaments",
    "j'ai des brûlures d'estomac",
    "je programme en java",
    "j'ai perdu les os de poulet",
    "j'ai fait une overdose de chocolat à noël",
    "après son overdose l'an dernier il est suivi en addictologie je voudrais un rendez-vous",
]


# Round 9: families the new corpus lines showed missing, said the way callers say them.
ROUND_9_VITALE = {
    "a bare call for help naming the place or asking for a person (rule 4)": [
        "allô le cabinet c'est une urgence",
        "bonjour le dispensaire c'est une urgence s'il vous plaît",
        "c'est une urgence passez-moi le docteur",
        "urgence passez-moi quelqu'un vite",
    ],
    "carbon monoxide: a heater, gas, and the household sleepy or with a headache": [
        "on a un vieux poêle à charbon et mon mari et moi on a tous les deux mal à la tête",
        "ça sent le gaz dans la maison et ma mère s'est évanouie",
        "il y a une odeur de gaz et les enfants s'endorment sur le canapé",
        "mon fils et moi on a mal au crâne et envie de dormir on a une chaudière qui fait du bruit",
    ],
    "chest tightness with the heart word, heard wrong (rule 13)": [
        "j'ai le cœur qui sert depuis tout à l'heure",
        "mon père a le cœur qui lui sert très fort",
        "j'ai mal au cœur pas la nausée non ça me serre dans la poitrine",
        "il a mal au cœur et ça lui écrase",
        "le cœur serré comme un étau depuis vingt minutes",
    ],
    "no pulse": [
        "je trouve plus son pouls",
        "il a plus de pouls",
        "on sent pas le pouls du petit",
        "mon mari n'a aucun pouls il est tout gris",
    ],
    "palpitations and about to faint": [
        "mon cœur s'emballe je vais tomber",
        "j'ai des palpitations et je vois tout noir",
        "je vois noir et j'ai le cœur qui bat trop vite",
    ],
    "someone thought dead who breathes": [
        "on a trouvé le corps mais il respire encore",
        "la défunte bouge encore un peu",
        "le monsieur qu'on croyait décédé est vivant",
    ],
    "waters breaking long before term, said loosely": [
        "la poche est percée je suis à six mois de grossesse",
        "j'ai la poche qui s'est rompue et je suis enceinte que de sept mois",
        "ma femme est enceinte seulement de cinq mois et elle a perdu les eaux",
    ],
    "cut wrists, in every tense": [
        "mon fils s'est ouvert les veines",
        "elle s'est tailladé les poignets",
        "il s'est entaillé le poignet exprès",
        "elle s'est scarifiée profond",
        "ça pisse le sang de son bras",
        "il y a du sang partout dans la salle de bain",
    ],
    "others' medicines swallowed, in slang": [
        "ma fille a bouffé les cachets de son grand-père",
        "le petit a gobé des comprimés de sa mamie",
        "il a bouffé des médicaments de sa mère",
    ],
    "pills and alcohol to not wake up": [
        "il a mélangé de la vodka et des somnifères",
        "elle a mélangé ses cachets avec du whisky",
        "il a pris des calmants pour ne plus se réveiller",
    ],
    "fever and a neck that will not move": [
        "ma fille a 40 de fièvre elle peut plus tourner le cou",
        "il peut pas bouger la nuque et il a de la fièvre",
    ],
    "stab wounds in slang, falls through a window": [
        "mon frère s'est fait planter à la sortie du bar",
        "il vient de se faire planter",
        "la petite est tombée par la fenêtre du troisième",
        "un homme est passé par la fenêtre de l'immeuble",
    ],
    "a large burn": [
        "il s'est renversé l'eau bouillante sur le ventre et les cuisses",
        "la friteuse lui est tombée sur le bras et sur le dos",
        "c'est une brûlure énorme sur tout le côté",
        "la peau s'en va en lambeaux",
    ],
    "vomiting coffee grounds": [
        "il vomit comme du marc de café",
        "elle vomit du noir et elle est toute pâle",
    ],
    "speech gone all of a sudden, heard wrong": [
        "mon père comprend plus rien d'un coup",
        "d'un coup elle dit des mots qui veulent rien dire",
        "ma mère d'un cou elle parle bizarre",
    ],
    "a birth now, the baby not crying": [
        "la tête du bébé est en train de sortir",
        "ma femme accouche à domicile",
        "le bébé est né tout seul aux toilettes il respire pas",
        "elle vient d'accoucher dans la voiture le bébé crie pas",
    ],
    "not coming round after a seizure; choking said with ni": [
        "elle convulse depuis un moment et elle reprend pas ses esprits",
        "il reprend pas conscience",
        "elle peut plus ni respirer ni parler",
    ],
}

# ... and their near misses: history, idioms, institutions calling, advice already given, a dosing slip, fear.
ROUND_9_NOT_VITALE = [
    "je voudrais parler au cabinet pour un rendez-vous",
    "le poêle à bois fume un peu est-ce que vous avez le numéro d'un ramoneur",
    "ça sert à quoi ce médicament pour le cœur",
    "mon cœur ça me sert à rien de vous appeler",
    "ma montre ne trouve plus mon pouls",
    "il est mort il y a deux ans je voudrais son dossier",
    "ma poche de stomie est percée",
    "j'ai une poche de stomie et je suis enceinte de cinq mois",
    "il prend un somnifère pour pas se réveiller la nuit",
    "est-ce qu'on peut mélanger de l'alcool et des médicaments",
    "je me suis fait planter par mon rencard",
    "j'ai un torticolis je peux plus tourner le cou",
    "je me suis brûlée avec la casserole sur la main",
    "mon fils de deux ans dit des mots qui existent pas c'est normal",
    "je comprends plus rien d'un coup à votre menu",
    "la maman a accouché chez nous la semaine dernière elle veut reporter sa visite",
    "ma femme a accouché à la maison il y a un mois je voudrais un rendez-vous pour le bébé",
    "l'assurance demande un rapport médical après son accident de voiture",
    "le certificat pour mon accident de la route de l'an dernier",
    "il s'est cogné la tête il a vomi une fois mais il est bien réveillé et il joue",
    "elle a fait une crise d'épilepsie ce matin les pompiers sont venus elle est repartie bien",
    "c'est à l'aide sociale que je dois envoyer le dossier",
    "ma patiente a l'aide médicale d'état",
    "caserne des pompiers on voudrait un rendez-vous pour nos visites d'aptitude",
    "c'est le samu social pour un premier rendez-vous",
    "le samu m'a conseillé de prendre rendez-vous avec le médecin traitant",
    "vous allez me faire faire un infarctus avec votre musique",
    "vos délais vont me donner une attaque",
    "c'est la crise cardiaque pour avoir un rendez-vous",
    "j'ai mal dans la poitrine depuis ce matin c'est sûrement un muscle j'ai porté des cartons",
    "elle fait une crise d'angoisse elle dit qu'elle va mourir",
    "je fais une crise de panique j'ai l'impression que je vais mourir",
    "j'ai donné deux doses de sirop au petit par erreur il va bien",
    "mon père a fait un AVC il y a trois ans il peut manger du pamplemousse avec son traitement",
    "il doit boire le produit la veille de la coloscopie",
]


# Round 10: what a recogniser does to small words (drops them, writes a homophone): the rules put them back.
ROUND_10_VITALE = {
    "au secours with au lost or heard": ["secours vite mon mari", "eau secours", "ou secours aidez moi"],
    "s'il vous plait misheard": ["ils vous plait aidez moi c est mon fils", "aidez moi s vu plait"],
    "c'est une urgence misheard": ["c une urgence", "est une urgence", "c ai une urgence",
                                   "ces est mon bebe vite au secours"],
    "est heard es or ai": ["son coeur s es arrete", "le cordon es sorti avant le bebe"],
    "de heard 2 or deux": ["elle a arrete 2 respirer et elle est bleue", "il est tombe deux l echelle il bouge plus",
                           "il a reçu un coud deux couteau dans le dos"],
    "de dropped": ["mon fils a arrete respirer il est tout mou", "il a pris un coup couteau au ventre"],
    "plus or pas dropped after ne": ["mon pere ne se reveille ce matin", "il ne reprend connaissance",
                                     "elle a le bras et la jambe qui nez bougent"],
    "pas heard bas": ["il ne reprend bas connaissance"],
    "wrong article": ["ca pisse les sang de sa main", "elle s est ouvert leur veines",
                      "mon voisin il sent plus jambes depuis sa chute"],
    "father heard pers": ["mon pers a fait un malaise il ne respire"],
    "waters with small words lost": ["ma femme paire les os elle est enceinte de 6 mois",
                                     "je perds les eaux je suis a 5 mois", "enceinte de 6 et la poche eaux est percee"],
    "blood heard cent": ["il vomit cent", "il y a une mare de cent par terre"],
    "en l air with en lost": ["il va se foutre l air ce soir"],
    "heart stops, possessive lost": ["coeur s est arrete", "son coeur s arrete"],
    "worst headache": ["le pire mal de tete 2 ma vie d un coup"],
    "qu'il heard queue": ["je crois queue y est mort"],
}
ROUND_10_NOT_VITALE = [
    "le secours populaire donne des colis",
    "j ai appele les secours hier pour mon voisin il va bien",
    "si ca vous plait pas on peut changer le rendez vous",
    "c etait pour un rendez vous",
    "tu es ou",
    "il est tombe deux fois cette semaine mais il va bien",
    "le produit il faut l arreter 2 jours avant",
    "personne ne repond au secretariat",
    "il ne respire que par la bouche quand il est enrhume",
    "il ne bouge que la main gauche depuis son avc d il y a deux ans",
    "mon pere ne sait que dire au medecin",
    "il a vomi 100 fois il y a deux jours ca va mieux",
    "je suis enceinte de 6 ans de mariage non je plaisante enceinte de 8 mois rendez vous",
    "la paire de lunettes de mon pere est cassee",
    "le coeur de la ville est bouche",
]


# Round 11: farm accidents, heatstroke, insulin mistakes, means at hand with dark thoughts, two stroke signs together,
# fever said as a number, "sans connaissance" heard "sang"; and idioms, finished episodes, questions about a risk.
ROUND_11_VITALE = {
    "heatstroke": ["avec la canicule mon grand-père dit n'importe quoi il est tout rouge",
                   "il a travaillé en plein soleil avec la chaleur il est confus",
                   "elle délire depuis une heure avec cette chaleur"],
    "farm trauma": ["le taureau l'a encorné à la cuisse", "il s'est fait piétiner par la vache",
                    "il s'est ouvert le ventre avec la faux il a le ventre ouvert"],
    "pit or tank": ["il est descendu dans la cuve il s'est évanoui",
                    "mon collègue est tombé dans la fosse il respire mal",
                    "il est au fond du silo il a fait un malaise on peut pas le sortir"],
    "sans connaissance misheard": ["ma femme est sang connaissance", "le monsieur est cent connaissance par terre"],
    "anaphylaxis face size": ["piquée par une guêpe elle a la langue énorme",
                              "il est allergique aux cacahuètes il a le visage tout gros"],
    "dark thoughts and a means": ["ma fille a des idées noires elle a une corde dans sa chambre",
                                  "il est dépressif il s'est enfermé avec un fusil",
                                  "elle m'a dit au revoir comme si c'était la dernière fois"],
    "head blow and drowsy": ["il s'est cogné la tête contre l'armoire il a envie de dormir",
                             "je suis tombé sur la tête je vomis"],
    "insulin mistake": ["je suis diabétique j'ai pris deux fois mon insuline le soir je transpire je tremble",
                        "mon mari a fait trop d'insuline il transpire il est confus"],
    "fever with chemotherapy and a collapse": ["sous chimio il a de la fièvre et il est tombé dans le couloir",
                                               "ma femme en chimiothérapie a de la fièvre elle fait un malaise"],
    "pale and sweating": ["je transpire je suis blanc j'ai mal au ventre"],
    "birth now": ["vite ma femme va accoucher là", "elle va accoucher là tout de suite"],
    "worst headache": ["mal à la tête d'un seul coup très fort",
                       "elle a mal à la tête c'est la pire douleur qu'elle ait eue"],
    "two stroke signs": ["la jambe toute engourdie et la bouche qui tombe", "sa bouche qui tire et le bras engourdi",
                         "la jambe et le bras droit qui lâchent"],
    "fever as a number and stiff neck": ["mon fils a 40 il a la nuque raide",
                                         "elle a la nuque bloquée et la lumière lui fait mal"],
}
ROUND_11_NOT_VITALE = [
    "je vends des calendriers pour les pompiers", "c'est la quête pour le bal des pompiers",
    "ma fille va accoucher la semaine prochaine où faut-il se garer", "ma soeur va accoucher la fin du mois",
    "mon fils diabétique vomit depuis ce matin", "je suis diabétique j'ai vomi une fois",
    "je me suis tranché le bout du doigt en coupant le pain",
    "il s'est tranché le doigt avec le cutter ça saigne un peu",
    "je me suis brûlé le doigt sur la plaque c'est tout blanc", "brûlure au poignet c'est blanc avec une cloque",
    "je fais une attaque de panique je respire vite", "elle fait une attaque d'angoisse",
    "il a perdu connaissance deux secondes il est revenu tout de suite il discute",
    "ma fille a fait une crise convulsive le samu l'a examinée et l'a laissée à la maison",
    "est-ce que la pilule peut donner une embolie", "est-ce qu'on risque une overdose avec deux dolipranes",
    "mon mari ronfle et il arrête de respirer quelques secondes",
    "mon ancien AVC date de dix ans je voudrais un certificat",
    "son ancien infarctus ne l'empêche pas de faire du sport",
    "avec la chaleur je transpire beaucoup", "le taureau est dans le pré", "la fosse septique déborde",
    "il a des idées noires mais il a pas de plan", "il a un couteau suisse dans sa poche",
    "j'ai 39 de fièvre et mal à la gorge", "je prends de l'insuline je voudrais une ordonnance",
]


# Round 12: callers who stammer or repeat a word, a food allergen and a throat that cannot swallow, eyes rolling
# in a seizure, awake but not well after an alarming episode; and relatives already in a hospital ward, an accident
# with rehabilitation still going on, complaints about care already given.
ROUND_12_VITALE = {
    "repeated words": ["je je veux me me tuer", "il il respire respire plus", "elle saigne saigne beaucoup",
                       "mon mari il a a mal mal à la poitrine", "je vais vais en en finir ce soir",
                       "elle perd perd beaucoup de de sang"],
    "allergen and cannot swallow": ["il a mangé une noisette il est allergique il arrive plus à avaler",
                                    "elle a mangé des crevettes elle peut plus avaler sa salive",
                                    "mon fils allergique aux arachides j'ai l'impression qu'il peut pas déglutir",
                                    "après l'antibiotique elle arrive pas du tout à avaler"],
    "eyes rolling in a seizure": ["ma fille a les yeux qui roulent et elle tremble",
                                  "il a les yeux qui se révulsent il est tout raide et il tremble",
                                  "le bébé tremble et ses yeux tournent",
                                  "elle gigote de partout et les yeux partent en arrière"],
    "in a ward and a complaint, but a sign now": [
        "mon père est en cardiologie c'est scandaleux là il ne respire plus",
        "elle est hospitalisée c'est une honte elle saigne beaucoup maintenant"],
    "awake but not well": ["il s'est électrisé il est réveillé mais il est pas normal",
                           "il est tombé dans la piscine on l'a sorti il est réveillé mais il est tout bizarre",
                           "mon fils a pris le courant il s'est réveillé mais il dit n'importe quoi",
                           "il a fait une crise ça s'est arrêté mais il est tout gris"],
}
ROUND_12_NOT_VITALE = [
    # a stammer read once changes nothing for an ordinary call
    "je je voudrais un un rendez-vous", "nous nous sommes trompés de jour", "vous vous rendez compte du délai",
    "ça ça fait mal mal au genou depuis une semaine", "vite vite annulez mon rendez-vous",
    # a food and swallowing without an allergy or a reaction
    "j'ai une angine j'arrive plus à avaler", "il arrive pas à avaler ses comprimés ils sont trop gros",
    "mon fils refuse de manger les noisettes il les avale pas",
    # eyes rolling as an idiom, trembling without a seizure
    "il roule des yeux quand je lui parle", "elle lève les yeux au ciel", "ma fille a les yeux qui roulent au ciel",
    "je tremble de froid", "il tremble de peur avant son examen",
    # awake and well
    "il s'est électrisé avec la prise il est réveillé il va bien il joue",
    "elle a fait un malaise elle est revenue à elle tout de suite elle discute",
    # already in a ward: news, which unit, a complaint about the care
    "mon père est aux soins intensifs pour un infarctus il est à quel étage",
    "ma femme est en neurologie pour un AVC quel service exactement",
    "on m'a dit que son malaise avec la douleur dans la poitrine c'était rien il est en réanimation c'est scandaleux",
    "je veux porter plainte l'infarctus de mon mari a été raté il est en cardiologie depuis",
    # an old accident, rehabilitation still going on
    "il a eu un accident de moto l'an dernier il est encore en rééducation",
    "accident de voiture le mois dernier il est encore en arrêt de travail je voudrais un certificat",
    "elle a eu un AVC il y a deux mois elle est encore en centre de rééducation",
]


# Sentences written apart from the corpus, in rounds (families in callers' words, widened families, small
# recognition errors), each with its near misses: every one must fire, or must not.
CALLERS_VITALE = [*(t for families in (VITALE_FAMILIES, VITALE_WIDENED, NOISY_VITALE, ROUND_8_VITALE,
                                     ROUND_9_VITALE, ROUND_10_VITALE, ROUND_11_VITALE,
                                     ROUND_12_VITALE)
                    for family in families.values() for t in family), *DROPPED_KEY_WORD_VITALE]
CALLERS_NOT_VITALE = [*FAMILIES_NOT_VITALE, *NOT_VITALE_WIDENED, *NOISY_NOT_VITALE, *CHEST_WORDS_WITHOUT_A_SIGN,
                      *ROUND_8_NOT_VITALE, *ROUND_9_NOT_VITALE, *ROUND_10_NOT_VITALE,
                      *ROUND_11_NOT_VITALE, *ROUND_12_NOT_VITALE]


@pytest.mark.parametrize("text", CALLERS_VITALE)
def test_every_vitale_family_fires_in_callers_words(text: str) -> None:
    assert level(text) is Urgency.VITALE, assess(normalize(text)).reasons


@pytest.mark.parametrize("text", [*NOT_VITALE, *CALLERS_NOT_VITALE])
def test_not_vitale(text: str) -> None:
    assert level(text) is not Urgency.VITALE, assess(normalize(text)).reasons
