"""The chain of evidence, both ways: the tree from an interpellation down to its findings (with their
statistics), recommendations, quotations and alerts; the flags to see before sending; the public
version that keeps only public items; from a cited object, the interpellations that cite it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from advocacy import chain, services
from advocacy.choices import LinkKind
from advocacy.tests import factories as af
from diagnostic.models import Evidence
from network.models import ConcertationSpace, Meeting
from plan.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def cited(personas):
    coordinator = personas["coordinator"]
    namur = f.get_territory(f.COMMUNE)
    published = f.finding("Les primo-arrivants peinent à trouver un logement", by=coordinator)
    draft = f.finding("Un constat encore en projet", in_diagnostic=f.diagnostic("Brouillon", status="draft"))
    plan = f.plan("PPLI 2016-2019", status="closed", published=True, start_year=2016, end_year=2019)
    recommendation = f.recommendation(f.priority(plan, findings=[published]), "Recenser les logements")
    space = ConcertationSpace.objects.create(
        name="Plateforme logement", kind="thematic", territory=namur, carried_by=af.centre()
    )
    start = timezone.now() - timedelta(days=30)
    meeting = Meeting.objects.create(
        space=space, title="Réunion d'octobre", starts_at=start, ends_at=start + timedelta(hours=2)
    )
    alert = af.alert()
    interpellation = af.interpellation()
    for kind, target in (
        (LinkKind.FINDING, {"finding": published}),
        (LinkKind.FINDING, {"finding": draft}),
        (LinkKind.RECOMMENDATION, {"recommendation": recommendation}),
        (LinkKind.QUOTATION, {"meeting": meeting, "quotation": "« Trois familles dorment à l'hôtel. »"}),
        (LinkKind.ALERT, {"alert": alert}),
    ):
        services.add_link(interpellation, kind=kind, by=coordinator, **target)
    return {
        "interpellation": interpellation,
        "published": published,
        "draft": draft,
        "recommendation": recommendation,
        "meeting": meeting,
        "alert": alert,
    }


def test_the_coordinator_reads_every_link_in_order(personas, cited):
    built = chain.build(cited["interpellation"], personas["coordinator"])
    assert [item.kind for item in built.items] == [
        "finding",
        "finding",
        "recommendation",
        "quotation",
        "alert",
    ]
    assert built.items[3].detail == "« Trois familles dorment à l'hôtel. »"
    assert "Réunion d'octobre" in built.items[3].title
    assert "progress 0" in built.items[2].detail or "0 %" in built.items[2].detail
    assert not built.left_out


def test_the_public_chain_keeps_only_published_findings_and_plans(personas, cited):
    built = chain.build(cited["interpellation"], None, public=True)
    assert [item.title for item in built.items] == [
        cited["published"].statement,
        "1.1 Recenser les logements",
    ]
    left_out = {item.kind for item in built.left_out}
    assert left_out == {"finding", "quotation", "alert"}  # the draft finding, the minutes, the alert


def test_a_finding_judged_obsolete_since_is_flagged(personas, cited, english):
    cited["published"].status = "obsolete"
    cited["published"].save(update_fields=["status"])
    built = chain.build(cited["interpellation"], personas["coordinator"])
    assert any("obsolete" in flag for _item, flag in built.flags)


def test_a_statistic_that_moved_is_flagged_with_todays_value(personas, cited, statistics, english):
    namur = f.get_territory(f.COMMUNE)
    # A figure captured long ago, far from today's: the chain shows today's value and flags it.
    Evidence.objects.create(
        finding=cited["published"],
        territory=namur,
        indicator="population",
        year=2001,
        value=1000,
        source_label="x",
    )
    built = chain.build(cited["interpellation"], personas["coordinator"])
    statistic = built.items[0].statistics[0]
    assert statistic.moved and statistic.latest_value and statistic.latest_year != 2001
    assert any("moved" in flag for _item, flag in built.flags)


def test_each_cited_object_lists_the_interpellations_that_cite_it(personas, cited):
    for name in ("published", "recommendation", "meeting", "alert"):
        assert list(chain.citing(cited[name], personas["coordinator"])) == [cited["interpellation"]], name


def test_the_citing_list_follows_the_interpellations_rule(personas, cited):
    assert not chain.citing(cited["published"], personas["reader"]).exists()
    interpellation = services.ask_validation(cited["interpellation"], by=personas["coordinator"])
    services.validate(interpellation, by=personas["coordinator"])
    interpellation = services.send(
        interpellation, by=personas["coordinator"], sent_on=timezone.localdate(), channel="post"
    )
    services.ask_publication(interpellation, by=personas["coordinator"])
    services.consent_to_publish(interpellation, by=personas["coordinator"], agree=True)
    services.publish(interpellation, by=personas["coordinator"])
    assert list(chain.citing(cited["published"], personas["reader"])) == [cited["interpellation"]]


def test_the_chain_page_writes_a_share_as_a_percentage_with_its_source_once(personas, cited, client_as):
    Evidence.objects.create(
        finding=cited["published"],
        territory=f.get_territory(f.COMMUNE),
        indicator="non_belgian_share",
        year=2015,
        value=0.0901,
        source_label="Source : Statbel, TF_SOC_POP_STRUCT_2015",
    )
    url = reverse("advocacy:interpellation_chain", args=[cited["interpellation"].pk])
    page = client_as(personas["coordinator"]).get(url).content.decode()
    assert "9,01\u202f%" in page and "0,09" not in page
    assert "(Source : Statbel, TF_SOC_POP_STRUCT_2015)" in page and "source : Source" not in page
