"""Two task workers on one PostgreSQL never run the same task twice.

    .venv/bin/python bench/two_workers.py [JOBS]

Needs PostgreSQL (PLI_BENCH_WORKERS_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/pli_ops_workers:
dropped and made again). It queues JOBS background jobs (40 by default) through `jobs.services.start`,
as the pages do, starts two `pli db_worker` processes (django-tasks' database backend, each claiming a
task by locking its row with SKIP LOCKED), waits until the queue is empty, and checks from a log each
job's function appends to (with the worker's process id) that every job ran exactly once, that both
workers took some, and that every task row was claimed by one worker only. Exits 1 otherwise.
"""

import ast
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_test import BIN, ROOT  # noqa: E402

POSTGRES = os.environ.get(
    "PLI_BENCH_WORKERS_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/pli_ops_workers"
)


def note_run(progress, log: str, n: int) -> dict:
    """The job's work: a little time, then one line `job pid` appended to the log."""
    time.sleep(0.05)
    with open(log, "a") as handle:  # O_APPEND: lines of two processes never mix
        handle.write(f"{n} {os.getpid()}\n")
    return {"message": f"job {n}"}


def main() -> None:
    jobs = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    folder = Path(tempfile.mkdtemp(prefix="pli-workers-"))
    log = folder / "runs.log"
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="pli.settings",
        PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'bench'}",
        DATABASE_URL=POSTGRES,
        PLI_VAR_DIR=str(folder / "var"),
        PLI_ENVIRONMENT="development",
        LOG_LEVEL="WARNING",
    )
    import psycopg

    base, name = POSTGRES.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    run = lambda *args: subprocess.run([str(BIN / "pli"), *args], cwd=ROOT, env=env, check=True)  # noqa: E731
    run("migrate", "--no-input", "-v0")
    run(
        "shell",
        "-c",
        f"from jobs import services\nfor n in range({jobs}):\n"
        f"    services.start('two_workers.note_run', kind='document', title=f'job {{n}}', by=None,"
        f" arguments={{'log': {str(log)!r}, 'n': n}})",
    )
    workers = [
        subprocess.Popen(
            [
                str(BIN / "pli"),
                "db_worker",
                "--interval",
                "0.05",
                "--no-startup-delay",
                "--worker-id",
                f"w{i}",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        for i in (1, 2)
    ]
    started = time.monotonic()
    try:
        while time.monotonic() - started < 120:
            done = len(log.read_text().splitlines()) if log.exists() else 0
            if done >= jobs:
                time.sleep(1)  # a second run of a job, if any, would show now
                break
            time.sleep(0.2)
    finally:
        for worker in workers:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(timeout=30)
    lines = [line.split() for line in log.read_text().splitlines()] if log.exists() else []
    runs = Counter(n for n, _pid in lines)
    by_worker = Counter(pid for _n, pid in lines)
    claims = (
        subprocess.run(
            [
                str(BIN / "pli"),
                "shell",
                "-c",
                "from django_tasks_db.models import DBTaskResult\n"
                "print('CLAIMS', sorted(len(r.worker_ids) for r in DBTaskResult.objects.all()))",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.split("CLAIMS ", 1)[1]
        .strip()
    )
    ok = (
        len(runs) == jobs
        and set(runs.values()) == {1}
        and len(by_worker) == 2
        and set(ast.literal_eval(claims)) == {1}
    )
    print(f"{jobs} jobs, two workers: {len(lines)} runs in {time.monotonic() - started:.1f} s")
    print(f"jobs run more than once: {sorted(n for n, c in runs.items() if c > 1) or 'none'}")
    print(f"runs per worker process: {sorted(by_worker.values())}")
    print(
        f"workers that claimed each task row (per row): {'all 1' if set(ast.literal_eval(claims)) == {1} else claims}"
    )
    print("ok: no task ran twice" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
