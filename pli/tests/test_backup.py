"""`pli backup` and `pli restore`: the demo round-trips through an archive into another database, and
a damaged archive, a newer one or a database that is not empty is refused (pli/backup.py)."""

import contextlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

from pli import backup

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def migrations_on_disk(settings):
    """The migrations as the code has them: a run that copies the prepared database turns them off
    (pytest-django's MIGRATION_MODULES), and the archive's are compared with them."""
    settings.MIGRATION_MODULES = {}


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English, the language of the code and of the command line."""
    from django.utils import translation

    with translation.override("en"):
        yield


def pli(*arguments, env):
    """The `pli` command in its own process, as an operator runs it."""
    return subprocess.run(
        [sys.executable, "-m", "pli.cli", *arguments], cwd=ROOT, env=env, capture_output=True, text=True
    )


@contextlib.contextmanager
def empty_database(tmp_path):
    """A new, empty database of the engine the suite runs on: its DATABASE_URL."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    settings = connection.settings_dict
    name = f"pli_ops_restore_{os.getpid()}"
    server = f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def indicators_json() -> dict:
    """`pli indicators 90000 --year 2015 --json` in this process, in the language the command speaks."""
    from django.conf import settings
    from django.utils import translation

    out = io.StringIO()
    with translation.override(settings.LANGUAGE_CODE):
        call_command("indicators", "90000", "--year", "2015", "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db(transaction=True)
def test_the_demo_round_trips_into_another_database_with_the_same_counts_and_figures(statistics, tmp_path):
    from pli.tests.pages import load_demo

    load_demo(tmp_path / "demo-var")
    default_storage.save("documents/compte-rendu.txt", ContentFile("Procès-verbal de la plateforme".encode()))
    source_counts = backup.model_counts()
    source_figures = indicators_json()
    archive = tmp_path / "pli.tar"

    manifest = backup.backup(archive)

    assert manifest["counts"] == source_counts
    assert manifest["counts"]["network.Organisation"] > 0 and manifest["counts"]["territory.Territory"] > 0
    restored_var = tmp_path / "restored-var"
    with empty_database(tmp_path) as url:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "pli.settings",
            "PLI_ENVIRONMENT": "development",
            "PLI_VAR_DIR": str(restored_var),
            "DATABASE_URL": url,
        }
        restored = pli("restore", str(archive), env=env)
        assert restored.returncode == 0, restored.stderr
        assert "the counts match the manifest" in restored.stdout
        figures = pli("indicators", "90000", "--year", "2015", "--json", env=env)
        assert figures.returncode == 0, figures.stderr
        assert json.loads(figures.stdout) == source_figures
        again = pli("restore", str(archive), env=env)
        assert again.returncode != 0 and "n’est pas vide" in again.stderr  # the command speaks French
    assert (
        restored_var / "media" / "documents" / "compte-rendu.txt"
    ).read_text() == "Procès-verbal de la plateforme"


# --- refusals, on small archives built by hand in the backup's format ----------------------------


def write_archive(path: Path, manifest_changes=None, database=b"", corrupt=None):
    """An archive with an SQLite dump of one table and a manifest; `corrupt` replaces the dump after
    its checksum was recorded."""
    dump = path.parent / "dump.sqlite3"
    dump.unlink(missing_ok=True)
    with sqlite3.connect(dump) as copy:
        copy.execute("CREATE TABLE t (x)")
    body = dump.read_bytes()
    manifest = {
        "format": backup.FORMAT,
        "platform_version": backup.platform_version(),
        "created_at": "2026-12-06T20:00:00+00:00",
        "database": {"engine": connection.vendor, "member": "database.sqlite3"},
        "migrations": backup.applied_migrations(),
        "counts": {},
        "media": 0,
        "checksums": {"database.sqlite3": backup.hashlib.sha256(body).hexdigest()},
        **(manifest_changes or {}),
    }
    with tarfile.open(path, "w") as archive:
        for name, data in (
            ("database.sqlite3", corrupt or body),
            ("manifest.json", json.dumps(manifest).encode()),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def refusal(path) -> str:
    with pytest.raises(backup.BackupError) as error:
        backup.restore(path)
    return str(error.value)


@pytest.mark.django_db
def test_an_archive_whose_dump_does_not_match_its_checksum_is_refused(tmp_path):
    path = write_archive(tmp_path / "a.tar", corrupt=b"SQLite format 3\0 but not what was written")
    assert "the checksum of database.sqlite3 does not match its manifest" in refusal(path)


@pytest.mark.django_db
def test_a_truncated_archive_is_refused(tmp_path):
    path = write_archive(tmp_path / "a.tar")
    path.write_bytes(path.read_bytes()[:700])
    assert "is damaged" in refusal(path) or "no readable manifest" in refusal(path)


@pytest.mark.django_db
def test_an_archive_of_a_newer_format_is_refused(tmp_path):
    path = write_archive(tmp_path / "a.tar", {"format": backup.FORMAT + 1})
    assert "written by a newer version of the platform" in refusal(path)


@pytest.mark.django_db
def test_an_archive_with_a_migration_this_code_lacks_is_refused(tmp_path):
    migrations = [*backup.applied_migrations(), "plan.9999_from_the_future"]
    path = write_archive(tmp_path / "a.tar", {"migrations": migrations, "platform_version": "9.0"})
    message = refusal(path)
    assert "newer version of the platform (9.0)" in message and "plan.9999_from_the_future" in message


@pytest.mark.django_db
def test_an_archive_is_not_restored_over_a_database_that_holds_data(tmp_path):
    path = write_archive(tmp_path / "a.tar")
    assert "is not empty" in refusal(path)


@pytest.mark.django_db
def test_an_archive_of_the_other_engine_is_refused(tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    path = write_archive(tmp_path / "a.tar", {"database": {"engine": other, "member": "database.sqlite3"}})
    assert f"holds a {other} database" in refusal(path)


def test_a_file_that_is_not_an_archive_is_refused(tmp_path):
    path = tmp_path / "notes.tar"
    path.write_text("not a tar file")
    assert "is damaged" in refusal(path)
