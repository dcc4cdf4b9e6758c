"""French red-flag layer: the safety net that can only raise urgency.

A statistical model trained on a few thousand sentences will, one day, miss "ma femme elle est toute
bleue". These rules look for the phrases that describe a possible threat to life (chest pain, not
breathing, choking, unconscious or collapsed, shock, stroke signs, heavy bleeding, suicidal intent or an attempt
in progress, poisoning by medicines or household products, button batteries, anaphylaxis, seizures, blue or limp
infant, fever with a stiff neck or purple spots, pulmonary embolism, severe trauma, head injury with drowsiness,
burns, electrocution, drowning, a birth happening now, bleeding and severe pain in pregnancy, calls for help) and
for signs that need a doctor today. They describe the situation in the words callers use (with the small words a
recogniser drops), not one sentence of the corpus. Each hit says which phrase
triggered it, so the agent who picks up knows why the call jumped the queue.

Some mentions do not count, because callers say them all the time:

- negation just before the phrase: "il n'a pas de douleur à la poitrine", "pas de fièvre";
- the past, when the sentence places it clearly in the past with no sign it is happening again:
  "il a fait un AVC il y a deux ans", "j'ai eu une crise cardiaque l'an dernier, je voudrais mon dossier";
- a long-standing condition: "paralysé depuis dix ans", "hémiplégique depuis son AVC";
- an event named as a follow-up topic: "le compte rendu de son infarctus", "rééducation après son AVC";
- a question about a hypothetical: "que faire en cas de convulsions";
- a context that is not about a patient: "le cabinet ne répond pas", "une facture pour l'ambulance", an animal
  ("mon chien s'étouffe"), a title ("le film s'appelle urgences vitales"), or something in the sentence that
  explains the sign ("tombée sur l'épaule, elle ne peut plus lever le bras");
- a relative already in a hospital ward, when the caller asks for news or which unit, or complains about the care
  that brought them there ("c'était un infarctus, il est en cardiologie maintenant, je veux que ça se sache").

Others are lowered from vitale to urgente: a recent past ("hier"), days or weeks ("depuis trois semaines"),
a mild or finished episode ("une petite douleur quand je tousse", "il a repris connaissance, il va bien"),
a symptom that is the topic of a request ("le rendez-vous que j'avais pris pour mes douleurs"), dark thoughts said
to have no plan ("il a envie de disparaître mais il a pas de plan"). A severe word
("atroce", "horrible") cancels "mild": "une douleur atroce dans la poitrine quand je respire" stays vitale.

A caller who stammers ("envie de de mourir") gets a second look with each repeated word read once.
An alarming episode said to be over does not lower the level when the person is not well now ("il est réveillé
mais il est tout bizarre").

When in doubt the rule fires: a false alarm costs an agent a minute, a miss can cost a life. Who the
phrase is about does not matter ("ma mère a mal à la poitrine" counts).

Input is text already passed through :func:`ari_triage.nlu.normalize.normalize` (no accents, no
apostrophes, single spaces, numbers as digits).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from ari_triage.nlu.result import Urgency

try:  # the standard library's own reader of patterns, for the prefilter (without it every rule just runs)
    import re._parser as _sre_parser
except ImportError:  # pragma: no cover - Python versions that moved it
    _sre_parser = None

# Bump when the rules change in a way that changes results (recorded in the model metadata).
RULES_VERSION = 12


class Kind(StrEnum):
    SYMPTOM = "symptom"  # something the caller observes now: "ne respire plus", "bouche de travers"
    EVENT = "event"  # a named event that is also a medical history item: "avc", "infarctus"


@dataclass(frozen=True)
class Rule:
    category: str
    level: Urgency
    pattern: re.Pattern[str]
    kind: Kind = Kind.SYMPTOM
    # The hit does not count when the few words before it / after it match (e.g. "le cabinet ne répond pas").
    not_before: re.Pattern[str] | None = None
    not_after: re.Pattern[str] | None = None
    before_words: int = 3  # how many words before the hit ``not_before`` reads
    # The hit does not count when the whole sentence matches (e.g. a shoulder injury explains "can't lift the arm").
    not_with: re.Pattern[str] | None = None


@dataclass(frozen=True)
class RedFlag:
    """A phrase that raised (or would have raised) the urgency."""

    phrase: str
    category: str
    level: Urgency
    # Why the phrase did not count at its full level: "" (it counted); ignored: "negated", "past", "chronic",
    # "follow-up", "hypothetical", "context" (not about a patient: "le cabinet ne répond pas"); lowered from
    # vitale to urgente: "recent-past", "days-or-weeks", "mild-or-over", "request-topic", "no-plan" (dark thoughts
    # said to have no plan), "panic" (fear of dying in an anxiety attack), "dosing-error" (a double dose by mistake in
    # someone well).
    discounted: str = ""

    def describe(self) -> str:
        text = f"red flag {self.level.value} ({self.category}): '{self.phrase}'"
        return f"{text} [{self.discounted}]" if self.discounted else text


@dataclass(frozen=True)
class RedFlagAssessment:
    level: Urgency  # NORMALE when nothing counted
    flags: tuple[RedFlag, ...]  # phrases that counted, most urgent first
    ignored: tuple[RedFlag, ...]  # phrases found but discounted (negated, past...), for the record

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(f.describe() for f in (*self.flags, *self.ignored))


V = Urgency.VITALE
U = Urgency.URGENTE


def _any(*alternatives: str) -> re.Pattern[str]:
    """One pattern matching any of the alternatives as whole words (one alternative per line: reviewable).

    The text is normalised (only ``a-z``, digits and spaces), so "not after a letter or digit" is the word start;
    written as a look-behind it runs about a third faster than ``\\b`` (the rules run on every utterance)."""
    pattern = re.compile(r"(?<![a-z0-9])(?:" + "|".join(alternatives) + r")\b")
    _ALTERNATIVES[pattern] = alternatives
    return pattern


_ALTERNATIVES: dict[re.Pattern[str], tuple[str, ...]] = {}  # for the prefilter (see _word_heads)


_W = r"(?: \w+)"  # one more word
# A word or two that can sit inside "il arrive plus à parler" ("il arrive de nouveau plus à parler")
_ADVERB = (r"(?: (?:de nouveau|a nouveau|encore|d un coup|subitement|soudain|soudainement|brusquement|tout a coup"
           r"|carrement|vraiment|meme|maintenant|la|du jour au lendemain))")
# What a recogniser writes for a few key words (real homophones and inflections, see docs/nlu.md): "sang" heard
# as "sans"/"cent" (normalised to 100), "poitrine(s)", "respire(nt)", "à" as "a/as/ah", "il" as "y"/"i".
_SANG = r"(?:sang|sans|cent|sent|100)"
_POITRINE = r"(?:poitrines?|torse|thorax)"
_RESPIRE = r"(?:respire|respires|respirent|respirer)"
_MAL = r"(?:mal|male|males|malle)"
_PAS = r"(?:pas|bas)"  # "pas" heard as "bas" (only after breathing verbs, where "bas" makes no sense)
_A = r"(?:a |as |ah )"
_IL = r"(?:il|elle|ils|elles|y|i)"
_POSS = r"(?:son|sa|ses|mon|ma|mes|ton|ta|leur|notre)"
_BODY_FACE = r"(?:gorge|langue|visage|figure|levres?|bouche|yeux|paupieres|cou)"
_SWELLS = r"(?:gonfle\w*|enfle\w*|gonflement|oedeme)"
_NOT_ET = r"(?: (?!et\b)\w+)"  # one more word that is not "et" (keeps "la gorge et le genou gonflé" apart)
_CONTACT = (r"(?:au |a |aux |a mes |a ses |a nos )?"
            r"(?:telephone|tel|portable|messages?|mails?|appels?|courriers?|sms|lettres?|interphone)")
# "le cabinet ne répond pas" is not an unconscious person.
_NOT_A_PERSON = re.compile(
    r"\b(?:personne|secretariat|standard|cabinet|medecin|docteur|service|vous|labo|laboratoire|pharmacie|hopital"
    r"|clinique|accueil|ligne|numero|site|ca|sa|appli|application|serveur)(?: ne| n)?$")

# "il ne répond plus au téléphone / aux traitements" is not an unconscious person either.
_NOT_UNCONSCIOUS_AFTER = re.compile(
    rf"^(?:{_CONTACT}|depuis \d+ jours|aux? (?:traitements?|medicaments?|antibiotiques?|chimio\w*|questions?))"
    r"|^depuis (?:qu|que|des jours|des semaines|des mois|longtemps|la dispute|notre dispute|son depart)\b")
_EMERGENCY_SERVICE = r"(?:15|112|18|samu|pompiers|ambulance|secours)"
# "mon chien s'est fait renverser, il saigne beaucoup": an animal named before the phrase, with no person named
# between them, is its subject (a vet, not the SAMU). An animal after "par", "avec" or "comme" is not the subject
# ("mordu par un chien il saigne beaucoup", "elle respire comme un poisson hors de l'eau"), and a person named
# after the animal takes over ("mon chien a mordu mon fils il saigne").
_ANIMAL = re.compile(
    r"(?<![a-z0-9])(?:chien|chienne|chiot|chat|chatte|chaton|lapin|hamster|cochon d inde|cheval|jument|poney|vache"
    r"|chevre|mouton|oiseau|perroquet|perruche|tortue|furet|animal|animaux|toutou|minou|chiens|chats|chevaux|poisson"
    r"|poissons|poule|poules|coq|canard|souris|canari|cochon|ane|lezard|gerbille|chinchilla)\b")
_ANIMAL_AS_OBJECT = re.compile(r"\b(?:par|avec|au|du|comme|promene\w*|sorti\w*)"
                               r"(?: (?:un|une|le|la|les|des|son|sa|ses|mon|ma|mes|leur|ce|cette|notre|votre|l))?$")
_PERSON_WORDS = frozenset({
    "je", "j", "moi", "me", "m", "nous", "on", "tu", "mari", "femme", "fils", "fille", "bebe", "enfant", "enfants",
    "mere", "pere", "papa", "maman", "frere", "soeur", "voisin", "voisine", "grand", "petit", "petite", "monsieur",
    "dame", "patient", "patiente", "copain", "copine", "ami", "amie", "gamin", "gamine", "homme", "mamie", "papi",
    "papy", "oncle", "tante", "cousin", "cousine", "neveu", "niece", "ado", "garcon", "conjoint", "compagnon",
    "compagne", "collegue", "quelqu", "mec", "nounou", "eleve", "client", "cliente", "proprietaire", "maitre"})

_OWNER = re.compile(r"^ (?:de|du|d|des)(?: (?:la|le|l|mon|ma|mes|son|sa|ses|notre|votre|leur|nos))?"
                    r" (?:grand |petit )?\w+")


# Idioms around a named event (rule 11): "vous allez me faire faire un infarctus avec vos délais", "c'est la crise
# cardiaque pour avoir quelqu'un", "votre standard va me donner une attaque"
_IDIOM_EVENT_BEFORE = re.compile(r"\b(?:allez|vont|va|vas|voulez|veut|veulent|allait|allaient) (?:me|nous|m|lui|leur)"
                                 r" (?:faire )?(?:faire|donner|filer|provoquer|coller)(?: un| une)?$|\bc est la$")
_IDIOM_EVENT_AFTER = re.compile(r"^(?:\w+ ){0,2}(?:avec (?:vos|votre|ces|cette|ce)|pour (?:avoir|joindre|obtenir"
r"|parler)"
                                r"|a chaque fois|chaque fois)\b")


# "mon frère est en réa après son accident, je voudrais des nouvelles": already in hospital, the caller asks for
# news (rule 13: humain or info_pratique, normale).
_IN_HOSPITAL = re.compile(r"\b(?:est|sont|etait|reste) (?:\w+ )?(?:(?:en|aux|a la|au service de) (?:rea|reanimation"
                          r"|soins intensifs|usi|usic|soins continus|cardiologie|cardio|neurologie|neuro"
                          r"|unite neuro vasculaire)|hospitalisee?s?)\b")
_ASKS_NEWS = re.compile(r"\b(?:des nouvelles|comment (?:il|elle) (?:va|est|se porte)|quelle chambre|visites?|horaires"
                        r"|lui rendre visite|voir (?:mon|ma|son|sa)"
                        r"|(?:quel|quelle) (?:secteur|service|etage|batiment|aile|unite|box))\b")
# ... or complains about the care that brought them there: "on avait dit que sa douleur dans la poitrine c'était rien,
# c'était un infarctus, il est en cardiologie maintenant, je veux que ça se sache" (only for a sign named before the
# ward: "il est en cardiologie c'est scandaleux là il respire plus" is about now)
_COMPLAINS = re.compile(r"\b(?:furieu\w*|scandal\w*|inadmissible|inacceptable|plainte|reclamation"
                        r"|que (?:ca|cela) se sache|honteu\w*|une honte)\b")


def _about_an_animal(before: str) -> bool:
    """The phrase is about an animal named just before it (see ``_ANIMAL``)."""
    animal = None
    for animal in _ANIMAL.finditer(before):  # noqa: B007 - the last (closest) one is wanted
        pass
    if animal is None or _ANIMAL_AS_OBJECT.search(before[: animal.start()].rstrip()):
        return False
    # "le chien de la voisine a avalé du chocolat": the owner named right after the animal is not the subject
    between = _OWNER.sub("", before[animal.end():]).split()
    return len(between) <= 14 and not _PERSON_WORDS.intersection(between)


# Words that fill a bare call for help ("allô oui c'est une urgence là vite je vous en prie").
_HELP_WORDS = (r"(?:allo|oui|bonjour|madame|monsieur|docteur|c est|c etait|ces|s est|une|la|vite|venez|tres|vraiment"
               r"|hyper|super|trop|grave|urgent|urgence|urgences|s il vous plait|svp|je vous en prie|pitie|au secours"
               r"|aidez moi|aidez nous|a l aide|depechez vous|faites vite|mon dieu|help|la c est|vraiment grave"
               # the place called and a person asked for ("allô le dispensaire c'est une urgence passez-moi quelqu'un")
               r"|(?:le |la )?(?:dispensaire|cabinet|clinique|centre medical|maison medicale|secretariat|standard)"
               r"|passez moi (?:quelqu un|le docteur|un docteur|le medecin|un medecin)|quelqu un)")
# A request about papers or appointments: "vite" or "c'est une urgence" attached to it is perceived urgency.
_ADMIN_REQUEST = _any(
    r"certificat",
    r"resultats?",
    r"ordonnance",
    r"rendez vous",
    r"rdv",
    r"dossier",
    r"papiers?",
    r"factures?",
    r"rembourse\w*",
    r"mutuelle",
    r"carte vitale",
    r"arret de travail",
    r"attestation",
    r"horaires?",
    r"documents?",
    r"compte rendu",
    r"creneau",
    r"renouvel\w*",
    r"annul\w*",
    r"reporter",
    r"deplacer")

# Swallowing, as callers say it ("il a bu au goulot", "elle l'a mise dans sa bouche et avalée").
_INGEST = (r"(?:avale\w*|avaler|bu|bue|boire|boit|mange\w*|manger|bouffe\w*|bouffer|gobe\w*|croque\w*|lech\w*"
r"|suce\w*|goute\w*|ingere\w*"
           r"|gorgee|mise? (?:\w+ )?dans (?:sa|la|son) (?:bouche|nez))")
# Household and garden products that poison (whatever the amount).
_HOUSEHOLD = "(?:" + "|".join((
    r"javel\w*", r"jave", r"java", r"deboucheur\w*", r"destop",
    r"produits? (?:\w+ ){0,3}(?:vaisselle|menager\w*|wc|toilettes|entretien|nettoyage|four|sol|deboucher|chimique\w*"
    r"|javel|lessive|piscine)",
    r"liquide vaisselle", r"(?:du |le )lave vaisselle", r"liquide de (?:frein|refroidissement|cigarette|vapoteuse)",
    r"e liquide", r"nettoyant\w*", r"pastilles? (?:\w+ ){0,2}(?:lave vaisselle|chlore|piscine|wc)",
    r"tablettes? (?:\w+ ){0,2}lave vaisselle", r"capsules? (?:de )?lessive", r"dosettes? (?:de )?lessive", r"lessive",
    r"white spirit", r"whitespirit", r"white spirite", r"alcool a bruler", r"acetone", r"dissolvant", r"ammoniaque",
    r"chlore", r"detartrant", r"anti calcaire", r"soude", r"acide", r"insecticide", r"raticide", r"mort aux rats",
    r"antigel", r"lave glace", r"essence", r"petrole", r"fioul", r"gasoil", r"paraffine", r"engrais", r"desherbant",
    r"pesticide", r"poison", r"detergent", r"granules? anti limaces?", r"anti limaces?", r"taupicide",
    r"champignons? (?:\w+ ){0,2}(?:foret|bois|cueillis|ramasses|sauvages|jardin|pre|inconnus)", r"baies",
)) + ")"
# Medicines, by their everyday and brand names.
_MEDS = (r"(?:medicaments?|medocs?|cachets?|comprimes?|gelules?|pilules?|plaquettes?|somniferes?|antidepresseurs?"
         r"|anxiolytiques?|calmants?|neuroleptiques?|doliprane|paracetamol|dafalgan|efferalgan|ibuprofene|advil"
         r"|aspirine|levothyrox|xanax|lexomil|temesta|seresta|tramadol|codeine|morphine|methadone|subutex|lamaline"
         r"|stilnox|imovane|lithium|insuline|sirop|patch\w*|piluliers?|semainier)")
# A small child (rule 14: a child who swallowed medicines not theirs is vitale even when well for now).
_CHILD = (r"(?:bebe|nourrisson|bambin|enfant|petit|petite|petits|fils|fille|garcon|gamin\w*|loulou|neveu|niece"
          r"|(?<!il y a )(?<!depuis )[1-9] ans|\d+ mois)")
# Waters breaking, and a pregnancy months before term (rule 14: then it is vitale).
_WATERS = (r"(?:(?:perdu|perd|perds|perte|pertes|perdre) (?:les |des |de l )?eaux?|poche (?:des )?eaux|(?:les )?eaux"
           r" (?:\w+ ){0,2}(?:perce\w*|rompu\w*|cassee?s?|partie?s?|coule\w*)|liquide amniotique"
           # "la poche elle est percée" (not "la poche de stomie")
           r"|poche(?! (?:de|d|du|des)\b)(?: \w+){0,3} (?:perce|rompu|casse|creve|fissure)\w*"
           r"|(?:perd|perds|perdu|coule|ecoule)\w* (?:\w+ )?(?:du|de l) (?:liquide|eau))")
_EARLY = (r"(?:enceinte (?:que |qu a |seulement |juste |a peine )?(?:de |d )?(?:[1-7] mois|(?:[1-9]|[12]\d"
r"|3[0-3]) semaines)|(?:a )?[1-7] mois(?: et demi)?"
          r" (?:de grossesse|seulement|de terme)|(?:[1-9]|[12]\d|3[0-3]) semaines (?:de grossesse|d amenorrhee|sa)"
          r"|(?:suis|est) (?:que |qu )?a [1-7] mois"
          # "mois" dropped: "je suis enceinte de 6 et la poche des eaux est cassée"
          r"|enceinte (?:que |qu a |seulement )?(?:de |d )[1-7](?! (?:ans?|enfants?|semaines|jours)\b)"
          r"|trop tot|avant terme|prematur\w*)")
# "ses crises sont bien contrôlées", "sa paralysie est suivie": a condition being treated, not an event now.
_UNDER_TREATMENT = re.compile(r"^(?:\w+ ){0,4}(?:(?:bien|sont|est|mal) )?(?:traitee?s?|controlee?s?|stabilisee?s?"
                              r"|equilibree?s?|suivie?s?)\b")
# What gives off carbon monoxide in a home.
_CO_SOURCE = (r"(?:chaudiere|chauffe eau|odeur de gaz|fuite de gaz|sent le gaz|poele(?: a (?:bois|petrole|gaz"
r"|charbon))?|brasero|barbecue|groupe electrogene"
              r"|chauffage d appoint|cheminee)")
# Signs of carbon monoxide (with a source named near them).
_CO_SIGNS = (r"(?:tete|crane|vomi\w*|malaise|nause\w*|somnol\w*|evanoui\w*|inconscient\w*|s endor\w*|endormi\w*"
             r"|envie de dormir)")
# A part of the body a burn can cover (two of them is a large area).
_BODY_PART = (r"(?:le |la |les |l |son |sa |ses |mon |ma |mes )?(?:bras|ventre|jambes?|dos|torse|poitrine|visage"
r"|cuisses?"
              r"|figure|cou|epaules?|thorax|tete)")
# Severe pain words.
_SEVERE_PAIN = (r"(?:atroce\w*|insupportable\w*|terrible\w*|horrible\w*|violente?s?|tres forte?s?|tres mal|trop mal"
                r"|hyper mal|super mal|tellement mal|enormement mal|plie\w* en deux|hurle de douleur)")
# A fall or blow to the head, then signs of a brain injury.
_HEAD_BLOW = (r"(?:tombe\w*|tomber|chute\w*|cogne\w*|tape\w*|heurte\w*|recu\w*|pris|choc|coup|glisse\w*|renverse\w*"
              r"|accident)")
_BRAIN_SIGNS = (r"(?:vomit|vomis|envie de dormir"
                r"|vomi (?:\d+|plusieurs|encore) fois|(?:arrete|cesse) (?:pas|plus) de vomir|vomissements?"
                r"|s endor\w*|endormie?|somnol\w*|dort|sait plus (?:ou|qui|quel|son|comment|rien)"
                r"|se souvient (?:plus|de rien)|se rappelle (?:plus|de rien)|perdu la memoire|desoriente\w*"
                r"|confus\w*|dit (?:\w+ )?(?:n importe quoi|des choses bizarres|des trucs bizarres)|choses bizarres"
                r"|reconnait plus|saigne (?:\w+ )?(?:de l oreille|des oreilles|du nez et)|liquide (?:\w+ ){0,2}(?:nez"
                r"|oreille)|convuls\w*|(?<!bien )(?<!est )(?<!tout a fait )(?<!completement )reveill\w*|repond"
                r" (?:plus|pas|mal)|pupilles?|regard (?:vide|fixe|bizarre))")
# Signs of shock: pale and sweating, cold, about to faint.
_PALE = (r"(?:(?:est|suis|tout|toute|devenue?|tres) (?:blanc|blanche)"
         r"|tres pale|tout pale|toute pale|pale|blanc comme|livide"
         r"|gris|grise)")
_SHOCK_SIGNS = (r"(?:transpire\w*|sueurs?|en sueur|suer|moite|glacee?|froide?|confus\w*|tomber|tombe|repond mal"
                r"|evanoui\w*|malaise|tres mal|pouls|respire mal|ventre)")

RULES: tuple[Rule, ...] = (
    # --- chest pain / cardiac -----------------------------------------------------------------
    Rule("douleur thoracique", V, _any(
        rf"(?:{_MAL}|douleurs?|serrement|brulures?|oppression|poids|pression|serre|point|barre|etau){_W}{{0,7}}"
        rf" {_POITRINE}",
        r"qui (?:serre|ecrase|comprime) la poitrine",
        rf"(?:plaint|plains|plaignait|tient|tiens|touche|frotte|appuie) (?:\w+ ){{0,3}}{_POITRINE}",
        r"coeur (?:qui |ca )?(?:me |lui )?(?:serre|ecrase)",
        r"trinitrine (?:\w+ ){0,3}(?:fait|marche|agit) (?:plus|pas|rien)",
        r"(?:mal|douleurs?) au torse", r"douleurs? (?:au|du) coeur",
        r"irradie\w* (?:dans|vers|jusqu) (?:\w+ )?(?:le|la|les|l) (?:bras|machoire|dos|cou|epaule|epaules)",
        r"douleurs? thoraciques?", r"mal au thorax", r"oppression thoracique",
        r"(?:poitrines?|torse) (?:qui )?(?:serre|me serre|lui serre|brule|fait mal|comprime|oppresse|ecrase)",
        # "dans la poitrine ça serre très fort", "à la poitrine et ça descend dans le bras", "... il est en sueur"
        rf"(?:a|dans|au niveau de) la {_POITRINE}(?: \w+){{0,4}} (?:serre|ecrase|comprime|oppresse|descend|irradie"
        r"|part dans|monte dans|en sueur|transpire\w*|sueurs?)",
        r"(?:lui|me) (?:serre|ecrase|comprime) la poitrine",
        rf"(?:mal|douleurs?){_W}{{0,2}} (?:au|dans le) (?:bras gauche|machoire)"
        rf"{_W}{{0,4}} (?:poitrine|bras gauche|machoire)",
    )),
    Rule("douleur thoracique", V, _any(
        # the one word "poitrine" (or "mal poitrine") as a whole answer
        r"^(?:(?:j ai |il a |elle a )?(?:mal|douleurs?|une douleur) (?:a la |dans la |au )?)?"
        r"(?:poitrine|torse|thorax)$",
        # "mal au cœur" alone is nausea (rule 13); these are not
        r"(?:point|pincement|serrement|coup de poignard|douleurs?|pique|poids|etau|barre) (?:au|dans le|sur le) coeur",
        r"coeur (?:qui |me |lui )?(?:fait mal|brule|ecrase|comprime)",
        r"(?:mal|douleurs?) (?:au|du) coeur(?: \w+){0,10} (?:ca|qui|ce qui) (?:me |lui )?(?:serre|ecrase|comprime"
        r"|oppresse)",
        r"coeur(?: \w+){0,8} (?:serre|ecrase|comprime)\w* comme (?:un|dans un) etau",
        r"(?:poids|etau|elephant|enclume|pierre) (?:\w+ )?sur (?:la poitrine|le coeur|le torse|le thorax)",
        r"(?:mal|douleurs?) (?:au|dans le) sternum",
        r"(?:se |me )?(?:tient|tiens|serre|agrippe)\w* la poitrine",
        # tearing pain in the back: aortic dissection
        r"(?:dos|omoplates)(?: \w+){0,6} (?:coup de poignard|dechir\w*|arrache\w*)",
    )),
    # A small word heard wrong or a key word dropped (kept apart from the rule above, which runs on many sentences):
    # "un poids sur les coeur", "j'ai une [douleur] dans la poitrine", "la poitrine là ça serre", "[ça part de] la
    # poitrine et ça descend dans le bras"
    Rule("douleur thoracique", V, _any(
        rf"(?:poids|etau|elephant|enclume|pierre) (?:\w+ )?sur (?:la |le |les |l )?(?:{_POITRINE}|coeur)",
        rf"(?:une|des) (?:dans|a|au niveau de) (?:la |le |les )?{_POITRINE}",
        r"(?:dans|a) la (?:ca|qui) (?:me |lui )?(?:serre|ecrase|oppresse)",
        r"(?:j ai|il a|elle a) la qui (?:serre|ecrase|oppresse)(?: \w+){0,4}"
        r" (?:transpire\w*|sueurs?|bras|machoire|respir\w*)",
        r"(?:ca|qui|et) (?:descend|irradie|part|monte|file)\w* (?:dans|vers|jusqu)(?: au| a| dans)?"
        r" (?:le |la |les |l |son |mon )?(?:bras gauche|machoire)\b",
        rf"{_POITRINE}(?: \w+){{0,5}} (?:ca|qui|elle) (?:me |lui |te |vous )?(?:serre|ecrase|comprime|oppresse|brule)",
        rf"(?:{_POITRINE}|coeur)(?: \w+){{0,4}} (?:descend|irradie|part|monte|file)\w* (?:dans|vers|jusqu)"
        r"(?: a| au| aux| dans)? (?:le |la |les |l |son |sa |ses |mon |ma |mes )?(?:bras|machoire|epaules?|cou|dos)\b",
    )),
    Rule("arret cardiaque", V, _any(
        r"arret cardiaque", r"arret du coeur", r"(?:^|(?:son|le|mon|leur) )coeur (?:s est |s |a )?(?:arrete|lache)")),
    # no pulse ("elle a plus de pouls", "on trouve plus le pouls du bébé"), but not a watch or a machine
    Rule("arret cardiaque", V, _any(
        r"(?:plus|pas|aucun|sans) (?:de )?pouls",
        r"(?:trouve|trouvons|trouvent|sens|sent|sentons|percoi\w*|entend\w*) (?:plus|pas|rien|presque plus)"
        r" (?:de |le |son |sa |du )?(?:pouls|coeur|battements?)",
        r"pouls (?:\w+ )?(?:introuvable|imperceptible|absent)"),
        not_with=_any(r"montre", r"tensiometre", r"appareil", r"oxymetre", r"saturometre", r"application", r"appli",
                      r"bracelet", r"machine")),
    # palpitations and about to faint or seeing black (before a collapse)
    Rule("inconscient", V, _any(
        r"(?:coeur (?:qui )?(?:s emballe|bat (?:tres |trop )?(?:vite|fort)|cogne)|palpitations?)(?: \w+){0,8}"
        r" (?:vois (?:tout )?noir|voit (?:tout )?noir|vais tomber|va tomber|me sens partir|tourner de l oeil)",
        r"(?:vois (?:tout )?noir|voit (?:tout )?noir|vais tomber|va tomber)(?: \w+){0,8}"
        r" (?:coeur (?:qui )?(?:s emballe|bat (?:tres |trop )?(?:vite|fort)|cogne)|palpitations?)")),
    # someone thought dead who is alive ("le défunt respire encore"): it is a resuscitation, however little he moves
    Rule("personne crue morte", V, _any(
        r"(?:defunte?|decedee?|mort|morte|corps|cadavre)(?: \w+){0,12} (?:respire|bouge|vit|gemit|parle) encore",
        r"(?:defunte?|decedee?|corps|cadavre)(?: \w+){0,12} (?:est vivante?|pas morte?|en vie)")),
    Rule("infarctus", V, _any(
        r"infarctus", r"farctus", r"crise cardiaque", r"attaque cardiaque", r"malaise cardiaque",
        r"syndrome coronar\w*",
        r"(?:fait|fais|faire|fasse) (?:un|une) cardiaque"),
        Kind.EVENT, not_before=_IDIOM_EVENT_BEFORE, before_words=6, not_after=_IDIOM_EVENT_AFTER),
    Rule("douleur bras gauche", U, _any(rf"(?:mal|douleurs?){_W}{{0,2}} (?:au|dans le) bras gauche")),
    # --- breathing ----------------------------------------------------------------------------
    Rule("detresse respiratoire", V, _any(
        rf"(?:arrive|arrivait|peut|peux|pouvait|parvient) (?:{_PAS}|plus|presque plus|plus du tout|pas du tout)"
        rf" (?:ni )?{_A}?(?:respirer|respire)",
        # "plus"/"pas" dropped: "je n'arrive à respirer"
        rf"(?:n|ne) (?:arrive|arrivait|peut|peux|pouvait|parvient) {_A}?(?:respirer|respire)",
        rf"{_RESPIRE} (?:plus|{_PAS}|presque plus|presque pas|plus du tout|mal|tres mal|difficilement"
        r"|tres difficilement"
        r"|bizarrement)",
        r"respire avec difficulte", rf"(?:du |de )?{_MAL} {_A}?(?:respirer|respire)",
        # "plus"/"pas" dropped by the recogniser: "il ne respire" (but "il ne respire que par la bouche")
        rf"(?:ne|n) {_RESPIRE}(?! (?:que|qu|bien|normalement|plus|pas|bas|presque|mal|tres|avec)\b)",
        r"difficultes? (?:a|pour) respirer",
        r"difficultes? respiratoires?", r"gene respiratoire", r"detresse respiratoire", r"plus de souffle",
        r"etouffement", r"suffoque\w*", r"suffocation", r"manque d air", r"(?:s )?etrangle\w*",
        rf"(?:sait|sais|savons) (?:pas|plus) (?:s(?:i | ){_IL}|si) {_RESPIRE}",
        r"respiration (?:sifflante|bizarre|difficile|tres rapide)", r"cherche son (?:air|souffle)",
        r"pauses? respiratoires?", r"pauses? de (?:longues )?secondes", r"respire (?:a )?peine",
        r"finir ses phrases", r"creuse\w* (?:sous|entre) les cotes",
        r"respir\w*(?: \w+){0,6} (?:creuse\w*|se creuse\w*) (?:le |son |sa |la )?(?:ventre|cotes|cou|gorge|poitrine)",
        r"(?:ventre|cotes|cou|gorge) qui se creuse\w*",
        r"(?:moi|lui|elle|bebe|il|y|i|mere|pere|mari|femme|fils|fille) pas respirer",
        r"ventoline(?: \w+){0,6} (?:passe|marche|fait|agit) (?:pas|plus|rien)",
        r"oppresse\w*",
    )),
    # (but "j'étouffe avec votre musique", "votre musique d'attente j'étouffe" is an idiom, rule 11)
    Rule("detresse respiratoire", V, _any(
        r"(?:s )?etouffe\w*(?! (?:avec|dans|de|ici|a cause de) (?:vos |votre |la |les |ces |cette |ce |cet |l |le )?"
        r"(?:\w+ )?(?:musique|attente|salle|bruit|chaleur|bureau|couloir|foule|monde|standard|boulot|travail|ici)s?"
        r"\b)"),
        # the idiom word right before it, only "je"/"on" between ("votre musique d'attente j'étouffe")
        not_before=re.compile(r"\b(?:musique|attente|standard|repondeur|messagerie|bureaucratie|paperasse)"
                              r"(?: (?:je|j|on|ca|moi|me|m|la|vraiment|franchement))*$"),
        before_words=5),
    Rule("detresse respiratoire", V, _any(
        # cannot speak a sentence, holds on to breathe: severe asthma
        r"(?:arrive|arrivait|peut|peux|pouvait) (?:plus|pas) (?:a )?(?:dire|finir|terminer|faire|sortir) (?:une|ses|sa"
        r"|des|la moindre|une seule) phrases?",
        r"(?:arrive|peut|peux) (?:plus|pas) (?:a )?(?:boire|manger) ni (?:a )?parler",
        r"(?:n|ne) (?:plus|pas) (?:a |as |ah )?respirer",
        r"(?:mal|arrive (?:pas|plus)|peut (?:pas|plus)) (?:a )?reprendre (?:son |sa )?(?:souffle|respiration)",
        rf"{_RESPIRE} (?:tres|trop) fort",
        r"(?:tient|accroche|cramponne|penche)\w*(?: \w+){0,4} pour (?:pouvoir )?respirer",
        r"respiration (?:qui )?siffl\w* (?:tres|trop|super) fort",
        r"siffle\w* (?:tres|trop) fort",
        r"tirage",
        r"ailes du nez",
        # breathing very hard with another sign (diabetic, infant, sepsis)
        rf"{_RESPIRE} (?:tres |trop |super |hyper )?(?:vite|fort)(?: \w+){{0,10}} (?:confus\w*|somnol\w*|endormi\w*"
        r"|vomit|bleu\w*|gris\w*|repond|reagit|creuse\w*|arrete de boire|boit plus|mou|molle)",
        rf"(?:bebe|nourrisson|\d+ (?:mois|semaines))(?: \w+){{0,6}} {_RESPIRE} (?:tres |trop |super |hyper )?(?:vite"
        rf"|fort)",
        rf"{_RESPIRE} (?:tres|trop|super|hyper) vite",
        # smoke from a fire
        r"(?:respire|inhale|avale)\w* (?:\w+ ){0,2}fumee",
        r"(?:incendie|fumee|feu)(?: \w+){0,10} (?:confus\w*|tousse|suffoque|inconscient\w*|malaise|endormi\w*)",
        ),
        # hyperventilating in an anxiety attack: urgente (rule 6), not vitale
        not_with=_any(r"crise d angoisse", r"crise de panique", r"spasmophil\w*", r"tetanie")),
    # choking now: something stuck and the child silent, or cannot breathe or cough
    Rule("etouffement", V, _any(
        r"(?:coince\w*|bloque\w*|avale\w*|bout de|morceau|bouchee|cacahuetes?|bonbon|bille|jouet|gorge)(?: \w+){0,8}"
        r" (?:fait|fais|peut|peux|arrive|arrivent|sort) (?:plus|pas) (?:de |d |a )?(?:bruit|son|tousser|crier|pleurer"
        r"|parler|respirer|avaler sa salive)",
        r"(?:bout|morceau|bouchee|bonbon|cacahuetes?|bille|jouet|piece)(?: \w+){0,3} (?:coince\w*|bloque\w*)"
        r"(?: \w+){0,3} (?:gorge|trachee|gosier|respir\w*)",
        r"(?:avale|mange)\w* de travers(?: \w+){0,6} (?:bleu\w*|violet\w*|respire (?:plus|pas)|tousse (?:plus|pas))",
    ), not_with=_any(r"aretes?")),
    Rule("pauses respiratoires", V, _any(
        r"pauses? (?:\w+ ){0,3}(?:quand|en|pendant qu|dans sa|de sa|entre deux) (?:il |elle )?respir\w*",
        r"(?:arrete|s arrete|oublie) de respirer (?:par moments|des fois|plusieurs secondes|quelques secondes"
        r"|\d+ secondes)"
    ),
        # a snorer who stops breathing a few seconds at night: sleep apnoea, a consultation
        not_with=_any(r"ronfl\w*", r"apnees? du sommeil")),
    Rule("detresse respiratoire", V, _any(r"arrete de respirer"),
         not_after=re.compile(r"^(?:la nuit|en dormant|quand (?:il|elle|je) (?:dort|dors|ronfle))")),
    Rule("essoufflement", U, _any(r"essouffle\w*", r"souffle court", r"crise d asthme", r"fausse route")),
    # --- consciousness ------------------------------------------------------------------------
    Rule("inconscient", V, _any(r"(?:ne )?repond (?:plus|pas|plus du tout|pas du tout|presque plus|du tout)",
                              # "plus"/"pas" dropped by the recogniser: "ma mère ne répond"
                              r"(?:ne|n) repond(?! (?:que|qu|jamais|rien|a aucun|a aucune|plus|pas|presque)\b)"),
         not_before=_NOT_A_PERSON, not_after=_NOT_UNCONSCIOUS_AFTER),
    Rule("inconscient", V, _any(
        r"inconscient\w*", r"(?:perdu|perd|perdre) (?:connaissance|conscience)",
        r"perte de (?:connaissance|conscience)",
        rf"{_SANG} connaissance", r"(?:se )?reveille (?:pas|plus|bas)",
        r"(?:n|ne) (?:arrive|arrivons|arrivent|peux|peut) (?:a |as |ah )?(?:le |la |les |l |leur )?reveiller",
        r"(?:arrive|arrivons|arrivent|peux|peut) (?:pas|plus) (?:a |as |ah )?(?:le |la |les |l |leur )?reveiller",
        r"effondree?s?", r"(?:s |est |s est )?effondrer", r"(?:s est |est )?affaissee?", r"me sens partir",
        r"se sent partir", r"(?:ne )?reagit (?:plus|pas|plus du tout)", r"(?:ne )?bouge plus(?! de chez)",
        r"coma", r"yeux (?:qui )?(?:se )?revulse\w*", r"ouvre (?:plus|pas) les yeux", r"repond a peine",
        r"ecroul\w*", r"inconscien\w*", r"(?:ne )?revient (?:pas|plus)(?! (?:au|a la|chez|demain|me voir))",
        r"arrive (?:pas"
        r"|plus) a reveiller", r"en train de mourir", r"(?:reprend|reprends) (?:pas|plus) (?:connaissance"
        r"|ses esprits|conscience)",
        r"(?:tomber|tombe|tombee|malade)(?: \w+){0,2} pas (?:parler|reveiller|bouger|respirer)",  # non-native French
        r"(?:crois|pense|dirait|on dirait) (?:qu (?:il|elle)|qui) est morte?"
        r"(?! de (?:rire|peur|froid|faim|fatigue|honte|soif|ennui|trouille)\b)", r"tombee? raide",
        r"yeux qui partent",
        r"dans (?:les|le|la|leur) vapes",
        r"(?:crois|pense|dirait) (?:qu|que|qui) (?:il|elle) (?:est |et |es )?(?:mort|morte)\b"
        r"(?! de (?:rire|peur|froid|faim|fatigue|honte|soif|ennui|trouille)\b)",
        r"(?:crois|pense|dirait|peur|impression) (?:qu|que|qui) (?:\w+ ){0,3}(?:est|et|es) (?:mort|morte|decedee?)$",
    )),
    # "il fait un arrêt" (cardiac), but "le docteur m'a fait un arrêt (de travail)" is a sick note
    Rule("inconscient", V, _any(r"(?<!m a )(?<!m )(?<!me )(?<!lui a )(?<!lui )(?<!te )(?<!leur a )"
                               r"(?:fait|fais|faire|fasse) un arret"
                               r"(?! de travail| maladie| de \d+| d une| d un| jusqu| pour)"),
         not_with=_any(r"employeur", r"volet", r"travail", r"boulot", r"patron", r"maladie", r"prolong\w*", r"secu",
                       r"cpam", r"ameli", r"indemni\w*", r"jours? d arret", r"certificat", r"attestation", r"salaire",
                       r"mutuelle", r"rh", r"envoye\w*", r"recu", r"papier\w*", r"formulaire\w*")),
    # small words dropped or heard wrong around the key words
    Rule("inconscient", V, _any(
        # non-native French with "pas" dropped: "femme moi malade tomber parler" (not "moi malade parler docteur")
        r"(?:tomber|tombe|tombee) (?:moi |lui |elle |il |par terre )?(?:pas |plus |bas )?(?:parler|reveiller|respirer"
        r"|bouger)\b",
        # "crois" dropped, "il" heard "y"/"i": "je qu'il est mort", "je crois qu y est mort"
        rf"(?:crois|pense|dirait|je) (?:qu|que|qui) (?:{_IL} )?(?:est |et |es |ai )?(?:mort|morte)\b"
        r"(?! de (?:rire|peur|froid|faim|fatigue|honte|soif|ennui|trouille)\b)",
        r"(?:en )?train (?:de |d )?mourir",
        r"(?:est|et|es) en (?:de )?mourir",
    )),
    # non-native French ("lui pas répondre", "mari yeux fermés pas bouger"), eyes closed and not responding
    Rule("inconscient", V, _any(
        r"(?:lui|elle|il|y|i|mari|femme|mere|pere|bebe|fils|fille|enfant|papa|maman|monsieur|madame|dame|fermes)"
        r" (?:pas|plus|jamais) (?:repondre|repond|reveiller|reveille|se reveiller|bouger|bouge|reagir|reagit"
        r"|ouvrir les yeux|ouvre les yeux|respirer)",
        r"yeux (?:\w+ )?fermes(?: \w+){0,8} (?:repond\w*|reagi\w*|bouge\w*|reveill\w*|par terre|au sol|respire\w*"
        r"|tombe\w*|parle (?:pas|plus))",
        r"(?:repond\w*|reagi\w*|bouge\w*|reveill\w*|par terre|au sol|tombe\w*)(?: \w+){0,8} yeux (?:\w+ )?fermes",
        r"(?:reagit|reagissent) (?:plus )?(?:a rien|a aucun\w*)",
        r"(?:repond|repondent) (?:plus )?a rien(?! de)",
        ), not_after=_NOT_UNCONSCIOUS_AFTER, not_before=_NOT_A_PERSON),
    Rule("inconscient", V, _any(
        r"inanime\w*",
        r"sans vie",
        r"plus (?:aucun )?signe de vie",
        r"(?:se )?reveil (?:pas|plus)",
        # found on the floor
        r"(?:trouve\w*|retrouve\w*|vois|voit|vu|apercois|apercu) (?:\w+ ){0,3}"
        r"(?:par terre|au sol|allonge\w* par terre)",
        # (but "il est tombé par terre" alone is a fall: urgente)
        r"(?:il|elle|ils|elles|y|i|qui|mari|femme|mere|pere|fils|fille|bebe|voisine?|patiente?|monsieur|dame)"
        r" (?:est|et|es|etait|reste)"
        r" (?:(?!tombee?\b)\w+ )?(?:par terre|au sol)",
        r"(?:tombe\w*|ecroule\w*) (?:d un coup|comme une masse|net|d un bloc)",
        # a faint with something that makes it dangerous
        r"(?:malaise|evanoui\w*|perdu connaissance|tombe\w* dans les pommes)(?: \w+){0,10} (?:par terre|au sol"
        r"|repond mal|poitrine|pouls|pacemaker|selles noires|(?<!prise de )sang|enceinte|transpire|sueurs?"
        r"|tout blanc|toute blanche|pale|coeur (?:qui )?s emballe|palpitations?)",
        r"(?:poitrine|pouls (?:tres |trop )?(?:lent|faible|rapide)|pacemaker|selles noires|enceinte|d un coup"
        r"|atroce|insupportable|brutale?|terrible|tout blanc|toute blanche|pale|coeur (?:qui )?s emballe"
        r"|palpitations?|coeur (?:qui )?(?:bat|cogne) (?:tres |trop )?(?:vite|fort))(?: \w+){0,10}"
        r" (?:malaise|evanoui\w*|perdu connaissance|tombe\w* dans les pommes)",
    )),
    # --- pulmonary embolism, shock -------------------------------------------------------------
    # pulmonary embolism: a swollen calf (or phlebitis) and breathless or pain on breathing
    Rule("embolie pulmonaire", V, _any(
        r"(?:mollet|jambe|phlebite)(?: \w+){0,6} (?:gonfle\w*|enfle\w*|dure?|rouge|douloureu\w*|phlebite)"
        r"(?: \w+){0,14} (?:essouffl\w*|(?:mal|douleurs?) (?:en|a|quand je|quand il|quand elle) respir\w*|respire mal"
        r"|souffle court|point de cote|crache\w* (?:du )?sang|malaise)",
        r"(?:essouffl\w*|(?:mal|douleurs?) (?:en|a|quand je|quand il|quand elle) respir\w*|respire mal|souffle court)"
        r"(?: \w+){0,14} (?:mollet|jambe) (?:\w+ ){0,3}(?:gonfle\w*|enfle\w*|dure?|rouge)",
        r"phlebite(?: \w+){0,10} (?:essouffl\w*|respir\w*|poitrine)",
    )),
    Rule("embolie pulmonaire", V, _any(r"embolie\w*"), Kind.EVENT),
    # shock: pale and sweating, cold, confused
    Rule("etat de choc", V, _any(
        rf"{_PALE}(?: \w+){{0,6}} {_SHOCK_SIGNS}",
        rf"(?:transpire\w*|sueurs?|en sueur|moite)(?: \w+){{0,6}} {_PALE}",
        r"(?:diabet\w*|insuline|sucre)(?: \w+){0,10} (?:confus\w*|reconnait plus|somnol\w*|endormi\w*|bizarre"
        r"|transpire|tremble|respire (?:tres |trop )?(?:fort|vite)|delire|repond mal|inconscient\w*)",
        # (a diabetic child who vomits is rule 6, urgente; vomiting with fast breathing or drowsiness is above)
        r"(?:diabet\w*|insuline|sucre)(?: \w+){0,10} vomit(?: \w+){0,8} (?:somnol\w*|endormi\w*|respire|confus\w*"
        r"|mou|molle|repond|ventre)",
        # an insulin mistake: two signs of a low sugar together ("je tremble je transpire je vois flou")
        r"(?:diabet\w*|insuline|sucre)(?: \w+){0,18} (?:tremble\w*|transpire\w*|sueurs?)(?: \w+){0,3}"
        r" (?:tremble\w*|transpire\w*|sueurs?|vois flou|voit flou|confus\w*|malaise|bizarre)",
        # heatstroke: heat, then confused or no longer sweating ("avec la chaleur il dit n'importe quoi")
        r"(?:chaleur|canicule|insolation)(?: \w+){0,10} (?:confus\w*|delire\w*|dit (?:\w+ )?n importe quoi"
        r"|repond (?:plus|pas|mal)|transpire (?:plus|pas)|convuls\w*|reconnait plus)",
        r"(?:confus\w*|delire\w*|dit (?:\w+ )?n importe quoi)(?: \w+){0,8} (?:chaleur|canicule|insolation)",
        r"coup de chaleur(?: \w+){0,8} (?:confus\w*|delire\w*|brulant\w*|repond|somnol\w*|tombe\w*|malaise|convuls\w*)",
        r"(?:glace|gele|froid|hypotherm\w*)(?: \w+){0,6} (?:parle (?:pas|plus)|repond|bouge (?:pas|plus)|confus\w*"
        r"|somnol\w*)",
        # bleeding and pale: "il saigne de la bouche il est tout blanc"
        rf"(?:saign\w*|hemorrag\w*|perd\w* (?:\w+ )?(?:de |d )?sang)(?: \w+){{0,14}} {_PALE}",
        rf"{_PALE}(?: \w+){{0,8}} (?:saign\w*|hemorrag\w*|perd\w* (?:\w+ )?(?:de |d )?sang)",
        r"(?:selles noires|vomi\w* (?:\w+ ){0,4}(?:noir|marc de cafe))(?: \w+){0,10} (?:malaise|evanoui\w*"
        r"|tombe\w*|pale|blanc\w*)",
        # green vomit with a pale child or a hard belly (alone it is urgente)
        r"vomi\w* (?:du |tout )?vert(?: \w+){0,6} (?:pale|blanc\w*|mou|molle|somnol\w*|endormi\w*|ventre dur|gonfle)",
        r"(?:tres mal|douleurs? (?:\w+ )?(?:atroce|terrible|insupportable|brutale?))(?: \w+){0,6} (?:au|dans le) ventre"
        r"(?: \w+){0,8} (?:pale|blanc\w*|evanoui\w*|malaise|vomit|dur)",
    )),
    Rule("malaise", U, _any(
        r"malaise", r"evanoui\w*", r"tombee? dans les pommes", r"perte d equilibre", r"(?:tres )?confus\w*",
        r"desoriente\w*")),
    # --- stroke -------------------------------------------------------------------------------
    Rule("signes d avc", V, _any(
        rf"(?:bouche|visage|figure|levre|sourire|joue|oeil|paupiere){_W}{{0,2}} (?:de |d )?travers?",
        r"(?:visage|bouche|figure|joue|levre) (?:qui )?(?:tombe|paralyse\w*|affaisse\w*|deforme\w*)",
        r"paralyse\w*", r"paralysie", r"hemiplegi\w*", r"engourdi\w* (?:d un cote|tout un cote|la moitie)",
        # "elle arrive de nouveau plus à parler", "il peut d'un coup plus parler", "il arrive plus du tout à parler"
        rf"(?:arrive|arrivait|peut|peux|pouvait|sait|savait){_ADVERB}? (?:pas|plus)(?: du tout| vraiment| bien)?"
        r" (?:a )?(?:parler|articuler)",
        r"parle (?:plus|bizarrement|bizarre|de travers|mal d un coup|plus normalement|plus du tout|n importe comment)",
        r"(?:les )?mots (?:qui )?(?:sortent|viennent) (?:plus|pas)", r"(?:ne )?trouve plus ses mots",
        rf"(?:ne )?(?:sent|sens) plus (?:{_POSS} |le |la )?(?:bras|jambe|main|cote|visage|moitie)",
        r"(?:bras|jambe|main|cote)(?: \w+){0,3} (?:qui )?(?:ne )?"
        r"(?:repond|bouge|tient|repondent|bougent|tiennent|marche|marchent|obeit|obeissent|fonctionne) plus",
        r"voit plus (?:rien|d un oeil)",
        r"(?:voit|vois) double",
        r"(?:arrive|arrivait|peut|peux|pouvait) (?:plus|pas) (?:a )?(?:sortir|trouver) ses mots",
        r"(?:sortir|trouver) ses mots",
        r"perdu (?:la |las |l )?parole", r"(?:parle|parler) bizarre", r"bouche (?:pas droite|tordue)",
        r"mal a articuler",
        r"mal de tete(?: \w+){0,4} (?:brutal|violent|pire|coup de massue)",
    ),
        # "il arrive plus à parler anglais", "elle parle plus à sa soeur depuis des mois"
        not_after=re.compile(r"^(?:anglais|francais|espagnol|allemand|arabe|italien|portugais|russe|turc|en public"
                             r"|au telephone|a (?:sa|son|ses|mon|ma|mes) \w+ depuis|de (?:ca|cela))\b")),
    Rule("signes d avc", V, _any(
        # sight lost on one side, or an arm/face on one side
        r"(?:vois|voit|voie|voient|voyait|voyais|voir) (?:plus|pas) (?:rien )?"
        r"(?:d un|de l|du|avec (?:un|l)|de (?:son|mon)) (?:oeil|cote)",
        r"(?:perdu|perd|perte de) la vue(?: \w+){0,3} (?:d un|de l|du|un) (?:oeil|cote)",
        r"(?:un|l|son|mon) oeil (?:qui )?(?:voit|voyait) (?:plus|pas)",
        r"(?:perdu|perd|perte de) la vue (?:d un coup|brutalement|subitement|tout a coup)",
        r"(?:devenue?|est) aveugle (?:d un coup|brutalement|subitement|tout a coup)",
        r"(?:peut|arrive) (?:plus|pas) (?:a )?sourire",
        r"(?:comprend|comprends) plus (?:rien )?(?:a )?(?:ce qu on lui dit|quand on lui parle)",
        r"(?:cote|moitie) (?:\w+ ){0,2}(?:engourdi|paralyse|endormi|lourd|mort|faible|insensible)\w*",
        r"(?:engourdi|paralyse|fourmill)\w* (?:d un coup|brutalement|subitement|tout a coup)",
        r"(?:fourmill\w*|engourdi\w*|picot\w*|endormi\w*|lourde?|faible)(?: \w+){0,4}"
        r" (?:du meme cote|d un (?:seul )?cote|tout un cote|toute la moitie|la moitie)",
        r"moitie (?:de |du )?(?:son |sa |le |la )?(?:visage|figure|corps|bouche)(?: \w+){0,2} (?:tombe\w*|paralyse\w*"
        r"|affaisse\w*|endormi\w*|morte?|bouge plus)",
        r"(?:visage|bouche|figure|joue|levre|sourire)s?(?: \w+){0,3} (?:partie?|tire\w*|tombe\w*|glisse\w*|tordu\w*)"
        r" (?:sur le |d un |de |vers le |a )cote",
        r"(?:visage|bouche|figure|joue|levre)s? (?:qui est |qui s est |est |s est |qui )?(?:tout |toute )?"
        r"(?:tomb\w*|tordu\w*|deforme\w*|de cote)",
        r"bave\w* d un cote",
        # two signs of one stroke: an arm or leg numb and the mouth or face pulling ("le bras gauche engourdi et la
        # bouche qui tire")
        r"(?:bras|jambe|main)s? (?:\w+ ){0,2}(?:tout |toute )?(?:engourdi|paralyse|insensible|endormi)\w*(?: \w+){0,6}"
        r" (?:bouche|visage|levre|figure|joue)s? (?:qui )?(?:tire|tombe|pend|part|de travers)\w*",
        r"(?:bouche|visage|levre|figure|joue)s? (?:qui )?(?:tire|tombe|pend|part)\w*(?: \w+){0,6} (?:bras|jambe|main)s?"
        r" (?:\w+ ){0,2}(?:tout |toute )?(?:engourdi|paralyse|insensible|endormi)\w*",
        r"(?:qui )?(?:tombe|penche) d un cote",
        r"lache (?:tout )?ce qu (?:il|elle) (?:tient|a)",
        r"moitie (?:\w+ ){0,3}(?:est |qui )?(?:tombee|paralysee|pend|tombe|tire)",
        r"(?:bouche|visage|levre|joue|paupiere|sourire) (?:\w+ )?qui pend",
        # words mangled all of a sudden
        r"(?:bafouill\w*|begai\w*|bredouill\w*|mache ses mots|avale ses mots|mots (?:meles|melanges))(?: \w+){0,3}"
        r" (?:d un coup|tout a coup|subitement|brutalement|depuis \d+ (?:minutes?|min|heures?)|depuis ce matin"
        r"|depuis tout a l heure)",
        r"(?:d un coup|tout a coup|subitement|brutalement)(?: \w+){0,3} (?:bafouill\w*|begai\w*|bredouill\w*"
        r"|mache ses mots|avale ses mots)",
        r"(?:bras|main) (?:\w+ ){0,2}(?:qui )?(?:retombe|lache|tombe tout seul)\w*",
        r"(?:bras|jambe|main)s? (?:\w+ ){0,2}(?:tout mou|toute molle|tout flasque|sans force)",
        # words gone wrong all of a sudden
        r"(?:phrases?|mots?)(?: \w+){0,2} (?:veulent|veut) (?:plus|pas|plus rien|rien) dire",
        r"parle (?:\w+ )?(?:chinois|charabia|une autre langue|en langue etrangere|comme (?:un|une) (?:ivrogne|saoul))",
        r"(?:comprend|comprends|comprenons|comprenait) plus rien (?:a |de )?ce qu (?:il|elle) (?:dit|raconte)",
        r"(?:d un coup|tout a coup|subitement|brutalement)(?: \w+){0,6} (?:dit|raconte) n importe quoi",
        r"(?:d un coup|tout a coup|subitement|brutalement)(?: \w+){0,6} (?:des )?mots qui (?:existent|veulent)"
        r" (?:pas|rien)",
        r"(?:comprend|comprends|comprenait) plus rien (?:d un coup|tout a coup|subitement|brutalement)"
        r"(?! (?:a|au|de|d) (?:votre|vos|ce|cette|la|le|l) (?:menu|standard|machine|messagerie|message|site"
        r"|appli\w*)\b)",
        r"(?:dit|raconte) n importe quoi (?:d un coup|tout a coup|subitement|brutalement)",
        r"(?:parle|parler|cause) (?:\w+ )?(?:bizarre\w*|drole\w*|mal|pateuse?) (?:d un coup|tout a coup|subitement"
        r"|depuis \d+ (?:minutes?|heures?))",
        # the article dropped or "sent" heard "sang"/"cent": "il sent plus jambes"
        r"(?:ne )?(?:sent|sens|sang|cent) plus (?:(?:ses|mes|les|son|sa|le|la) )?(?:jambes|bras|mains|pieds|cote)",
        # the worst headache, sudden
        r"(?:mal (?:a |de )?(?:la )?tete|migraine|cephalee)(?: \w+){0,10}"
        r" (?:brutal\w*|violent\w*|pire|coup de (?:massue|poignard|tonnerre|marteau|couteau)"
        r"|jamais eu (?:aussi|si|un tel|ca)|explos\w*|d un (?:seul )?coup|pire douleur)",
        r"pire (?:mal (?:de )?tete|migraine) (?:de |d )?(?:ma|sa|toute sa|toute ma) vie",
        r"pire (?:de )?tete de (?:ma|sa|toute sa|toute ma) vie",  # "mal" dropped, "de" kept
    )),
    # "ne peut plus lever le bras" is a stroke sign, unless a shoulder or wrist injury explains it
    Rule("signes d avc", V, _any(
        r"(?:arrive|arrivait|peut|peux|pouvait) (?:pas|plus) (?:a )?lever (?:le|son|sa|les|ses) (?:bras|jambes?)",
        # "il arrive plus à bouger le bras droit d'un coup" (a fall or an injury explains it otherwise)
        rf"(?:arrive|arrivait|peut|peux|pouvait|sent|sens){_ADVERB}? (?:pas|plus)(?: du tout)? (?:a )?(?:bouger|lever"
        r"|soulever|serrer|tenir) (?:\w+ )?(?:le|son|sa|la|les|ses) (?:bras|jambes?|mains?|cote)"
        r"(?: (?:droite?|gauche))?",
        r"(?:bras|main) (?:\w+ )?(?:qui|il|elle) (?:tombe|retombe|pend)(?! (?:de|du|des|dans|sur|par|en)\b)",
        # "il a plus de force dans le bras gauche d'un coup"
        r"(?:plus (?:aucune |du tout )?de|perdu (?:la |sa |toute sa )?|perte de|pas de|sans) force (?:dans|au|a|de)"
        r" (?:le |la |les |l |son |sa |ses )?(?:bras|jambe|main|cote|moitie)s?(?: \w+){0,2}"
        r" (?:droite?|gauche|d un coup|subitement|brutalement|tout a coup|depuis \d+ (?:minutes?|heures?))",
        # the arm and the leg of one side: "plus de force dans la jambe et le bras gauche"
        r"(?:force|faible\w*|lourde?s?|engourdi\w*|endormie?s?|fourmill\w*|insensible\w*|sens plus|sent plus|bouge plus"
        r"|paralyse\w*)(?: \w+){0,4} (?:bras|jambe|main|pied)s? (?:et|ni) (?:le |la |l |son |sa |mon |ma )?"
        r"(?:bras|jambe|main|pied)s? (?:droite?|gauche)",
        r"(?:bras|jambe|main|pied)s? (?:et|ni) (?:le |la |l |son |sa |mon |ma )?(?:bras|jambe|main|pied)s?"
        r" (?:droite?|gauche)s?(?: \w+){0,4} (?:(?:qui )?lache\w*|flanche\w*|faible\w*|lourde?s?|engourdi\w*"
        r"|endormie?s?|insensible\w*|sans force"
        r"|bouge\w* plus|repond\w* plus|paralyse\w*|morte?s?|molle?s?|tout mou|toute molle|fourmill\w*)",
    ),
        not_with=_any(r"epaule", r"poignet", r"coude", r"clavicule", r"luxation", r"fractur\w*", r"entorse",
                      r"(?:est|suis|s est|es|sont|a fait une) (?:\w+ )?(?:tombee?|chute)", r"tombee? (?:par terre|dans"
                      r"|de|du|sur|en)", r"chute", r"cass\w*", r"platre", r"douleurs? (?:au|a l|dans l)", r"genou",
                      r"cheville", r"sciatique", r"lumbago", r"tendinite", r"foule\w*", r"coup (?:de|sur|a)",
                      r"accident")),
    Rule("avc", V, _any(
        r"avc", r"(?:a|ha|as) v c", r"(?:un|une) (?:a|ha|as) v (?:ses|ces|sait|sais|c est)\b", r"(?:a|ha|as) vece",
        r"(?:un|une) vece",
        r"(?:a|ha|as) ve ce", r"accident vasculaire\w*",
        r"attaque cerebrale",
        r"hemorragie cerebrale",
        r"(?:fait|fasse|faire|fais) une attaque(?! (?:de|d) (?:panique|angoisse|nerfs|asthme|goutte|migraine|toux"
        r"|larmes|allergie|colere)\b)",
        r"(?:fait|fasse|faire|fais) attaque\b",
        r"(?:fait|fasse|faire|fais) (?:un|une) v c\b"),
        Kind.EVENT, not_before=_IDIOM_EVENT_BEFORE, before_words=6, not_after=_IDIOM_EVENT_AFTER),
    # --- bleeding -----------------------------------------------------------------------------
    Rule("hemorragie", V, _any(
        r"hemorragi\w*",
        # (but not "ça saigne pas beaucoup")
        r"saigne\w*(?: (?!pas\b|plus\b|jamais\b)\w+)?"
        r" (?:beaucoup|abondamment|enormement|a flots?|sans arret|de partout|fort|tres fort|comme un boeuf"
        r"|a gros bouillons)",
        r"(?:saign\w*|signe)(?: \w+){0,4} (?:s arrete|arrete) (?:pas|plus)", r"sang (?:qui )?coule\w*",
        rf"piss\w* (?:le |du )?{_SANG}", rf"(?:du|de) {_SANG} partout",
        r"scarifi\w* (?:\w+ )?(?:profond\w*"
        r"|jusqu a l os)", rf"(?:perd|perds) (?:beaucoup|enormement|trop|plein) (?:de |d )?{_SANG}",
        r"(?:beaucoup|plein|enormement|une mare) (?:de |d )?sang",
        r"mare (?:de |d )?(?:cent|sent|sans|100)",  # "sang" heard as "cent" in "une mare de sang"
        # vomiting or coughing blood (but "il vomit sans arrêt" is not blood)
        rf"(?:vomi\w*|crach\w*|tousse\w*|rend\w*) (?:du |de |le |des caillots de |plein de |beaucoup de |que du )"
        rf"{_SANG}",
        r"(?:vomi\w*|crach\w*) sang",
        r"(?:vomi\w*|crach\w*) (?:cent|100)(?! fois\b)",  # "du" dropped and "sang" heard "cent"
        r"vomi\w* (?:\w+ ){0,4}marc de cafe",
        # "saigne" heard as "signe" (but "il signe beaucoup de papiers")
        r"signe (?:beaucoup|enormement|abondamment|a flots?|de partout|sans arret)"
        r"(?! (?:de|d) (?:papiers?|documents?|formulaires?|contrats?|cheques?|courriers?))",
        r"(?:sang|sans) partout", r"sang (?:qui |m a |lui a |nous a |a )?gicle\w*", r"gicle\w*(?: \w+){0,2} sang",
    )),
    Rule("hemorragie", V, _any(
        rf"perdu (?:beaucoup|enormement|trop|plein) (?:de |d )?{_SANG}",
        r"sang qui sort (?:de la|par la) bouche",
        r"sang (?:beaucoup|enormement|partout|trop|a flots?|de partout)",
        r"saigne\w* (?:a )?(?:flots?|gros bouillons)",
        r"(?:flaque|mare|litres?|bassine|seau) (?:de |d )?sang",
        r"(?:tout|toute|tous) en sang",
        r"baigne\w* dans (?:son|le|du) sang",
        r"(?:rempli|pleine?|trempe|imbibe)\w* de sang",
        r"saigne\w* comme (?:un|une) (?:boeuf|fontaine|cochon)",
        r"(?:arrive|arrivons|arrivent|peut|peux) (?:pas|plus) a (?:arreter|stopper) (?:le sang|le saignement|de saigner"
        r"|l hemorragie|ca)",
        r"(?:arrete|s arrete) (?:pas|plus) de saigner",
        r"sang (?:\w+ ){0,2}(?:arrete|s arrete) (?:pas|plus) de (?:couler|sortir|gicler|pisser)",
        r"saignements? (?:abondants?|importants?|enormes?|massifs?)",
        r"(?:saign\w*|sang)(?: \w+){0,3} (?:nez|bouche|oreilles?) et (?:\w+ ){0,3}(?:nez|bouche|oreilles?|yeux)",
        # how much: "en grande quantité", "elle remplit les serviettes", "des gros caillots"
        rf"(?:{_SANG}|saign\w*|perd\w*)(?: \w+){{0,3}} en (?:grande|grosse|enorme|tres grande) quantite",
        r"(?:grande|grosse|enorme)s? quantites? (?:de |d )sang",
        r"(?:remplit|rempli|remplie|trempe\w*|traverse\w*|inonde\w*|imbibe\w*)(?: \w+){0,3} (?:serviettes?|protections?"
        r"|garnitures?|tampons?|draps?|alese|matelas|pantalon|jean)",
        r"(?:serviettes?|protections?|garnitures?)(?: \w+){0,4} (?:pleines?|trempees?|remplies?"
        r"|toutes les (?:\d+|quelques) (?:minutes?|min)|par heure|chaque heure)"
        r"(?! (?:\w+ )?(?:apres|de|d|par|sous) (?:la |le |l )?(?:douche|bain|sueur|eau|pluie|transpiration|piscine"
        r"|mer)\b)",
        r"(?:gros|enormes?|grands?) caillots",
        r"sang plein (?:la|le|les|l|sa|son|ses|mon|ma|mes)\b",
        r"caillots (?:\w+ ){0,2}(?:gros|enormes?|grands?|comme)",
        r"saign\w*(?: \w+){0,6} sans (?:s )?arret\w*",
        r"(?:sang|saignement|hemorragie)(?: \w+){0,3} (?:s arrete|arrete) (?:pas|plus)",
        r"(?:sang|saign\w*) (?:qui )?(?:coule|sort|pisse)\w* (?:\w+ )?(?:sans s arreter|non stop|en continu)",
        r"sang (?:qui )?(?:sort|coule|pisse) (?:de partout|a flots?|beaucoup|sans arret|fort|enormement)",
        rf"{_SEVERE_PAIN}(?: \w+){{0,8}} (?:saign\w*|perds? du sang|du sang)",
        rf"(?:saign\w*|perds? du sang)(?: \w+){{0,8}} {_SEVERE_PAIN}",
    )),
    # a small word dropped or heard wrong: "trempé 2 sang", "ça saigne [énormément] on arrive pas à arrêter"
    Rule("hemorragie", V, _any(
        rf"(?:trempe|imbibe)\w* (?:de |d )?{_SANG}",
        # what soaks up the blood, with a wound or bleeding named: "ça saigne le torchon est trempé"
        r"(?:saign\w*|plaie|coupure|blessure|coule\w*|sang)(?: \w+){0,8} (?:torchons?|linges?|pansements?|compresses?"
        r"|tee shirts?|serviettes?|bandages?|chiffons?|essuie tout|mouchoirs?) (?:\w+ ){0,2}(?:trempe|imbibe)\w*",
        r"(?:torchons?|linges?|pansements?|compresses?|bandages?|chiffons?|essuie tout) (?:\w+ ){0,2}"
        r"(?:trempe|imbibe)\w*(?: \w+){0,8} (?:saign\w*|plaie|coupure|blessure|pale|sang)",
        r"(?:saign\w*|sang)(?: \w+){0,4} (?:arrive|arrivons|arrivent|peut|peux) (?:pas|plus) (?:a )?(?:l |le |la )?"
        r"(?:arreter|stopper)",
        r"crach\w*(?: \w+){0,3} en (?:grande|grosse|enorme|tres grande) quantite",
    )),
    # "ça coule à flots", "une plaie qui [saigne] à gros bouillons" (but "le vin coulait à flots", "bouillir l'eau à
    # gros bouillons")
    Rule("hemorragie", V, _any(r"a (?:flots?|gros bouillons)"),
         not_with=_any(r"vin", r"champagne", r"bieres?", r"alcool", r"fontaines?", r"larmes", r"argent", r"pluie",
                       r"robinets?", r"fuites?", r"musique", r"mariage", r"fete", r"bouilli\w*", r"eau bout",
                       r"cuisson", r"cuire", r"pates", r"soupe", r"sources?", r"lumiere", r"soleil", r"riz")),
    # "ça gicle" alone is blood spurting (but "de l'eau de javel m'a giclé dans l'œil" is a product: an eye injury)
    Rule("hemorragie", V, _any(r"gicle\w*"),
         not_before=re.compile(r"\b(?:javel\w*|produits?|eau|huile|graisse|cremes?|jus|lait|pus|sauce|vapeur|spray"
                               r"|acide|soude|chlore|essence|detergent|nettoyant|shampo\w*|savon|parfum)\b"),
         before_words=6,
         not_after=re.compile(r"^(?:\w+ ){0,3}(?:dans|a|aux) (?:l |les |son |mon |ses |mes |ma |sa |la )?"
                              r"(?:oeil|yeux)\b"
                              r"|^(?:\w+ ){0,2}(?:de |d |du |des )(?:la |l )?(?:javel|produit|eau|huile|creme|jus|lait"
                              r"|pus|savon|shampo\w*)")),
    # a power tool: a deep wound that bleeds a lot (but a wound said to need stitches is urgente, rule 6)
    Rule("traumatisme grave", V, _any(r"tronconneuse", r"debroussailleuse", r"scie circulaire", r"disqueuse"),
         not_with=_any(r"points", r"points? de suture", r"recoudre", r"suture\w*", r"agrafes?", r"steri\w*",
                       r"superficiel\w*", r"pas (?:tres |trop |si )?profonde?", r"petite? (?:coupure|entaille|plaie)",
                       r"egratign\w*")),
    # a product or a splinter in the eye (rule 6: an eye injury is urgente)
    Rule("blessure de l oeil", U, _any(
        r"(?:javel\w*|produits?|acide|soude|chlore|ammoniaque|detergent|nettoyant|deboucheur|ciment|chaux|platre"
        r"|eclats?|copeaux?|limaille|verre|metal)(?: \w+){0,6} (?:dans|a|aux) (?:l |les |son |mon |ses |mes |un )?"
        r"(?:oeil|yeux)\b",
        r"(?:oeil|yeux)(?: \w+){0,6} (?:javel\w*|produit|acide|soude|chlore|ammoniaque|deboucheur|ciment|chaux)",
        r"(?:recu|pris|prend|eclat|projection)\w*(?: \w+){0,3} (?:dans|a) (?:l |les |son |mon )?(?:oeil|yeux)\b")),
    Rule("saignement", U, _any(r"saigne\w*", r"sang dans (?:les|ses|mes) (?:urines|selles)", r"du sang dans")),
    # --- suicide / overdose / poisoning -------------------------------------------------------
    Rule("risque suicidaire", V, _any(
        r"(?:me|se|te) suicider", r"suicider", r"suicidaire\w*",
        r"(?:veux|veut|voulais|voulait|voudrais|voudrait|aimerais|envie de|envie d|envie|vais|va) (?:me |se )?"
        r"(?:mourir|tuer|en finir)",
        # "je vais sauter du pont", not "je vais sauter le repas"
        r"(?:vais|va|veux|veut) sauter(?! (?:le|les|un|une|des|mon|ma|mes|son|ses|ce|cette|ton|ta|tes|son)\b"
        r"| la (?!rambarde|barriere|balustrade|fenetre))",
        r"(?:veut|veux|voulait) plus vivre",
        r"vouloir mourir",
        r"(?:me|se) faire du mal", r"(?:message|lettre|mot) d adieu",
        r"(?:me|se) tuer", r"(?:vais|va|veux|veut|vouloir|voulait|voudrais|voudrait) (?:me|se|te) tue\b",
        r"mettre fin a (?:mes|ses|tes) jours", r"mettre fin a (?:ma|sa|ta) vie",
        r"(?:medicaments?|cachets?|comprimes?) pour mourir", r"(?:couper|ouvrir|taillader) (?:les |ses |mes )?veines",
        r"en finir avec (?:la vie|tout)",
        # "mettre" or "à" dropped: "je veux fin à ma vie", "mettre fin mes jours"
        r"(?:mettre|veux|veut|vais|va) fin (?:a )?(?:ma|sa|ta|mes|ses|tes) (?:vie|jours)",
        r"fin (?:a )?(?:mes|ses|tes) jours",
        r"(?:jeter|jette|jettes) (?:par |de |du )?(?:la fenetre|le balcon|le pont|du pont|du balcon|la falaise)\b",
        r"plus envie (?:de |d )?vivre", r"(?:me|se) jeter (?:par la fenetre|sous|du)", r"(?:me|se) pendre", r"pendue?",
        r"foutre (?:en |an |on )?(?:l |la )?air",  # "en"/"l" dropped: "se foutre l air", "foutre en air"
        r"ouvert (?:les |ses |mes )?veines",
        r"(?:ouvert|ouvre|ouvrir|taillade\w*|taille\w*|entaille\w*|tranche\w*) (?:le |les |son |ses |mes |mon "
        r"|un |les 2 )?"
        r"(?:poignets?|veines?)",
    ),
        # idioms (rule 11): "cette attente va me tuer", "ça va me tuer", "je vais mourir de rire"
        not_before=re.compile(r"\b(?:attente|musique|standard|chaleur|bruit|boulot|travail|factures?|prix|ca|cela)"
                              r"(?: \w+)?$"),
        not_after=re.compile(r"^(?:de|d) (?:rire|faim|froid|chaud|honte|ennui|soif|peur|chagrin|fatigue|jalousie)\b")),
    # a suicide attempt in progress: on a bridge, a balcony, a window, goodbyes
    Rule("risque suicidaire", V, _any(
        r"enjamb\w*(?: \w+){0,3} (?:rambarde|balustrade|garde corps|parapet|fenetre|balcon|barriere|pont|rebord)",
        r"au bord (?:du|de la|d un|d une|de l) (?:vide|falaise|pont|toit|quai|precipice|ravin|fenetre)",
        r"de l autre cote de la (?:rambarde|balustrade|barriere|fenetre)",
        r"(?:sur|assise? sur|debout sur|monte\w* sur) (?:le|la|les) (?:rebord de la fenetre|rambarde|balustrade|parapet"
        r"|rails|voie ferree|garde corps)",
        r"(?:balcon|pont|toit|fenetre|falaise|rambarde|parapet|viaduc|immeuble|etage|quai|rails)(?: \w+){0,8}"
        r" (?:sauter|saute|jeter|jette|adieux?|en finir|me tuer|se tuer|mourir)",
        r"(?:sauter|saute|sautes) (?:\w+ ){0,2}(?:du|d un|d une|de la|par la|dans le vide|sous|devant|de l)(?: \w+)?"
        r" (?:pont|toit|balcon|fenetre|falaise|immeuble|etage|viaduc|train|vide|rambarde|metro)",
        r"(?:me|se|te|m|s) (?:jeter|jette|jettes) (?:\w+ ){0,2}(?:par|sous|du|d un|d une|de la|dans le vide|dans la"
        r" (?:seine|riviere|loire|mer)|devant|a l eau)",
        r"(?:menace\w*|prete?|sur le point|parle|parlait|decidee?) (?:de |d |a )?(?:sauter|se jeter|se tuer|se pendre"
        r"|en finir|se suicider|se foutre en l air)",
        r"en finir (?:ce soir|cette nuit|aujourd hui|maintenant|une bonne fois|pour de bon|demain)",
        r"(?:dit|dire|dis|fait|faire|fais|ecrit|envoye|laisse) (?:\w+ ){0,3}adieux?",
        r"adieu a (?:tout le monde|tous)",
        r"(?:me|se|te) tirer (?:une balle|dessus)",
        r"veines? (?:\w+ )?(?:ouvertes?|coupees?|tailladees?)",
        r"(?:ouvert|ouvre|ouvrir) le gaz",
        r"(?:dormir|endormir) (?:\w+ )?(?:pour toujours|et ne plus (?:me|se) reveiller)",
        rf"(?:pris|avale\w*) (?:[1-9]\d|une dizaine|une vingtaine|une trentaine|des dizaines|plein) (?:de |d )?{_MEDS}",
        # many pills with alcohol (not "est-ce que je peux prendre mes médicaments avec du vin")
        rf"(?:pris|avale\w*) (?:tous|toutes|toute|plein|beaucoup|une boite|la boite|des|plusieurs|\d+)(?: \w+){{0,3}}"
        rf" {_MEDS}(?: \w+){{0,3}} (?:avec|et) (?:de l |du |de la |la )?(?:alcool|whisky|vodka|vin|biere|rhum)",
        r"(?:alcool|whisky|vodka|vin|biere|rhum|bouteille)(?: \w+){0,6} (?:pris|avale\w*)"
        rf" (?:des|plein de|plusieurs|tous|toutes|une boite|la boite|\d+|beaucoup de) (?:\w+ )?{_MEDS}",
        r"(?:trouve\w*|retrouve\w*)(?: \w+){0,4} (?:boites?|plaquettes?|flacons?|tubes?)(?: \w+){0,3} vides?",
    )),
    Rule("risque suicidaire", V, _any(
        # dark thoughts (or psychiatric care) and a means at hand: "des idées noires, il s'est enfermé avec un couteau"
        r"(?:idees noires|suicid\w*|deprim\w*|depressi\w*|envie de mourir|en finir|psychiatr\w*)"
        r"(?: \w+){0,24}"
        r" (?:avec (?:un|une|le|la|son|sa|des) (?:couteau|corde|arme|fusil|pistolet|carabine|lame|rasoir|cutter"
        r"|ceinture)|(?:une|la|sa|son|un|le) (?:corde|fusil|pistolet|carabine|arme)\b)",
        r"(?:couteau|corde|fusil|pistolet|carabine|arme|rasoir)(?: \w+){0,10} (?:idees noires|suicid\w*"
        r"|envie de mourir|en finir)",
        r"au revoir comme si (?:c etait|c est|c etais|on se voyait) (?:la|pour la) derniere fois",
        r"(?:me|se|te|jeter|jette) sous (?:un|une|le|la) (?:train|metro|camion|bus|voiture|tram\w*|rer)",
        # "je veux disparaître" (not "disparaître de vos fichiers")
        r"(?:veux|veut|voulait|voulais|voudrais|voudrait|envie de|vais|va) (?:\w+ )?disparaitre"
        r"(?! (?:de|des|du) (?:vos|votre|la|le|les|ce|cette|ces|fichiers?|listes?|registres?|bases?)\b)")),
    Rule("tentative de suicide", V, _any(r"tentative de suicide", r"suicide"), Kind.EVENT),
    # all the pills at once (but "j'ai pris tous mes médicaments ce matin comme d'habitude" is the daily treatment)
    Rule("intoxication", V, _any(
        r"(?:avale\w*|pris|prendre|bu)(?: \w+){0,3}"
        r" (?:tous|toutes|toute|une boite|la boite|les boites|plein de|trop de)"
        rf"{_W}{{0,3}} (?:medicaments?|cachets?|comprimes?|pilules?|boites?|somniferes?|doliprane|paracetamol)",
        rf"(?:pris|avale\w*)(?: \w+){{0,2}} (?:tous|toutes|tout) (?:\w+ ){{0,2}}(?:celles|ceux|les siennes|les miennes"
        rf"|qui restaient|d un coup|{_MEDS})"),
        not_after=re.compile(r"^(?:\w+ ){0,4}(?:comme (?:d habitude|d hab|tous les jours|prevu|prescrit|d ordinaire)"
                             r"|tous les (?:jours|matins|soirs)|chaque (?:jour|matin|soir)|le matin et le soir)")),
    Rule("intoxication", V, _any(
        # the whole box, bottle or pill organiser at once: "avalé tout le pilulier", "bu tout le flacon de sirop"
        r"(?:avale\w*|pris|bu|mange\w*|vide\w*)(?: \w+){0,2} (?:tout|toute) (?:le|la|son|sa|mon|ma|un|une)"
        r" (?:pilulier|semainier|flacon|boite|tube|plaquette|bouteille de sirop|stock|reserve|sachet) (?:entier\w* )?"
        r"(?:de|d|du|des)\b",
        r"(?:avale\w*|pris|bu|mange\w*|vide\w*)(?: \w+){0,2} (?:tout|toute) (?:le|la|son|sa|mon|ma|un|une)"
        r" (?:pilulier|semainier)",
        r"(?:avale\w*|pris|bu|mange\w*|vide\w*)(?: \w+){0,2} (?:un|une|le|la|son|sa|mon|ma) (?:flacon|boite|tube"
        r"|plaquette|bouteille|pilulier|semainier) (?:entier|entiere|complet|complete|plein|pleine)",
        rf"{_MEDS}(?: \w+){{0,5}} (?:toute la boite|tout le flacon|tout le tube|toute la plaquette|tout le pilulier"
        r"|toutes les plaquettes|toute la reserve)",
        # medicines of another person (rule 5), whoever took them
        rf"(?:avale\w*|pris|mange\w*|bouffe\w*|gobe\w*|bu)(?: \w+){{0,3}} {_MEDS} (?:de|d|du) (?:son|sa|mon|ma"
        rf"|leur|notre)"
        r" (?:mari|femme"
        r"|pere|mere|grand pere|grand mere|frere|soeur|voisine?|copain|copine|fils|fille|coloc\w*|conjointe?|compagne?"
        r"|compagnon|papa|maman|mamie|papi|papy|oncle|tante|beau pere|belle mere)\b",
        r"(?:une|la|toute la|toute une) boite (?:entiere )?(?:de|d)(?: \w+)?"
        r" (?:medicaments?|cachets?|comprimes?|pilules?|somniferes?|doliprane|paracetamol|anxiolytiques?|\w+ine)",
        rf"(?:beaucoup )?trop de (?:\w+ ){{0,2}}(?:{_MEDS}|traitement)",
        r"intoxique\w*", r"intoxication", r"empoisonne\w*", r"monoxyde",
        r"(?:avale\w*|bu|boire)(?: \w+){0,4} (?:javel|poison|detergent|destop|white spirit|pile|piles|lessive"
        r"|dosette|baies|champignons|antigel|essence|petrole|acide|soude|insecticide|raticide|mort aux rats)",
        r"mange\w*(?: \w+){0,4} (?:baies|champignons)(?: \w+){0,6} (?:vomit|somnolent\w*|malaise|tres mal|confus\w*)",
        # a young child who swallowed someone else's medicine
        r"(?:bebe|enfant|petit\w*|fils|fille|\d+ (?:ans|mois))(?: \w+){0,5} (?:avale|mange|pris)\w*(?: \w+){0,3}"
        r" (?:cachets?|comprimes?|gelules?|pilules?|medicaments?)(?: \w+){0,2} (?:de|d|du) (?:ma|mon|sa|son|ses|mes|sa|"
        r"grand|mamie|papi|papy|sa mere|son pere)\b",
        r"(?:avale\w*|mange\w*)(?: \w+){0,2} (?:des|tous|toutes|plusieurs|plein de) (?:cachets|comprimes|medicaments"
        r"|pilules|gelules)",
        # carbon monoxide: a heater and headaches or vomiting, or the whole household with a headache
        rf"{_CO_SOURCE}(?: \w+){{0,12}} {_CO_SIGNS}",
        rf"{_CO_SIGNS}(?: \w+){{0,12}} {_CO_SOURCE}",
        # a heater named, then the whole household with a headache
        rf"{_CO_SOURCE}(?: \w+){{0,14}} (?:tous|toute la famille|tout le monde|et moi on|les 2)(?: \w+){{0,3}}"
        r" (?:mal|maux) (?:a|de|au) (?:la )?(?:tete|crane)",
        r"(?:tous|toute la famille|tout le monde|et moi on)(?: \w+){0,2}"
        r" (?:mal (?:a|de|au) (?:la )?(?:tete|crane)|maux de tete|la tete qui tourne)(?: \w+){0,8}"
        r" (?:vomi\w*|nause\w*|envie de vomir|malaise|somnol\w*|endormi\w*|s endor\w*|envie de dormir|chauffage)",
    )),
    # "il a bu du produit" (but not the product an exam asks to drink: "boire le produit la veille de la coloscopie")
    Rule("intoxication", V, _any(r"(?:avale\w*|bu|boire)(?: \w+){0,4} produit"),
         not_with=_any(r"coloscopie", r"fibroscopie", r"examen", r"preparation", r"lavement", r"purge", r"la veille",
                       r"a jeun", r"radio", r"scanner", r"irm", r"contraste", r"echographie", r"analyses?")),
    # pills mixed with alcohol on purpose, or taken "to not wake up"
    Rule("risque suicidaire", V, _any(
        r"pour (?:ne )?(?:plus|pas) (?:se|me|te) (?:reveiller|reveille)(?! (?:la nuit|en pleine nuit|trop tot"
        r"|a \d+|le matin"
        r"|avant|pendant|toutes les|tout le temps|\d+ fois)\b)",
        r"pour (?:dormir|s endormir|m endormir) (?:pour toujours|a jamais|definitivement)",
        r"melange\w* (?:\w+ ){0,3}(?:alcool|whisky|vodka|vin|biere|rhum|pastis) (?:et|avec) (?:des |ses |les "
        r"|mes |ces )?"
        r"(?:somniferes|anxiolytiques|calmants|cachets|comprimes|medicaments|medocs|xanax|lexomil|stilnox|imovane)",
        r"melange\w* (?:\w+ ){0,3}(?:somniferes|anxiolytiques|calmants|cachets|comprimes|medicaments|medocs|xanax"
        r"|lexomil|stilnox|imovane) (?:et|avec) (?:de l |du |de la |la |le )?(?:alcool|whisky|vodka|vin|biere|rhum"
        r"|pastis)"),
        not_with=_any(r"est ce qu\w*", r"(?:peut|peux|peut on|doit|faut) (?:on )?(?:\w+ )?melanger", r"risque\w*",
                      r"dangereux")),
    # the medicine word dropped: "elle a avalé plein de [médicaments] de mamie", "tous les [cachets] de sa grand-mère"
    Rule("intoxication", V, _any(
        r"(?:avale\w*|mange\w*|croque\w*|bu)(?: \w+){0,2}? (?:les|des|tous les|toutes les|plein de|plein d|beaucoup de"
        r"|plusieurs) (?:de|d|du) (?:la |le |l )?(?:son |sa |ses |mon |ma |mes |leur |notre )?(?:grand mere|grand pere"
        r"|mamie|mami|mamy|papi|papy|pere|mere|nounou|voisine?|tante|oncle|tata|tonton|mari|femme|frere|soeur"
        r"|grands parents|papa|maman)\b",
        r"pris (?:plein de|plein d|tous les|toutes les|beaucoup de) (?:de|d|du) (?:la |le |l )?(?:son |sa |ses |mon |ma"
        r" |mes |leur )?(?:grand mere|grand pere|mamie|mami|mamy|papi|papy|pere|mere|nounou|voisine?|tante|oncle|mari"
        r"|femme|frere|soeur)\b",
    )),
    # (but "une overdose de chocolat / de travail" is an idiom)
    Rule("intoxication", V, _any(r"(?:overdose|surdose|over dose)(?! (?:de|d) (?:\w+ )?(?:chocolat|sucre|sucreries"
                                 r"|travail|boulot|series?|tele|television|ecrans?|bonbons?|gateaux?|cafe"
                                 r"|reunions?|infos?"
                                 r"|informations?|paperasse|soleil|sport|fromage|noel|fetes?|musique|pub"
                                 r"|publicite)\b)"),
         Kind.EVENT),
    # a child and the caller's own medicines ("ma fille a avalé mes cachets"): not the child's (rule 14); "pris"
    # also means fetched ("mon fils a pris mes médicaments à la pharmacie")
    Rule("intoxication", V, _any(
        rf"{_CHILD}(?: \w+){{0,6}} (?:avale\w*|mange\w*|croque\w*|bu|goute\w*|suce\w*|pris|pioche\w*"
        rf"|mise? dans (?:sa|la) bouche)(?: \w+){{0,3}} (?:mes|mon|ma|nos|notre) (?:\w+ )?{_MEDS}",
        rf"{_CHILD}(?: \w+){{0,6}} mise? (?:\w+ )?(?:mes|mon|ma|nos|notre) (?:\w+ )?{_MEDS}"
        r" (?:dans|a) (?:sa|la) bouche"),
        not_with=_any(r"pharmacie", r"chercher", r"recuper\w*", r"ramene\w*", r"apporte\w*", r"rapporte\w*",
                      r"commande\w*", r"ordonnance", r"range\w*", r"comme (?:d habitude|prevu|prescrit)",
                      r"(?:son|sa|ses) (?:\w+ )?(?:medicaments?|traitement|cachets?|comprimes?)")),
    # household products, mushrooms, button batteries, several magnets, others' medicines in a child
    Rule("intoxication", V, _any(
        rf"{_INGEST}(?: \w+){{0,8}} {_HOUSEHOLD}",
        rf"{_HOUSEHOLD}(?: \w+){{0,10}} {_INGEST}",
        # a button battery near a child, a mouth, a nose (not "je cherche une pile bouton pour mon appareil")
        rf"{_CHILD}(?: \w+){{0,8}} piles? (?:bouton|plate|ronde|au lithium)",
        r"piles? (?:bouton|plate|ronde|au lithium)(?: \w+){0,8} (?:bebe|enfant|petit|petite|bouche|ventre|nez|oreille"
        r"|gorge|disparu\w*|introuvable|manque)",
        r"(?:billes? aimantees|aimants|plusieurs aimants|deux aimants)"
        rf"(?: \w+){{0,6}} {_INGEST}",
        rf"{_INGEST}(?: \w+){{0,6}} (?:piles?|batterie|billes? aimantees|aimants|plusieurs aimants|\d+ aimants)",
        r"piles?(?: \w+){0,10} (?:avale\w*|mise? dans (?:sa|la) bouche)",
        r"baies(?: \w+){0,8} (?:somnolent\w*|confus\w*|malaise|vomit|tres mal|endormi\w*)",
        r"champignons?(?: \w+){0,10} (?:vomi\w*|diarrhee|malaise|tres mal|tremble|sueurs?|vertiges?|mal au ventre)",
        # a young child and someone else's medicine (not "son doliprane")
        rf"{_CHILD}(?: \w+){{0,6}} (?:avale\w*|mange\w*|croque\w*|pris|bu|pioche\w*|mise? dans (?:sa|la) bouche)"
        rf"(?: (?!(?:son|sa|ses|mon|ma|mes)\b)\w+){{0,4}} {_MEDS}",
        rf"{_MEDS}(?: \w+){{0,6}} (?:de|d|du) (?:mamie|papi|papy|mami|grand mere|grand pere|sa grand mere|son grand"
        rf" pere"
        r"|sa mere|son pere|sa soeur|son frere|la voisine|la nounou)(?: \w+){0,6} (?:avale\w*|mange\w*|pris)",
    )),
    # --- allergy ------------------------------------------------------------------------------
    Rule("anaphylaxie", V, _any(
        rf"{_BODY_FACE}{_NOT_ET}{{0,2}} (?:qui )?(?:gonfle\w*|enfle\w*)",
        rf"{_SWELLS}{_NOT_ET}{{0,2}} (?:de la |du |des |la |le |les |au )?{_BODY_FACE}",
        r"choc anaphylactique", r"anaphyla\w*", r"oedeme de quincke", r"quincke",

        r"gorge (?:qui )?(?:se )?(?:serre|ferme|bloque)", r"choc allergique",
        r"allergi\w*(?: \w+){0,16} (?:siffle\w*|gonfle\w*|respire mal)",
        r"(?:piqu\w*|guepes?|abeilles?|frelons?)(?: \w+){0,8} (?:malaise|tombe|s evanoui\w*|avaler)",
        r"(?:dizaines|plein|plusieurs|nuee|essaim) (?:de|d) (?:guepes|abeilles|frelons)",
        r"(?:allergi\w*|piqu\w*|guepes?|abeilles?|frelons?|cacahuetes?|arachides?)(?: \w+){0,12} (?:les |la |le |l |des"
        r" |ses |sa |son |mes |ma |mon )?(?:levres?|langue|visage|figure|paupieres|yeux|bouche) (?:\w+ )?"
        r"(?:enormes?|toute? gros(?:se)?s?|doublee?s?|deformee?s?)",
        r"allergique\w*(?: \w+){0,8} (?:viens|vient|venons) de (?:me |se |nous )?(?:faire )?piquer",
        r"(?:gonfle\w*|enfle\w*) (?:de )?(?:partout|de tout le corps|tout le corps|de la tete aux pieds)(?: \w+){0,8}"
        r" (?:piqu\w*|allergi\w*|guepes?|abeilles?|frelons?|cacahuetes?|arachides?|antibiotiques?|medicaments?"
        r"|mange\w*|crevettes?)",
    )),
    Rule("anaphylaxie", V, _any(
        r"(?:fait|mis|pique|injecte|utilise|donne)\w*(?: \w+){0,3} (?:epipen|anapen|jext|stylo (?:d )?adrenaline"
        r"|adrenaline)",
        r"(?:allergi\w*|piqu\w*|cacahuetes?|arachides?|crevettes?|fruits de mer|antibiotique\w*)(?: \w+){0,12}"
        r" (?:voix (?:change|rauque|bizarre)|mal a avaler|avale plus|respire (?:mal|plus)|gonfle\w* (?:de )?partout"
        r"|malaise|tombe\w*|siffle\w*)",
        # a food allergen, then the tongue or throat and cannot swallow ("ma langue j'arrive plus à avaler")
        r"(?:allergi\w*|cacahuetes?|arachides?|crevettes?|fruits de mer|noix|noisettes?|amandes?|kiwis?"
        r"|antibiotique\w*)(?: \w+){0,12} (?:arrive|arrivait|peut|peux|pouvait|arrivons) (?:plus|pas) (?:du tout )?"
        r"(?:a )?(?:avaler|deglutir)\b",
    )),
    Rule("allergie", U, _any(
        r"(?:allergi\w*|cacahuete\w*|arachide\w*|guepe|abeille|frelon|crevettes?|fruits de mer)(?: \w+){0,6}"
        r" (?:plaques|boutons) partout",
        r"reaction allergique", r"piqure de (?:guepe|abeille|frelon)", r"piquee? par une? (?:guepe|abeille|frelon)")),
    # --- seizure ------------------------------------------------------------------------------
    Rule("convulsions", V, _any(
        r"convuls\w*", r"con vulse\w*", r"crises? d epilepsie", r"crises? epileptiques?", r"crise convulsive",
        r"epileptique(?: \w+){0,4} crise",
        r"crise (?!d angoisse|de panique|de toux|d asthme|de foie|de nerfs|de larmes)(?:\w+ ){0,2}qui dure",
        r"(?:tremble|secoue)\w*(?: \w+){0,4} (?:bave|ecume)\w*",
        r"(?:fait|fais) une crise et (?:ne )?(?:repond|respire)",
        # "elle est épileptique elle fait une [crise] qui ne s'arrête pas"
        r"epileptique(?: \w+){0,8} (?:qui )?(?:ne )?(?:s arrete|arrete|cesse) (?:pas|plus)\b"),
        # a condition under treatment: "des crises d'épilepsie bien contrôlées par le traitement"
        not_after=_UNDER_TREATMENT),
    Rule("convulsions", V, _any(
        r"(?:tremble|secoue|agite)\w*(?: \w+){0,2}"
        r" (?:de partout|de tout son corps|tout le corps|des bras et des jambes)"
        r"(?: \w+){0,6} (?:tombe\w*|par terre|bave|yeux|repond|reagit)",
        r"(?:tombe\w*|par terre)(?: \w+){0,6} (?:tremble|secoue)\w* (?:de partout|de tout son corps|tout le corps)",
        r"raidi\w*(?: \w+){0,4} (?:tremble|secou\w*|bave|yeux|convuls\w*)",
        r"(?:tout|toute) raides?(?: \w+){0,4} (?:tremble|secou\w*|bave|yeux|convuls\w*)",
        r"(?:crise|crises)(?: \w+){0,4} (?:de suite|a la suite|d affilee|qui s arrete pas|qui s enchainent)",
        r"crise sur crise",
        r"(?:fait|fais|faire|en|pique|piquer) (?:une )?crises?(?: \w+){0,6} (?:tout |toute )?(?:raide|raidi\w*"
        r"|crispe\w*|tremble|secoue\w*|bave|yeux revulse\w*)",
        r"crises?(?: \w+){0,8} (?:ca|et ca|qui|elle) (?:dure|continue)\b"
        r"(?! depuis (?:\d+|des|plusieurs) (?:jours|semaines|mois|ans))",
        # "épilepsie" as a recogniser splits it: "crise des pilepsie", "crise d é pilepsie", "crise d'épi lepsie"
        r"crises? (?:d |des |de |du )?(?:e |epi |e pi |e pil )?(?:e?pil+e?p|lep)\w*",
        r"(?:arrete|arretent|cesse) (?:pas|plus) de (?:convuls\w*|se convulser)",
        # any seizure going on: "crise depuis un quart d'heure", a second one, shaking in a seizure
        r"(?:crises?|convuls\w*|secousses?)(?: \w+){0,4} depuis (?:\d+ (?:minutes?|min|mn)|un quart d heure"
        r"|une demi heure|plus de \d+|plusieurs minutes|de longues minutes|trop longtemps|1 heure|une heure)",
        r"(?:deuxieme|seconde|troisieme|autre|nouvelle|2|3) crises?(?: \w+){0,4} (?:en|dans) (?:la meme |une |\d+ )?"
        r"(?:heure|h|minutes?|min|journee|matinee|soiree|nuit)",
        r"crises?(?: \w+){0,8} (?:en refait|en a refait|en fait|en a fait) (?:une |encore une )?(?:autre|deuxieme|2)",
        r"crises?(?: \w+){0,10} (?:trembl|secou|convuls)\w*(?: \w+){0,4} (?:arrete|s arrete|cesse) (?:pas|plus)",
        r"(?:arrete|s arrete|cesse) (?:pas|plus) de (?:trembler|se secouer|gigoter)(?: \w+){0,10} (?:crise|yeux|bave"
        r"|repond|reagit|par terre|tombe)",
        r"secousses? (?:\w+ ){0,3}(?:partout|de tout le corps|tout le corps|des bras et des jambes)",
        r"(?:crises|convulsions) (?:\w+ ){0,2}(?:a repetition|en serie|l une apres l autre|qui se suivent|repetees"
        r"|rapprochees|sans arret|coup sur coup)",
        r"(?:yeux|regard) (?:\w+ ){0,2}(?:revulse\w*|fixes?|dans le vide|(?:qui |se )?(?:roulent|roule|tournent"
        r"|partent|revulsent|retournent)(?! (?:au ciel|de fatigue|d agacement)))(?: \w+){0,6} (?:trembl|secou|raidi"
        r"|convuls|gigot|spasm)\w*",
        r"(?:trembl|secou|raidi|convuls|gigot|spasm)\w*(?: \w+){0,6} (?:yeux|regard) (?:\w+ ){0,2}(?:qui |se )?"
        r"(?:roulent|tournent|revulse\w*|partent en arriere|blancs|retournes|revulsent)\b",
    ), not_with=_any(r"crises? (?:d |de )(?:angoisse|panique|colere|toux|asthme|foie|nerfs|larmes|rire|fou rire|goutte"
                     r"|hemorroides|hoquet|jalousie|tetanie|spasmophilie|migraine|sinusite|urticaire|colique"
                     r"|hypoglycemie"
                     r"|cystite|eczema|pleurs)", r"frissons?", r"(?:de|du) froid")),
    # --- infant / colour ----------------------------------------------------------------------
    # "il est tout bleu", but not "un hématome tout violet" or "le doigt est tordu et tout violet"
    Rule("cyanose ou hypotonie", V, _any(
        r"(?:est|devient|devenu|devenue|tout|toute|tous|toutes|completement|vire au|a vire|virer au)"
        r" (?:(?:tout|toute|rouge|tres) )?(?:bleu|bleue|bleus|violet|violette|gris|grise)"),
        not_before=re.compile(r"\b(?:hematome|bleu|bosse|ecchymose|coquard|doigts?|orteils?|ongles?|pieds?|cheville"
                              r"|genou|cuisse|coude|poignet|mains?|bras|jambes?|oeil|cicatrice|plaie|dent|ciel|mer)\b"),
        before_words=6),
    Rule("cyanose ou hypotonie", V, _any(
        r"(?:blanc|blanche|pale) et (?:mou|molle)",
        r"(?:levres|visage|peau|ongles|bouche) (?:\w+ ){0,2}(?:bleu|bleues|bleus|violet|violettes|violacee?s?|grises?"
        r"|bleuiss\w*|bleuit|bleuie?s?|grisatres?)",
        r"cyanose",
        r"tout mou(?! en ce moment)", r"toute molle(?! en ce moment)",
        r"(?:bebe|nourrisson) (?:\w+ ){0,3}(?:mou|molle|ne reagit|reagit plus|reagit pas)",
        # "bébé bleu" (but not "mon bébé a un bleu")
        r"(?:bebe|nourrisson) (?:est |devient |il est |elle est )?(?:tout |toute )?"
        r"(?:bleu|bleue|gris|grise|violet|violette)",
        r"(?:taches|boutons|plaques)(?: \w+)? (?:violet\w*|violace\w*)", r"purpura", r"marbre\w*", r"marbrures?",
    )),
    # --- trauma -------------------------------------------------------------------------------
    Rule("traumatisme grave", V, _any(
        r"(?:renversee?|percutee?) par (?:une|un) (?:voiture|camion|moto|bus|scooter|tracteur)",
        r"(?:fait|fais) renverser(?! (?:du|de|d|le|la|les|son|sa|ses|un|une|mon|ma|mes)\b"
        r"| par (?:le|la) (?:vent|tempete))",
        r"(?:tombee?|chute)(?: \w+){0,3} (?:echafaudage|\w+ieme etage|\d+ etages?)",
        r"(?:bras|main|jambe|doigts?|pied) arrache\w*", r"coince\w* dans (?:une|la) machine",
        r"brule\w*(?: \w+){0,3} (?:tout le (?:corps|bras|dos|ventre)|le visage)",
        r"(?:eau|huile) bouillante(?: \w+){0,4} (?:tout le corps|sur elle|sur lui|le visage|le ventre)",
        r"(?:visage|ventre|dos|corps) et (?:les |le |la )?\w+ brules?",
        r"(?:en train d|va|vais) accoucher (?:la (?!semaine|prochaine|\w+ prochaine|fin|mois|veille|nuit prochaine)"
        r"|tout de suite|maintenant|dans la voiture)",
        r"(?:en train d|va|vais) accoucher la$",  # "ma femme va accoucher là"
        r"accouche (?:a la maison|dans la voiture|la maintenant|maintenant)", r"le bebe sort",
        # "on est dans la voiture elle accouche": the birth is the last thing said
        r"(?<!quand )(?<!si )(?:elle|je|j|femme|fille|compagne|copine|soeur|dame|madame|patiente)"
        r" (?:est en train d |va )?accouche(?:r)?$",
        rf"(?:tombee?|chute|chuter){_W}{{0,2}} (?:du|d un|d une|de l|de la|par la)"
        r" (?:toit|balcon|echelle|etage|fenetre|hauteur)",
        r"poignarde\w*", r"coups? (?:de |d )?couteau", r"blesse\w* par balle", r"coups? de feu", r"electrocute\w*",
        r"noye\w*", r"noyade", r"(?:grave|gravement) brule\w*", r"brule\w* (?:grave|gravement|partout|au visage)",
        r"ecrase\w* (?:sous|par)", r"tete (?:qui )?(?:a )?(?:heurte|cogne)\w*(?: \w+){0,4} (?:vomit|saigne|dort)",
        # (not "la nuque raide depuis qu'il a dormi sur le canapé")
        r"nuque raide(?! depuis (?:qu|que|\d+ jours|des jours|hier|la nuit|cette nuit|ce matin))",
        r"accident grave", r"(?:mordu|mordue|mordre|morsure|pique\w*) (?:\w+ ){0,2}(?:serpent|vipere)",
        # (but "il s'est tranché le doigt avec la mandoline" is a cut that needs stitches: rule 6)
        r"(?:s est|se|s) (?:\w+ )?tranche\w*(?! (?:le |la |un |une |son |sa |l )?(?:bout (?:du |de |d )?)?"
        r"(?:doigts?|pouce|ongle|orteils?|peau)\b)",
        r"(?:s est|se|s) (?:\w+ )?sectionne\w*",
        r"tranche\w* (?:la|le|les|sa|son|ses|un|une) (?:main|bras|jambe|pied|gorge|veines?)",
        r"sectionne\w* (?:la|le|les|sa|son|ses|un|une) (?:main|doigts?|bras|jambe|pied|gorge|veines?)",
        r"explosion",
        r"tombee? dans (?:la piscine|l eau|le bain|la mare|le lac|la riviere|le canal|la mer)",
        r"brule\w* (?:sur )?(?:tout le corps|le visage|partout)", r"coince\w* sous",
        r"(?:tomb\w*|cogne\w*|chute|choc a la tete|coup (?:a|sur) la tete)(?: \w+){0,10}"
        r" (?:s endort|somnolent\w*|sang qui sort|choses bizarres|endormie?|confuse?|il dort|elle dort"
        r"|liquide qui coule)",
        r"cordon (?:est )?sorti",
        r"bebe (?:arrive|sort)(?: \w+){0,4} (?:dans la voiture|a la maison|maintenant)",
        r"tete du bebe", r"(?:ventre )?dur comme du bois",
        r"(?:c est )?(?:tres )?grave venez",
        r"urgences? vite", r"grossesse extra uterine", r"tire\w* dessus",
        r"chute de (?:\d+|plusieurs) (?:metres|etages)", r"la tete (?:du bebe )?sort",
        # a large farm animal: gored or trampled; a wound that opens the belly, chest or skull
        r"encorne\w*", r"pietine\w*",
        r"(?:taureau|vache|boeuf|sanglier|cheval|jument|cerf|bete)(?: \w+){0,3} (?:charge|fonce dessus|coince\w*"
        r"|ecrase\w*|projete\w*)",
        r"(?:ventre|thorax|crane|gorge) (?:tout |grand |grande )?(?:ouverte?|ouvert en deux|qui est ouverte?)\b",
        # a pit, tank or silo (gases) and someone who faints or cannot be got out
        r"(?:fosse|cuve|silo|citerne|egout|lisier|lisser)(?: \w+){0,10} (?:tombe\w* dans les pommes|evanoui\w*"
        r"|inconscient\w*|respire (?:plus|mal)|malaise"
        r"|(?:arrive|arrivons|peut|peux) (?:pas|plus) a (?:le|la|l) sortir)",
    )),
    # a birth somewhere other than the maternity ward: "elle accouche dans la salle de bain" (but "elle a accouché
    # chez nous" said by a maternity ward about a past birth is history, unless it was minutes ago)
    Rule("traumatisme grave", V, _any(
        r"(?:accouche|accouchent|accoucher|accouchee?) (?:\w+ )?(?:dans|a|sur|chez|en|par)"
        r" (?:la |le |les |l |sa |son |ma |mon |notre |un |une |des )?(?:maison|domicile|voiture|salle de bains?"
        r"|toilettes|wc|cuisine|salon|chambre|lit|escaliers?|couloir|parking|ascenseur|taxi|rue|canape|baignoire|douche"
        r"|camion|bus|train|route|autoroute|magasin|bureau|jardin|sol|par terre|nous|moi|elle|lui|plein air|pleine rue"
        r"|cabinet|pharmacie|appartement|entree)"),
        not_with=re.compile(r"\b(?:a|avait|ont|avaient|as|ai) (?:\w+ )?accouche(?!(?: \w+){0,10} (?:vient|viens"
        r"|il y a \d+"
                            r" (?:minutes?|min)|a l instant|maintenant|tout de suite|en ce moment|respire|saigne"
                            r"|crie)\b)")),
    # "le ventre est [dur] comme du bois" (kept apart: "ventre" is a common word)
    Rule("traumatisme grave", V, _any(r"ventre (?:\w+ )?comme (?:du|un) bois")),
    Rule("traumatisme grave", V, _any(
        r"accident (?:de |d )?(?:la )?(?:voiture|route|moto|circulation|tracteur|camion|bus|scooter)"), Kind.EVENT),
    Rule("purpura ou meningite", V, _any(
        r"fievre(?: \w+){0,12} (?:cou|nuque) (?:\w+ )?(?:raide|bloquee?|dure?|plie plus)",
        r"(?:cou|nuque) (?:\w+ )?(?:raide|bloquee?|dure?)(?: \w+){0,12} fievre",
        r"raideur (?:de |dans |a )?(?:la )?nuque",
        r"(?:peut|arrive) (?:plus|pas) (?:a )?(?:baisser|plier|pencher)"
        r" (?:la|sa) tete",
        # spots that do not fade when pressed (the glass test)
        r"(?:taches|boutons|points|plaques)(?: \w+){0,8}"
        r" (?:s effacent|partent|disparaissent|blanchissent|s en vont|palissent) (?:pas|plus)",
        r"fievre(?: \w+){0,12} (?:taches|boutons|points|plaques) (?:\w+ )?(?:violet\w*|violace\w*|pourpres?|noir\w*"
        r"|rouge fonce)",
        r"(?:violet\w*|violace\w*)(?: \w+){0,8} (?:fievr\w*|39|40|41)",
        r"fievr\w*(?: \w+){0,12} (?:violet\w*|violace\w*)",
        r"fievr\w*(?: \w+){0,12} nuque",
        r"fievr\w*(?: \w+){0,12} (?:peut|peux|arrive|arrivait|pouvait) (?:plus|pas) (?:a )?(?:bouger|tourner"
        r"|plier|baisser"
        r"|pencher) (?:le |la |son |sa )?(?:cou|nuque|tete)",
        r"(?:peut|peux|arrive|arrivait|pouvait) (?:plus|pas) (?:a )?(?:bouger|tourner|plier|baisser|pencher)"
        r" (?:le |la |son |sa )?(?:cou|nuque)(?: \w+){0,12} fievr\w*",
        # bruises appearing with a fever: "des taches comme des bleus partout"
        r"(?:taches|plaques|marques)(?: \w+){0,3} comme (?:des|un|de) (?:bleus?|hematomes?)",
        r"fievr\w*(?: \w+){0,12} (?:bleus|hematomes) (?:partout|sur tout le corps|qui (?:apparaissent|sortent))",
        r"fievre(?: \w+){0,12} (?:supporte (?:pas|plus) la lumiere|lumiere (?:lui |me )?fait mal)",
        # the fever said as a number ("elle a 39"), or a stiff neck and light that hurts together
        r"(?:a |de |fait )(?:38|39|40|41)(?: \d)?(?: \w+){0,12} (?:cou|nuque) (?:\w+ )?(?:raide|bloquee?|dure?)",
        r"(?:cou|nuque) (?:\w+ )?(?:raide|bloquee?|dure?)(?: \w+){0,8} (?:supporte (?:pas|plus) la lumiere"
        r"|lumiere (?:lui |me )?fait mal)",
    )),
    Rule("traumatisme grave", V, _any(
        # a blow to the head, then drowsy, vomiting, confused
        rf"{_HEAD_BLOW}(?: \w+){{0,6}} (?:tete|crane|front|tempe)(?: \w+){{0,12}} {_BRAIN_SIGNS}",
        rf"(?:tete|crane)(?: \w+){{0,3}} {_HEAD_BLOW}(?: \w+){{0,10}} {_BRAIN_SIGNS}",
        rf"(?:tombe\w*|tomber|chute) (?:\w+ ){{0,4}}(?:velo|moto|scooter|trottinette|cheval|escabeau|escalier|echelle"
        rf"|poussette|table a langer|lit)(?: \w+){{0,12}} {_BRAIN_SIGNS}",
        r"(?:tomber|tombe)(?: \w+){0,3} (?:tete|sang)(?: \w+){0,4} pas (?:reveiller|reveille|respirer|bouger|parler)",
        r"(?:tombe\w*|chute|ejecte\w*|desarconne\w*) (?:de|du|d un) (?:cheval|moto|scooter|toit|pont)",
        r"coup de (?:pied de cheval|sabot)",
        r"accident(?: \w+){0,4} (?:blesses?|morts?|victimes?|inconscient\w*|coince\w*|sang)",
        r"(?:des|plusieurs|beaucoup de|deux|\d+) blesses",
        r"(?:fauche\w*|heurte\w*|percute\w*|renverse\w*) par (?:une |un |la |le )?"
        r"(?:voiture|camion|moto|bus|scooter|tracteur|train|tram\w*|velo)",
        r"(?:couteau|lame|ciseaux)(?: \w+){0,3} (?:plante\w*|dans le ventre|dans le dos|dans la poitrine)",
        r"plante\w* (?:un|le|son) couteau",
        # "il s'est fait planter" (stabbed), but not "planté par sa copine" or a computer that crashed
        r"(?:fait|faire|faite|fais) planter(?! par (?:sa|son|mon|ma|une|un) (?:copine|copain|rencard|mec|nana|ex)\b)",
        r"(?:passe|tombe|chute|saute|defenestre)\w* (?:\w+ )?par (?:la |une )?(?:fenetre|balcon)"
        r" (?:du|d un|de l|au|de son|de notre) (?:\d+|\w+ieme|premier|dernier|appartement|immeuble|etage)",
        r"empale\w*",
        # burns on a large area or the face
        r"brule\w* (?:visage|figure|torse|ventre et|dos et)",
        r"brul\w*(?: \w+){0,8} (?:tout le (?:corps|bras|dos|ventre|torse|visage|cou)|toute la (?:jambe|poitrine|figure)"
        r"|(?:le|au) visage|la figure|partout)",
        r"(?:eau|huile) bouillante(?: \w+){0,8} (?:visage|figure|tout le|toute la|bebe|nourrisson)",
        # a large area (both arms, both legs) or a deep burn (white or charred skin, third degree)
        r"brul\w*(?: \w+){0,4} (?:les|ses|mes|leurs|nos) (?:2|deux) (?:bras|jambes|mains|pieds|cuisses|avant bras)",
        r"(?:les|ses|mes|leurs|nos) (?:2|deux) (?:bras|jambes|mains|pieds|cuisses|avant bras)(?: \w+){0,3} brul\w*",
        r"brul\w*(?: \w+){0,4} (?:au )?(?:3|troisieme) degre",
        rf"(?:friteuse|huile|eau bouillante|bouillante?|casserole|marmite|bouilloire"
        rf"|brul\w*)(?: \w+){{0,6}} sur {_BODY_PART}"
        rf" et (?:sur )?{_BODY_PART}",
        r"brulures? (?:\w+ )?(?:enormes?|immenses?|tres grandes?|tres graves?|profondes?)",
        r"(?:enormes?|immenses?|tres grandes?|tres graves?) brulures?",
        r"(?:peau|chair)(?: \w+){0,3} (?:en )?lambeaux",
        r"(?:electrise\w*|foudroye\w*|foudre)",
        r"(?:pris|prend|recu|touche)(?: \w+){0,3} (?:le courant|du courant"
        r"|une decharge|un fil (?:electrique )?denude|la ligne)",
        # water
        r"(?:repeche\w*|sorti\w*|ressorti\w*|retrouve\w*) (?:\w+ ){0,2}(?:de|dans|du|au fond de|au fond du)"
        r" (?:l eau|la piscine|la baignoire|la mer"
        r"|le bain|le lac|la riviere|bassin|le bassin|l etang|la mare|le canal|le puits|la fosse|jacuzzi|le jacuzzi)",
        r"(?:tete|visage) (?:sous|dans) l eau",
        r"(?:reste|restee|coule|coince|tombe|bloque)\w* (?:\w+ ){0,2}sous l eau",
        r"sous l eau (?:\w+ )?(?:longtemps|plusieurs minutes|\d+ minutes|quelques minutes|un moment)",
        r"tombee? (?:dans )?(?:la piscine|le bassin|la mare|le canal|l etang|le puits|la fosse)",
        r"(?:a ete|s est fait|s est faite|ete|fait renverser) (?:\w+ )?(?:par )?(?:une|un) (?:voiture|camion|moto|bus"
        r"|scooter|tracteur|train|tram\w*)",
        r"(?:tombe\w*|chute) (?:\w+ ){0,3}(?:(?:du|de la|d un|par la) )?"
        r"(?:fenetre|balcon|toit|echafaudage|pont|falaise)",
        r"(?:tombe\w*|chute) (?:du|d un|de l) (?:premier|deuxieme|troisieme|\d+|\w+ieme)(?: etage)?\b",
        r"(?:coule|coulait|a coule) (?:dans|au fond)",
        # birth happening now; waters breaking long before term (rule 14)
        r"envi\w* de pouss\w*",
        r"(?:besoin|oblige\w*) de pouss\w*",
        r"enceinte (?:de )?(?:[1-7]|huit) mois(?: \w+){0,4} (?:eaux?|liquide)"
        r" (?:\w+ )?(?:perdue?s?|coule\w*|partie?s?)",
        r"(?:accouch\w*|bebe|contractions?|eaux|pousse\w*)(?: \w+){0,10} (?:vois|voit|voyons|apercoi\w*) (?:deja )?"
        r"(?:la|sa) tete",
        r"tete (?:du bebe )?(?:qui |elle |il )?(?:sort|sortie|passe|apparait|est sortie|est la)",
        r"tete (?:du bebe )?(?:qui |elle |il )?(?:est )?(?:en train de|commence a|va) (?:sortir|passer|apparaitre)",
        # born at home, alone, and not crying or breathing
        r"bebe (?:\w+ )?(?:est )?(?:sorti|nee?) (?:tout seul|toute seule|d un coup)(?! (?:du|de|des|d)\b)",
        r"(?:sorti|accouche\w*|naissance|naitre|nee)(?: \w+){0,10} (?:crie|pleure|respire) (?:pas|plus)",
        r"(?:vois|voit|voyons) (?:deja )?(?:la|sa) tete$",
        r"bebe (?:il |y )?(?:arrive|sort|va sortir|est en train de (?:sortir|naitre|arriver)|descend)"
        r"(?! (?:dans|en|le|pour|bientot|d ici|a|au|vers|fin|debut|quand|quel|prevu|pas|plus|jamais)\b)",
        r"naitre (?:maintenant|dans la voiture|a la maison|tout de suite|ici)",
        r"(?:accouche|accouchent) (?:la|ici|maintenant|tout de suite|en ce moment)(?! (?:semaine|mois|prochaine?)\b)",
        # what the caller sees of the baby
        r"(?:vois|voit|voyons|apercoi\w*|sens|sent|touche) (?:deja )?(?:les|la|le|ses|sa|son|des|un|une)"
        r" (?:cheveux|tete|pieds?|fesses|cordon|crane|main|bras|jambes?|petit pied) (?:du|de notre|de son|de|de mon"
        r"|de ma) bebe",
        r"(?:accouch\w*|pousse\w*|contractions?|eaux|travail|bebe)(?: \w+){0,10} (?:vois|voit|voyons|apercoi\w*)"
        r" (?:deja )?(?:les|la|le|ses|sa|son|des) (?:cheveux|tete|pieds?|fesses|cordon|crane)",
        r"(?:cheveux|pieds?|fesses|cordon|bras|main|jambes?) (?:du bebe )?(?:qui )?(?:sort|sortent|depasse\w*"
        r"|apparai\w*|est sorti\w*|sont sorti\w*)(?! (?:de|du|des) (?:la|le|les|l|son|sa|ses|mon|ma)"
        r" (?:couette|lit|drap|poussette|couverture|manche|pantalon|chaussure)\w*)",
        r"en train d accoucher",
        r"contractions? (?:\w+ ){0,3}(?:toutes?|tout) les (?:[1-3]|une|de|d) minutes?",
        r"contractions? (?:\w+ ){0,3}(?:toutes?|tout) les minutes",
        r"enceinte (?:de )?(?:[1-7]|huit) mois(?: \w+){0,10} (?:perdu|perd|perds|perte|pertes|coule|ecoule)\w*"
        r" (?:\w+ ){0,2}(?:eaux|liquide|eau)",
        r"enceinte (?:de )?(?:[1-9]|[12]\d|3[0-6]) semaines(?: \w+){0,10}"
        r" (?:perdu|perd|perds|perte|pertes|coule|ecoule)"
        r"\w* (?:\w+ ){0,2}(?:eaux|liquide|eau)",
        r"(?:perdu|perd|perds) (?:les eaux|du liquide)(?: \w+){0,10} (?:[1-7] mois|(?:[1-9]|[12]\d|3[0-6]) semaines"
        r"|trop tot|premature|avant terme)",
        r"poche des eaux (?:\w+ )?(?:perce\w*|rompu\w*|cassee?)(?: \w+){0,8} (?:[1-7] mois|trop tot|avant terme)",
        rf"{_WATERS}(?: \w+){{0,12}} {_EARLY}",
        rf"{_EARLY}(?: \w+){{0,12}} {_WATERS}",
        # pregnancy with severe pain and bleeding, or a faint
        rf"enceinte(?=(?: \w+){{0,14}} (?:saign\w*|sang|hemorrag\w*))(?=(?: \w+){{0,14}} {_SEVERE_PAIN})",
        r"enceinte(?: \w+){0,12} (?:malaise|evanoui\w*|perdu connaissance|tombee? dans les pommes|convuls\w*)",
    )),
    # a deep burn (white or charred skin), but on a finger or a wrist it is a small burn (rule 6: urgente)
    Rule("traumatisme grave", V, _any(
        r"brul\w*(?: \w+){0,10} (?:c est|elle est|il est|est|et|la peau|peau) (?:tout |toute |toute la peau )?"
        r"(?:blanc|blanche|noire?|noircie?|carbonise\w*|cartonne\w*|comme du cuir)\b"),
        not_with=_any(r"doigts?", r"pouce", r"poignet", r"paume", r"orteils?", r"ongle", r"petite? brulure",
                      r"(?:bout|dos) (?:du|de la|de) (?:doigt|main|pied)")),
    # a small word dropped or heard wrong (kept apart from the rule above, which runs on many sentences)
    Rule("traumatisme grave", V, _any(
        r"repeche\w*(?: \w+){0,3} (?:eau|piscine|bassin|baignoire|mer|lac|riviere|fond|canal|etang|mare|bain|puits)",
        # a person at the bottom of the water or floating in it (not "mes lunettes au fond de la piscine")
        r"(?:enfant|bebe|fils|fille|petit|petite|il|elle|y|i|lui|etait|trouve\w*|retrouve\w*|coule\w*|reste\w*"
        r"|inanime\w*|immobile|allonge\w*)(?: \w+){0,2} au fond (?:de la|du|de l|d une|d un) (?:piscine|bassin"
        r"|baignoire|lac|riviere|mare|canal|etang|eau|bain|puits)",
        r"(?:enfant|bebe|fils|fille|petit|petite|il|elle|y|i|corps|qui) flott\w* (?:\w+ ){0,2}(?:dans|sur|a la surface"
        r" de) (?:la |le |l )?(?:piscine|bassin|eau|baignoire|mer|lac|riviere|etang|canal|mare|bain)",
        r"tombee? dans (?:piscine|bassin|mare|canal|etang|puits)\b",
        r"par balles?\b",
        # "envie" dropped: "j'ai [envie] de pousser" with a pregnancy or contractions around
        r"(?:enceinte|contractions?|accouch\w*|poche des eaux|perdu les eaux)(?: \w+){0,14} (?:de|d) pouss\w*",
        r"(?:j ai|a|ai) (?:de|d) pousser\b",
    )),
    Rule("fievre avec confusion", V, _any(
        # fever under chemotherapy (urgente, rule 6) with a collapse or a faint: vitale
        r"(?:chimio\w*|greffe\w*|immunodeprim\w*|aplasi\w*)(?: \w+){0,12} fievre(?: \w+){0,14}"
        r" (?:tombe\w*|malaise|evanoui\w*|dans les pommes|tete qui part|tient plus debout|(?:me|se) relever"
        r"|confus\w*|frissons? (?:tres|enormes?))",
        r"fievre(?: \w+){0,8} (?:confus\w*|delire\w*|reconnait plus|somnolent\w*|gemit|raide|incoheren\w*)",
        r"(?:confus\w*|delire\w*|reconnait plus|somnolent\w*|incoheren\w*)(?: \w+){0,8} fievre")),
    Rule("appel des secours", V, _any(
        r"au secours", r"a l aide(?! (?:medicale|sociale|juridictionnelle|au logement|a domicile|de|d|du|des)\b)",
        r"urgences? vitale?s?", r"venez vite",  # ("urgence vital": gender misheard)
        r"^(?:allo )?(?:(?:c|ces|ses|s) )?(?:est |es |et )?(?:une )?urgence(?: vite| s il vous plait| svp)?$",
        r"c est une urgence(?= (?:mon|ma|le|la) (?:mari|femme|fils|fille|mere|pere|bebe|enfant|frere|soeur|voisine?"
        r"|grand|copain|copine|compagne?|petite?|patiente?|dame|monsieur)\b)",
        r"(?:le |les |du |des )?(?:samu|pompiers)"
        r"(?! (?:l a|les a|l ont|les ont|a|ont|est|sont) (?:vue?|emmene|amene|passe|examine|ausculte"
        r"|laisse|rassure|soigne)\w*)",
        r"(?:envoye[rz]?|envoie[rz]?|appele[rz]?|appelle[rz]?|faut|besoin d|vite|faites venir)"
        r"(?: (?:une|un|l|d|vite|tout de suite|appeler|envoyer|faire venir|me|nous|lui|m|moi))* ambulance",
        r"^(?:une |l |la )?ambulance(?: vite| s il vous plait| svp)?$",
        rf"(?:appele[rz]?|appelle[rz]?|envoye[rz]?|envoie[rz]?|faut) (?:vite )?(?:le |les |une |un"
        rf" )?{_EMERGENCY_SERVICE}"
        r"(?! (?:h|heures?|minutes?|jours?|min)\b)"),
        # "le film s'appelle urgences vitales", "le numéro du samu"
        not_before=re.compile(r"\b(?:numeros?|num|tel|telephone|coordonnees|adresse|factures?|transport|bon|par|avec"
                              r"|formation|stage|film|serie|emission|livre|roman|chanson|titre|appelle|caserne"
                              # a sale or a collection: "je vends des calendriers pour les pompiers"
                              r"|calendriers?|vends|vend|vente|quete|tombola|bal|dons?)\b"),
        # "le samu est venu, ils l'ont laissée à la maison": already seen
        not_after=re.compile(r"^(?:\w+ ){0,3}(?:en cas d|pour (?:une|la|les) formation|formation|exercice|stage)"
                             # a booked transport: "l'ambulance privée qui amène mon père demain"
                             r"|^(?:privee|prevue|reservee|de (?:retour|demain)|conventionnee|vsl)\b"
                             r"|^(?:est|sont|etait|etaient) (?:venue?s?|passee?s?|deja (?:venue?s?|passee?s?|la))\b"
                             # the service is the caller ("sapeurs-pompiers de la caserne", "le samu social")
                             r"|^(?:social|de la caserne|du centre de secours|du sdis|volontaires)\b"
                             # advice given earlier: "le samu m'a dit de prendre rendez-vous"
                             r"|^(?:m |nous |lui |l |les )?(?:a|ont|avait|avaient) (?:dit|conseille|demande|oriente\w*"
                             r"|recommande|renvoye\w*|redirige\w*) (?:de|d|qu|que|vers|chez)\b")),
    # "urgence" lost with the first word: "vitale mon père", "c'est une vitale" (but
    # not the "carte vitale" with "carte" dropped: "ma vitale est périmée", "la vitale et la mutuelle")
    Rule("appel des secours", V, _any(
        r"(?:c est|ces|ses|sait|s est|est|et) une vitales?",
        # "vitale" and a person or a call for help right after it (a lone "vitale" may be "[carte] vitale")
        r"^(?:(?:allo|oui|bonjour|vite|une|la|c est|ces) )*vitales?(?= (?:vite|venez|aidez|au secours|s il vous plait"
        r"|svp|mon|ma|mes|notre|il|elle|y|i|on|c est (?:mon|ma|notre))\b)",
        r"vitales? (?:vite|venez|aidez|au secours)\b"),
        not_before=re.compile(r"\b(?:carte|cartes|ma|sa|ta|votre|notre|leur|la|les|mes|ses|vos|nos|de|d|du|mon|son"
                              r"|nouvelle|une autre|sans|avec|par|sur)$"),
        before_words=2,
        not_with=_any(r"mutuelle", r"rembourse\w*", r"perime\w*", r"a jour", r"attestation", r"secu",
                      r"securite sociale", r"tiers payant", r"ameli", r"photo", r"teletransmission", r"puce",
                      r"lecteur",
                      r"cartes?", r"numero", r"papiers?", r"factures?", r"film", r"serie", r"emission", r"livre",
                      r"formation", r"dessus", r"inscrite?", r"rattache\w*", r"ajoute\w*", r"perdu", r"trouve\w*",
                      r"oublie\w*", r"mise?", r"marche", r"fonctionne")),
    # "vite c'est mon bébé", "c'est grave venez", "urgence mon mari": a call for help about a person
    Rule("appel des secours", V, _any(
        r"(?:vite|urgence|au secours|aidez moi|aidez nous)(?: \w+){0,3} (?:c est|pour) (?:mon|ma|le|la|notre)"
        r" (?:bebe|enfant|fils|fille|mari|femme|mere|pere|petite?|voisine?|grand \w+|frere|soeur|copain|copine)\b",
        r"(?<!en )(?<!d )urgence (?:c est )?(?:mon|ma|notre) (?:bebe|enfant|fils|fille|mari|femme|mere|pere|petite?"
        r"|voisine?|grand \w+|frere|soeur)\b",
        r"(?<!ce que )(?<!si )c est (?:tres |super |hyper )?grave (?:venez|vite|aidez|au secours|(?:c est |pour"
        r" )?(?:mon|ma)"
        r" (?:bebe|enfant|fils|fille|mari|femme|mere|pere|petite?|voisine?))",
        r"^(?:allo )?(?:c est )?(?:tres )?grave (?:c est )?(?:tres )?grave",
        r"^(?:(?:allo|c est|une|vite|s il vous plait|svp|au secours) )*urgence"
        r"(?: (?:urgence|vite|s il vous plait|svp|allo))+$",
        r"^(?:allo )?(?:s il vous plait |svp )?vite(?: \w+){0,3}$",
        r"(?:venez|envoyez (?:quelqu un|du monde|les secours|un medecin))"
        r" (?:tout de suite|immediatement|vite|rapidement)",
        r"(?:depechez vous|faites vite|aidez moi vite|aidez nous vite)",
        r"^(?:allo )?aidez (?:moi|nous)(?: s il vous plait| svp| vite)?$",
        # "vite vite venez", "allô vite vite" (but "vite vite annulez mon rendez-vous" is perceived urgency, rule 1)
        r"vite vite",
        # an utterance made only of help words with an explicit call for help: "s'il vous plaît aidez-nous c'est grave"
        rf"^(?:{_HELP_WORDS} )*(?:aidez moi|aidez nous|aidez la|aidez le|aidez les|a l aide|venez|depechez vous"
        rf"|faites vite)(?: {_HELP_WORDS})*$",
        r"(?:aidez moi|aidez nous|au secours|a l aide) (?:c est )?(?:mon|ma|notre) (?:bebe|enfant|fils|fille|mari|femme"
        r"|mere|pere|petite?|voisine?|grand \w+|frere|soeur)\b",
        # a whole utterance made only of words calling for help, with "urgence" or "grave" in it (rule 4):
        # "allô c'est une urgence là c'est grave", "oui c'est une urgence vraiment", "c'est très grave là"
        rf"^(?:{_HELP_WORDS} )*urgences?(?: {_HELP_WORDS})*$",
        rf"^(?:{_HELP_WORDS} )*grave(?: (?:la|vite|venez|au secours|aidez moi|aidez nous|c est grave|grave|urgence"
        r"|tres grave|depechez vous|faites vite|s il vous plait|svp|je vous en prie|pitie))+$",
        ), not_with=_ADMIN_REQUEST),
    # --- a strong word glued to another by the recogniser ("chocanaphylactique", "ilconvulse") --------
    Rule("mot d alerte colle", V, _any(r"\w+(?:anaphyla|convuls|inconscien|hemorragi|suicid|infarctus|etouff)\w*"),
         Kind.EVENT),
    # --- same-day needs -----------------------------------------------------------------------
    Rule("forte fievre", U, _any(
        r"(?:forte|grosse|tres forte) fievre", r"(?:39|40|41|42)(?: \d)? de (?:fievre|temperature|temp)",
        r"fievre (?:a|de) (?:39|40|41|42)",
        # "mon bébé a une petite toux sans fièvre": the negation sits inside the span, so exclude it here
        r"(?:bebe|nourrisson|\d+ mois|\d+ semaines)(?: (?!sans\b|pas\b|jamais\b|aucune?\b|ni\b)\w+){0,6} fievre",
        # (but "une convulsion avec la fièvre quand elle était bébé" is history)
        r"fievre(?: \w+){0,6} (?<!etait )(?<!etais )(?<!etaient )(?:bebe|nourrisson|\d+ mois|\d+ semaines)",
    )),
    Rule("traumatisme", U, _any(
        r"fractur\w*",
        r"(?:casse|cassee|casser)(?: \w+)? (?:le|la|les|son|sa|ses|mon|ma|mes)"
        r" (?:bras|jambe|poignet|cheville|hanche|pied|main|doigt|nez|epaule|cote|dent)",
        r"(?:suis|est|es|sont|etait) (?:\w+ )?tombee?s?(?! en panne| sur (?:vous|votre|le repondeur|la messagerie))",
        r"fait une chute", r"a chute",
        r"chute (?:dans|par terre|a la maison)", r"(?:s est|je me suis|me suis) (?:\w+ )?(?:coupee?|brulee?)",
        r"coupure profonde", r"luxation", r"traumatisme cranien", r"morsure", r"mordue? par",
        r"(?:s est|se) cogne\w* la tete",
    )),
    Rule("brulure", U, _any(r"brulure\w*"), not_after=re.compile(r"^(?:d|de l|a l) estomac")),
    Rule("douleur intense", U, _any(r"(?:tres|trop|hyper|vraiment|super|horriblement|atrocement|tellement) mal"),
         not_after=re.compile(r"^(?:passe\w*|recue?s?|accueilli\w*|traite\w*|informe\w*|organise\w*|renseigne\w*"
                              r"|soigne\w*|pris en charge|compris|entendu|parle|repondu|explique\w*|garee?|fait)\b")),
    Rule("douleur intense", U, _any(
        r"(?:douleurs?|mal)(?: \w+){0,2} (?:insupportables?|atroces?|intenses?|terribles?|tres fortes?|horribles?)",
        r"colique nephretique", r"crise d angoisse", r"crise de panique", r"idees noires",
    )),
    Rule("grossesse", U, _any(
        r"perdu les eaux", r"perd les eaux", r"contractions",
        r"enceinte(?: \w+){0,6} (?:saigne\w*|mal|douleurs?|sang)")),
    Rule("vomissements", U, _any(
        r"vomit\w*(?: \w+)? (?:sans arret|beaucoup|tout|depuis|toute la nuit)", r"deshydrat\w*",
        r"(?:tension|glycemie) (?:tres|trop) (?:haute|basse|elevee)", r"hypoglycemie", r"hyperglycemie",
        r"(?:avale|mange|bu)(?: \w+){0,3} (?:cachets?|comprimes?|medicaments?|pilules?|pile|aimant|produit)",
        r"(?:tient|tenait) plus debout", r"scarifi\w*", r"infecte\w*", r"(?:plein|pleine) de pus",
        r"(?:coeur|palpitations?) (?:qui )?(?:bat|cogne|battent)\w* (?:tres |trop )?(?:vite|fort)",
        r"palpitations?", r"tachycardie", r"sueurs? froides?", r"incoheren\w*", r"ventre (?:tout )?dur",
        r"accouche", r"accoucher", r"(?:eau|huile) bouillante", r"selles noires", r"(?:me|nous|la|le) reconnait plus",
        r"mal a avaler",
        r"(?:coeur|palpitations?) (?:qui )?(?:bat|cogne|battent)\w* a toute vitesse", r"dans les pommes",
        r"couvert\w* de plaques", r"(?:bebe|nourrisson|\d+ (?:mois|semaines))(?: \w+){0,6} (?:38|39|40|41)",
    )),
)

# --- prefilter --------------------------------------------------------------------------------------
# The rules run on every utterance, and most utterances contain none of their words. Every match of an
# alternative contains each of its words at a word start, so (read from the pattern itself by the standard
# library's parser, never written by hand) one of its words can be chosen whose first four letters are one of a
# few strings: "vomi\w* (?:du |de )sang" needs a word starting "vomi" (or "sang"), "(?:ne )?reagit plus" one
# starting "reag" (a word shorter than four letters counts whole). The rarest word of each alternative is chosen
# (_COMMON_HEADS only guides that choice), and a rule is skipped when no word of the text starts like any of its
# choices. A rule with an alternative that cannot be read this way (one made only of "\w+") always runs. The
# results are exactly those of running every rule (tests/nlu/test_redflags.py checks it); it halves the time.
_HEAD = 4
# A match starts where a run of [a-z0-9] starts (the look-behind of _any), whatever the text holds.
_WORD_RUN = re.compile(r"[a-z0-9]+")
_MAX_HEADS = 5000
_DIGITS = "0123456789"


def _word_heads(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The first ``_HEAD`` characters of the word where any match of ``pattern`` starts (the whole word when it is
    shorter), or None if that cannot be read from the pattern."""
    alternatives = _ALTERNATIVES.get(pattern)
    if not alternatives or _sre_parser is None:
        return None
    heads: set[str] = set()
    for alternative in alternatives:
        try:
            items = list(_sre_parser.parse(alternative))
        except Exception:  # pragma: no cover - any surprise only turns the prefilter off
            return None
        # any word of the phrase will do (each is in every match): take the one with the rarest starts
        best: set[str] | None = None
        starts = _word_starts(items)
        for at in range(len(items)):
            if not starts[at]:
                continue
            found = _firsts(items[at:], _HEAD)
            if found is None:
                continue
            words = {start.split(" ")[0] for start in found}
            if all(word.isalnum() for word in words) and (best is None or _commonness(words) < _commonness(best)):
                best = words
                if _commonness(best) <= 2:
                    break  # one or two rare words: good enough
        if best is None:
            return None
        heads |= best
        if len(heads) > _MAX_HEADS:
            return None
    return frozenset(heads)


