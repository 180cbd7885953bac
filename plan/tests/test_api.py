"""The plan API, /api/v1/plan/: the permissions of the pages, published plans open to anonymous visitors."""

from dataclasses import dataclass
from decimal import Decimal

import pytest

from diagnostic import services as diagnostic_services
from diagnostic.models import Diagnostic
from network.models import Organisation, Person
from plan import services
from plan.models import Means, Plan, Priority, Recommendation, Resource
from territory import queries as territory_queries
from territory.models import Territory
from vocabulary.models import Axis, OrganisationType, Public

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_as(api_client_as):
    """Every test of this module runs by session and through a personal API token."""
    return api_client_as


API = "/api/v1/plan"
UPDATE_FIELDS = {"date", "text", "status", "progress", "evidence_url", "organisation"}


@dataclass
class World:
    published: Plan
    unpublished: Plan
    public_recommendation: Recommendation
    carried: Recommendation  # in the unpublished plan, carried by partner_member's organisation
    other: Recommendation  # in the unpublished plan, same priority, not carried by them
    hidden: Recommendation  # in the unpublished plan, another priority
    finding: object  # in force, in a published diagnostic
    draft_finding: object
    finding_of_draft_diagnostic: object
    carrier: Organisation


def organisation(name, commune, type_code="ili"):
    return Organisation.objects.create(
        name=name, sector="associative", type=OrganisationType.objects.get(code=type_code), commune=commune
    )


def recommendation(priority, number, title, *, resources=(), findings=(), territories=(), publics=()):
    r = Recommendation.objects.create(
        priority=priority,
        number=number,
        title=title,
        text=f"Texte de « {title} ».",
        addressed_levels=["regional", "federal"],
    )
    r.findings.set(findings)
    r.territories.set(territories)
    r.publics.set(Public.objects.filter(code__in=publics))
    for org, role in resources:
        Resource.objects.create(recommendation=r, organisation=org, role=role)
    return r


@pytest.fixture
def world(personas):
    territory, _ = Territory.objects.get_or_create(
        nis_code="99000", defaults={"level": "province", "name_fr": "Province d'essai"}
    )
    carrier = organisation("ILI Les Passerelles", territory)
    cpas = organisation("CPAS d'Essai", territory, "cpas")
    elsewhere = organisation("ASBL Ailleurs", territory)
    Person.objects.create(full_name="Membre", organisation=carrier, user=personas["partner_member"])
    Person.objects.create(full_name="Extérieure", organisation=elsewhere, user=personas["partner_outsider"])

    coordinator = personas["coordinator"]
    axis = Axis.objects.get(code="pcs-2014-revenu-digne")
    published_diagnostic = Diagnostic.objects.create(
        title="Diagnostic publié", territory=territory, period="2016-2017", status="published"
    )
    draft_diagnostic = Diagnostic.objects.create(
        title="Diagnostic en préparation", territory=territory, period="2024", status="draft"
    )

    def finding(statement, diagnostic=published_diagnostic, status="in_force"):
        return diagnostic_services.create_finding(
            diagnostic=diagnostic,
            statement=statement,
            axis=axis,
            territories=[territory],
            by=coordinator,
            status=status,
        )

    in_force = finding("Les cours de français sont saturés")
    draft = finding("Brouillon à ne pas montrer", status="draft")
    of_draft_diagnostic = finding("Constat d'un diagnostic en préparation", diagnostic=draft_diagnostic)
    findings = [in_force, draft, of_draft_diagnostic]

    published = Plan.objects.create(
        title="PPLI 2016-2019",
        version_label="PPLI 2016-2019",
        territory=territory,
        start_year=2016,
        end_year=2019,
        status="adopted",
        carriers="Province d'essai, C.A.I.",
    )
    services.set_published(published, True, by=coordinator)
    published.refresh_from_db()
    priority = Priority.objects.create(plan=published, axis=axis, number=1, title="Apprendre le français")
    priority.findings.set(findings)
    public_recommendation = recommendation(
        priority,
        1,
        "Ouvrir des places de FLE",
        resources=[(cpas, "partner")],
        findings=findings,
        territories=[territory],
        publics=["newcomer"],
    )
    public_recommendation.addressed_to.set([cpas])
    Means.objects.create(
        recommendation=public_recommendation,
        kind="financial",
        amount=Decimal("12500.50"),
        funder="Région wallonne",
        year=2017,
    )
    Means.objects.create(recommendation=public_recommendation, kind="human", fte=Decimal("0.50"))
    services.post_progress(
        public_recommendation,
        text="Deux groupes ouverts",
        progress=40,
        status="in_progress",
        by=coordinator,
        evidence_url="https://example.org/rapport",
        organisation=cpas,
    )

    unpublished = services.new_version(
        published,
        title="PPLI 2.0",
        version_label="PPLI 2.0",
        start_year=2020,
        end_year=2025,
        by=coordinator,
    )
    first = unpublished.priorities.get(number=1)
    carried = recommendation(first, 2, "Former les bénévoles", resources=[(carrier, "carrier")])
    services.post_progress(
        carried,
        text="Formation lancée",
        progress=10,
        status="in_progress",
        by=personas["partner_member"],
        organisation=carrier,
    )
    other = first.recommendations.get(number=1)  # the copy of the public recommendation
    second = Priority.objects.create(plan=unpublished, axis=axis, number=2, title="Accès au logement")
    hidden = recommendation(second, 1, "Recenser les logements", resources=[(cpas, "carrier")])
    return World(
        published=published,
        unpublished=unpublished,
        public_recommendation=public_recommendation,
        carried=carried,
        other=other,
        hidden=hidden,
        finding=in_force,
        draft_finding=draft,
        finding_of_draft_diagnostic=of_draft_diagnostic,
        carrier=carrier,
    )


