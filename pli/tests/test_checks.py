"""The configuration's system checks (pli/checks.py) and the list of variables in .env.example."""

import re
from pathlib import Path

import pytest
from django.test import override_settings

from pli.checks import configuration

ROOT = Path(__file__).resolve().parents[2]
GOOD_PRODUCTION = {
    "PLI_ENVIRONMENT": "production",
    "SECRET_KEY": "x" * 60,
    "DEBUG": False,
    "ALLOWED_HOSTS": ["pli.example.be"],
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "DEFAULT_FROM_EMAIL": "pli@example.be",
    "PLI_BASE_URL": "https://pli.example.be",
    "DATABASES": {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "pli"}},
}


def ids(**overrides):
    with override_settings(**{**GOOD_PRODUCTION, **overrides}):
        return sorted(problem.id for problem in configuration())


def test_a_production_configured_as_it_should_passes():
    assert ids() == []


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"SECRET_KEY": "too-short"}, ["pli.E001"]),
        ({"DEBUG": True}, ["pli.E002"]),
        ({"ALLOWED_HOSTS": ["localhost", "127.0.0.1", "[::1]"]}, ["pli.E003"]),
        ({"ALLOWED_HOSTS": ["*"]}, ["pli.E003"]),
        ({"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}, ["pli.E004"]),
        ({"DEFAULT_FROM_EMAIL": "pli@localhost"}, ["pli.W005"]),
        ({"PLI_BASE_URL": "http://localhost:8000"}, ["pli.E009"]),
        ({"PLI_BASE_URL": "pli.example.be"}, ["pli.E009"]),
        ({"PLI_WORKING_TERRITORY": "Namur"}, ["pli.E006"]),
        ({"DATABASES": {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "x"}}}, ["pli.W007"]),
        ({"PLI_DATA_DIR": Path("/nowhere/open-data")}, ["pli.E008"]),
    ],
)
def test_each_setting_left_wrong_is_named_by_its_id(overrides, expected):
    assert ids(**overrides) == expected


def test_outside_production_the_defaults_are_fine():
    assert (
        ids(PLI_ENVIRONMENT="development", SECRET_KEY="dev", EMAIL_BACKEND=GOOD_PRODUCTION["EMAIL_BACKEND"])
        == []
    )


def test_env_example_lists_every_variable_the_settings_read():
    settings_source = (ROOT / "pli" / "settings.py").read_text() + (ROOT / "pli" / "env.py").read_text()
    read = set(re.findall(r"""env_\w+\(\s*["']([A-Z0-9_]+)["']""", settings_source))
    read |= set(re.findall(r"""env_str\(\s*["']([A-Z0-9_]+)["']""", settings_source))
    listed = set(re.findall(r"^([A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read and sorted(read - listed) == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp+tls://pli%40example.be:s%C3%A9cret@smtp.example.be",
            {
                "EMAIL_HOST": "smtp.example.be",
                "EMAIL_PORT": 587,
                "EMAIL_USE_TLS": True,
                "EMAIL_USE_SSL": False,
                "EMAIL_HOST_USER": "pli@example.be",
                "EMAIL_HOST_PASSWORD": "sécret",
            },
        ),
        ("smtps://smtp.example.be", {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True, "EMAIL_USE_TLS": False}),
        ("smtp://relay:2525", {"EMAIL_HOST": "relay", "EMAIL_PORT": 2525, "EMAIL_USE_TLS": False}),
        ("console://", {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}),
        (
            "file:///var/mail/pli",
            {
                "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                "EMAIL_FILE_PATH": "/var/mail/pli",
            },
        ),
    ],
)
def test_email_url_sets_the_email_settings(monkeypatch, url, expected):
    from pli.env import env_email

    monkeypatch.setenv("EMAIL_URL", url)
    config = env_email()
    assert {key: config[key] for key in expected} == expected


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("pop3://mail.example.be", "must start with one of"),
        ("smtp://", "names no mail server"),
        ("smtp://host:port", "malformed port"),
        ("file://", "names no folder"),
    ],
)
def test_a_bad_email_url_is_refused_with_one_clear_line(monkeypatch, url, message):
    from django.core.exceptions import ImproperlyConfigured

    from pli.env import env_email

    monkeypatch.setenv("EMAIL_URL", url)
    with pytest.raises(ImproperlyConfigured, match=message):
        env_email()


def test_email_settings_without_a_url_come_from_their_variables(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from pli.env import env_email

    monkeypatch.delenv("EMAIL_URL", raising=False)
    monkeypatch.setenv("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
    monkeypatch.setenv("EMAIL_HOST", "smtp.example.be")
    monkeypatch.setenv("EMAIL_USE_TLS", "yes")
    config = env_email()
    assert (config["EMAIL_HOST"], config["EMAIL_USE_TLS"]) == ("smtp.example.be", True)
    monkeypatch.setenv("EMAIL_USE_SSL", "1")
    with pytest.raises(ImproperlyConfigured, match="cannot both be on"):
        env_email()


def _example_variables() -> dict[str, str]:
    lines = (ROOT / "deploy" / "pli.env.example").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if re.match(r"^[A-Z_][A-Z0-9_]*=", line))


def test_the_deployment_s_environment_file_names_only_variables_that_are_read():
    """Each variable of deploy/pli.env.example is one the platform (.env.example) or gunicorn's
    configuration reads: a misspelt or invented name would be ignored without a word."""
    known = (ROOT / ".env.example").read_text() + (ROOT / "deploy" / "gunicorn.conf.py").read_text()
    assert [name for name in _example_variables() if not re.search(rf"\b{name}\b", known)] == []


def test_the_deployment_s_environment_file_passes_the_production_checks_once_its_secret_is_set():
    """An administrator who copies deploy/pli.env.example and sets SECRET_KEY (the one value the
    example cannot give) gets a platform that starts: no check fails on what the example left out."""
    import os
    import subprocess
    import sys

    environment = {
        **_example_variables(),
        "SECRET_KEY": "x" * 60,
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "PLI_VAR_DIR": str(ROOT / "var" / "env-example-check"),
    }
    result = subprocess.run(
        [str(Path(sys.executable).parent / "pli"), "check", "--fail-level", "WARNING"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
