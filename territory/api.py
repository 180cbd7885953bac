"""JSON API of the territory app (open data: readable by anyone, like the pages)."""

from django.http import Http404
from ninja import Router, Schema
from ninja.errors import HttpError

from territory import queries
from territory.models import Territory

router = Router(tags=["territories"])


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


@router.get("/territories/", response=list[TerritoryOut], summary="List the territories (REFNIS)")
def list_territories(request, level: str | None = None, parent: str | None = None, active: bool = True):
    query = Territory.objects.select_related("parent")
    if level:
        query = query.filter(level=level)
    if parent:
        query = query.filter(parent__nis_code=parent)
    if active:
        query = query.filter(valid_to__isnull=True)
    return [
        {
            "nis": t.nis_code,
            "name": t.name_fr,
            "name_nl": t.name_nl,
            "name_de": t.name_de,
            "level": t.level,
            "parent": t.parent.nis_code if t.parent else None,
            "valid_to": t.valid_to.isoformat() if t.valid_to else None,
        }
        for t in query
    ]


@router.get(
    "/territories/{nis}/indicators",
    response=IndicatorsOut,
    summary="Key figures of a territory on 1 January of a year, with their source",
)
def territory_indicators(request, nis: str, year: int | None = None, base: int | None = None):
    try:
        territory = queries.get_territory(nis)
    except Http404:
        raise HttpError(404, f"Unknown territory {nis}") from None
    return queries.cached(("api", nis, year, base), lambda: indicators_payload(territory, year, base))


def indicators_payload(territory: Territory, year: int | None = None, base_year: int | None = None) -> dict:
    """The indicators of a territory as plain data (used by the API and `pli indicators --json`)."""
    year = year or queries.latest_structure_year()
    if year is None:
        raise HttpError(404, "No statistics loaded")
    portrait = queries.portrait(territory, year)
    if portrait is None:
        raise HttpError(404, f"No figures for {territory.nis_code} in {year}")
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
