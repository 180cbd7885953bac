import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.choices import Role
from accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "status"),
    [("admin", 200), ("coordinator", 302), ("partner_member", 302), ("reader", 302), ("anonymous", 302)],
)
def test_only_administrators_reach_the_admin(client_as, personas, persona, status):
    response = client_as(personas[persona]).get(reverse("admin:index"))
    assert response.status_code == status


def test_admin_is_in_french(client_as, personas):
    response = client_as(personas["admin"]).get(reverse("admin:index"))
    assert "Administration de la plateforme PLI" in response.content.decode()


def test_anonymous_admin_visit_goes_through_platform_login(client):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:login"))


def test_create_admin_non_interactive(monkeypatch):
    monkeypatch.setenv("PLI_ADMIN_PASSWORD", "a-long-enough-passphrase")
    call_command("create_admin", email="Boss@Example.org", no_input=True)
    user = User.objects.get(email="boss@example.org")
    assert user.role == Role.ADMIN and user.is_superuser and user.is_staff
    assert user.check_password("a-long-enough-passphrase")


def test_create_admin_refuses_weak_password_and_duplicates(monkeypatch):
    monkeypatch.setenv("PLI_ADMIN_PASSWORD", "123")
    with pytest.raises(CommandError, match="Password refused"):
        call_command("create_admin", email="boss@example.org", no_input=True)
    assert not User.objects.exists()
    monkeypatch.setenv("PLI_ADMIN_PASSWORD", "a-long-enough-passphrase")
    call_command("create_admin", email="boss@example.org", no_input=True)
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_admin", email="boss@example.org", no_input=True)


def test_create_admin_interactive(monkeypatch):
    answers = iter(["chief@example.org", "Chief Person"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    monkeypatch.setattr("getpass.getpass", lambda prompt: "a-long-enough-passphrase")
    call_command("create_admin")
    assert User.objects.get(email="chief@example.org").full_name == "Chief Person"


def test_demo_accounts_are_idempotent(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("demo")
    call_command("demo")
    assert User.objects.filter(email__endswith="@demo.pli.local").count() == 4
    password = (tmp_path / "demo-password").read_text()
    assert User.objects.get(email="coordination@demo.pli.local").check_password(password)


def test_admin_resets_a_lost_second_factor(client_as, personas):
    from accounts import twofactor

    reader = personas["reader"]
    twofactor.pending_totp_device(reader)
    device = reader.totpdevice_set.get()
    device.confirmed = True
    device.save()
    assert twofactor.has_2fa(reader)
    client = client_as(personas["admin"])
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [reader.pk]},
        follow=True,
    )
    assert "réinitialisée" in response.content.decode()
    assert not twofactor.has_2fa(reader)


def test_otp_device_tables_are_not_in_the_admin(client_as, personas):
    content = client_as(personas["admin"]).get(reverse("admin:index")).content.decode()
    assert "OTP_TOTP" not in content and "TOTP devices" not in content
