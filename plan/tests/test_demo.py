"""The demonstration plans: a closed PPLI 2016-2019 with its timeline, a PPLI 2.0 in preparation."""

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.test import override_settings
from django.utils import timezone

from accounts import demo as accounts_demo
from accounts.models import User
from diagnostic import demo as diagnostic_demo
from diagnostic.models import Diagnostic, Finding
from network import demo as network_demo
from network.models import Organisation
from plan import demo, queries
from plan.choices import MeansKind, PlanKind, PlanStatus, PowerLevel, RecommendationStatus, ResourceRole
from plan.models import Means, Plan, Priority, ProgressUpdate, Recommendation, Resource

MODELS = [Plan, Priority, Recommendation, Means, Resource, ProgressUpdate]
AXES = {
    "pcs-2014-revenu-digne",
    "pcs-2014-sante-aide-sociale",
    "pcs-2014-logement-environnement",
    "pcs-2014-travail",
    "pcs-2014-formation",
    "pcs-2014-epanouissement",
}
PARTNER_EMAIL = "partenaire@demo.pli.local"


@pytest.fixture
def demo_accounts(statistics, settings, tmp_path):
    settings.VAR_DIR = tmp_path  # the demo password file goes to a temporary folder
    accounts_demo.load(StringIO())


@pytest.fixture
def demo_findings(demo_accounts):
    network_demo.load(StringIO())
    diagnostic_demo.load(StringIO())


@pytest.fixture(scope="module")
def loaded_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The accounts, network, findings and plans of the demo, loaded once for the module's tests."""
    from conftest import rows_for_the_module

    with rows_for_the_module(django_db_blocker):
        with django_db_blocker.unblock(), override_settings(VAR_DIR=tmp_path_factory.mktemp("var")):
            accounts_demo.load(StringIO())
            network_demo.load(StringIO())
            diagnostic_demo.load(StringIO())
            out = StringIO()
            demo.load(out)
        yield out.getvalue()


@pytest.fixture
def loaded(statistics, loaded_once):
    return loaded_once


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def plan_2016():
    return Plan.objects.get(version_label="PPLI 2016-2019")


def plan_2():
    return Plan.objects.get(version_label="PPLI 2.0")


def recommendations(plan):
    return Recommendation.objects.filter(priority__plan=plan)


def assert_consistent_progress(recommendation, updates):
    """The recommendation carries the status and percentage of its latest step; steps never go back."""
    latest = max(updates, key=lambda u: (u.date, u.pk)) if updates else None
    if latest is None:
        assert (recommendation.status, recommendation.progress) == (RecommendationStatus.TO_LAUNCH, 0)
    else:
        assert (recommendation.status, recommendation.progress) == (latest.status, latest.progress)
    for update in updates:
        if update.status == RecommendationStatus.DONE:
            assert update.progress == 100
        elif update.status == RecommendationStatus.IN_PROGRESS:
            assert 0 < update.progress < 100
        elif update.status == RecommendationStatus.TO_LAUNCH:
            assert update.progress == 0
        else:
            assert update.progress < 100
    ordered = sorted(updates, key=lambda u: (u.date, u.pk))
    assert [u.progress for u in ordered] == sorted(u.progress for u in ordered)
    assert len({u.date for u in updates}) == len(updates)
    assert all(u.status != RecommendationStatus.DONE for u in ordered[:-1])


