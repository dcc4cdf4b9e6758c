from ari_triage.calls.handoff import handoff_variables, sanitise, summary
from tests.calls.fakes import TState


def test_summary_is_short_and_free_of_numbers_and_free_text() -> None:
    state = TState(path=("accueil", "motif", "rdv"), intent="rdv_prise", urgency="normale", unsure=True,
                   asked_for_person=True)
    text = summary(state, reason="rappel au 0612345678, merci!", known_caller=True)
    assert "0612345678" not in text and "!" not in text and "," not in text
    assert text.startswith("motif:rdv_prise urgence:normale incertain demande-humain deja-appele via:accueil>motif>rdv")
    assert len(summary(state, reason="x" * 500)) <= 120


def test_variables_keep_ids_intact() -> None:
    v = handoff_variables(call_id="c-64a68316ce3c", intent="rdv_prise", urgency="vitale",
                          summary_text=sanitise("a|b"), priority=-3)
    assert v == {"TRIAGE_CALL_ID": "c-64a68316ce3c", "TRIAGE_INTENT": "rdv_prise", "TRIAGE_URGENCY": "vitale",
                 "TRIAGE_SUMMARY": "a b", "QUEUE_PRIO": "0"}
