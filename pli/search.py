"""The search across the platform: one box in the header, results grouped by kind.

The seam is the same on SQLite and PostgreSQL (diagnostic/search.py describes the text form: lower
case, accents removed, each word reduced to a crude singular, every word of the query starting a word
of the text). A kind with a stored normalised column (the findings' `search_text`) filters in the
database; the smaller kinds (organisations, people, spaces, territories…) are matched in Python over the
rows the user may see.

Each app contributes its kinds in `<app>/search.py` with `kinds() -> list[SearchKind]` (pli/app_hooks.py);
each kind's `find(user, query, limit)` reads through that kind's own `visible_to(user)` and returns
`SearchHit`s. A new app adds its kinds there, and nothing here changes (CONTRIBUTING.md).
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pli.text import fold

WORD = re.compile(r"[a-z0-9]+")
STOP_WORDS = {
    "de", "des", "du", "la", "le", "les", "l", "d", "et", "en", "un", "une", "a", "au", "aux", "pour",
    "par", "sur", "dans",
}  # fmt: skip
LIMIT = 10  # results shown per kind; the kind's own list holds the rest


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
    """Keep the rows whose stored normalised text has, for every word of the query, a word starting with it."""
    for word in words(query):
        queryset = queryset.filter(**{f"{field}__contains": f" {word}"})
    return queryset


def matches(query_words: list[str], text: str) -> bool:
    """Whether every word of the query starts a word of the text (the same rule, in Python)."""
    if not query_words:
        return False
    haystack = normalise(text)
    return all(f" {word}" in haystack for word in query_words)


def match_rows(rows: Iterable, query: str, text_of: Callable[[object], str], limit: int = LIMIT) -> list:
    """The rows of a small kind whose text (`text_of(row)`) matches the query; at most `limit`."""
    query_words = words(query)
    found = []
    for row in rows:
        if matches(query_words, text_of(row)):
            found.append(row)
            if len(found) >= limit:
                break
    return found


@dataclass
class SearchHit:
    title: str
    url: str
    detail: str = ""


@dataclass
class SearchKind:
    key: str
    label: str
    order: int
    find: Callable[..., list[SearchHit]]  # find(user, query, limit) through the kind's visible_to
    more_url: Callable[[str], str] | None = None  # the kind's own list, filtered by the query


@dataclass
class SearchGroup:
    kind: SearchKind
    hits: list[SearchHit] = field(default_factory=list)
    more: str = ""  # the address of the kind's list with the same query, when it may hold more


def search(user, query: str, kinds: Iterable[SearchKind] | None = None) -> list[SearchGroup]:
    """Every kind's results for the user, in the kinds' order; kinds without a result are left out."""
    from pli.app_hooks import search_kinds

    if not words(query):
        return []
    groups = []
    for kind in kinds if kinds is not None else search_kinds():
        hits = kind.find(user, query, LIMIT + 1)
        if hits:
            more = kind.more_url(query) if kind.more_url and len(hits) > LIMIT else ""
            groups.append(SearchGroup(kind=kind, hits=hits[:LIMIT], more=more))
    return groups