def test_the_2016_2019_plan_has_thirty_priorities_over_the_six_axes(loaded):
    assert loaded.startswith("Demo plans: PPLI 2016-2019 (closed, published): 30 priorities, ")
    plan = plan_2016()
    diagnostic = Diagnostic.objects.get(is_demo=True, title__contains="2016-2017")
    assert (plan.kind, plan.territory.nis_code, plan.start_year, plan.end_year) == (
        PlanKind.PPLI,
        "90000",
        2016,
        2019,
    )
    assert (plan.framework, plan.diagnostic, plan.is_demo, plan.previous) == (
        "pcs-2014",
        diagnostic,
        True,
        None,
    )
    assert plan.carriers == "Province de Namur, CLPS, C.A.I."
    assert plan.status == PlanStatus.CLOSED and plan.is_published and plan.published_at is not None
    assert (plan.adopted_on.year, plan.adopted_on.month) == (2016, 6) and plan.adopted_by
    assert (plan.closed_on.year, plan.closed_on.month) == (2019, 11) and plan.closed_by
    assert plan in Plan.objects.visible_to(None)  # anybody reads it

    priorities = list(plan.priorities.select_related("axis").prefetch_related("findings", "recommendations"))
    assert 28 <= len(priorities) <= 32
    per_axis = Counter(p.axis.code for p in priorities)
    assert set(per_axis) == AXES and min(per_axis.values()) >= 4
    assert sorted(p.number for p in priorities) == list(range(1, len(priorities) + 1))
    assert len({p.title for p in priorities}) == len(priorities)
    for priority in priorities:
        findings = list(priority.findings.all())
        assert 1 <= len(findings) <= 4
        assert {f.diagnostic_id for f in findings} == {diagnostic.pk}
        assert priority.axis_id in {f.axis_id for f in findings}
        numbers = sorted(r.number for r in priority.recommendations.all())
        assert numbers == list(range(1, len(numbers) + 1)) and 1 <= len(numbers) <= 3
    cited = Finding.objects.filter(priorities__plan=plan).distinct().count()
    assert cited >= 45  # most of the 61 findings justify a priority


def test_every_recommendation_has_findings_territories_publics_means_and_resources(loaded):
    plan = plan_2016()
    recs = list(
        recommendations(plan).prefetch_related(
            "findings", "territories", "publics", "addressed_to", "means", "resources__organisation"
        )
    )
    assert 55 <= len(recs) <= 75
    assert len({r.title for r in recs}) == len(recs)
    levels, kinds, funders, roles, territory_levels = set(), Counter(), set(), Counter(), set()
    for rec in recs:
        assert rec.text and rec.findings.exists() and rec.publics.exists()
        territories = list(rec.territories.all())
        assert territories
        for territory in territories:
            assert territory.nis_code == "90000" or territory.province_code == "90000"
            territory_levels.add(territory.level)
        assert set(rec.addressed_levels) <= set(PowerLevel.values)
        levels.update(rec.addressed_levels)
        assert all(o.is_demo for o in rec.addressed_to.all())
        means = list(rec.means.all())
        assert means
        for line in means:
            kinds[line.kind] += 1
            if line.kind == MeansKind.FINANCIAL:
                assert line.amount > 0 and line.funder and 2016 <= line.year <= 2019
                funders.add(line.funder)
            elif line.kind == MeansKind.HUMAN:
                assert line.fte > 0
            else:
                assert line.description
        resources = list(rec.resources.all())
        assert resources and all(r.organisation.is_demo for r in resources)
        roles.update(r.role for r in resources)
    assert set(kinds) == set(MeansKind.values) and kinds[MeansKind.FINANCIAL] >= 30
    assert {"SPW Intérieur et Action sociale", "Province de Namur", "FSE", "FAMI"} <= funders
    assert {ResourceRole.CARRIER, ResourceRole.PARTNER, ResourceRole.RELAY} <= set(roles)
    assert {"communal", "regional", "federal", "community"} <= levels
    assert territory_levels == {"province", "arrondissement", "commune"}
    publics = Counter(p.code for r in recs for p in r.publics.all())
    assert {"newcomer", "asylum-seekers", "mena", "women", "youth", "workers"} <= set(publics)
    carriers = Resource.objects.filter(recommendation__priority__plan=plan, role=ResourceRole.CARRIER)
    assert carriers.values("organisation").distinct().count() >= 15  # the network carries the plan
    assert carriers.filter(organisation__type__code="cri").exists()


