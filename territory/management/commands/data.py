"""`pli data list` and `pli data fetch`: the open datasets the platform knows, and their download."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from territory.datasets import DATASETS, fetch, mirror_files


class Command(BaseCommand):
    help = (
        "List the known open datasets (`pli data list`) or download them into the cache (`pli data fetch`)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["list", "fetch"])
        parser.add_argument("--dataset", choices=[k for k, d in DATASETS.items() if d.downloads])

    def handle(self, *args, action, dataset=None, **options):
        chosen = [DATASETS[dataset]] if dataset else [d for d in DATASETS.values() if d.downloads]
        if action == "list":
            for item in DATASETS.values():
                files = mirror_files(item) if item.patterns else []
                self.stdout.write(f"{item.key}: {item.title}")
                self.stdout.write(
                    f"    publisher: {item.publisher} · licence: {item.licence or '—'} · {item.page or ''}"
                )
                if item.attribution:
                    self.stdout.write(f"    cite as: {item.attribution}")
                self.stdout.write(
                    f"    local files: {len(files)}" + (f" in {files[0].parent}" if files else "")
                )
            return
        if settings.PLI_DATA_DIR:
            self.stdout.write(
                f"PLI_DATA_DIR is set ({settings.PLI_DATA_DIR}): files are read from that mirror."
            )
            for item in chosen:
                found = mirror_files(item)
                self.stdout.write(f"  {item.key}: {len(found)} file(s)")
            return
        for item in chosen:
            self.stdout.write(f"{item.key}: {item.title}")
            try:
                fetch(item, self.stdout, progress_factory=lambda **kw: tqdm(unit="B", unit_scale=True, **kw))
            except (OSError, ValueError) as error:
                raise CommandError(
                    f"{item.key}: download failed ({error}). Set PLI_DATA_DIR to a local mirror."
                ) from None
