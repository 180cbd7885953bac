"""The demonstration network: believable, inside the Province de Namur, current, idempotent."""

from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models.functions import Lower
from django.test import override_settings
from django.utils import timezone

from accounts import demo as accounts_demo
from network import demo
from network.choices import MeetingKind, MemberRole
from network.models import (
    Attendance,
    ConcertationSpace,
    Decision,
    Meeting,
    Membership,
    Offer,
    Organisation,
    Person,
)

MODELS = [Organisation, Person, Offer, ConcertationSpace, Membership, Meeting, Attendance, Decision]


@pytest.fixture
def demo_accounts(statistics, settings, tmp_path):
    settings.VAR_DIR = tmp_path  # the demo password file goes to a temporary folder
    accounts_demo.load(StringIO())


@pytest.fixture(scope="module")
def loaded_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The accounts and network of the demo, loaded once for the module's tests."""
    from conftest import rows_for_the_module

    with rows_for_the_module(django_db_blocker):
        with django_db_blocker.unblock(), override_settings(VAR_DIR=tmp_path_factory.mktemp("var")):
            accounts_demo.load(StringIO())
            out = StringIO()
            demo.load(out)
        yield out.getvalue()


@pytest.fixture
def loaded(statistics, loaded_once):
    return loaded_once


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_network_is_the_size_of_the_ppli_and_inside_the_province(loaded):
    assert loaded.startswith("Demo network: ")
    organisations = Organisation.objects.select_related("commune", "type")
    assert 45 <= organisations.count() <= 60
    assert all(o.is_demo for o in organisations)
    assert {o.commune.province_code for o in organisations} == {"90000"}
    assert {o.commune.level for o in organisations} == {"commune"}
    assert not organisations.filter(commune__valid_to__isnull=False).exists()  # communes in force only
    assert organisations.values("commune").distinct().count() >= 30
    assert 30 <= organisations.filter(is_partner=True).count() <= 42
    assert not organisations.filter(is_partner=True, partner_since__isnull=True).exists()
    centre = Organisation.objects.get(type__code="cri")
    assert (centre.commune.nis_code, centre.is_partner) == ("92094", True)
    assert (
        not organisations.filter(type__code__in=["commune", "pcs", "cpas"]).exclude(sector="public").exists()
    )
    names_in_communes = Counter(organisations.values_list(Lower("name"), "commune"))
    assert max(names_in_communes.values()) == 1

    people = Person.objects.all()
    assert 100 <= people.count() <= 140
    names = Counter(people.values_list("full_name", flat=True))
    assert max(names.values()) == 1
    generated = people.filter(user__isnull=True)
    assert all(p.email.endswith("@example.org") and p.language_codes[:1] == ["fr"] for p in generated)
    assert all(1 <= p.expertise.count() <= 3 for p in generated.prefetch_related("expertise"))
    network_share = generated.filter(consent_scope="network").count() / generated.count()
    assert 0.65 <= network_share <= 0.75

    assert 60 <= Offer.objects.count() <= 100
    assert {o.commune.province_code for o in Offer.objects.select_related("commune")} == {"90000"}
    assert Offer.objects.filter(capacity_unit="hours").exists()


def test_fifteen_spaces_with_members_and_facilitators(loaded):
    spaces = ConcertationSpace.objects.all()
    assert spaces.count() == 15
    assert {s.kind for s in spaces} == {"statutory", "decentralized", "thematic"}
    assert spaces.filter(is_published=True).count() >= 10
    assert all(s.is_demo and s.axes.exists() for s in spaces)
    for space in spaces:
        roles = Counter(space.memberships.values_list("role", flat=True))
        assert 6 <= sum(roles.values()) <= 15, space
        assert 1 <= roles[MemberRole.FACILITATOR] <= 2, space


def test_a_year_of_meetings_and_what_comes_next(loaded):
    now = timezone.now()
    past = Meeting.objects.filter(starts_at__lt=now)
    upcoming = Meeting.objects.filter(starts_at__gte=now)
    assert upcoming.exists()
    assert not upcoming.filter(starts_at__gt=now + timedelta(days=43)).exists()
    assert not past.filter(starts_at__lt=now - timedelta(days=366)).exists()
    for space in ConcertationSpace.objects.all():
        assert 4 <= past.filter(space=space).count() <= 10, space
        assert 1 <= upcoming.filter(space=space).count() <= 2, space
    assert not past.filter(minutes="").exists()
    assert not past.filter(attendances__isnull=True).exists()
    assert not upcoming.filter(attendances__isnull=False).exists()
    assert Attendance.objects.filter(is_guest=True).exists()
    assert Decision.objects.filter(done=True).exists() and Decision.objects.filter(done=False).exists()
    for meeting in Meeting.objects.all():
        start = timezone.localtime(meeting.starts_at)
        assert start.weekday() < 5
        assert (start.hour, start.minute) in {(9, 30), (13, 30)}
        assert (meeting.place == "Visioconférence") <= bool(meeting.video_link)

    plenary = Meeting.objects.get(kind=MeetingKind.PLENARY)
    assert plenary.space.name == "Assemblée plénière du PPLI"
    assert "La Marlagne" in plenary.place
    assert timezone.localtime(plenary.starts_at).month == 11
    assert plenary.starts_at < now


def test_demo_accounts_take_part(loaded):
    partner = Person.objects.get(user__email="partenaire@demo.pli.local")
    roles = Counter(partner.memberships.values_list("role", flat=True))
    assert roles == {MemberRole.FACILITATOR: 1, MemberRole.MEMBER: 1}
    coordinator = Person.objects.get(user__email="coordination@demo.pli.local")
    assert coordinator.organisation.type.code == "cri"
    assert coordinator.memberships.filter(role=MemberRole.FACILITATOR).count() >= 3
    assert coordinator.attendances.exists()


def test_loading_twice_creates_nothing(loaded):
    before = counts()
    out = StringIO()
    demo.load(out)
    assert out.getvalue().strip() == "Demo network already loaded."
    assert counts() == before


def test_without_demo_accounts_the_network_loads_and_links_them_later(statistics, settings, tmp_path):
    demo.load(StringIO())
    assert Organisation.objects.exists()
    assert not Person.objects.filter(user__isnull=False).exists()
    settings.VAR_DIR = tmp_path
    accounts_demo.load(StringIO())
    out = StringIO()
    demo.load(out)
    assert "Linked 2 demo account(s)" in out.getvalue()
    assert Person.objects.get(user__email="partenaire@demo.pli.local").memberships.count() == 2


def test_without_the_communes_of_the_province_nothing_is_created(statistics, monkeypatch):
    content = demo.read_content().model_copy(update={"territory": "99999"})  # a province not loaded
    monkeypatch.setattr(demo, "read_content", lambda *args, **kwargs: content)
    out = StringIO()
    demo.load(out)
    assert "not loaded" in out.getvalue()
    assert not Organisation.objects.exists()


def test_pli_demo_command_loads_the_network(statistics, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    out = StringIO()
    call_command("demo", stdout=out)
    assert "Demo accounts" in out.getvalue()
    assert "Demo network: " in out.getvalue()
    assert ConcertationSpace.objects.filter(is_demo=True).count() == 15
