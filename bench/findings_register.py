"""Benchmark: the findings register page and its search, with 10,000 findings and 30,000 reviews.

    .venv/bin/python bench/findings_register.py      (needs PLI_DATA_DIR or ../shared/data)

Runs on a temporary SQLite database, then on PostgreSQL at PLI_BENCH_FINDINGS_POSTGRES_URL (default
postgres://postgres@127.0.0.1:5432/pli_bench_findings) when a server answers there; that database is
created for the run and dropped after it. Each run, in a child process: migrate, load REFNIS, generate
the findings of the Province de Namur from word lists (statements that read like real ones, so that the
search has something to find: accents, plurals, several words), their territories, publics, sources,
wordings, three review campaigns with 30,000 reviews and the final verdicts; then, logged in as a
coordinator with Django's test client and DEBUG off, time the register page filtered by axis, by
territory, by both, and full-text searches: median and p95 over REQUESTS requests per case, after a
warm-up. The figures go to docs/performance.md by hand.
"""

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("PLI_DATA_DIR") or ROOT.parent / "shared" / "data")
POSTGRES = os.environ.get(
    "PLI_BENCH_FINDINGS_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/pli_bench_findings"
)
SEED = 20170630
FINDINGS = 10_000
REVIEWS = 30_000
REQUESTS = 50
WARM_UP = 5
PROVINCE = "90000"

SUBJECTS = [
    "Les primo-arrivants",
    "Les demandeurs de protection internationale",
    "Les MENA mis en autonomie",
    "Les femmes migrantes",
    "Les personnes âgées immigrées",
    "Les jeunes d'origine étrangère",
    "Les travailleurs étrangers",
    "Les familles réfugiées",
    "Les élèves primo-arrivants et leurs parents",
    "Les personnes sans titre de séjour",
    "Les résidents des centres d'accueil",
    "Les apprenants en alphabétisation",
]
PROBLEMS = [
    ("logement-environnement", "peinent à accéder aux logements sociaux"),
    ("logement-environnement", "subissent des refus de location liés à leur origine"),
    ("logement-environnement", "vivent dans des logements insalubres ou surpeuplés"),
    ("formation", "attendent plus de six mois une place en cours de français (FLE)"),
    ("formation", "ne trouvent pas d'école avec une classe DASPA proche"),
    ("formation", "ne trouvent pas de garderie pendant les cours"),
    ("sante-aide-sociale", "manquent d'interprètes lors des consultations médicales"),
    ("sante-aide-sociale", "renoncent aux soins de santé mentale faute de services adaptés"),
    ("sante-aide-sociale", "sont exclus des démarches administratives en ligne"),
    ("travail", "se heurtent à des discriminations à l'embauche"),
    ("travail", "attendent l'équivalence de leurs diplômes pendant des mois"),
    ("travail", "n'ont pas de transport vers les lieux de formation et d'emploi"),
    ("revenu-digne", "connaissent mal leurs droits sociaux et les allocations familiales"),
    ("revenu-digne", "dépendent de l'aide du CPAS plus longtemps que nécessaire"),
    ("epanouissement", "participent peu aux activités culturelles et sportives"),
    ("epanouissement", "restent isolés dans les villages, sans lieux de rencontre interculturels"),
]
CONTEXTS = [
    "à {commune}",
    "dans l'arrondissement de {arrondissement}",
    "dans les communes rurales de l'arrondissement de {arrondissement}",
    "en province de Namur",
    "depuis la fermeture d'un service à {commune}",
    "malgré les actions du PCS de {commune}",
]
DESCRIPTIONS = [
    "Constat partagé par les partenaires lors des focus groups ; les délais s'allongent depuis deux ans.",
    "Les services de première ligne signalent des situations chaque semaine, surtout pour les familles nombreuses.",
    "Les écoles et les associations relèvent le même problème ; aucune solution locale n'existe.",
    "Les permanences sociales des ILI orientent faute de mieux vers des services éloignés.",
    "Les chiffres des opérateurs montrent des listes d'attente en hausse.",
    "",
    "",
]
RATIONALES = [
    "Le constat reste valide selon les partenaires interrogés.",
    "Les rapports d'activités des ILI font le même constat.",
    "Le PCS de la commune prévoit une action sur ce point.",
    "Les centres d'accueil confirment la situation pour leurs résidents.",
    "Les espaces de concertation en ont encore parlé cette année.",
    "La situation a changé depuis le diagnostic ; la formulation doit évoluer.",
]
SEARCHES = [
    "ecoles",
    "écoles DASPA",
    "logement social",
    "interprètes",
    "primo-arrivants",
    "santé mentale",
    "discriminations embauche",
    "cours de français",
]


