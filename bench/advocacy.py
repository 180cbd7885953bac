"""Benchmark: the chain of evidence of an interpellation with 30 links, and the watch board over 2,000
alerts (issue 13: under 50 ms and 100 ms median).

    .venv/bin/python bench/advocacy.py      (needs PLI_DATA_DIR or ../shared/data for REFNIS)

In a child process on a temporary SQLite database (DEBUG off): migrate, load REFNIS, generate 2,000
alerts over two years in the Province de Namur with about 3,000 dated reactions, and one interpellation
citing 30 links (15 findings with two statistics each, 8 recommendations of a published plan, 5
quotations from minutes, 2 alerts); then, logged in as a coordinator with Django's test client, time the
printable chain page (/plaidoyer/interpellations/<id>/chaine/), its public version, the interpellation
page, and the watch board (/plaidoyer/alertes/): median and p95 over REQUESTS requests after a warm-up.
The figures go to docs/performance.md by hand.
"""

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("PLI_DATA_DIR") or ROOT.parent / "shared" / "data")
SEED = 20261206
ALERTS = 2_000
REQUESTS = 50
WARM_UP = 5


def run_child(database_url: str, var_dir: str) -> dict:
    env = dict(
        os.environ,
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="pli.settings",
        PLI_ENVIRONMENT="development",
        PLI_VAR_DIR=var_dir,
        PLI_REQUIRE_2FA="false",
        DEBUG="false",
        LOG_LEVEL="ERROR",
        PLI_DATA_DIR=str(DATA),
    )
    result = subprocess.run(
        [sys.executable, __file__, "--child"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-4000:])
        raise SystemExit("the benchmark failed")
    return json.loads(result.stdout.strip().splitlines()[-1])


def generate():
    from django.utils import timezone

    from accounts.choices import Role
    from accounts.models import User
    from advocacy.models import Alert, AlertAction, ChainLink, Interpellation
    from diagnostic.models import Diagnostic, Evidence, Finding
    from network.models import ConcertationSpace, Meeting, Organisation
    from plan.models import Plan, Priority, Recommendation
    from territory.models import Territory
    from vocabulary.models import Authority, Axis, OrganisationType

    rng = random.Random(SEED)
    coordinator = User.objects.create_user("bench@example.org", "x-bench-password-1", role=Role.COORDINATOR)
    province = Territory.objects.get(nis_code="90000")
    communes = list(Territory.objects.filter(level="commune", province_code="90000"))
    axes = list(Axis.objects.filter(framework="pcs-2014"))
    today = date.today()
    alerts = [
        Alert(
            title=f"Alerte {i}",
            description="Une question critique d'accès aux droits.",
            axis=rng.choice(axes),
            severity=rng.choice(["critical", "high", "medium", "low"]),
            emerged_on=today - timedelta(days=rng.randint(0, 730)),
            status=rng.choice(["open", "open", "open", "to_qualify", "closed"]),
        )
        for i in range(ALERTS)
    ]
    Alert.objects.bulk_create(alerts, batch_size=500)
    alerts = list(Alert.objects.all())
    through = Alert.territories.through
    through.objects.bulk_create(
        [through(alert=a, territory=rng.choice(communes)) for a in alerts], batch_size=1000
    )
    kinds = ["expertise", "position", "interpellation", "concertation", "no_action"]
    actions = [
        AlertAction(
            alert=a,
            kind=rng.choice(kinds),
            acted_on=a.emerged_on + timedelta(days=rng.randint(0, 40)),
            note="…",
        )
        for a in alerts
        for _ in range(rng.choice([0, 1, 1, 2, 3]))
    ]
    AlertAction.objects.bulk_create(actions, batch_size=1000)

    diagnostic = Diagnostic.objects.create(
        title="Diagnostic", territory=province, period="2016-2017", status="published"
    )
    findings = []
    for i in range(15):
        finding = Finding.objects.create(
            diagnostic=diagnostic, statement=f"Constat {i}", axis=rng.choice(axes)
        )
        finding.territories.set([rng.choice(communes)])
        for indicator in ("population", "non_belgian_share"):
            Evidence.objects.create(
                finding=finding,
                territory=rng.choice(communes),
                indicator=indicator,
                year=2010,
                value=1000.0,
                source_label="Statbel",
            )
        findings.append(finding)
    plan = Plan.objects.create(
        kind="ppli",
        title="PPLI",
        territory=province,
        status="closed",
        is_published=True,
        start_year=2016,
        end_year=2019,
    )
    priority = Priority.objects.create(plan=plan, axis=axes[0], number=1, title="Priorité")
    recommendations = [
        Recommendation.objects.create(priority=priority, number=i + 1, title=f"Recommandation {i}")
        for i in range(8)
    ]
    centre = Organisation.objects.create(
        name="Centre",
        sector="associative",
        type=OrganisationType.objects.get(code="cri"),
        commune=communes[0],
    )
    space = ConcertationSpace.objects.create(
        name="Plateforme", kind="statutory", territory=province, carried_by=centre
    )
    start = timezone.now() - timedelta(days=30)
    meetings = [
        Meeting.objects.create(
            space=space,
            title=f"Réunion {i}",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            minutes="Une phrase du procès-verbal.",
        )
        for i in range(5)
    ]
    interpellation = Interpellation.objects.create(
        subject="Interpellation",
        text="Madame la Ministre…",
        authority=Authority.objects.get(code="ministre-wallon-integration"),
        phase="sent",
        sent_on=today - timedelta(days=50),
        is_published=True,
    )
    links = [ChainLink(kind="finding", finding=f) for f in findings]
    links += [ChainLink(kind="recommendation", recommendation=r) for r in recommendations]
    links += [
        ChainLink(kind="quotation", meeting=m, quotation="« Une phrase du procès-verbal. »") for m in meetings
    ]
    links += [ChainLink(kind="alert", alert=a) for a in alerts[:2]]
    for order, link in enumerate(links, start=1):
        link.interpellation, link.order = interpellation, order
    ChainLink.objects.bulk_create(links)
    return coordinator, interpellation, len(actions)


