"""Read functions of the territory app: every figure a page, the API, the CLI or a report shows
comes from here, with its source."""

from dataclasses import asdict, dataclass
from functools import cached_property
from typing import Any

from django.conf import settings
from django.db.models import Max
from django.http import Http404

from territory.choices import AGE_BAND_COUNT, Level, age_band_label
from territory.models import AgeBandCount, Import, IndicatorValue, PopulationSummary, Territory


@dataclass
class Source:
    dataset: str
    title: str
    attribution: str
    file_name: str
    reference: str
    sha256: str
    imported_at: str

    @classmethod
    def of(cls, record: Import) -> "Source":
        info = record.dataset_info
        return cls(
            dataset=record.dataset,
            title=str(info.title) if info else record.dataset,
            attribution=info.attribution if info else "",
            file_name=record.file_name,
            reference=record.reference_display,
            sha256=record.sha256,
            imported_at=record.imported_at.isoformat(timespec="seconds"),
        )

    def __str__(self):
        return f"{self.attribution or self.title}, {self.file_name}, {self.reference}"


def sources_line(sources) -> str:
    """Several sources in one line, each publisher named once: « Source : Statbel (…) :
    file (1er janvier 2014) ; file (1er janvier 2015) »; a figure's caption under a chart or a map."""
    by_publisher: dict[str, list[str]] = {}
    for source in sources:
        if source is not None:
            entry = f"{source.file_name} ({source.reference})"
            entries = by_publisher.setdefault(source.attribution or source.title, [])
            if entry not in entries:
                entries.append(entry)
    return " ; ".join(f"{publisher} : {', '.join(entries)}" for publisher, entries in by_publisher.items())


@dataclass
class Portrait:
    """The key figures of one territory on 1 January of one year."""

    nis: str
    name: str
    level: str
    year: int
    population: int
    men: int
    women: int
    belgian: int | None = None
    non_belgian: int | None = None
    non_belgian_share: float | None = None
    under_18_share: float | None = None
    over_65_share: float | None = None
    non_belgian_under_18_share: float | None = None
    median_age: float | None = None
    non_belgian_median_age: float | None = None
    source: Source | None = None
    has_structure: bool = False

    def as_dict(self) -> dict:
        data = asdict(self)
        data["source"] = asdict(self.source) if self.source else None
        return data


def _share(part, whole):
    return None if part is None or not whole else round(part / whole, 6)


def portrait_from(summary: PopulationSummary) -> Portrait:
    t = summary.territory
    return Portrait(
        nis=t.nis_code,
        name=t.name_fr,
        level=t.level,
        year=summary.year,
        population=summary.population,
        men=summary.men,
        women=summary.women,
        belgian=summary.belgian,
        non_belgian=summary.non_belgian,
        non_belgian_share=_share(summary.non_belgian, summary.population),
        under_18_share=_share(summary.under_18, summary.population),
        over_65_share=_share(summary.over_65, summary.population),
        non_belgian_under_18_share=_share(summary.non_belgian_under_18, summary.non_belgian),
        median_age=summary.median_age,
        non_belgian_median_age=summary.non_belgian_median_age,
        source=Source.of(summary.source),
        has_structure=summary.has_structure,
    )


_VERSION: dict[str, Any] = {"value": None, "read_at": 0.0}


def data_version() -> str:
    """Changes whenever an import is recorded: the key under which computed figures are cached.

    Read from the database at most once every PLI_DATA_VERSION_TTL seconds per process (it is asked
    several times per page); another process's import therefore shows within that delay.
    """
    import time

    from django.db.models import Count

    now = time.monotonic()
    if _VERSION["value"] is None or now - _VERSION["read_at"] >= settings.PLI_DATA_VERSION_TTL:
        state = Import.objects.aggregate(last=Max("pk"), count=Count("pk"))
        _VERSION.update(value=f"{state['last'] or 0}-{state['count']}", read_at=now)
    return _VERSION["value"]


def forget_data_version() -> None:
    """Called after an import in this process, so that its figures show at once."""
    _VERSION["value"] = None


