"""send_due(): what is due goes once; a failure is retried after its delay, at most N times; digests."""

import io
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from notifications.models import Message, Preference
from notifications.notifications import DIGEST, TOKEN_EXPIRING
from notifications.services import notify, send_due

from .conftest import TEST_KIND

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")
# Tomorrow at 8 in Brussels: after every message a test writes now (a fixed day would be before them
# once that day has come).
MORNING = datetime.combine(date.today() + timedelta(days=1), time(8, 0), tzinfo=BRUSSELS)


class FailingBackend(EmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("the SMTP server is down")


@pytest.fixture
def failing_mail(settings):
    settings.EMAIL_BACKEND = "notifications.tests.test_send.FailingBackend"


def warn(user, token, **kwargs):
    return notify(user, TOKEN_EXPIRING, token, context={"token": token}, **kwargs)


def test_send_due_sends_once(personas, token):
    warn(personas["partner_member"], token)
    assert send_due().sent == 1
    assert send_due().sent == 0
    assert len(mail.outbox) == 1


def test_a_failing_backend_is_retried_after_its_delay(personas, token, failing_mail, settings):
    [message] = warn(personas["partner_member"], token)
    report = send_due(now=MORNING)
    assert (report.sent, report.failed) == (0, 1)
    message.refresh_from_db()
    assert message.attempts == 1 and "SMTP server is down" in message.last_error and message.sent_at is None
    assert message.state == "failed"
    assert send_due(now=MORNING + timedelta(minutes=1)).failed == 0  # not yet: it waits its delay
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_due(now=MORNING + timedelta(minutes=settings.PLI_NOTIFICATION_RETRY_MINUTES)).sent == 1
    message.refresh_from_db()
    assert message.attempts == 2 and message.last_error == "" and message.sent_at is not None
    assert len(mail.outbox) == 1


def test_the_delay_doubles_and_attempts_stop_at_the_maximum(personas, token, failing_mail, settings):
    settings.PLI_NOTIFICATION_MAX_ATTEMPTS = 3
    [message] = warn(personas["partner_member"], token)
    now = MORNING
    for _ in range(5):
        send_due(now=now)
        now += timedelta(days=1)
    message.refresh_from_db()
    assert message.attempts == 3 and message.state == "abandoned"
    assert message.next_attempt_at - MORNING - timedelta(days=2) == timedelta(
        minutes=4 * settings.PLI_NOTIFICATION_RETRY_MINUTES
    )


def test_digest_items_wait_then_go_in_one_daily_digest(personas, token, far_token, refusable_kind):
    owner = personas["partner_member"]
    Preference.objects.create(user=owner, kind=TEST_KIND, choice="digest")
    for key in ("a", "b"):
        notify(owner, TEST_KIND, token, context={"token": token}, key=key)
    assert send_due(now=MORNING.replace(hour=6)).digests == 0  # before PLI_DIGEST_HOUR
    assert mail.outbox == []
    report = send_due(now=MORNING)
    assert report.digests == 1
    [email] = mail.outbox
    assert email.to == [owner.email] and "2 messages" in email.subject
    assert email.body.count("Outil PCS de Ciney") >= 2
    digest = Message.objects.get(kind=DIGEST)
    assert set(digest.digest_items.values_list("key", flat=True)) == {f"{token.pk}:a", f"{token.pk}:b"}
    assert send_due(now=MORNING + timedelta(hours=1)).digests == 0  # one a day
    assert len(mail.outbox) == 1


def test_a_digest_item_the_recipient_may_no_longer_read_is_dropped(personas, token, refusable_kind):
    owner = personas["partner_member"]
    Preference.objects.create(user=owner, kind=TEST_KIND, choice="digest")
    [item] = notify(owner, TEST_KIND, token, context={"token": token})
    token.user = personas["partner_outsider"]  # the object changed hands: the owner may not read it now
    token.save()
    assert send_due(now=MORNING).digests == 0
    item.refresh_from_db()
    assert item.dropped and item.state == "abandoned"
    assert mail.outbox == []


def test_a_mail_server_that_cannot_be_reached_fails_each_message_for_later_not_the_command(
    personas, token, settings
):
    """Django's SMTP backend opens its connection before any message: refused there (no server on the
    port), `pli remind` still ends, each message recorded as failed with its next attempt."""
    import socket

    from django.core.management import call_command

    with socket.socket() as probe:  # a port on which nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    [message] = warn(personas["partner_member"], token)
    call_command("remind", stdout=io.StringIO())
    message.refresh_from_db()
    assert message.sent_at is None and message.attempts == 1 and message.next_attempt_at is not None
    assert "ConnectionRefusedError" in message.last_error
