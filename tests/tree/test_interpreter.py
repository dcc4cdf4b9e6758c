"""The pure interpreter: events in, actions out, with the safety rules no tree can switch off."""

from __future__ import annotations

import dataclasses
import random
from datetime import UTC, datetime, timedelta

import pytest

from ari_triage.tree.contract import (
    TERMINAL_ACTIONS,
    CallerHungUp,
    CallerProfile,
    CallStarted,
    Digit,
    Hangup,
    Listen,
    NoInput,
    Play,
    RequestCallback,
    Route,
    RunHook,
    Transfer,
    Utterance,
)
from ari_triage.tree.interpreter import advance, start
from ari_triage.tree.loader import load_and_check, load_tree
from ari_triage.tree.model import french_public_holidays
from ari_triage.tree.prompts import all_prompts, prompt_key
from tests.tree.conftest import NIGHT, OPEN, PARIS, nlu

ADVICE_START = "Si vous pensez que la vie de quelqu'un est en danger"


def said(text: str, intent: str = "autre", urgency: str = "normale", unsure: bool = False) -> Utterance:
    return Utterance(text, nlu(intent, urgency, unsure=unsure))


def check_batch(actions) -> None:
    """The contract's batch rules."""
    assert actions, "a batch is never empty while the call goes on"
    last = actions[-1]
    assert isinstance(last, (Listen, *TERMINAL_ACTIONS)), last
    assert sum(isinstance(a, (Listen, *TERMINAL_ACTIONS)) for a in actions) == 1


def call(tree, at=OPEN, caller="0601020304", known=False):
    step = start(tree, CallStarted(at=at, caller=caller, profile=CallerProfile(known=known)))
    check_batch(step.actions)
    return step


def test_welcome_then_question(example_tree):
    step = call(example_tree)
    assert step.state.path == ("bienvenue", "ouvert", "motif")
    assert isinstance(step.actions[-1], Listen) and step.actions[-1].node == "motif"
    assert step.actions[-1].speech and step.actions[-1].dtmf
    assert step.state.prompts[0].startswith("Bonjour") and "personne" in step.state.prompts[0]
    assert not step.state.done and step.state.questions == 1


def test_key_routes_to_queue_with_priority(example_tree):
    step = advance(example_tree, call(example_tree).state, Digit("2"))
    check_batch(step.actions)
    assert step.actions[-1] == Route("secretariat", 3, "vers_secretariat")
    assert isinstance(step.actions[0], Play) and "secrétariat" in step.actions[0].prompt.text
    assert step.state.done and step.state.outcome == "route"
    assert (step.state.queue, step.state.priority) == ("secretariat", 3)


def test_intent_routes(example_tree):
    step = advance(example_tree, call(example_tree).state, said("mes résultats", "resultats"))
    assert step.state.queue == "secretariat" and step.state.intent == "resultats"
    step = advance(example_tree, call(example_tree).state, said("j'ai de la fièvre", "conseil_medical"))
    assert step.state.queue == "infirmiere" and step.state.priority == 5


@pytest.mark.parametrize("node_keys", [[], ["3"]], ids=["at the question", "after information"])
def test_key_zero_reaches_a_person_at_every_listening_step(example_tree, node_keys):
    state = call(example_tree).state
    for key in node_keys:
        state = advance(example_tree, state, Digit(key)).state
    step = advance(example_tree, state, Digit("0"))
    assert step.actions[-1].queue == "accueil" and step.state.asked_for_person
    assert step.state.reason == "asked for a person (key 0)"


def test_person_phrase_at_the_callback_offer(example_tree):
    state = call(example_tree, at=NIGHT).state
    assert state.node == "rappel"
    step = advance(example_tree, state, said("je veux parler à quelqu'un", "humain"))
    assert step.actions[-1] == Route("accueil", 5, "asked for a person")
    assert step.state.asked_for_person


