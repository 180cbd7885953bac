"""`pli import statbel-structure FILE`, `pli import statbel-population FILE`, `pli import indicators FILE`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from tqdm import tqdm

from pli.files import ImportRefused
from territory.services import IMPORTERS, import_file


class Command(BaseCommand):
    help = "Import a statistics file, all or nothing, idempotent (the same file twice changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("dataset", choices=sorted(IMPORTERS))
        parser.add_argument("files", nargs="+", type=Path)

    @translation.override("en")  # the command line speaks English, the web pages French
    def handle(self, *args, dataset, files, **options):
        failed = 0
        for path in files:
            if not path.is_file():
                raise CommandError(f"{path}: no such file")
            with tqdm(desc=path.name, unit=" rows", disable=None, file=self.stderr._out) as bar:

                def progress(rows_done, bar=bar):
                    bar.update(rows_done - bar.n)

                try:
                    result = import_file(dataset, path, progress=progress)
                except ImportRefused as error:
                    bar.close()
                    failed += 1
                    self.stderr.write(f"Refused, nothing changed: {error.summary()}")
                    for problem in error.problems[1:5]:
                        self.stderr.write(f"  also: {problem}")
                    continue
            self.stdout.write(result.message)
        if failed:
            raise CommandError(f"{failed} file(s) refused")
