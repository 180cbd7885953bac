"""The terms stored by their code in other apps' rows (a finding's source type, a review's lens): their
labels and order, read from the vocabulary.

A page may show hundreds of such codes (the sources of every finding of the register): each list is read
once per request, then looked up in memory. Outside a request (a command, a task, a shell) every call
reads the database, unless the work runs inside `cached()`. Nothing is kept from one request to the
next, so an edit in the Django admin shows on the next page in every process.
"""

from contextlib import contextmanager
from typing import NamedTuple

from asgiref.local import Local
from django.core.signals import request_finished, request_started

_state = Local()


class Entry(NamedTuple):
    code: str
    label: str
    is_active: bool


def terms(model) -> list[Entry]:
    """Every term of the list, in its order (retired ones too)."""
    cache = getattr(_state, "terms", None)
    if cache is not None and model in cache:
        return cache[model]
    entries = [Entry(t.code, str(t), t.is_active) for t in model.objects.all()]
    if cache is not None:
        cache[model] = entries
    return entries


def label(model, code: str) -> str:
    """The label of the term with this code; the code itself when no term has it."""
    return next((entry.label for entry in terms(model) if entry.code == code), code)


def choices(model, keep=()) -> list[tuple[str, str]]:
    """(code, label) of the terms in use, and of those in `keep` (the values a form already has)."""
    return [(e.code, e.label) for e in terms(model) if e.is_active or e.code in keep]


def start(**kwargs) -> None:
    _state.terms = {}


def stop(**kwargs) -> None:
    _state.terms = None


@contextmanager
def cached():
    """Read each list once for the work inside the block (a document built by a task, an export)."""
    previous = getattr(_state, "terms", None)
    _state.terms = {} if previous is None else previous
    try:
        yield
    finally:
        _state.terms = previous


def connect() -> None:
    request_started.connect(start, dispatch_uid="vocabulary.labels.start")
    request_finished.connect(stop, dispatch_uid="vocabulary.labels.stop")
