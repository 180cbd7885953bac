"""Every write of the plan: plans and their versions, publication, priorities, recommendations, their
means and resources, progress updates. Each checks the permission (plan/permissions.py) and the
version, runs in one transaction and leaves one audit entry (pli/services.py); a write under a plan
renews its content token (`plan.cache.touch`), so that its cached parts are never shown again."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from plan.cache import touch, touch_plan_only, touch_recommendation
from plan.choices import PlanStatus, RecommendationStatus
from plan.models import Means, Plan, Priority, ProgressUpdate, Recommendation, Resource
from pli import services
from pli.access import require_create


def save_plan(form, *, by) -> Plan:
    return services.save_form(form, by=by)


def save_priority(form, *, by) -> Priority:
    form.instance.plan = form.plan
    return services.save_form(form, by=by, parent=form.plan, after_save=lambda _: touch(form.plan.pk))


def save_recommendation(form, *, by) -> Recommendation:
    # Its save renews its own token; the others' lines and items stay as they are.
    return services.save_form(
        form, by=by, parent=form.plan, after_save=lambda _: touch_plan_only(form.plan.pk)
    )


def _touch_plan_of(recommendation: Recommendation) -> None:
    touch_recommendation(recommendation)


def add_means(form, *, by, recommendation: Recommendation) -> Means:
    form.instance.recommendation = recommendation
    return services.save_form(
        form, by=by, parent=recommendation, after_save=lambda _: _touch_plan_of(recommendation)
    )


@transaction.atomic
def remove_means(means: Means, *, by) -> None:
    services.delete(means, by=by, parent=means.recommendation)
    _touch_plan_of(means.recommendation)


def add_resource(form, *, by, recommendation: Recommendation) -> Resource:
    form.instance.recommendation = recommendation
    try:
        with transaction.atomic():
            return services.save_form(
                form, by=by, parent=recommendation, after_save=lambda _: _touch_plan_of(recommendation)
            )
    except IntegrityError:  # the organisation was deleted, or the same role was added, meanwhile
        raise ValidationError(
            _("This resource could not be recorded: reload the page and check the organisation.")
        ) from None


@transaction.atomic
def remove_resource(resource: Resource, *, by) -> None:
    services.delete(resource, by=by, parent=resource.recommendation)
    _touch_plan_of(resource.recommendation)


@transaction.atomic
def new_version(
    previous: Plan, *, title: str, version_label: str, start_year: int, end_year: int, by
) -> Plan:
    """A plan in preparation that starts as a copy of `previous`: its priorities, recommendations with
    their findings, territories, publics, addressees, means and resources (not its progress)."""
    require_create(by, Plan)
    plan = Plan.objects.create(
        kind=previous.kind,
        title=title,
        version_label=version_label,
        territory=previous.territory,
        start_year=start_year,
        end_year=end_year,
        status=PlanStatus.PREPARATION,
        carriers=previous.carriers,
        framework=previous.framework,
        diagnostic=previous.diagnostic,
        previous=previous,
        summary=previous.summary,
        is_demo=previous.is_demo,
    )
    for priority in previous.priorities.prefetch_related(
        "findings",
        "recommendations__findings",
        "recommendations__territories",
        "recommendations__publics",
        "recommendations__addressed_to",
        "recommendations__means",
        "recommendations__resources",
    ):
        copy = Priority.objects.create(
            plan=plan,
            axis_id=priority.axis_id,
            number=priority.number,
            title=priority.title,
            description=priority.description,
            copied_from=priority,
        )
        copy.findings.set(priority.findings.all())
        for recommendation in priority.recommendations.all():
            _copy_recommendation(recommendation, copy)
    audit.record(by, "new_version", plan, details={"previous": previous.pk})
    return plan


def _copy_recommendation(recommendation: Recommendation, priority: Priority) -> None:
    copy = Recommendation.objects.create(
        priority=priority,
        number=recommendation.number,
        title=recommendation.title,
        text=recommendation.text,
        addressed_levels=list(recommendation.addressed_levels),
        copied_from=recommendation,
    )
    copy.findings.set(recommendation.findings.all())
    copy.territories.set(recommendation.territories.all())
    copy.publics.set(recommendation.publics.all())
    copy.addressed_to.set(recommendation.addressed_to.all())
    Means.objects.bulk_create(
        Means(
            recommendation=copy,
            kind=m.kind,
            amount=m.amount,
            funder=m.funder,
            year=m.year,
            fte=m.fte,
            description=m.description,
        )
        for m in recommendation.means.all()
    )
    Resource.objects.bulk_create(
        Resource(recommendation=copy, organisation_id=r.organisation_id, role=r.role)
        for r in recommendation.resources.all()
    )


@transaction.atomic
def set_published(plan: Plan, published: bool, *, by) -> Plan:
    """Publish an adopted (or closed) plan for everybody to read, or withdraw it."""
    with services.edit(plan, by=by, action="publish" if published else "unpublish") as current:
        if published and not current.can_be_published:
            raise ValidationError(
                _("Only an adopted or closed plan can be published; this one is in preparation.")
            )
        current.is_published = published
        current.published_at = timezone.now() if published else None
        current.save(update_fields=["is_published", "published_at", "version", "updated_at"])
    return current


def progress_problems(*, status: str, progress, date) -> dict[str, str]:
    """What is wrong with a progress update, by field: the rules the form and the service share."""
    problems = {}
    if progress is None or not 0 <= progress <= 100:
        problems["progress"] = _("The progress is a percentage between 0 and 100.")
    elif status == RecommendationStatus.DONE and progress != 100:
        problems["progress"] = _("A recommendation marked as done is at 100 %.")
    if status not in RecommendationStatus.values:
        problems["status"] = _("Unknown status.")
    if date and date > timezone.localdate():
        problems["date"] = _("A progress update reports what has happened: its date cannot be in the future.")
    return problems


@transaction.atomic
def post_progress(
    recommendation: Recommendation,
    *,
    text: str,
    progress: int,
    status: str,
    by,
    date=None,
    evidence_url: str = "",
    organisation=None,
) -> ProgressUpdate:
    """Add a step to the recommendation's timeline and carry its status and percentage over: whoever may
    post on it (coordinators, the partners carrying it while the plan is open)."""
    require_create(
        by,
        ProgressUpdate,
        recommendation,
        _("Only coordinators and the partners carrying this recommendation post its progress."),
    )
    date = date or timezone.localdate()
    problems = progress_problems(status=status, progress=progress, date=date)
    if problems:
        raise ValidationError(problems)
    update = ProgressUpdate.objects.create(
        recommendation=recommendation,
        date=date,
        text=text,
        status=status,
        progress=progress,
        evidence_url=evidence_url,
        organisation=organisation,
        created_by=by,
    )
    # The row was just written from these values: its entry needs no reading of it again.
    audit.record(
        by, "progress", update, parent=recommendation, changes=audit.diff({}, audit.snapshot(update))
    )
    # The recommendation's row is locked only now, for the carrying over: posts on it wait for each
    # other for these three statements, not for the whole post. The last to lock reads every step
    # committed before it and its own, so the latest step by date wins whatever the order. NO KEY
    # (PostgreSQL): the row's key does not change, so what points to it (a step, a means) may be
    # written meanwhile without waiting.
    current = Recommendation.objects.select_for_update(no_key=True).get(pk=recommendation.pk)
    latest = current.updates.order_by("-date", "-pk").first()
    assert latest is not None  # the update just created
    current.status, current.progress = latest.status, latest.progress
    current.version += 1
    current.save(update_fields=["status", "progress", "version", "updated_at"])
    recommendation.status, recommendation.progress, recommendation.version = (
        current.status,
        current.progress,
        current.version,
    )
    # Its save above renewed its own token: the plan's parts only.
    touch_plan_only(Priority.objects.filter(pk=current.priority_id).values("plan_id"))
    return update
