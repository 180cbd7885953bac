"""The cached parts of the plan's page and API (plan/cache.py): a write through the services shows at
once, and what one user sees never reaches another (the suite's cache is a dummy one: these tests turn
a real one on)."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from diagnostic.choices import FindingStatus
from plan import services
from plan.choices import PlanStatus
from plan.models import Plan
from plan.tests import factories as f

pytestmark = pytest.mark.django_db

API = "/api/v1/plan/plans/{}/recommendations"


@pytest.fixture(autouse=True)
def real_cache(settings):
    """A real cache, and what each process keeps of the published plans' tokens and the data version
    kept for an hour (production keeps them a second): a write must show at once all the same."""
    from plan.cache import forget_public_tokens
    from territory.queries import forget_data_version

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "plan-cache"}
    }
    settings.PLI_DATA_VERSION_TTL = 3600
    cache.clear()
    forget_public_tokens(), forget_data_version()
    yield
    cache.clear()
    forget_public_tokens(), forget_data_version()


@pytest.fixture
def world(db):
    plan = f.plan("PPLI du test de cache", status=PlanStatus.ADOPTED, published=True)
    priority = f.priority(plan, "Accès au logement")
    recommendation = f.recommendation(priority, "Ouvrir une permanence logement")
    return plan, recommendation


def page(client, plan) -> str:
    response = client.get(reverse("plan:plan_detail", args=[plan.pk]))
    assert response.status_code == 200
    return response.content.decode()


def api(client, plan) -> dict:
    response = client.get(API.format(plan.pk))
    assert response.status_code == 200
    return response.json()


def test_the_second_anonymous_reading_comes_from_the_cache(world, client, django_assert_max_num_queries):
    plan, _ = world
    page(client, plan), api(client, plan)
    with django_assert_max_num_queries(2):  # the plan and the data version: the whole page is cached
        page(client, plan)
    with django_assert_max_num_queries(3):  # the plan, the findings it may show, the data version
        api(client, plan)


def test_an_edited_title_shows_at_once_on_the_public_page_and_in_the_api(world, client, personas, client_as):
    plan, recommendation = world
    assert "Ouvrir une permanence logement" in page(client, plan)
    assert api(client, plan)["items"][0]["title"] == "Ouvrir une permanence logement"
    editor = client_as(personas["coordinator"])
    data = {
        "priority": recommendation.priority_id,
        "number": recommendation.number,
        "title": "Une permanence logement chaque semaine",
        "version": recommendation.version,
    }
    response = editor.post(reverse("plan:recommendation_edit", args=[recommendation.pk]), data)
    assert response.status_code == 302
    editor.logout()
    assert "Une permanence logement chaque semaine" in page(client, plan)
    assert "Ouvrir une permanence logement" not in page(client, plan)
    assert api(client, plan)["items"][0]["title"] == "Une permanence logement chaque semaine"


def test_a_progress_update_shows_at_once(world, client, personas):
    plan, recommendation = world
    assert 'value="0"' in page(client, plan)
    assert api(client, plan)["items"][0]["updates"] == []
    services.post_progress(
        recommendation,
        text="Permanence ouverte",
        progress=40,
        status="in_progress",
        by=personas["coordinator"],
    )
    assert 'value="40"' in page(client, plan)
    item = api(client, plan)["items"][0]
    assert (item["progress"], item["status"]) == (40, "in_progress")
    assert [u["text"] for u in item["updates"]] == ["Permanence ouverte"]


def test_means_and_a_renamed_organisation_show_at_once(world, client, personas):
    plan, recommendation = world
    organisation = f.organisation("ILI Les Passerelles")
    f.resource(recommendation, organisation)  # outside the services: the plan is read afresh below
    Plan.objects.get(pk=plan.pk).save()
    assert api(client, plan)["items"][0]["resources"][0]["organisation"]["name"] == "ILI Les Passerelles"
    organisation.name = "ILI Les Nouvelles Passerelles"
    organisation.save()  # as the admin would: every plan's parts are renewed
    item = api(client, plan)["items"][0]
    assert item["resources"][0]["organisation"]["name"] == "ILI Les Nouvelles Passerelles"
    services.remove_resource(recommendation.resources.get(), by=personas["coordinator"])
    assert api(client, plan)["items"][0]["resources"] == []


def test_unpublishing_hides_the_plan_at_once(world, client, personas):
    plan, _ = world
    page(client, plan), api(client, plan)
    services.set_published(plan, False, by=personas["coordinator"])
    assert client.get(reverse("plan:plan_detail", args=[plan.pk])).status_code == 404
    assert client.get(API.format(plan.pk)).status_code == 404


def without_csrf(html: str) -> str:
    return re.sub(r'(X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+', r"\1", html)


def edit_links(html: str, plan) -> list[str]:
    links = [reverse("plan:priority_create", args=[plan.pk]), reverse("plan:plan_edit", args=[plan.pk])]
    return [link for link in links if link in html] + (["csrf"] if "csrfmiddlewaretoken" in html else [])


def test_a_coordinator_s_edit_links_never_reach_an_anonymous_visitor(world, personas, client_as):
    plan, _ = world
    coordinator_page = page(client_as(personas["coordinator"]), plan)
    assert len(edit_links(coordinator_page, plan)) == 3  # the coordinator warmed the cache with them
    anonymous_page = page(client_as(None), plan)
    assert "Ouvrir une permanence logement" in anonymous_page
    assert edit_links(anonymous_page, plan) == []


def test_an_anonymous_visitor_s_page_never_takes_the_coordinator_s_links_away(world, personas, client_as):
    plan, _ = world
    assert edit_links(page(client_as(None), plan), plan) == []
    assert len(edit_links(page(client_as(personas["coordinator"]), plan), plan)) == 3


def test_a_partner_never_reads_what_a_coordinator_warmed_in_a_plan_not_published(personas, client_as):
    plan = f.plan("PPLI en préparation")
    priority = f.priority(plan, "Accès au logement")
    carried = f.recommendation(priority, "Recommandation portée")
    f.recommendation(priority, "Recommandation voisine")
    organisation = f.organisation("ILI Les Passerelles")
    f.resource(carried, organisation)
    f.works_for(personas["partner_member"], organisation)
    Plan.objects.get(pk=plan.pk).save()
    coordinator = client_as(personas["coordinator"])
    assert "Recommandation voisine" in page(coordinator, plan)
    assert len(api(coordinator, plan)["items"]) == 2
    partner = client_as(personas["partner_member"])
    html = page(partner, plan)
    assert "Recommandation portée" in html
    assert "Recommandation voisine" not in html
    assert [item["title"] for item in api(partner, plan)["items"]] == ["Recommandation portée"]


def test_a_draft_finding_warmed_by_a_coordinator_is_not_shown_to_the_public(world, personas, client_as):
    plan, recommendation = world
    draft = f.finding(status=FindingStatus.DRAFT)
    recommendation.findings.set([draft])
    Plan.objects.get(pk=plan.pk).save()
    assert api(client_as(personas["coordinator"]), plan)["items"][0]["findings"] == [draft.pk]
    assert api(client_as(None), plan)["items"][0]["findings"] == []


def test_a_next_version_published_shows_at_once_on_the_previous_plan_s_public_page(world, client, personas):
    plan, _ = world
    assert "PPLI 3.0" not in page(client, plan)
    following = services.new_version(
        plan,
        title="PPLI 3.0",
        version_label="3.0",
        start_year=2026,
        end_year=2031,
        by=personas["coordinator"],
    )
    assert "PPLI 3.0" not in page(client, plan), "a version in preparation is not public"
    Plan.objects.filter(pk=following.pk).update(status=PlanStatus.ADOPTED)
    services.set_published(Plan.objects.get(pk=following.pk), True, by=personas["coordinator"])
    assert "PPLI 3.0" in page(client, plan)


def test_a_progress_post_computes_only_its_own_recommendation_again(world, client, personas, monkeypatch):
    plan, posted = world
    other = f.recommendation(posted.priority, "Former les agents d'accueil")
    page(client, plan), api(client, plan)
    computed = []
    from plan import api as plan_api
    from plan import views as plan_views

    real_item, real_render = plan_api._recommendation, plan_views.render_to_string
    monkeypatch.setattr(
        plan_api, "_recommendation", lambda r, v: computed.append(("api", r.pk)) or real_item(r, v)
    )

    def render(name, context=None, *args, **kwargs):
        if name == "plan/_tree_recommendation.html":
            computed.append(("line", context["recommendation"].pk))
        return real_render(name, context, *args, **kwargs)

    monkeypatch.setattr(plan_views, "render_to_string", render)
    services.post_progress(
        posted, text="Ouverte", progress=40, status="in_progress", by=personas["coordinator"]
    )
    html, items = page(client, plan), api(client, plan)["items"]
    assert sorted(computed) == [("api", posted.pk), ("line", posted.pk)]  # not the other's
    progress = {item["id"]: item["progress"] for item in items}
    assert progress == {posted.pk: 40, other.pk: 0}
    assert f'data-recommendation="{other.pk}"' in html and 'value="40"' in html


def test_a_renumbered_priority_renumbers_every_recommendation_it_holds(world, client, personas, client_as):
    plan, recommendation = world
    priority = recommendation.priority
    assert api(client, plan)["items"][0]["code"] == f"{priority.number}.{recommendation.number}"
    assert f"{priority.number}.{recommendation.number} Ouvrir" in page(client, plan)
    editor = client_as(personas["coordinator"])
    data = {"axis": priority.axis_id, "number": 7, "title": priority.title, "version": priority.version}
    assert editor.post(reverse("plan:priority_edit", args=[priority.pk]), data).status_code == 302
    editor.logout()
    assert api(client, plan)["items"][0]["code"] == f"7.{recommendation.number}"
    assert f"7.{recommendation.number} Ouvrir" in page(client, plan)


# --- The whole recommendation page for anonymous visitors -------------------------------------------


def recommendation_page(client, recommendation) -> str:
    response = client.get(reverse("plan:recommendation_detail", args=[recommendation.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_second_anonymous_reading_of_a_recommendation_comes_from_the_cache(
    world, client, django_assert_max_num_queries
):
    _plan, recommendation = world
    assert "Ouvrir une permanence logement" in recommendation_page(client, recommendation)
    with django_assert_max_num_queries(2):  # its token and its plan's, the areas' versions
        assert "Ouvrir une permanence logement" in recommendation_page(client, recommendation)


def test_a_progress_update_and_an_edited_finding_show_at_once_on_it(world, client, personas, commit_versions):
    from pli import services as pli_services

    _plan, recommendation = world
    finding = f.finding("Les loyers de Namur dépassent les moyens des primo-arrivants")
    recommendation.findings.add(finding)
    Plan.objects.get(pk=_plan.pk).save()
    commit_versions()  # as if the setup had committed
    assert "Les loyers de Namur dépassent" in recommendation_page(client, recommendation)
    services.post_progress(
        recommendation,
        text="Permanence ouverte le mardi",
        progress=40,
        status="in_progress",
        by=personas["coordinator"],
    )
    assert "Permanence ouverte le mardi" in recommendation_page(client, recommendation)
    # A finding belongs to the diagnostic: its edit reaches the page through the diagnostic's version.
    with pli_services.edit(finding, by=personas["coordinator"]) as current:
        current.statement = "Les loyers de Namur et de Jambes dépassent leurs moyens"
        current.save()
    commit_versions()
    page = recommendation_page(client, recommendation)
    assert "Les loyers de Namur et de Jambes dépassent leurs moyens" in page
    assert "Les loyers de Namur dépassent les moyens" not in page


def test_a_recommendation_of_a_plan_in_preparation_is_never_cached_for_anybody(world, client, personas):
    plan, recommendation = world
    services.set_published(plan, False, by=personas["coordinator"])
    assert client.get(reverse("plan:recommendation_detail", args=[recommendation.pk])).status_code == 404


def test_a_coordinator_s_plan_page_is_cached_for_them_and_an_edit_shows_at_once(
    world, personas, client_as, django_assert_max_num_queries
):
    plan, recommendation = world
    editor = client_as(personas["coordinator"])
    first = page(editor, plan)
    assert "Ouvrir une permanence logement" in first and len(edit_links(first, plan)) == 3
    with django_assert_max_num_queries(7):  # session, user, devices, the plan, the areas' versions
        again = page(editor, plan)
    assert without_csrf(again) == without_csrf(first)
    data = {
        "priority": recommendation.priority_id,
        "number": recommendation.number,
        "title": "Une permanence logement chaque semaine",
        "version": recommendation.version,
    }
    assert editor.post(reverse("plan:recommendation_edit", args=[recommendation.pk]), data).status_code == 302
    # The first reading shows the message "saved" (rendered for the user, not cached), the second is
    # the page cached anew under the plan's renewed token.
    for _reading in range(2):
        after = page(editor, plan)
        assert (
            "Une permanence logement chaque semaine" in after
            and "Ouvrir une permanence logement" not in after
        )
