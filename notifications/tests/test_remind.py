"""`pli remind`: the reminders that are due, once; run twice, the second run sends nothing."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from notifications.models import Message
from notifications.notifications import TOKEN_EXPIRING

pytestmark = pytest.mark.django_db


def remind() -> str:
    out = io.StringIO()
    call_command("remind", stdout=out)
    return out.getvalue()


def test_pli_remind_twice_sends_once(personas, token, far_token):
    first = remind()
    assert "Reminders written: 1;" in first and "messages sent: 1;" in first
    assert [m.to for m in mail.outbox] == [[personas["partner_member"].email]]
    second = remind()
    assert "Reminders written: 0;" in second and "messages sent: 0;" in second
    assert len(mail.outbox) == 1
    assert Message.objects.filter(kind=TOKEN_EXPIRING).count() == 1  # the far token is not warned about


def test_a_failed_reminder_is_sent_by_a_later_run(personas, token, settings):
    settings.EMAIL_BACKEND = "notifications.tests.test_send.FailingBackend"
    assert "failed: 1." in remind()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Message.objects.update(next_attempt_at=None)  # its delay has passed
    assert "Reminders written: 0; digests: 0; messages sent: 1;" in remind()
    assert len(mail.outbox) == 1
