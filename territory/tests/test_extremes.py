"""Every figure an import accepts can be shown, exported (CSV, XLSX) and served by the API.

A value that the database keeps but cannot give back (1e30 in a decimal column) once broke a public
page, its API and its exports for everybody: the imports refuse what the columns cannot hold, and this
test stores the largest and smallest of what they accept, then reads every way out.
"""

import json

import pytest
from django.urls import reverse

from territory.imports.statbel import MAX_COUNT, import_structure
from territory.imports.tidy import MAX_VALUE, import_indicators
from territory.tests.helpers import structure_row, write_structure
from territory.views import TABLE_BUILDERS

pytestmark = pytest.mark.django_db

YEAR = 2016


@pytest.fixture
def extremes(statistics, tmp_path):
    tidy = tmp_path / "extremes.csv"
    tidy.write_text(
        "territory;year;indicator;breakdown;value;unit;source\n"
        f"92094;{YEAR};reception_places;max;{MAX_VALUE};places;Fedasil\n"
        f"92094;{YEAR};balance;min;-{MAX_VALUE};%;Statbel\n"
        f"92094;{YEAR};share;tiny;0,0001;%;Statbel\n"
        f"92094;{YEAR};long_texts;{'b' * 120};0;{'u' * 30};{'s' * 255}\n"
        f"92094;1800-01-01;job_seekers;first;1;persons;Forem\n"
        f"92094;2200-12-31;job_seekers;last;1;persons;Forem\n",
        encoding="utf-8",
    )
    import_indicators(tidy)
    rows = [structure_row(count=str(MAX_COUNT - 1), year=str(YEAR)), structure_row(sex="F", count="1")]
    import_structure(write_structure(tmp_path, rows, name=f"TF_SOC_POP_STRUCT_{YEAR}.txt"))


@pytest.mark.parametrize("nis", ["92094", "92000", "90000", "01000"])
def test_the_page_shows_them(extremes, client, nis):
    response = client.get(reverse("territory:detail", kwargs={"nis": nis}), {"annee": YEAR})
    assert response.status_code == 200
    if nis == "92094":
        page = response.content.decode()
        assert "<td>max</td>" in page and "<td>tiny</td>" in page and f"<td>{'b' * 120}</td>" in page


@pytest.mark.parametrize("nis", ["92094", "90000"])
@pytest.mark.parametrize("table", sorted(TABLE_BUILDERS))
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_table_exports_them(extremes, client, nis, table, fmt):
    url = reverse("territory:table_export", kwargs={"nis": nis, "table": table, "fmt": fmt})
    assert client.get(url, {"annee": YEAR}).status_code == 200


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_commune_list_and_the_map_give_them(extremes, client, fmt):
    assert client.get(reverse("territory:commune_list"), {"annee": YEAR, "format": fmt}).status_code == 200
    assert client.get(reverse("territory:commune_list"), {"annee": YEAR}).status_code == 200
    geojson = client.get(reverse("territory:map_data", kwargs={"nis": "90000"}), {"annee": YEAR})
    assert geojson.status_code == 200


def test_the_api_serves_them(extremes, client):
    response = client.get(f"/api/v1/territories/92094/indicators?year={YEAR}")
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["population"] == MAX_COUNT
    values = {v["breakdown"]: v["value"] for v in data["other_indicators"]}
    assert values["max"] == float(MAX_VALUE) and values["min"] == -float(MAX_VALUE)
    assert values["tiny"] == 0.0001
    for nis in ("92000", "90000", "01000"):
        assert client.get(f"/api/v1/territories/{nis}/indicators?year={YEAR}").status_code == 200
