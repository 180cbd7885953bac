"""French full-text search that behaves the same on SQLite and PostgreSQL.

Each finding keeps a normalised copy of its text (`search_text`): lower case, accents removed, each
word reduced to a crude singular (écoles → ecole, sociaux → social). A query is
normalised the same way and every one of its words must start a word of the text. Small, tested, and
independent of the database's own full-text features.
"""

import re

from pli.text import fold

WORD = re.compile(r"[a-z0-9]+")
STOP_WORDS = {
    "de",
    "des",
    "du",
    "la",
    "le",
    "les",
    "l",
    "d",
    "et",
    "en",
    "un",
    "une",
    "a",
    "au",
    "aux",
    "pour",
    "par",
    "sur",
    "dans",
}


def stem(word: str) -> str:
    """A crude French singular: enough for plurals to find singulars and back."""
    if len(word) > 4 and word.endswith("aux"):
        return word[:-3] + "al"
    if len(word) > 3 and word.endswith(("s", "x")) and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    return [stem(w) for w in WORD.findall(fold(text)) if w not in STOP_WORDS]


def normalise(text: str) -> str:
    """The searchable form of a text: its normalised words, each preceded by a space."""
    return "".join(f" {w}" for w in words(text)) + " "


def filter_queryset(queryset, query: str, field: str = "search_text"):
    """Keep the rows whose text has, for every word of the query, a word starting with it."""
    for word in words(query):
        queryset = queryset.filter(**{f"{field}__contains": f" {word}"})
    return queryset
