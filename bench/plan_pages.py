"""Benchmark: the pages of the demo plans (PPLI 2016-2019: 30 priorities, 64 recommendations).

    make setup && PLI_ENVIRONMENT=demo .venv/bin/python bench/plan_pages.py

Reads the platform's own database (DATABASE_URL, by default the SQLite file of `make run`) with the
demo content loaded by `pli demo`. With Django's test client and DEBUG off, as a coordinator and as an
anonymous visitor, it times each page REQUESTS times after a warm-up and prints the median, the p95 and
the number of SQL queries. The figures go to docs/performance.md by hand.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = 30
WARM_UP = 3


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pli.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from plan.models import Plan, Recommendation

    settings.ALLOWED_HOSTS = ["*"]
    closed = Plan.objects.filter(is_demo=True, status="closed").first()
    preparing = Plan.objects.filter(is_demo=True, status="preparation").first()
    if closed is None or preparing is None:
        sys.exit("No demo plans: run `make setup` (or `pli demo`) first.")
    recommendation = Recommendation.objects.filter(priority__plan=closed, updates__isnull=False).first()
    coordinator = User.objects.filter(role="coordinator").first()
    cases = [
        ("coordinator", "plan page (64 recommendations)", f"/plan/{closed.pk}/"),
        ("coordinator", "plan dashboard", f"/plan/{closed.pk}/tableau-de-bord/"),
        ("coordinator", "coverage map GeoJSON", f"/plan/{closed.pk}/carte.geojson"),
        ("coordinator", "recommendation page", f"/plan/recommandations/{recommendation.pk}/"),
        ("coordinator", "compare two versions", f"/plan/{preparing.pk}/comparer/?avec={closed.pk}"),
        ("anonymous", "public plan page", f"/plan/{closed.pk}/"),
        ("anonymous", "public recommendation page", f"/plan/recommandations/{recommendation.pk}/"),
        ("anonymous", "plan API (recommendations)", f"/api/v1/plan/plans/{closed.pk}/recommendations"),
    ]
    print(f"database: {connection.vendor}; {REQUESTS} requests per case after {WARM_UP} warm-up")
    print(f"{'who':<12} {'page':<34} {'median':>8} {'p95':>8} {'queries':>8}")
    for who, label, url in cases:
        client = Client()
        if who == "coordinator":
            client.force_login(coordinator)
        for _ in range(WARM_UP):
            assert client.get(url).status_code == 200, url
        timings = []
        for _ in range(REQUESTS):
            start = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        p95 = statistics.quantiles(timings, n=20)[-1]
        print(f"{who:<12} {label:<34} {statistics.median(timings):>6.1f}ms {p95:>6.1f}ms {len(queries):>8}")


if __name__ == "__main__":
    main()