@pytest.mark.parametrize("setup", [[], [Digit("3")]], ids=["question", "information"])
@pytest.mark.parametrize("utterance", [said("il respire plus", "autre", "vitale"),
                                       said("c'est une urgence", "urgence", "normale")], ids=["vitale", "urgence"])
def test_vitale_anywhere_gives_advice_then_emergency_queue_at_max_priority(example_tree, setup, utterance):
    state = call(example_tree).state
    for event in setup:
        state = advance(example_tree, state, event).state
    step = advance(example_tree, state, utterance)
    assert len(step.actions) == 2
    advice, route = step.actions
    assert isinstance(advice, Play) and not advice.interruptible and advice.prompt.text.startswith(ADVICE_START)
    assert route == Route("urgences", 10, "vitale")
    assert step.state.urgency == "vitale" and step.state.outcome == "route"


def test_vitale_at_night_during_callback_offer(example_tree):
    step = advance(example_tree, call(example_tree, at=NIGHT).state, said("douleur poitrine", "autre", "vitale"))
    assert step.actions[-1] == Route("urgences", 10, "vitale")
    assert not any(isinstance(a, RequestCallback) for a in step.actions)


def test_urgency_only_rises_and_raises_priority(example_tree):
    state = call(example_tree).state
    step = advance(example_tree, state, said("c'est urgent, très mal", "autre", "urgente", unsure=True))
    assert step.state.urgency == "urgente"
    assert step.actions[-1].queue == "infirmiere" and step.actions[-1].priority == 8  # urgency map of 'motif'


def test_urgente_never_queued_below_urgent_priority(write_tree, config):
    path = write_tree("name: x\nstart: q\nperson: {queue: accueil, priority: 2}\nemergency: {queue: urgences}\n"
                      "nodes:\n  q:\n    ask: Motif ?\n    intents: {rdv_prise: rdv}\n"
                      "  rdv: {route: rdv, priority: 1}\n")
    tree = load_tree(path, config, announcements_file=None)
    step = advance(tree, call(tree).state, said("rendez-vous vite", "rdv_prise", "urgente"))
    assert step.actions[-1] == Route("rdv", 7, "rdv")
    step = advance(tree, call(tree).state, said("rendez-vous", "rdv_prise", "normale"))
    assert step.actions[-1] == Route("rdv", 1, "rdv")
    # a later calm utterance never lowers the urgency carried in the state
    state = advance(tree, call(tree).state, said("euh", "autre", "urgente", unsure=True)).state
    assert state.urgency == "urgente" and state.node == "q"
    step = advance(tree, state, said("un rendez-vous", "rdv_prise", "normale"))
    assert step.state.urgency == "urgente" and step.actions[-1].priority == 7


def test_unsure_asks_again_once_then_a_person(example_tree):
    state = call(example_tree).state
    step = advance(example_tree, state, said("euh ben", "rdv_prise", unsure=True))
    check_batch(step.actions)
    assert isinstance(step.actions[-1], Listen) and step.state.node == "motif"
    assert step.state.prompts[-3] == "Excusez-moi, je n'ai pas bien compris."
    assert step.state.prompts[-2].startswith("Dites par exemple")  # the reprompt
    assert step.state.questions == 1  # asking again is not a new question
    step = advance(example_tree, step.state, said("bah voilà", "rdv_prise", unsure=True))
    assert step.actions[-1] == Route("accueil", 5, "answer still unclear")


def test_silence_asks_again_then_a_person(example_tree):
    step = advance(example_tree, call(example_tree).state, NoInput())
    assert step.state.prompts[-3] == "Je ne vous ai pas entendu." and isinstance(step.actions[-1], Listen)
    step = advance(example_tree, step.state, NoInput())
    assert step.actions[-1].queue == "accueil" and step.state.reason == "no answer"


