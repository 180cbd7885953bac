"""`GET /health/`: whether this instance can serve, for a load balancer, a monitor or an operator.

It answers 200 with JSON when every check passes and 503 when one fails. The checks are the
project's (database reachable, migrations applied, cache reachable) and those an app adds in its
`health.py` (`checks() -> list[Check]`: the territory its last import, the task queue its lag).
Nothing personal and no secret is in the answer: it is public, so that a load balancer needs no
account.
"""

import functools
import logging
import secrets
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from pli.app_hooks import hook_results
from pli.backup import platform_version

logger = logging.getLogger(__name__)


@dataclass
class Check:
    name: str
    ok: bool
    detail: dict = field(default_factory=dict)


def database() -> Check:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return Check(
        "database",
        True,
        {"vendor": connection.vendor, "ms": round((time.perf_counter() - started) * 1000, 1)},
    )


@functools.cache
def _migrations_on_disk() -> frozenset[tuple[str, str]]:
    """The migrations of this code, read once per process (the files do not change while it runs)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return frozenset(loader.graph.nodes)


def migrations() -> Check:
    applied = set(MigrationRecorder(connection).applied_migrations())
    pending = sorted(f"{app}.{name}" for app, name in _migrations_on_disk() - applied)
    return Check("migrations", not pending, {"pending": pending[:10], "pending_count": len(pending)})


def cache_check() -> Check:
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    if backend == "DummyCache":  # no cache configured: nothing to reach
        return Check("cache", True, {"backend": backend})
    key, token = "pli:health", secrets.token_hex(8)
    cache.set(key, token, 30)
    return Check("cache", cache.get(key) == token, {"backend": backend})


CHECKS = (database, migrations, cache_check)


def run_checks() -> list[Check]:
    results = []
    for check in CHECKS:
        results.append(_safely(check.__name__.removesuffix("_check"), check))
    database_ok = results[0].ok
    if database_ok:  # the apps' checks read the database
        try:
            results.extend(hook_results("health", "checks"))
        except Exception as error:  # a failing check is a 503, never a 500
            logger.exception("health check of an app failed")
            results.append(Check("apps", False, {"error": type(error).__name__}))
    return results


def _safely(name: str, check) -> Check:
    try:
        return check()
    except Exception as error:  # whatever fails is reported (its kind, not its message)
        logger.warning("health check %s failed: %s", name, error)
        return Check(name, False, {"error": type(error).__name__})


@never_cache
@require_GET
def health(request):
    checks = run_checks()
    ok = all(check.ok for check in checks)
    body = {
        "status": "ok" if ok else "failing",
        "version": platform_version(),
        "release": settings.PLI_RELEASE,
        "checks": {check.name: {"ok": check.ok, **check.detail} for check in checks},
    }
    return JsonResponse(body, status=200 if ok else 503, json_dumps_params={"ensure_ascii": False})
