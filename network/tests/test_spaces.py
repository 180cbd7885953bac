"""Concertation spaces: who sees and changes what (the matrix over every URL of network/urls_spaces.py),
the list with its filters, the composed detail page and the memberships.

`build_world` is shared with test_meetings, test_ical and test_browser_spaces: partner_member is the
facilitator of space A and a member of space B (published); partner_outsider belongs to no space;
space C is unpublished and partner_member is not in it.
"""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from network.models import (
    ConcertationSpace,
    Decision,
    Meeting,
    MeetingDocument,
    Membership,
    Organisation,
    Person,
)
from territory.models import Territory
from vocabulary.models import Axis, OrganisationType

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% minutes\n"


def build_world(personas) -> SimpleNamespace:
    namur, _ = Territory.objects.get_or_create(
        nis_code="92094", defaults={"level": "commune", "name_fr": "Namur"}
    )
    ili_type, _ = OrganisationType.objects.get_or_create(code="ili", defaults={"label": "ILI"})
    cri = Organisation.objects.create(name="CRI test", sector="associative", type=ili_type, commune=namur)
    partner = Organisation.objects.create(
        name="ILI test", sector="associative", type=ili_type, commune=namur, is_partner=True
    )
    member = Person.objects.create(
        full_name="Nadia Verhoeven", organisation=partner, user=personas["partner_member"]
    )
    outsider = Person.objects.create(
        full_name="Marc Dujardin", organisation=partner, user=personas["partner_outsider"]
    )
    staff = Person.objects.create(full_name="Claire Lambert", organisation=cri, user=personas["coordinator"])
    colleague = Person.objects.create(full_name="Awa Diallo", organisation=partner, consent_scope="network")
    visitor = Person.objects.create(full_name="Jonas Peeters", organisation=cri, consent_scope="network")

    def space(name, kind, published=False):
        return ConcertationSpace.objects.create(
            name=name, kind=kind, carried_by=cri, territory=namur, is_published=published
        )

    space_a = space("Plateforme FLE", "statutory")
    space_b = space("Espace décentralisé de Dinant", "decentralized", published=True)
    space_c = space("Groupe logement", "thematic")
    membership_a = Membership.objects.create(space=space_a, person=member, role="facilitator")
    membership_a_colleague = Membership.objects.create(space=space_a, person=colleague)
    Membership.objects.create(space=space_b, person=member)
    Membership.objects.create(space=space_c, person=colleague)

    soon = timezone.now().replace(microsecond=0) + timedelta(days=7)

    def meeting(space, title, starts):
        return Meeting.objects.create(
            space=space,
            title=title,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            agenda="1. Accueil",
        )

    meeting_a = meeting(space_a, "Réunion de rentrée", soon)
    meeting_a_past = meeting(space_a, "Bilan de juin", soon - timedelta(days=90))
    meeting_b = meeting(space_b, "Réunion de Dinant", soon + timedelta(days=1))
    meeting_c = meeting(space_c, "Réunion logement", soon + timedelta(days=2))
    world = SimpleNamespace(
        namur=namur,
        cri=cri,
        partner=partner,
        member=member,
        outsider=outsider,
        staff=staff,
        colleague=colleague,
        visitor=visitor,
        space_a=space_a,
        space_b=space_b,
        space_c=space_c,
        membership_a=membership_a,
        membership_a_colleague=membership_a_colleague,
        meeting_a=meeting_a,
        meeting_a_past=meeting_a_past,
        meeting_b=meeting_b,
        meeting_c=meeting_c,
    )
    for key, m in (("a", meeting_a), ("b", meeting_b), ("c", meeting_c)):
        setattr(world, f"decision_{key}", Decision.objects.create(meeting=m, text="Écrire au CPAS"))
        document = MeetingDocument(meeting=m, title="Ordre du jour")
        document.file.save("ordre-du-jour.pdf", ContentFile(PDF), save=True)
        setattr(world, f"document_{key}", document)
    return world


@pytest.fixture
def world(personas):
    return build_world(personas)


# --- The permission matrix ---------------------------------------------------------------------------