def _word_starts(items: list) -> list[bool]:
    """Which positions of a sequence always start a word: the first, after a space, after an optional group that
    ends with a space and follows a word start ("(?:ne )?reagit")."""
    starts = [True]
    for item in items[:-1]:
        optional = str(item[0]) in ("MAX_REPEAT", "MIN_REPEAT") and _ends_with_space(list(item[1][2]))
        starts.append(item == _SPACE or (starts[-1] and optional))
    return starts


def _ends_with_space(items: list) -> bool:
    if not items:
        return False
    op, arg = items[-1]
    name = str(op)
    if (op, arg) == _SPACE:
        return True
    if name == "BRANCH":
        return all(_ends_with_space(list(branch)) for branch in arg[1])
    if name == "SUBPATTERN":
        return _ends_with_space(list(arg[-1]))
    if name in ("MAX_REPEAT", "MIN_REPEAT"):
        return arg[0] >= 1 and _ends_with_space(list(arg[2]))
    return False


def _commonness(heads: set[str]) -> int:
    return sum(100 if len(head) < _HEAD or head in _COMMON_HEADS else 1 for head in heads)


_SPACE = (_sre_parser.LITERAL, ord(" ")) if _sre_parser else None
# Starts of everyday words (only used to choose which word of a phrase to look for: any choice is exact).
_COMMON_HEADS = frozenset({
    "pour", "pass", "plus", "fait", "fais", "faut", "peut", "peux", "tout", "elle", "mais", "avec", "dans", "comm",
    "sont", "suis", "etai", "vous", "nous", "bien", "tres", "depu", "apre", "rend", "fill", "enfa", "bebe", "mere",
    "pere", "mari", "femm", "mala", "arri", "veux", "voud", "main", "leur", "cett", "quel", "quan", "just", "aujo",
    "mati", "deja", "enco", "vien", "voir", "parl", "mont", "pris", "pren", "avai", "etre", "mois", "jour", "heur",
    "sema", "allo", "bonj", "merc", "mada", "mons", "euh", "alor", "voil", "donc", "parc", "rien", "autr", "meme",
    "fois", "trop", "aide", "appe", "doct", "medi", "rdv", "resu", "ordo", "poss", "moin", "prem", "deux", "trois",
})


