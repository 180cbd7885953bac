"""Finding source types and review lenses are the vocabulary's: forms, filters, pages and campaigns read
them from there, by their stable codes."""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from diagnostic.forms import FindingFilterForm, FindingForm
from diagnostic.forms_campaigns import CampaignForm, InvitationForm
from diagnostic.models import FindingReview, FindingSource, ReviewCampaign
from vocabulary.models import ReviewLens, SourceType

pytestmark = pytest.mark.django_db


def codes(choices):
    return [code for code, _label in choices if code]


def test_the_seeded_lists_name_their_reference_instead_of_hard_coded_years():
    assert str(SourceType.objects.get(code="diagnostic_2016")) == "diagnostic (2016-2017)"
    assert str(ReviewLens.objects.get(code="diagnostic_2016")) == (
        "validité des principaux constats du diagnostic (2016-2017)"
    )
    assert [lens.code for lens in ReviewLens.objects.all()] == [
        "diagnostic_2016",
        "ili",
        "pcs_pst",
        "structures",
        "field",
    ]


def test_a_source_type_added_in_the_vocabulary_is_offered_and_a_retired_one_is_kept_where_used(make_finding):
    SourceType.objects.create(code="cpas", label="rapport d’un CPAS", order=7)
    assert "cpas" in codes(FindingForm().fields["source_kinds"].choices)
    assert "cpas" in codes(FindingFilterForm().fields["source"].choices)

    finding = make_finding("Constat d’un PCS", sources=(("pcs_pst", "PCS de Ciney"),))
    SourceType.objects.filter(code="pcs_pst").update(is_active=False)
    assert "pcs_pst" not in codes(FindingForm().fields["source_kinds"].choices)  # no longer for new findings
    form = FindingForm(instance=finding)
    assert "pcs_pst" in codes(form.fields["source_kinds"].choices)  # the finding keeps what it has
    assert form.fields["source_kinds"].initial == ["pcs_pst"]
    assert "pcs_pst" in codes(FindingFilterForm().fields["source"].choices)  # and can still be found
    assert str(finding.sources.get()) == "PCS / PST d’une commune — PCS de Ciney"


def test_the_pages_show_the_vocabulary_s_label(client_as, personas, make_finding):
    finding = make_finding("Constat du diagnostic")
    url = reverse("diagnostic:finding_detail", args=[finding.pk])
    client = client_as(personas["coordinator"])
    assert "diagnostic (2016-2017)" in client.get(url).content.decode()
    term = SourceType.objects.get(code="diagnostic_2016")
    term.reference = "2016-2018"
    term.save()
    assert "diagnostic (2016-2018)" in client.get(url).content.decode()


def test_the_register_reads_the_source_types_once_whatever_the_number_of_findings(
    client_as, personas, make_finding
):
    client = client_as(personas["reader"])
    for count in (3, 12):
        while FindingSource.objects.count() < count:
            make_finding(f"Constat {FindingSource.objects.count()}")
        with CaptureQueriesContext(connection) as run:
            response = client.get(reverse("diagnostic:index"))
        assert response.content.decode().count("diagnostic (2016-2017)") >= count
        assert sum("vocabulary_sourcetype" in q["sql"] for q in run.captured_queries) == 1


def test_a_campaign_offers_the_lenses_in_use_and_keeps_a_retired_one(make_finding, published, personas):
    ReviewLens.objects.filter(code="structures").update(is_active=False)
    assert codes(CampaignForm().fields["lenses"].choices) == ["diagnostic_2016", "ili", "pcs_pst", "field"]
    assert "structures" not in codes(InvitationForm().fields["lens"].choices)
    form = CampaignForm({"title": "Relecture", "diagnostic": published.pk, "lenses": ["field", "ili"]})
    make_finding("Constat relu")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["lenses"] == ["ili", "field"]  # in the vocabulary's order

    campaign = ReviewCampaign.objects.create(
        title="Ancienne", diagnostic=published, lenses=["structures", "ili"]
    )
    assert campaign.lens_choices() == [
        ("ili", "la mission décrétale d’accompagnement des ILI"),
        ("structures", "les structures spécifiques (CADA, MENA, ILA)"),
    ]
    ReviewLens.objects.filter(code="ili").update(label="accompagnement des ILI")
    assert campaign.lens_choices()[0] == ("ili", "accompagnement des ILI")


def test_the_data_migration_gives_a_term_to_every_code_in_use(make_finding, published, personas):
    finding = make_finding("Constat ancien", sources=(("diagnostic_2016", ""),))
    FindingSource.objects.create(finding=finding, kind="rapport-ili", detail="")
    campaign = ReviewCampaign.objects.create(title="Ancienne", diagnostic=published, lenses=["ili", "ancien"])
    FindingReview.objects.create(
        campaign=campaign, finding=finding, lens="autre", verdict="confirmed", rationale="Vu."
    )
    migration = importlib.import_module("diagnostic.migrations.0003_source_types_and_lenses_in_vocabulary")
    migration.terms_for_codes_in_use(apps, None)
    migration.terms_for_codes_in_use(apps, None)  # again: nothing more
    added = SourceType.objects.get(code="rapport-ili")
    assert (added.label, added.is_active) == ("rapport-ili", False)
    assert set(ReviewLens.objects.filter(is_active=False).values_list("code", flat=True)) == {
        "ancien",
        "autre",
    }
    assert SourceType.objects.count() == 7 and ReviewLens.objects.count() == 7


def test_the_api_gives_each_code_with_the_vocabulary_s_label(client_as, personas, make_finding, published):
    finding = make_finding("Constat de l’API", sources=(("structures", "CADA de Florennes"),))
    campaign = ReviewCampaign.objects.create(title="Relecture API", diagnostic=published, lenses=["field"])
    FindingReview.objects.create(
        campaign=campaign, finding=finding, lens="field", verdict="confirmed", rationale="Vu."
    )
    ReviewLens.objects.filter(code="field").update(reference="espaces de concertation")
    client = client_as(personas["coordinator"])
    [row] = client.get("/api/v1/diagnostic/findings/", {"q": "api"}).json()["items"]
    assert row["sources"] == [
        {"kind": "structures", "label": "structures CADA, MENA et ILA", "detail": "CADA de Florennes"}
    ]
    [review] = client.get("/api/v1/diagnostic/reviews/", {"campaign": campaign.pk}).json()["items"]
    assert (review["lens"], review["lens_label"]) == (
        "field",
        "les constats de terrain (espaces de concertation)",
    )