EVERYONE = ["admin", "coordinator", "partner_member", "partner_outsider", "reader", "anonymous"]
MEETING_WRITES = ["meeting_edit", "attendance_edit", "decision_create", "document_upload"]
# What a valid-permission POST of an empty form answers: 400 (form errors) or 302 (nothing to fix).
EMPTY_POST = {"meeting_edit": 400, "attendance_edit": 302, "decision_create": 400, "document_upload": 400}

MATRIX = [
    # (url name, target in the world, method, {persona: status})
    ("space_list", None, "get", {p: 302 if p == "anonymous" else 200 for p in EVERYONE}),
    (
        "space_create",
        None,
        "get",
        {
            "admin": 200,
            "coordinator": 200,
            "partner_member": 403,
            "partner_outsider": 403,
            "reader": 403,
            "anonymous": 302,
        },
    ),
    (
        "space_create",
        None,
        "post",
        {"coordinator": 400, "partner_member": 403, "reader": 403, "anonymous": 302},
    ),
    (
        "space_detail",
        "space_a",
        "get",
        {
            "admin": 200,
            "coordinator": 200,
            "partner_member": 200,
            "partner_outsider": 404,
            "reader": 404,
            "anonymous": 302,
        },
    ),
    ("space_detail", "space_b", "get", {"partner_member": 200, "partner_outsider": 200, "reader": 200}),
    ("space_detail", "space_c", "get", {"coordinator": 200, "partner_member": 404, "partner_outsider": 404}),
    (
        "space_edit",
        "space_a",
        "get",
        {
            "admin": 200,
            "coordinator": 200,
            "partner_member": 403,
            "partner_outsider": 404,
            "reader": 404,
            "anonymous": 302,
        },
    ),
    (
        "space_edit",
        "space_b",
        "post",
        {"coordinator": 400, "partner_member": 403, "partner_outsider": 403, "reader": 403, "anonymous": 302},
    ),
    ("space_edit", "space_c", "post", {"partner_member": 404}),
    (
        "membership_add",
        "space_a",
        "post",
        {"coordinator": 400, "partner_member": 403, "partner_outsider": 404, "reader": 404, "anonymous": 302},
    ),
    ("membership_add", "space_b", "post", {"partner_member": 403, "partner_outsider": 403}),
    ("membership_add", "space_a", "get", {"coordinator": 405}),
    (
        "membership_remove",
        "membership_a_colleague",
        "post",
        {"coordinator": 302, "partner_member": 403, "partner_outsider": 404, "reader": 404, "anonymous": 302},
    ),
    ("membership_remove", "membership_a_colleague", "get", {"coordinator": 405}),
    (
        "meeting_create",
        "space_a",
        "get",
        {"coordinator": 200, "partner_member": 200, "partner_outsider": 404, "reader": 404, "anonymous": 302},
    ),
    (
        "meeting_create",
        "space_a",
        "post",
        {"coordinator": 400, "partner_member": 400, "partner_outsider": 404, "anonymous": 302},
    ),
    ("meeting_create", "space_b", "get", {"partner_member": 403, "partner_outsider": 403, "reader": 403}),
    ("meeting_create", "space_b", "post", {"partner_member": 403}),
    ("meeting_create", "space_c", "post", {"coordinator": 400, "partner_member": 404}),
    (
        "meeting_detail",
        "meeting_a",
        "get",
        {
            "admin": 200,
            "coordinator": 200,
            "partner_member": 200,
            "partner_outsider": 404,
            "reader": 404,
            "anonymous": 302,
        },
    ),
    ("meeting_detail", "meeting_b", "get", {"partner_member": 200, "partner_outsider": 404, "reader": 404}),
    ("meeting_detail", "meeting_c", "get", {"coordinator": 200, "partner_member": 404}),
    *[
        row
        for name in MEETING_WRITES
        for row in [
            (
                name,
                "meeting_a",
                "get",
                {
                    "coordinator": 200,
                    "partner_member": 200,
                    "partner_outsider": 404,
                    "reader": 404,
                    "anonymous": 302,
                },
            ),
            (
                name,
                "meeting_a",
                "post",
                {
                    "partner_member": EMPTY_POST[name],
                    "partner_outsider": 404,
                    "reader": 404,
                    "anonymous": 302,
                },
            ),
            (name, "meeting_b", "get", {"coordinator": 200, "partner_member": 403}),
            (name, "meeting_b", "post", {"partner_member": 403}),
            (name, "meeting_c", "get", {"partner_member": 404}),
            (name, "meeting_c", "post", {"partner_member": 404}),
        ]
    ],
    (
        "decision_edit",
        "decision_a",
        "get",
        {"coordinator": 200, "partner_member": 200, "partner_outsider": 404, "reader": 404, "anonymous": 302},
    ),
    (
        "decision_edit",
        "decision_a",
        "post",
        {"coordinator": 400, "partner_member": 400, "partner_outsider": 404},
    ),
    ("decision_edit", "decision_b", "get", {"partner_member": 403}),
    ("decision_edit", "decision_b", "post", {"partner_member": 403}),
    ("decision_edit", "decision_c", "post", {"partner_member": 404}),
    (
        "document_download",
        "document_a",
        "get",
        {
            "admin": 200,
            "coordinator": 200,
            "partner_member": 200,
            "partner_outsider": 404,
            "reader": 404,
            "anonymous": 302,
        },
    ),
    ("document_download", "document_b", "get", {"partner_member": 200, "partner_outsider": 404}),
    ("document_download", "document_c", "get", {"partner_member": 404}),
    ("document_download", "document_a", "post", {"partner_member": 405}),
]

