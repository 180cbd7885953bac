"""The state of a request, derived from its dated events (a pure function: no database)."""

from collections.abc import Iterable

from expertise.choices import EventKind, State

_DIRECT = {
    EventKind.RECEIVED: State.RECEIVED,
    EventKind.QUALIFIED: State.QUALIFIED,
    EventKind.REFUSED: State.REFUSED,
    EventKind.REDIRECTED: State.REDIRECTED,
    EventKind.ANSWERED: State.ANSWERED,
    EventKind.CLOSED: State.CLOSED,
}


def state_from(kinds: Iterable[str]) -> str:
    """The current state after these events, in the order they happened.

    Soliciting experts moves a qualified request to "experts sollicités"; the first acceptance makes it
    "prise en charge" (later ones change nothing); a decline changes nothing; a reopened request goes
    back to "prise en charge" if an expert had accepted it, else to "qualifiée"."""
    state, accepted = State.RECEIVED, False
    for kind in kinds:
        if kind in _DIRECT:
            state = _DIRECT[kind]
        elif kind == EventKind.SOLICITED and state in (State.RECEIVED, State.QUALIFIED):
            state = State.SOLICITED
        elif kind == EventKind.ACCEPTED:
            accepted = True
            if state in (State.SOLICITED, State.QUALIFIED):
                state = State.IN_PROGRESS
        elif kind == EventKind.REOPENED:
            state = State.IN_PROGRESS if accepted else State.QUALIFIED
    return state
