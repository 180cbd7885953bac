"""Figures written the reader's way, as the pages show them: Django's locale formats, translated units."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from territory.templatetags.figures import MINUS, NARROW_SPACE, figure


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        (487145, "int", f"487{NARROW_SPACE}145"),
        (-3, "signed", f"{MINUS}3"),
        (1204, "signed", f"+1{NARROW_SPACE}204"),
        (0.0474, "share", f"4,74{NARROW_SPACE}%"),
        (0.00004, "share", f"0,00{NARROW_SPACE}%"),
        (-2.456, "pct", f"{MINUS}2,46{NARROW_SPACE}%"),
        (1.2, "points", f"+1,20{NARROW_SPACE}pt"),
        (Decimal("1062000.00"), "euro", f"1{NARROW_SPACE}062{NARROW_SPACE}000{NARROW_SPACE}€"),
        (Decimal("1500.50"), "euro", f"1{NARROW_SPACE}500,50{NARROW_SPACE}€"),
        (Decimal("18.65"), "fte", "18,65"),
        (Decimal("0.50"), "fte", "0,5"),
        (Decimal("2.00"), "fte", "2"),
        (Decimal("0"), "fte", "0"),
        (41.95, "float", "42,0"),  # rounded, not cut: Django's number_format alone would write 41,9
        (1234.0, "float", f"1{NARROW_SPACE}234"),
        (date(2015, 1, 1), "date", "01/01/2015"),
        (None, "euro", "—"),
    ],
)
def test_figures_are_written_the_french_way(value, kind, expected):
    with translation.override("fr"):
        assert figure(value, kind) == expected


@pytest.mark.parametrize(
    ("language", "value", "kind", "expected"),
    [
        ("nl", 487145, "int", "487.145"),
        ("de", 487145, "int", "487.145"),
        ("en", 487145, "int", "487,145"),
        ("nl", Decimal("18.65"), "fte", "18,65"),
        ("en", Decimal("0.50"), "fte", "0.5"),
        # no German catalogue yet: the unit's pattern is the default language's, the digits German
        ("de", Decimal("1500.50"), "euro", f"1.500,50{NARROW_SPACE}€"),
        ("en", 0.0474, "share", "4.74%"),
        ("de", date(2015, 1, 1), "date", "01.01.2015"),
        ("nl", date(2015, 1, 1), "date", "1-1-2015"),
    ],
)
def test_other_languages_get_their_own_digit_grouping_decimal_mark_and_dates(language, value, kind, expected):
    with translation.override(language):
        assert figure(value, kind) == expected
