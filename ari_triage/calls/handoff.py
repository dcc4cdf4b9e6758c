"""What the human agent and the dialplan receive when a call is handed over: channel variables.

TRIAGE_SUMMARY is read by agents on their phone/CRM screen: it is short, ASCII, and never contains the
transcript or the caller's number (health data stays in the store, subject to retention)."""

from __future__ import annotations

import re
from typing import Any

SUMMARY_MAX = 120
_UNSAFE = re.compile(r"[^A-Za-z0-9 _\-/>:.#]")
_NOT_LABEL = re.compile(r"[^A-Za-z0-9_\-.]")
_DIGIT_RUN = re.compile(r"\d{4,}")


def sanitise(text: str, limit: int = SUMMARY_MAX) -> str:
    """Keep only harmless characters, drop anything that looks like a phone number, cap the length."""
    text = _DIGIT_RUN.sub("#", text)
    text = _UNSAFE.sub("", text.replace(",", " ").replace("|", " "))
    text = re.sub(r"\s+", " ", text).strip()
    return text[:limit]


def label(text: str, limit: int) -> str:
    """An identifier or model label (call id, intent): harmless characters only, digits kept."""
    return _NOT_LABEL.sub("", text)[:limit]


def summary(state: Any, *, reason: str, known_caller: bool = False) -> str:
    """One line for the agent, built only from labels the tree and the model produced (never free text
    from the caller)."""
    parts = [
        f"motif:{getattr(state, 'intent', None) or 'inconnu'}",
        f"urgence:{getattr(state, 'urgency', None) or 'inconnue'}",
    ]
    if getattr(state, "unsure", False):
        parts.append("incertain")
    if getattr(state, "asked_for_person", False):
        parts.append("demande-humain")
    if known_caller:
        parts.append("deja-appele")
    path = tuple(getattr(state, "path", ()) or ())
    if path:
        parts.append("via:" + ">".join(path[-4:]))
    if reason:
        parts.append(f"raison:{reason}")
    return sanitise(" ".join(parts))


def handoff_variables(*, call_id: str, intent: str | None, urgency: str | None, summary_text: str,
                      priority: int) -> dict[str, str]:
    """The channel variables set before ``continue`` (the dialplan's Queue() uses QUEUE_PRIO)."""
    return {
        "TRIAGE_CALL_ID": label(call_id, 64),
        "TRIAGE_INTENT": label(intent or "inconnu", 32),
        "TRIAGE_URGENCY": label(urgency or "inconnue", 16),
        "TRIAGE_SUMMARY": summary_text,
        "QUEUE_PRIO": str(max(0, int(priority))),
    }
