"""The diagnostic's lines of "À faire" (pli/app_hooks.py): for whoever manages the register, the field
findings to triage and the cited statistics to re-examine; for whoever is invited to an open campaign,
the reviews they owe. A fixed number of queries each, whatever the data."""

from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from diagnostic import services
from diagnostic.choices import CampaignStatus, FindingStatus, SourceKind
from diagnostic.models import CampaignInvitation, Evidence, Finding, FindingReview, ReviewCampaign, Settlement
from pli.access import can_create, is_authenticated
from pli.app_hooks import TodoItem


def _register(**filters) -> str:
    return reverse("diagnostic:index") + "?" + urlencode(filters)


def _owed(user) -> list[tuple[int, int]]:
    """(campaign id, findings still to review) per invitation of the user to an open campaign: the
    campaign's findings without a final verdict nor a review through the invitation's lens. One query."""
    through = ReviewCampaign.findings.through
    to_review = (
        through.objects.filter(reviewcampaign=OuterRef("campaign"))
        .exclude(
            Exists(
                Settlement.objects.filter(campaign=OuterRef("reviewcampaign"), finding=OuterRef("finding"))
            )
        )
        .exclude(
            Exists(
                FindingReview.objects.filter(
                    campaign=OuterRef("reviewcampaign"),
                    finding=OuterRef("finding"),
                    lens=OuterRef(OuterRef("lens")),
                )
            )
        )
        .order_by()
        .values("reviewcampaign")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return list(
        CampaignInvitation.objects.filter(user=user, campaign__status=CampaignStatus.OPEN)
        .annotate(owed=Coalesce(Subquery(to_review), 0))
        .filter(owed__gt=0)
        .order_by("campaign_id")
        .values_list("campaign_id", "owed")
    )


def items(user) -> list[TodoItem]:
    if not is_authenticated(user):
        return []
    lines = []
    if can_create(user, Finding):
        field = Finding.objects.editable_by(user).filter(
            status=FindingStatus.DRAFT, source_meeting__isnull=False
        )
        lines.append(
            TodoItem(
                _("field findings to triage"),
                field.count(),
                _register(statut=FindingStatus.DRAFT, source=SourceKind.FIELD),
                20,
            )
        )
        cited = Evidence.objects.filter(finding__in=Finding.objects.editable_by(user)).exclude(
            finding__status__in=[FindingStatus.OBSOLETE, FindingStatus.REPLACED]
        )
        moved = sum(check.moved for check in services.check_all(cited.select_related("territory")))
        lines.append(
            TodoItem(
                _("cited statistics that moved, to re-examine"),
                moved,
                _register(source=SourceKind.STATISTIC),
                25,
            )
        )
    owed = _owed(user)
    if owed:
        campaign = owed[0][0]
        url = reverse("diagnostic:campaign_detail", args=[campaign])
        lines.append(
            TodoItem(
                _("findings to review in the campaigns you are invited to"), sum(n for _c, n in owed), url, 30
            )
        )
    return lines
