"""Dates written as French readers expect them: « 1er septembre 2023 », « lundi 7 décembre, 09:30 ».
Both filters also take the ISO text that the JSON exports hold (« 2023-09-01 », « 2026-12-07T09:30:00+01:00 »)."""

import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

register = template.Library()


def _first(text: str, value) -> str:
    if value.day == 1 and (get_language() or "").startswith("fr"):
        return text.replace("1 ", "1er ", 1)
    return text


def _parsed(value):
    if isinstance(value, str):
        try:
            return (
                datetime.datetime.fromisoformat(value) if "T" in value else datetime.date.fromisoformat(value)
            )
        except ValueError:
            return None
    return value


@register.filter
def long_date(value):
    """« 1er septembre 2023 »"""
    value = _parsed(value)
    if not value:
        return ""
    return _first(date_format(value, "j F Y"), value)


@register.filter
def meeting_time(value):
    """« lundi 7 décembre 2026, 09:30 »"""
    value = _parsed(value)
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return _first(date_format(local, "l j F Y, H:i"), local).replace("lundi 1 ", "lundi 1er ")