def _firsts(items: list, n: int) -> set[str] | None:
    """Every string of the first ``n`` characters a match of ``items`` can start with, cut after a space (the first
    word is then complete) or shorter when the match can end sooner; None when unknowable (a class such as ``\\w``,
    too many possibilities)."""
    done: set[str] = set()  # strings already long enough, or whose first word is complete
    growing = {""}
    for item in items:
        if not growing:
            break
        longer: set[str] = set()
        by_room: dict[int, set[str] | None] = {}  # the item read once for each number of characters still wanted
        for start in growing:
            room = n - len(start)
            if room not in by_room:
                by_room[room] = _item_firsts(item, room)
            ends = by_room[room]
            if ends is None:
                return None
            for end in ends:
                text = start + end
                (done if len(text) >= n or " " in end else longer).add(text)
        if len(done) + len(longer) > _MAX_HEADS:
            return None
        growing = longer
    return done | growing


def _item_firsts(item: tuple, n: int) -> set[str] | None:
    op, arg = item
    name = str(op)
    if name == "LITERAL":
        return {chr(arg)}
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return {""}  # zero width
    if name == "SUBPATTERN":
        return _firsts(list(arg[-1]), n)
    if name == "BRANCH":
        found: set[str] = set()
        for branch in arg[1]:
            sub = _firsts(list(branch), n)
            if sub is None:
                return None
            found |= sub
        return found
    if name in ("MAX_REPEAT", "MIN_REPEAT"):
        low, high, sub_items = arg
        if sub_items.getwidth()[0] == 0 and high > n:
            return None
        # each repetition adds at least one character: more than n of them only lengthen what n give
        found = set()
        for count in range(low, min(high, max(low, n)) + 1):
            sub = _firsts(list(sub_items) * count, n)
            if sub is None:
                return None
            found |= sub
        return found
    if name == "IN":
        chars: set[str] = set()
        for kind, value in arg:
            if str(kind) == "LITERAL":
                chars.add(chr(value))
            elif str(kind) == "RANGE":
                chars.update(chr(c) for c in range(value[0], value[1] + 1))
            elif str(kind) == "CATEGORY" and str(value) == "CATEGORY_DIGIT":
                chars.update(_DIGITS)
            else:
                return None
        return chars
    return None


