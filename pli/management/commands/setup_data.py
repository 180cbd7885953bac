from django.core.management.base import BaseCommand
from django.utils import translation

from pli.app_hooks import app_modules


class Command(BaseCommand):
    help = (
        "Load the reference data of every app that has some (territories, official statistics…). "
        "Idempotent: what is already loaded is left as it is."
    )

    @translation.override("en")  # the command line speaks English, the web pages French
    def handle(self, *args, **options):
        for module in app_modules("reference"):
            module.load(self.stdout)
