"""Tables as data, and their CSV and XLSX downloads with their sources written under the data.

A page renders a Table; the same Table downloads as CSV or XLSX, so a figure has one computation.
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


def _file_name(table: Table, extension: str) -> str:
    return f"{slugify(table.title)[:80] or table.key}.{extension}"


def _value(row: dict, column):
    return row.get(column.key)


def _csv_value(value, kind: str):
    """Spreadsheet-friendly for a French locale: decimal comma, shares as percentages."""
    if value is None:
        return ""
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
    writer.writerow([_csv_label(c) for c in table.columns])
    for row in table.rows:
        writer.writerow([_csv_value(_value(row, c), c.kind) for c in table.columns])
    writer.writerow([])
    for source in table.sources:
        writer.writerow([str(source)])
    return response


def as_xlsx(table: Table) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.key[:31]
    sheet.append([table.title])
    sheet["A1"].font = Font(bold=True)
    sheet.append([str(c.label) for c in table.columns])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([_value(row, c) for c in table.columns])
    for index, column in enumerate(table.columns, start=1):
        if column.kind == "share":
            for (cell,) in sheet.iter_rows(min_row=3, min_col=index, max_col=index):
                cell.number_format = "0.00%"
    sheet.append([])
    for source in table.sources:
        sheet.append([str(source)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_file_name(table, "xlsx")}"'
    return response
