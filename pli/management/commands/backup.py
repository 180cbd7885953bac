"""`pli backup FILE`: the database and the uploaded files in one archive with its manifest (pli/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pli.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write the whole state of the platform (database and uploaded files) into one archive, with a "
        "manifest of the version, the date, the rows per model and the checksums. Safe while it runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive to write, e.g. /var/backups/pli/pli-2026-12-06.tar")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.parent.is_dir():
            raise CommandError(f"{path.parent}: no such folder.")
        try:
            manifest = backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"{path}: {manifest['database']['engine']} database, {len(manifest['counts'])} tables, "
            f"{rows} rows, {manifest['media']} uploaded files (platform {manifest['platform_version']})."
        )
