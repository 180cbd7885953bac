import getpass
import os

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from accounts.choices import Role
from accounts.models import User, audit


class Command(BaseCommand):
    help = (
        "Create the first administrator. Interactive by default; for scripts: "
        "--email ADDRESS --no-input with the password in the PLI_ADMIN_PASSWORD environment variable."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email")
        parser.add_argument("--name", default="")
        parser.add_argument(
            "--no-input", action="store_true", help="Never prompt; read the password from PLI_ADMIN_PASSWORD."
        )

    def handle(self, *args, email=None, name="", no_input=False, **options):
        if no_input:
            password = os.environ.get("PLI_ADMIN_PASSWORD", "")
            if not email:
                raise CommandError("--email is required with --no-input.")
            if not password:
                raise CommandError("PLI_ADMIN_PASSWORD must hold the password with --no-input.")
        else:
            email = email or input("Adresse e-mail : ").strip()
            name = name or input("Nom complet (facultatif) : ").strip()
            password = getpass.getpass("Mot de passe : ")
            if password != getpass.getpass("Mot de passe (encore) : "):
                raise CommandError("The two passwords differ.")
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{email!r} is not a valid e-mail address.") from None
        if User.objects.filter(email__iexact=email).exists():
            raise CommandError(f"A user with the address {email} already exists.")
        user = User(email=email, full_name=name, role=Role.ADMIN)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError("Password refused: " + " ".join(error.messages)) from None
        user.set_password(password)
        user.save()
        audit(None, "admin_created", target=user.email)
        self.stdout.write(self.style.SUCCESS(f"Administrator {user.email} created."))
