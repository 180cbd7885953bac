"""Read functions of the review campaigns: which findings a scope covers, and how far a campaign has come.

Each function is one aggregate query (values() + annotate, or correlated subqueries), whatever the
number of findings, reviews and settlements: the dashboard's query count does not grow with them.
"""

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from diagnostic.choices import FindingStatus
from diagnostic.models import Finding, FindingReview, ReviewCampaign, Settlement
from territory.models import Territory

# Findings a new campaign leaves aside: not yet validated, or already superseded.
OUT_OF_SCOPE = [FindingStatus.DRAFT, FindingStatus.OBSOLETE, FindingStatus.REPLACED]


def scope_findings(*, diagnostic=None, axis=None, territory=None):
    """The findings a campaign over this scope re-examines: those of the diagnostic, of the axis, and
    naming the territory or a territory within it (a commune of a province…), all conditions together."""
    findings = Finding.objects.exclude(status__in=OUT_OF_SCOPE)
    if diagnostic is not None:
        findings = findings.filter(diagnostic=diagnostic)
    if axis is not None:
        findings = findings.filter(axis=axis)
    if territory is not None:
        within = Territory.objects.within(territory).values("pk")
        findings = findings.filter(Q(territories=territory) | Q(territories__in=within)).distinct()
    return findings


def _count(queryset, field: str):
    """A correlated count of the rows of `queryset` whose `field` is the outer row (0 when none)."""
    rows = (
        queryset.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("*")).values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def with_progress(campaigns):
    """Campaigns annotated with `total` (findings) and `settled` (findings with a final verdict)."""
    return campaigns.annotate(
        total=_count(ReviewCampaign.findings.through.objects.all(), "reviewcampaign"),
        settled=_count(Settlement.objects.all(), "campaign"),
    )


def _settled_ids(campaign):
    return Settlement.objects.filter(campaign=campaign).values("finding_id")


def _reviewed_ids(campaign, lens: str | None = None):
    reviews = FindingReview.objects.filter(campaign=campaign)
    if lens:
        reviews = reviews.filter(lens=lens)
    return reviews.values("finding_id")


def summary(campaign) -> dict:
    """{total, settled, reviewed}: findings of the campaign, with a final verdict, with any review."""
    return campaign.findings.order_by().aggregate(
        total=Count("pk"),
        settled=Count("pk", filter=Q(pk__in=_settled_ids(campaign))),
        reviewed=Count("pk", filter=Q(pk__in=_reviewed_ids(campaign))),
    )


def by_lens(campaign, total: int) -> list[dict]:
    """For each lens of the campaign: reviews given, findings reviewed through it, out of `total`."""
    rows = {
        row["lens"]: row
        for row in FindingReview.objects.filter(campaign=campaign)
        .order_by()
        .values("lens")
        .annotate(reviews=Count("pk"), reviewed=Count("finding", distinct=True))
    }
    return [
        {
            "lens": lens,
            "label": label,
            "reviews": rows.get(lens, {}).get("reviews", 0),
            "reviewed": rows.get(lens, {}).get("reviewed", 0),
            "total": total,
        }
        for lens, label in campaign.lens_choices()
    ]


def by_axis(campaign) -> list[dict]:
    """For each axis of the campaign's findings: {pk, label, total, settled}."""
    return list(
        campaign.findings.order_by()
        .values(pk_=F("axis_id"), label=F("axis__label"), order=F("axis__order"))
        .annotate(total=Count("pk"), settled=Count("pk", filter=Q(pk__in=_settled_ids(campaign))))
        .order_by("order", "label")
    )


def by_territory(campaign) -> list[dict]:
    """For each territory named by the campaign's findings: {pk, name, total, settled}."""
    return list(
        campaign.findings.order_by()
        .values(pk_=F("territories__pk"), name=F("territories__name_fr"))
        .annotate(total=Count("pk"), settled=Count("pk", filter=Q(pk__in=_settled_ids(campaign))))
        .order_by("name")
    )


def pending(campaign, *, lens: str = "", axis=None, unreviewed: bool = False):
    """The findings still without a final verdict, with `review_count` (reviews in this campaign).

    `lens`: only those not yet reviewed through that lens; `unreviewed`: only those without any review.
    """
    findings = (
        campaign.findings.exclude(pk__in=_settled_ids(campaign))
        .select_related("axis")
        .prefetch_related("territories")
        .annotate(review_count=_count(FindingReview.objects.filter(campaign=campaign), "finding"))
        .order_by("axis__order", "pk")
    )
    if lens:
        findings = findings.exclude(pk__in=_reviewed_ids(campaign, lens))
    if axis is not None:
        findings = findings.filter(axis=axis)
    if unreviewed:
        findings = findings.exclude(pk__in=_reviewed_ids(campaign))
    return findings


def axes_of(campaign):
    """The axes of the campaign's findings (the choices of the dashboard's filter)."""
    from vocabulary.models import Axis

    return Axis.objects.filter(pk__in=campaign.findings.values("axis_id"))


def reviews_of(campaign, finding, user):
    """The reviews of the finding in the campaign that the user may read (their lenses' only)."""
    return (
        FindingReview.objects.visible_to(user)
        .filter(campaign=campaign, finding=finding)
        .select_related("reviewer", "replacement")
    )


def settlement_of(campaign, finding) -> Settlement | None:
    """The final verdict of the finding in the campaign, if any."""
    return (
        Settlement.objects.filter(campaign=campaign, finding=finding)
        .select_related("settled_by", "replacement")
        .first()
    )


def next_pending(campaign, finding) -> int | None:
    """The pk of the next finding (in the dashboard's order) still without a final verdict, wrapping
    around to the first; None when every other finding is settled."""
    rest = pending(campaign).prefetch_related(None).exclude(pk=finding.pk)
    order = finding.axis.order
    after = Q(axis__order__gt=order) | Q(axis__order=order, pk__gt=finding.pk)
    return (
        rest.filter(after).values_list("pk", flat=True).first() or rest.values_list("pk", flat=True).first()
    )