def test_no_input_target_and_retries_zero(write_tree, config):
    path = write_tree("name: x\nstart: q\nperson: {queue: accueil}\nemergency: {queue: urgences}\nnodes:\n"
                      "  q:\n    ask: Motif ?\n    retries: 0\n    no_input: fin\n    keys: {'1': fin}\n"
                      "  fin: {hangup: Au revoir.}\n")
    tree = load_tree(path, config, announcements_file=None)
    step = advance(tree, call(tree).state, NoInput())
    assert step.actions == (Play(tree.nodes["fin"].prompt), Hangup("fin"))
    assert step.state.outcome == "hangup"


def test_words_are_matched_before_intents(write_tree, config):
    path = write_tree("name: x\nstart: q\nperson: {queue: accueil}\nemergency: {queue: urgences}\nnodes:\n"
                      "  q:\n    ask: Voulez-vous confirmer ?\n    words: {\"oui\": ok, \"non merci\": fin}\n"
                      "    otherwise: fin\n  ok: {route: rdv}\n  fin: {hangup: }\n")
    tree = load_tree(path, config, announcements_file=None)
    assert advance(tree, call(tree).state, said("Oui, c'est ça", "autre", unsure=True)).state.queue == "rdv"
    assert advance(tree, call(tree).state, said("non MERCI", "autre")).state.outcome == "hangup"
    assert advance(tree, call(tree).state, said("ouistiti", "autre")).state.outcome == "hangup"


def test_asking_for_a_named_team_reaches_that_team(example_tree):
    # "parler à une infirmière": the question's words send 'infirmière' to a queue, so the caller goes there
    step = advance(example_tree, call(example_tree).state,
                   said("il faudrait que je parle à une infirmière", "humain", unsure=True))
    assert step.actions[-1] == Route("infirmiere", 5, "vers_infirmiere")
    assert step.state.asked_for_person
    # without a team named, the generic person
    step = advance(example_tree, call(example_tree).state, said("passez-moi quelqu'un", "humain"))
    assert step.actions[-1] == Route("accueil", 5, "asked for a person")


def test_asking_for_a_person_never_lands_in_automation_through_words(write_tree, config):
    path = write_tree("name: x\nstart: q\nperson: {queue: accueil}\nemergency: {queue: urgences}\nnodes:\n"
                      "  q:\n    ask: Motif ? Tapez 0 pour quelqu'un.\n    words: {\"horaires\": infos}\n"
                      "    otherwise: fin\n  infos: {info: Ouvert de 8 h à 19 h.}\n  fin: {hangup: }\n")
    tree = load_tree(path, config, announcements_file=None)
    step = advance(tree, call(tree).state, said("je veux quelqu'un pour les horaires", "humain"))
    assert step.actions[-1] == Route("accueil", 5, "asked for a person")


def test_information_then_hang_up_or_repeat(example_tree):
    state = advance(example_tree, call(example_tree).state, Digit("3")).state
    assert state.node == "infos_pratiques" and state.info_given
    assert "12 rue des Tilleuls" in state.prompts[-2] and "tapez 0" in state.prompts[-1]
    again = advance(example_tree, state, Digit("1"))
    assert isinstance(again.actions[-1], Listen) and "12 rue des Tilleuls" in again.state.prompts[-2]
    end = advance(example_tree, again.state, NoInput())
    assert isinstance(end.actions[-1], Hangup) and end.state.outcome == "info"
    other = advance(example_tree, state, said("et pour une facture", "administratif"))
    assert other.state.queue == "accueil"  # 'otherwise' of the info node
    assert state.questions == 1  # information is not a question


