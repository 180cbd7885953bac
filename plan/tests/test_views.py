"""The plan's pages: who sees and changes what, bad input, concurrent edits, the public view."""

from decimal import Decimal

import pytest
from django.urls import reverse

from diagnostic.choices import FindingStatus
from plan.choices import PlanStatus, RecommendationStatus
from plan.models import Plan, Priority, ProgressUpdate, Recommendation, Resource
from plan.tests import factories as f
from territory.tests.helpers import raw_structure_totals

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(personas):
    world = f.world(by=personas["coordinator"])
    f.works_for(personas["partner_member"], world.carrier)
    f.works_for(personas["partner_outsider"], f.organisation("Maison médicale", type_code="health"))
    return world


@pytest.fixture
def published(personas):
    world = f.world(published=True, by=personas["coordinator"])
    world.plan.title = "PPLI publié"
    world.plan.save()
    return world


def prefixed(prefix: str, data: dict) -> dict:
    """The forms of the recommendation page carry a prefix, as several share the page."""
    return {f"{prefix}-{key}": value for key, value in data.items()}


# --- Who sees what ---------------------------------------------------------------------------------

VISIBLE_UNPUBLISHED_PLAN = {
    "admin": 200,
    "coordinator": 200,
    "partner_member": 200,  # their organisation carries a recommendation of it
    "partner_outsider": 404,
    "reader": 404,
    "anonymous": 404,
}


@pytest.mark.parametrize("persona,status", VISIBLE_UNPUBLISHED_PLAN.items())
def test_unpublished_plan_is_seen_by_coordinators_and_partners_concerned(
    persona, status, personas, world, client_as
):
    response = client_as(personas[persona]).get(reverse("plan:plan_detail", args=[world.plan.pk]))
    assert response.status_code == status


@pytest.mark.parametrize(
    "persona", ["admin", "coordinator", "partner_member", "partner_outsider", "reader", "anonymous"]
)
def test_published_plan_is_read_by_everybody(persona, personas, published, client_as):
    response = client_as(personas[persona]).get(reverse("plan:plan_detail", args=[published.plan.pk]))
    assert response.status_code == 200
    assert published.carried.title in response.content.decode()


def test_partner_sees_only_the_recommendations_their_organisation_carries(personas, world, client_as):
    client = client_as(personas["partner_member"])
    page = client.get(reverse("plan:plan_detail", args=[world.plan.pk])).content.decode()
    assert world.carried.title in page
    assert world.other.title not in page and world.job.title not in page
    assert client.get(reverse("plan:recommendation_detail", args=[world.other.pk])).status_code == 404
    assert client.get(reverse("plan:recommendation_detail", args=[world.carried.pk])).status_code == 200


def test_plan_list_shows_each_user_what_they_may_read(personas, world, published, client_as):
    anonymous = client_as(None).get(reverse("plan:index")).content.decode()
    assert "PPLI publié" in anonymous and f'data-plan="{world.plan.pk}"' not in anonymous
    coordinator = client_as(personas["coordinator"]).get(reverse("plan:index")).content.decode()
    assert f'data-plan="{world.plan.pk}"' in coordinator and f'data-plan="{published.plan.pk}"' in coordinator


WRITE_PAGES = [
    ("plan:plan_edit", "plan"),
    ("plan:plan_new_version", "plan"),
    ("plan:priority_create", "plan"),
    ("plan:recommendation_create", "plan"),
    ("plan:priority_edit", "housing"),
    ("plan:recommendation_edit", "carried"),
]


@pytest.mark.parametrize("url_name,target", WRITE_PAGES)
@pytest.mark.parametrize(
    "persona,status", [("coordinator", 200), ("partner_member", 403), ("reader", 404), ("anonymous", 302)]
)
def test_only_coordinators_write_the_plan(url_name, target, persona, status, personas, world, client_as):
    response = client_as(personas[persona]).get(reverse(url_name, args=[getattr(world, target).pk]))
    assert response.status_code == status


