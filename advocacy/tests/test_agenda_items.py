"""A reaction "concertation space seized" names an agenda item of a meeting (issue 13): chosen among the
items of the meetings the author may see, shown on the alert's page as a link to the meeting's page at
the item, and never shown (title nor item) to a reader of the alert who may not see the meeting."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from advocacy import services
from advocacy.choices import ActionKind
from advocacy.forms import AlertActionForm
from advocacy.models import AlertAction
from advocacy.tests import factories as af
from network.agenda import agenda_items
from network.models import ConcertationSpace, Meeting, Membership
from plan.tests import factories as f

pytestmark = pytest.mark.django_db

AGENDA = "1. Approbation du procès-verbal\n2) Logement : sortie des centres d'accueil\n\n3. Divers"


@pytest.fixture
def world(personas):
    organisation = f.organisation("ILI Les Passerelles", is_partner=True)
    person = f.works_for(personas["partner_member"], organisation)
    space = ConcertationSpace.objects.create(
        name="Plateforme logement",
        kind="thematic",
        territory=f.get_territory(f.COMMUNE),
        carried_by=af.centre(),
    )
    start = timezone.now() - timedelta(days=2)
    meeting = Meeting.objects.create(
        space=space,
        title="Réunion secrète",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        agenda=AGENDA,
    )
    alert = af.alert(organisation=organisation, raised_by=personas["partner_member"])
    return {
        "organisation": organisation,
        "person": person,
        "space": space,
        "meeting": meeting,
        "alert": alert,
    }


def seize(world, personas, number=2):
    return services.record_action(
        world["alert"],
        kind=ActionKind.CONCERTATION,
        acted_on=timezone.localdate(),
        by=personas["coordinator"],
        meeting=world["meeting"],
        agenda_item=number,
    )


def test_an_agenda_is_read_one_item_a_line_its_own_numbering_left_out():
    assert [(i.number, i.title) for i in agenda_items(AGENDA)] == [
        (1, "Approbation du procès-verbal"),
        (2, "Logement : sortie des centres d'accueil"),
        (3, "Divers"),
    ]


def test_the_reaction_names_the_item_and_links_to_the_meeting_at_it(personas, world):
    action = seize(world, personas)
    assert (action.meeting, action.agenda_item) == (world["meeting"], 2)
    assert action.agenda_item_title == "Logement : sortie des centres d'accueil"
    assert action.agenda_item_url == world["meeting"].get_absolute_url() + "#agenda-item-2"


def test_the_meeting_page_has_the_item_s_anchor(client_as, personas, world):
    page = client_as(personas["coordinator"]).get(world["meeting"].get_absolute_url()).content.decode()
    assert 'id="agenda-item-2"' in page and "sortie des centres d&#x27;accueil" in page


def test_a_concertation_reaction_without_an_item_is_refused(personas, world, english):
    with pytest.raises(ValidationError) as refused:
        services.record_action(
            world["alert"],
            kind=ActionKind.CONCERTATION,
            acted_on=timezone.localdate(),
            by=personas["coordinator"],
        )
    assert "agenda item" in " ".join(refused.value.error_dict["agenda_item"][0].messages)
    with pytest.raises(ValidationError) as refused:
        seize(world, personas, number=9)
    assert "agenda_item" in refused.value.error_dict
    assert not AlertAction.objects.exists()


def test_the_form_offers_only_items_of_meetings_the_user_may_see(personas, world):
    value = f"{world['meeting'].pk}:2"
    coordinator_choices = dict(
        AlertActionForm(user=personas["coordinator"], alert=world["alert"]).fields["agenda_item"].choices
    )
    assert value in coordinator_choices and "Logement" in coordinator_choices[value]
    partner_form = AlertActionForm(
        {"kind": "concertation", "acted_on": timezone.localdate(), "agenda_item": value},
        user=personas["partner_member"],
        alert=world["alert"],
    )
    assert value not in dict(partner_form.fields["agenda_item"].choices)
    assert not partner_form.is_valid() and "agenda_item" in partner_form.errors


def test_the_coordinator_records_the_item_through_the_page(client_as, personas, world):
    response = client_as(personas["coordinator"]).post(
        f"/plaidoyer/alertes/{world['alert'].pk}/reactions/",
        {
            "kind": "concertation",
            "acted_on": timezone.localdate().isoformat(),
            "agenda_item": f"{world['meeting'].pk}:3",
        },
    )
    assert response.status_code == 302
    action = AlertAction.objects.get()
    assert (action.meeting, action.agenda_item, action.agenda_item_title) == (world["meeting"], 3, "Divers")


def test_a_reader_of_the_alert_who_may_not_see_the_meeting_does_not_learn_the_item(
    client_as, personas, world
):
    seize(world, personas)
    client = client_as(personas["partner_member"])
    page = client.get(world["alert"].get_absolute_url()).content.decode()
    assert "Réunion secrète" not in page and "sortie des centres" not in page
    api = client.get(f"/api/v1/advocacy/alerts/{world['alert'].pk}/").json()
    assert api["actions"][0]["kind"] == "concertation" and api["actions"][0]["agenda_item"] is None
    listed = client.get("/api/v1/advocacy/alerts/").json()
    assert "sortie des centres" not in str(listed) and "Réunion secrète" not in str(listed)


def test_a_member_of_the_space_reads_the_item_as_a_link(client_as, personas, world):
    seize(world, personas)
    Membership.objects.create(space=world["space"], person=world["person"], role="member")
    client = client_as(personas["partner_member"])
    page = client.get(world["alert"].get_absolute_url()).content.decode()
    assert f'href="{world["meeting"].get_absolute_url()}#agenda-item-2"' in page
    assert "sortie des centres" in page
    api = client.get(f"/api/v1/advocacy/alerts/{world['alert'].pk}/").json()
    assert api["actions"][0]["agenda_item"]["number"] == 2
    assert api["actions"][0]["agenda_item"]["url"].endswith("#agenda-item-2")


def test_a_reaction_of_before_the_items_keeps_its_meeting(client_as, personas, world):
    """What migration 0003 leaves: a meeting and no item; the page links to the meeting alone."""
    AlertAction.objects.create(
        alert=world["alert"],
        kind=ActionKind.CONCERTATION,
        acted_on=timezone.localdate(),
        meeting=world["meeting"],
    )
    page = client_as(personas["coordinator"]).get(world["alert"].get_absolute_url()).content.decode()
    assert f'href="{world["meeting"].get_absolute_url()}"' in page