def measure(coordinator, interpellation) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    client = Client(SERVER_NAME="localhost")
    client.force_login(coordinator)
    anonymous = Client(SERVER_NAME="localhost")
    chain_url = reverse("advocacy:interpellation_chain", args=[interpellation.pk])
    cases = [
        ("chain of 30 links (coordinator)", client, chain_url),
        ("public chain (anonymous)", anonymous, chain_url),
        ("interpellation page (coordinator)", client, interpellation.get_absolute_url()),
        ("watch board, 2,000 alerts", client, reverse("advocacy:alert_list")),
    ]
    results = []
    for label, who, url in cases:
        for _ in range(WARM_UP):
            assert who.get(url).status_code == 200, url
        times = []
        for _ in range(REQUESTS):
            begin = time.perf_counter()
            who.get(url)
            times.append((time.perf_counter() - begin) * 1000)
        with CaptureQueriesContext(connection) as queries:
            who.get(url)
        times.sort()
        results.append(
            {
                "case": label,
                "median": statistics.median(times),
                "p95": times[int(len(times) * 0.95) - 1],
                "queries": len(queries),
            }
        )
    return results


def child() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from territory.imports.refnis import load_refnis

    call_command("migrate", verbosity=0)
    load_refnis(DATA / "statbel_TU_COM_REFNIS_2022.txt")
    coordinator, interpellation, actions = generate()
    if os.environ.get("PLI_BENCH_PROFILE"):
        import cProfile
        import pstats

        from advocacy import chain

        chain.build(interpellation, coordinator)
        cProfile.runctx(
            "for _ in range(20): chain.build(interpellation, coordinator)",
            globals(),
            locals(),
            "/tmp/advocacy_prof",
        )
        pstats.Stats("/tmp/advocacy_prof", stream=sys.stderr).sort_stats("cumulative").print_stats(25)
        raise SystemExit(1)
    print(
        json.dumps(
            {
                "generated": f"{ALERTS:,} alerts, {actions:,} reactions, 30 links",
                "cases": measure(coordinator, interpellation),
            }
        )
    )


def main() -> None:
    if "--child" in sys.argv:
        child()
        return
    with tempfile.TemporaryDirectory() as folder:
        result = run_child(f"sqlite:///{folder}/bench.sqlite3", folder)
    print(f"SQLite: {result['generated']}; {REQUESTS} requests after {WARM_UP} warm-ups")
    for case in result["cases"]:
        print(
            f"{case['case']:38} median {case['median']:7.1f} ms  p95 {case['p95']:7.1f} ms  {case['queries']:3} queries"
        )


if __name__ == "__main__":
    main()