def test_direct_posts_by_a_partner_change_nothing(personas, world, client_as):
    client = client_as(personas["partner_member"])
    carried = world.carried
    assert (
        client.post(
            reverse("plan:means_add", args=[carried.pk]),
            prefixed("means", {"kind": "logistic", "description": "x"}),
        ).status_code
        == 403
    )
    means = carried.means.first()
    assert client.post(reverse("plan:means_delete", args=[means.pk])).status_code == 403
    resource = carried.resources.first()
    assert client.post(reverse("plan:resource_delete", args=[resource.pk])).status_code == 403
    assert (
        client.post(reverse("plan:plan_publish", args=[world.plan.pk]), {"publish": "1"}).status_code == 403
    )
    assert client.post(reverse("plan:plan_create"), {"title": "x"}).status_code == 403
    assert carried.means.count() == 3 and carried.resources.count() == 2
    world.plan.refresh_from_db()
    assert not world.plan.is_published and Plan.objects.count() == 1


# --- Writing the plan ------------------------------------------------------------------------------


def plan_data(**overrides):
    data = {
        "kind": "ppli",
        "title": "PPLI de test",
        "version_label": "PPLI 3.0",
        "territory": f.get_territory(f.PROVINCE).pk,
        "start_year": 2026,
        "end_year": 2031,
        "status": PlanStatus.PREPARATION,
        "carriers": "Province de Namur, C.A.I.",
        "framework": "pcs-2014",
    }
    return {**data, **overrides}


def test_coordinator_creates_a_plan_then_a_priority_and_a_recommendation(personas, client_as):
    client = client_as(personas["coordinator"])
    finding = f.finding(by=personas["coordinator"])
    response = client.post(reverse("plan:plan_create"), plan_data())
    plan = Plan.objects.get(title="PPLI de test")
    assert response.url == reverse("plan:plan_detail", args=[plan.pk])
    axis = f.get_axis(f.HOUSING)
    response = client.post(
        reverse("plan:priority_create", args=[plan.pk]),
        {"axis": axis.pk, "number": 1, "title": "Logement", "findings": [finding.pk]},
    )
    priority = Priority.objects.get(plan=plan)
    assert list(priority.findings.all()) == [finding]
    response = client.post(
        reverse("plan:recommendation_create", args=[plan.pk]),
        {
            "priority": priority.pk,
            "number": 1,
            "title": "Permanence logement",
            "territories": [f.get_territory(f.COMMUNE).pk],
            "publics": [f.get_public("newcomer").pk],
            "findings": [finding.pk],
            "addressed_levels": ["communal"],
        },
    )
    recommendation = Recommendation.objects.get(priority=priority)
    assert response.url == reverse("plan:recommendation_detail", args=[recommendation.pk])
    assert recommendation.addressed_levels == ["communal"]
    page = client.get(response.url).content.decode()
    assert "Permanence logement" in page and finding.statement in page


def test_a_plan_adopted_without_date_or_with_years_reversed_is_refused(personas, client_as):
    client = client_as(personas["coordinator"])
    response = client.post(
        reverse("plan:plan_create"), plan_data(status="adopted", start_year=2030, end_year=2026)
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"adopted_on", "end_year"}
    assert not Plan.objects.exists()


def test_a_recommendation_without_priority_is_refused_with_a_message(personas, world, client_as):
    response = client_as(personas["coordinator"]).post(
        reverse("plan:recommendation_create", args=[world.plan.pk]), {"number": 9, "title": "Sans priorité"}
    )
    assert response.status_code == 400
    assert "priority" in response.context["form"].errors
    assert not Recommendation.objects.filter(title="Sans priorité").exists()


def test_priority_numbers_are_unique_within_a_plan(personas, world, client_as):
    response = client_as(personas["coordinator"]).post(
        reverse("plan:priority_create", args=[world.plan.pk]),
        {"axis": f.get_axis(f.WORK).pk, "number": world.housing.number, "title": "Doublon"},
    )
    assert response.status_code == 400 and "number" in response.context["form"].errors
    assert world.plan.priorities.count() == 2


