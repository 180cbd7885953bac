"""Load test: the platform as deployed (PostgreSQL, gunicorn with production settings) under wrk.

    .venv/bin/python bench/load_test.py [--clients 16,64] [--duration 15] [--soak 600] [--reuse]
                                        [--workers 3] [--threads 4] [--each]

Needs wrk (Debian: apt-get install wrk), PostgreSQL (PLI_BENCH_POSTGRES_URL, default
postgres://postgres@127.0.0.1:5432/pli_ops_load: the database is dropped and made again) and the
Statbel files (PLI_DATA_DIR or ../shared/data). It loads the reference data (`pli setup_data`, timed)
and the demo, starts gunicorn from deploy/gunicorn.conf.py (3 workers × 4 threads, as the issue's
figures), warms every worker on every URL, then measures with wrk:

- each public page alone at 16 clients, beside the trivial view (/robots.txt, first and last);
- the mix at each number of clients: anonymous readers of the public plan and territory pages (50 %),
  coordinators on the findings register, the plan and the network (25 %), partners posting progress
  (5 %), API clients with personal tokens (20 %);
- with --each, each request of the mix alone at 16 clients ("(s)": signed in or with a token);
- with --soak SECONDS, the mix at 32 clients for that long, the workers' memory before and after.

Median, p99, requests per second and errors (connection errors, timeouts and 4xx/5xx answers) are
printed; the figures go to docs/performance.md by hand. Not part of `make test`: it is a bench.
"""

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DATA = Path(os.environ.get("PLI_DATA_DIR") or ROOT.parent / "shared" / "data")
POSTGRES = os.environ.get("PLI_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/pli_ops_load")
WORKERS, THREADS = 3, 4  # the figures were taken so; --workers and --threads change them

LUA = """
local pool = {}
for _, r in ipairs(REQUESTS) do
  for _ = 1, r.weight do
    table.insert(pool, wrk.format(r.method, r.path, r.headers, r.body))
  end
end
request = function() return pool[math.random(#pool)] end
done = function(summary, latency, requests)
  io.write(string.format(
    '\\nRESULT {"requests": %d, "seconds": %.3f, "median_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, '
    .. '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
end
"""

PREPARE = """
import json, secrets
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.urls import reverse
from accounts.models import User
from accounts.tokens import create_token
from plan.models import Plan, Recommendation

settings.ALLOWED_HOSTS = ["*"]

def session(user):
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "accounts.backends.UserBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key

coordinator = User.objects.filter(role="coordinator", is_active=True).first()
plan = Plan.objects.filter(is_published=True).first()
recommendations = list(Recommendation.objects.filter(priority__plan=plan).order_by("pk"))
form = lambda r: {"progress-date": "2026-12-01", "progress-status": r.status, "progress-progress": r.progress,
                  "progress-text": "Point d'avancement (test de charge)", "progress-evidence_url": ""}
from pli.access import can_create
from plan.models import ProgressUpdate
partner, posted = None, []
for user in User.objects.filter(role="partner", is_active=True):
    # The recommendations this partner carries (up to eight), each posted on in turn: a partner posts
    # on their own recommendations, not twenty times a second on one.
    posted = [r for r in Recommendation.objects.order_by("pk") if can_create(user, ProgressUpdate, r)][:8]
    if posted:
        client = Client()
        client.force_login(user)
        for recommendation in posted:
            response = client.post(reverse("plan:progress_add", args=[recommendation.pk]), form(recommendation))
            assert response.status_code == 302
        partner = user
        break
assert partner, "no partner of the demo may post progress"
csrf = secrets.token_hex(16)  # a CSRF secret of 32 characters: Django accepts it in the cookie and the form
from urllib.parse import urlencode
print("PREPARED " + json.dumps({
    "coordinator": session(coordinator), "partner": session(partner), "csrf": csrf,
    "token": create_token(coordinator, "load test", 30)[1],
    "plan": reverse("plan:plan_detail", args=[plan.pk]),
    "recommendation": reverse("plan:recommendation_detail", args=[recommendations[0].pk]),
    "progress": [(reverse("plan:progress_add", args=[r.pk]), urlencode(form(r))) for r in posted],
    "plan_api": f"/api/v1/plan/plans/{plan.pk}/recommendations",
    "findings": reverse("diagnostic:index"), "network": reverse("network:organisation_list"),
}))
"""


