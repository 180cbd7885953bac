"""`GET /health/`: 200 with every check when the instance can serve, 503 when one check fails."""

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import override_settings

from pli import health

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "health"}}


def test_a_ready_instance_answers_200_with_every_check(client, statistics):
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) >= {"database", "migrations", "cache", "last_import"}
    assert all(check["ok"] for check in body["checks"].values())
    assert body["checks"]["migrations"]["pending_count"] == 0
    assert body["checks"]["last_import"]["imported_at"]
    assert body["version"]
    assert response["Cache-Control"].startswith("max-age=0")


@override_settings(CACHES=LOCMEM)
def test_the_cache_is_written_and_read_back(client, statistics):
    assert client.get("/health/").json()["checks"]["cache"] == {"ok": True, "backend": "LocMemCache"}


@override_settings(CACHES=LOCMEM)
def test_an_unreachable_cache_answers_503(client, statistics, monkeypatch):
    class Unreachable:
        def set(self, *args):
            pass

        def get(self, key):  # as Django's Redis cache answers when the server is gone
            return None

    monkeypatch.setattr(health, "cache", Unreachable())
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["status"] == "failing" and not response.json()["checks"]["cache"]["ok"]


def test_a_migration_not_applied_answers_503(client, statistics, settings):
    settings.MIGRATION_MODULES = {}  # the code's migrations, even when the run copied a prepared database
    health._migrations_on_disk.cache_clear()
    MigrationRecorder(connection).migration_qs.filter(app="plan").order_by("-id")[:1].get().delete()
    response = client.get("/health/")
    assert response.status_code == 503
    migrations = response.json()["checks"]["migrations"]
    assert (
        not migrations["ok"]
        and migrations["pending_count"] == 1
        and migrations["pending"][0].startswith("plan.")
    )


@pytest.mark.django_db
def test_an_instance_without_any_import_answers_503(client):
    from territory.models import Import

    Import.objects.all().delete()
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["last_import"] == {"ok": False, "imported_at": None}


def test_an_unreachable_database_answers_503_without_a_traceback(client, statistics, monkeypatch):
    from django.db import OperationalError

    class Refused:
        vendor = connection.vendor

        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(health, "connection", Refused())
    response = client.get("/health/")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"] == {"ok": False, "error": "OperationalError"}
    assert "last_import" not in checks  # the apps' checks are not tried without a database
