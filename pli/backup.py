"""The whole state of a platform in one archive, and back: `pli backup FILE`, `pli restore FILE`.

An archive is an uncompressed tar file (the database dump is compressed already) holding:

- `manifest.json`: the archive format, the platform's version, the date, the database engine, the
  migrations applied, the number of rows of every model, and the SHA-256 of every other member;
- `database.sqlite3` (SQLite's online backup API: a consistent copy while the platform runs) or
  `database.pgdump` (`pg_dump --format=custom`, restored by `pg_restore`);
- `media/…`: every uploaded file, read through the default storage (a folder or an S3-compatible store).

Restoring refuses an archive whose members do not match their checksums, one written by a newer
format or by code with migrations this one does not have, one from the other database engine, and a
database that is not empty; after the restore it counts the rows again and fails if they differ.
"""

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from django.apps import apps
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or a restore that cannot be done; the message says why, in the reader's language."""


def platform_version() -> str:
    try:
        return version("pli-platform")
    except PackageNotFoundError:  # running from a checkout that was not installed
        return "unknown"


@dataclass
class RestoreResult:
    manifest: dict
    tables: int
    files: int


# --- what is counted and recorded ---------------------------------------------------------------


def _counted_tables(existing: set[str]) -> list[tuple[str, str]]:
    """(model label, table) of every concrete model whose table exists."""
    tables = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if not meta.proxy and meta.managed and meta.db_table in existing:
            tables.append((meta.label, meta.db_table))
    return sorted(tables)


def _count(cursor, tables: list[tuple[str, str]]) -> dict[str, int]:
    counts = {}
    for label, table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        cursor.execute(f"SELECT COUNT(*) FROM {quoted}")
        counts[label] = cursor.fetchone()[0]
    return counts


def model_counts(using: str = "default") -> dict[str, int]:
    """Rows per model (`app_label.ModelName`), of every concrete model whose table exists."""
    connection = connections[using]
    tables = _counted_tables(set(connection.introspection.table_names()))
    with connection.cursor() as cursor:
        return _count(cursor, tables)


def applied_migrations(using: str = "default") -> list[str]:
    recorder = MigrationRecorder(connections[using])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def known_migrations() -> set[str]:
    loader = MigrationLoader(None, ignore_no_migrations=True, load=True)
    return {f"{app}.{name}" for app, name in loader.disk_migrations}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def _media_names(storage=default_storage, folder: str = "") -> list[str]:
    """Every file of the storage, recursively (a missing media folder holds nothing)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}/{name}" if folder else name for name in files]
    for sub in folders:
        names += _media_names(storage, f"{folder}/{sub}" if folder else sub)
    return sorted(names)


# --- backup -------------------------------------------------------------------------------------


def _dump_database(target: Path, using: str) -> tuple[str, dict[str, int]]:
    """The database into `target`; returns the archive member's name and the rows counted in exactly
    what was dumped (a platform that keeps writing meanwhile changes neither)."""
    connection = connections[using]
    tables = _counted_tables(set(connection.introspection.table_names()))
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)  # online: a consistent copy while others write
            counts = _count(copy.cursor(), tables)
        finally:
            copy.close()
        return "database.sqlite3", counts
    if connection.vendor == "postgresql":
        # One snapshot for the counts and for pg_dump: a transaction exports it, pg_dump reads from it.
        with transaction.atomic(using=using), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = _count(cursor, tables)
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                ],
                connection,
            )
        return "database.pgdump", counts
    raise BackupError(_("The %(vendor)s database cannot be backed up.") % {"vendor": connection.vendor})


def _pg_environment(connection) -> tuple[list[str], dict]:
    settings = connection.settings_dict
    arguments = ["--dbname", settings["NAME"]]
    if settings.get("HOST"):
        arguments += ["--host", str(settings["HOST"])]
    if settings.get("PORT"):
        arguments += ["--port", str(settings["PORT"])]
    if settings.get("USER"):
        arguments += ["--username", settings["USER"]]
    environment = dict(os.environ)
    if settings.get("PASSWORD"):
        environment["PGPASSWORD"] = settings["PASSWORD"]
    return arguments, environment


def _run(command: list[str], connection) -> None:
    arguments, environment = _pg_environment(connection)
    try:
        finished = subprocess.run(
            [*command, *arguments], env=environment, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise BackupError(
            _("%(program)s is not installed (PostgreSQL's client tools are needed).")
            % {"program": command[0]}
        ) from None
    if finished.returncode != 0:
        raise BackupError(f"{command[0]}: {finished.stderr.strip()}")


def backup(path: Path, using: str = "default", storage=default_storage) -> dict:
    """Write the archive to `path` (through a temporary file, so that a failure leaves no half archive);
    returns its manifest."""
    path = Path(path)
    connection = connections[using]
    with tempfile.TemporaryDirectory(prefix="pli-backup-") as work:
        work = Path(work)
        dump = work / "database"
        member, counts = _dump_database(dump, using)
        checksums = {member: _sha256(dump)}
        media = _media_names(storage)
        manifest = {
            "format": FORMAT,
            "platform_version": platform_version(),
            "created_at": timezone.now().isoformat(),
            "database": {"engine": connection.vendor, "member": member},
            "migrations": applied_migrations(using),
            "counts": counts,
            "media": len(media),
            "checksums": checksums,
        }
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w") as archive:
            archive.add(dump, arcname=member)
            for name in media:
                with storage.open(name, "rb") as stream:
                    data = stream.read()
                checksums[MEDIA_PREFIX + name] = hashlib.sha256(data).hexdigest()
                info = tarfile.TarInfo(MEDIA_PREFIX + name)
                info.size = len(data)
                info.mtime = int(timezone.now().timestamp())
                archive.addfile(info, io.BytesIO(data))
            body = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(body)
            info.mtime = int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(body))
        os.replace(partial, path)
    return manifest


# --- restore ------------------------------------------------------------------------------------


def read_manifest(archive: tarfile.TarFile, path: Path) -> dict:
    try:
        member = archive.getmember(MANIFEST)
        manifest = json.loads(archive.extractfile(member).read())
    except (KeyError, ValueError, AttributeError):
        raise BackupError(
            _("%(file)s: no readable manifest, this is not a platform backup.") % {"file": path}
        ) from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("checksums"), dict):
        raise BackupError(_("%(file)s: the manifest is damaged.") % {"file": path})
    return manifest


def check_archive(path: Path, work: Path) -> dict:
    """Open and verify the archive, extracting it into `work`; returns its manifest or raises BackupError."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(_("%(file)s: no such file.") % {"file": path})
    try:
        with tarfile.open(path, "r") as archive:
            manifest = read_manifest(archive, path)
            _check_versions(manifest, path)
            names = {member.name for member in archive.getmembers() if member.isfile()} - {MANIFEST}
            expected = set(manifest["checksums"])
            if names != expected:
                missing = sorted(expected - names) or sorted(names - expected)
                raise BackupError(
                    _("%(file)s is damaged: %(member)s is missing or unexpected.")
                    % {"file": path, "member": missing[0]}
                )
            archive.extractall(work, filter="data")
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupError(_("%(file)s is damaged: %(error)s") % {"file": path, "error": error}) from None
    for name, checksum in manifest["checksums"].items():
        if _sha256(work / name) != checksum:
            raise BackupError(
                _("%(file)s is damaged: the checksum of %(member)s does not match its manifest.")
                % {"file": path, "member": name}
            )
    return manifest


