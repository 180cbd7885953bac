import pytest
from django.urls import reverse

from accounts.models import AuditEvent, LoginAttempt
from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, email, password):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def test_home_sends_anonymous_visitor_to_login(client):
    response = client.get("/")
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
    assert LoginAttempt.objects.filter(succeeded=False).count() == 1


def test_login_is_throttled_after_repeated_failures(client, coordinator, settings):
    settings.LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        login(client, "coordinator@example.org", "wrong")
    response = login(client, "coordinator@example.org", PASSWORD)
    assert response.status_code == 200, "even the right password is refused while locked out"
    assert "Trop de tentatives" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_success_forgives_earlier_failures(client, coordinator, settings):
    settings.LOGIN_MAX_FAILURES = 3
    login(client, "coordinator@example.org", "wrong")
    login(client, "coordinator@example.org", "wrong")
    assert login(client, "coordinator@example.org", PASSWORD).status_code == 302
    assert LoginAttempt.objects.filter(succeeded=False).count() == 0


def test_inactive_user_cannot_log_in(client, coordinator):
    coordinator.is_active = False
    coordinator.save()
    assert login(client, "coordinator@example.org", PASSWORD).status_code == 200


def test_logout_needs_post_and_ends_session(client, coordinator):
    client.force_login(coordinator)
    client.post(reverse("accounts:logout"))
    assert client.get("/").status_code == 302


def test_password_reset_sends_french_email(client, coordinator, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": "coordinator@example.org"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "mot de passe" in mailoutbox[0].subject
    assert "/compte/mot-de-passe/nouveau/" in mailoutbox[0].body


def test_password_reset_does_not_reveal_unknown_addresses(client, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
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