def get(client, url, status=200):
    response = client.get(f"{API}{url}")
    assert response.status_code == status, response.content
    data = response.json()
    return data["items"] if status == 200 and "items" in data else data  # a page of a list


# --- Who sees which plan ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "sees_unpublished"),
    [
        ("anonymous", False),
        ("reader", False),
        ("partner_outsider", False),
        ("partner_member", True),
        ("coordinator", True),
        ("admin", True),
    ],
)
def test_plans_list_follows_visible_to(client_as, personas, world, persona, sees_unpublished):
    client = client_as(personas[persona])
    expected = {world.published.pk} | ({world.unpublished.pk} if sees_unpublished else set())
    assert {p["id"] for p in get(client, "/plans/")} == expected
    get(client, f"/plans/{world.unpublished.pk}", 200 if sees_unpublished else 404)
    get(client, f"/plans/{world.unpublished.pk}/recommendations", 200 if sees_unpublished else 404)
    get(client, f"/recommendations/{world.carried.pk}", 200 if sees_unpublished else 404)
    get(client, f"/plans/{world.published.pk}")
    get(client, f"/recommendations/{world.public_recommendation.pk}")


def test_plans_list_gives_the_plan_fields(client, world):
    [plan] = get(client, "/plans/")
    assert plan == {
        "id": world.published.pk,
        "kind": "ppli",
        "title": "PPLI 2016-2019",
        "version_label": "PPLI 2016-2019",
        "territory": {"nis": "99000", "name": "Province d'essai"},
        "start_year": 2016,
        "end_year": 2019,
        "status": "adopted",
        "carriers": "Province d'essai, C.A.I.",
        "framework": "pcs-2014",
        "adopted_on": None,
        "adopted_by": "",
        "closed_on": None,
        "closed_by": "",
        "previous": None,
        "is_published": True,
    }


def test_anonymous_gets_404_for_what_is_not_published(client, world):
    get(client, f"/plans/{world.unpublished.pk}", 404)
    get(client, f"/plans/{world.unpublished.pk}/recommendations", 404)
    for r in (world.carried, world.other, world.hidden):
        get(client, f"/recommendations/{r.pk}", 404)
    get(client, "/plans/999999", 404)
    get(client, "/recommendations/999999", 404)


def test_partner_sees_only_the_recommendation_they_carry_in_an_unpublished_plan(client_as, personas, world):
    client = client_as(personas["partner_member"])
    [row] = get(client, f"/plans/{world.unpublished.pk}/recommendations")
    assert row["id"] == world.carried.pk
    assert row["resources"] == [
        {"organisation": {"id": world.carrier.pk, "name": "ILI Les Passerelles"}, "role": "carrier"}
    ]
    get(client, f"/recommendations/{world.other.pk}", 404)
    get(client, f"/recommendations/{world.hidden.pk}", 404)

    plan = get(client, f"/plans/{world.unpublished.pk}")
    priorities = [p for axis in plan["axes"] for p in axis["priorities"]]
    assert [(p["number"], p["recommendations"]) for p in priorities] == [(1, [world.carried.pk])]