def environment(var: Path, production: bool) -> dict:
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="pli.settings",
        PYTHONPATH=str(ROOT),
        DATABASE_URL=POSTGRES,
        PLI_VAR_DIR=str(var),
        PLI_DATA_DIR=str(DATA),
        PLI_ENVIRONMENT="production" if production else "development",
        SECRET_KEY="load-test-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PLI_REQUIRE_2FA="0",  # the coordinators' sessions are made here, without a second factor
        LOG_LEVEL="WARNING",
    )


def pli(env: dict, *arguments: str) -> str:
    result = subprocess.run([str(BIN / "pli"), *arguments], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"pli {' '.join(arguments)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def reset_database() -> None:
    import psycopg

    base, name = POSTGRES.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def prepare(var: Path, reuse: bool) -> dict:
    dev = environment(var, production=False)
    if not reuse:
        reset_database()
        pli(dev, "migrate", "--no-input", "-v0")
        started = time.perf_counter()
        pli(dev, "setup_data")
        print(f"pli setup_data on an empty PostgreSQL database: {time.perf_counter() - started:.1f} s")
        pli(dev, "demo")
    pli(dev, "compilemessages", "--ignore=.venv", "-v0")
    pli(environment(var, production=True), "collectstatic", "--no-input", "-v0")
    out = pli(dev, "shell", "-c", PREPARE)
    return json.loads(out.split("PREPARED ", 1)[1])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(var: Path, port: int, workers: int, threads: int) -> subprocess.Popen:
    env = environment(var, production=True)
    env.update(
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS=str(workers),
        GUNICORN_THREADS=str(threads),
        GUNICORN_ACCESS_LOG="/dev/null",
        # No recycling of the workers (deploy/gunicorn.conf.py replaces one after about 100,000
        # requests, which a fast soak reaches): the memory compared before and after is that of the
        # same processes, whose growth a replaced worker would hide.
        GUNICORN_MAX_REQUESTS="0",
    )
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "pli.wsgi"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=2) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    sys.exit("gunicorn did not answer /health/")


