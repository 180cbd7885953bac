"""Two application instances on one PostgreSQL and one Redis: what must hold across hosts.

    .venv/bin/python bench/two_instances.py

Needs PostgreSQL (PLI_BENCH_TWO_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/pli_ops_two:
dropped and made again), Redis (PLI_BENCH_REDIS_URL, default redis://127.0.0.1:6379/13) and the
Statbel files. It starts two gunicorn instances with production settings, each on its own port
standing for a host, with the cache in Redis and the uploads in one shared folder, then checks:

1. a person who logs in on instance A is signed in on instance B (sessions in the database);
2. a personal API token made on A answers on both;
3. a statistics file uploaded on A (the imports page) shows on B's API within the documented delay
   (PLI_DATA_VERSION_TTL, 1 s), and how long it took;
4. both answer /health/ with the shared Redis cache.

It prints one line per check and exits 1 if one fails. The task workers' "never the same task twice"
is django-tasks' database backend's (a row locked as it is claimed); its check comes with the worker.
"""

import gzip
import http.cookiejar
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_test import BIN, DATA, ROOT, free_port  # noqa: E402

POSTGRES = os.environ.get("PLI_BENCH_TWO_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/pli_ops_two")
REDIS = os.environ.get("PLI_BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
EMAIL, PASSWORD = "coordination@example.be", "deux-instances-" + secrets.token_hex(6)
FAILURES = []


def environment(var: Path, media: Path, production: bool = True) -> dict:
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="pli.settings",
        PYTHONPATH=str(ROOT),
        DATABASE_URL=POSTGRES,
        CACHE_URL=REDIS,
        PLI_MEDIA_ROOT=str(media),
        PLI_VAR_DIR=str(var),
        PLI_DATA_DIR=str(DATA),
        PLI_ENVIRONMENT="production" if production else "development",
        SECRET_KEY="two-instances-"
        + "y" * 50,  # the same on every host: sessions and tokens are signed with it
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PLI_REQUIRE_2FA="0",
        LOG_LEVEL="WARNING",
        GUNICORN_WORKERS="2",
        GUNICORN_THREADS="2",
        GUNICORN_ACCESS_LOG="/dev/null",
    )


def pli(env: dict, *arguments: str) -> str:
    result = subprocess.run([str(BIN / "pli"), *arguments], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"pli {' '.join(arguments)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def prepare(env: dict) -> str:
    import psycopg

    base, name = POSTGRES.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    import redis

    redis.Redis.from_url(REDIS).flushdb()  # this check's own Redis database only
    dev = {**env, "PLI_ENVIRONMENT": "development"}
    pli(dev, "migrate", "--no-input", "-v0")
    pli(dev, "compilemessages", "--ignore=.venv", "-v0")
    pli(
        dev,
        "shell",
        "-c",
        f"""
from pathlib import Path
from territory.imports.refnis import load_refnis
from territory.imports.statbel import import_population
load_refnis(Path({str(DATA / "statbel_TU_COM_REFNIS_2022.txt")!r}))
import_population(Path({str(DATA / "statbel_Population_par_commune_1992-2024.xlsx")!r}))
from accounts.models import User
User.objects.create_user(email={EMAIL!r}, password={PASSWORD!r}, role="coordinator")
""",
    )
    out = pli(
        dev,
        "shell",
        "-c",
        f"""
from accounts.models import User
from accounts.tokens import create_token
print("TOKEN", create_token(User.objects.get(email={EMAIL!r}), "two instances", 1)[1])
""",
    )
    return out.split("TOKEN ", 1)[1].strip()


def start(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "pli.wsgi"],
        cwd=ROOT,
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        start_new_session=True,
    )
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=2):
                return server
        except OSError:
            time.sleep(0.5)
    sys.exit(f"the instance on port {port} did not start")


def check(label: str, ok: bool, detail: str = "") -> None:
    print(f"{'ok  ' if ok else 'FAIL'} {label}{': ' + detail if detail else ''}")
    if not ok:
        FAILURES.append(label)


