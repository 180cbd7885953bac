"""The field's acronyms (PLI, PPLI, PCS, ILI, CADA, MENA, ILA…) link to their glossary entry where the
pages write them: `{{ text|glossed }}` escapes the text, then links the first occurrence of each term."""

import functools
import re

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


@functools.cache
def _terms() -> tuple[re.Pattern, dict[str, str]]:
    from pli.help import TERMS

    anchors = {}
    for term in TERMS:
        for acronym in re.split(r"\s*/\s*", term.acronym):
            if acronym:
                anchors[acronym] = term.key
    words = sorted(anchors, key=len, reverse=True)  # PPLI before PLI
    return re.compile(r"(?<![\w&-])(" + "|".join(map(re.escape, words)) + r")(?![\w-])"), anchors


@register.filter(needs_autoescape=True)
def glossed(text, autoescape=True):
    if text in (None, ""):
        return ""
    escaped = conditional_escape(text) if autoescape else str(text)
    pattern, anchors = _terms()
    seen: set[str] = set()
    glossary = reverse("glossary")

    def link(match: re.Match) -> str:
        word = match.group(1)
        if word in seen:
            return word
        seen.add(word)
        return format_html(
            '<a class="glossed" href="{}#{}" title="{}">{}</a>',
            glossary,
            anchors[word],
            gettext("%(term)s in the glossary") % {"term": word},
            word,
        )

    return mark_safe(pattern.sub(link, str(escaped)))
