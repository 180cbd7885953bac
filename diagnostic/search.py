"""French full-text search that behaves the same on SQLite and PostgreSQL (the seam is pli/search.py).

Each finding keeps a normalised copy of its text (`search_text`): lower case, accents removed, each
word reduced to a crude singular (écoles → ecole, sociaux → social). A query is normalised the same way
and every one of its words must start a word of the text. The findings are the platform search's
first kind (`kinds()`).
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pli.search import STOP_WORDS, WORD, SearchHit, SearchKind, filter_queryset, normalise, stem, words

__all__ = ["STOP_WORDS", "WORD", "filter_queryset", "kinds", "normalise", "stem", "words"]


def _findings(user, query: str, limit: int) -> list[SearchHit]:
    from diagnostic.models import Finding

    found = filter_queryset(Finding.objects.visible_to(user), query).select_related("diagnostic")
    return [
        SearchHit(f.statement, f.get_absolute_url(), f"{f.diagnostic.title} · {f.get_status_display()}")
        for f in found.only("pk", "statement", "status", "diagnostic__title").order_by("-pk")[:limit]
    ]


def kinds() -> list[SearchKind]:
    return [
        SearchKind(
            "findings",
            _("Findings"),
            20,
            _findings,
            more_url=lambda q: reverse("diagnostic:index") + "?" + urlencode({"q": q}),
        )
    ]
