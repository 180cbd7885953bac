"""Demonstration accounts, one per role (accounts/demo.toml), sharing one password generated once into var/."""

import secrets
from pathlib import Path
from typing import Literal

from django.conf import settings
from django.utils.translation import gettext as _
from pydantic import field_validator

from accounts.choices import Role
from accounts.models import User
from pli import demo_content
from pli.demo_content import Schema


class Account(Schema):
    email: str
    name: str
    role: Literal["admin", "coordinator", "partner", "reader"]

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if "@" not in value.strip("@"):
            raise ValueError(_("“%(value)s” is not an e-mail address.") % {"value": value})
        return value


class Content(Schema):
    accounts: list[Account]


def read_content(data_dir=None) -> Content | None:
    """The accounts of the built-in file (or of `data_dir`), checked; None when `data_dir` has none."""
    path = demo_content.content_file("accounts", data_dir)
    if path is None:
        return None
    content, data = demo_content.parse(Content, path)
    checker = demo_content.Checker(path, data)
    checker.unique(("accounts",), [a.email for a in content.accounts], _("The e-mail address"))
    checker.raise_if_any()
    return content


def demo_password() -> str:
    path = Path(settings.VAR_DIR) / "demo-password"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    password = "demo-" + secrets.token_urlsafe(9)
    path.write_text(password)
    path.chmod(0o600)
    return password


def load(stdout, data_dir=None) -> None:
    content = read_content(data_dir)
    if content is None:
        stdout.write("Demo accounts skipped: no accounts.toml in the content folder.")
        return
    password = demo_password()
    for account in content.accounts:
        user, created = User.objects.get_or_create(
            email=account.email, defaults={"full_name": account.name, "role": account.role}
        )
        if created:
            user.set_password(password)
            user.save()
    stdout.write(f"Demo accounts (password: {password}):")
    for account in content.accounts:
        stdout.write(f"  {Role(account.role).label:>15}  {account.email}")
