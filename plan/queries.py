"""Read functions of the plan: its tree of axes, the population in proportion, the dashboard figures,
the coverage map and the comparison of two versions. Pages, the API and the documents read from here."""

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from statistics import median

from django.core.exceptions import ValidationError
from django.db.models import Avg, Count, Prefetch, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from diagnostic.models import Finding
from network.queries import offers_by_type, offers_per_commune, offers_within
from plan.choices import MeansKind
from plan.compare import match, summary
from plan.models import Means, Plan, Priority, Recommendation, Resource
from territory import queries as territory_queries
from territory.choices import Level
from territory.models import Territory
from vocabulary.models import Axis

# --- The tree of the plan --------------------------------------------------------------------------


@dataclass
class AxisBlock:
    axis: Axis
    priorities: list = field(default_factory=list)


def recommendations_for_page(user):
    """The recommendations a list shows (number, title, status, progress), those the user may see."""
    return (
        Recommendation.objects.visible_to(user)
        .only("pk", "priority_id", "number", "title", "status", "progress", "content_token")
        .order_by("number", "pk")
    )


def plan_tree(plan: Plan, user) -> list[AxisBlock]:
    """The axes of the plan's framework, each with the priorities and recommendations the user may see."""
    priorities = (
        Priority.objects.visible_to(user)
        .filter(plan=plan)
        .select_related("axis")
        .prefetch_related(
            Prefetch("recommendations", recommendations_for_page(user), to_attr="visible_recommendations")
        )
        .order_by("axis__order", "number")
    )
    blocks = {axis.pk: AxisBlock(axis) for axis in Axis.objects.filter(framework=plan.framework)}
    for priority in priorities:
        blocks.setdefault(priority.axis_id, AxisBlock(priority.axis)).priorities.append(priority)
    return list(blocks.values())


def findings_visible(user, findings):
    """The findings cited by a priority or recommendation that the user may read (published ones for all)."""
    signed_in = bool(user and user.is_authenticated)  # None stands for an anonymous visitor too
    visible = Finding.objects.visible_to(user) if signed_in else Finding.objects.published()
    return visible.filter(pk__in=findings.values("pk")).select_related("axis")


# --- Population in proportion ----------------------------------------------------------------------


@dataclass
class PopulationFigure:
    territory: Territory
    portrait: territory_queries.Portrait
    evolution: territory_queries.Evolution | None
    young_non_belgians: int | None = None


@dataclass
class PopulationInProportion:
    year: int | None
    base_year: int | None
    rows: list[PopulationFigure]
    population: int | None = None
    non_belgian: int | None = None
    share: float | None = None
    sources: list = field(default_factory=list)
    counts_youth: bool = False
    youth_publics: list[str] = field(default_factory=list)  # labels of the publics of young people
    missing: list[Territory] = field(default_factory=list)


def _outermost(territories: list[Territory]) -> list[Territory]:
    """Drop a territory listed twice or whose ancestor is also listed, so that nobody is counted twice."""
    unique = list({t.pk: t for t in territories}.values())
    ids = {t.pk for t in unique}
    return [t for t in unique if not any(a.pk in ids for a in t.ancestors())]


def population_in_proportion(territories, publics=()) -> PopulationInProportion:
    """For the territories (and publics) of a recommendation: the non-Belgian residents, their share of
    the whole population and its evolution, from the latest structure year imported, with the source;
    for a public of young people (`Public.is_youth`), the non-Belgian residents under 18 too.

    Cached until the next import, by territory and by public as given (its label and youth flag)."""
    territories, publics = list(territories), list(publics)
    described = repr([(p.pk, p.is_youth, str(p)) for p in publics]).encode()
    key = (
        "plan-population",
        "-".join(str(t.pk) for t in territories),
        hashlib.sha256(described).hexdigest()[:24],  # a key without spaces (memcached refuses them)
    )
    return territory_queries.cached(key, lambda: _population_in_proportion(territories, publics))