def test_coordinator_sees_every_recommendation_and_the_dashboard(client_as, personas, world):
    client = client_as(personas["coordinator"])
    rows = get(client, f"/plans/{world.unpublished.pk}/recommendations")
    assert [r["code"] for r in rows] == ["1.1", "1.2", "2.1"]
    assert {r["id"] for r in rows} == {world.other.pk, world.carried.pk, world.hidden.pk}
    plan = get(client, f"/plans/{world.unpublished.pk}")
    assert plan["previous"] == world.published.pk
    assert plan["dashboard"]["totals"]["recommendations"] == 3
    assert plan["dashboard"]["totals"]["priorities"] == 2


# --- What a plan and a recommendation show ---------------------------------------------------------


def test_plan_detail_lists_the_axes_of_its_framework_in_order(client, world):
    plan = get(client, f"/plans/{world.published.pk}")
    codes = list(Axis.objects.filter(framework="pcs-2014").order_by("order").values_list("code", flat=True))
    assert [a["code"] for a in plan["axes"]] == codes
    [priority] = plan["axes"][0]["priorities"]
    assert priority["title"] == "Apprendre le français"
    assert priority["recommendations"] == [world.public_recommendation.pk]
    assert all(axis["priorities"] == [] for axis in plan["axes"][1:])
    assert plan["dashboard"]["totals"] == {
        "priorities": 1,
        "recommendations": 1,
        "euros": 12500.5,
        "fte": 0.5,
        "partners": 1,
        "progress": 40.0,
        "done": 0,
    }


@pytest.mark.parametrize(
    ("persona", "sees_drafts"), [("anonymous", False), ("reader", False), ("coordinator", True)]
)
def test_draft_findings_are_listed_only_to_those_who_may_read_them(
    client_as, personas, world, persona, sees_drafts
):
    client = client_as(personas[persona])
    expected = [world.finding.pk]
    if sees_drafts:
        expected += [world.draft_finding.pk, world.finding_of_draft_diagnostic.pk]
    plan = get(client, f"/plans/{world.published.pk}")
    assert sorted(plan["axes"][0]["priorities"][0]["findings"]) == sorted(expected)
    [row] = get(client, f"/plans/{world.published.pk}/recommendations")
    assert sorted(row["findings"]) == sorted(expected)
    detail = get(client, f"/recommendations/{world.public_recommendation.pk}")
    assert sorted(detail["findings"]) == sorted(expected)


def test_recommendation_shows_its_means_resources_and_progress(client, personas, world):
    detail = get(client, f"/recommendations/{world.public_recommendation.pk}")
    assert detail["code"] == "1.1"
    assert detail["plan"] == world.published.pk
    assert detail["priority"] == world.public_recommendation.priority_id
    assert detail["status"] == "in_progress"
    assert detail["progress"] == 40
    assert detail["territories"] == ["99000"]
    assert detail["publics"] == ["newcomer"]
    assert [o["name"] for o in detail["addressed_to"]] == ["CPAS d'Essai"]
    assert detail["addressed_levels"] == ["regional", "federal"]
    assert detail["means"] == [
        {
            "kind": "financial",
            "amount": 12500.5,
            "funder": "Région wallonne",
            "year": 2017,
            "fte": None,
            "description": "",
        },
        {"kind": "human", "amount": None, "funder": "", "year": None, "fte": 0.5, "description": ""},
    ]
    [update] = detail["updates"]
    assert update["text"] == "Deux groupes ouverts"
    assert update["evidence_url"] == "https://example.org/rapport"
    assert update["organisation"]["name"] == "CPAS d'Essai"
    # A territory without statistics is named as missing rather than counted as zero.
    assert detail["population"]["rows"] == []
    assert detail["population"]["missing"] == ["99000"]


