"""Benchmark: ranking the experts of a request (2,000 people, 200 expertise areas) and the reactivity
report over 5,000 requests.

    .venv/bin/python bench/expertise.py

The ranking is the pure function `expertise.ranking.rank` on generated candidates (no database): median
and p95 over RUNS rankings of different requests. The report runs on a temporary SQLite database
(migrated, then 5,000 requests over two years with their areas and timestamps written in bulk):
`expertise.reactivity.build()` timed RUNS times after a warm-up. The figures go to docs/performance.md
by hand. Targets (issue 12): ranking under 50 ms median, report under 200 ms.
"""

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEED = 20220224
PEOPLE, AREAS, REQUESTS, RUNS = 2_000, 200, 5_000, 30


def timed(function, runs=RUNS, warm_up=3) -> tuple[float, float]:
    for _ in range(warm_up):
        function()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def bench_ranking(rng) -> None:
    from expertise.ranking import AreaTree, Candidate, Need, Place, rank

    roots = list(range(1, 21))  # 20 roots with 9 children each: 200 areas
    parents = dict.fromkeys(roots)
    for child in range(21, AREAS + 1):
        parents[child] = roots[(child - 21) % 20]
    tree = AreaTree(parents, {area: f"Domaine {area}" for area in parents})
    places = [Place(c, 1000 + c // 10, "9" + str(c // 100)) for c in range(400)]
    languages = ["fr", "ar", "en", "nl", "uk", "ru", "ti", "prs", "es", "tr"]
    people = [
        Candidate(
            id=pk,
            name=f"Expert {pk}",
            areas=frozenset(rng.sample(range(1, AREAS + 1), rng.randint(1, 5))),
            place=rng.choice(places),
            languages=frozenset(rng.sample(languages, rng.randint(1, 3))),
            open_load=rng.randint(0, 4),
            past_answers=[
                (frozenset(rng.sample(range(1, AREAS + 1), 2)), rng.choice([None, 3, 4, 5]))
                for _ in range(rng.randint(0, 6))
            ],
        )
        for pk in range(PEOPLE)
    ]
    needs = [
        Need(
            frozenset(rng.sample(range(21, AREAS + 1), 2)),
            places=[rng.choice(places)],
            languages=frozenset(rng.sample(languages, 2)),
        )
        for _ in range(RUNS + 3)
    ]
    it = iter(needs * 2)
    median, p95 = timed(lambda: rank(next(it), people, tree, limit=15))
    print(f"ranking, {PEOPLE} people, {AREAS} areas: median {median:.1f} ms, p95 {p95:.1f} ms")


def bench_report(rng) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from expertise.models import ExpertiseRequest
    from expertise.reactivity import build
    from vocabulary.models import ExpertiseArea, Urgency

    call_command("migrate", verbosity=0)
    areas = list(ExpertiseArea.objects.values_list("pk", flat=True))
    urgencies = list(Urgency.objects.all())
    now = timezone.now()
    rows = []
    for _ in range(REQUESTS):
        urgency = rng.choice(urgencies)
        received = now - timedelta(days=rng.uniform(0, 730))
        request = ExpertiseRequest(
            origin=rng.choice(["field", "societal"]),
            title="Demande",
            question="?",
            urgency=urgency,
            received_at=received,
        )
        request.set_due_dates()
        request.qualified_at = received + timedelta(hours=rng.uniform(1, 72))
        if rng.random() < 0.85:
            request.first_answer_at = request.qualified_at + timedelta(hours=rng.uniform(4, 400))
            if rng.random() < 0.85:
                request.closed_at = request.first_answer_at + timedelta(hours=rng.uniform(4, 300))
                request.feedback_rating = rng.randint(1, 5)
                request.state = "closed"
            else:
                request.state = "answered"
        else:
            request.state = "solicited"
        rows.append(request)
    ExpertiseRequest.objects.bulk_create(rows, batch_size=500)
    through = ExpertiseRequest.areas.through
    through.objects.bulk_create(
        [
            through(expertiserequest_id=r.pk, expertisearea_id=a)
            for r in ExpertiseRequest.objects.only("pk")
            for a in rng.sample(areas, 2)
        ],
        batch_size=1000,
    )
    median, p95 = timed(build, runs=20)
    print(f"reactivity report, {REQUESTS} requests: median {median:.1f} ms, p95 {p95:.1f} ms")


def main() -> None:
    folder = tempfile.mkdtemp(prefix="pli-bench-expertise-")
    os.environ.setdefault("PLI_ENVIRONMENT", "test")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pli.settings")
    import django

    django.setup()
    rng = random.Random(SEED)
    bench_ranking(rng)
    bench_report(rng)


if __name__ == "__main__":
    main()
