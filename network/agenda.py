"""The items of a meeting's agenda. The agenda is written as text, one item a line ("2. Accès au
logement"); an item is a non-empty line, numbered by its place (its own numbering, "2." or "2)", is
read off), so that another app can name one item of one meeting (advocacy: a concertation space seized
with an alert) and link to it on the meeting's page (`#agenda-item-2`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBERING = re.compile(r"^\s*(?:\d{1,3}\s*[.)]|[-•*])\s*")


@dataclass(frozen=True)
class AgendaItem:
    number: int
    title: str

    @property
    def anchor(self) -> str:
        return anchor(self.number)


def anchor(number: int) -> str:
    return f"agenda-item-{number}"


def agenda_items(text: str) -> list[AgendaItem]:
    """The items of an agenda's text, in order, numbered from 1."""
    titles = [NUMBERING.sub("", line).strip() for line in (text or "").splitlines()]
    return [AgendaItem(number, title) for number, title in enumerate((t for t in titles if t), start=1)]


def agenda_item(text: str, number: int | None) -> AgendaItem | None:
    """The item of that number, or None."""
    items = agenda_items(text)
    return items[number - 1] if number and 0 < number <= len(items) else None
