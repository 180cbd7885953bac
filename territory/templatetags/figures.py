"""Figures written the French way: 487 145 · 4,74 % · +1,2 pt · −3 (a true minus sign) · 12 500 €."""

from django import template

register = template.Library()
NARROW_SPACE = "\u202f"
MINUS = "\u2212"


def _decimal(value: float, digits: int) -> str:
    return f"{value:,.{digits}f}".replace(",", NARROW_SPACE).replace(".", ",").replace("-", MINUS)


@register.filter
def figure(value, kind="int"):
    if value is None or value == "":
        return "—"
    if kind == "int":
        return f"{int(value):,}".replace(",", NARROW_SPACE).replace("-", MINUS)
    if kind == "date":
        return value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else value
    if kind == "share":
        return _decimal(float(value) * 100, 2) + NARROW_SPACE + "%"
    if kind == "pct":
        return ("+" if value > 0 else "") + _decimal(float(value), 2) + NARROW_SPACE + "%"
    if kind == "points":
        return ("+" if value > 0 else "") + _decimal(float(value), 2) + NARROW_SPACE + "pt"
    if kind == "signed":
        return ("+" if value > 0 else "") + f"{int(value):,}".replace(",", NARROW_SPACE).replace("-", MINUS)
    if kind == "euro":  # cents only when there are some
        number = float(value)
        return _decimal(number, 0 if number.is_integer() else 2) + NARROW_SPACE + "€"
    if kind == "fte":
        return _decimal(float(value), 2).rstrip("0").rstrip(",")
    if kind == "float":
        number = float(value)
        return _decimal(number, 0 if number.is_integer() and abs(number) >= 100 else 1)
    return value


@register.filter
def cell(row, column):
    """The formatted value of a Table column in a row."""
    return figure(row.get(column.key), column.kind) if column.kind != "text" else (row.get(column.key) or "—")
