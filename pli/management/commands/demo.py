from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from pli.app_hooks import app_modules
from pli.demo_content import ContentError


class Command(BaseCommand):
    help = (
        "Load the demonstration content of every app that has some (idempotent): the built-in files, or "
        "those of a folder (--data). Refused in production: it creates an administrator account."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data",
            metavar="FOLDER",
            help="a folder with the content files (accounts.toml, network.toml, diagnostic.toml, plan.toml); "
            "an app whose file is not there loads nothing. Format: docs/demo-data.md",
        )

    def handle(self, *args, data=None, **options):
        if settings.PRODUCTION:
            raise CommandError(
                _(
                    "pli demo is refused in production (PLI_ENVIRONMENT=production): it creates demonstration "
                    "accounts, an administrator among them, whose password is written in var/. Load the "
                    "demonstration on a separate instance."
                )
            )
        if data is not None and not Path(data).is_dir():
            raise CommandError(_("%(folder)s: no such folder.") % {"folder": data})
        modules = app_modules("demo")
        # Every file is read and checked before anything is written: a mistake in the last one must not
        # leave the first ones loaded.
        messages = []
        for module in modules:
            try:
                module.read_content(data)
            except ContentError as error:
                messages += error.messages
        if messages:
            raise CommandError(
                "\n".join([_("The demonstration content has mistakes; nothing was loaded:"), *messages])
            )
        for module in modules:
            module.load(self.stdout, data_dir=data)
