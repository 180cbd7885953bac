"""Benchmark: import a tidy indicators CSV of N rows (1,000,000 by default, about 31 MB) into SQLite and
PostgreSQL, first into an empty table, then again over its own figures (every row replaces one).

    .venv/bin/python bench/import_tidy.py [ROWS]      (needs PLI_DATA_DIR or ../shared/data for REFNIS)

Prints the time of each import (the command line's way: no row limit), the peak memory of the process,
and how fast an upload of that file is refused when it has more rows than PLI_IMPORT_MAX_ROWS. An upload
must finish well within gunicorn's 30 s worker timeout, or be refused at once.
"""

import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("PLI_DATA_DIR") or ROOT.parent / "shared" / "data")
POSTGRES = os.environ.get("PLI_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/pli_bench")


def write_csv(path: Path, rows: int, seed: int = 0) -> None:
    """Distinct figures: every commune × year × indicator × breakdown, as many as asked."""
    lines = (DATA / "statbel_TU_COM_REFNIS_2022.txt").read_text(encoding="utf-8-sig").splitlines()[1:]
    communes = sorted({line.split("|")[1] for line in lines if line.startswith("4|")})[:500]
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as out:
        out.write("territory;year;indicator;breakdown;value;unit;source\n")
        written = 0
        for year in range(2000, 2100):
            for key in ("nationality", "job_seekers"):
                for band in range(100):
                    for code in communes:
                        value = rng.randint(0, 99_999)
                        out.write(f"{code};{year};{key};b{band};{value},{value % 100:02d};persons;Statbel\n")
                        written += 1
                        if written == rows:
                            return


def platform_import(path: Path, database_url: str, rows: int) -> str:
    code = f"""
import resource, time, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from territory.imports.refnis import load_refnis
from pathlib import Path
load_refnis(Path({str(DATA / "statbel_TU_COM_REFNIS_2022.txt")!r}))
from territory.imports.tidy import import_indicators
from territory.models import IndicatorValue
from pli.files import ImportRefused
from django.conf import settings
refusal = "an upload is within PLI_IMPORT_MAX_ROWS"
if {rows} > settings.PLI_IMPORT_MAX_ROWS:
    start = time.perf_counter()
    try:
        import_indicators(Path({str(path)!r}), max_rows=settings.PLI_IMPORT_MAX_ROWS)
    except ImportRefused:
        refusal = f"an upload is refused in {{time.perf_counter() - start:.1f}} s (PLI_IMPORT_MAX_ROWS={{settings.PLI_IMPORT_MAX_ROWS:,}})"
start = time.perf_counter()
import_indicators(Path({str(path)!r}))
first = time.perf_counter() - start
# The same figures from another file (another checksum): every row replaces a stored one.
again = Path({str(path)!r}).with_name("again.csv")
again.write_bytes(Path({str(path)!r}).read_bytes() + b"\\n")
start = time.perf_counter()
import_indicators(again)
second = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{{first:.1f}} s into an empty table, {{second:.1f}} s replacing them all; "
      f"{{IndicatorValue.objects.count():,}} rows; peak memory {{peak:.0f}} MB; {{refusal}}")
"""
    env = dict(
        os.environ,
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="pli.settings",
        PLI_ENVIRONMENT="development",
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800
    )
    if result.returncode:
        return "failed: " + result.stderr.strip().splitlines()[-1]
    return result.stdout.strip().splitlines()[-1]


def reset_postgres() -> bool:
    import psycopg

    base, name = POSTGRES.rsplit("/", 1)
    try:
        with psycopg.connect(base + "/postgres", autocommit=True, connect_timeout=3) as connection:
            connection.execute(f'drop database if exists "{name}"')
            connection.execute(f'create database "{name}"')
        return True
    except psycopg.OperationalError as error:
        print(f"PostgreSQL: skipped ({error})")
        return False


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "indicators.csv"
        write_csv(path, rows)
        print(f"file: {rows:,} rows, {path.stat().st_size / 1024 / 1024:.1f} MB")
        print("SQLite:    ", platform_import(path, f"sqlite:///{folder}/bench.sqlite3", rows))
        if reset_postgres():
            print("PostgreSQL:", platform_import(path, POSTGRES, rows))


if __name__ == "__main__":
    main()
