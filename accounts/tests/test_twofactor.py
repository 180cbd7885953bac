import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import twofactor
from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def current_code(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def enrol(client):
    client.get(reverse("accounts:twofactor_setup"))
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(reverse("accounts:twofactor_setup"), {"token": current_code(device)})
    return device, response


def test_user_enrols_an_authenticator_and_gets_backup_codes(client, reader):
    client.force_login(reader)
    page = client.get(reverse("accounts:twofactor_setup"))
    assert "<svg" in page.content.decode(), "the QR code is rendered inline"
    device, response = enrol(client)
    device.refresh_from_db()
    assert device.confirmed
    assert response.status_code == 200
    assert len(response.context["codes"]) == twofactor.BACKUP_CODE_COUNT


def test_wrong_enrolment_code_is_refused(client, reader):
    client.force_login(reader)
    client.get(reverse("accounts:twofactor_setup"))
    response = client.post(reverse("accounts:twofactor_setup"), {"token": "000000"})
    assert "ne correspond pas" in response.content.decode()
    assert not twofactor.has_2fa(reader)


def test_login_asks_second_factor_once_enrolled(client, reader):
    client.force_login(reader)
    device, _ = enrol(client)
    client.post(reverse("accounts:logout"))
    response = client.post(reverse("accounts:login"), {"username": reader.email, "password": PASSWORD})
    assert response.url.startswith(reverse("accounts:verify"))
    # Every other page sends back to the verification step.
    assert client.get(reverse("home")).url.startswith(reverse("accounts:verify"))
    wrong = client.post(reverse("accounts:verify"), {"token": "123456"})
    assert "pas valide" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_timestamp = None
    device.throttling_failure_count = 0
    device.last_t = -1  # the enrolment code may not be replayed in the same 30 s; let the test reuse it
    device.save()
    ok = client.post(reverse("accounts:verify"), {"token": current_code(device), "next": "/"})
    assert ok.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_backup_code_works_once(client, reader):
    client.force_login(reader)
    enrol(client)
    codes = twofactor.regenerate_backup_codes(reader)
    client.post(reverse("accounts:logout"))
    client.post(reverse("accounts:login"), {"username": reader.email, "password": PASSWORD})
    assert client.post(reverse("accounts:verify"), {"token": codes[0]}).status_code == 302
    assert twofactor.remaining_backup_codes(reader) == twofactor.BACKUP_CODE_COUNT - 1
    assert twofactor.verify(reader, codes[0]) is None


def test_coordinator_must_enrol_when_2fa_is_required(client, coordinator, settings):
    settings.PLI_REQUIRE_2FA = True
    client.force_login(coordinator)
    response = client.get(reverse("home"))
    assert response.url == reverse("accounts:twofactor_setup")
    enrol(client)
    assert client.get(reverse("home")).status_code == 200


def test_reader_is_not_forced_to_enrol(client, reader, settings):
    settings.PLI_REQUIRE_2FA = True
    client.force_login(reader)
    assert client.get(reverse("home")).status_code == 200


def test_coordinator_cannot_turn_off_required_2fa(client, coordinator, settings):
    settings.PLI_REQUIRE_2FA = True
    client.force_login(coordinator)
    enrol(client)
    assert client.get(reverse("accounts:twofactor_disable")).status_code == 403


def test_reader_can_turn_off_2fa_with_a_code(client, reader):
    client.force_login(reader)
    device, _ = enrol(client)
    codes = twofactor.regenerate_backup_codes(reader)
    response = client.post(reverse("accounts:twofactor_disable"), {"token": codes[1]})
    assert response.status_code == 302
    assert not twofactor.has_2fa(reader)


def test_the_second_factor_is_read_with_the_user_and_a_device_confirmed_elsewhere_is_asked_at_once(
    client, reader
):
    """One query for the user and their devices on every signed-in request (accounts.backends), and no
    stale answer: a device confirmed in another session sends this one to the code at its next request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(reader)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("help")).status_code == 200
    device_queries = [
        q["sql"] for q in queries.captured_queries if q["sql"].lstrip().startswith('SELECT "otp_')
    ]
    assert device_queries == [], "no query of its own for the second factor"
    assert any("otp_totp_totpdevice" in q["sql"] for q in queries.captured_queries), "read with the user"
    other = type(client)()
    other.force_login(reader)
    enrol(other)
    response = client.get(reverse("help"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:verify"))