def _check_versions(manifest: dict, path: Path) -> None:
    if not isinstance(manifest.get("format"), int) or manifest["format"] > FORMAT:
        raise BackupError(
            _(
                "%(file)s was written by a newer version of the platform (archive format %(format)s); update it first."
            )
            % {"file": path, "format": manifest.get("format")}
        )
    unknown = sorted(set(manifest.get("migrations", [])) - known_migrations())
    if unknown:
        raise BackupError(
            _(
                "%(file)s was written by a newer version of the platform (%(version)s): this one does not "
                "know its migration %(migration)s. Update the platform, then restore."
            )
            % {"file": path, "version": manifest.get("platform_version"), "migration": unknown[0]}
        )


def _check_empty(connection, storage) -> None:
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            _(
                "The database %(name)s is not empty (%(count)s tables): a backup is restored into an empty "
                "database only. Create a new one and point DATABASE_URL to it."
            )
            % {"name": connection.settings_dict["NAME"], "count": len(tables)}
        )
    if _media_names(storage):
        raise BackupError(
            _("The uploaded files' storage is not empty: a backup is restored into an empty one.")
        )


def restore(path: Path, using: str = "default", storage=default_storage) -> RestoreResult:
    """Verify the archive, restore it into the (empty) database and storage, and check the counts."""
    path = Path(path)
    connection = connections[using]
    with tempfile.TemporaryDirectory(prefix="pli-restore-") as work:
        work = Path(work)
        manifest = check_archive(path, work)
        engine = manifest["database"]["engine"]
        if engine != connection.vendor:
            raise BackupError(
                _("%(file)s holds a %(engine)s database; this platform runs on %(vendor)s.")
                % {"file": path, "engine": engine, "vendor": connection.vendor}
            )
        _check_empty(connection, storage)
        dump = work / manifest["database"]["member"]
        if engine == "sqlite":
            _restore_sqlite(dump, connection)
        else:
            _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", str(dump)], connection)
        files = 0
        media = work / MEDIA_PREFIX.rstrip("/")
        for name in sorted(manifest["checksums"]):
            if name.startswith(MEDIA_PREFIX):
                relative = name.removeprefix(MEDIA_PREFIX)
                with open(media / relative, "rb") as stream:
                    stored = storage.save(relative, File(stream))
                if stored != relative:
                    raise BackupError(
                        _("The uploaded file %(name)s could not keep its name.") % {"name": relative}
                    )
                files += 1
    counts = model_counts(using)
    differences = [
        f"{label}: {manifest['counts'][label]} → {counts.get(label)}"
        for label in manifest["counts"]
        if counts.get(label) != manifest["counts"][label]
    ]
    if differences:
        raise BackupError(
            _("The restored database does not hold what the backup counted: %(differences)s")
            % {"differences": "; ".join(differences[:5])}
        )
    return RestoreResult(manifest=manifest, tables=len(counts), files=files)


def _restore_sqlite(dump: Path, connection) -> None:
    """The copy becomes the database, through the backup API (the target may be open elsewhere)."""
    connection.ensure_connection()
    source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    connection.close()  # the next query sees the restored schema from a fresh connection
