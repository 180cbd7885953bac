from django.core.management.base import BaseCommand

from pli.app_hooks import app_modules


class Command(BaseCommand):
    help = (
        "Load the reference data of every app that has some (territories, official statistics…). "
        "Idempotent: what is already loaded is left as it is."
    )

    def handle(self, *args, **options):
        for module in app_modules("reference"):
            module.load(self.stdout)
