"""The password-reset e-mail goes through the outbox like every message: one row, rendered in French,
sent by `send_messages` after the commit, its link (which starts with PLI_BASE_URL) working; nothing for
an address without an account; its secret shown on no page and wiped once sent."""

import re

import pytest
from django.test import TestCase
from django.urls import reverse

from accounts.models import AuditEvent
from conftest import PASSWORD
from notifications.models import Message
from notifications.notifications import PASSWORD_RESET

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https://pli\.example\.be(/compte/mot-de-passe/nouveau/\S+/)")


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.PLI_BASE_URL = "https://pli.example.be"


def ask(client, email, **meta):
    """A request for a new password, its transaction's commit callbacks run (the message goes then)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("accounts:password_reset"), {"email": email}, **meta)


def test_a_reset_request_writes_one_message_in_the_outbox_and_sends_it(client, personas, mailoutbox):
    reader = personas["reader"]
    assert ask(client, reader.email).status_code == 302
    message = Message.objects.get(kind=PASSWORD_RESET)
    assert (message.recipient, message.to_address) == (reader, reader.email)
    assert message.subject == "Votre mot de passe sur la plateforme PLI"
    assert message.sent_at is not None and message.attempts == 1
    assert [m.to for m in mailoutbox] == [[reader.email]]
    assert mailoutbox[0].subject == message.subject
    assert "Quelqu’un a demandé" in mailoutbox[0].body or "Quelqu'un a demandé" in mailoutbox[0].body
    assert AuditEvent.objects.filter(action="notify", target=PASSWORD_RESET).count() == 1


def test_nothing_is_queued_for_an_address_without_an_account(client, personas, mailoutbox):
    response = ask(client, "nobody@example.org")
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done"), "the same answer as for an account"
    assert not Message.objects.filter(kind=PASSWORD_RESET).exists()
    assert mailoutbox == []


def test_the_link_in_the_message_sets_a_new_password(client, personas, mailoutbox):
    reader = personas["reader"]
    ask(client, reader.email)
    path = LINK.search(mailoutbox[0].body).group(1)
    form = client.get(path, follow=True)
    assert form.status_code == 200
    new = "a-brand-new-passphrase-7"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302 and done.url == reverse("accounts:password_reset_complete")
    reader.refresh_from_db()
    assert reader.check_password(new) and not reader.check_password(PASSWORD)


def test_the_reset_requests_stay_throttled(client, personas, mailoutbox, settings):
    settings.PLI_PASSWORD_RESETS_PER_HOUR = 2
    reader = personas["reader"]
    assert [ask(client, reader.email).status_code for _ in range(3)] == [302, 302, 429]
    assert Message.objects.filter(kind=PASSWORD_RESET).count() == 2
    assert len(mailoutbox) == 2


def test_the_reset_link_is_shown_to_no_coordinator_and_wiped_once_sent(
    client, client_as, personas, mailoutbox
):
    ask(client, personas["admin"].email)
    message = Message.objects.get(kind=PASSWORD_RESET)
    path = LINK.search(mailoutbox[0].body).group(1)
    assert path not in message.body and "/compte/mot-de-passe/nouveau/" not in message.body
    page = client_as(personas["coordinator"]).get(message.get_absolute_url())
    assert page.status_code == 200
    assert message.subject in page.content.decode()
    assert "/compte/mot-de-passe/nouveau/" not in page.content.decode()


def test_a_failed_reset_message_is_retried_by_remind_and_then_wiped(client, personas, mailoutbox, settings):
    from django.core import mail

    from notifications.services import remind

    settings.EMAIL_BACKEND = "notifications.tests.test_password_reset.FailingBackend"
    ask(client, personas["reader"].email)
    message = Message.objects.get(kind=PASSWORD_RESET)
    assert message.sent_at is None and message.attempts == 1
    assert "/compte/mot-de-passe/nouveau/" in message.body, "kept until it goes, to be retried"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Message.objects.filter(pk=message.pk).update(next_attempt_at=None)
    assert remind().sent == 1
    assert LINK.search(mail.outbox[-1].body)
    message.refresh_from_db()
    assert message.sent_at is not None and "/compte/mot-de-passe/nouveau/" not in message.body


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        raise OSError("SMTP down")

    def close(self):
        pass

    def send_messages(self, messages):
        raise OSError("SMTP down")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
