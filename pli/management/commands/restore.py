"""`pli restore FILE`: an archive of `pli backup` into an empty database and storage, checked (pli/backup.py)."""

from django.core.management.base import BaseCommand, CommandError

from pli.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore an archive written by `pli backup` into an empty database (DATABASE_URL) and an empty "
        "uploads storage. Refuses a damaged archive, one from a newer version or another database engine; "
        "checks the rows per model afterwards."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive written by `pli backup`")

    def handle(self, *args, file, **options):
        try:
            result = restore(file)
        except BackupError as error:
            raise CommandError(str(error)) from None
        manifest = result.manifest
        self.stdout.write(
            f"{file}: restored the backup of {manifest['created_at']} (platform {manifest['platform_version']}): "
            f"{result.tables} tables, {sum(manifest['counts'].values())} rows, {result.files} uploaded files; "
            "the counts match the manifest."
        )