def cached(key_parts: tuple, compute, timeout: int = 3600):
    """The value computed for these key parts and the current data version and language, cached.

    Statistics change only when a file is imported, so pages and API answers are computed once per
    import rather than on every view (the cache is the embedded local-memory one unless configured).
    """
    from django.core.cache import cache
    from django.utils import translation

    parts = ("territory", data_version(), translation.get_language(), *key_parts)
    # A part that is a list (levels, codes) is written "a,b,c": a key without spaces or brackets is
    # one that every cache backend accepts (memcached refuses them).
    key = ":".join(",".join(map(str, p)) if isinstance(p, tuple | list) else str(p) for p in parts)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


def get_territory(nis: str) -> Territory:
    """The territory and its ancestors (one query, then cached until the next import)."""

    def load():
        return Territory.objects.select_related("parent__parent__parent__parent").filter(nis_code=nis).first()

    territory = cached(("territory", nis), load) if len(nis) <= 5 and nis.isalnum() else None
    if territory is None:
        raise Http404(nis)
    return territory


def working_territory() -> Territory | None:
    return Territory.objects.filter(nis_code=settings.PLI_WORKING_TERRITORY).first()


def structure_years() -> list[int]:
    """Years with the nationality split (structure file)."""
    return cached(
        ("structure_years",),
        lambda: sorted(
            PopulationSummary.objects.filter(has_structure=True).values_list("year", flat=True).distinct()
        ),
    )


def default_base_year(year: int | None, years: list[int] | None = None) -> int | None:
    """The one rule for the year a change is measured from, on every page (territory, plan, home): the
    first year with the nationality split imported, when it is earlier than the year shown."""
    years = structure_years() if years is None else years
    earlier = [y for y in years if year is not None and y < year]
    return earlier[0] if earlier else None


def population_years() -> list[int]:
    """Years with at least the population totals."""
    return cached(
        ("population_years",),
        lambda: sorted(PopulationSummary.objects.values_list("year", flat=True).distinct()),
    )


def latest_structure_year() -> int | None:
    return PopulationSummary.objects.filter(has_structure=True).aggregate(y=Max("year"))["y"]


def _best_summaries(territories, year: int) -> dict[int, PopulationSummary]:
    """Per territory id, the structure summary of the year, or else the workbook's totals."""
    found: dict[int, PopulationSummary] = {}
    query = PopulationSummary.objects.filter(territory__in=territories, year=year).select_related(
        "territory", "source"
    )
    for summary in query.order_by("has_structure"):
        found[summary.territory_id] = summary  # structure rows come last and win
    return found


def portrait(territory: Territory, year: int) -> Portrait | None:
    summary = _best_summaries([territory], year).get(territory.id)
    return portrait_from(summary) if summary else None


def portraits(territories, year: int) -> dict[int, Portrait]:
    """The portraits of several territories for one year, by territory id, in one query."""
    return {tid: portrait_from(summary) for tid, summary in _best_summaries(list(territories), year).items()}


def portraits_of(territories: list[Territory], year: int) -> list[Portrait]:
    """The portraits of the territories chosen, in their order (those without figures left out)."""
    summaries = _best_summaries(territories, year)
    return [portrait_from(summaries[t.id]) for t in territories if t.id in summaries]


def comparison(territory: Territory, year: int) -> list[Portrait]:
    """The territory and its ancestors up to the country, same year."""
    chain = [territory, *territory.ancestors()]
    summaries = _best_summaries(chain, year)
    return [portrait_from(summaries[t.id]) for t in chain if t.id in summaries]


@dataclass
class Evolution:
    base_year: int
    year: int
    population: int
    population_pct: float | None
    non_belgian: int | None
    non_belgian_pct: float | None
    share_points: float | None


def evolution(start: Portrait, end: Portrait) -> Evolution:
    def pct(a, b):
        return None if a in (None, 0) or b is None else round((b - a) / a * 100, 2)

    non_belgian = (
        None if start.non_belgian is None or end.non_belgian is None else end.non_belgian - start.non_belgian
    )
    points = (
        None
        if start.non_belgian_share is None or end.non_belgian_share is None
        else round((end.non_belgian_share - start.non_belgian_share) * 100, 2)
    )
    return Evolution(
        base_year=start.year,
        year=end.year,
        population=end.population - start.population,
        population_pct=pct(start.population, end.population),
        non_belgian=non_belgian,
        non_belgian_pct=pct(start.non_belgian, end.non_belgian),
        share_points=points,
    )


