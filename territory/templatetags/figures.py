"""Figures written the reader's way, through Django's locale formatting.

In French: 487 145 · 4,74 % · +1,2 pt · −3 (a true minus sign) · 12 500 € · 01/01/2015. The digit
grouping and the decimal mark come from the active language's format module (`pli/formats/` narrows
the French thousands separator to U+202F); where the unit goes and how it is spaced is a translated
pattern, so that Dutch (`4,74%`, `€ 12.500`) or German follow their own rules without code.
"""

from decimal import Decimal

from django import template
from django.utils.formats import date_format, get_format, number_format
from django.utils.translation import pgettext

register = template.Library()
NARROW_SPACE = "\u202f"
MINUS = "\u2212"


def _number(value, digits: int) -> str:
    """The value rounded to `digits` decimals, grouped by thousands, with the language's decimal mark."""
    # Django's number_format cuts the decimals without rounding: round first, as Python does.
    rounded = Decimal(f"{float(value):.{digits}f}")
    return number_format(rounded, decimal_pos=digits, use_l10n=True, force_grouping=True).replace("-", MINUS)


def _integer(value) -> str:
    return number_format(int(value), use_l10n=True, force_grouping=True).replace("-", MINUS)


def _signed(value, text: str) -> str:
    return ("+" if value > 0 else "") + text


def _percent(number: str) -> str:
    return pgettext("figure", "%(number)s%%") % {"number": number}


def _trimmed(text: str) -> str:
    """Decimals without their trailing zeros: 0,50 → 0,5 and 2,00 → 2."""
    mark = get_format("DECIMAL_SEPARATOR")
    return text.rstrip("0").rstrip(mark) if mark in text else text


def _euro(value) -> str:
    number = float(value)  # cents only when there are some
    text = _number(number, 0 if number.is_integer() else 2)
    return pgettext("figure", "€%(number)s") % {"number": text}


def _float(value) -> str:
    number = float(value)
    return _number(number, 0 if number.is_integer() and abs(number) >= 100 else 1)


KINDS = {
    "int": _integer,
    "date": lambda v: date_format(v, "SHORT_DATE_FORMAT") if hasattr(v, "strftime") else v,
    "share": lambda v: _percent(_number(float(v) * 100, 2)),
    "pct": lambda v: _signed(v, _percent(_number(v, 2))),
    "points": lambda v: _signed(v, pgettext("figure", "%(number)s pt") % {"number": _number(v, 2)}),
    "signed": lambda v: _signed(v, _integer(v)),
    "euro": _euro,
    "fte": lambda v: _trimmed(_number(v, 2)),
    "float": _float,
}


@register.filter
def figure(value, kind="int"):
    if value is None or value == "":
        return "—"
    formatter = KINDS.get(kind)
    return formatter(value) if formatter else value


@register.filter
def cell(row, column):
    """The formatted value of a Table column in a row."""
    return figure(row.get(column.key), column.kind) if column.kind != "text" else (row.get(column.key) or "—")