CASES = [
    pytest.param(name, target, method, persona, status, id=f"{persona}-{method}-{name}-{target}")
    for name, target, method, statuses in MATRIX
    for persona, status in statuses.items()
]


def url_for(world, name, target) -> str:
    if target is None:
        return reverse(f"network:{name}")
    obj = getattr(world, target)
    if name == "membership_remove":
        return reverse(f"network:{name}", args=[obj.space_id, obj.pk])
    return reverse(f"network:{name}", args=[obj.pk])


@pytest.mark.parametrize(("name", "target", "method", "persona", "status"), CASES)
def test_permission_matrix(client_as, personas, world, name, target, method, persona, status):
    response = getattr(client_as(personas[persona]), method)(url_for(world, name, target))
    assert response.status_code == status


def test_every_url_of_the_spaces_is_in_the_matrix():
    from network.urls_spaces import urlpatterns

    feeds = {"space_calendar", "person_calendar"}  # token-authenticated: see test_ical.py
    assert {p.name for p in urlpatterns} - feeds == {row[0] for row in MATRIX}


# --- The list ----------------------------------------------------------------------------------------


def listed(client, **params):
    return [space.name for space in client.get(reverse("network:space_list"), params).context["page"]]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("coordinator", ["Espace décentralisé de Dinant", "Groupe logement", "Plateforme FLE"]),
        ("partner_member", ["Espace décentralisé de Dinant", "Plateforme FLE"]),
        ("partner_outsider", ["Espace décentralisé de Dinant"]),
        ("reader", ["Espace décentralisé de Dinant"]),
    ],
)
def test_list_shows_the_spaces_each_persona_may_see(client_as, personas, world, persona, expected):
    assert listed(client_as(personas[persona])) == expected


def test_list_filters_by_kind_activity_axis_and_text(client_as, personas, world):
    client = client_as(personas["coordinator"])
    axis = Axis.objects.filter(is_active=True).first() or Axis.objects.create(
        code="test-axis", label="Axe test", framework="pcs-2020"
    )
    world.space_c.axes.add(axis)
    ConcertationSpace.objects.filter(pk=world.space_b.pk).update(
        is_active=False, theme="apprentissage du français"
    )
    assert listed(client, kind="statutory") == ["Plateforme FLE"]
    assert listed(client, active="0") == ["Espace décentralisé de Dinant"]
    assert listed(client, active="1") == ["Groupe logement", "Plateforme FLE"]
    assert listed(client, axis=axis.pk) == ["Groupe logement"]
    assert listed(client, q="français") == ["Espace décentralisé de Dinant"]
    assert listed(client, q="LOGEMENT", kind="thematic") == ["Groupe logement"]


