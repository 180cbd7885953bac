"""CSV and XLSX downloads of a Table, with its sources written under the data."""

import csv
import io

from django.http import HttpResponse
from django.utils.text import slugify

from territory.tables import Table


def _file_name(table: Table, extension: str) -> str:
    return f"{slugify(table.title)[:80] or table.key}.{extension}"


def _value(row: dict, column):
    return row.get(column.key)


def as_csv(table: Table) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(table, "csv")}"'
    response.write("\ufeff")  # so that spreadsheet programs read the accents right
    writer = csv.writer(response, delimiter=";")
    writer.writerow([str(c.label) for c in table.columns])
    for row in table.rows:
        writer.writerow(["" if _value(row, c) is None else _value(row, c) for c in table.columns])
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
