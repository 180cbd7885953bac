"""Benchmark: import one TF_SOC_POP_STRUCT year into SQLite and PostgreSQL, next to DuckDB's floor.

    .venv/bin/python bench/import_structure.py [YEAR]      (needs PLI_DATA_DIR or ../shared/data)

DuckDB merely reads the gzip and sums the population by commune, sex and nationality: the least any
import must do. The platform's import also validates every row, aggregates to every level, computes
ages and writes the rows in one transaction. Each figure is the best of five runs (each import
after the first imports the year again after its Import was deleted), and the floor is measured again
in the process of each database's imports, just before each of them (this machine's speed drifts by
a third from one minute to the next); the ratio printed first is to the smallest floor of the run.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("PLI_DATA_DIR") or ROOT.parent / "shared" / "data")
POSTGRES = os.environ.get("PLI_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/pli_bench")
RUNS = 5  # each figure is the best of five runs: the machine is shared and its timings vary


FLOOR = (
    "select CD_MUNTY_REFNIS, CD_SEX, CD_NATLTY, sum(MS_POPULATION)"
    " from read_csv('{path}', delim='|', header=true) group by all"
)


def duckdb_floor(path: Path) -> float:
    import duckdb

    start = time.perf_counter()
    duckdb.sql(FLOOR.format(path=path)).fetchall()
    return time.perf_counter() - start


def platform_import(path: Path, database_url: str) -> tuple[float, float]:
    """(best import time, best floor time), both measured in the same process, alternately."""
    code = f"""
import time, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from territory.imports.refnis import load_refnis
load_refnis(__import__("pathlib").Path({str(DATA / "statbel_TU_COM_REFNIS_2022.txt")!r}))
from territory.imports.statbel import STRUCTURE, import_structure
from territory.models import Import
import duckdb
times, floors = [], []
for _ in range({RUNS}):
    Import.objects.filter(dataset=STRUCTURE).delete()  # the next run imports the year anew
    start = time.perf_counter()
    duckdb.sql({FLOOR.format(path=path)!r}).fetchall()
    floors.append(time.perf_counter() - start)
    start = time.perf_counter()
    import_structure(__import__("pathlib").Path({str(path)!r}))
    times.append(time.perf_counter() - start)
print(min(times), min(floors))
"""
    env = dict(
        os.environ,
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="pli.settings",
        PLI_ENVIRONMENT="development",
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    seconds, floor = result.stdout.strip().splitlines()[-1].split()
    return float(seconds), float(floor)


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
    year = sys.argv[1] if len(sys.argv) > 1 else "2015"
    path = DATA / f"statbel_TF_SOC_POP_STRUCT_{year}.txt.gz"
    floor = min(duckdb_floor(path) for _ in range(RUNS))
    print(f"file: {path.name}")
    print(f"DuckDB read + aggregate (floor): {floor:.2f} s")
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        results["SQLite"] = platform_import(path, f"sqlite:///{folder}/bench.sqlite3")
    if reset_postgres():
        results["PostgreSQL"] = platform_import(path, POSTGRES)
    # The ratio to the smallest floor measured in the whole run (alone and beside each database's
    # imports): the least flattering one.
    least = min([floor, *(beside for _seconds, beside in results.values())])
    for database, (seconds, beside) in results.items():
        print(
            f"platform import, {database + ':':<12} {seconds:.2f} s  ({seconds / least:.2f}x the run's smallest"
            f" floor, {least:.2f} s; {seconds / beside:.2f}x the floor measured beside it, {beside:.2f} s)"
        )


if __name__ == "__main__":
    main()
