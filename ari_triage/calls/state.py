"""The per-call state machine: one explicit state, and the only transitions allowed between states."""

from __future__ import annotations

from enum import StrEnum

from ari_triage.calls.ports import CallError


class CallState(StrEnum):
    STARTING = "starting"  # StasisStart received, nothing done yet
    ANSWERING = "answering"  # answer + safety-net TIMEOUT(absolute) + caller lookup
    MEDIA_SETUP = "media_setup"  # RTP endpoint, externalMedia channel, mixing bridge
    PLAYING = "playing"  # a prompt is being played
    LISTENING = "listening"  # waiting for speech, a key or the no-input timeout
    DECIDING = "deciding"  # classifying / asking the tree interpreter what to do next
    HANDING_OFF = "handing_off"  # channel variables + continue to the queue context
    TRANSFERRING = "transferring"  # continue to the external-number context
    HANGING_UP = "hanging_up"  # the tree decided to hang up
    FAILED_OVER = "failed_over"  # something broke: the caller is being sent to the default queue
    ENDED = "ended"  # the channel is no longer ours; the call record is written


_ACTIVE = {CallState.PLAYING, CallState.LISTENING, CallState.DECIDING}
_FINISHING = {CallState.HANDING_OFF, CallState.TRANSFERRING, CallState.HANGING_UP}

ALLOWED: dict[CallState, frozenset[CallState]] = {
    CallState.STARTING: frozenset({CallState.ANSWERING}),
    CallState.ANSWERING: frozenset({CallState.MEDIA_SETUP}),
    CallState.MEDIA_SETUP: frozenset({CallState.DECIDING}),
    CallState.PLAYING: frozenset(_ACTIVE | _FINISHING),
    CallState.LISTENING: frozenset({CallState.DECIDING, CallState.PLAYING}),
    CallState.DECIDING: frozenset(_ACTIVE | _FINISHING),
    CallState.HANDING_OFF: frozenset(),
    CallState.TRANSFERRING: frozenset(),
    CallState.HANGING_UP: frozenset(),
    CallState.FAILED_OVER: frozenset(),
    CallState.ENDED: frozenset(),
}
# From every state but ENDED the call can end (caller hung up, channel vanished) or fail over; a failed
# hand-off / transfer / hang-up also fails over to the default queue.
for _state in CallState:
    if _state is not CallState.ENDED:
        ALLOWED[_state] = ALLOWED[_state] | {CallState.ENDED}
    if _state not in (CallState.ENDED, CallState.FAILED_OVER):
        ALLOWED[_state] = ALLOWED[_state] | {CallState.FAILED_OVER}


class IllegalTransition(CallError):
    code = "illegal-transition"


def check_transition(current: CallState, new: CallState, call_id: str | None = None) -> None:
    if new not in ALLOWED[current]:
        raise IllegalTransition(f"illegal call state transition {current} -> {new}", call_id=call_id)
