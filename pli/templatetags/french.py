"""French elision in templates: `{% blocktranslate … asvar text %}{{ text|elided }}` writes « d’Anhée »
where a name starting with a vowel follows « de » (pli.text.elide)."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from pli.text import elide

register = template.Library()


@register.filter(needs_autoescape=True)
def elided(text, autoescape=True):
    escaped = conditional_escape(text) if autoescape else str(text)
    return mark_safe(elide(str(escaped)))
