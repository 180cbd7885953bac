"""notify(): one message per recipient who may read the object, as their preference says."""

import pytest
from django.core import mail

from accounts.models import AuditEvent
from notifications.models import Message, Preference
from notifications.notifications import TOKEN_EXPIRING
from notifications.services import File, notify

from .conftest import TEST_KIND

pytestmark = pytest.mark.django_db


def test_a_recipient_who_may_not_see_the_object_gets_nothing(
    personas, token, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        messages = notify(
            [personas["coordinator"], personas["partner_outsider"]],
            TOKEN_EXPIRING,
            token,
            context={"token": token},
        )
    assert messages == []
    assert not Message.objects.exists()
    assert mail.outbox == []


def test_the_owner_gets_one_message_sent_on_commit(personas, token, django_capture_on_commit_callbacks):
    owner = personas["partner_member"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        [message] = notify([owner, owner], TOKEN_EXPIRING, token, context={"token": token})
        assert mail.outbox == []  # nothing goes before the transaction commits
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [[owner.email]]
    message.refresh_from_db()
    assert message.sent_at is not None and message.attempts == 1
    assert "Outil PCS de Ciney" in message.subject
    assert message.url == f"http://testserver{token.get_absolute_url()}" or message.url.endswith(
        token.get_absolute_url()
    )
    assert message.url in message.body
    assert message.object_repr == str(token)


def test_the_message_is_french(personas, token):
    [message] = notify(personas["partner_member"], TOKEN_EXPIRING, token, context={"token": token})
    assert message.subject.startswith("Votre jeton")
    assert message.body.startswith("Bonjour")


def test_notify_is_audited_on_the_object(personas, token):
    [message] = notify(
        personas["partner_member"],
        TOKEN_EXPIRING,
        token,
        context={"token": token},
        by=personas["coordinator"],
    )
    event = AuditEvent.objects.get(action="notify")
    assert event.object_id == str(token.pk) and event.actor == personas["coordinator"]
    assert event.details == {"kind": TOKEN_EXPIRING, "messages": [message.pk]}


@pytest.mark.parametrize(("choice", "expected"), [("never", None), ("digest", True), ("immediate", False)])
def test_the_preference_decides(personas, token, refusable_kind, choice, expected):
    owner = personas["partner_member"]
    Preference.objects.create(user=owner, kind=TEST_KIND, choice=choice)
    messages = notify(owner, TEST_KIND, token, context={"token": token})
    assert [m.digest for m in messages] == ([] if expected is None else [expected])


def test_without_a_preference_the_kind_default_applies(personas, token, refusable_kind):
    [message] = notify(personas["partner_member"], TEST_KIND, token, context={"token": token})
    assert not message.digest


def test_a_message_that_cannot_be_refused_goes_whatever_the_preference(personas, token):
    owner = personas["partner_member"]
    Preference.objects.create(user=owner, kind=TOKEN_EXPIRING, choice="never")
    assert len(notify(owner, TOKEN_EXPIRING, token, context={"token": token})) == 1


def test_inactive_users_get_nothing(personas, token):
    owner = personas["partner_member"]
    owner.is_active = False
    owner.save()
    assert notify(owner, TOKEN_EXPIRING, token, context={"token": token}) == []


def test_a_key_makes_the_message_go_once(personas, token):
    owner = personas["partner_member"]
    first = notify(owner, TOKEN_EXPIRING, token, context={"token": token}, key="2026-12")
    again = notify(owner, TOKEN_EXPIRING, token, context={"token": token}, key="2026-12")
    assert len(first) == 1 and again == []
    assert len(notify(owner, TOKEN_EXPIRING, token, context={"token": token}, key="2027-01")) == 1


def test_attachments_are_stored_and_sent(personas, token, django_capture_on_commit_callbacks):
    ics = File("reunion.ics", "text/calendar", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    with django_capture_on_commit_callbacks(execute=True):
        [message] = notify(
            personas["partner_member"], TOKEN_EXPIRING, token, context={"token": token}, attachments=[ics]
        )
    stored = message.attachments.get()
    assert (stored.name, stored.mimetype, bytes(stored.content)) == (ics.name, ics.mimetype, ics.content)
    [email] = mail.outbox
    assert email.attachments == [("reunion.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")]


def test_an_unknown_kind_is_refused(personas, token):
    with pytest.raises(LookupError, match="no.such"):
        notify(personas["partner_member"], "no.such", token)


def test_a_subject_and_a_text_body_carry_an_apostrophe_as_it_is_written(personas, token):
    token.name = "Outil d'Anhée <PCS>"
    token.save()
    [message] = notify(personas["partner_member"], TOKEN_EXPIRING, token, context={"token": token})
    assert "« Outil d'Anhée <PCS> »" in message.subject
    assert "“Outil d'Anhée <PCS>”" in message.body or "« Outil d'Anhée <PCS> »" in message.body
