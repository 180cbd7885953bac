"""System checks of the configuration (`pli check`, run before the suite and at every start).

Stable ids, so that a deployment script may silence one knowingly (SILENCED_SYSTEM_CHECKS):
pli.E001 SECRET_KEY too short in production · pli.E002 DEBUG on in production · pli.E003 ALLOWED_HOSTS
left at its default (or "*") in production · pli.E004 e-mails printed or dropped in production ·
pli.W005 DEFAULT_FROM_EMAIL left at pli@localhost in production · pli.E009 PLI_BASE_URL (the links in
e-mails) left at localhost or not http(s) in production · pli.E006 PLI_WORKING_TERRITORY is no
NIS code · pli.W007 SQLite in production · pli.E008 PLI_DATA_DIR names no folder.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Warning, register

DEFAULT_HOSTS = {"localhost", "127.0.0.1", "[::1]"}
LOCAL_NAMES = {"localhost", "127.0.0.1", "::1"}
UNSENT_EMAIL = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}


@register()
def configuration(app_configs=None, **kwargs):
    problems = []
    data_dir = settings.PLI_DATA_DIR
    if data_dir is not None and not Path(data_dir).is_dir():
        problems.append(
            Error(
                f"PLI_DATA_DIR={data_dir} is not a folder.",
                hint="Point it to the local mirror of the open-data files, or leave it unset.",
                id="pli.E008",
            )
        )
    if not re.fullmatch(r"\d{5}", settings.PLI_WORKING_TERRITORY):
        problems.append(
            Error(
                f"PLI_WORKING_TERRITORY={settings.PLI_WORKING_TERRITORY!r} is not a NIS code (five digits).",
                hint="e.g. 90000 for the Province de Namur.",
                id="pli.E006",
            )
        )
    if settings.PLI_ENVIRONMENT == "production":
        problems.extend(production())
    return problems


def production():
    if len(settings.SECRET_KEY) < 50:
        yield Error(
            "SECRET_KEY has fewer than 50 characters.",
            hint="Generate one: python -c 'import secrets; print(secrets.token_urlsafe(50))'.",
            id="pli.E001",
        )
    if settings.DEBUG:
        yield Error("DEBUG is on in production: errors would show the code and the settings.", id="pli.E002")
    hosts = set(settings.ALLOWED_HOSTS)
    if "*" in hosts or hosts <= DEFAULT_HOSTS:
        yield Error(
            f"ALLOWED_HOSTS is {', '.join(sorted(hosts))}.",
            hint="Set the host names the platform is served under, e.g. ALLOWED_HOSTS=pli.example.be.",
            id="pli.E003",
        )
    if settings.EMAIL_BACKEND in UNSENT_EMAIL:
        yield Error(
            f"EMAIL_BACKEND is {settings.EMAIL_BACKEND}: no e-mail (notifications, password resets) would be sent.",
            hint="Set EMAIL_URL=smtp+tls://user:password@smtp.example.be:587, or EMAIL_BACKEND="
            "django.core.mail.backends.smtp.EmailBackend with EMAIL_HOST and EMAIL_PORT.",
            id="pli.E004",
        )
    base = urlsplit(settings.PLI_BASE_URL)
    if base.scheme not in {"http", "https"} or (base.hostname or "localhost") in LOCAL_NAMES:
        yield Error(
            f"PLI_BASE_URL is {settings.PLI_BASE_URL!r}: the links in e-mails would not reach the platform.",
            hint="Set the address the platform is served under, e.g. PLI_BASE_URL=https://pli.example.be.",
            id="pli.E009",
        )
    if settings.DEFAULT_FROM_EMAIL == "pli@localhost":
        yield Warning("DEFAULT_FROM_EMAIL is pli@localhost: replies would go nowhere.", id="pli.W005")
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        yield Warning(
            "The database is SQLite: production runs on PostgreSQL (DATABASE_URL=postgres://…).",
            id="pli.W007",
        )