class Browser:
    """A person's browser: one cookie jar, whatever host it talks to."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar(PlainHttp())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def get(self, url: str, headers=None):
        return self._open(urllib.request.Request(url, headers=headers or {}))

    def post(self, url: str, body: bytes, content_type: str):
        csrf = next((c.value for c in self.jar if c.name == "csrftoken"), "")
        request = urllib.request.Request(
            url, data=body, headers={"Content-Type": content_type, "X-CSRFToken": csrf, "Referer": url}
        )
        return self._open(request)

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=60) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


class PlainHttp(http.cookiejar.DefaultCookiePolicy):
    """The production cookies are `Secure`; here the proxy's TLS is left out, so they go over http."""

    def return_ok_secure(self, cookie, request):
        return True


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def multipart(fields: dict, file_field: str, file_name: str, data: bytes) -> tuple[bytes, str]:
    boundary = "pli" + secrets.token_hex(8)
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{file_name}"\r\n'
        "Content-Type: application/gzip\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def province_subset(year: int, province: str = "90000") -> bytes:
    with gzip.open(DATA / f"statbel_TF_SOC_POP_STRUCT_{year}.txt.gz", "rt", encoding="utf-8") as handle:
        header = next(handle)
        lines = [line for line in handle if f"|{province}|" in line]
    return gzip.compress((header + "".join(lines)).encode())


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="pli-two-"))
    media = folder / "shared-media"  # the folder both hosts mount (NFS), or an S3 bucket
    env_a = environment(folder / "host-a", media)
    env_b = environment(folder / "host-b", media)
    token = prepare(env_a)
    for env in (env_a, env_b):  # each host collects its own static files
        pli(env, "collectstatic", "--no-input", "-v0")
    port_a, port_b = free_port(), free_port()
    a, b = start(env_a, port_a), start(env_b, port_b)
    host_a, host_b = f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"
    try:
        person = Browser()
        person.get(f"{host_a}/compte/connexion/")
        status, _ = person.post(
            f"{host_a}/compte/connexion/",
            urllib.parse.urlencode({"username": EMAIL, "password": PASSWORD}).encode(),
            "application/x-www-form-urlencoded",
        )
        check("logged in on A", status == 302, f"status {status}")
        status, _ = person.get(f"{host_b}/")
        check("signed in on B with A's session", status == 200, f"status {status} for the home page")

        for host in (host_a, host_b):
            status, _ = Browser().get(f"{host}/api/v1/plan/plans/", {"Authorization": f"Bearer {token}"})
            check(f"the token answers on {host}", status == 200, f"status {status}")

        api = f"{host_b}/api/v1/territories/92094/indicators?year=2014"
        before = json.loads(Browser().get(api)[1])
        check("B has no 2014 nationality figures yet", before.get("non_belgian") is None)
        body, content_type = multipart(
            {"dataset": "statbel-structure"}, "file", "TF_SOC_POP_STRUCT_2014.txt.gz", province_subset(2014)
        )
        status, page = person.post(f"{host_a}/territoire/imports/", body, content_type)
        uploaded_at = time.monotonic()
        check(
            "the file is imported on A",
            status == 302,
            f"status {status} {re.sub(r'<[^>]+>', ' ', page)[:200]}",
        )
        seen, after = None, {}
        while time.monotonic() - uploaded_at < 10:
            after = json.loads(Browser().get(api)[1])
            if after.get("non_belgian") is not None:
                seen = time.monotonic() - uploaded_at
                break
            time.sleep(0.05)
        check(
            "B shows the import made on A",
            seen is not None,
            f"after {seen:.2f} s (PLI_DATA_VERSION_TTL = 1 s), {after.get('non_belgian')} non-Belgians in Namur"
            if seen is not None
            else "not within 10 s",
        )
        for host in (host_a, host_b):
            status, text = Browser().get(f"{host}/health/")
            cache = json.loads(text)["checks"]["cache"]
            check(
                f"{host}/health/ with the shared cache",
                status == 200 and cache["backend"] == "RedisCache",
                text[:160],
            )
    finally:
        for server in (a, b):
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    sys.exit(1 if FAILURES else 0)


if __name__ == "__main__":
    main()