def test_the_closed_plan_has_a_believable_timeline(loaded):
    plan = plan_2016()
    recs = list(recommendations(plan).prefetch_related("updates"))
    per_rec = Counter(len(r.updates.all()) for r in recs)
    assert max(per_rec) <= 4
    assert sum(n for size, n in per_rec.items() if size >= 1) >= 0.85 * len(recs)
    for rec in recs:
        updates = list(rec.updates.all())
        assert_consistent_progress(rec, updates)
        for update in updates:
            assert plan.adopted_on < update.date < plan.closed_on
            assert update.created_at.date() == update.date  # written the day it reports
            assert update.text
    statuses = Counter(r.status for r in recs)
    assert statuses[RecommendationStatus.DONE] > len(recs) / 3
    assert statuses[RecommendationStatus.IN_PROGRESS] >= 10
    assert statuses[RecommendationStatus.ABANDONED] >= 2
    updates = ProgressUpdate.objects.filter(recommendation__priority__plan=plan)
    assert {u.date.year for u in updates} == {2016, 2017, 2018, 2019}
    assert not updates.filter(organisation__isnull=True).exists()
    assert {u.created_by.email for u in updates.select_related("created_by")} == {
        "coordination@demo.pli.local"
    }


def test_the_closed_plan_links_the_plenary_assembly_that_closed_it_on_its_day(loaded):
    plan = plan_2016()
    plenary = plan.plenary
    assert plenary is not None, "a meeting, not only the words of `closed_by`"
    assert plenary.kind == "plenary" and timezone.localtime(plenary.starts_at).date() == plan.closed_on
    assert plenary.space.name == "Assemblée plénière du PPLI"
    assert "Clôture du PPLI 2016-2019" in plenary.agenda and plenary.minutes


def test_the_ppli_2_is_a_new_version_in_preparation(loaded):
    old, new = plan_2016(), plan_2()
    assert (new.status, new.is_published, new.previous, new.is_demo) == (
        PlanStatus.PREPARATION,
        False,
        old,
        True,
    )
    assert (new.start_year, new.end_year, new.territory, new.framework) == (
        2026,
        2031,
        old.territory,
        "pcs-2014",
    )
    assert new.diagnostic.title == "Actualisation PPLI 2.0" and new.diagnostic.is_demo
    assert new not in Plan.objects.visible_to(None)
    priorities = list(new.priorities.order_by("axis__order", "number"))
    assert [p.number for p in priorities] == list(range(1, len(priorities) + 1))
    assert all(p.findings.exists() for p in priorities)

    comparison = queries.compare(old, new)
    summary = comparison["priority_summary"]
    assert 3 <= summary["added"] <= 4 and 2 <= summary["removed"] <= 3 and summary["reworded"] >= 2
    assert summary["unchanged"] >= 20
    added = [c.new for c in comparison["priorities"] if c.kind == "added"]
    assert all(p.recommendations.exists() for p in added)
    assert len({p.axis_id for p in added}) >= 3
    recs = comparison["recommendation_summary"]
    assert recs["added"] >= 8 and recs["removed"] >= 2 and recs["reworded"] >= 1

    # New recommendations cite the findings of the draft update of the diagnostic.
    draft_cited = recommendations(new).filter(findings__diagnostic=new.diagnostic).distinct()
    assert draft_cited.count() >= 3
    kept = recommendations(new).filter(copied_from__isnull=False)
    assert all(r.copied_from.priority.plan == old for r in kept.select_related("copied_from__priority"))
    financial = Means.objects.filter(recommendation__priority__plan=new, kind=MeansKind.FINANCIAL)
    assert financial.exists() and min(financial.values_list("year", flat=True)) >= 2026
    assert not Resource.objects.filter(
        recommendation__priority__plan=new, organisation__is_demo=False
    ).exists()


def test_the_ppli_2_has_its_first_progress_updates(loaded):
    new = plan_2()
    today = timezone.localdate()
    recs = list(recommendations(new).prefetch_related("updates"))
    started = [r for r in recs if r.updates.all()]
    assert 6 <= len(started) <= len(recs) / 2
    for rec in recs:
        updates = list(rec.updates.all())
        assert_consistent_progress(rec, updates)
        assert all(date(2026, 1, 1) <= u.date <= today for u in updates)
        assert all(u.status != RecommendationStatus.DONE for u in updates)  # the plan has just begun
    # Progress is not copied: the old timeline stays with the old plan.
    assert not ProgressUpdate.objects.filter(recommendation__priority__plan=new, date__year__lt=2026).exists()


