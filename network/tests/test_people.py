import json

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from network.models import Person

pytestmark = pytest.mark.django_db


def test_partner_sees_listed_people_only(client_as, personas, listed_person, unlisted_person):
    page = client_as(personas["partner_outsider"]).get(reverse("network:person_list")).context["page"]
    assert list(page) == [listed_person]
    assert (
        client_as(personas["partner_outsider"])
        .get(reverse("network:person_detail", args=[unlisted_person.pk]))
        .status_code
        == 404
    )


@pytest.mark.parametrize(
    ("persona", "status"),
    [("coordinator", 200), ("partner_member", 200), ("reader", 403), ("anonymous", 302)],
)
def test_people_list_matrix(client_as, personas, listed_person, persona, status):
    assert client_as(personas[persona]).get(reverse("network:person_list")).status_code == status


def test_reader_never_sees_a_person(client_as, personas, listed_person):
    assert (
        client_as(personas["reader"])
        .get(reverse("network:person_detail", args=[listed_person.pk]))
        .status_code
        == 404
    )


def test_coordinator_adds_a_person_with_consent(client_as, personas, ili):
    from vocabulary.models import ExpertiseArea

    area = ExpertiseArea.objects.get(code="regroupement-familial")
    response = client_as(personas["coordinator"]).post(
        reverse("network:person_create"),
        {
            "full_name": "Sofia Marchal",
            "organisation": ili.pk,
            "email": "s.marchal@example.org",
            "phone": "081 12 34 56",
            "language_codes": ["fr", "ar"],
            "expertise": [area.pk],
            "consent_scope": "network",
            "consent_date": "2026-10-01",
        },
    )
    person = Person.objects.get(full_name="Sofia Marchal")
    assert response.url == reverse("network:person_detail", args=[person.pk])
    assert list(person.expertise.all()) == [area]


def test_listing_consent_needs_a_date(client_as, personas, ili):
    response = client_as(personas["coordinator"]).post(
        reverse("network:person_create"),
        {"full_name": "Sofia Marchal", "consent_scope": "network", "email": "bad"},
    )
    assert response.status_code == 400
    assert {"consent_date", "email"} <= set(response.context["form"].errors)


def test_expertise_filter_includes_sub_areas(client_as, personas, listed_person, unlisted_person):
    from vocabulary.models import ExpertiseArea

    listed_person.expertise.add(ExpertiseArea.objects.get(code="regroupement-familial"))
    parent = ExpertiseArea.objects.get(code="droit-etrangers")
    page = (
        client_as(personas["coordinator"])
        .get(reverse("network:person_list"), {"expertise": parent.pk})
        .context["page"]
    )
    assert list(page) == [listed_person]


def test_export_gives_everything_held_about_the_person(client_as, personas, listed_person):
    response = client_as(personas["coordinator"]).get(
        reverse("network:person_export", args=[listed_person.pk])
    )
    data = json.loads(response.content)
    assert data["name"] == "Nadia Verhoeven" and data["organisation"] == "ILI Les Passerelles"
    assert (
        client_as(personas["partner_member"])
        .get(reverse("network:person_export", args=[listed_person.pk]))
        .status_code
        == 403
    )


def test_erasure_leaves_nothing_personal_and_keeps_history(client_as, personas, listed_person, namur):
    from datetime import timedelta

    from django.utils import timezone

    from accounts.models import User, audit
    from network.models import Attendance, ConcertationSpace, Meeting, Membership

    account = User.objects.create_user(
        "nadia.compte@example.org", "x-very-secret-9", full_name="Nadia Verhoeven", role="partner"
    )
    listed_person.user = account
    listed_person.save()
    audit(account, "login")  # something the person did herself
    space = ConcertationSpace.objects.create(
        name="Plateforme FLE", kind="thematic", carried_by=listed_person.organisation, territory=namur
    )
    Membership.objects.create(space=space, person=listed_person, role="member")
    start = timezone.now() - timedelta(days=30)
    meeting = Meeting.objects.create(
        space=space, title="Réunion", starts_at=start, ends_at=start + timedelta(hours=2)
    )
    Attendance.objects.create(meeting=meeting, person=listed_person, status="present")
    client = client_as(personas["coordinator"])
    edited = client.post(
        reverse("network:person_edit", args=[listed_person.pk]),
        {
            "full_name": "Nadia Verhoeven",
            "organisation": listed_person.organisation_id,
            "email": "n.v@example.org",
            "phone": "081 11 22 33",
            "consent_scope": "network",
            "consent_date": "2024-01-15",
            "user": account.pk,
            "version": listed_person.version,
        },
    )
    assert edited.status_code == 302, "the edit (and its history entry, with the e-mail) is recorded"
    recorded = AuditEvent.objects.get(action="update", object_id=str(listed_person.pk))
    assert recorded.changes["email"] == ["", "n.v@example.org"], "the history holds the e-mail until erasure"

    assert client.post(reverse("network:person_erase", args=[listed_person.pk])).status_code == 302
    listed_person.refresh_from_db()
    personal = [
        listed_person.full_name,
        listed_person.email,
        listed_person.phone,
        listed_person.function,
        listed_person.languages,
    ]
    assert personal == ["", "", "", "", ""] and listed_person.consent_date is None and listed_person.erased_at
    assert not listed_person.expertise.exists() and not listed_person.memberships.exists()
    assert Attendance.objects.get(meeting=meeting).person == listed_person, "the meeting keeps its attendance"
    assert listed_person.display_name == "personne supprimée"
    account.refresh_from_db()
    assert "nadia" not in account.email.lower() and account.full_name == ""
    assert not account.is_active and not account.has_usable_password()
    for event in AuditEvent.objects.all():
        text = f"{event.actor_label} {event.target} {event.object_repr} {event.changes} {event.details}"
        for personal_text in ("Nadia", "Verhoeven", "n.v@example.org", "nadia.compte", "081 11 22 33"):
            assert personal_text not in text, (event.action, text)
    event = AuditEvent.objects.get(action="erase")
    assert event.actor == personas["coordinator"] and event.object_id == str(listed_person.pk)
    history = client.get(reverse("history:object", args=["network.person", listed_person.pk]))
    assert history.status_code == 200 and "Nadia" not in history.content.decode()


def test_erasure_needs_post_and_a_coordinator(client_as, personas, listed_person):
    assert (
        client_as(personas["coordinator"])
        .get(reverse("network:person_erase", args=[listed_person.pk]))
        .status_code
        == 405
    )
    assert (
        client_as(personas["partner_member"])
        .post(reverse("network:person_erase", args=[listed_person.pk]))
        .status_code
        == 403
    )


def test_people_filter_by_space(client_as, personas, listed_person, unlisted_person, namur):
    from network.models import ConcertationSpace, Membership

    space = ConcertationSpace.objects.create(
        name="Plateforme FLE", kind="thematic", carried_by=listed_person.organisation, territory=namur
    )
    Membership.objects.create(space=space, person=unlisted_person)
    page = (
        client_as(personas["coordinator"])
        .get(reverse("network:person_list"), {"space": space.pk})
        .context["page"]
    )
    assert list(page) == [unlisted_person]