_RULE_HEADS = tuple(_word_heads(rule.pattern) for rule in RULES)

# --- context cues ----------------------------------------------------------------------------------

_NEGATION_CUES = frozenset({"pas", "jamais", "aucun", "aucune", "sans", "ni", "guere"})
# A subject or conjunction between the cue and the phrase closes the negation's scope:
# "je sais pas il respire plus" is not a negation of "respire plus".
_SCOPE_BARRIERS = frozenset({
    "il", "elle", "je", "j", "on", "ils", "elles", "tu", "i", "y", "mais", "et", "car", "parce", "que", "qu", "quand",
    "si", "alors", "donc", "ou", "sauf", "maintenant", "cependant", "pourtant", "puis",
})
_NEGATION_WINDOW = 4

_OLD_PAST = _any(
    r"il y a (?:\d+|quelques|plusieurs|des|un|une|bien|tres)(?: \d+)? (?:ans?|annees?|mois|semaines?)",
    r"il y a (?:bien |tres )?longtemps", r"l an (?:dernier|passe)", r"l annee (?:derniere|passee)",
    r"la semaine (?:derniere|passee)", r"le mois (?:dernier|passe)", r"en (?:19|20)\d\d", r"autrefois", r"auparavant",
    r"jadis", r"(?:par|dans) le passe",
    r"quand (?:il|elle|j|je|on) etai[st] (?:tout |toute )?(?:petite?|jeune|enfant|bebe|nourrisson|ado|adolescente?)",
    r"quand (?:il|elle|j|je|on) avai[st] \d+ (?:ans|mois|semaines)",
    r"deja (?:fait|eu|fais)", r"avait (?:fait|eu)",
    r"(?:mon|ma|son|sa|leur|mes|ses|un|une) ancien\w*", r"date (?:de|d il y a) \d+ (?:ans|annees)",
    r"(?:a|avait) l age de \d+ ans",
    r"(?:cet|l) (?:ete|hiver|automne|printemps) dernier", r"decede\w*", r"deces",
    r"en (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)",
)
_RECENT_PAST = _any(
    r"il y a (?:\d+|quelques|deux|trois) jours?", r"(?<!depuis )avant hier", r"(?<!depuis )(?<!avant )hier",
    r"la nuit derniere", r"ce week end")