def test_hours_open_closed_holiday_and_time_zone(example_tree):
    assert call(example_tree, at=OPEN).state.node == "motif"
    assert call(example_tree, at=NIGHT).state.node == "rappel"
    assert call(example_tree, at=datetime(2026, 12, 6, 10, 0, tzinfo=PARIS)).state.node == "rappel"  # Sunday
    assert call(example_tree, at=datetime(2027, 3, 29, 10, 0, tzinfo=PARIS)).state.node == "rappel"  # Easter Monday
    # 07:30 UTC is 08:30 in Paris in winter: open; 07:30 Paris is closed
    assert call(example_tree, at=datetime(2026, 12, 1, 7, 30, tzinfo=UTC)).state.node == "motif"
    assert call(example_tree, at=datetime(2026, 12, 1, 7, 30, tzinfo=PARIS)).state.node == "rappel"
    assert call(example_tree, at=datetime(2026, 12, 5, 11, 59, tzinfo=PARIS)).state.node == "motif"  # Saturday
    assert call(example_tree, at=datetime(2026, 12, 5, 12, 0, tzinfo=PARIS)).state.node == "rappel"


def test_french_public_holidays():
    days = french_public_holidays(2027)
    assert len(days) == 11
    assert {datetime(2027, 3, 29).date(), datetime(2027, 5, 6).date(), datetime(2027, 5, 17).date()} <= days


def test_closed_days_of_the_tree(write_tree, config):
    path = write_tree("name: x\nstart: h\nperson: {queue: accueil}\nemergency: {queue: urgences}\n"
                      "hours:\n  week: {lundi-dimanche: '00:00-24:00'}\n  public_holidays: none\n"
                      "  closed: [2026-08-10..2026-08-12]\nnodes:\n"
                      "  h: {branch: hours, cases: {open: a, closed: b}}\n  a: {route: accueil}\n  b: {route: rdv}\n")
    tree = load_tree(path, config, announcements_file=None)
    assert call(tree, at=datetime(2026, 8, 11, 3, 0, tzinfo=PARIS)).state.queue == "rdv"  # holiday -> closed
    assert call(tree, at=datetime(2026, 8, 13, 3, 0, tzinfo=PARIS)).state.queue == "accueil"
    assert call(tree, at=datetime(2026, 12, 25, 3, 0, tzinfo=PARIS)).state.queue == "accueil"  # holidays: none


def test_caller_known_unknown_hidden(example_tree):
    annul = said("annuler mon rendez-vous", "rdv_annulation")
    known = advance(example_tree, call(example_tree, known=True).state, annul)
    assert known.actions[0] == RunHook("logiciel_rdv", {"demande": "annulation"})
    assert known.state.node == "info_sms_rdv" and known.state.hooks == ("logiciel_rdv",)
    unknown = advance(example_tree, call(example_tree, known=False).state, annul)
    assert unknown.state.queue == "rdv" and not any(isinstance(a, RunHook) for a in unknown.actions)
    hidden = advance(example_tree, call(example_tree, caller=None, known=False).state, annul)
    assert hidden.state.queue == "rdv"  # no 'hidden' case: a hidden number is unknown


def test_callback_offer(example_tree):
    state = call(example_tree, at=NIGHT).state
    assert "rappelle" in state.prompts[-1]
    yes = advance(example_tree, state, Digit("1"))
    assert yes.actions[0] == RequestCallback("secretariat", "rappel")
    assert isinstance(yes.actions[-1], Hangup) and yes.state.outcome == "callback"
    assert yes.state.callback_queue == "secretariat"
    assert advance(example_tree, state, said("oui s'il vous plaît", "autre", unsure=True)).state.outcome == "callback"
    no = advance(example_tree, state, said("non merci", "autre"))
    assert no.state.outcome == "hangup" and no.state.path[-1] == "au_revoir"
    assert not any(isinstance(a, RequestCallback) for a in no.actions)
    silent = advance(example_tree, state, NoInput())
    assert isinstance(silent.actions[-1], Listen)  # asked once more, never booked on silence
    silent = advance(example_tree, silent.state, NoInput())
    assert silent.state.outcome == "hangup" and silent.state.callback_queue is None


