from django.core.management.base import BaseCommand

from pli.app_hooks import app_modules


class Command(BaseCommand):
    help = "Load the demonstration content of every app that has some (idempotent)."

    def handle(self, *args, **options):
        for module in app_modules("demo"):
            module.load(self.stdout)