_CHRONIC = _any(
    # (not "depuis l'opération": "il saigne beaucoup depuis l'opération" is a bleed now)
    r"depuis (?:son|sa|mon|ma|l|leur) (?:avc|accident|attaque|infarctus|naissance|enfance)",
    r"depuis (?:\d+|un|quelques|plusieurs|des|de nombreuses|de longues) (?:mois|ans|annees)",
    r"depuis (?:longtemps|toujours|tout petit|sa naissance|la naissance|l enfance|tout le temps)")
# Going on for days or weeks: needs a doctor today, not an ambulance (lowers vitale to urgente).
_WEEKS = _any(r"depuis (?:\d+|quelques|plusieurs|des|une) (?:semaines?|jours)", r"depuis un moment")
# Mild, occasional or mechanical ("une petite douleur dans la poitrine quand je tousse"), or already over
# ("il a repris connaissance, il va bien"): lowers vitale to urgente. "petit(e)" only right before the
# phrase: "ma petite fille ne respire plus" is not mild.
_MILD_BEFORE = re.compile(r"\b(?:petite?s?|legere?s?|un (?:petit )?peu(?: de| d)?|parfois|de temps en temps)$")
# ... but "le petit saigne beaucoup", "ma petite convulse": "petit(e)" after a determiner and before a verb is the
# child (not "la petite douleur dans la poitrine")
_CHILD_BEFORE = re.compile(r"\b(?:le|la|les|mon|ma|mes|son|sa|ses|ton|ta|notre|votre|leur|ce|cette) petite?s?$")
_SYMPTOM_NOUN = re.compile(r"(?:douleurs?|mal|maux|gene|saignements?|brulures?|oppression|poids|pression|serrement"
                           r"|point|pique|crises?|malaises?|toux|fievre|bosse|coupure|plaie|hemorragie|reaction"
                           r"|gonflement|perte|taches?|traces?|boutons?|plaques?|difficulte)\b")
