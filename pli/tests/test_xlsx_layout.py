"""XLSX downloads read like a spreadsheet made by hand: percentages as percentages, columns sized to
their content, the header frozen and filterable (issue 11)."""

import io

from openpyxl import load_workbook

from pli.exports import Column, Table, as_xlsx


def workbook_sheet():
    table = Table(
        key="communes",
        title="Communes",
        columns=[
            Column("name", "Commune"),
            Column("population", "Population", "int"),
            Column("share", "Part des non-Belges", "share"),
            Column("change", "Évolution depuis 2009 (%)", "pct"),
        ],
        rows=[
            {
                "name": "Court-Saint-Étienne, un nom plutôt long",
                "population": 9000,
                "share": 0.0336,
                "change": 1.14,
            },
            {"name": "Anhée", "population": 7000, "share": 0.05, "change": -2.5},
        ],
    )
    return load_workbook(io.BytesIO(as_xlsx(table).content)).active


def test_a_percentage_change_is_a_fraction_formatted_as_a_percentage_like_the_share():
    sheet = workbook_sheet()
    assert sheet["C3"].value == 0.0336 and sheet["C3"].number_format == "0.00%"
    assert abs(sheet["D3"].value - 0.0114) < 1e-12 and sheet["D3"].number_format == "0.00%"
    assert abs(sheet["D4"].value + 0.025) < 1e-12
    assert sheet["B3"].number_format == "#,##0"


def test_columns_are_sized_to_their_content_and_the_header_is_frozen_and_filtered():
    sheet = workbook_sheet()
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCD"}
    assert widths["A"] >= len("Court-Saint-Étienne, un nom plutôt long")
    assert widths["B"] < widths["A"] and len(set(widths.values())) > 1
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:D4"


def test_a_median_age_has_the_page_s_one_decimal_not_two():
    table = Table(
        key="k",
        title="Communes",
        columns=[Column("name", "Commune"), Column("median_age", "Âge médian", "float")],
        rows=[{"name": "Anhée", "median_age": 42.1}],
    )
    sheet = load_workbook(io.BytesIO(as_xlsx(table).content)).active
    assert sheet["B3"].value == 42.1 and sheet["B3"].number_format == "#,##0.0"
