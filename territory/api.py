"""JSON API of the territory app (open data: readable by anyone, like the pages)."""

from django import forms
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from accounts.tokens import SessionOrAnonymous, token_auth
from pli.api import ERRORS, PageIn, filters, page_of, paginate
from territory import queries
from territory.choices import Level
from territory.forms import NisCodeField
from territory.models import Territory

# Open data: anybody reads it; a personal API token is accepted too (and a bad one refused).
router = Router(tags=["territories"], auth=[token_auth, SessionOrAnonymous()])


class TerritoryFilter(forms.Form):
    level = forms.ChoiceField(choices=Level.choices, required=False)
    parent = NisCodeField(required=False)


class TerritoryOut(Schema):
    nis: str
    name: str
    name_nl: str
    name_de: str
    level: str
    parent: str | None
    valid_to: str | None


class SourceOut(Schema):
    dataset: str
    title: str
    attribution: str
    file_name: str
    reference: str
    sha256: str
    imported_at: str


class IndicatorsOut(Schema):
    nis: str
    name: str
    level: str
    year: int
    population: int
    men: int
    women: int
    belgian: int | None
    non_belgian: int | None
    non_belgian_share: float | None
    under_18_share: float | None
    non_belgian_under_18_share: float | None
    over_65_share: float | None
    median_age: float | None
    non_belgian_median_age: float | None
    has_structure: bool
    source: SourceOut | None
    parents: list[dict]
    rank_in_province: dict | None
    evolution: dict | None
    other_indicators: list[dict]


@router.get(
    "/territories/",
    response={200: page_of(TerritoryOut), **ERRORS},
    summary="List the territories (REFNIS)",
)
def list_territories(
    request, page: Query[PageIn], level: str | None = None, parent: str | None = None, active: bool = True
):
    given = filters(TerritoryFilter, {"level": ("level", level), "parent": ("parent", parent)})
    query = Territory.objects.select_related("parent")
    if given.get("level"):
        query = query.filter(level=given["level"])
    if given.get("parent"):
        query = query.filter(parent=given["parent"])
    if active:
        query = query.filter(valid_to__isnull=True)
    return paginate(request, query.order_by("nis_code", "pk"), page, _territory)


def _territory(t: Territory) -> dict:
    return {
        "nis": t.nis_code,
        "name": t.name_fr,
        "name_nl": t.name_nl,
        "name_de": t.name_de,
        "level": t.level,
        "parent": t.parent.nis_code if t.parent else None,
        "valid_to": t.valid_to.isoformat() if t.valid_to else None,
    }


@router.get(
    "/territories/{nis}/indicators",
    response={200: IndicatorsOut, **ERRORS},
    summary="Key figures of a territory on 1 January of a year, with their source",
)
def territory_indicators(
    request,
    nis: str,
    year: int | None = Query(None, ge=1800, le=2200),
    base: int | None = Query(None, ge=1800, le=2200),
):
    try:
        territory = queries.get_territory(nis)
    except Http404:
        raise HttpError(404, _("Unknown territory %(nis)s.") % {"nis": nis}) from None
    return queries.cached(("api", nis, year, base), lambda: indicators_payload(territory, year, base))


def indicators_payload(territory: Territory, year: int | None = None, base_year: int | None = None) -> dict:
    """The indicators of a territory as plain data (used by the API and `pli indicators --json`)."""
    year = year or queries.latest_structure_year()
    if year is None:
        raise HttpError(404, _("No statistics loaded."))
    portrait = queries.portrait(territory, year)
    if portrait is None:
        raise HttpError(
            404, _("No figures for %(nis)s in %(year)s.") % {"nis": territory.nis_code, "year": year}
        )
    data = portrait.as_dict()
    data["parents"] = [p.as_dict() for p in queries.comparison(territory, year)[1:]]
    rank = queries.rank_in_province(territory, year)
    data["rank_in_province"] = (
        {
            "population": rank["population"],
            "non_belgian_share": rank["share"],
            "of": rank["of"],
            "province": rank["province"].nis_code,
        }
        if rank
        else None
    )
    data["evolution"] = None
    if base_year and base_year != year:
        start = queries.portrait(territory, base_year)
        if start:
            data["evolution"] = queries.evolution(start, portrait).__dict__
    data["other_indicators"] = [
        {
            "key": v.key,
            "breakdown": v.breakdown,
            "value": float(v.value),
            "unit": v.unit,
            "reference_date": v.reference_date.isoformat(),
            "source": v.source_label,
        }
        for v in queries.extra_indicators(territory)
    ]
    return data