def test_a_priority_cannot_take_an_axis_of_another_framework(personas, world, client_as):
    other_axis = f.get_axis("pcs-2020-sante")
    response = client_as(personas["coordinator"]).post(
        reverse("plan:priority_create", args=[world.plan.pk]),
        {"axis": other_axis.pk, "number": 7, "title": "Santé"},
    )
    assert response.status_code == 400 and "axis" in response.context["form"].errors


def test_concurrent_edits_of_a_recommendation_are_detected_not_overwritten(personas, world, client_as):
    client = client_as(personas["coordinator"])
    url = reverse("plan:recommendation_edit", args=[world.carried.pk])
    stale = world.carried.version
    data = {
        "priority": world.housing.pk,
        "number": world.carried.number,
        "title": "Ma version",
        "version": stale,
    }
    Recommendation.objects.filter(pk=world.carried.pk).update(title="Leur version", version=stale + 1)
    response = client.post(url, data)
    assert response.status_code == 409
    world.carried.refresh_from_db()
    assert world.carried.title == "Leur version"
    assert "Ma version" in response.content.decode()  # what was typed is kept on the page
    response = client.post(url, {**data, "version": stale + 1})
    assert response.status_code == 302
    world.carried.refresh_from_db()
    assert world.carried.title == "Ma version"


# --- Means, resources, progress --------------------------------------------------------------------


def test_negative_amount_is_refused_and_nothing_is_added(personas, world, client_as):
    response = client_as(personas["coordinator"]).post(
        reverse("plan:means_add", args=[world.carried.pk]),
        prefixed("means", {"kind": "financial", "amount": "-100", "funder": "Province", "year": 2026}),
    )
    assert response.status_code == 400
    assert "amount" in response.context["means_form"].errors
    assert world.carried.means.count() == 3


@pytest.mark.parametrize(
    "data,field",
    [
        ({"kind": "financial", "funder": "Province"}, "amount"),
        ({"kind": "financial", "amount": "100"}, "funder"),
        ({"kind": "human", "fte": "-0.5"}, "fte"),
        ({"kind": "human"}, "fte"),
        ({"kind": "logistic"}, "description"),
    ],
)
def test_means_need_what_their_kind_requires(data, field, personas, world, client_as):
    response = client_as(personas["coordinator"]).post(
        reverse("plan:means_add", args=[world.carried.pk]), prefixed("means", data)
    )
    assert response.status_code == 400 and field in response.context["means_form"].errors


def test_means_are_added_and_totalled(personas, world, client_as):
    client = client_as(personas["coordinator"])
    client.post(
        reverse("plan:means_add", args=[world.carried.pk]),
        prefixed("means", {"kind": "financial", "amount": "2500", "funder": "FAMI", "year": 2026}),
    )
    assert world.carried.means.count() == 4
    response = client.get(reverse("plan:recommendation_detail", args=[world.carried.pk]))
    assert response.context["means_totals"]["euros"] == Decimal("1500.50") + Decimal("2500")
    assert response.context["means_totals"]["fte"] == Decimal("0.5")


def test_a_resource_organisation_deleted_meanwhile_is_refused_clearly(personas, world, client_as):
    gone = f.organisation("Association dissoute")
    gone_pk = gone.pk
    gone.delete()
    response = client_as(personas["coordinator"]).post(
        reverse("plan:resource_add", args=[world.carried.pk]),
        prefixed("resource", {"organisation": gone_pk, "role": "partner"}),
    )
    assert response.status_code == 400
    assert "organisation" in response.context["resource_form"].errors
    assert world.carried.resources.count() == 2


def test_the_same_role_twice_is_refused(personas, world, client_as):
    response = client_as(personas["coordinator"]).post(
        reverse("plan:resource_add", args=[world.carried.pk]),
        prefixed("resource", {"organisation": world.carrier.pk, "role": "carrier"}),
    )
    assert response.status_code == 400 and response.context["resource_form"].non_field_errors()
    assert Resource.objects.filter(recommendation=world.carried).count() == 2