def test_progress_updates_never_show_their_author(client_as, personas, world):
    client = client_as(personas["coordinator"])
    for url, texts in (
        (f"/plans/{world.unpublished.pk}/recommendations", ["Formation lancée"]),
        (f"/recommendations/{world.carried.pk}", ["Formation lancée"]),
        (f"/recommendations/{world.public_recommendation.pk}", ["Deux groupes ouverts"]),
    ):
        response = client.get(f"{API}{url}")
        data = response.json()
        rows = data.get("items", [data])
        assert [u["text"] for r in rows for u in r["updates"]] == texts
        assert "@example.org" not in response.content.decode()  # the users' e-mail addresses
        assert all(set(u) == UPDATE_FIELDS for r in rows for u in r["updates"])


def test_plan_endpoints_are_in_the_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert {
        "/api/v1/plan/plans/",
        "/api/v1/plan/plans/{plan_id}",
        "/api/v1/plan/plans/{plan_id}/recommendations",
        "/api/v1/plan/recommendations/{recommendation_id}",
    } <= set(schema["paths"])
    assert "float" in schema["components"]["schemas"]["MeansOut"]["properties"]["amount"]["description"]


# --- Speed -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["anonymous", "partner_member", "coordinator"])
def test_recommendations_list_query_count_does_not_grow(client_as, personas, world, persona, query_baseline):
    # the endpoint (plan, recommendations, 7 prefetches, visible findings) and, signed in, the session,
    # the user, its two-factor devices and, for a partner, their person record
    client = client_as(personas[persona])
    url = f"{API}/plans/{world.published.pk}/recommendations"
    name = f"api plan recommendations ({persona}, {client_as.way}), 1 then 11 recommendations"
    client.get(url)  # a token's first use records its date once; measure the steady state
    with query_baseline(name):
        assert len(client.get(url).json()["items"]) == 1
    priority = world.public_recommendation.priority
    cpas = world.public_recommendation.resources.get().organisation
    for number in range(2, 12):
        r = recommendation(
            priority,
            number,
            f"Recommandation {number}",
            resources=[(cpas, "partner"), (world.carrier, "relay")],
            findings=[world.finding, world.draft_finding],
            territories=Territory.objects.filter(nis_code="99000"),
            publics=["newcomer", "youth"],
        )
        r.addressed_to.set([cpas, world.carrier])
        Means.objects.create(recommendation=r, kind="financial", amount=Decimal(1000), year=2018)
        services.post_progress(
            r, text="Lancée", progress=5, status="in_progress", by=personas["coordinator"], organisation=cpas
        )
    with query_baseline(name):
        assert len(client.get(url).json()["items"]) == 11


# --- Population in proportion, on the real statistics ----------------------------------------------


def test_population_of_a_recommendation_on_the_province(client, personas, statistics):
    province = Territory.objects.get(nis_code="90000")
    plan = Plan.objects.create(
        title="PPLI de Namur", territory=province, start_year=2016, end_year=2019, status="adopted"
    )
    services.set_published(plan, True, by=personas["coordinator"])
    priority = Priority.objects.create(
        plan=plan, axis=Axis.objects.get(code="pcs-2014-formation"), number=1, title="Formation"
    )
    r = recommendation(priority, 1, "Sans territoire: celui du plan")  # no territory: the plan's

    population = get(client, f"/recommendations/{r.pk}")["population"]

    year = territory_queries.structure_years()[-1]
    portrait = territory_queries.portrait(province, year)
    assert population["year"] == year
    assert population["population"] > 0
    assert 0 < population["share"] < 1
    assert population["population"] == portrait.population
    assert population["non_belgian"] == portrait.non_belgian
    assert population["share"] == pytest.approx(portrait.non_belgian / portrait.population)
    [row] = population["rows"]
    assert (row["nis"], row["name"]) == ("90000", portrait.name)
    assert row["population"] == portrait.population
    assert row["non_belgian"] == portrait.non_belgian
    assert row["non_belgian_share"] == portrait.non_belgian_share
    assert population["sources"] == [str(portrait.source)]
    assert population["missing"] == []
    if population["base_year"] is not None:
        base = territory_queries.portrait(province, population["base_year"])
        evolution = territory_queries.evolution(base, portrait)
        assert row["evolution"]["share_points"] == evolution.share_points
        assert row["evolution"]["non_belgian_pct"] == evolution.non_belgian_pct
