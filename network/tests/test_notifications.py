"""The network's messages: a meeting's invitation with its .ics to the members of its space, the minutes
once written, and the decisions coming due (by `pli remind`)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from network.models import Decision
from network.notifications import DECISION_DUE, MEETING_INVITATION, MINUTES_PUBLISHED
from network.tests.test_meetings import meeting_data
from network.tests.test_spaces import build_world
from notifications.models import Message
from notifications.services import remind

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(personas):
    return build_world(personas)


def test_planning_a_meeting_invites_the_members_with_the_ics(
    client_as, personas, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_as(personas["coordinator"]).post(
            reverse("network:meeting_create", args=[world.space_a.pk]), meeting_data()
        )
    [message] = Message.objects.filter(kind=MEETING_INVITATION)
    assert message.recipient == personas["partner_member"]  # the outsider is no member: nothing
    assert "Plateforme FLE" in message.subject and "Rue de Fer 42, Namur" in message.body
    [email] = mail.outbox
    [(name, content, mimetype)] = email.attachments
    assert name.endswith(".ics") and mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in content and "SUMMARY:Plateforme FLE — Comité d'accompagnement" in content


def test_moving_a_meeting_invites_again_but_editing_its_agenda_does_not(client_as, personas, world):
    url = reverse("network:meeting_edit", args=[world.meeting_a.pk])
    client = client_as(personas["coordinator"])
    start = timezone.localtime(world.meeting_a.starts_at).replace(second=0)  # as the form gives it
    type(world.meeting_a).objects.filter(pk=world.meeting_a.pk).update(
        starts_at=start, ends_at=start + timedelta(hours=2)
    )
    same = {
        "title": world.meeting_a.title,
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
    }
    client.post(url, meeting_data(**same, agenda="1. Accueil\n2. Divers", version="1"))
    assert not Message.objects.filter(kind=MEETING_INVITATION).exists()
    moved = {**same, "starts_at": (start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")}
    moved["ends_at"] = (start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    client.post(url, meeting_data(**moved, version="2"))
    assert Message.objects.filter(kind=MEETING_INVITATION).count() == 1


def test_the_minutes_once_written_go_to_the_members_once(client_as, personas, world):
    url = reverse("network:meeting_edit", args=[world.meeting_a_past.pk])
    start = timezone.localtime(world.meeting_a_past.starts_at)
    fields = {
        "title": world.meeting_a_past.title,
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
    }
    client = client_as(personas["partner_member"])
    client.post(url, meeting_data(**fields, minutes="Présents : 12.", version="1"))
    client.post(url, meeting_data(**fields, minutes="Présents : 12. Corrigé.", version="2"))
    [message] = Message.objects.filter(kind=MINUTES_PUBLISHED)
    assert message.recipient == personas["partner_member"] and "Bilan de juin" in message.body
    assert not Message.objects.filter(kind=MEETING_INVITATION).exists()  # a past meeting: no invitation


def test_a_decision_coming_due_reminds_its_follower_once(personas, world, settings):
    soon = timezone.localdate() + timedelta(days=settings.PLI_DECISION_REMINDER_DAYS - 1)
    decision = Decision.objects.create(
        meeting=world.meeting_a, text="Écrire à la commune", follow_up_by=world.member, due_on=soon
    )
    Decision.objects.create(
        meeting=world.meeting_a, text="Plus tard", follow_up_by=world.member, due_on=soon + timedelta(days=30)
    )
    Decision.objects.create(
        meeting=world.meeting_a, text="Fait", follow_up_by=world.member, due_on=soon, done=True
    )
    first, second = remind(), remind()
    assert (first.reminders, second.reminders) == (1, 0)
    [message] = Message.objects.filter(kind=DECISION_DUE)
    assert message.recipient == personas["partner_member"] and message.object_id == str(decision.pk)
    assert "Écrire à la commune" in message.body
    assert len(mail.outbox) == 1


def test_erasing_a_person_removes_their_messages_and_their_name_from_the_others(personas, world):
    from network.services import erase_person
    from notifications.services import File, notify

    decision = Decision.objects.create(meeting=world.meeting_a, text="Écrire", follow_up_by=world.member)
    notify(
        personas["partner_member"],
        DECISION_DUE,
        decision,
        context={"decision": decision, "meeting": decision.meeting},
    )
    [other] = notify(
        personas["coordinator"],
        MEETING_INVITATION,
        world.meeting_a,
        context={"meeting": world.meeting_a, "space": world.space_a},
        attachments=[File("a.ics", "text/calendar", b"x")],
    )
    Message.objects.filter(pk=other.pk).update(body="Nadia Verhoeven viendra.")
    erase_person(world.member, by=personas["coordinator"])
    assert not Message.objects.filter(kind=DECISION_DUE).exists()
    other.refresh_from_db()
    assert "Nadia Verhoeven" not in other.body
