""" "À faire" on the home: one list gathered from every app's todo.py, each line linking where the thing
is done, the total in the heading; a fixed number of queries for a coordinator, whatever the data."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from network.models import Decision
from pli.app_hooks import todo_items
from pli.tests.world import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(personas, statistics):
    return build(personas)


@pytest.fixture(autouse=True)
def english():
    """The lines are compared by their English labels."""
    with translation.override("en"):
        yield


def labels(user) -> dict[str, int]:
    return {str(item.label): item.count for item in todo_items(user)}


def field_finding(world, statement):
    from diagnostic import services

    return services.field_finding_from_meeting(
        meeting=world.meeting,
        statement=statement,
        axis=world.finding.axis,
        by=None,
        diagnostic=world.diagnostic,
    )


def test_a_coordinator_sees_the_field_findings_to_triage(world, personas):
    field_finding(world, "Les cours de FLE du soir sont complets")
    assert labels(personas["coordinator"])["field findings to triage"] == 1
    assert "field findings to triage" not in labels(personas["partner_member"])


def test_the_decisions_i_follow_up_coming_due(world, personas):
    Decision.objects.create(
        meeting=world.meeting,
        text="Écrire",
        follow_up_by=world.member,
        due_on=timezone.localdate() - timedelta(days=1),
    )
    [item] = [i for i in todo_items(personas["partner_member"]) if str(i.label).startswith("decisions")]
    assert item.count == 1 and item.urgent  # overdue
    assert item.url.startswith(reverse("network:meeting_detail", args=[world.meeting.pk]))
    assert not any(str(i.label).startswith("decisions") for i in todo_items(personas["partner_outsider"]))


def test_the_reviews_an_invited_partner_owes(world, personas):
    owed = labels(personas["partner_member"])["findings to review in the campaigns you are invited to"]
    assert owed == world.campaign.findings.count() > 0
    assert "findings to review in the campaigns you are invited to" not in labels(
        personas["partner_outsider"]
    )


def test_the_progress_a_partner_should_post(world, personas):
    assert labels(personas["partner_member"])["progress to post on the recommendations you carry"] >= 1
    assert "progress to post on the recommendations you carry" not in labels(personas["partner_outsider"])


def test_the_home_shows_the_list_and_its_total(world, personas, client_as):
    field_finding(world, "Manque d'interprètes")
    response = client_as(personas["coordinator"]).get(reverse("home"))
    total = sum(item.count for item in response.context["todo"])
    assert response.context["todo_total"] == total > 0
    content = response.content.decode()
    assert 'id="todo-title"' in content and reverse("diagnostic:index") in content


def test_a_coordinators_todo_takes_a_fixed_number_of_queries(world, personas, query_baseline):
    from accounts.models import User
    from diagnostic import services

    def cite(territory):
        services.cite_statistic(
            finding=world.finding, territory=territory, indicator="population", year=2015, by=None
        )

    cite(world.namur)
    coordinator = User.objects.get(pk=personas["coordinator"].pk)  # as a request reads it: nothing cached
    with query_baseline("todo_items (coordinator), 1 cited statistic, then 5 field findings and 3 more"):
        todo_items(coordinator)
    for number in range(5):
        field_finding(world, f"Constat de terrain {number}")
    for territory in world.namur.ancestors()[:3]:  # arrondissement, province, region
        cite(territory)
    coordinator = User.objects.get(pk=coordinator.pk)
    with query_baseline("todo_items (coordinator), 1 cited statistic, then 5 field findings and 3 more"):
        assert labels(coordinator)["field findings to triage"] >= 5


@pytest.mark.parametrize("persona", ["coordinator", "partner_member", "reader"])
def test_a_line_leaves_its_number_to_the_count_shown_beside_it(world, personas, persona):
    """The template prints the count, then the label: a label with its own number read « 4 4 demandes »."""
    from pli.app_hooks import app_modules

    with translation.override("fr"):
        lines = [item for module in app_modules("todo") for item in module.items(personas[persona])]
        assert lines or persona == "reader"
        for item in lines:
            assert not str(item.label)[:1].isdigit(), f"{item.label!r} repeats its count"