_MILD_AFTER = _any(r"un peu", r"parfois", r"de temps en temps", r"quand (?:j|il|elle) appuie\w*",
                   r"quand (?:je|il|elle) (?:tousse|bouge|respire)\w*", r"musculaire",
                   r"(?:surement|sans doute|certainement|je pense que c est|ca doit etre|c est) (?:les |des |un "
                   r"|une |le |la )?"
                   r"(?:cotes?|muscles?|musculaire|faux mouvement|intercostal\w*|effort)",
                   r"(?:j ai|il a|elle a|a force de|en|apres avoir) (?:porte|portant|soulev\w*|deplace\w*|demenag\w*)"
                   r" (?:des |un |une |les |du |la |le )?(?:buches|bois|cartons?|meubles?|charges?|sacs?|courses"
                   r"|lourd)",
                   r"faux mouvement")
_OVER = _any(r"(?:va|vais|allons|allez) (?:bien|mieux)", r"ca va mieux",
             r"(?:la|maintenant) ca va(?! pas| plus)", r"a repris connaissance",
             r"(?:c est|s est) passee?",
             r"s est arretee? tout seul\w*",
             r"recrache\w*",
             # a seizure that stopped: "ça a duré une minute il est bien réveillé maintenant"
             r"(?:est|s est) (?:bien )?reveillee?",
             r"a dure (?:\d+|une|quelques) (?:minutes?|secondes?)",
             # "elle est revenue tout de suite, elle discute": fainted and woke at once (rule 13)
             r"(?:est|s est|sont) (?:vite |tout de suite )?revenue?s?(?: a (?:elle|lui|soi))?"
             r"(?: (?:tout de suite|aussitot|rapidement|tres vite|vite|apres))?",
             r"(?:elle|il) (?:discute|bavarde|rigole)",
             # "les pompiers sont venus ça s'est arrêté et ce matin elle joue normalement" (rule 13)
             r"(?:ca|elle|il|la crise|les convulsions|tout) s est (?:vite )?arrete\w*",
             r"(?:joue|mange|parle|marche|dort|respire|rigole) (?:normalement|comme d habitude|tranquillement|bien)",
             r"(?:samu|pompiers|medecin|docteur|sos medecins?|urgentiste) (?:est|sont|l a|l ont|les a|les ont)"
             r" (?:deja )?(?:venue?s?|passee?s?|vue?s?|examinee?s?)")
