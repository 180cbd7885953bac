"""Figures written the French way, as the pages show them."""

from decimal import Decimal

import pytest

from territory.templatetags.figures import MINUS, NARROW_SPACE, figure


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        (487145, "int", f"487{NARROW_SPACE}145"),
        (-3, "signed", f"{MINUS}3"),
        (0.0474, "share", f"4,74{NARROW_SPACE}%"),
        (Decimal("1062000.00"), "euro", f"1{NARROW_SPACE}062{NARROW_SPACE}000{NARROW_SPACE}€"),
        (Decimal("1500.50"), "euro", f"1{NARROW_SPACE}500,50{NARROW_SPACE}€"),
        (Decimal("18.65"), "fte", "18,65"),
        (Decimal("0.50"), "fte", "0,5"),
        (Decimal("2.00"), "fte", "2"),
        (Decimal("0"), "fte", "0"),
        (None, "euro", "—"),
    ],
)
def test_figures_are_written_the_french_way(value, kind, expected):
    assert figure(value, kind) == expected