# --- parent: one child process per database ------------------------------------------------------


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
        raise SystemExit(f"the benchmark failed on {database_url.split('://')[0]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def postgres_admin(statement_for):
    import psycopg

    base, name = POSTGRES.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True, connect_timeout=3) as connection:
        for statement in statement_for(name):
            connection.execute(statement)


def reset_postgres() -> bool:
    import psycopg

    try:
        postgres_admin(lambda name: [f'drop database if exists "{name}"', f'create database "{name}"'])
        return True
    except psycopg.OperationalError as error:
        print(f"PostgreSQL: skipped ({str(error).strip().splitlines()[0]})")
        return False


def drop_postgres() -> None:
    postgres_admin(lambda name: [f'drop database if exists "{name}" with (force)'])


def report(label: str, figures: dict) -> None:
    print(f"\n{label}: {figures['generated']}")
    print("  findings found: " + ", ".join(f"{q!r} {n:,}" for q, n in figures["matches"].items()))
    print(f"  {'case':58} {'median':>8} {'p95':>8} {'queries':>8} {'rows':>6}")
    for case in figures["cases"]:
        if "error" in case:
            print(f"  {case['name']:58} {case['error']}")
            continue
        print(
            f"  {case['name']:58} {case['median']:6.1f}ms {case['p95']:6.1f}ms "
            f"{case['queries']:>8} {case['rows']:>6}"
        )


def main():
    if not (DATA / "statbel_TU_COM_REFNIS_2022.txt").exists():
        raise SystemExit(f"REFNIS file not found in {DATA} (set PLI_DATA_DIR)")
    print(
        f"{FINDINGS:,} findings, {REVIEWS:,} reviews; {REQUESTS} requests per case after {WARM_UP} "
        "for warm-up; coordinator logged in, DEBUG off"
    )
    with tempfile.TemporaryDirectory() as folder:
        report("SQLite", run_child(f"sqlite:///{folder}/bench.sqlite3", folder))
        if reset_postgres():
            try:
                report("PostgreSQL", run_child(POSTGRES, folder))
            finally:
                drop_postgres()


# --- child: generate, then measure -----------------------------------------------------------------


def child() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from territory.imports.refnis import load_refnis

    call_command("migrate", verbosity=0)
    load_refnis(DATA / "statbel_TU_COM_REFNIS_2022.txt")
    start = time.perf_counter()
    coordinator, counts = generate()
    generated = (
        f"{counts['findings']:,} findings, {counts['reviews']:,} reviews, {counts['settlements']:,} "
        f"final verdicts, {counts['wordings']:,} wordings generated in {time.perf_counter() - start:.1f} s"
    )
    from diagnostic import search
    from diagnostic.models import Finding

    matches = {q: search.filter_queryset(Finding.objects.all(), q).count() for q in SEARCHES}
    print(json.dumps({"generated": generated, "matches": matches, "cases": measure(coordinator)}))


