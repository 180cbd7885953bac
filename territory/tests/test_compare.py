"""Compare territories the reader chooses (issue 11): 2 to 8 of any level, side by side, a shareable
address, CSV and XLSX downloads."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conftest import shared_data_dir
from territory.tests.helpers import raw_structure_totals
from territory.tests.test_newcomer_defects import STRUCTURE_2015

pytestmark = pytest.mark.django_db
CHOSEN = ["92094", "91005", "93022"]  # Namur, Anhée, Florennes


def test_three_communes_side_by_side_with_the_publisher_s_figures(client, statistics):
    raw = raw_structure_totals(shared_data_dir() / STRUCTURE_2015, CHOSEN)
    response = client.get(reverse("territory:compare"), {"t": CHOSEN, "annee": 2015, "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    body = [r for r in rows[1:] if r and r[0].isdigit()]
    assert [r[0] for r in body] == CHOSEN, "in the order chosen"
    assert [int(r[2]) for r in body] == [raw[c]["population"] for c in CHOSEN]
    assert [int(r[3]) for r in body] == [raw[c]["non_belgian"] for c in CHOSEN]


def test_the_comparison_page_shows_every_territory_and_its_pyramid_and_downloads_xlsx(client, statistics):
    url = reverse("territory:compare")
    page = client.get(url, {"t": CHOSEN + ["90000"], "annee": 2015}).content.decode()
    for name in ("Namur", "Anhée", "Florennes", "Province de Namur"):
        assert name in page
    assert page.count('id="compare-pyramid-') == 4 and 'id="compare-series"' in page
    assert "format=xlsx" in page and "t=92094" in page, "a shareable address with its downloads"
    xlsx = client.get(url, {"t": CHOSEN, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [sheet.cell(row=r, column=2).value for r in (3, 4, 5)] == ["Namur", "Anhée", "Florennes"]
    assert sheet.cell(row=1, column=1).value.startswith("Comparaison : Namur, Anhée, Florennes"), (
        "no « de Anhée »"
    )


@pytest.mark.parametrize(
    "chosen", [["92094"], ["92094", "91005", "93022", "93010", "93014", "93018", "93056", "93088", "93090"]]
)
def test_fewer_than_two_or_more_than_eight_is_refused_in_french(client, statistics, chosen):
    response = client.get(reverse("territory:compare"), {"t": chosen})
    assert response.status_code == 400
    assert "Choisissez de 2 à 8 territoires" in response.content.decode()


def test_an_unknown_code_is_named_never_a_500(client, statistics):
    response = client.get(reverse("territory:compare"), {"t": ["92094", "99999"]})
    assert response.status_code == 400 and "99999" in response.content.decode()
