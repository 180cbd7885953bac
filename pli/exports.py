"""Tables as data, and their CSV and XLSX downloads with their sources written under the data.

A page renders a Table; the same Table downloads as CSV or XLSX, so a figure has one computation.

Every text cell goes out formula-safe (spreadsheet formula injection, OWASP "CSV injection"): a text
that a spreadsheet would run as a formula — it begins with =, +, -, @, a tab or a carriage return — is
written as text: after an apostrophe in CSV, as a quote-prefixed string cell in XLSX. Numbers stay
numbers: only text is touched, never a figure (a negative number is a number, not a formula).
"""

import csv
import io
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils.text import slugify


@dataclass
class Column:
    key: str
    label: str
    kind: str = "text"  # text, int, share (fraction shown as %), float, points, pct


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[dict]
    sources: list = field(default_factory=list)
    note: str = ""


# What a spreadsheet takes for the start of a formula (with the full-width forms some of them accept).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def safe_cell(value):
    """A value for a CSV cell: text that a spreadsheet would run as a formula gets a leading apostrophe
    (shown as text, never run); anything else, numbers included, is returned as it is."""
    return "'" + value if is_formula_like(value) else value


def _file_name(table: Table, extension: str) -> str:
    return f"{slugify(table.title)[:80] or table.key}.{extension}"


def _value(row: dict, column):
    return row.get(column.key)


def _csv_value(value, kind: str):
    """Spreadsheet-friendly for a French locale: decimal comma, shares as percentages."""
    if value is None:
        return ""
    if isinstance(value, str):
        return safe_cell(value)
    if kind == "share":
        value = round(float(value) * 100, 2)
    elif kind in ("float", "pct", "points"):
        value = round(float(value), 2)
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",") if value % 1 else str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _csv_label(column) -> str:
    return f"{column.label} (%)" if column.kind == "share" else str(column.label)


def as_csv(table: Table) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(table, "csv")}"'
    response.write("\ufeff")  # so that spreadsheet programs read the accents right
    writer = csv.writer(response, delimiter=";")
    writer.writerow([safe_cell(_csv_label(c)) for c in table.columns])
    for row in table.rows:
        writer.writerow([_csv_value(_value(row, c), c.kind) for c in table.columns])
    writer.writerow([])
    for source in table.sources:
        writer.writerow([safe_cell(str(source))])
    return response


def _xlsx_row(sheet, values: list, bold: bool = False) -> None:
    """Append a row; a text is always a string cell (openpyxl would make "=…" a live formula), and
    quote-prefixed when it looks like a formula, so that editing it in the spreadsheet keeps it text."""
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import Font

    cells = []
    for value in values:
        cell = Cell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
            if is_formula_like(value):
                cell.quotePrefix = True
        if bold:
            cell.font = Font(bold=True)
        cells.append(cell)
    sheet.append(cells)


# How each kind of column is written in a spreadsheet: percentages are numbers formatted as such (a share
# is already a fraction, a percentage change is divided by 100), so that "3,36 %" and "1,14 %" read alike.
# As the pages write them (territory/templatetags/figures.py): a median age « 42,1 », never « 42,10 ».
XLSX_FORMATS = {"int": "#,##0", "float": "#,##0.0", "points": "0.00", "share": "0.00%", "pct": "0.00%"}
XLSX_MAX_WIDTH = 60


def _xlsx_value(value, kind: str):
    if kind == "pct" and isinstance(value, (int, float)):
        return value / 100
    return value


def as_xlsx(table: Table) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.key[:31]
    _xlsx_row(sheet, [str(table.title)], bold=True)
    _xlsx_row(sheet, [str(c.label) for c in table.columns], bold=True)
    for row in table.rows:
        _xlsx_row(sheet, [_xlsx_value(_value(row, c), c.kind) for c in table.columns])
    last_row = sheet.max_row
    for index, column in enumerate(table.columns, start=1):
        number_format = XLSX_FORMATS.get(column.kind)
        width = len(str(column.label))
        for (cell,) in sheet.iter_rows(min_row=3, max_row=last_row, min_col=index, max_col=index):
            if number_format and isinstance(cell.value, (int, float)):
                cell.number_format = number_format
            width = max(width, len(str(cell.value)) if cell.value is not None else 0)
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, XLSX_MAX_WIDTH)
    # The header stays in view while scrolling, and filters on every column.
    sheet.freeze_panes = "A3"
    if table.columns:
        sheet.auto_filter.ref = f"A2:{get_column_letter(len(table.columns))}{max(last_row, 2)}"
    sheet.append([])
    for source in table.sources:
        _xlsx_row(sheet, [str(source)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_file_name(table, "xlsx")}"'
    return response
