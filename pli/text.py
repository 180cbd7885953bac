"""Text helpers shared by the apps' searches and sorts."""

import re
import unicodedata

# « de » before a vowel (a name interpolated into a French sentence: « de Anhée » → « d’Anhée »), and
# « de Le / de Les » contracted (« de Le Rœulx » → « du Rœulx »). H is left alone: aspirated or not
# depends on the word.
_ELISION = re.compile(r"\b([dD])e (?=[AEIOUYÀÂÉÈÊËÎÏÔÛÙŒaeiouyàâéèêëîïôûùœ])")
_CONTRACTION = re.compile(r"\b([dD])e (?:Le|le) (?=\w)")
_CONTRACTION_PLURAL = re.compile(r"\b([dD])e (?:Les|les) (?=\w)")


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


def elide(text: str) -> str:
    """French elision and contraction of « de » in a sentence where names were interpolated."""
    text = _CONTRACTION.sub(lambda m: ("D" if m.group(1) == "D" else "d") + "u ", str(text))
    text = _CONTRACTION_PLURAL.sub(lambda m: ("D" if m.group(1) == "D" else "d") + "es ", text)
    return _ELISION.sub(lambda m: m.group(1) + "’", text)
