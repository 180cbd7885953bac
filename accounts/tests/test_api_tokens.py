"""Personal API tokens: created from My account after the second factor, shown once, stored as a
digest, acting exactly as their user, read-only by default, revocable at once."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import ApiToken, AuditEvent
from accounts.tokens import create_token, digest, user_for

pytestmark = pytest.mark.django_db

API = "/api/v1/network/organisations/"


def bearer(secret: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_a_token_is_created_from_my_account_and_shown_once(client_as, reader):
    client = client_as(reader)
    assert "Créer un jeton d’API" in client.get(reverse("accounts:security")).content.decode()
    response = client.post(
        reverse("accounts:api_token_create"), {"name": "Outil PCS", "days": "30", "scope": "read"}
    )
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    page = response.content.decode()
    token = ApiToken.objects.get(user=reader)
    secret = response.context["secret"]
    assert secret.startswith("pli_") and len(secret) > 40 and secret in page
    assert "Authorization: Bearer" in page, "the page shows how to use it"
    assert token.digest == digest(secret) and secret not in (token.digest, token.prefix)
    assert (token.name, token.scope) == ("Outil PCS", "read")
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    account = client.get(reverse("accounts:security")).content.decode()
    assert "Outil PCS" in account and token.prefix in account and secret not in account
    assert "jamais" in account, "never used yet"
    assert AuditEvent.objects.filter(action="create", content_type__model="apitoken", actor=reader).exists()


def test_read_only_is_the_default_scope(client_as, reader):
    client_as(reader).post(reverse("accounts:api_token_create"), {"name": "x", "days": "30"})
    assert not ApiToken.objects.exists(), "the scope is asked"
    form = client_as(reader).get(reverse("accounts:api_token_create")).context["form"]
    assert form.fields["scope"].initial == "read" and form.fields["days"].initial == 90


def test_the_expiry_is_bounded(client_as, reader, settings):
    settings.PLI_API_TOKEN_MAX_DAYS = 30
    response = client_as(reader).post(
        reverse("accounts:api_token_create"), {"name": "x", "days": "365", "scope": "read"}
    )
    assert response.status_code == 400 and not ApiToken.objects.exists()


def test_a_coordinator_must_have_a_second_factor_before_creating_a_token(client_as, coordinator, settings):
    settings.PLI_REQUIRE_2FA = True
    response = client_as(coordinator).get(reverse("accounts:api_token_create"))
    assert response.status_code == 302 and response.url == reverse("accounts:twofactor_setup")
    response = client_as(coordinator).post(
        reverse("accounts:api_token_create"), {"name": "x", "days": "30", "scope": "read"}
    )
    assert response.status_code == 302 and not ApiToken.objects.exists()


def test_an_enrolled_user_confirms_the_second_factor_first(client_as, reader):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=reader, name="app", confirmed=True)
    response = client_as(reader).get(reverse("accounts:api_token_create"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:verify"))


def test_the_token_acts_as_its_user_and_records_its_last_use(reader):
    token, secret = create_token(reader, "script", days=30)
    assert Client().get(API).status_code == 401
    response = bearer(secret).get(API)
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    used = token.last_used_at
    bearer(secret).get(API)
    token.refresh_from_db()
    assert token.last_used_at == used, "at most one write a minute"


def test_a_revoked_token_stops_at_once(client_as, reader):
    token, secret = create_token(reader, "script", days=30)
    assert bearer(secret).get(API).status_code == 200
    client_as(reader).post(reverse("accounts:api_token_revoke", args=[token.pk]))
    response = bearer(secret).get(API)
    assert response.status_code == 401
    assert "n’est pas valide" in response.json()["detail"]
    assert AuditEvent.objects.filter(action="delete", content_type__model="apitoken").exists()


def test_nobody_revokes_another_users_token(client_as, reader, coordinator):
    token, secret = create_token(reader, "script", days=30)
    response = client_as(coordinator).post(reverse("accounts:api_token_revoke", args=[token.pk]))
    assert response.status_code == 404
    assert bearer(secret).get(API).status_code == 200


def test_an_expired_token_or_a_disabled_account_is_refused(reader):
    token, secret = create_token(reader, "script", days=30)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = bearer(secret).get(API)
    assert response.status_code == 401 and "expiré" in response.json()["detail"]
    _token, other = create_token(reader, "other", days=30)
    reader.is_active = False
    reader.save()
    assert bearer(other).get(API).status_code == 401


def test_a_bad_token_is_refused_even_where_anonymous_visitors_may_read(reader):
    for url in ("/api/v1/plan/plans/", "/api/v1/territories/", API):
        response = bearer("pli_not-a-token").get(url)
        assert response.status_code == 401, url
        assert "Authorization: Bearer" in response.json()["detail"]


def test_a_read_only_token_may_not_write(reader):
    from ninja.errors import AuthorizationError

    _token, secret = create_token(reader, "script", days=30)
    assert user_for(secret, "GET") == reader
    with pytest.raises(AuthorizationError):
        user_for(secret, "POST")
    _token, writer = create_token(reader, "writer", days=30, scope="write")
    assert user_for(writer, "POST") == reader


def test_the_schema_documents_token_authentication(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["components"]["securitySchemes"]["TokenAuth"] == {"type": "http", "scheme": "bearer"} | {
        k: v for k, v in schema["components"]["securitySchemes"]["TokenAuth"].items() if k == "description"
    }
    operation = schema["paths"][API]["get"]
    assert {"TokenAuth": []} in operation["security"]