def test_list_answers_htmx_with_the_table_fragment_only(client_as, personas, world):
    response = client_as(personas["coordinator"]).get(
        reverse("network:space_list"), {"kind": "thematic"}, headers={"HX-Request": "true"}
    )
    assert [t.name for t in response.templates][0] == "network/_space_table.html"
    assert b"<html" not in response.content
    assert b'id="space-count"' in response.content


def test_list_pages_by_25(client_as, personas, world):
    for number in range(30):
        ConcertationSpace.objects.create(
            name=f"Espace {number:02}", kind="thematic", carried_by=world.cri, territory=world.namur
        )
    client = client_as(personas["coordinator"])
    first = client.get(reverse("network:space_list")).context["page"]
    assert (len(first), first.paginator.count, first.paginator.num_pages) == (25, 33, 2)
    assert len(client.get(reverse("network:space_list"), {"page": 2}).context["page"]) == 8


def test_list_query_count_does_not_grow_with_the_spaces(client_as, personas, world, query_baseline):
    client = client_as(personas["partner_member"])
    name = "network:space_list (partner member), 2 then 22 spaces"
    with query_baseline(name):
        client.get(reverse("network:space_list"))
    axes = list(Axis.objects.all()[:3])
    for number in range(20):
        space = ConcertationSpace.objects.create(
            name=f"Espace {number:02}",
            kind="thematic",
            carried_by=world.cri,
            territory=world.namur,
            is_published=True,
        )
        space.axes.set(axes)
        Membership.objects.create(space=space, person=world.member)
    with query_baseline(name):
        # session, user, 2 × second-factor devices, user's person, axes of the filter, count, page, axes
        response = client.get(reverse("network:space_list"))
    assert len(response.context["page"]) == 22


# --- The detail page ---------------------------------------------------------------------------------


def test_member_sees_members_meetings_and_their_calendar_link(client_as, personas, world):
    response = client_as(personas["partner_member"]).get(
        reverse("network:space_detail", args=[world.space_a.pk])
    )
    context = response.context
    assert context["reads_meetings"] and context["can_manage"] and not context["can_edit"]
    assert [m.person for m in context["memberships"]] == [world.member, world.colleague], "facilitators first"
    assert context["upcoming"] == [world.meeting_a]
    assert context["past"] == [world.meeting_a_past]
    assert world.member.calendar_token in context["feed"]["space"]
    assert context["feed"]["space"].endswith(
        f"/espaces/{world.space_a.pk}/agenda.ics?jeton={world.member.calendar_token}"
    )
    content = response.content.decode()
    assert 'id="space-feed"' in content and 'id="meeting-create"' in content
    assert 'id="membership-form"' not in content and 'id="space-edit"' not in content


def test_outsider_sees_a_published_space_but_not_its_members_or_meetings(client_as, personas, world):
    response = client_as(personas["partner_outsider"]).get(
        reverse("network:space_detail", args=[world.space_b.pk])
    )
    assert not response.context["reads_meetings"]
    content = response.content.decode()
    assert world.meeting_b.title not in content
    assert world.member.full_name not in content
    assert 'id="space-members"' not in content and 'id="space-feed"' not in content


def test_reader_has_no_calendar_link(client_as, personas, world):
    response = client_as(personas["reader"]).get(reverse("network:space_detail", args=[world.space_b.pk]))
    assert "feed" not in response.context


def test_detail_query_count_does_not_grow_with_members_and_meetings(
    client_as, personas, world, query_baseline
):
    client = client_as(personas["coordinator"])
    url = reverse("network:space_detail", args=[world.space_a.pk])
    name = "network:space_detail (coordinator), then 10 more members and meetings"
    with query_baseline(name):
        client.get(url)
    for number in range(10):
        person = Person.objects.create(full_name=f"Membre {number}", organisation=world.partner)
        Membership.objects.create(space=world.space_a, person=person)
        start = timezone.now() + timedelta(days=number - 5)
        Meeting.objects.create(
            space=world.space_a, title=f"R{number}", starts_at=start, ends_at=start + timedelta(hours=1)
        )
    with query_baseline(name):
        # session, user, 2 × devices, space, axes, 3 × rights, meetings, person, members, people to add
        assert client.get(url).status_code == 200


