"""Calendar feeds: RFC 5545 text (escaping, CRLF, folding at 75 octets) and who a token opens what to."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from network import ical
from network.models import Attendance, Meeting
from network.tests.test_spaces import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(personas):
    return build_world(personas)


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def events(text: str) -> list[dict]:
    found, current = [], None
    for line in unfold(text):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    return found


def assert_well_formed(text: str) -> None:
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", ""), "every line ends with CRLF"
    for line in text.split("\r\n"):
        assert len(line.encode()) <= 75, line


# --- The text ----------------------------------------------------------------------------------------


def test_text_values_are_escaped():
    assert ical.escape_text("a,b;c\\d\nsecond\r\nthird") == "a\\,b\\;c\\\\d\\nsecond\\nthird"


def test_long_lines_are_folded_at_75_octets_without_splitting_a_character():
    line = "DESCRIPTION:" + "Réunion à Namur — " * 20
    folded = ical.fold(line)
    physical = folded.split("\r\n")
    assert len(physical) > 1
    assert all(len(p.encode()) <= 75 for p in physical)
    assert all(p.startswith(" ") for p in physical[1:])
    assert folded.replace("\r\n ", "") == line
    assert ical.fold("SUMMARY:court") == "SUMMARY:court"


def test_calendar_of_one_meeting(world):
    world.meeting_a.agenda = "1. Accueil, présentations; tour de table\n2. Bilan \\ suite"
    world.meeting_a.place = "Rue de Fer 42, Namur"
    world.meeting_a.video_link = "https://visio.example.org/a?b=1,2"
    world.meeting_a.starts_at = datetime(2030, 3, 5, 13, 0, tzinfo=UTC)
    world.meeting_a.ends_at = datetime(2030, 3, 5, 15, 30, tzinfo=UTC)
    text = ical.calendar(
        [world.meeting_a], name="Plateforme, FLE", page_url=lambda m: "https://pli.example/r/1"
    )
    assert_well_formed(text)
    lines = unfold(text)
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    assert "X-WR-CALNAME:Plateforme\\, FLE" in lines
    (event,) = events(text)
    assert event["UID"] == f"meeting-{world.meeting_a.pk}@pli"
    assert (event["DTSTART"], event["DTEND"]) == ("20300305T130000Z", "20300305T153000Z")
    assert re.fullmatch(r"\d{8}T\d{6}Z", event["DTSTAMP"])
    assert event["SUMMARY"] == "Plateforme FLE — Réunion de rentrée"
    assert event["LOCATION"] == "Rue de Fer 42\\, Namur"
    assert event["URL"] == "https://visio.example.org/a?b=1,2"
    assert event["DESCRIPTION"] == (
        "1. Accueil\\, présentations\\; tour de table\\n2. Bilan \\\\ suite\\n\\nhttps://pli.example/r/1"
    )


# --- The space feed ----------------------------------------------------------------------------------


def space_feed(client, space, token):
    return client.get(reverse("network:space_calendar", args=[space.pk]), {"jeton": token})


def test_member_token_opens_the_space_feed_without_logging_in(client, world):
    response = space_feed(client, world.space_a, world.member.calendar_token)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    assert_well_formed(text)
    assert text.count("BEGIN:VEVENT") == 2
    assert {e["UID"] for e in events(text)} == {
        f"meeting-{world.meeting_a.pk}@pli",
        f"meeting-{world.meeting_a_past.pk}@pli",
    }
    assert all(e["DTSTART"].endswith("Z") for e in events(text))


def test_long_agenda_is_folded_in_the_feed(client, world):
    Meeting.objects.filter(pk=world.meeting_a.pk).update(agenda="Point à l'ordre du jour, " * 30)
    text = space_feed(client, world.space_a, world.member.calendar_token).content.decode()
    assert_well_formed(text)
    assert "\r\n " in text


def test_coordinator_token_opens_any_space_feed(client, world):
    response = space_feed(client, world.space_c, world.staff.calendar_token)
    assert response.status_code == 200
    assert response.content.decode().count("BEGIN:VEVENT") == 1


@pytest.mark.parametrize(
    ("space", "token"),
    [
        ("space_a", "not-a-token"),
        ("space_a", ""),
        ("space_a", None),
        ("space_c", "member"),  # partner_member is not in space C
        ("space_b", "outsider"),  # published, but meetings are for members only
        ("space_a", "outsider"),
    ],
)
def test_wrong_token_gets_404(client, world, space, token):
    tokens = {"member": world.member.calendar_token, "outsider": world.outsider.calendar_token}
    url = reverse("network:space_calendar", args=[getattr(world, space).pk])
    params = {} if token is None else {"jeton": tokens.get(token, token)}
    assert client.get(url, params).status_code == 404


def test_erased_person_token_no_longer_opens_anything(client, world, personas):
    from network.services import erase_person

    token = world.member.calendar_token
    erase_person(world.member, personas["coordinator"])
    assert space_feed(client, world.space_a, token).status_code == 404
    assert client.get(reverse("network:person_calendar", args=[token])).status_code == 404


def test_logged_in_user_without_token_gets_404(client_as, personas, world):
    client = client_as(personas["coordinator"])
    assert client.get(reverse("network:space_calendar", args=[world.space_a.pk])).status_code == 404


# --- The person's own feed ---------------------------------------------------------------------------


def test_person_feed_has_the_meetings_of_their_spaces_and_those_attended_as_guest(client, world):
    Attendance.objects.create(meeting=world.meeting_c, person=world.member, status="present", is_guest=True)
    old = timezone.now() - timedelta(days=800)
    Meeting.objects.create(
        space=world.space_a, title="Ancienne", starts_at=old, ends_at=old + timedelta(hours=1)
    )
    response = client.get(reverse("network:person_calendar", args=[world.member.calendar_token]))
    assert response.status_code == 200
    text = response.content.decode()
    assert_well_formed(text)
    uids = [e["UID"] for e in events(text)]
    expected = [world.meeting_a_past, world.meeting_a, world.meeting_b, world.meeting_c]
    assert uids == [f"meeting-{m.pk}@pli" for m in expected], "in order, without the very old one"


def test_outsider_feed_is_empty_but_valid(client, world):
    response = client.get(reverse("network:person_calendar", args=[world.outsider.calendar_token]))
    assert response.status_code == 200
    assert "BEGIN:VEVENT" not in response.content.decode()


def test_unknown_person_token_gets_404(client, world):
    assert client.get(reverse("network:person_calendar", args=["unknown-token"])).status_code == 404