def _population_in_proportion(territories, publics) -> PopulationInProportion:
    years = territory_queries.structure_years()
    if not years:
        return PopulationInProportion(year=None, base_year=None, rows=[], missing=list(territories))
    year = years[-1]
    base_year = territory_queries.default_base_year(year, years)
    youth_publics = [str(p) for p in publics if p.is_youth]
    counts_youth = bool(youth_publics)
    rows, missing = [], []
    for territory in _outermost(list(territories)):
        current = territory_queries.portrait(territory, year)
        if current is None or current.non_belgian is None:
            missing.append(territory)
            continue
        base = territory_queries.portrait(territory, base_year) if base_year else None
        young = None
        if counts_youth and current.non_belgian_under_18_share is not None:
            young = round(current.non_belgian * current.non_belgian_under_18_share)
        rows.append(
            PopulationFigure(
                territory=territory,
                portrait=current,
                evolution=territory_queries.evolution(base, current)
                if base and base.non_belgian is not None
                else None,
                young_non_belgians=young,
            )
        )
    result = PopulationInProportion(
        year=year,
        base_year=base_year,
        rows=rows,
        missing=missing,
        counts_youth=counts_youth,
        youth_publics=youth_publics,
    )
    if rows:
        result.population = sum(r.portrait.population for r in rows)
        result.non_belgian = sum(r.portrait.non_belgian or 0 for r in rows)
        result.share = result.non_belgian / result.population if result.population else None
        result.sources = list({str(r.portrait.source): r.portrait.source for r in rows}.values())
    return result


def offers_in(territories, user) -> list[dict]:
    """The offers present in the territories, by type, as the user may see them (the network's own)."""
    return offers_by_type(offers_within(user, territories))


# --- The plan dashboard ----------------------------------------------------------------------------


@dataclass
class AxisFigures:
    axis: Axis
    priorities: int = 0
    recommendations: int = 0
    euros: Decimal = Decimal(0)
    fte: Decimal = Decimal(0)
    partners: int = 0
    progress: float | None = None
    done: int = 0


def dashboard(plan: Plan) -> dict:
    """By axis: priorities, recommendations, means committed (euro, FTE), partners involved, progress."""
    axes = {axis.pk: AxisFigures(axis) for axis in Axis.objects.filter(framework=plan.framework)}

    def row(axis_id):
        if axis_id not in axes:
            axes[axis_id] = AxisFigures(Axis.objects.get(pk=axis_id))
        return axes[axis_id]

    for item in Priority.objects.filter(plan=plan).values("axis").annotate(n=Count("id")):
        row(item["axis"]).priorities = item["n"]
    recommendations = Recommendation.objects.filter(priority__plan=plan)
    for counted in recommendations.values("priority__axis").annotate(
        n=Count("id"), progress=Avg("progress"), done=Count("id", filter=Q(status="done"))
    ):
        figures = row(counted["priority__axis"])
        figures.recommendations, figures.progress = counted["n"], counted["progress"]
        figures.done = counted["done"]
    means = Means.objects.filter(recommendation__priority__plan=plan)
    for summed in means.values("recommendation__priority__axis").annotate(
        euros=Sum("amount", filter=Q(kind=MeansKind.FINANCIAL)),
        fte=Sum("fte", filter=Q(kind=MeansKind.HUMAN)),
    ):
        figures = row(summed["recommendation__priority__axis"])
        figures.euros, figures.fte = summed["euros"] or Decimal(0), summed["fte"] or Decimal(0)
    resources = Resource.objects.filter(recommendation__priority__plan=plan)
    for partners in resources.values("recommendation__priority__axis").annotate(
        n=Count("organisation", distinct=True)
    ):
        row(partners["recommendation__priority__axis"]).partners = partners["n"]
    overall = recommendations.aggregate(progress=Avg("progress"), done=Count("id", filter=Q(status="done")))
    totals = {
        "priorities": sum(a.priorities for a in axes.values()),
        "recommendations": sum(a.recommendations for a in axes.values()),
        "euros": sum((a.euros for a in axes.values()), Decimal(0)),
        "fte": sum((a.fte for a in axes.values()), Decimal(0)),
        "partners": resources.values("organisation").distinct().count(),
        "progress": overall["progress"],
        "done": overall["done"],
    }
    return {"axes": list(axes.values()), "totals": totals}


def means_totals(recommendation: Recommendation) -> dict:
    """The euros of its financial means and the FTE of its human means."""
    return recommendation.means.aggregate(
        euros=Sum("amount", filter=Q(kind=MeansKind.FINANCIAL)),
        fte=Sum("fte", filter=Q(kind=MeansKind.HUMAN)),
    )


# --- Need against coverage, per commune ------------------------------------------------------------