# --- Creating and editing a space, memberships ------------------------------------------------------


def space_data(world, **overrides):
    data = {
        "name": "Plateforme santé",
        "kind": "thematic",
        "theme": "santé mentale",
        "description": "Échanges entre partenaires.",
        "carried_by": world.partner.pk,
        "territory": world.namur.pk,
        "is_active": "on",
        "version": "",
    }
    return {**data, **overrides}


def test_coordinator_creates_and_edits_a_space(client_as, personas, world):
    client = client_as(personas["coordinator"])
    response = client.post(reverse("network:space_create"), space_data(world))
    space = ConcertationSpace.objects.get(name="Plateforme santé")
    assert response.url == reverse("network:space_detail", args=[space.pk])
    assert (space.carried_by, space.version) == (world.partner, 1)
    edited = client.post(
        reverse("network:space_edit", args=[space.pk]), space_data(world, theme="santé", version="1")
    )
    assert edited.status_code == 302
    space.refresh_from_db()
    assert (space.theme, space.version) == ("santé", 2)


def test_duplicate_space_name_is_refused_and_the_form_keeps_what_was_typed(client_as, personas, world):
    response = client_as(personas["coordinator"]).post(
        reverse("network:space_create"), space_data(world, name="Plateforme FLE")
    )
    assert response.status_code == 400
    assert "name" in response.context["form"].errors
    assert response.context["form"]["theme"].value() == "santé mentale"
    assert ConcertationSpace.objects.filter(name="Plateforme FLE").count() == 1


def test_concurrent_edit_of_a_space_gets_409(client_as, personas, world):
    client = client_as(personas["coordinator"])
    url = reverse("network:space_edit", args=[world.space_a.pk])
    first = space_data(world, name="Plateforme FLE", theme="premier", version="1")
    second = space_data(world, name="Plateforme FLE", theme="second", version="1")
    assert client.post(url, first).status_code == 302
    response = client.post(url, second)
    assert response.status_code == 409
    world.space_a.refresh_from_db()
    assert world.space_a.theme == "premier"


def test_coordinator_adds_and_removes_a_member(client_as, personas, world):
    client = client_as(personas["coordinator"])
    response = client.post(
        reverse("network:membership_add", args=[world.space_a.pk]),
        {"person": world.visitor.pk, "role": "member", "since": "2026-01-15"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(space=world.space_a, person=world.visitor)
    assert str(membership.since) == "2026-01-15"
    client.post(reverse("network:membership_remove", args=[world.space_a.pk, membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_a_member_cannot_be_added_twice(client_as, personas, world):
    response = client_as(personas["coordinator"]).post(
        reverse("network:membership_add", args=[world.space_a.pk]),
        {"person": world.member.pk, "role": "member", "since": "2026-01-15"},
    )
    assert response.status_code == 400
    assert "person" in response.context["membership_form"].errors
    assert Membership.objects.filter(space=world.space_a, person=world.member).count() == 1


def test_a_membership_of_another_space_cannot_be_removed_through_this_one(client_as, personas, world):
    other = Membership.objects.get(space=world.space_c)
    response = client_as(personas["coordinator"]).post(
        reverse("network:membership_remove", args=[world.space_a.pk, other.pk])
    )
    assert response.status_code == 404
    assert Membership.objects.filter(pk=other.pk).exists()


def test_erased_member_shows_as_erased_in_the_attendance(client_as, personas, world):
    from network.services import erase_person

    world.meeting_a.attendances.create(person=world.colleague, status="present")
    erase_person(world.colleague, personas["coordinator"])
    content = (
        client_as(personas["coordinator"])
        .get(reverse("network:meeting_detail", args=[world.meeting_a.pk]))
        .content.decode()
    )
    assert "Awa Diallo" not in content
    assert Person.objects.get(pk=world.colleague.pk).display_name in content
