"""Benchmark: the documents of the demo (issue 14).

    make setup && PLI_ENVIRONMENT=demo .venv/bin/python bench/documents.py

Reads the platform's own database (DATABASE_URL, by default the SQLite file of `make run`) with the
statistics and the demo loaded. Builds, as a coordinator and without the cache (a fresh media folder),
the full PPLI 2.0 as PDF and as Word (31 priorities, 69 recommendations, the 38-commune map, the charts)
and the portrait of Namur as PDF, ROUNDS times each after one warm-up (the first build in a process
also starts vl-convert's JavaScript engine and loads the fonts), then times a cached download through
the page (the POST that answers with the file). Prints the median and the slowest of each.
The figures go to docs/performance.md by hand.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 3


def timed(function, rounds=ROUNDS) -> list[float]:
    start = time.perf_counter()
    function()  # warm-up: a first build also starts vl-convert and draws the charts (memoised after)
    print(f"  (first run: {time.perf_counter() - start:.3f} s)")
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def show(label: str, times: list[float], goal: float) -> None:
    worst = max(times)
    verdict = "ok" if worst < goal else "SLOWER THAN THE GOAL"
    print(
        f"{label:<44} median {statistics.median(times):7.3f} s   slowest {worst:7.3f} s   goal < {goal} s: {verdict}"
    )


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pli.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    from accounts.models import User
    from plan.models import Plan
    from reports import documents

    settings.ALLOWED_HOSTS = ["*"]
    translation.activate("fr")
    plan = Plan.objects.filter(version_label="PPLI 2.0").first()
    user = User.objects.filter(role="coordinator", is_active=True).first()
    if plan is None or user is None:
        sys.exit("No demo PPLI 2.0: run `make setup` (or `pli demo`) first.")
    settings.MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="pli-bench-documents-"))

    def fresh(kind, params, fmt):
        def build():
            key = documents.cache_key(kind, params, user, fmt)
            documents.cache_path(key, fmt).unlink(missing_ok=True)
            documents.build(kind, params, fmt, user)

        return build

    print(f"{plan} ({plan.priorities.count()} priorities), as {user.email}, {ROUNDS} rounds after a warm-up")
    show("plan PDF (PPLI 2.0, uncached)", timed(fresh("plan", {"plan": plan.pk}, "pdf")), 5)
    show("plan Word (PPLI 2.0, uncached)", timed(fresh("plan", {"plan": plan.pk}, "docx")), 5)
    show(
        "portrait PDF (Namur vs its province, uncached)",
        timed(fresh("portrait", {"nis": "92094", "compare": ""}, "pdf")),
        2,
    )
    client = Client()
    client.force_login(user)
    url = reverse("reports:plan_document", kwargs={"pk": plan.pk, "fmt": "pdf"})
    documents.build("plan", {"plan": plan.pk}, "pdf", user)

    def cached_download():
        response = client.post(url)
        assert response.status_code == 200, response.status_code
        b"".join(response.streaming_content)

    show("cached download of the plan PDF (page POST)", timed(cached_download, rounds=20), 0.05)


if __name__ == "__main__":
    main()
