"""Prepared reads (pli/prepared.py): the objects Django's own queryset gives, with the SQL compiled
once per connection; and the three reads of every request that use them (session, user, token)."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import backends, sessions, tokens
from accounts.models import ApiToken, User
from accounts.tokens import create_token, digest
from pli.prepared import PreparedRead

pytestmark = pytest.mark.django_db


def fields(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_the_user_read_gives_the_orms_user_with_its_devices(coordinator, reader):
    TOTPDevice.objects.create(user=coordinator, name="téléphone", confirmed=True)
    TOTPDevice.objects.create(user=reader, name="pas confirmé", confirmed=False)
    for user, has_totp in ((coordinator, True), (reader, False)):
        expected = backends.with_devices(user.pk).get()
        read = backends.user_with_devices(user.pk)
        assert type(read) is User and fields(read) == fields(expected)
        assert (read.has_totp_device, read.has_static_device) == (has_totp, False)
        assert read._state.db == "default" and not read._state.adding
        assert read.last_login is None or timezone.is_aware(read.last_login)
    assert backends.user_with_devices(10**9) is None


def test_the_sql_is_compiled_once_per_connection_and_each_read_is_one_query(coordinator, reader):
    read = PreparedRead(lambda pk: User.objects.filter(pk=pk), User._meta.pk, -1)
    compile_sql = mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql)
    with compile_sql as compiled, CaptureQueriesContext(connection) as queries:
        assert read.first(coordinator.pk).email == coordinator.email
        assert read.first(reader.pk).email == reader.email
        assert read.first(coordinator.pk).email == coordinator.email
    assert compiled.call_count == 1, "compiled at the first read only"
    assert len(queries) == 3


def test_a_token_comes_with_its_user_in_one_query(reader):
    token, secret = create_token(reader, "outil", 30)
    with CaptureQueriesContext(connection) as queries:
        read = tokens._prepared().first(digest(secret))
        assert read.user.email == reader.email, "the user came with the token"
    assert len(queries) == 1
    assert fields(read) == fields(ApiToken.objects.get(pk=token.pk))
    assert timezone.is_aware(read.expires_at)
    assert tokens._prepared().first(digest("pli_unknown")) is None


def test_a_marker_that_is_not_once_in_the_parameters_is_refused(reader):
    twice = PreparedRead(
        lambda pk: User.objects.filter(pk=pk) | User.objects.filter(pk=pk), User._meta.pk, -1
    )
    with pytest.raises(ValueError, match="2 times"):
        twice.first(reader.pk)


def test_the_session_read_gives_a_live_session_and_forgets_an_expired_one(reader):
    store = sessions.SessionStore()
    store["answer"] = 42
    store.create()
    assert sessions.SessionStore(store.session_key)["answer"] == 42
    Session.objects.filter(pk=store.session_key).update(expire_date=timezone.now() - timedelta(seconds=1))
    expired = sessions.SessionStore(store.session_key)
    assert "answer" not in expired and expired.session_key is None
    assert "answer" not in sessions.SessionStore("x" * 32)


def test_the_signed_in_request_reads_its_session_and_user_and_a_disabled_account_is_signed_out(
    client_as, reader
):
    client = client_as(reader)
    assert client.get(reverse("accounts:security")).status_code == 200
    User.objects.filter(pk=reader.pk).update(is_active=False)
    assert client.get(reverse("accounts:security")).status_code == 302, (
        "a disabled account is signed out at the next request"
    )