def time_series(territory: Territory) -> dict:
    """Population for every year known, and the non-Belgian population where the structure is known."""
    population: dict[int, int] = {}
    non_belgian: dict[int, int | None] = {}
    sources: set = set()
    for summary in (
        PopulationSummary.objects.filter(territory=territory).select_related("source").order_by("year")
    ):
        if summary.has_structure:
            non_belgian[summary.year] = summary.non_belgian
            population.setdefault(summary.year, summary.population)
        else:
            population[summary.year] = summary.population
        sources.add(summary.source)
    years = sorted(population)
    return {
        "years": years,
        "population": [population[y] for y in years],
        "non_belgian": [non_belgian.get(y) for y in years],
        "sources": [Source.of(s) for s in sorted(sources, key=lambda s: s.dataset)],
    }


def pyramid(territory: Territory, year: int) -> dict:
    """Residents by five-year band, sex and nationality (men as negative numbers for the chart)."""
    cells = {
        (row["sex"], row["nationality"]): row["bands"]
        for row in AgeBandCount.objects.filter(territory=territory, year=year).values(
            "sex", "nationality", "bands"
        )
    }
    empty = [0] * AGE_BAND_COUNT
    return {
        "labels": [age_band_label(b) for b in range(AGE_BAND_COUNT)],
        "men_belgian": cells.get(("M", "BEL"), empty),
        "men_non_belgian": cells.get(("M", "ETR"), empty),
        "women_belgian": cells.get(("F", "BEL"), empty),
        "women_non_belgian": cells.get(("F", "ETR"), empty),
    }


def with_shares(series: dict) -> dict:
    """A time series with, year by year, the share of non-Belgians (None where the structure is unknown)
    and the population as an index (100 in the first year known), so that territories of any size read
    alike side by side."""
    first = next((p for p in series["population"] if p), None)
    return {
        **series,
        "non_belgian_share": [
            nb / p if nb is not None and p else None
            for p, nb in zip(series["population"], series["non_belgian"], strict=True)
        ],
        "index": [round(p / first * 100, 1) if p and first else None for p in series["population"]],
    }


def pyramid_shares(pyramid: dict) -> dict:
    """The pyramid's four series as shares of all its residents (the same bands and keys)."""
    keys = ("men_belgian", "men_non_belgian", "women_belgian", "women_non_belgian")
    total = sum(sum(pyramid[key]) for key in keys)
    return {
        **pyramid,
        **{key: [count / total if total else 0 for count in pyramid[key]] for key in keys},
    }


@dataclass
class CommuneRow:
    portrait: Portrait
    arrondissement: str
    arrondissement_nis: str
    base: Portrait | None = None
    rank_population: int | None = None
    rank_share: int | None = None

    @cached_property
    def evolution(self) -> Evolution | None:
        return evolution(self.base, self.portrait) if self.base else None


def communes_of(parent: Territory, year: int, base_year: int | None = None) -> list[CommuneRow]:
    """Every commune within the territory with its figures, evolution and rank within its province."""
    communes = list(Territory.objects.within(parent).filter(level=Level.COMMUNE).select_related("parent"))
    if parent.level == Level.COMMUNE:
        communes = [parent]
    current = _best_summaries(communes, year)
    base = _best_summaries(communes, base_year) if base_year else {}
    rows = [
        CommuneRow(
            portrait=portrait_from(current[c.id]),
            arrondissement=c.parent.name_fr if c.parent else "",
            arrondissement_nis=c.parent.nis_code if c.parent else "",
            base=portrait_from(base[c.id]) if c.id in base else None,
        )
        for c in communes
        if c.id in current
    ]
    _rank(rows, year)
    return rows


