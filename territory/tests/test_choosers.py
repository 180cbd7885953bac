"""The one territory chooser: limited to what makes sense, searchable by name or code (issue 11)."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from diagnostic.forms import EvidenceForm, FindingFilterForm
from plan.forms import PlanForm
from territory import queries
from territory.choosers import TerritorySelect, find_territory, territories_in_scope
from territory.models import Territory
from territory.services import import_file
from territory.tests.test_cache import LOCMEM

pytestmark = pytest.mark.django_db


def test_a_name_finds_its_territory_accents_and_case_ignored_the_commune_first(statistics):
    assert find_territory("Namur").nis_code == "92094", "the commune, before its arrondissement and province"
    assert find_territory("eghezee").nis_code == "92035"
    assert find_territory("Province de Namur").nis_code == "90000"
    assert find_territory("92094").nis_code == "92094"
    assert find_territory("99999") is None and find_territory("Atlantide") is None


def test_the_chooser_offers_the_working_territory_within_and_above_never_another_province(statistics):
    codes = set(territories_in_scope().values_list("nis_code", flat=True))
    assert {"90000", "92094", "91000", "03000", "01000"} <= codes, (
        "province, commune, arrondissement, region, country"
    )
    assert "10000" not in codes and "21004" not in codes, "Antwerp and Brussels are not offered"
    within = Territory.objects.within(Territory.objects.get(nis_code="90000")).filter(valid_to__isnull=True)
    assert len(codes) == within.count() + 3


def test_every_form_s_territory_field_is_the_searchable_chooser(statistics, personas):
    evidence = EvidenceForm()
    assert isinstance(evidence.fields["territory"].widget, TerritorySelect)
    assert "data-territory-search" in str(evidence["territory"])
    assert "Namur (92094)" in str(evidence["territory"])
    assert evidence.fields["territory"].queryset.count() < 100, "not the ~600 territories of the country"
    plan_codes = set(PlanForm().fields["territory"].queryset.values_list("nis_code", flat=True))
    assert "90000" in plan_codes and "10000" not in plan_codes and "70000" not in plan_codes


def test_the_register_filter_takes_a_name_as_well_as_a_code(statistics, personas, client_as):
    by_name = FindingFilterForm({"territoire": "Namur"}, user=personas["coordinator"])
    assert by_name.is_valid(), by_name.errors
    assert by_name.cleaned_data["territoire"].nis_code == "92094"
    unknown = FindingFilterForm({"territoire": "Atlantide"}, user=personas["coordinator"])
    assert (
        not unknown.is_valid()
        and "Unknown territory" in str(unknown.errors["territoire"])
        or "inconnu" in str(unknown.errors["territoire"])
    )
    response = client_as(personas["coordinator"]).get(reverse("diagnostic:index"), {"territoire": "Namur"})
    assert response.status_code == 200
    assert "Code INS inconnu" not in response.content.decode()


@override_settings(CACHES=LOCMEM, PLI_DATA_VERSION_TTL=60)
def test_the_chooser_s_options_are_read_once_per_import(statistics, django_assert_num_queries, tmp_path):
    cache.clear()
    queries.forget_data_version()
    assert "Namur (92094)" in str(FindingFilterForm()["territoire"])
    with django_assert_num_queries(0):  # neither the territories nor their labels read again
        str(FindingFilterForm()["territoire"])
    with django_assert_num_queries(1):  # the chosen territory, checked; not the options
        html = str(FindingFilterForm({"territoire": "92094"})["territoire"])
    assert '<option value="92094" selected>Namur (92094)</option>' in html
    Territory.objects.filter(nis_code="92094").update(name_fr="Namur-Ville")
    path = tmp_path / "places.csv"
    path.write_text(
        "territory;year;indicator;breakdown;value;unit;source\n93022;2009;reception_places;CADA;408;places;Fedasil\n"
    )
    import_file("indicators", path)  # a new import: a new data version
    assert "Namur-Ville (92094)" in str(FindingFilterForm()["territoire"])
    cache.clear()
