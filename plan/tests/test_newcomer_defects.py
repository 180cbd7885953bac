"""Defects a newcomer met on the plan's pages (issue 11), each with the test that caught it."""

from datetime import UTC

import pytest
from django.urls import reverse

from plan.models import Recommendation, Resource
from plan.tests import factories

pytestmark = pytest.mark.django_db


def test_a_recommendation_left_without_a_number_gets_the_next_free_one(client_as, personas, statistics):
    plan = factories.plan()
    priority = factories.priority(plan)
    factories.recommendation(priority, number=1)
    client = client_as(personas["coordinator"])
    form = client.get(reverse("plan:recommendation_create", args=[plan.pk])).context["form"]
    assert not form.fields["number"].required
    response = client.post(
        reverse("plan:recommendation_create", args=[plan.pk]),
        {"priority": priority.pk, "number": "", "title": "Deuxième", "text": "", "version": ""},
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert Recommendation.objects.get(title="Deuxième").number == 2


def test_publish_is_disabled_on_a_plan_that_cannot_be_published(client_as, personas, statistics):
    plan = factories.plan()  # in preparation: not adopted
    page = client_as(personas["coordinator"]).get(plan.get_absolute_url()).content.decode()
    start = page.index('id="publish-form"')
    button = page[start : page.index("</form>", start)]
    assert "disabled" in button


def test_a_territory_reads_with_its_article_in_a_sentence(statistics):
    from territory.models import Territory

    assert Territory.objects.get(nis_code="90000").name_in_sentence == "la province de Namur"
    assert Territory.objects.get(nis_code="91000").name_in_sentence == "l’arrondissement de Dinant"
    assert Territory.objects.get(nis_code="92094").name_in_sentence == "Namur"


def test_the_plan_dashboard_says_the_whole_of_the_province_with_its_article(client_as, personas, statistics):
    plan = factories.plan()
    priority = factories.priority(plan)
    factories.recommendation(priority, territories=[plan.territory])
    page = (
        client_as(personas["coordinator"])
        .get(reverse("plan:plan_dashboard", args=[plan.pk]))
        .content.decode()
    )
    assert "l'ensemble de la province de Namur" in page
    assert "l'ensemble de Province de Namur" not in page


def test_an_organisation_page_lists_the_recommendations_it_carries(client_as, personas, statistics):
    plan = factories.plan(published=True)
    carried = factories.recommendation(factories.priority(plan), title="Ouvrir une permanence logement")
    organisation = factories.organisation()
    Resource.objects.create(recommendation=carried, organisation=organisation, role="carrier")
    page = client_as(personas["reader"]).get(organisation.get_absolute_url()).content.decode()
    assert "Ouvrir une permanence logement" in page and carried.get_absolute_url() in page


def test_a_plan_version_links_to_the_plenary_that_closed_it_shown_on_both_pages(
    client_as, personas, statistics
):
    from datetime import datetime, timedelta

    from network.models import ConcertationSpace, Meeting

    organisation = factories.organisation("C.A.I.", type_code="cri")
    space = ConcertationSpace.objects.create(
        name="Assemblée plénière", kind="statutory", carried_by=organisation, territory=organisation.commune
    )
    start = datetime(2019, 11, 21, 9, tzinfo=UTC)
    plenary = Meeting.objects.create(
        space=space,
        title="Assemblée plénière 2019",
        kind="plenary",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
    )
    plan = factories.plan(title="PPLI 2016-2019", status="closed", published=True, plenary=plenary)
    client = client_as(personas["coordinator"])
    assert plenary.get_absolute_url() in client.get(plan.get_absolute_url()).content.decode()
    meeting_page = client.get(plenary.get_absolute_url()).content.decode()
    assert plan.get_absolute_url() in meeting_page and "PPLI 2016-2019" in meeting_page
    anonymous = client_as(None).get(plan.get_absolute_url()).content.decode()
    assert plenary.get_absolute_url() not in anonymous, "the meeting is not public"