def test_partner_posts_progress_on_what_their_organisation_carries(personas, world, client_as):
    client = client_as(personas["partner_member"])
    response = client.post(
        reverse("plan:progress_add", args=[world.carried.pk]),
        prefixed(
            "progress",
            {
                "date": "2026-10-01",
                "status": "in_progress",
                "progress": 40,
                "text": "Première permanence ouverte.",
            },
        ),
    )
    assert response.status_code == 302
    world.carried.refresh_from_db()
    assert (world.carried.status, world.carried.progress) == (RecommendationStatus.IN_PROGRESS, 40)
    update = ProgressUpdate.objects.get(recommendation=world.carried)
    assert update.organisation == world.carrier and update.created_by == personas["partner_member"]


def test_a_partner_may_not_post_progress_elsewhere(personas, published, world, client_as):
    f.works_for(personas["reader"], world.partner)  # a reader is never a partner, even linked to one
    client = client_as(personas["partner_member"])
    # a published recommendation the partner's organisation does not carry: readable, not writable
    response = client.post(
        reverse("plan:progress_add", args=[published.job.pk]),
        prefixed("progress", {"date": "2026-10-01", "status": "in_progress", "progress": 10, "text": "x"}),
    )
    assert response.status_code == 403
    response = client_as(personas["partner_outsider"]).post(
        reverse("plan:progress_add", args=[world.carried.pk]),
        prefixed("progress", {"date": "2026-10-01", "status": "in_progress", "progress": 10, "text": "x"}),
    )
    assert response.status_code == 404
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize(
    "data,field",
    [
        ({"status": "in_progress", "progress": 120}, "progress"),
        ({"status": "in_progress", "progress": -5}, "progress"),
        ({"status": "done", "progress": 80}, "progress"),
    ],
)
def test_progress_above_100_or_inconsistent_is_refused(data, field, personas, world, client_as):
    response = client_as(personas["coordinator"]).post(
        reverse("plan:progress_add", args=[world.carried.pk]),
        prefixed("progress", {"date": "2026-10-01", "text": "x", **data}),
    )
    assert response.status_code == 400 and field in response.context["progress_form"].errors
    world.carried.refresh_from_db()
    assert world.carried.progress == 0 and not ProgressUpdate.objects.exists()


# --- Versions, publication -------------------------------------------------------------------------


def test_publishing_needs_an_adopted_plan(personas, world, client_as):
    client = client_as(personas["coordinator"])
    client.post(reverse("plan:plan_publish", args=[world.plan.pk]), {"publish": "1"})
    world.plan.refresh_from_db()
    assert not world.plan.is_published
    Plan.objects.filter(pk=world.plan.pk).update(status=PlanStatus.ADOPTED)
    client.post(reverse("plan:plan_publish", args=[world.plan.pk]), {"publish": "1"})
    world.plan.refresh_from_db()
    assert world.plan.is_published
    assert client_as(None).get(reverse("plan:plan_detail", args=[world.plan.pk])).status_code == 200


def test_new_version_copies_the_plan_and_compares_with_it(personas, world, client_as):
    client = client_as(personas["coordinator"])
    response = client.post(
        reverse("plan:plan_new_version", args=[world.plan.pk]),
        {"title": "PPLI 3.0", "version_label": "PPLI 3.0", "start_year": 2032, "end_year": 2037},
    )
    new = Plan.objects.get(title="PPLI 3.0")
    assert response.url == reverse("plan:plan_detail", args=[new.pk])
    assert new.previous == world.plan and new.priorities.count() == 2
    copied = Priority.objects.get(plan=new, copied_from=world.work)
    copied.title = "Accès à l'emploi et à la formation"
    copied.save()
    response = client.get(reverse("plan:plan_compare", args=[new.pk]), {"avec": world.plan.pk})
    summary = response.context["comparison"]["priority_summary"]
    assert summary == {"added": 0, "removed": 0, "reworded": 1, "unchanged": 1}


def test_comparing_with_a_plan_of_another_territory_is_refused(personas, world, client_as):
    other = f.plan("PLI de Gembloux", territory=f.get_territory(f.OTHER_COMMUNE), kind="pli")
    response = client_as(personas["coordinator"]).get(
        reverse("plan:plan_compare", args=[world.plan.pk]), {"avec": other.pk}
    )
    assert response.status_code == 400
    assert response.context["comparison"] is None and "avec" in response.context["form"].errors


