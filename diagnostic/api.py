"""Read endpoints of the findings register, with the permissions of the pages (session authentication)."""

from datetime import datetime

from ninja import Field, Router, Schema
from ninja.security import django_auth

from diagnostic import queries
from diagnostic.models import FindingReview, ReviewCampaign

router = Router(tags=["findings"], auth=django_auth)


class FindingSourceOut(Schema):
    kind: str = Field(description="code of a finding source type of the vocabulary")
    label: str = Field(description="its label in the vocabulary")
    detail: str


class FindingOut(Schema):
    id: int
    statement: str
    description: str
    diagnostic: str
    axis: str
    territories: list[str]
    publics: list[str]
    sources: list[FindingSourceOut]
    status: str
    replaced_by: int | None
    source_meeting: int | None


class CampaignOut(Schema):
    id: int
    title: str
    status: str
    lenses: list[str]
    findings: int
    opened_at: datetime


class ReviewOut(Schema):
    id: int
    campaign: int
    finding: int
    lens: str = Field(description="code of a review lens of the vocabulary")
    lens_label: str = Field(description="its label in the vocabulary")
    verdict: str
    new_wording: str
    replacement: int | None
    rationale: str
    created_at: datetime


@router.get("/findings/", response=list[FindingOut], summary="Findings (constats) the user may see")
def findings(
    request, q: str = "", axis: int | None = None, territory: str = "", status: str = "", source: str = ""
):
    filters = {"q": q, "axe": axis, "territoire": territory, "statut": status, "source": source}
    rows = queries.register(request.user, {k: v for k, v in filters.items() if v}).prefetch_related("publics")
    return [
        {
            "id": f.pk,
            "statement": f.statement,
            "description": f.description,
            "diagnostic": f.diagnostic.title,
            "axis": f.axis.code,
            "territories": [t.nis_code for t in f.territories.all()],
            "publics": [p.code for p in f.publics.all()],
            "sources": [
                {"kind": s.kind, "label": s.get_kind_display(), "detail": s.detail} for s in f.sources.all()
            ],
            "status": f.status,
            "replaced_by": f.replaced_by_id,
            "source_meeting": f.source_meeting_id,
        }
        for f in rows
    ]


@router.get("/campaigns/", response=list[CampaignOut], summary="Review campaigns the user may see")
def campaigns(request):
    from django.db.models import Count

    rows = ReviewCampaign.objects.visible_to(request.user).annotate(n=Count("findings", distinct=True))
    return [
        {
            "id": c.pk,
            "title": c.title,
            "status": c.status,
            "lenses": c.lenses,
            "findings": c.n,
            "opened_at": c.opened_at,
        }
        for c in rows
    ]


@router.get("/reviews/", response=list[ReviewOut], summary="Reviews of the campaigns the user may see")
def reviews(request, campaign: int | None = None):
    rows = FindingReview.objects.visible_to(request.user)
    if campaign:
        rows = rows.filter(campaign_id=campaign)
    return [
        {
            "id": r.pk,
            "campaign": r.campaign_id,
            "finding": r.finding_id,
            "lens": r.lens,
            "lens_label": r.get_lens_display(),
            "verdict": r.verdict,
            "new_wording": r.new_wording,
            "replacement": r.replacement_id,
            "rationale": r.rationale,
            "created_at": r.created_at,
        }
        for r in rows
    ]