@dataclass
class CommuneCoverage:
    nis: str
    name: str
    non_belgian: int | None
    share: float | None
    recommendations: int = 0
    offers: int = 0
    coverage_per_1000: float | None = None
    high_need_low_coverage: bool = False


def coverage(plan: Plan, user) -> dict:
    """Per commune of the plan's territory: the need (non-Belgian residents and their share) against the
    coverage (recommendations aimed at the commune or its arrondissement, offers present). A commune is
    pointed out when its share is above the plan territory's share and its coverage per 1,000
    non-Belgian residents is below the median of the communes."""
    year = territory_queries.latest_structure_year()
    if year is None:
        return {"year": None, "communes": [], "flagged": [], "territory_share": None, "whole_territory": 0}
    rows = territory_queries.communes_of(plan.territory, year)
    whole = territory_queries.portrait(plan.territory, year)
    targets = Recommendation.objects.filter(priority__plan=plan).values_list("pk", "territories__nis_code")
    by_territory: dict[str, set[int]] = {}
    for pk, nis in targets:  # a recommendation without territories is aimed at the plan's whole territory
        by_territory.setdefault(nis or plan.territory.nis_code, set()).add(pk)
    whole_territory = len(by_territory.get(plan.territory.nis_code, set()))
    offers = offers_per_commune(offers_within(user, [plan.territory]))
    communes = []
    for r in rows:
        local = by_territory.get(r.portrait.nis, set()) | by_territory.get(r.arrondissement_nis, set())
        item = CommuneCoverage(
            nis=r.portrait.nis,
            name=r.portrait.name,
            non_belgian=r.portrait.non_belgian,
            share=r.portrait.non_belgian_share,
            recommendations=len(local),
            offers=offers.get(r.portrait.nis, 0),
        )
        if item.non_belgian:
            item.coverage_per_1000 = round((item.recommendations + item.offers) / item.non_belgian * 1000, 2)
        communes.append(item)
    measured = [c.coverage_per_1000 for c in communes if c.coverage_per_1000 is not None]
    middle = median(measured) if measured else None
    territory_share = whole.non_belgian_share if whole else None
    for c in communes:
        c.high_need_low_coverage = bool(
            territory_share is not None
            and c.share is not None
            and c.share > territory_share
            and c.coverage_per_1000 is not None
            and middle is not None
            and c.coverage_per_1000 < middle
        )
    flagged = sorted((c for c in communes if c.high_need_low_coverage), key=lambda c: -(c.non_belgian or 0))
    return {
        "year": year,
        "communes": communes,
        "flagged": flagged,
        "territory_share": territory_share,
        "median_coverage": middle,
        "whole_territory": whole_territory,
        "source": whole.source if whole else None,
    }


def map_territory(plan: Plan) -> Territory:
    """The territory the coverage map draws: the plan's own, or for a commune's PLI its province (the
    commune highlighted), so that a single commune is seen among its neighbours."""
    if plan.territory.level != Level.COMMUNE:
        return plan.territory
    return next((t for t in plan.territory.ancestors() if t.level == Level.PROVINCE), plan.territory)


def coverage_map(plan: Plan, user) -> dict:
    """GeoJSON of the communes of `map_territory(plan)`, each with its need (the territory app's map
    figures, cached) and the plan's coverage (as `coverage()` counts it)."""
    figures = coverage(plan, user)
    shown = map_territory(plan)
    year = figures["year"]
    payload = territory_queries.cached(
        ("map", shown.nis_code, year), lambda: territory_queries.map_collection(shown, year)
    )
    by_nis = {c.nis: c for c in figures["communes"]}
    features = []
    for feature in payload["features"]:
        item = by_nis.get(feature["properties"]["nis"])
        extra = (
            {
                "recommendations": item.recommendations,
                "offers": item.offers,
                "coverage_per_1000": item.coverage_per_1000,
                "high_need_low_coverage": 1 if item.high_need_low_coverage else 0,
            }
            if item
            else {}
        )
        features.append({**feature, "properties": {**feature["properties"], **extra}})
    return {**payload, "features": features}


# --- Two versions side by side (the pairing itself is the pure plan/compare.py) --------------------


