"""The kinds of message the platform sends, declared by the apps that send them.

Each app lists its kinds in `<app>/notifications.py` (found through pli/app_hooks.py, as dashboard cards
are):

    KINDS = [Kind(code="expertise.solicited", label=_("…"), template="expertise/messages/solicited")]

The templates `<template>_subject.txt` and `<template>_body.txt` (and, optionally, `<template>_body.html`)
are rendered in French with the caller's context plus `object`, `recipient` and `url` (the absolute link
to the object's page, which asks for a login). A kind with `refusable=False` cannot be turned off (the
user's own account); `default` is the delivery of a user who chose nothing. A `confidential` kind
carries a secret (a password-reset link): its text is shown on no page, not even to coordinators reading
the outbox, and is wiped from the stored row once sent (subject, recipient and state stay recorded).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from notifications.choices import Delivery
from pli.app_hooks import app_modules


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    template: str
    refusable: bool = True
    default: str = Delivery.IMMEDIATE
    # Who receives it, in a sentence for the preferences page ("the members of your spaces").
    description: str = ""
    # Its text holds a secret: never shown on a page, and wiped once sent.
    confidential: bool = False

    def __post_init__(self):
        if self.default not in Delivery.values:
            raise ValueError(f"Kind {self.code}: default {self.default!r} is not one of {Delivery.values}.")
        if not self.refusable and self.default == Delivery.NEVER:
            raise ValueError(f"Kind {self.code} cannot be refused, so its default cannot be never.")
        if self.confidential and (self.refusable or self.default != Delivery.IMMEDIATE):
            raise ValueError(f"Kind {self.code} is confidential: it cannot be refused and goes at once.")

    def choices(self) -> list[tuple[str, str]]:
        """The deliveries a user may choose for this kind: none when it cannot be refused."""
        return list(Delivery.choices) if self.refusable else []


@functools.cache
def registry() -> dict[str, Kind]:
    """Every app's kinds by code, in INSTALLED_APPS order; a code declared twice is refused."""
    kinds: dict[str, Kind] = {}
    for module in app_modules("notifications"):
        for kind in getattr(module, "KINDS", ()):
            if kind.code in kinds:
                raise ValueError(f"The kind of message {kind.code} is declared twice.")
            kinds[kind.code] = kind
    return kinds


def get_kind(code: str) -> Kind:
    try:
        return registry()[code]
    except KeyError:
        raise LookupError(
            f"No kind of message {code!r}: declare it in KINDS of <app>/notifications.py."
        ) from None


def all_kinds() -> list[Kind]:
    return list(registry().values())