# --- The public view -------------------------------------------------------------------------------


def test_public_view_shows_no_internal_data(personas, published, client_as):
    draft = f.finding("Constat brouillon à ne pas publier", status=FindingStatus.DRAFT)
    published.carried.findings.add(draft)
    f.works_for(personas["partner_member"], published.carrier)
    response = client_as(None).get(reverse("plan:recommendation_detail", args=[published.carried.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert published.finding.statement in page  # a published finding is part of the public plan
    assert draft.statement not in page
    assert personas["partner_member"].full_name not in page
    assert "/reseau/" not in page and "/constats/" not in page
    assert 'content="index, follow"' in page
    detail = client_as(None).get(reverse("plan:plan_detail", args=[published.plan.pk])).content.decode()
    assert 'content="index, follow"' in detail and "/constats/" not in detail


def test_dashboard_is_for_logged_in_users(personas, published, client_as):
    url = reverse("plan:plan_dashboard", args=[published.plan.pk])
    assert client_as(None).get(url).status_code == 302
    assert client_as(personas["reader"]).get(url).status_code == 200


# --- Real statistics -------------------------------------------------------------------------------


def test_recommendation_shows_population_in_proportion_from_real_statistics(
    personas, statistics, world, client_as
):
    response = client_as(personas["coordinator"]).get(
        reverse("plan:recommendation_detail", args=[world.carried.pk])
    )
    population = response.context["population"]
    raw = raw_structure_totals(statistics / "statbel_TF_SOC_POP_STRUCT_2015.txt.gz", [f.COMMUNE])[f.COMMUNE]
    assert population.non_belgian == raw["non_belgian"] == 8_220  # Namur, summed from the Statbel file
    assert population.share == pytest.approx(raw["non_belgian"] / raw["population"])
    page = response.content.decode()
    assert 'data-value="8220"' in page
    assert "statbel_TF_SOC_POP_STRUCT_2015.txt.gz" in page


def test_dashboard_sets_need_against_coverage_for_every_commune(personas, statistics, world, client_as):
    client = client_as(personas["coordinator"])
    response = client.get(reverse("plan:plan_dashboard", args=[world.plan.pk]))
    coverage = response.context["coverage"]
    assert len(coverage["communes"]) == 38
    namur = next(c for c in coverage["communes"] if c.nis == f.COMMUNE)
    assert namur.recommendations == 1
    geojson = client.get(reverse("plan:plan_map_data", args=[world.plan.pk])).json()
    properties = {feature["properties"]["nis"]: feature["properties"] for feature in geojson["features"]}
    assert len(properties) == 38 and properties[f.COMMUNE]["recommendations"] == 1
    flagged = {c.nis for c in coverage["flagged"]}
    assert {nis for nis, p in properties.items() if p["high_need_low_coverage"]} == flagged


def test_a_partner_does_not_see_the_figures_of_a_whole_unpublished_plan(personas, world, client_as):
    client = client_as(personas["partner_member"])
    detail = client.get(reverse("plan:plan_detail", args=[world.plan.pk]))
    assert detail.context["totals"] is None
    assert client.get(reverse("plan:plan_dashboard", args=[world.plan.pk])).status_code == 403
    assert client.get(reverse("plan:plan_map_data", args=[world.plan.pk])).status_code == 403
    assert client.get(reverse("plan:plan_compare", args=[world.plan.pk])).status_code == 403
    assert client.get(f"/api/v1/plan/plans/{world.plan.pk}").json()["dashboard"] is None
    coordinator = client_as(personas["coordinator"])
    assert (
        coordinator.get(reverse("plan:plan_detail", args=[world.plan.pk])).context["totals"][
            "recommendations"
        ]
        == 3
    )
    assert (
        coordinator.get(f"/api/v1/plan/plans/{world.plan.pk}").json()["dashboard"]["totals"][
            "recommendations"
        ]
        == 3
    )


@pytest.mark.parametrize("persona", ["coordinator", "anonymous"])
def test_plan_page_queries_do_not_grow_with_the_recommendations(
    persona, personas, published, client_as, query_baseline
):
    client = client_as(personas[persona])
    url = reverse("plan:plan_detail", args=[published.plan.pk])
    name = f"plan:plan_detail ({persona}), then 10 more recommendations"
    client.get(url)
    with query_baseline(name):
        client.get(url)
    for number in range(10, 20):
        f.recommendation(published.work, f"Recommandation {number}", number=number)
    with query_baseline(name):
        assert client.get(url).status_code == 200


# --- Found in review -------------------------------------------------------------------------------


def test_a_published_plan_cannot_go_back_into_preparation_and_stays_private_if_forced(
    personas, published, client_as
):
    plan = published.plan
    data = plan_data(status=PlanStatus.PREPARATION, title=plan.title, version=plan.version)
    response = client_as(personas["coordinator"]).post(reverse("plan:plan_edit", args=[plan.pk]), data)
    assert response.status_code == 400 and "status" in response.context["form"].errors
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.PREPARATION)  # e.g. through the admin
    assert client_as(None).get(reverse("plan:plan_detail", args=[plan.pk])).status_code == 404


def test_the_public_page_names_no_draft_diagnostic_nor_unpublished_previous_version(personas, client_as):
    from diagnostic.choices import DiagnosticStatus

    draft = f.diagnostic("Diagnostic interne en cours", status=DiagnosticStatus.DRAFT)
    previous = f.plan("Version interne non publiée", status=PlanStatus.ADOPTED)
    plan = f.plan("Plan public", published=True, diagnostic=draft, previous=previous)
    page = client_as(None).get(reverse("plan:plan_detail", args=[plan.pk])).content.decode()
    assert "Plan public" in page
    assert draft.title not in page and previous.title not in page
    assert client_as(None).get(f"/api/v1/plan/plans/{plan.pk}").json()["previous"] is None


def test_a_partner_sees_the_same_average_progress_as_everybody(personas, published, client_as):
    from plan import services

    f.works_for(personas["partner_member"], published.carrier)
    services.post_progress(published.carried, text="x", progress=100, status="done", by=None)
    averages = {}
    for persona in ("coordinator", "partner_member", "reader"):
        response = client_as(personas[persona]).get(reverse("plan:index"))
        averages[persona] = next(
            p.average_progress for p in response.context["plans"] if p.pk == published.plan.pk
        )
    assert (
        averages["coordinator"] == averages["partner_member"] == averages["reader"] == pytest.approx(100 / 3)
    )


def test_a_progress_update_cannot_be_dated_in_the_future(personas, world, client_as):
    response = client_as(personas["coordinator"]).post(
        reverse("plan:progress_add", args=[world.carried.pk]),
        prefixed("progress", {"date": "2099-01-01", "status": "in_progress", "progress": 10, "text": "x"}),
    )
    assert response.status_code == 400 and "date" in response.context["progress_form"].errors
    assert not ProgressUpdate.objects.exists()


def test_a_partner_may_not_change_the_record_of_a_closed_plan(personas, world, client_as):
    Plan.objects.filter(pk=world.plan.pk).update(status=PlanStatus.CLOSED)
    response = client_as(personas["partner_member"]).post(
        reverse("plan:progress_add", args=[world.carried.pk]),
        prefixed("progress", {"date": "2019-10-01", "status": "done", "progress": 100, "text": "x"}),
    )
    assert response.status_code == 403 and not ProgressUpdate.objects.exists()


@pytest.mark.parametrize("query", ["?priorite=abc", "?priorite=1.5", "?priorite=999999"])
def test_a_bad_priority_in_the_address_is_ignored(query, personas, world, client_as):
    url = reverse("plan:recommendation_create", args=[world.plan.pk]) + query
    assert client_as(personas["coordinator"]).get(url).status_code == 200
    url = reverse("plan:priority_create", args=[world.plan.pk]) + "?axe=x"
    assert client_as(personas["coordinator"]).get(url).status_code == 200


def test_plan_years_are_bounded_on_every_database(personas, client_as):
    response = client_as(personas["coordinator"]).post(
        reverse("plan:plan_create"), plan_data(start_year=70000, end_year=70001)
    )
    assert response.status_code == 400 and {"start_year", "end_year"} <= set(response.context["form"].errors)


@pytest.mark.parametrize(
    "data,field",
    [
        ({"kind": "human", "fte": "1", "amount": "100"}, "amount"),
        ({"kind": "financial", "amount": "100", "funder": "FSE", "fte": "1"}, "fte"),
        ({"kind": "logistic", "description": "salle", "year": 2026}, "year"),
    ],
)
def test_means_refuse_fields_that_do_not_apply_to_their_kind(data, field, personas, world, client_as):
    response = client_as(personas["coordinator"]).post(
        reverse("plan:means_add", args=[world.carried.pk]), prefixed("means", data)
    )
    assert response.status_code == 400 and field in response.context["means_form"].errors


def test_organisations_named_by_a_plan_cannot_be_deleted(personas, world):
    from django.db.models import ProtectedError

    from plan import services

    with pytest.raises(ProtectedError):
        world.partner.delete()  # an addressee of a recommendation
    reporter = f.organisation("Maison de quartier")
    services.post_progress(
        world.job, text="x", progress=10, status="in_progress", by=None, organisation=reporter
    )
    with pytest.raises(ProtectedError):
        reporter.delete()  # the timeline keeps who reported each step
    assert world.carried.addressed_to.filter(pk=world.partner.pk).exists()


def test_recommendation_numbers_are_unique_within_a_priority(personas, world, client_as):
    response = client_as(personas["coordinator"]).post(
        reverse("plan:recommendation_create", args=[world.plan.pk]),
        {"priority": world.housing.pk, "number": world.carried.number, "title": "Doublon"},
    )
    assert response.status_code == 400 and "number" in response.context["form"].errors
    assert not Recommendation.objects.filter(title="Doublon").exists()


def test_a_recommendation_aims_only_at_territories_of_its_plan(personas, statistics, world, client_as):
    client = client_as(personas["coordinator"])
    form = client.get(reverse("plan:recommendation_create", args=[world.plan.pk])).context["form"]
    offered = form.fields["territories"].queryset
    assert offered.filter(nis_code=f.COMMUNE).exists() and offered.filter(nis_code=f.PROVINCE).exists()
    assert not offered.filter(nis_code="21004").exists()  # Brussels: outside the Province de Namur
    brussels = f.get_territory("21004")
    response = client.post(
        reverse("plan:recommendation_create", args=[world.plan.pk]),
        {"priority": world.housing.pk, "number": 9, "title": "Ailleurs", "territories": [brussels.pk]},
    )
    assert response.status_code == 400 and "territories" in response.context["form"].errors


def test_a_progress_post_keeps_its_query_count(personas, world, client_as, query_baseline):
    """A partner's post is the mix's slowest request under load (docs/performance.md): one check of the
    permission, the recommendation's row read alone, the form asking the database nothing (no
    constraint checked twice), the row just written never read again for its audit entry."""
    client = client_as(personas["partner_member"])
    data = prefixed("progress", {"date": "2026-10-01", "status": "in_progress", "progress": 40, "text": "x"})
    client.post(reverse("plan:progress_add", args=[world.carried.pk]), data)  # the content types cached
    with query_baseline("progress post (partner_member)"):
        response = client.post(reverse("plan:progress_add", args=[world.carried.pk]), data)
    assert response.status_code == 302


def test_the_progress_form_labels_its_fields_as_the_other_forms_do(world):
    from django.utils import translation

    from plan.forms import ProgressUpdateForm

    with translation.override("fr"):
        labels = [str(f.label) for f in ProgressUpdateForm(recommendation=world.carried).fields.values()]
    assert labels == ["Date", "Statut", "Avancement (%)", "Ce qui a été fait", "Preuve (lien)"]