def _origins(new_items, old_pks: set[int]) -> dict[int, int]:
    """For each new item copied from an old item, directly or through the versions in between: new pk →
    old pk. No query when the two plans follow each other; one per version in between otherwise."""
    origins: dict[int, int] = {}
    pending = {n.pk: n.copied_from_id for n in new_items if n.copied_from_id}
    seen: set[int] = set()
    while pending:
        origins.update({pk: ancestor for pk, ancestor in pending.items() if ancestor in old_pks})
        pending = {pk: a for pk, a in pending.items() if pk not in origins and a not in seen}
        if not pending:
            break
        seen.update(pending.values())
        parents = dict(
            type(new_items[0])
            .objects.filter(pk__in=set(pending.values()), copied_from__isnull=False)
            .values_list("pk", "copied_from_id")
        )
        pending = {pk: parents[a] for pk, a in pending.items() if a in parents}
    return origins


def _lineage(old_items, new_items) -> dict[int, int]:
    """New pk → old pk through copies; when the "old" plan is the later one, its items descend from the
    new ones instead."""
    origins = _origins(new_items, {o.pk for o in old_items})
    if not origins and old_items and new_items:
        origins = {new: old for old, new in _origins(old_items, {n.pk for n in new_items}).items()}
    return origins


def compare(old: Plan, new: Plan) -> dict:
    """Priorities and recommendations added, removed, reworded between two versions of one plan."""
    if old.territory_id != new.territory_id:
        raise ValidationError(
            _(
                "%(old)s covers %(old_territory)s and %(new)s covers %(new_territory)s: only two versions of a plan for the same territory can be compared."
            )
            % {"old": old, "new": new, "old_territory": old.territory, "new_territory": new.territory}
        )
    old_priorities = list(old.priorities.select_related("axis").order_by("axis__order", "number"))
    new_priorities = list(new.priorities.select_related("axis").order_by("axis__order", "number"))
    old_recommendations = list(Recommendation.objects.filter(priority__plan=old).select_related("priority"))
    new_recommendations = list(Recommendation.objects.filter(priority__plan=new).select_related("priority"))
    priorities = match(
        old_priorities, new_priorities, _lineage(old_priorities, new_priorities), lambda p: p.title
    )
    recommendations = match(
        old_recommendations,
        new_recommendations,
        _lineage(old_recommendations, new_recommendations),
        lambda r: r.title,
        lambda r: r.text,
    )

    return {
        "priorities": priorities,
        "recommendations": [c for c in recommendations if c.kind != "unchanged"],
        "priority_summary": summary(priorities),
        "recommendation_summary": summary(recommendations),
    }


def progress_due(recommendations: QuerySet, today: date | None = None) -> QuerySet:
    """Of these recommendations, those still open (to launch, in progress) whose last progress update is
    older than PLI_PROGRESS_REMINDER_DAYS, or that have none; annotated with `last_progress` (a date or
    None). One query, whatever their number."""
    from django.conf import settings
    from django.db.models import Max
    from django.utils import timezone

    from plan.choices import RecommendationStatus

    today = today or timezone.localdate()
    cutoff = today - timedelta(days=settings.PLI_PROGRESS_REMINDER_DAYS)
    return (
        recommendations.filter(status__in=[RecommendationStatus.TO_LAUNCH, RecommendationStatus.IN_PROGRESS])
        .annotate(last_progress=Max("updates__date"))
        .filter(Q(last_progress__isnull=True) | Q(last_progress__lt=cutoff))
    )


# --- The plan as a document (reports) --------------------------------------------------------------


def recommendations_for_document(plan: Plan, user):
    """The recommendations of the plan the user may see, with everything the document prints: means,
    resources and their organisations, territories, publics, addressees and the findings cited."""
    return (
        Recommendation.objects.visible_to(user)
        .filter(priority__plan=plan)
        .select_related("priority__axis")
        .prefetch_related(
            Prefetch("means", Means.objects.order_by("kind", "pk")),
            Prefetch(
                "resources", Resource.objects.select_related("organisation").order_by("organisation__name")
            ),
            "territories",
            "publics",
        )
        .order_by("priority__axis__order", "priority__number", "number", "pk")
    )


def cited_findings(plan: Plan, user):
    """The findings the plan's priorities and recommendations cite, as the user may read them, with
    their evidence (the statistics captured with their value and year)."""
    cited = Finding.objects.filter(
        Q(priorities__plan=plan) | Q(recommendations__priority__plan=plan)
    ).distinct()
    return findings_visible(user, cited).prefetch_related("evidence__territory").order_by("axis__order", "pk")
