"""Text helpers shared by the apps' searches and sorts."""

import unicodedata


def fold(text: str) -> str:
    """Lower case without accents, and typographic apostrophes made plain: "L’Écluse" → "l'ecluse"."""
    decomposed = unicodedata.normalize("NFKD", (text or "").strip().lower().replace("\u2019", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def matching_pks(queryset, query: str, *fields: str) -> list[int]:
    """The primary keys of the rows where one of the fields contains the query, accents and case ignored.

    Done in Python, for the network's lists (a few thousand rows at most), so that "eghezee" finds
    Éghezée on SQLite and PostgreSQL alike."""
    needle = fold(query)
    return [
        row[0] for row in queryset.values_list("pk", *fields) if any(needle in fold(v or "") for v in row[1:])
    ]