def test_hidden_number_gets_no_callback(example_tree):
    step = call(example_tree, at=NIGHT, caller=None)
    assert any("masqué" in p for p in step.state.prompts)
    assert not any(isinstance(a, RequestCallback) for a in step.actions)
    assert step.state.outcome == "hangup"


def test_transfer_and_hook(write_tree, config):
    path = write_tree("name: x\nstart: h\nperson: {queue: accueil}\nemergency: {queue: urgences}\nnodes:\n"
                      "  h: {hook: sms_infos_pratiques, params: {type: adresse}, next: t}\n"
                      "  t: {transfer: '0144000000', announcement: Je vous transfère.}\n")
    tree = load_tree(path, config, announcements_file=None)
    step = call(tree)
    assert [type(a) for a in step.actions] == [RunHook, Play, Transfer]
    assert step.actions[-1] == Transfer("0144000000", "t")
    assert step.state.outcome == "transfer" and step.state.transfer_number == "0144000000"


def test_question_limit_enforced_at_run_time(config):
    from tests.tree.conftest import BROKEN

    tree, problems = load_and_check(BROKEN / "too_many_questions.yaml", config, announcements_file=None)
    assert problems  # the validator refuses it; the interpreter still never asks a third question
    state = call(tree).state
    state = advance(tree, state, said("a", "autre")).state
    assert state.node == "q2"
    step = advance(tree, state, said("b", "autre"))
    assert step.actions[-1] == Route("accueil", 5, "question limit reached")
    assert step.state.questions == 2


def test_hang_up_and_events_after_the_end(example_tree):
    state = call(example_tree).state
    gone = advance(example_tree, state, CallerHungUp())
    assert gone.actions == () and gone.state.done and gone.state.outcome == "abandoned"
    after = advance(example_tree, gone.state, Digit("1"))
    assert after.actions == () and after.state == gone.state
    with pytest.raises(TypeError):
        advance(example_tree, state, CallStarted(at=OPEN))


def test_announcements_after_the_welcome(config, write_tree):
    ann = write_tree("announcements:\n  - name: greve\n    active: true\n    from: 2026-12-01\n"
                     "    until: 2026-12-02\n    text: Grève des transports.\n"
                     "  - name: eteinte\n    active: false\n    text: Jamais lue.\n", "announcements.yaml")
    from tests.tree.conftest import EXAMPLE_TREE

    tree = load_tree(EXAMPLE_TREE, config, announcements_file=ann)
    prompts = call(tree, at=OPEN).state.prompts
    assert prompts[0].startswith("Bonjour") and prompts[1] == "Grève des transports."
    assert "Jamais lue." not in prompts
    assert {"Grève des transports.", "Jamais lue."} <= {p.text for p in all_prompts(tree)}  # audio built ahead
    assert "Grève des transports." not in call(tree, at=OPEN + timedelta(days=2)).state.prompts  # after 'until'
    assert "Grève des transports." in call(tree, at=datetime(2026, 12, 2, 23, 59, tzinfo=PARIS)).state.prompts
    assert "Grève des transports." not in call(tree, at=datetime(2026, 11, 30, 23, 59, tzinfo=PARIS)).state.prompts


def test_interpreter_is_pure_and_state_is_immutable(example_tree):
    first = call(example_tree)
    again = call(example_tree)
    assert first == again
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.state.done = True  # type: ignore[misc]
    with pytest.raises(TypeError):
        example_tree.nodes["x"] = None  # type: ignore[index]
    before = first.state
    advance(example_tree, before, Digit("2"))
    assert before == again.state  # advancing never changes the old state


def test_all_prompts_cover_everything_the_tree_can_say(example_tree):
    prompts = all_prompts(example_tree)
    texts = {p.text for p in prompts}
    assert example_tree.emergency_advice.text in texts
    for node in example_tree.nodes.values():
        for prompt in node.prompts():
            assert prompt.text in texts
    assert all(p.key == prompt_key(p.text) for p in prompts)
    assert len({p.key for p in prompts}) == len(prompts)
    # whatever a random call plays is in the list
    rng = random.Random(7)
    for _ in range(200):
        for text in _random_call(example_tree, rng).prompts:
            assert text in texts


