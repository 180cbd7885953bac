import pytest
from axes.models import AccessAttempt
from django.test import TestCase
from django.urls import reverse

from accounts.models import AuditEvent
from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, email, password, **meta):
    return client.post(reverse("accounts:login"), {"username": email, "password": password}, **meta)


def ask_reset(client, email, **meta):
    """A request for a new password; the e-mail goes from the outbox when the request's work commits,
    which a test's transaction never reaches: the commit's callbacks are run here."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("accounts:password_reset"), {"email": email}, **meta)


def failures() -> int:
    return sum(AccessAttempt.objects.values_list("failures_since_start", flat=True))


def test_home_shows_an_anonymous_visitor_the_public_home_with_the_login_link(client):
    response = client.get("/")
    assert response.status_code == 200
    assert reverse("accounts:login") in response.content.decode()
    assert "pli/public_home.html" in [t.name for t in response.templates]


def test_a_page_of_the_platform_sends_an_anonymous_visitor_to_login(client):
    response = client.get(reverse("diagnostic:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_login_page_is_in_french(client):
    response = client.get(reverse("accounts:login"))
    content = response.content.decode()
    assert '<html lang="fr"' in content
    assert "Se connecter" in content
    assert "Adresse e-mail" in content


def test_coordinator_logs_in_by_email_and_lands_on_dashboard(client, coordinator):
    response = login(client, "COORDINATOR@example.org", PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("home")
    page = client.get(reverse("home"))
    assert "Bonjour Coordinator" in page.content.decode()
    assert AuditEvent.objects.filter(action="login", actor=coordinator).exists()


def test_wrong_password_shows_french_error(client, coordinator):
    response = login(client, "coordinator@example.org", "wrong")
    assert response.status_code == 200
    assert "L’adresse e-mail ou le mot de passe est incorrect." in response.content.decode()
    assert failures() == 1


def test_login_is_throttled_after_repeated_failures(client, coordinator, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(2):
        login(client, "coordinator@example.org", "wrong")
    third = login(client, "Coordinator@example.org", "wrong")
    assert third.status_code == 429 and "Trop de tentatives" in third.content.decode()
    response = login(client, "coordinator@example.org", PASSWORD)
    assert response.status_code == 429, "even the right password is refused while locked out"
    assert "Trop de tentatives" in response.content.decode()
    assert 'name="username"' in response.content.decode(), "the login form is shown again"
    assert "_auth_user_id" not in client.session


def test_success_forgives_earlier_failures(client, coordinator, settings):
    settings.AXES_FAILURE_LIMIT = 3
    login(client, "coordinator@example.org", "wrong")
    login(client, "coordinator@example.org", "wrong")
    assert login(client, "coordinator@example.org", PASSWORD).status_code == 302
    assert failures() == 0


def test_inactive_user_cannot_log_in(client, coordinator):
    coordinator.is_active = False
    coordinator.save()
    assert login(client, "coordinator@example.org", PASSWORD).status_code == 200


def test_logout_needs_post_and_ends_session(client, coordinator):
    client.force_login(coordinator)
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("diagnostic:index")).status_code == 302


def test_password_reset_sends_french_email(client, coordinator, mailoutbox):
    response = ask_reset(client, "coordinator@example.org")
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "mot de passe" in mailoutbox[0].subject
    assert "/compte/mot-de-passe/nouveau/" in mailoutbox[0].body


def test_password_reset_does_not_reveal_unknown_addresses(client, mailoutbox):
    response = ask_reset(client, "nobody@example.org")
    assert response.status_code == 302
    assert mailoutbox == []


def test_password_change_validates_in_french(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"},
    )
    assert response.status_code == 200
    assert "Ce mot de passe est trop court" in response.content.decode()


# --- No lock-out by a stranger ---------------------------------------------------------------------

STRANGER, OWNER, PROXY = "203.0.113.9", "198.51.100.2", "127.0.0.1"
EMAILS = ["coordinator@example.org", "partner@example.org", "reader@example.org", "admin@example.org"]


@pytest.fixture
def owners(db):
    from conftest import make_user

    return {name: make_user(name) for name in ("coordinator", "reader", "admin")}


def stranger_attacks(client, **meta):
    """The attack of issue 9: twenty wrong passwords over four e-mails."""
    for email in EMAILS:
        for _ in range(5):
            login(client, email, "wrong", **meta)


def test_a_stranger_cannot_lock_the_owners_out(client, owners):
    stranger_attacks(client, REMOTE_ADDR=STRANGER)
    assert login(client, "coordinator@example.org", PASSWORD, REMOTE_ADDR=STRANGER).status_code == 429
    assert login(client, "coordinator@example.org", PASSWORD, REMOTE_ADDR=OWNER).status_code == 302
    client.logout()
    assert login(client, "reader@example.org", PASSWORD, REMOTE_ADDR=OWNER).status_code == 302


def test_behind_the_trusted_proxy_the_client_address_counts(client, owners):
    stranger_attacks(client, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=STRANGER)
    owner = login(client, "coordinator@example.org", PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=OWNER)
    assert owner.status_code == 302, "the proxy's own address is not everybody's"
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {STRANGER}


def test_an_untrusted_peer_cannot_choose_its_address(client, owners, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for n in range(5):  # a new forged address each time: still counted at the real one
        login(
            client,
            "coordinator@example.org",
            "wrong",
            REMOTE_ADDR=STRANGER,
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {STRANGER}
    forged = login(
        client, "coordinator@example.org", PASSWORD, REMOTE_ADDR=STRANGER, HTTP_X_FORWARDED_FOR=OWNER
    )
    assert forged.status_code == 429


@pytest.mark.parametrize(
    ("peer", "forwarded", "client_address"),
    [
        ("127.0.0.1", "203.0.113.9", "203.0.113.9"),  # the local proxy forwards a client
        ("127.0.0.1", "10.9.9.9, 203.0.113.9", "203.0.113.9"),  # the client's own header is not believed
        ("127.0.0.1", "", "127.0.0.1"),  # nothing forwarded: the peer
        ("127.0.0.1", "not-an-address", "127.0.0.1"),
        ("198.51.100.7", "203.0.113.9", "198.51.100.7"),  # not a trusted proxy: its header is ignored
        ("10.0.0.2", "203.0.113.9, 10.0.0.3", "203.0.113.9"),  # two trusted proxies in a row
    ],
)
def test_the_client_address_is_read_through_trusted_proxies_only(
    settings, rf, peer, forwarded, client_address
):
    from accounts.client_ip import client_ip

    settings.PLI_TRUSTED_PROXIES = ["127.0.0.1", "::1", "10.0.0.0/24"]
    request = rf.get("/", REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == client_address


def test_a_lockout_ends_and_failures_during_it_do_not_prolong_it(client, owners, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(8):  # three lock, five more while locked
        login(client, "coordinator@example.org", "wrong", REMOTE_ADDR=STRANGER)
    assert failures() == 3, "attempts while locked out are not counted"
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert login(client, "coordinator@example.org", PASSWORD, REMOTE_ADDR=STRANGER).status_code == 302


def test_an_address_that_tries_many_accounts_is_paused(client, owners, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.LOGIN_MAX_FAILURES = 2
    for email in EMAILS:  # 4 × 2 = LOGIN_MAX_FAILURES × 4 failures from one address
        login(client, email, "wrong", REMOTE_ADDR=STRANGER)
        login(client, email, "wrong", REMOTE_ADDR=STRANGER)
    assert login(client, "someone@example.org", "x", REMOTE_ADDR=STRANGER).status_code == 429
    assert login(client, "reader@example.org", PASSWORD, REMOTE_ADDR=OWNER).status_code == 302


def test_a_password_reset_lets_a_locked_out_owner_in_again(client, owners, mailoutbox, settings):
    import re

    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        login(client, "reader@example.org", "wrong", REMOTE_ADDR=OWNER)
    assert login(client, "reader@example.org", PASSWORD, REMOTE_ADDR=OWNER).status_code == 429
    ask_reset(client, "reader@example.org", REMOTE_ADDR=OWNER)
    link = re.search(r"https?://[^/\s]+(/compte/mot-de-passe/nouveau/\S+/)", mailoutbox[0].body).group(1)
    form = client.get(link, follow=True)
    new = "a-brand-new-passphrase-7"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, REMOTE_ADDR=OWNER)
    assert login(client, "reader@example.org", new, REMOTE_ADDR=OWNER).status_code == 302


def test_password_reset_emails_are_throttled(client, owners, mailoutbox, settings):
    settings.PLI_PASSWORD_RESETS_PER_HOUR = 3
    for _ in range(3):
        assert ask_reset(client, "reader@example.org", REMOTE_ADDR=STRANGER).status_code == 302
    refused = ask_reset(client, "Reader@example.org", REMOTE_ADDR=OWNER)
    assert refused.status_code == 429
    assert "Trop de demandes" in refused.content.decode()
    assert len(mailoutbox) == 3
    # An address without an account is limited alike: the answer tells nothing about who has one.
    for _ in range(3):
        ask_reset(client, "nobody@example.org", REMOTE_ADDR=OWNER)
    assert ask_reset(client, "nobody@example.org", REMOTE_ADDR=OWNER).status_code == 429


def test_one_client_address_cannot_send_resets_to_everybody(client, owners, mailoutbox, settings):
    settings.PLI_PASSWORD_RESETS_PER_HOUR = 1
    for n in range(10):
        ask_reset(client, f"person{n}@example.org", REMOTE_ADDR=STRANGER)
    assert ask_reset(client, "reader@example.org", REMOTE_ADDR=STRANGER).status_code == 429
    assert ask_reset(client, "reader@example.org", REMOTE_ADDR=OWNER).status_code == 302
    assert len(mailoutbox) == 1
