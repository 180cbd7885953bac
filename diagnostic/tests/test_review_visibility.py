"""An invited partner reads the reviews given through their own lens(es), never the others: on the
review page, the finding page and the API (docs/permissions.md). A draft diagnostic stays the
coordinators' own, its title included."""

import pytest
from django.urls import reverse

from diagnostic import services
from pli.tests.world import build


@pytest.fixture
def world(personas, statistics):
    world = build(
        personas
    )  # the coordinator reviewed through the PCS lens; the partner is invited for "field"
    services.record_review(
        campaign=world.campaign,
        finding=world.finding,
        lens="field",
        reviewer=personas["partner_member"],
        verdict="nuanced",
        new_wording="Les primo-arrivants et les réfugiés reconnus peinent à trouver un logement",
        rationale="Vu en permanence.",
    )
    return world


def test_a_partner_reads_the_reviews_of_their_own_lens_only(client_as, world):
    client = client_as(world.personas["partner_member"])
    page = client.get(reverse("diagnostic:review_finding", args=[world.campaign.pk, world.finding.pk]))
    assert [r.lens for r in page.context["reviews"]] == ["field"]
    finding_page = client.get(reverse("diagnostic:finding_detail", args=[world.finding.pk]))
    assert [r.lens for r in finding_page.context["reviews"]] == ["field"]
    api = client.get(reverse("api-1:reviews"), {"campaign": world.campaign.pk}).json()
    rows = api["items"] if isinstance(api, dict) else api
    assert {row["lens"] for row in rows} == {"field"}


def test_a_coordinator_reads_every_lens(client_as, world):
    client = client_as(world.personas["coordinator"])
    page = client.get(reverse("diagnostic:review_finding", args=[world.campaign.pk, world.finding.pk]))
    assert sorted(r.lens for r in page.context["reviews"]) == ["field", "pcs_pst"]
    api = client.get(reverse("api-1:reviews"), {"campaign": world.campaign.pk}).json()
    rows = api["items"] if isinstance(api, dict) else api
    assert {row["lens"] for row in rows} == {"field", "pcs_pst"}


@pytest.mark.parametrize("persona", ["reader", "partner_member", "partner_outsider"])
def test_the_draft_diagnostic_is_not_offered_in_the_register_filter(client_as, world, persona):
    response = client_as(world.personas[persona]).get(reverse("diagnostic:index"))
    offered = {str(choice) for _value, choice in response.context["form"].fields["diagnostic"].choices}
    assert world.diagnostic.title in offered
    assert world.draft_diagnostic.title not in offered
    assert "Actualisation PPLI 2.0" not in response.content.decode()


def test_a_coordinator_filters_on_the_draft_diagnostic(client_as, world):
    response = client_as(world.personas["coordinator"]).get(
        reverse("diagnostic:index"), {"diagnostic": world.draft_diagnostic.pk}
    )
    assert [f.pk for f in response.context["page"]] == [world.draft_finding.pk]
