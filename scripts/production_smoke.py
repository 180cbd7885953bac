"""The production path, end to end: collectstatic with the production settings into a temporary folder,
gunicorn with DEBUG off on a free loopback port, then a page, a hashed static file and the API must
answer. Run by scripts/test.sh; exits non-zero with one line per failure.

    .venv/bin/python scripts/production_smoke.py
"""

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
START_TIMEOUT = 30  # seconds for gunicorn to answer


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def run(command: list[str], env: dict) -> None:
    print("$", " ".join(command), flush=True)
    subprocess.run(command, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, timeout=300)


def checks(base: str) -> list[str]:
    failures = []
    status, headers, body = get(f"{base}/compte/connexion/")
    page = body.decode(errors="replace")
    if status != 200 or "Se connecter" not in page:
        failures.append(f"the login page answered {status}")
    if "default-src 'self'" not in headers.get("Content-Security-Policy", ""):
        failures.append("the login page has no Content-Security-Policy")
    found = re.search(r'href="(/static/pli/pli\.[0-9a-f]{12}\.css)"', page)
    if not found:
        failures.append("the page does not name a hashed stylesheet (no manifest?)")
    else:
        status, headers, body = get(base + found.group(1))
        if status != 200 or b"{" not in body:
            failures.append(f"{found.group(1)} answered {status}")
        elif "immutable" not in headers.get("Cache-Control", ""):
            failures.append(f"{found.group(1)} is not cached for good: {headers.get('Cache-Control')}")
    status, _headers, body = get(f"{base}/api/v1/territories/?limit=1")
    try:
        payload = json.loads(body)
    except ValueError:
        payload = None
    if status != 200 or not isinstance(payload, dict) or "items" not in payload:
        failures.append(f"the API answered {status}: {body[:200]!r}")
    status, _headers, body = get(f"{base}/nulle-part/")
    if status != 404 or b"Traceback" in body:
        failures.append(f"an unknown page answered {status} (expected the French 404 without details)")
    return failures


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="pli-production-"))
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PLI_", "DATABASE_URL", "DJANGO_"))
    }
    env.update(
        PLI_ENVIRONMENT="production",
        PLI_VAR_DIR=str(folder),
        SECRET_KEY=secrets.token_urlsafe(50),
        DEBUG="0",
        # what the production checks (pli/checks.py) ask for; nothing is sent during the smoke test
        ALLOWED_HOSTS="pli.smoke.invalid,127.0.0.1",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        DEFAULT_FROM_EMAIL="pli@smoke.invalid",
        PLI_BASE_URL="https://pli.smoke.invalid",
    )
    port = free_port()
    server = None
    try:
        run([str(BIN / "pli"), "migrate", "--no-input"], env)
        run([str(BIN / "pli"), "compilemessages", "--ignore=.venv", "--verbosity", "0"], env)
        run([str(BIN / "pli"), "collectstatic", "--no-input"], env)
        command = [str(BIN / "gunicorn"), "pli.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
        print("$", " ".join(command), flush=True)
        server = subprocess.Popen(command, env=env, cwd=ROOT, stderr=subprocess.PIPE, text=True)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    print("gunicorn did not start:", server.stderr.read() if server.stderr else "")
                    return 1
                time.sleep(0.3)
        failures = checks(base)
    except subprocess.CalledProcessError as error:
        failures = [f"{' '.join(error.cmd)} failed with status {error.returncode}"]
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(folder, ignore_errors=True)
    for failure in failures:
        print("production:", failure)
    if not failures:
        print("production: gunicorn with DEBUG off served a page, a hashed static file and the API.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
