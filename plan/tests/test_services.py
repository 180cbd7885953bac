"""The services that change a plan (new version, publication, progress) and the model's constraints."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from accounts.models import AuditEvent
from network.models import Organisation, Person
from plan import services
from plan.choices import MeansKind, PlanStatus, RecommendationStatus
from plan.models import Means, Plan, Priority, ProgressUpdate, Recommendation, Resource
from plan.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(coordinator):
    return f.world(status=PlanStatus.ADOPTED, published=True, by=coordinator)


def snapshot(plan: Plan) -> dict:
    """Everything new_version could touch in a plan, as plain values."""
    recommendations = Recommendation.objects.filter(priority__plan=plan)
    return {
        # Its content token is renewed on purpose: its page links to the new version (plan/cache.py).
        "plan": {
            k: v for k, v in Plan.objects.filter(pk=plan.pk).values().get().items() if k != "content_token"
        },
        "priorities": sorted(
            (p.pk, p.axis_id, p.number, p.title, sorted(p.findings.values_list("pk", flat=True)))
            for p in plan.priorities.all()
        ),
        "recommendations": sorted(
            recommendations.values_list(
                "pk", "priority_id", "number", "title", "status", "progress", "version"
            )
        ),
        "means": sorted(Means.objects.filter(recommendation__in=recommendations).values_list()),
        "resources": sorted(Resource.objects.filter(recommendation__in=recommendations).values_list()),
        "updates": sorted(
            ProgressUpdate.objects.filter(recommendation__in=recommendations).values_list("pk")
        ),
    }


def related(recommendation: Recommendation) -> dict:
    """What is copied with a recommendation, independent of primary keys."""
    return {
        "number": recommendation.number,
        "title": recommendation.title,
        "text": recommendation.text,
        "levels": recommendation.addressed_levels,
        "findings": set(recommendation.findings.values_list("pk", flat=True)),
        "territories": set(recommendation.territories.values_list("pk", flat=True)),
        "publics": set(recommendation.publics.values_list("pk", flat=True)),
        "addressed_to": set(recommendation.addressed_to.values_list("pk", flat=True)),
        "means": sorted(
            recommendation.means.values_list("kind", "amount", "funder", "year", "fte", "description")
        ),
        "resources": sorted(recommendation.resources.values_list("organisation_id", "role")),
    }


# --- new_version -----------------------------------------------------------------------------------


def test_new_version_copies_the_tree_but_not_the_progress(world, coordinator):
    services.post_progress(
        world.carried,
        text="Permanence ouverte",
        progress=40,
        status=RecommendationStatus.IN_PROGRESS,
        by=coordinator,
    )
    before = snapshot(world.plan)

    new = services.new_version(
        world.plan,
        title="PPLI 3.0",
        version_label="PPLI 2026-2030",
        start_year=2026,
        end_year=2030,
        by=coordinator,
    )

    new.refresh_from_db()
    assert (new.title, new.version_label, new.start_year, new.end_year) == (
        "PPLI 3.0",
        "PPLI 2026-2030",
        2026,
        2030,
    )
    assert new.status == PlanStatus.PREPARATION
    assert new.is_published is False and new.published_at is None
    assert new.previous == world.plan
    assert new.territory == world.plan.territory
    assert new.framework == world.plan.framework

    copies = list(new.priorities.all())
    assert len(copies) == world.plan.priorities.count() == 2
    for copy in copies:
        original = copy.copied_from
        assert original is not None and original.plan == world.plan
        assert (copy.axis_id, copy.number, copy.title, copy.description) == (
            original.axis_id,
            original.number,
            original.title,
            original.description,
        )
        assert set(copy.findings.all()) == set(original.findings.all())

    copied = Recommendation.objects.filter(priority__plan=new)
    assert copied.count() == 3
    for copy in copied:
        original = copy.copied_from
        assert original.priority.plan == world.plan
        assert copy.priority.copied_from == original.priority
        assert related(copy) == related(original)
        assert (copy.status, copy.progress) == (RecommendationStatus.TO_LAUNCH, 0)
        assert not copy.updates.exists()

    carried = copied.get(copied_from=world.carried)
    assert related(carried)["means"] and related(carried)["resources"] and related(carried)["findings"]
    # the means and resources are new rows, not moved from the original
    assert not set(carried.means.values_list("pk", flat=True)) & set(
        world.carried.means.values_list("pk", flat=True)
    )
    assert world.carried.means.count() == 3 and world.carried.resources.count() == 2

    assert snapshot(world.plan) == before
    assert AuditEvent.objects.filter(
        action="new_version", object_id=str(new.pk), content_type__model="plan"
    ).exists()


def test_new_version_of_an_empty_plan(coordinator):
    empty = f.plan("PLI de Namur")
    new = services.new_version(
        empty, title="PLI 2", version_label="", start_year=2026, end_year=2027, by=coordinator
    )
    assert new.previous == empty and not new.priorities.exists()


# --- publication -----------------------------------------------------------------------------------


def test_a_plan_in_preparation_cannot_be_published(coordinator):
    plan = f.plan(status=PlanStatus.PREPARATION)
    with pytest.raises(ValidationError):
        services.set_published(plan, True, by=coordinator)
    plan.refresh_from_db()
    assert plan.is_published is False and plan.published_at is None and plan.version == 1


@pytest.mark.parametrize("status", [PlanStatus.ADOPTED, PlanStatus.CLOSED])
def test_adopted_and_closed_plans_are_published_and_withdrawn(coordinator, status):
    plan = f.plan(status=status)

    published = services.set_published(plan, True, by=coordinator)
    plan.refresh_from_db()
    assert published.is_published and plan.is_published
    assert plan.published_at is not None
    assert plan.version == 2
    assert Plan.objects.published().filter(pk=plan.pk).exists()

    services.set_published(plan, False, by=coordinator)
    plan.refresh_from_db()
    assert plan.is_published is False and plan.published_at is None
    assert plan.version == 3
    assert not Plan.objects.published().filter(pk=plan.pk).exists()
    assert list(
        AuditEvent.objects.filter(object_id=str(plan.pk), content_type__model="plan")
        .order_by("at", "pk")
        .values_list("action", flat=True)
    ) == ["publish", "unpublish"]


# --- progress --------------------------------------------------------------------------------------


@pytest.fixture
def recommendation():
    return f.recommendation(f.priority(f.plan()))


def test_progress_update_carries_status_and_percentage_over(recommendation, coordinator):
    organisation = f.organisation()
    update = services.post_progress(
        recommendation,
        text="Première permanence tenue",
        progress=30,
        status=RecommendationStatus.IN_PROGRESS,
        by=coordinator,
        evidence_url="https://example.org/rapport.pdf",
        organisation=organisation,
    )

    assert (update.progress, update.status, update.created_by) == (
        30,
        RecommendationStatus.IN_PROGRESS,
        coordinator,
    )
    assert update.organisation == organisation and update.date == timezone.localdate()
    stored = Recommendation.objects.get(pk=recommendation.pk)
    assert (stored.status, stored.progress, stored.version) == (RecommendationStatus.IN_PROGRESS, 30, 2)
    # the caller's object follows, so that a form built from it is not seen as stale
    assert (recommendation.status, recommendation.progress, recommendation.version) == (
        RecommendationStatus.IN_PROGRESS,
        30,
        2,
    )

    services.post_progress(
        recommendation, text="Terminé", progress=100, status=RecommendationStatus.DONE, by=coordinator
    )
    stored.refresh_from_db()
    assert (stored.status, stored.progress, stored.version) == (RecommendationStatus.DONE, 100, 3)
    assert stored.updates.count() == 2


@pytest.mark.parametrize(
    ("progress", "status"),
    [
        (101, RecommendationStatus.IN_PROGRESS),
        (-1, RecommendationStatus.IN_PROGRESS),
        (None, RecommendationStatus.IN_PROGRESS),
        (99, RecommendationStatus.DONE),
        (0, RecommendationStatus.DONE),
        (50, "finished"),
    ],
)
def test_invalid_progress_is_refused_and_creates_nothing(recommendation, coordinator, progress, status):
    services.post_progress(
        recommendation, text="Lancé", progress=10, status=RecommendationStatus.IN_PROGRESS, by=coordinator
    )
    recommendation.refresh_from_db()
    before = (recommendation.status, recommendation.progress, recommendation.version)

    with pytest.raises(ValidationError):
        services.post_progress(
            recommendation, text="Mauvais", progress=progress, status=status, by=coordinator
        )

    assert ProgressUpdate.objects.filter(recommendation=recommendation).count() == 1
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.progress, recommendation.version) == before


def test_an_older_update_does_not_override_the_latest_state(recommendation, coordinator):
    today = datetime.date(2025, 6, 1)
    services.post_progress(
        recommendation,
        text="Récent",
        progress=60,
        status=RecommendationStatus.IN_PROGRESS,
        by=coordinator,
        date=today,
    )
    services.post_progress(
        recommendation,
        text="Oublié de noter en mars",
        progress=20,
        status=RecommendationStatus.TO_LAUNCH,
        by=coordinator,
        date=today - datetime.timedelta(days=90),
    )

    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.progress) == (RecommendationStatus.IN_PROGRESS, 60)
    assert [u.progress for u in recommendation.updates.all()] == [60, 20]  # the timeline, latest first


# --- model constraints -----------------------------------------------------------------------------


@pytest.mark.parametrize(("field", "value"), [("amount", Decimal("-0.01")), ("fte", Decimal("-1"))])
def test_negative_means_are_refused(recommendation, field, value):
    kind = MeansKind.FINANCIAL if field == "amount" else MeansKind.HUMAN
    with pytest.raises(IntegrityError), transaction.atomic():
        Means.objects.create(recommendation=recommendation, kind=kind, **{field: value})
    assert not Means.objects.exists()

    with pytest.raises(ValidationError) as error:
        Means(recommendation=recommendation, kind=kind, **{field: value}).full_clean()
    assert field in error.value.message_dict


def test_zero_means_are_accepted(recommendation):
    means = Means(
        recommendation=recommendation, kind=MeansKind.FINANCIAL, amount=Decimal("0"), fte=Decimal("0")
    )
    means.full_clean()  # the form's validation accepts zero…
    means.save()  # …and so do the database's constraints
    stored = Means.objects.get(recommendation=recommendation)
    assert (stored.pk, stored.amount, stored.fte) == (means.pk, Decimal("0"), Decimal("0"))
    human = Means.objects.create(recommendation=recommendation, kind=MeansKind.HUMAN, fte=Decimal("0"))
    assert list(recommendation.means.order_by("pk")) == [stored, human]


def test_recommendation_progress_above_100_is_refused(recommendation):
    with pytest.raises(IntegrityError), transaction.atomic():
        Recommendation.objects.filter(pk=recommendation.pk).update(progress=101)
    recommendation.refresh_from_db()
    assert recommendation.progress == 0

    recommendation.progress = 101
    with pytest.raises(ValidationError) as error:
        recommendation.full_clean()
    assert "progress" in error.value.message_dict


def test_plan_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        f.plan(start_year=2025, end_year=2024)
    assert not Plan.objects.exists()

    plan = Plan(title="PPLI", territory=f.get_territory(), start_year=2025, end_year=2024)
    with pytest.raises(ValidationError):
        plan.full_clean()
    Plan(title="PPLI", territory=f.get_territory(), start_year=2025, end_year=2025).full_clean()


def test_an_organisation_that_is_a_resource_cannot_be_deleted(world, coordinator):
    carrier = world.carrier
    person = f.works_for(coordinator, carrier)

    with pytest.raises(ProtectedError):
        carrier.delete()

    assert Organisation.objects.filter(pk=carrier.pk).exists()
    assert Resource.objects.filter(organisation=carrier, recommendation=world.carried).exists()
    assert Person.objects.get(pk=person.pk).organisation_id == carrier.pk
    # the addressee (a resource too) keeps its place among the addressees
    with pytest.raises(ProtectedError):
        world.partner.delete()
    assert world.carried.addressed_to.filter(pk=world.partner.pk).exists()


def test_priority_numbers_are_unique_in_a_plan():
    plan = f.plan()
    f.priority(plan, number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Priority.objects.create(plan=plan, axis=f.get_axis(), number=1, title="Doublon")
    assert plan.priorities.count() == 1


def test_the_service_itself_refuses_a_progress_update_dated_in_the_future(personas):
    world = f.world(by=personas["coordinator"])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.post_progress(
            world.carried, text="x", progress=10, status="in_progress", date=tomorrow, by=None
        )
    assert "date" in refused.value.message_dict
    assert not world.carried.updates.exists()


@pytest.mark.django_db(transaction=True)
def test_two_posts_at_once_on_one_recommendation_both_land_and_the_latest_date_wins(monkeypatch):
    """Two partners post at the same moment: each writes its step before it locks the recommendation,
    so neither waits for the other's whole post, they do not deadlock, and the state is the latest
    step's by date whichever commits last (PostgreSQL: SQLite lets one writer in at a time)."""
    import threading

    from django.db import connection, connections

    from accounts import audit
    from conftest import make_user

    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's")
    coordinator = make_user("coordinator")
    recommendation = f.recommendation(f.priority(f.plan()))
    both_written = threading.Barrier(2, timeout=10)
    record = audit.record

    def record_then_wait(*args, **kwargs):  # each post has written its step and its audit entry
        entry = record(*args, **kwargs)
        both_written.wait()
        return entry

    monkeypatch.setattr(audit, "record", record_then_wait)
    errors = []

    def post(progress, date):
        try:
            services.post_progress(
                Recommendation.objects.get(pk=recommendation.pk),
                text=f"{progress} %",
                progress=progress,
                status=RecommendationStatus.IN_PROGRESS,
                by=coordinator,
                date=date,
            )
        except Exception as error:  # noqa: BLE001 - told by the assertion below
            errors.append(repr(error))
        finally:
            connections.close_all()

    june = datetime.date(2025, 6, 1)
    threads = [
        threading.Thread(target=post, args=(60, june)),
        threading.Thread(target=post, args=(20, june.replace(month=3))),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    recommendation.refresh_from_db()
    assert recommendation.progress == 60 and recommendation.updates.count() == 2
    assert recommendation.version == 3  # created at 1, then once per post
