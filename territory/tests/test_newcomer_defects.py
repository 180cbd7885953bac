"""Defects a newcomer met on the territory pages (issue 11), each with the test that caught it."""

import csv
import gzip
import io

import pytest
from django.urls import reverse

from conftest import shared_data_dir

pytestmark = pytest.mark.django_db

STRUCTURE_2015 = "statbel_TF_SOC_POP_STRUCT_2015.txt.gz"


def raw_share_ranks(province: str) -> dict[str, int]:
    """Rank of each commune of the province by non-Belgian share, summed from the raw Statbel file."""
    totals: dict[str, list[int]] = {}
    with gzip.open(shared_data_dir() / STRUCTURE_2015, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="|"):
            if row["CD_PROV_REFNIS"] != province:
                continue
            figures = totals.setdefault(row["CD_MUNTY_REFNIS"], [0, 0])
            figures[0] += int(row["MS_POPULATION"])
            if row["CD_NATLTY"] == "ETR":
                figures[1] += int(row["MS_POPULATION"])
    ordered = sorted(totals, key=lambda code: -totals[code][1] / totals[code][0])
    return {code: position for position, code in enumerate(ordered, start=1)}


def test_the_rank_in_the_province_stays_the_province_rank_when_one_arrondissement_is_shown(
    statistics, client
):
    ranks = raw_share_ranks("90000")
    response = client.get(
        reverse("territory:commune_list"), {"annee": 2015, "arrondissement": "91000", "format": "csv"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    rank_column = header.index("Rang (part) dans la province")
    shown = {row[0]: int(row[rank_column]) for row in rows[1:] if row and row[0].isdigit()}
    assert shown, "the arrondissement of Dinant has communes"
    assert shown["91005"] == ranks["91005"], "Anhée"
    assert shown == {code: ranks[code] for code in shown}


def test_territory_and_plan_measure_changes_from_the_same_year_and_say_so(statistics, client, tmp_path):
    from plan.queries import population_in_proportion
    from territory.imports.statbel import import_structure
    from territory.models import Territory
    from territory.tests.helpers import province_subset

    for year in (2009, 2010):
        source = shared_data_dir() / f"statbel_TF_SOC_POP_STRUCT_{year}.txt.gz"
        import_structure(province_subset(source, tmp_path / f"TF_SOC_POP_STRUCT_{year}.txt.gz"))
    namur = Territory.objects.get(nis_code="90000")
    page = client.get(reverse("territory:detail", kwargs={"nis": "90000"}), {"annee": 2015}).content.decode()
    plan_figures = population_in_proportion([namur])
    # The first structure file of the data set is 2009's: both pages compare with it.
    assert plan_figures.base_year == 2009
    assert "Évolution des non-Belges depuis 2009" in page or "depuis 2009" in page
    assert "Les évolutions sont mesurées depuis 2009" in page