# Intensity words near a pain cancel "mild": "une douleur atroce dans la poitrine quand je respire".
_SEVERE = _any(r"atroce\w*", r"insupportable\w*", r"horrible\w*", r"terrible\w*", r"violente?s?",
               r"tres forte?s?",
               r"enorme\w*",
               r"coup de poignard",
               r"pire")
# "il refait un malaise" is happening again; "il doit refaire une radio de contrôle" is not.
_REDO = (r"(?:refait|refaire|refais)(?! (?:\w+ )?(?:radio|bilan|examen|scanner|irm|echo\w*|controle|test|prise"
         r"|pansement|ordonnance|rendez|rdv|analyse\w*|dossier|papiers?|carte|vaccin|piqure|visite|consultation)\b)")
# Between a past-time phrase and the red flag, these say the red flag is about now.
_ACUTE = _any(
    r"maintenant", r"actuellement", r"en ce moment", r"a l instant", r"tout de suite", r"aujourd hui", r"ce matin",
    r"ce soir", r"cette nuit", r"cet apres midi", r"tout a l heure", r"de nouveau", r"encore", r"a nouveau",
    r"recommence\w*", _REDO, r"vient d",
    r"vient de",
    r"viens de",
    r"depuis \d+ (?:minutes?|min|heures?|h)", r"il y a \d+ (?:minutes?|min|heures?|h)", r"depuis (?:ce|cette)",
    r"depuis (?:un quart d heure|une demi heure|une heure)",
    # "je saigne beaucoup depuis l'accouchement hier": it goes on
    r"depuis (?:l|la|le|son|sa|mon|ma) (?:accouchement|operation|intervention|naissance du bebe|cesarienne)",
    r"mais", r"et la", r"la il", r"la elle",
    r"et (?:elle|il|ils|elles|la|on|je|j)", r"en train", r"subitement", r"brutalement",
    r"d un coup", r"soudain\w*",
)
# Anywhere near the red flag, these say it is happening (again) now, whatever past is mentioned.
_AGAIN = _any(
    r"recommence\w*", _REDO, r"de nouveau",
    r"a nouveau",
    # (but "il est encore là-bas / hospitalisé / en réa" says he is still in hospital)
    r"encore(?! (?:la bas|hospitalise\w*|suivie?s?|soignee?s?|traitee?s?|sous traitement|a l hopital"
    r"|en (?:rea|reanimation|soins intensifs|observation|convalescence|cardio\w*|neuro\w*|reeducation|readaptation"
    r"|centre de \w+|maison de repos|arret (?:de travail|maladie))|sous surveillance|chez le kine|platre\w*)\b)",
    r"en train",
    r"en ce moment", r"actuellement", r"vient d", r"vient de", r"viens de")
# Follow-up talk around a named event: "le dossier de son AVC", "rééducation après son infarctus".
_FOLLOW_UP = _any(
    r"dossier", r"compte rendu", r"comptes rendus", r"certificat", r"reeducation", r"kine\w*", r"sequelles?",
    r"convalescence", r"suivie?s?", r"controle", r"bilan", r"cardiologue", r"neurologue", r"sortie? de l hopital",
    r"hospitalise\w*", r"hospitalisation", r"renouvel\w*", r"ordonnance", r"traitement", r"anticoagulants?",
    r"orthophon\w*", r"kinesi\w*", r"antecedents?",
    r"assurances?", r"assureur", r"sinistre", r"rapport (?:medical|d expertise)", r"expertise", r"constat",
    r"(?:suite|apres|depuis) (?:a )?(?:son|sa|mon|ma|un|une|l|leur)",
)
# ("pour l'AVC de ma mère", "le compte rendu de l'infarctus": the event already known, named as a topic)
_POSSESSIVE_BEFORE = re.compile(r"\b(?:son|sa|mon|ma|leur|ton|ta|d un|de son|de sa|de mon|de ma|pour l|de l|apres l)$")
_HYPOTHETICAL = _any(
    r"en cas d", r"en cas de", r"que faire si", r"quoi faire si", r"comment reconnaitre", r"reconnaitre",
    r"signes? (?:d|de|du|des)", r"symptomes? (?:d|de|du|des)", r"prevenir", r"prevention", r"eviter",
    r"risques? (?:d|de)", r"peur (?:d|de|qu|que)", r"au cas ou", r"si jamais", r"depistage", r"informations? sur",
    r"brochure", r"formation", r"atelier", r"conference", r"vaccin\w*",
    # an idiom, not an event: "j'ai failli faire une crise cardiaque en voyant la facture"
    r"failli",
    # a question about a risk: "le vaccin peut donner une crise cardiaque", "je risque une overdose si..."
    r"(?:peut|peuvent|pourrait|pourraient|risque\w*) (?:me |lui |vous |leur |nous )?(?:donner|provoquer|causer"
    r"|declencher|entrainer|faire) (?:un|une|des)",
    r"risque\w* (?:un|une|des|pas)",
    r"a deux doigts d",
)
# "annuler le rendez-vous que j'avais pris pour mes douleurs dans la poitrine": the symptom is the topic of
# a request about an appointment or a document, not something happening now (lowered to urgente).
_REQUEST_TOPIC = re.compile(r"\bpour (?:mes|ses|sa|son|ma|mon|leur|les|des)(?: \w+)?$")
_REQUEST = _any(r"annule\w*", r"rendez vous", r"rdv", r"consultation", r"ordonnance", r"dossier", r"resultats?",
                r"certificat", r"examen", r"bilan", r"compte rendu")
# "(rappelez) si j'avais encore mal à la poitrine": a condition in the imperfect is not a symptom now.
# ("comme si elle avait couru, elle est bleue" is a simile, not a condition)
_IF_IMPERFECT = re.compile(r"(?<!comme )\bsi (?:j|je|il|elle|on|vous) (?:avais|avait|aviez|etais|etait|sentais"
                           r"|sentait|ressentais|ressentait|refaisais|refaisait)(?: \w+){0,2}$")
# "il fait un infarctus", "je crois qu'elle fait un AVC": present tense, happening now.
_PRESENT_EVENT = re.compile(r"\b(?:il|elle|je|j|on|ils|elles|qu il|qu elle|qu on) (?:fait|fais|font|refait|refais)"
                            r" (?:un|une|encore un|encore une)$")
_HISTORY_WINDOW = 12

_LOWERED_TO_URGENTE = frozenset({"recent-past", "days-or-weeks", "mild-or-over", "request-topic", "no-plan", "panic",
                                 "dosing-error"})
# "elle dit qu'elle va mourir" in an anxiety attack is fear, not intent (rule 6: urgente); "je veux mourir" is intent
_FEAR_OF_DYING = re.compile(r"(?:vais|va) mourir")
_PANIC = _any(r"crises? d angoisse", r"crises? de panique", r"attaque de panique", r"angoiss\w*", r"panique\w*",
              r"spasmophil\w*", r"tetanie")
# A second dose given by mistake, to someone well now (rule 13: urgente): "deux doses de doliprane à une heure
# d'écart par erreur, elle va bien"
_DOSING_ERROR = _any(r"(?:2|deux|3|trois|double) (?:doses?|fois (?:la |sa |son |le )?(?:dose|traitement|sirop))",
                     r"doses? (?:en trop|de trop|double)", r"double dose", r"une fois de trop", r"(?:2|deux) fois")
_WELL_NOW = _any(r"(?:va|vais) (?:bien|tres bien)", r"(?:a l air|semble) (?:bien|en forme|normal\w*)",
                 r"(?:joue|mange|dort|parle) (?:normalement|comme d habitude|tranquillement|bien)",
                 r"(?:pas|aucun) de (?:symptomes?|signes?)", r"rien de (?:special|particulier|bizarre)")
# Dark thoughts said to have no plan (rule 6: urgente, a doctor today): "il a envie de disparaître, il a pas de plan"
_NO_PLAN = _any(r"(?:pas|aucun|sans) (?:de |d )?(?:plan|projet|scenario)", r"(?:pas|rien) (?:de )?(?:prevu|planifie)",
                r"(?:passera|passerait|passer|passe|compte|va) (?:pas|jamais) (?:a l acte|le faire)",
                r"(?:le|la|les) ferai[st]? (?:pas|jamais)")
