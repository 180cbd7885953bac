from datetime import timedelta

import pytest
from django.utils import timezone

from network.models import ConcertationSpace, Meeting, Membership, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_as(api_client_as):
    """Every test of this module runs by session and through a personal API token."""
    return api_client_as


@pytest.fixture
def space_with_meeting(ili, namur, personas):
    space = ConcertationSpace.objects.create(
        name="Plateforme FLE", kind="thematic", carried_by=ili, territory=namur
    )
    member = Person.objects.create(full_name="Membre", organisation=ili, user=personas["partner_member"])
    Membership.objects.create(space=space, person=member, role="member")
    start = timezone.now() - timedelta(days=7)
    Meeting.objects.create(
        space=space, title="Réunion", starts_at=start, ends_at=start + timedelta(hours=2), minutes="PV secret"
    )
    return space


@pytest.mark.parametrize(("persona", "status"), [("coordinator", 200), ("reader", 200), ("anonymous", 401)])
def test_organisations_endpoint(client_as, personas, ili, persona, status):
    response = client_as(personas[persona]).get("/api/v1/network/organisations/")
    assert response.status_code == status
    if status == 200:
        assert [o["name"] for o in response.json()["items"]] == ["ILI Les Passerelles"]


@pytest.mark.parametrize(
    ("persona", "count"), [("coordinator", 1), ("partner_member", 1), ("partner_outsider", 0), ("reader", 0)]
)
def test_meetings_endpoint_follows_membership(client_as, personas, space_with_meeting, persona, count):
    data = client_as(personas[persona]).get("/api/v1/network/meetings/").json()["items"]
    assert len(data) == count
    if count:
        assert data[0]["minutes"] == "PV secret"


def test_spaces_endpoint_hides_unpublished_spaces_from_outsiders(client_as, personas, space_with_meeting):
    assert client_as(personas["partner_outsider"]).get("/api/v1/network/spaces/").json()["items"] == []
    space_with_meeting.is_published = True
    space_with_meeting.save()
    assert len(client_as(personas["reader"]).get("/api/v1/network/spaces/").json()["items"]) == 1


def test_network_endpoints_are_in_the_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/network/organisations/",
        "/api/v1/network/offers/",
        "/api/v1/network/spaces/",
        "/api/v1/network/meetings/",
    } <= set(paths)
