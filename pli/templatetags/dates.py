"""Dates written as French readers expect them: « 1er septembre 2023 », « lundi 7 décembre, 09:30 »."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

register = template.Library()


def _first(text: str, value) -> str:
    if value.day == 1 and (get_language() or "").startswith("fr"):
        return text.replace("1 ", "1er ", 1)
    return text


@register.filter
def long_date(value):
    """« 1er septembre 2023 »"""
    if not value:
        return ""
    return _first(date_format(value, "j F Y"), value)


@register.filter
def meeting_time(value):
    """« lundi 7 décembre 2026, 09:30 »"""
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return _first(date_format(local, "l j F Y, H:i"), local).replace("lundi 1 ", "lundi 1er ")
