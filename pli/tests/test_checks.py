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