def _random_call(tree, rng):
    events = [Digit(d) for d in "0123456789*#"] + [NoInput(), CallerHungUp()] + [
        said("x", intent, urgency, unsure) for intent in ("rdv_prise", "rdv_annulation", "rdv_confirmation",
                                                          "info_pratique", "resultats", "humain", "autre", "urgence")
        for urgency in ("normale", "urgente", "vitale") for unsure in (False, True)]
    at = datetime(2026, 12, 1, tzinfo=PARIS) + timedelta(minutes=rng.randrange(0, 7 * 24 * 60))
    step = call(tree, at=at, caller=rng.choice([None, "0601"]), known=rng.random() < 0.5)
    state = step.state
    urgency_seen = "normale"
    while not state.done:
        event = rng.choice(events)
        step = advance(tree, state, event)
        if isinstance(event, Utterance):
            if event.nlu.urgency.value == "urgente":
                urgency_seen = "urgente"
            if event.nlu.urgency.value == "vitale" or event.nlu.intent.value == "urgence":
                assert step.actions[-1] == Route("urgences", 10, "vitale")
                assert isinstance(step.actions[0], Play) and not step.actions[0].interruptible
        if not (isinstance(event, CallerHungUp)):
            check_batch(step.actions)
        if urgency_seen == "urgente" and isinstance(step.actions[-1] if step.actions else None, Route):
            assert step.actions[-1].priority >= tree.urgent_priority
        state = step.state
        assert state.questions <= tree.max_questions
    return state


def test_random_calls_always_end_and_follow_the_rules(example_tree):
    rng = random.Random(2026)
    outcomes = {_random_call(example_tree, rng).outcome for _ in range(500)}
    assert {"route", "abandoned"} <= outcomes


def test_keys_only_question_still_hears_the_person_phrase_and_emergencies(write_tree, config):
    path = write_tree("name: x\nstart: q\nperson: {queue: accueil}\nemergency: {queue: urgences}\nnodes:\n"
                      "  q:\n    ask: Tapez 1 pour un rendez-vous.\n    listen: dtmf\n    keys: {'1': rdv}\n"
                      "    intents: {rdv_prise: rdv}\n  rdv: {route: rdv}\n")
    tree = load_tree(path, config, announcements_file=None)
    step = call(tree)
    assert step.actions[-1] == Listen("q", speech=True, dtmf=True, timeout_s=6.0)
    assert advance(tree, step.state, Digit("1")).state.queue == "rdv"
    spoken = advance(tree, step.state, said("un rendez-vous", "rdv_prise"))
    assert spoken.state.node == "q"  # a spoken answer does not count here: asked again
    assert advance(tree, step.state, said("parler à quelqu'un", "humain")).state.queue == "accueil"
    assert advance(tree, step.state, said("il respire plus", "autre", "vitale")).state.queue == "urgences"


def test_speech_only_question_ignores_keys_but_not_key_zero(write_tree, config):
    path = write_tree("name: x\nstart: q\nperson: {queue: accueil}\nemergency: {queue: urgences}\nnodes:\n"
                      "  q:\n    ask: Dites votre motif.\n    listen: speech\n    keys: {'1': rdv}\n"
                      "    intents: {rdv_prise: rdv}\n  rdv: {route: rdv}\n")
    tree = load_tree(path, config, announcements_file=None)
    state = call(tree).state
    assert advance(tree, state, Digit("1")).state.node == "q"
    assert advance(tree, state, Digit("0")).state.queue == "accueil"
    assert advance(tree, state, said("un rendez-vous", "rdv_prise")).state.queue == "rdv"