def worker_memory(server: subprocess.Popen) -> dict[int, int]:
    """Resident memory (MB) of each gunicorn worker (the children of the master), by process id."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    sizes = {}
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes[int(pid)] = int(line.split()[1]) // 1024
    return sizes


def memory_line(label: str, before: dict[int, int], after: dict[int, int]) -> str:
    same = (
        "the same processes"
        if set(before) == set(after)
        else "NOT the same processes (a worker was replaced)"
    )
    return f"workers' memory (MB) {label}: {list(before.values())} / {list(after.values())}, {same}"


def mix(ids: dict) -> list[dict]:
    coordinator = {"Cookie": f"sessionid={ids['coordinator']}"}
    partner = {
        "Cookie": f"sessionid={ids['partner']}; csrftoken={ids['csrf']}",
        "X-CSRFToken": ids["csrf"],
        "Content-Type": "application/x-www-form-urlencoded",
        "Referer": "http://127.0.0.1/",
    }
    api = {"Authorization": f"Bearer {ids['token']}"}
    return [
        # anonymous readers: 50
        {"weight": 15, "method": "GET", "path": "/territoire/90000/"},
        {"weight": 15, "method": "GET", "path": "/territoire/92094/"},
        {"weight": 15, "method": "GET", "path": ids["plan"]},
        {"weight": 5, "method": "GET", "path": ids["recommendation"]},
        # coordinators: 25
        {"weight": 9, "method": "GET", "path": ids["findings"], "headers": coordinator},
        {"weight": 8, "method": "GET", "path": ids["plan"], "headers": coordinator},
        {"weight": 8, "method": "GET", "path": ids["network"], "headers": coordinator},
        # partners posting progress: 5, spread over the recommendations they carry
        *(
            {"weight": weight, "method": "POST", "path": path, "headers": partner, "body": body}
            for weight, (path, body) in zip(_spread(5, len(ids["progress"])), ids["progress"], strict=True)
        ),
        # API clients with tokens: 20
        {"weight": 10, "method": "GET", "path": ids["plan_api"], "headers": api},
        {"weight": 10, "method": "GET", "path": "/api/v1/territories/92094/indicators", "headers": api},
    ]


def _spread(total: int, parts: int) -> list[int]:
    """`total` cut into `parts` whole weights as equal as may be (5 into 3: 2, 2, 1)."""
    return [total // parts + (1 if index < total % parts else 0) for index in range(parts)]


def lua_table(requests: list[dict]) -> str:
    def literal(value):
        if isinstance(value, dict):
            return "{" + ", ".join(f"[{json.dumps(k)}] = {literal(v)}" for k, v in value.items()) + "}"
        return json.dumps(value) if value is not None else "nil"

    return "REQUESTS = {\n" + ",\n".join(literal(r) for r in requests) + "\n}\n"


def wrk(port: int, requests: list[dict], clients: int, seconds: float, folder: Path) -> dict:
    script = folder / "mix.lua"
    script.write_text(lua_table(requests) + LUA)
    threads = min(2, clients)
    out = subprocess.run(
        [
            "wrk",
            "-t",
            str(threads),
            "-c",
            str(clients),
            "-d",
            f"{int(seconds)}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result = json.loads(out.split("RESULT ", 1)[1].splitlines()[0])
    result["rps"] = result["requests"] / result["seconds"]
    result["errors"] = sum(result[k] for k in ("connect", "read", "write", "status", "timeout"))
    return result


def line(label: str, clients: int, result: dict) -> str:
    return (
        f"{label:<44} {clients:>3} {result['median_ms']:>9.1f} {result['p99_ms']:>9.1f} "
        f"{result['rps']:>8.0f} {result['errors']:>7}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", default="16,64")
    parser.add_argument("--duration", type=float, default=15)
    parser.add_argument(
        "--soak", type=float, default=0, help="seconds of the mix at 32 clients (600: the issue's)"
    )
    parser.add_argument("--reuse", action="store_true", help="keep the database of the last run")
    parser.add_argument(
        "--each",
        action="store_true",
        help="also each request of the mix alone, at 16 clients (what it costs)",
    )
    parser.add_argument("--workers", type=int, default=WORKERS, help="gunicorn workers (default 3)")
    parser.add_argument("--threads", type=int, default=THREADS, help="threads per worker (default 4)")
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing (Debian: apt-get install wrk)")
    var = Path(os.environ.get("PLI_BENCH_VAR", Path(tempfile.gettempdir()) / "pli-load-test"))
    var.mkdir(parents=True, exist_ok=True)
    ids = prepare(var, options.reuse)
    port = free_port()
    server = start_gunicorn(var, port, options.workers, options.threads)
    folder = Path(tempfile.mkdtemp(prefix="pli-wrk-"))
    try:
        requests = mix(ids)
        print(
            f"load before: {os.getloadavg()[0]:.2f} (1 min), "
            f"gunicorn {options.workers} workers × {options.threads} threads"
        )
        # Warm every worker on every URL: enough concurrent requests that each worker takes its share.
        for request in requests:
            wrk(port, [{**request, "weight": 1}], options.workers * options.threads, 2, folder)
        print(f"{'case':<44} {'cl':>3} {'median ms':>9} {'p99 ms':>9} {'req/s':>8} {'errors':>7}")
        singles = [
            ("/robots.txt (trivial view)", "/robots.txt", None),
            ("/territoire/90000/ (province)", "/territoire/90000/", None),
            ("/territoire/92094/ (commune)", "/territoire/92094/", None),
            ("public plan page", ids["plan"], None),
            (
                "plan API, 64 recommendations (token)",
                ids["plan_api"],
                {"Authorization": f"Bearer {ids['token']}"},
            ),
            # Again last: the first single run can fall on the fresh database's autovacuum.
            ("/robots.txt again (trivial view)", "/robots.txt", None),
        ]
        for label, path, headers in singles:
            request = {"weight": 1, "method": "GET", "path": path, "headers": headers}
            print(line(label, 16, wrk(port, [request], 16, options.duration, folder)))
        if options.each:
            for request in requests:
                if request["weight"]:
                    label = f"alone: {request['method']} {request['path']}"[:40] + (
                        " (s)" if request.get("headers") else ""
                    )
                    print(
                        line(label, 16, wrk(port, [{**request, "weight": 1}], 16, options.duration, folder))
                    )
        memory_before = worker_memory(server)
        for clients in (int(c) for c in options.clients.split(",")):
            print(line("mix", clients, wrk(port, requests, clients, options.duration, folder)))
        print(memory_line("before / after the mixes", memory_before, worker_memory(server)))
        if options.soak:
            before_soak = worker_memory(server)
            print(
                line(f"mix, soak of {options.soak:.0f} s", 32, wrk(port, requests, 32, options.soak, folder))
            )
            print(memory_line("before / after the soak", before_soak, worker_memory(server)))
        print(f"load after: {os.getloadavg()[0]:.2f} (1 min)")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
