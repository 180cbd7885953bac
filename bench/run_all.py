"""Run every benchmark of bench/ and print their figures (`make bench`).

    .venv/bin/python bench/run_all.py [--only NAME ...] [--database URL] [--keep]

Each benchmark runs in its own process, its output shown as it comes, then a summary says how long each
took and whether it failed. The pages' benchmarks (page_latency, plan_pages) read a database with the
statistics and the demo loaded: by default one is built first in a temporary folder (an SQLite file:
migrate, `pli setup_data`, `pli demo`, about a minute); `--database URL` reads an existing one instead
(e.g. sqlite:///var/pli.sqlite3 after `make run`). The benchmarks that write to PostgreSQL use
PLI_BENCH_POSTGRES_URL and PLI_BENCH_FINDINGS_POSTGRES_URL; when those are unset and
PLI_TEST_POSTGRES_URL is set, they get its database name with `_bench` and `_bench_findings` appended,
so that engineers sharing one server do not write over each other; without a server they skip
PostgreSQL. Needs PLI_DATA_DIR (or ../shared/data). The figures go to docs/performance.md by hand.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
DATA = Path(os.environ.get("PLI_DATA_DIR") or ROOT.parent / "shared" / "data")
PLI = [sys.executable, "-m", "pli.cli"]
# name: (script arguments, whether it reads the prepared database with statistics and demo)
BENCHMARKS = {
    "boundaries": ([], False),
    "import_structure": (["2015"], False),
    "findings_register": ([], False),
    "expertise": ([], False),
    "page_latency": ([], True),
    "plan_pages": ([], True),
    "documents": ([], True),
    "advocacy": ([], False),
}


def postgres_urls(env: dict) -> None:
    base = env.get("PLI_TEST_POSTGRES_URL")
    if base:
        env.setdefault("PLI_BENCH_POSTGRES_URL", base + "_bench")
        env.setdefault("PLI_BENCH_FINDINGS_POSTGRES_URL", base + "_bench_findings")


def prepare(folder: Path, env: dict) -> str:
    """A database with every statistic and the demo, in `folder`; its URL."""
    url = f"sqlite:///{folder}/pli.sqlite3"
    prepared = dict(env, DATABASE_URL=url, PLI_VAR_DIR=str(folder), PLI_ENVIRONMENT="demo", LOG_LEVEL="ERROR")
    print(f"==> preparing {url}: migrate, setup_data, demo", flush=True)
    start = time.perf_counter()
    for command in (["migrate", "--no-input", "-v0"], ["setup_data"], ["demo"]):
        subprocess.run([*PLI, *command], cwd=ROOT, env=prepared, check=True, stdout=subprocess.DEVNULL)
    print(f"    ready in {time.perf_counter() - start:.0f} s", flush=True)
    return url


def run(name: str, arguments: list[str], env: dict) -> tuple[float, int]:
    print(f"\n==> bench/{name}.py {' '.join(arguments)}".rstrip(), flush=True)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, str(HERE / f"{name}.py"), *arguments], cwd=ROOT, env=env)
    return time.perf_counter() - start, result.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHMARKS), help="run only these")
    parser.add_argument("--database", help="database URL for the pages' benchmarks (default: built)")
    parser.add_argument("--keep", action="store_true", help="keep the database built for the pages")
    options = parser.parse_args()
    if not (DATA / "statbel_TU_COM_REFNIS_2022.txt").exists():
        sys.exit(f"The open-data files are not in {DATA}: set PLI_DATA_DIR.")
    env = dict(os.environ, PLI_DATA_DIR=str(DATA))
    postgres_urls(env)
    chosen = options.only or list(BENCHMARKS)
    folder = Path(tempfile.mkdtemp(prefix="pli-bench-"))
    results = []
    try:
        pages_env = None
        for name in chosen:
            arguments, needs_database = BENCHMARKS[name]
            bench_env = env
            if needs_database:
                if pages_env is None:
                    url = options.database or prepare(folder, env)
                    pages_env = dict(env, DATABASE_URL=url, PLI_VAR_DIR=str(folder), PLI_ENVIRONMENT="demo")
                bench_env = pages_env
            results.append((name, *run(name, arguments, bench_env)))
    finally:
        if options.keep:
            print(f"\nThe database built for the pages is kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    print("\n==> summary")
    for name, seconds, code in results:
        print(f"{name:20} {seconds:6.0f} s  {'ok' if code == 0 else f'FAILED (exit {code})'}")
    if any(code for _name, _seconds, code in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
