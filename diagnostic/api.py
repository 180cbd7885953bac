"""Read endpoints of the findings register, with the permissions of the pages (a session or a personal
API token); lists paginated, filters validated by the register page's own filter form."""

from datetime import datetime

from django import forms
from ninja import Field, Query, Router, Schema
from ninja.security import django_auth

from accounts.tokens import token_auth
from diagnostic import queries
from diagnostic.forms import FindingFilterForm
from diagnostic.models import FindingReview, ReviewCampaign
from pli.api import ERRORS, PageIn, filters, page_of, paginate

router = Router(tags=["findings"], auth=[token_auth, django_auth])


class ReviewFilter(forms.Form):
    campaign = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = ReviewCampaign.objects.visible_to(user)


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


@router.get(
    "/findings/",
    response={200: page_of(FindingOut), **ERRORS},
    summary="Findings (constats) the user may see",
)
def findings(
    request,
    page: Query[PageIn],
    q: str = "",
    axis: int | None = None,
    territory: str = "",
    status: str = "",
    source: str = "",
):
    given = filters(
        FindingFilterForm,  # the register page's own form: the same checks, the same messages
        {
            "q": ("q", q),
            "axis": ("axe", axis),
            "territory": ("territoire", territory),
            "status": ("statut", status),
            "source": ("source", source),
        },
        user=request.user,
    )
    rows = (
        queries.register(request.user, given)
        .defer(None)  # the register page defers the description, which the API gives
        .defer("search_text")
        .prefetch_related("publics")
        .order_by("pk")
    )
    return paginate(request, rows, page, _finding)


def _finding(f) -> dict:
    return {
        "id": f.pk,
        "statement": f.statement,
        "description": f.description,
        "diagnostic": f.diagnostic.title,
        "axis": f.axis.code,
        "territories": [t.nis_code for t in f.territory_list],
        "publics": [p.code for p in f.publics.all()],
        "sources": [
            {"kind": s.kind, "label": s.get_kind_display(), "detail": s.detail} for s in f.source_list
        ],
        "status": f.status,
        "replaced_by": f.replaced_by_id,
        "source_meeting": f.source_meeting_id,
    }


@router.get(
    "/campaigns/", response={200: page_of(CampaignOut), **ERRORS}, summary="Review campaigns the user may see"
)
def campaigns(request, page: Query[PageIn]):
    from django.db.models import Count

    rows = (
        ReviewCampaign.objects.visible_to(request.user)
        .annotate(n=Count("findings", distinct=True))
        .order_by("-opened_at", "pk")
    )
    return paginate(request, rows, page, _campaign)


def _campaign(c: ReviewCampaign) -> dict:
    return {
        "id": c.pk,
        "title": c.title,
        "status": c.status,
        "lenses": c.lenses,
        "findings": c.n,
        "opened_at": c.opened_at,
    }


@router.get(
    "/reviews/",
    response={200: page_of(ReviewOut), **ERRORS},
    summary="Reviews of the campaigns the user may see",
)
def reviews(request, page: Query[PageIn], campaign: int | None = None):
    given = filters(ReviewFilter, {"campaign": ("campaign", campaign)}, user=request.user)
    rows = FindingReview.objects.visible_to(request.user)  # through the lenses one is invited for
    if given.get("campaign"):
        rows = rows.filter(campaign=given["campaign"])
    return paginate(request, rows.order_by("pk"), page, _review)


def _review(r: FindingReview) -> dict:
    return {
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