# "pas mal de" means "quite a lot of"; "pu"/"plu" are how "plus" is said or recognised ("il respire pu").
_PREPROCESS = (
    (re.compile(r"\bpas mal de\b"), "beaucoup de"), (re.compile(r"\bpas mal d\b"), "beaucoup d"),
    (re.compile(r"\b(?:pu|plu)\b"), "plus"),
    # what a recogniser writes for small words it hears: "dent" for "dans", "2" (deux) for "de", "las" for "la",
    # "nez" for "ne", "bas" for "pas", "mont" for "mon", "choeur" for "coeur", "faim" for "fin"
    (re.compile(r"\bdent (?=(?:la|le|les|l|sa|son|ses|ma|mon|mes|un|une)\b)"), "dans "),
    (re.compile(r"\b(mal|coup|coups|beaucoup|pire|plein|dizaines|perte|crise|envie|envi|train|flaque|mare|enormement"
                r"|trempee?s?|imbibee?s?|besoin|tremble|bouche|pauses?|fin|peur|pleine?s?|remplie?s?) 2 "),
     r"\1 de "),
    (re.compile(r"\b2 (?=partout\b)"), "de "),
    # homophones of small words a recogniser swaps ("à" heard "ah"/"as"/"ha", "est" as "hait", "mal" as
    # "male"/"malle", "en train" as "on train"), and an article that cannot go with the body word after it
    # ("les poitrine", "la coeur"): the word meant is put back
    (re.compile(r"\b(?:ah|as|ha)\b"), "a"),
    (re.compile(r"\bhait\b"), "est"),
    (re.compile(r"\b(?:male|males|malle|malles)\b"), "mal"),
    (re.compile(r"\b(?:on|an) (?=(?:train (?:de|d)|finir)\b)"), "en "),
    (re.compile(r"\b2 (?=un (?:coup|oeil|cote)\b)"), "d "),
    (re.compile(r"\b(?:les|le) (?=(?:poitrine|tete|bouche|gorge|langue|nuque|figure|jambe|main)\b)"), "la "),
    (re.compile(r"\b(?:les|la) (?=(?:coeur|thorax|torse|visage|ventre|cou)\b)"), "le "),
    (re.compile(r"\blas\b"), "la"),
    (re.compile(r"\bmont\b"), "mon"),
    (re.compile(r"\bchoeur\b"), "coeur"),
    (re.compile(r"\bnez (?=(?:repond|respire|bouge|reagit|peut|peux|arrive|sent|sens|parle|se|s|plus|pas)\b)"), "ne "),
    (re.compile(r"\b(arrive|arrivons|arrivent|peut|peux|arrete|sent|sens|bouge|repond|reagit|reveille|passe|marche"
                r"|supporte|ouvre) bas\b"), r"\1 pas"),
    (re.compile(r"\bd un (?:coud|cout|cou)\b"), "d un coup"),
    (re.compile(r"\b(coeur|poitrine|torse|thorax)((?: qui| ca| me| lui| qui me| qui lui| ca me| ca lui)?)"
    r" (?:sert|sers)\b"
                r"(?! (?:a|de|d|pas|plus|rien)\b)"), r"\1\2 serre"),
    (re.compile(r"\b(?:coud|cout) (?=(?:de|d) (?:couteau|poing|feu|pied|chaleur|tete|massue|poignard)\b)"), "coup "),
    (re.compile(r"\bmettre faim\b"), "mettre fin"),
    # "perdu les os" / "la poche des os" is "les eaux"; "il saigne cent (100) arrêt" is "sans arrêt"
    (re.compile(r"\b(perdu|perd|perds|perdre|poche) (?:les|des|d) (?:os|o|haut|hauts)\b"), r"\1 les eaux"),
    (re.compile(r"\b(?:100|cent) (?=(?:arret|cesse|interruption|discontinuer)\b)"), "sans "),
    # Round 10: small words a recogniser drops or hears as another word (see docs/nlu.md). "au secours" with "au"
    # lost or heard "eau"/"ou" at the start of the call (but "secours populaire", "les secours sont là")
    (re.compile(r"^(?:(?:eau|ou|o|aux) )?secours(?= *$| (?:aidez|madame|monsieur|mon|ma|vite|venez|c|il|elle|s)\b)"),
     "au secours"),
    # "s'il vous plaît" heard "il vous plait", "ils vous plait", "s vous plait", "s vu plait", "sait il vous plait"
    (re.compile(r"\b(?:(?:s|sait|ses|ces|si|cil) )?(?:il|ils|y|i) (?:vous|vu) plait\b"
                r"|\b(?:s|sait|ses|ces|si) (?:vous|vu) plait\b"), "s il vous plait"),
    # "c'est" with "est" dropped or heard "ai"/"es"/"hait" ("c une urgence", "c ai urgence"); "est une urgence" with
    # "c" lost at the start; "s'est" heard "ses est"/"ces est" after a person ("il ces est brulé")
    (re.compile(r"\bc (?:ai|es|hait|et) "), "c est "),
    (re.compile(r"\bc (?!est\b|etait\b|etaient\b)(?=\w)"), "c est "),
    (re.compile(r"^est (?=(?:une urgence|urgent|grave|pour)\b)"), "c est "),
    (re.compile(r"\b(il|elle|ils|elles|on|mari|femme|pere|mere|fils|fille|frere|soeur|bebe|enfant|petit|petite"
                r"|garcon|voisin|voisine|coeur) (?:ses|ces|sais|sait|s ai|s es) (?=est\b)"), r"\1 "),
    (re.compile(r"\b(il|elle|ils|elles|on|mari|femme|pere|mere|fils|fille|frere|soeur|bebe|enfant|petit|petite"
                r"|garcon|voisin|voisine|coeur) (?:ses|ces|s ai|s es) "), r"\1 s est "),
    (re.compile(r"\b(?:ses|ces|sais|sait) est\b"), "c est"),
    # "est" heard "es" (but "tu es") or, after il/elle, "ai" ("elle ai par terre")
    (re.compile(r"(?<!tu )\bes\b"), "est"),
    (re.compile(r"\b(il|elle|ils|elles|s) ai\b"), r"\1 est"),
    # "de" heard "2"/"deux" after words it follows (but "tombé deux fois", "2 jours")
    (re.compile(r"\bvomi(t|s)? (?:ver|verre|vers)\b"), r"vomi\1 vert"),
    (re.compile(r"\b(pire|accident|chute|chutee?|tombee?s?|crises?|trop|pied|mare|odeur|arrete|arreter|cachets|comprimes"
                r"|medicaments|salle|pouls|plus|dizaines|centaines|mois|semaines|coup|coud|cout|cou) (?:2|deux)"
                r" (?!(?:fois|jours?|semaines?|mois|ans|heures?|minutes?|secondes?|etages?|metres?|enfants?|doses?"
                r"|et|ou|\d+)\b)"), r"\1 de "),
    (re.compile(r"\b(enceinte|chute|chutee?|tombee?s?) (?:2|deux) (?=\d)"), r"\1 de "),
    # "d'un coup" heard "d coup", "de un coup", "2 un cou"
    (re.compile(r"\b(?:(?:de|2|deux|d) un|d) (?:coup|cou|coud|cout)\b"), "d un coup"),
    # "coup de couteau" with "de" dropped or "coup" heard "cou"/"coud"
    (re.compile(r"\b(?:coup|coud|cout|cou) (?:(?:de|d) )?(?=(?:couteau|poing|feu|pied|chaleur|massue|poignard)\b)"),
     "coup de "),
    # "de" dropped in "arrêté de respirer", "des dizaines de"
    (re.compile(r"\b(arrete|arretee|cesse) (?=respirer\b)"), r"\1 de "),
    # "au" heard "eau"/"ou" before a body part
    (re.compile(r"\b(?:eau|ou|o) (?=(?:ventre|coeur|cou|dos|thorax|visage|cerveau)\b)"), "au "),
    # a wrong article before a body word ("leur poignet", "les sang", "tout leur corps"), "leur" for "les"
    (re.compile(r"\b(?:les|leur|la) (?=(?:sang|corps|poignet|pouls)\b)"), "le "),
    (re.compile(r"\bleur (?=(?:veines|jambes|poignets|yeux|secours|eaux|bras)\b)"), "les "),
    # "père" heard "pers"/"perd"/"paire", "mère" as "mer"/"maire" after a possessive; "perd" heard "paire"
    (re.compile(r"\b(mon|son|ton|le|du|de) (?:pers|perd|paire|pair)\b"), r"\1 pere"),
    (re.compile(r"\b(ma|sa|ta) (?:mer|maire)\b"), r"\1 mere"),
    (re.compile(r"\b(?:paire|pair) (?=(?:les|beaucoup|connaissance|os|eaux)\b)"), "perd "),
    (re.compile(r"\b(perdu|perd|perds|perdre|poche) (?:(?:les|des|d) )?(?:os|hauts?)\b"), r"\1 les eaux"),
    # "qu'il" heard "queue il"/"qu y"; "je" heard "jeu" before a verb
    (re.compile(r"\bqueue (?=(?:il|ils|y|i|elle|elles)\b)"), "qu "),
    (re.compile(r"\bqu (?:y|i|ils)\b"), "qu il"),
    (re.compile(r"\bjeu (?=(?:saigne|perds|suis|sens|vais|veux|l|la|le|n|ne|me|m|vous)\b)"), "je "),
    # "ne" heard "nez", "pas" heard "bas" after more verbs
    (re.compile(r"\bnez (?=(?:bougent|reveille|reprend|sait)\b)"), "ne "),
    (re.compile(r"\b(reprend|revient|reviennent|bougent|respirent) bas\b"), r"\1 pas"),
    # "plus"/"pas" dropped after "ne" + a verb of the red-flag signs ("elle ne se réveille ce matin", "il ne
    # reprend connaissance", "son bras ne bouge depuis ce matin"); French never says "ne" without it
    (re.compile(r"(?<!personne )(?<!rien )\b(?:ne|n) ((?:se |s )?(?:reveille|reveillent|bouge|bougent|reprend"
                r"|sent|sait|reagit|repond"
                r"|respire))\b(?! (?:pas|plus|jamais|rien|que|qu|guere|personne|aucune?|nulle part|bas|a|au|aux)\b)"),
     r"ne \1 plus"),
)


_PREPROCESS_ANY = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in _PREPROCESS))


# A caller who stammers repeats a word ("envie de de mourir", "il il il a les yeux qui roulent"): read it once
# (in a second look: see assess).
# (Not the words callers double on purpose, which some rules read: "vite vite", "urgence urgence", "grave grave",
# nor "nous nous", "vous vous", which French doubles.)
_STAMMER = re.compile(r"(?<![a-z0-9])(?!(?:vite|urgence|urgences|grave|nous|vous|aidez)\b)([a-z]+)(?: \1)+\b")


def assess(text: str) -> RedFlagAssessment:
    """Find the red-flag phrases in normalised text and decide which count."""
    if _PREPROCESS_ANY.search(text):  # one pass to see whether any of them applies
        for pattern, replacement in _PREPROCESS:
            text = pattern.sub(replacement, text)
    result = _assess(text)
    # Second looks at the text read another way, each used only if it finds something more urgent: a caller who
    # stammers ("envie de de mourir", but "plein de de mamie" is a word dropped, not a stammer), and small words
    # a recogniser glued to the next one ("unedouleur", "respireplus").
    for reading in (_read_repeats_once, unglue):
        if result.level is Urgency.VITALE:
            break
        other = reading(text)
        if other != text:
            second = _assess(other)
            if second.level.rank > result.level.rank:
                result = second
    return result


def _read_repeats_once(text: str) -> str:
    return _STAMMER.sub(r"\1", text)


# Small words a recogniser glues to their neighbour. Only split off words that start with a red-flag stem, so
# ordinary words ("janvier", "dernier", "depuis") are never cut.
_GLUE_WORDS = ("elle", "une", "les", "des", "mon", "son", "mes", "ses", "est", "qui", "il", "le", "la", "un", "de",
               "du", "ma", "sa", "ne", "me", "se", "je", "l", "d", "j", "n")
_GLUED_AFTER = ("plus", "pas", "pu")
_KEY_STEMS = (
    "douleur", "poitrin", "thorax", "torse", "respir", "etouff", "souffl", "repond", "reagi", "bouge", "reveil",
    "connaiss", "inconscien", "saign", "sang", "hemorrag", "confus", "jeter", "suicid", "tuer", "mourir", "pendr",
    "convuls", "epilep", "paralys", "avc", "infarctus", "cardiaque", "coeur", "gonfl", "enfl", "gorge", "langue",
    "levre", "visage", "bouche", "bleu", "violet", "overdose", "avale", "malaise", "effondr", "ecroul", "parler",
    "anaphyla", "allergi", "fievre",
)


# A quick look for anything _unglue_token could split (a superset: it only decides whether to look closer).
_MAYBE_GLUED = re.compile(r"\b(?:" + "|".join(_GLUE_WORDS) + r")(?:" + "|".join(_KEY_STEMS) + r")|(?:"
                          + "|".join(_KEY_STEMS) + r")\w*(?:" + "|".join(_GLUED_AFTER) + r")\b")


def unglue(text: str) -> str:
    """Split small words glued to the next or previous word: "unedouleur dans lapoitrine" -> "une douleur dans la
    poitrine"."""
    if not _MAYBE_GLUED.search(text):
        return text  # the usual case, checked in one pass
    out = []
    for token in text.split():
        out.append(_unglue_token(token))
    return " ".join(out)


def _unglue_token(token: str) -> str:
    if len(token) < 5 or not token.isalpha():
        return token
    for small in _GLUE_WORDS:
        rest = token[len(small):]
        if token.startswith(small) and rest.startswith(_KEY_STEMS):
            return f"{small} {_unglue_token(rest)}"
    for small in _GLUED_AFTER:
        head = token[: -len(small)]
        if token.endswith(small) and head.startswith(_KEY_STEMS):
            return f"{head} {small}"
    return token


def _assess(text: str) -> RedFlagAssessment:
    counted: list[RedFlag] = []
    ignored: list[RedFlag] = []
    seen_spans: list[tuple[int, int]] = []
    heads = {word[:_HEAD] for word in _WORD_RUN.findall(text)}
    inpatient_news: bool | None = None  # about the whole text: found once, at the first hit that needs it
    for rule, needs in zip(RULES, _RULE_HEADS, strict=True):
        if needs is not None and needs.isdisjoint(heads):
            continue  # none of the words this rule's phrases start with is in the text: it cannot match
        for match in rule.pattern.finditer(text):
            start, end = match.span()
            if any(s <= start and end <= e for s, e in seen_spans):
                continue  # already covered by a more urgent or earlier rule
            before = text[:start].rstrip()
            after = text[end:].lstrip()
            seen_spans.append((start, end))
            if inpatient_news is None:
                inpatient_news = bool(_IN_HOSPITAL.search(text) and _ASKS_NEWS.search(text))
            if ((rule.not_before and rule.not_before.search(" ".join(before.split()[-rule.before_words:])))
                    or (rule.not_after and rule.not_after.search(after))
                    or (rule.not_with and rule.not_with.search(text))
                    or _about_an_animal(before)
                    or inpatient_news
                    or (_COMPLAINS.search(text) and _IN_HOSPITAL.search(after))):
                discount = "context"  # "le cabinet ne répond pas", "une facture pour l'ambulance", "mon chien"
            else:
                discount = _discount(rule, match.group(0), before, after)
            flag = RedFlag(match.group(0), rule.category, rule.level, discount)
            if discount in _LOWERED_TO_URGENTE or not discount:
                level = rule.level if discount == "" else Urgency.URGENTE
                counted.append(RedFlag(flag.phrase, flag.category, level, discount))
            else:
                ignored.append(flag)
    counted.sort(key=lambda f: -f.level.rank)
    level = Urgency.highest(Urgency.NORMALE, *(f.level for f in counted))
    return RedFlagAssessment(level, tuple(counted), tuple(ignored))


# A suicidal caller saying "un peu" or "ça va mieux" is still at risk; so is a seizing or blue child.
# (Spots that do not fade "quand j'appuie" are the sign itself, not a mild pain.)
_NEVER_MILD = frozenset({"risque suicidaire", "cyanose ou hypotonie", "appel des secours", "intoxication",
                         "purpura ou meningite", "personne crue morte", "arret cardiaque"})
# Pain "quand je respire" is part of these signs, not a sign that they are mild.
_NEVER_MILD_PAIN = frozenset({"embolie pulmonaire", "pauses respiratoires"})
_BREATHING_PAIN = re.compile(r"\bquand (?:je|il|elle) respire\w*")


def _discount(rule: Rule, phrase: str, before: str, after: str) -> str:
    """Why a hit should not count at its full level ("" when it counts)."""
    words_before = before.split()
    if _negated(words_before):
        return "negated"
    if (_hypothetical(words_before) or re.match(r"(?:\w+ ){0,2}en cas d", after)
            or _IF_IMPERFECT.search(" ".join(words_before[-6:]))):
        return "hypothetical"
    near_before = " ".join(words_before[-_HISTORY_WINDOW:])
    near_after = " ".join(after.split()[:_HISTORY_WINDOW])
    # "il refait un AVC", "il a encore mal": whatever the past, it is happening now.
    happening_again = bool(_AGAIN.search(near_before) or _AGAIN.search(near_after)
                           or (rule.kind is Kind.EVENT and _PRESENT_EVENT.search(" ".join(words_before[-4:]))))
    if not happening_again:
        if _past_without_acute(_OLD_PAST, near_before, near_after):
            return "past"
        if _past_without_acute(_CHRONIC, near_before, near_after):
            return "chronic"
        if rule.kind is Kind.EVENT and (_POSSESSIVE_BEFORE.search(before)
                                        or _past_without_acute(_FOLLOW_UP, near_before, near_after)):
            return "follow-up"
    if rule.level is Urgency.VITALE:
        if rule.category == "risque suicidaire" and _NO_PLAN.search(f"{near_before} {near_after}"):
            return "no-plan"
        if (rule.category == "risque suicidaire" and _FEAR_OF_DYING.fullmatch(phrase)
                and _PANIC.search(f"{before} {after}")):
            return "panic"
        if (rule.category == "intoxication" and _DOSING_ERROR.search(f"{near_before} {phrase} {near_after}")
                and _WELL_NOW.search(f"{phrase} {after}")):
            return "dosing-error"
        if not happening_again and _past_without_acute(_RECENT_PAST, near_before, near_after):
            return "recent-past"
        if _past_without_acute(_WEEKS, near_before, near_after):
            return "days-or-weeks"
        after_10 = " ".join(after.split()[:10])
        if rule.category in _NEVER_MILD_PAIN:
            phrase, after_10 = _BREATHING_PAIN.sub("", phrase), _BREATHING_PAIN.sub("", after_10)
        last_3 = " ".join(words_before[-3:])
        mild = ((_MILD_BEFORE.search(last_3)
                 and not (_CHILD_BEFORE.search(last_3) and not _SYMPTOM_NOUN.match(phrase)))
                or _MILD_AFTER.search(phrase)
                or _MILD_AFTER.search(after_10))
        severe = _SEVERE.search(" ".join([*words_before[-6:], phrase, *after.split()[:8]]))
        if rule.category not in _NEVER_MILD and (
                (mild and not severe) or _over(" ".join(after.split()[:16]))):
            return "mild-or-over"
        if _REQUEST_TOPIC.search(" ".join(words_before[-3:])) and _REQUEST.search(before + " " + after):
            return "request-topic"
    return ""


def _over(after: str) -> bool:
    """The episode is over and the person well ("ça s'est arrêté, il joue normalement"), unless it starts again."""
    over = _OVER.search(after)
    return (over is not None and not _STARTS_AGAIN.search(after[over.end():])
            and not _NOT_WELL.search(after[over.end():]))


# Awake, but not well: "il est réveillé mais il est tout bizarre", "elle est revenue à elle mais elle est confuse".
_NOT_WELL = _any(r"(?:mais|pourtant|par contre)(?: \w+){0,4} (?:bizarre\w*|pas (?:normal\w*|bien|comme d habitude|net"
                 r"|dans son assiette)|confus\w*|somnol\w*|desoriente\w*|dans (?:le|les) (?:gaz|vapes|choux)"
                 r"|(?:dit|raconte) n importe quoi|reconnait (?:plus|pas|personne)|respire mal|(?:tout |toute )?(?:pale"
                 r"|blanc|blanche|gris|grise)|ailleurs|absente?|a l ouest)")
# After an episode that stopped: "ça s'est arrêté mais ça recommence" ("il a encore mal à la gorge" is not).
_STARTS_AGAIN = _any(r"recommence\w*", _REDO, r"de nouveau", r"a nouveau", r"en (?:re)?fait une? autre",
                     r"(?<!il est )(?<!elle est )(?<!ils sont )(?<!elles sont )(?<!on est )repart\w*")


def _negated(words_before: list[str]) -> bool:
    window: list[str] = []
    for word in reversed(words_before[-_NEGATION_WINDOW:]):
        if word in _SCOPE_BARRIERS:
            break
        window.append(word)
    window.reverse()
    for i, word in enumerate(window):
        negates = word in _NEGATION_CUES or (
            # "il n'a plus mal": "plus" negates only after "ne"/"n" ("de plus en plus mal" does not)
            word == "plus" and bool({"n", "ne"} & set(window[:i])) and window[i + 1: i + 2] != ["en"])
        at = len(words_before) - len(window) + i
        if word == "sans" and " ".join(window[i + 1: i + 3]).startswith(_WITHOUT_STOPPING):
            continue  # "ça coule sans arrêt à flots" says it goes on
        if negates and at > 0 and words_before[at - 1] in _KEEPS_ON and window[i + 1: i + 2] in (["de"], ["d"]):
            continue  # "il arrête pas de vomir du sang" says it goes on
        if negates and not _other_object_between(window[i + 1:]):
            return True
    return False


# "il arrête pas de convulser", "elle cesse pas de saigner": the negation says the sign goes on.
_KEEPS_ON = frozenset({"arrete", "arretent", "arretait", "cesse", "cessent", "cessait", "stoppe"})
_WITHOUT_STOPPING = ("arret", "cesse", "interruption", "discontinuer", "relache", "s arreter", "fin")
_DETERMINERS = frozenset({"le", "la", "les", "l", "un", "une", "mon", "ma", "mes", "son", "sa", "ses", "du", "des"})
_NEGATED_QUALITY = frozenset({"bien", "normal", "normale", "bon", "bonne", "sur", "sure", "possible", "grave",
                              "content", "contente", "terrible", "top", "fort", "forte"})
_NEUTRAL_BETWEEN = frozenset({"du tout", "vraiment", "tres", "trop", "moindre", "encore", "jamais", "eu", "de", "d"})


def _other_object_between(between: list[str]) -> bool:
    """'pas l'estomac, le cœur ça serre': the negation took its own object ("l estomac") before the phrase;
    'mon fils pas bien douleur poitrine': it took an adjective."""
    if _NEGATED_QUALITY & set(between):
        return True
    words = [w for w in " ".join(between).replace("du tout", "").split() if w not in _NEUTRAL_BETWEEN]
    return any(w in _DETERMINERS and k + 1 < len(words) and words[k + 1] not in _DETERMINERS
               for k, w in enumerate(words))


def _hypothetical(words_before: list[str]) -> bool:
    window: list[str] = []
    for word in reversed(words_before[-6:]):
        if word in _SCOPE_BARRIERS - {"si", "que", "qu"}:
            break
        window.append(word)
    return bool(_HYPOTHETICAL.search(" ".join(reversed(window))))


def _past_without_acute(cue: re.Pattern[str], near_before: str, near_after: str) -> bool:
    """A past-time cue near the phrase, with nothing between them saying it is happening now."""
    match = None
    for match in cue.finditer(near_before):  # noqa: B007 - the last (closest) one is wanted
        pass
    if match is not None and not _ACUTE.search(near_before[match.end():]):
        return True
    match = cue.search(near_after)
    return match is not None and not _ACUTE.search(near_after[: match.start()])
