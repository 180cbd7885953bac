"""The test database prepared once and kept: migrated, with the real statistics loaded.

Building it (every migration, then REFNIS, the boundaries, the 1992–2024 workbook and one structure
year) takes about 25 s; each pytest worker used to do it at every run. Now the first worker that needs
it builds it under a file lock and keeps it, and every other worker, in this run and the next ones,
starts from the copy:

- on SQLite, a file `var/test-databases/prepared-<key>.sqlite3`, copied into the worker's in-memory
  database with SQLite's backup API (the tables are created without migrations first: the copy
  replaces them with the migrated ones);
- on PostgreSQL, a template database `test_<name>_prepared_<key>`, from which Django creates each
  worker's database (`TEST["TEMPLATE"]`); the migrations then find nothing to do.

The key is a hash of the project's code outside the tests (migrations, models, imports), of this file,
of the data files (name, size, time) and of Django's version and the database engine: any change
builds a new copy, and the build itself runs the migrations, so a broken migration still fails the
suite. `PLI_TEST_REBUILD_DB=1` forces a rebuild; deleting the folder or the template does the same.
"""

import contextlib
import hashlib
import os
import sqlite3
from pathlib import Path

import django
from django.conf import settings
from django.db import connections

ROOT = Path(__file__).resolve().parents[2]
APPS = ("accounts", "vocabulary", "territory", "network", "diagnostic", "plan", "pli")
REFERENCE_YEAR = 2015
DATA_FILES = (
    "statbel_TU_COM_REFNIS_2022.txt",
    "belgium_communes_2019.topojson.json",
    "statbel_Population_par_commune_1992-2024.xlsx",
    f"statbel_TF_SOC_POP_STRUCT_{REFERENCE_YEAR}.txt.gz",
)
SHARED_DATA = ROOT.parent / "shared" / "data"


def data_dir() -> Path | None:
    """The folder of the real Statbel files (PLI_DATA_DIR, or ../shared/data), or None."""
    folder = settings.PLI_DATA_DIR or SHARED_DATA
    return Path(folder) if folder and Path(folder).is_dir() else None


def load_statistics() -> None:
    """REFNIS, the boundaries, the 1992–2024 workbook and the 2015 structure file (real data)."""
    from territory.imports.refnis import load_boundaries, load_refnis
    from territory.imports.statbel import import_population, import_structure

    folder = data_dir()
    load_refnis(folder / DATA_FILES[0])
    load_boundaries(folder / DATA_FILES[1])
    import_population(folder / DATA_FILES[2])
    import_structure(folder / DATA_FILES[3])


def code_files():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "tests" not in path.relative_to(ROOT).parts:
                yield path
    yield Path(__file__)


def key(vendor: str) -> str:
    digest = hashlib.sha256(f"{django.get_version()} {vendor}".encode())
    for path in code_files():
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    folder = data_dir()
    for name in DATA_FILES if folder else ():
        stat = (folder / name).stat()
        digest.update(f"{name} {stat.st_size} {stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


class PreparedDatabase:
    """One prepared copy for the default database; `exists` says whether this run can start from it."""

    def __init__(self):
        self.connection = connections["default"]
        self.vendor = self.connection.vendor
        self.key = key(self.vendor)
        self.folder = Path(settings.VAR_DIR) / "test-databases"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / f"prepared-{self.key}.sqlite3"
        base = self.connection.settings_dict["NAME"]
        self.template_prefix = f"test_{base}_prepared_"
        self.template = self.template_prefix + self.key
        self._lock = None
        self.exists = False

    # --- the lock: one worker builds, the others wait and then copy -----------------------------

    def acquire(self) -> None:
        self._lock = open(self.folder / ".lock", "w")  # noqa: SIM115 (held until release())
        with contextlib.suppress(ImportError):
            import fcntl

            fcntl.flock(self._lock, fcntl.LOCK_EX)
        self.exists = not os.environ.get("PLI_TEST_REBUILD_DB") and self._stored()

    def release(self) -> None:
        if self._lock is not None:
            self._lock.close()  # closing the file releases the lock
            self._lock = None

    # --- what is stored --------------------------------------------------------------------------

    def _stored(self) -> bool:
        if self.vendor == "sqlite":
            return self.path.exists()
        if self.vendor == "postgresql":
            with self.connection._nodb_cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.template])
                return cursor.fetchone() is not None
        return False

    def use_as_template(self) -> None:
        """PostgreSQL: each worker's database is created as a copy of the prepared one."""
        if self.vendor == "postgresql" and self.exists:
            self.connection.settings_dict["TEST"]["TEMPLATE"] = self.template

    def restore(self) -> None:
        """SQLite: the worker's (in-memory) database becomes an exact copy of the prepared file."""
        if self.vendor == "sqlite":
            self.connection.ensure_connection()
            source = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            try:
                source.backup(self.connection.connection)
            finally:
                source.close()

    def save(self) -> None:
        """Keep the worker's freshly built database as the prepared copy, and drop the older ones."""
        if self.vendor == "sqlite":
            partial = self.path.with_suffix(".partial")
            target = sqlite3.connect(partial)
            try:
                self.connection.ensure_connection()
                self.connection.connection.backup(target)
            finally:
                target.close()
            os.replace(partial, self.path)
            for old in self.folder.glob("prepared-*.sqlite3"):
                if old != self.path:
                    old.unlink(missing_ok=True)
        elif self.vendor == "postgresql":
            source = self.connection.settings_dict["NAME"]  # the worker's test database, by now
            self.connection.close()  # a template must have no session open on it while it is copied
            with self.connection._nodb_cursor() as cursor:
                cursor.execute(
                    "SELECT datname FROM pg_database WHERE datname LIKE %s", [self.template_prefix + "%"]
                )
                for (name,) in cursor.fetchall():
                    with contextlib.suppress(Exception):  # in use by another run: left for later
                        cursor.execute(f'DROP DATABASE "{name}"')
                cursor.execute(f'CREATE DATABASE "{self.template}" TEMPLATE "{source}"')

    def reload(self) -> None:
        """After a transactional test emptied the tables: the statistics imported again. (Not a copy of
        the prepared file: that would also wipe what the test's earlier fixtures created, its users.)"""
        load_statistics()
