"""Benchmark: territory page and indicators API under 16 concurrent clients (median and p99).

    DATABASE_URL=sqlite:///var/pli.sqlite3 .venv/bin/python bench/page_latency.py

Runs against a database where the statistics are loaded (after `make run` or `pli setup_data`):
starts gunicorn on 127.0.0.1:8799 (3 workers × 4 threads), warms each URL up, then measures with
wrk (16 connections, 10 s) when it is installed (Debian package `wrk`: a light client that leaves the
two cores to the server), or else with 16 Python threads. Stops the server at the end.
"""

import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 8799
CLIENTS = 16
REQUESTS_PER_URL = 400
URLS = [
    "/territoire/90000/",
    "/territoire/92094/",
    "/api/v1/territories/90000/indicators",
    "/api/v1/territories/92094/indicators",
]


def timed(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{url}", timeout=30) as response:
        response.read()
        assert response.status == 200
    return (time.perf_counter() - start) * 1000


def main():
    env = dict(os.environ, PLI_ENVIRONMENT=os.environ.get("PLI_ENVIRONMENT", "demo"))
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "pli.wsgi",
            "-b",
            f"127.0.0.1:{PORT}",
            "-w",
            "2",
            "--threads",
            "8",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                timed(URLS[0])
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("the server did not start")
        if shutil.which("wrk"):
            print(f"wrk, {CLIENTS} connections, 10 s per URL after a 3 s warm-up")
            for url in URLS:
                target = f"http://127.0.0.1:{PORT}{url}"
                subprocess.run(
                    ["wrk", "-t2", f"-c{CLIENTS}", "-d3s", target], capture_output=True, check=True
                )
                out = subprocess.run(
                    ["wrk", "-t2", f"-c{CLIENTS}", "-d10s", "--latency", target],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                figures = dict(re.findall(r"^\s+(50%|99%)\s+(\S+)", out, re.M))
                rate = re.search(r"Requests/sec:\s+(\S+)", out).group(1)
                print(f"{url:45} median {figures['50%']:>9}   p99 {figures['99%']:>9}   {rate} req/s")
            return
        print(f"{CLIENTS} concurrent Python clients, {REQUESTS_PER_URL} requests per URL")
        for url in URLS:
            with ThreadPoolExecutor(CLIENTS) as pool:
                for _ in pool.map(timed, [url] * 32):  # warm-up
                    pass
                times = sorted(pool.map(timed, [url] * REQUESTS_PER_URL))
            p99 = times[int(len(times) * 0.99) - 1]
            print(f"{url:45} median {statistics.median(times):7.1f} ms   p99 {p99:7.1f} ms")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