def generate():
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from accounts.choices import Role
    from diagnostic.choices import FindingStatus, Lens, SourceKind, Verdict
    from diagnostic.models import (
        Diagnostic,
        Finding,
        FindingReview,
        FindingSource,
        FindingWording,
        ReviewCampaign,
        Settlement,
    )
    from diagnostic.search import normalise
    from territory.choices import Level
    from territory.models import Territory
    from vocabulary.models import Axis, Public

    rng = random.Random(SEED)
    users = get_user_model().objects
    coordinator = users.create_user("coordination@bench.example.org", None, role=Role.COORDINATOR)
    reviewers = [coordinator] + [
        users.create_user(f"relecteur{i}@bench.example.org", None, role=Role.COORDINATOR) for i in range(4)
    ]
    province = Territory.objects.get(nis_code=PROVINCE)
    communes = list(
        Territory.objects.active()
        .filter(level=Level.COMMUNE, province_code=PROVINCE)
        .select_related("parent")
    )
    axes = {a.code.removeprefix("pcs-2014-"): a for a in Axis.objects.filter(framework="pcs-2014")}
    publics = list(Public.objects.all())
    now = timezone.now()
    statuses = [
        (FindingStatus.IN_FORCE, 55),
        (FindingStatus.CONFIRMED, 20),
        (FindingStatus.NUANCED, 10),
        (FindingStatus.OBSOLETE, 5),
        (FindingStatus.REPLACED, 3),
        (FindingStatus.DRAFT, 7),
    ]
    status_values, status_weights = zip(*statuses, strict=True)
    source_kinds = [
        (SourceKind.DIAGNOSTIC_2016, 50),
        (SourceKind.PCS_PST, 15),
        (SourceKind.ILI, 12),
        (SourceKind.STRUCTURES, 10),
        (SourceKind.FIELD, 10),
        (SourceKind.STATISTIC, 3),
    ]
    kind_values, kind_weights = zip(*source_kinds, strict=True)
    verdicts = [Verdict.CONFIRMED] * 6 + [Verdict.NUANCED] * 2 + [Verdict.OBSOLETE, Verdict.REPLACED]

    def detail(kind, commune):
        return {
            SourceKind.DIAGNOSTIC_2016: "Grille de synthèse de l'arrondissement de " + commune.parent.name_fr,
            SourceKind.PCS_PST: f"PCS de {commune.name_fr}",
            SourceKind.ILI: "Plateforme des ILI",
            SourceKind.STRUCTURES: rng.choice(["CADA de Florennes", "CADA de Gembloux", "Structures MENA"]),
            SourceKind.FIELD: f"Espace décentralisé de {commune.parent.name_fr.removeprefix('Arrondissement de ')}",
            SourceKind.STATISTIC: "",
        }[kind]

    with transaction.atomic():
        diagnostics = [
            Diagnostic.objects.create(
                title=title, territory=province, period=period, status=status, method="Banc d'essai."
            )
            for title, period, status in [
                ("Méta-diagnostic provincial 2016-2017", "2016-2017", "published"),
                ("Actualisation PPLI 2.0", "2023-2025", "draft"),
                ("Diagnostic de l'arrondissement de Dinant", "2019", "published"),
                ("Diagnostic de l'arrondissement de Philippeville", "2021", "published"),
                ("Diagnostic local de Sambreville", "2022", "closed"),
            ]
        ]
        findings, plans = [], []
        for index in range(FINDINGS):
            commune = rng.choice(communes)
            axis_code, problem = rng.choice(PROBLEMS)
            context = rng.choice(CONTEXTS).format(
                commune=commune.name_fr,
                arrondissement=commune.parent.name_fr.removeprefix("Arrondissement de "),
            )
            statement = f"{rng.choice(SUBJECTS)} {problem} {context}"
            description = rng.choice(DESCRIPTIONS)
            kinds = set(rng.choices(kind_values, kind_weights, k=rng.choice([1, 1, 2])))
            sources = [(kind, detail(kind, commune)) for kind in sorted(kinds)]
            if rng.random() < 0.6:
                territories = [commune]
            elif rng.random() < 0.6:
                territories = [commune.parent]
            else:
                territories = rng.sample(communes, 2) if rng.random() < 0.5 else [province]
            status = rng.choices(status_values, status_weights)[0]
            created = now - timedelta(days=rng.randint(30, 3000))
            findings.append(
                Finding(
                    diagnostic=diagnostics[index % len(diagnostics)],
                    statement=statement,
                    description=description,
                    axis=axes[axis_code],
                    status=status,
                    search_text=normalise(f"{statement} {description} {' '.join(d for _k, d in sources)}"),
                    created_at=created,
                    created_by=coordinator,
                )
            )
            plans.append((territories, rng.sample(publics, rng.choice([1, 1, 2])), sources, created))
        Finding.objects.bulk_create(findings, batch_size=1000)

        through_t, through_p = Finding.territories.through, Finding.publics.through
        through_t.objects.bulk_create(
            [
                through_t(finding_id=f.pk, territory_id=t.pk)
                for f, (ts, *_rest) in zip(findings, plans, strict=True)
                for t in ts
            ],
            batch_size=2000,
        )
        through_p.objects.bulk_create(
            [
                through_p(finding_id=f.pk, public_id=p.pk)
                for f, (_t, ps, *_rest) in zip(findings, plans, strict=True)
                for p in ps
            ],
            batch_size=2000,
        )
        FindingSource.objects.bulk_create(
            [
                FindingSource(finding=f, kind=kind, detail=text)
                for f, (_t, _p, sources, _c) in zip(findings, plans, strict=True)
                for kind, text in sources
            ],
            batch_size=2000,
        )
        wordings = [
            FindingWording(finding=f, text=f.statement, since=created, by=coordinator)
            for f, (*_rest, created) in zip(findings, plans, strict=True)
        ]

        campaigns = [
            ReviewCampaign.objects.create(
                title=title,
                lenses=list(Lens.values),
                opened_by=coordinator,
                opened_at=now - timedelta(days=age),
            )
            for title, age in [("Campagne 2023", 700), ("Campagne 2024", 350), ("Campagne 2025", 60)]
        ]
        members = [findings, rng.sample(findings, FINDINGS // 2), rng.sample(findings, FINDINGS // 3)]
        through_c = ReviewCampaign.findings.through
        through_c.objects.bulk_create(
            [
                through_c(reviewcampaign_id=c.pk, finding_id=f.pk)
                for c, group in zip(campaigns, members, strict=True)
                for f in group
            ],
            batch_size=2000,
        )
        reviews = []
        for _ in range(REVIEWS):
            which = rng.choices(range(3), [5, 3, 2])[0]
            finding = rng.choice(members[which])
            verdict = rng.choice(verdicts)
            reviews.append(
                FindingReview(
                    campaign=campaigns[which],
                    finding=finding,
                    lens=rng.choice(Lens.values),
                    reviewer=rng.choice(reviewers),
                    verdict=verdict,
                    new_wording=f"{finding.statement}, surtout pour les familles"
                    if verdict == Verdict.NUANCED
                    else "",
                    replacement=rng.choice(findings) if verdict == Verdict.REPLACED else None,
                    rationale=rng.choice(RATIONALES),
                    created_at=campaigns[which].opened_at + timedelta(days=rng.randint(1, 50)),
                )
            )
        FindingReview.objects.bulk_create(reviews, batch_size=2000)

        settlements, replaced = [], []
        for finding in findings:
            if finding.status in (FindingStatus.IN_FORCE, FindingStatus.DRAFT):
                continue
            settlement = Settlement(
                campaign=campaigns[0],
                finding=finding,
                verdict=finding.status,
                rationale=rng.choice(RATIONALES),
                settled_by=coordinator,
                new_wording=f"{finding.statement}, surtout pour les familles"
                if finding.status == FindingStatus.NUANCED
                else "",
                replacement=rng.choice(findings) if finding.status == FindingStatus.REPLACED else None,
            )
            settlements.append(settlement)
            if finding.status == FindingStatus.REPLACED:
                finding.replaced_by = settlement.replacement
                replaced.append(finding)
        Settlement.objects.bulk_create(settlements, batch_size=2000)
        for settlement in settlements:
            if settlement.verdict == FindingStatus.NUANCED:
                wordings.append(
                    FindingWording(
                        finding=settlement.finding,
                        text=settlement.new_wording,
                        settlement=settlement,
                        by=coordinator,
                    )
                )
        FindingWording.objects.bulk_create(wordings, batch_size=2000)
        Finding.objects.bulk_update(replaced, ["replaced_by"], batch_size=1000)
    _analyse()
    counts = {
        "findings": len(findings),
        "reviews": len(reviews),
        "settlements": len(settlements),
        "wordings": len(wordings),
    }
    return coordinator, counts


def _analyse() -> None:
    """Fresh planner statistics after the bulk load, as a database in use would have."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(coordinator) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from diagnostic import queries
    from pli.search import search as search_everything
    from vocabulary.models import Axis

    client = Client(SERVER_NAME="localhost")
    client.force_login(coordinator)
    url = reverse("diagnostic:index")
    axes = list(Axis.objects.filter(framework="pcs-2014").order_by("order").values_list("pk", flat=True))
    communes = ["92094", "92137", "91034", "93022", "92142", "91030", "92003", "93088"]
    arrondissements = ["91000", "92000", "93000"]

    def pair(i):
        return axes[i % len(axes)]

    cases = [
        ("register, no filter", lambda i: {}),
        ("register, page 5", lambda i: {"page": 5}),
        ("register ?axe=", lambda i: {"axe": pair(i)}),
        ("register ?territoire= (commune)", lambda i: {"territoire": communes[i % len(communes)]}),
        ("register ?territoire= (arrondissement)", lambda i: {"territoire": arrondissements[i % 3]}),
        (
            "register ?axe=&territoire= (commune)",
            lambda i: {"axe": pair(i), "territoire": communes[i % len(communes)]},
        ),
        ("register ?statut=nuanced&verdict=nuanced", lambda i: {"statut": "nuanced", "verdict": "nuanced"}),
        ("search ?q= (" + ", ".join(SEARCHES[:3]) + ", …)", lambda i: {"q": SEARCHES[i % len(SEARCHES)]}),
        ("search ?q=ecoles", lambda i: {"q": "ecoles"}),
        (
            "search ?q=logement social&territoire=92000",
            lambda i: {"q": "logement social", "territoire": "92000"},
        ),
        # The search across the platform (pli/search.py): every kind, the findings among them.
        (
            "platform search /recherche/?q= (" + SEARCHES[0] + ", …)",
            lambda i: {"q": SEARCHES[i % len(SEARCHES)]},
        ),
        ("platform search /recherche/?q=namur", lambda i: {"q": "namur"}),
    ]
    results = []
    for name, params_for in cases:
        url = reverse("search") if name.startswith("platform search") else reverse("diagnostic:index")
        try:
            first = client.get(url, params_for(0))
        except Exception as error:  # the page is still being written: say why, measure the rest
            results.append({"name": name, "error": f"{type(error).__name__}: {str(error)[:90]}"})
            continue
        if first.status_code != 200:
            results.append({"name": name, "error": f"HTTP {first.status_code} at {url}"})
            continue
        for i in range(WARM_UP):
            client.get(url, params_for(i))
        times = []
        for i in range(REQUESTS):
            start = time.perf_counter()
            response = client.get(url, params_for(i))
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (name, response.status_code)
        with CaptureQueriesContext(connection) as captured:
            client.get(url, params_for(0))
        if url == reverse("search"):
            rows = sum(len(g.hits) for g in search_everything(coordinator, params_for(0)["q"]))
            times.sort()
            results.append(
                {
                    "name": name,
                    "median": statistics.median(times),
                    "p95": times[int(len(times) * 0.95) - 1],
                    "queries": len(captured),
                    "rows": rows,
                }
            )
            continue
        filters = {k: v for k, v in params_for(0).items() if k != "page"}
        if "axe" in filters:
            filters["axe"] = Axis.objects.get(pk=filters["axe"])
        rows = queries.register(coordinator, filters).count()
        times.sort()
        results.append(
            {
                "name": name,
                "median": statistics.median(times),
                "p95": times[int(len(times) * 0.95) - 1],
                "queries": len(captured),
                "rows": rows,
            }
        )
    return results


if __name__ == "__main__":
    if sys.argv[1:] == ["--child"]:
        child()
    else:
        main()
