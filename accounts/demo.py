"""Demonstration accounts, one per role, sharing one password generated once into var/."""

import secrets
from pathlib import Path

from django.conf import settings

from accounts.choices import Role
from accounts.models import User

DEMO_USERS = [
    ("admin@demo.pli.local", "Dominique Démo", Role.ADMIN),
    ("coordination@demo.pli.local", "Camille Démo", Role.COORDINATOR),
    ("partenaire@demo.pli.local", "Claude Démo", Role.PARTNER),
    ("lecteur@demo.pli.local", "Sacha Démo", Role.READER),
]


def demo_password() -> str:
    path = Path(settings.VAR_DIR) / "demo-password"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    password = "demo-" + secrets.token_urlsafe(9)
    path.write_text(password)
    path.chmod(0o600)
    return password


def load(stdout) -> None:
    password = demo_password()
    for email, name, role in DEMO_USERS:
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": name, "role": role})
        if created:
            user.set_password(password)
            user.save()
    stdout.write(f"Demo accounts (password: {password}):")
    for email, _name, role in DEMO_USERS:
        stdout.write(f"  {Role(role).label:>15}  {email}")