def _rank(rows: list[CommuneRow], year: int) -> None:
    """Rank of each commune within its whole province (1 = most inhabitants; 1 = highest non-Belgian
    share), even when the rows are only some of its communes (an arrondissement's, one commune)."""
    codes = dict(
        Territory.objects.filter(nis_code__in=[r.portrait.nis for r in rows]).values_list(
            "nis_code", "province_code"
        )
    )
    provinces = {code for code in codes.values() if code}
    shown = {row.portrait.nis: row for row in rows}
    # Every commune of the provinces concerned, with its figures (those shown are reused).
    others = Territory.objects.filter(level=Level.COMMUNE, province_code__in=provinces).exclude(
        nis_code__in=list(shown)
    )
    peers = [
        (
            codes.get(row.portrait.nis, ""),
            row.portrait.nis,
            row.portrait.population,
            row.portrait.non_belgian_share,
        )
        for row in rows
    ]
    for summary in _best_summaries(others, year).values():
        t = summary.territory
        peers.append(
            (t.province_code, t.nis_code, summary.population, _share(summary.non_belgian, summary.population))
        )
    by_province: dict[str, list[tuple]] = {}
    for peer in peers:
        by_province.setdefault(peer[0], []).append(peer)
    for group in by_province.values():
        for position, peer in enumerate(sorted(group, key=lambda p: -p[2]), start=1):
            if peer[1] in shown:
                shown[peer[1]].rank_population = position
        with_share = [p for p in group if p[3] is not None]
        for position, peer in enumerate(sorted(with_share, key=lambda p: -(p[3] or 0)), start=1):
            if peer[1] in shown:
                shown[peer[1]].rank_share = position


def rank_in_province(commune: Territory, year: int) -> dict | None:
    """The commune's rank among the communes of its province, for population and non-Belgian share."""
    if commune.level != Level.COMMUNE or not commune.province_code:
        return None
    province = Territory.objects.filter(nis_code=commune.province_code).first()
    if province is None:
        return None
    rows = communes_of(province, year)
    for row in rows:
        if row.portrait.nis == commune.nis_code:
            return {
                "population": row.rank_population,
                "share": row.rank_share,
                "of": len(rows),
                "province": province,
            }
    return None


def extra_indicators(territory: Territory) -> list[IndicatorValue]:
    """The latest figures brought by the tidy import for this territory."""
    latest = (
        IndicatorValue.objects.filter(territory=territory)
        .values("key")
        .annotate(latest=Max("reference_date"))
    )
    latest_dates = {row["key"]: row["latest"] for row in latest}
    values = (
        IndicatorValue.objects.filter(territory=territory).select_related("source").order_by("key", "-value")
    )
    return [v for v in values if v.reference_date == latest_dates[v.key]]


def map_collection(territory: Territory, year: int | None) -> dict:
    """GeoJSON of the communes within a territory, each with its figures for the year and their source."""
    from territory.datasets import DATASETS
    from territory.models import Boundary

    rows = {row.portrait.nis: row for row in communes_of(territory, year)} if year else {}
    communes = Territory.objects.within(territory).filter(level=Level.COMMUNE)
    features = []
    for commune in Boundary.objects.filter(territory__in=communes).values(
        "territory__nis_code", "territory__name_fr", "geometry"
    ):
        row = rows.get(commune["territory__nis_code"])
        properties = {"nis": commune["territory__nis_code"], "name": commune["territory__name_fr"]}
        if row:
            properties.update({key: getattr(row.portrait, key) for key in MAP_INDICATORS})
        features.append({"type": "Feature", "geometry": commune["geometry"], "properties": properties})
    source = next(iter(rows.values())).portrait.source if rows else None
    return {
        "type": "FeatureCollection",
        "features": features,
        "year": year,
        "source": str(source) if source else "",
        "boundaries": DATASETS["boundaries"].attribution,
    }


# Indicators that a map or a sortable table can show, with how to read them off a Portrait.
MAP_INDICATORS = {
    "non_belgian_share": "non_belgian_share",
    "non_belgian": "non_belgian",
    "population": "population",
    "median_age": "median_age",
    "under_18_share": "under_18_share",
    "over_65_share": "over_65_share",
}