def test_the_partner_follows_recommendations_in_both_plans(loaded):
    partner = User.objects.get(email=PARTNER_EMAIL)
    organisation = partner.person.organisation
    assert organisation.is_demo
    old, new = plan_2016(), plan_2()
    for plan in (old, new):
        carried = recommendations(plan).filter(resources__organisation=organisation).distinct()
        assert carried.count() >= 3
    assert Resource.objects.filter(
        recommendation__priority__plan=new, organisation=organisation, role=ResourceRole.CARRIER
    ).exists()
    # The partner sees the unpublished plan through these recommendations, and posts progress on them.
    assert new in Plan.objects.visible_to(partner)
    postable = Recommendation.objects.progress_postable_by(partner).filter(priority__plan=new)
    assert postable.count() >= 3
    posted = ProgressUpdate.objects.filter(recommendation__priority__plan=new, created_by=partner)
    assert posted.exists()
    assert all(u.organisation == organisation and u.recommendation in postable for u in posted)


def test_loading_twice_creates_nothing_more(loaded):
    before = counts()
    out = StringIO()
    demo.load(out)
    assert out.getvalue() == "Demo plans already loaded."
    assert counts() == before
    assert before["Plan"] == 2


def test_loading_keeps_its_query_count_and_is_one_transaction(demo_findings, monkeypatch, query_baseline):
    with query_baseline("plan demo: loading the two plans"):  # a tight baseline: an N+1 shows at once
        demo.load(StringIO())

    # A failure half-way leaves nothing behind.
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    before = counts()
    monkeypatch.setattr(demo, "is_loaded", lambda: False)
    monkeypatch.setattr(demo.services, "new_version", broken)
    with pytest.raises(RuntimeError):
        demo.load(StringIO())
    assert counts() == before


def test_without_the_network_the_plans_load_without_resources(statistics):
    diagnostic_demo.load(StringIO())
    out = StringIO()
    demo.load(out)
    assert "no resources: the demo network is not loaded" in out.getvalue()
    assert plan_2016().priorities.count() == 30 and plan_2().previous == plan_2016()
    assert not Resource.objects.exists() and not Organisation.objects.exists()
    assert Means.objects.exists()


def test_without_the_demo_diagnostic_nothing_is_loaded(statistics):
    out = StringIO()
    demo.load(out)
    assert out.getvalue() == "Demo plans skipped: the demo diagnostic 2016-2017 is not loaded."
    assert not Plan.objects.exists()


def test_editing_a_priority_of_the_ppli_2_keeps_every_finding_it_cites(loaded, client):
    """Editing only the description of a PPLI 2.0 priority kept to its cited findings (the form offered
    only the draft diagnostic's findings, and the others were dropped on save)."""
    from django.urls import reverse

    from pli.tests.forms import form_data

    plan = Plan.objects.get(version_label="PPLI 2.0")
    priority = next(
        p for p in plan.priorities.all() if p.findings.exclude(diagnostic=plan.diagnostic).exists()
    )
    cited = set(priority.findings.values_list("pk", flat=True))
    assert len(cited) >= 2
    coordinator = User.objects.get(email="coordination@demo.pli.local")
    client.force_login(coordinator)
    url = reverse("plan:priority_edit", args=[priority.pk])
    form = client.get(url).context["form"]
    offered = set(form.fields["findings"].queryset.values_list("pk", flat=True))
    data = form_data(form)
    # What a browser posts: the ticked findings among those the list offers.
    data["findings"] = [pk for pk in data["findings"] if int(pk) in offered]
    assert cited <= offered, "findings of any diagnostic of the plan's territory can be cited"
    data["description"] = "Une description revue, rien d'autre."
    assert client.post(url, data).status_code == 302
    priority.refresh_from_db()
    assert priority.description == "Une description revue, rien d'autre."
    assert set(priority.findings.values_list("pk", flat=True)) == cited
