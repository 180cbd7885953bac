"""Read endpoints of the plan, with exactly the permissions of the pages.

Unlike the other routers this one lets anonymous visitors in: a published plan is public, so they read
it too (a session or a personal API token reads as its user). Every query goes through `visible_to(request.user)` (an `AnonymousUser` when nobody is logged
in); what the user may not see answers 404, as on the pages.

Amounts of money and full-time equivalents are stored as decimals and given as JSON numbers (floats,
two decimals at most), or null when not filled in.
"""

import datetime
import functools
import hashlib
import json
from decimal import Decimal

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.responses import NinjaJSONEncoder

from accounts.tokens import SessionOrAnonymous, token_auth
from diagnostic.models import Finding
from network.models import Organisation
from plan import cache as plan_cache
from plan import queries
from plan.models import Plan, Priority, ProgressUpdate, Recommendation, Resource
from plan.permissions import sees_whole_plan
from pli.api import ERRORS, PageIn, page_of, paginate
from vocabulary.models import Axis, Public

# Published plans are open to anybody: a request without credentials reads as an anonymous visitor;
# one with a personal API token reads as its user (and a bad token is refused, not read as anonymous).
router = Router(tags=["plan"], auth=[token_auth, SessionOrAnonymous()])

EUROS = "Amount in euro, as a JSON number (float, at most two decimals); null when not filled in."
FTE = "Full-time equivalents, as a JSON number (float, at most two decimals); null when not filled in."


# --- Schemas ---------------------------------------------------------------------------------------


class TerritoryRef(Schema):
    nis: str = Field(description="NIS code (REFNIS) of the territory.")
    name: str


class OrganisationRef(Schema):
    id: int
    name: str


class PlanOut(Schema):
    id: int
    kind: str = Field(description="`pli` (a commune's plan) or `ppli` (a province's plan).")
    title: str
    version_label: str
    territory: TerritoryRef
    start_year: int
    end_year: int
    status: str = Field(description="`preparation`, `adopted` or `closed`.")
    carriers: str
    framework: str = Field(description="Code of the framework of axes, e.g. `pcs-2014`.")
    adopted_on: datetime.date | None
    adopted_by: str
    closed_on: datetime.date | None
    closed_by: str
    previous: int | None = Field(description="Id of the previous version of this plan, if any.")
    is_published: bool


class PriorityOut(Schema):
    id: int
    number: int
    title: str
    description: str
    findings: list[int] = Field(description="Ids of the findings justifying it that the user may read.")
    recommendations: list[int] = Field(description="Ids of its recommendations that the user may see.")


class AxisOut(Schema):
    code: str
    label: str
    priorities: list[PriorityOut]


class FiguresOut(Schema):
    priorities: int
    recommendations: int
    euros: float = Field(description="Financial means committed, in euro (JSON number).")
    fte: float = Field(description="Human means committed, in full-time equivalents (JSON number).")
    partners: int = Field(description="Distinct organisations that are resources of its recommendations.")
    progress: float | None = Field(description="Mean progress of the recommendations, in percent.")
    done: int = Field(description="Recommendations done.")


class AxisFiguresOut(FiguresOut):
    axis: str = Field(description="Code of the axis.")


class DashboardOut(Schema):
    totals: FiguresOut
    axes: list[AxisFiguresOut]


class PlanDetailOut(PlanOut):
    summary: str
    axes: list[AxisOut] = Field(
        description="The axes of the plan's framework in order, each with the priorities the user may see."
    )
    dashboard: DashboardOut | None = Field(
        description="Figures of the whole plan, by axis and in total, as on its page; null for a plan not "
        "yet published, except for coordinators."
    )


class MeansOut(Schema):
    kind: str = Field(description="`financial`, `human` or `logistic`.")
    amount: float | None = Field(description=EUROS)
    funder: str
    year: int | None
    fte: float | None = Field(description=FTE)
    description: str


class ResourceOut(Schema):
    organisation: OrganisationRef
    role: str = Field(description="`carrier`, `partner`, `funder` or `relay`.")


class ProgressUpdateOut(Schema):
    date: datetime.date
    text: str
    status: str
    progress: int = Field(description="Percentage, 0 to 100.")
    evidence_url: str
    organisation: OrganisationRef | None = Field(description="The organisation it was posted on behalf of.")


class RecommendationOut(Schema):
    id: int
    code: str = Field(description="Number of the priority, a dot, number of the recommendation: `3.2`.")
    plan: int
    priority: int
    title: str
    text: str
    status: str = Field(description="`to_launch`, `in_progress`, `done` or `abandoned`.")
    progress: int = Field(description="Percentage, 0 to 100.")
    findings: list[int] = Field(description="Ids of the findings it cites that the user may read.")
    territories: list[str] = Field(description="NIS codes of the territories it aims at.")
    publics: list[str] = Field(description="Codes of its target publics.")
    addressed_to: list[OrganisationRef]
    addressed_levels: list[str] = Field(description="Levels of power, e.g. `regional`, `federal`.")
    means: list[MeansOut]
    resources: list[ResourceOut]
    updates: list[ProgressUpdateOut] = Field(description="Its timeline, latest first.")


class EvolutionOut(Schema):
    base_year: int
    population_pct: float | None
    non_belgian: int | None
    non_belgian_pct: float | None = Field(description="Change of the non-Belgian residents, in percent.")
    share_points: float | None = Field(description="Change of the non-Belgian share, in percentage points.")


class PopulationRowOut(Schema):
    nis: str
    name: str
    population: int
    non_belgian: int | None
    non_belgian_share: float | None = Field(description="Share of non-Belgian residents, 0 to 1.")
    young_non_belgians: int | None = Field(
        description="Non-Belgian residents under 18, when the publics aim at the youth."
    )
    evolution: EvolutionOut | None


class PopulationOut(Schema):
    year: int | None = Field(description="Latest year with the nationality split (1 January).")
    base_year: int | None
    population: int | None
    non_belgian: int | None
    share: float | None = Field(description="Share of non-Belgian residents, 0 to 1.")
    counts_youth: bool
    rows: list[PopulationRowOut] = Field(description="One row per territory, nested ones dropped.")
    missing: list[str] = Field(description="NIS codes of the territories without figures.")
    sources: list[str]


class RecommendationDetailOut(RecommendationOut):
    population: PopulationOut = Field(
        description="Its population in proportion: its territories (the plan's if none) and publics."
    )


# --- Helpers ---------------------------------------------------------------------------------------


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _plan(plan: Plan, visible_pks: set[int]) -> dict:
    """A plan's fields; its previous version only when the user may read that one too."""
    return {
        "id": plan.pk,
        "kind": plan.kind,
        "title": plan.title,
        "version_label": plan.version_label,
        "territory": {"nis": plan.territory.nis_code, "name": plan.territory.name},
        "start_year": plan.start_year,
        "end_year": plan.end_year,
        "status": plan.status,
        "carriers": plan.carriers,
        "framework": plan.framework,
        "adopted_on": plan.adopted_on,
        "adopted_by": plan.adopted_by,
        "closed_on": plan.closed_on,
        "closed_by": plan.closed_by,
        "previous": plan.previous_id if plan.previous_id in visible_pks else None,
        "is_published": plan.is_published,
    }


def _visible_finding_ids(user, findings) -> set[int]:
    """One query: which of these findings the user may read (published ones only for the public)."""
    return set(queries.findings_visible(user, findings).values_list("pk", flat=True))


def _figures(figures) -> dict:
    return {
        "priorities": figures["priorities"],
        "recommendations": figures["recommendations"],
        "euros": float(figures["euros"]),
        "fte": float(figures["fte"]),
        "partners": figures["partners"],
        "progress": _number(figures["progress"]),
        "done": figures["done"] or 0,
    }


def _dashboard(plan: Plan) -> dict:
    data = queries.dashboard(plan)
    return {
        "totals": _figures(data["totals"]),
        "axes": [{"axis": a.axis.code, **_figures(vars(a))} for a in data["axes"]],
    }


def _recommendations(user):
    """The recommendations the user may see, with everything the API shows in a constant number of
    queries, whatever their number."""
    return (
        Recommendation.objects.visible_to(user)
        .select_related("priority")
        .prefetch_related(
            Prefetch("findings", Finding.objects.only("pk")),
            "territories",
            Prefetch("publics", Public.objects.only("pk", "code", "label", "is_youth")),
            Prefetch("addressed_to", Organisation.objects.only("pk", "name")),
            "means",
            Prefetch("resources", Resource.objects.select_related("organisation")),
            Prefetch("updates", ProgressUpdate.objects.select_related("organisation")),
        )
    )


def _recommendation(r: Recommendation, visible_findings: set[int] | None) -> dict:
    """The recommendation's fields; its findings those in `visible_findings` (all when None)."""
    return {
        "id": r.pk,
        "code": r.code,
        "plan": r.priority.plan_id,
        "priority": r.priority_id,
        "title": r.title,
        "text": r.text,
        "status": r.status,
        "progress": r.progress,
        "findings": [f.pk for f in r.findings.all() if visible_findings is None or f.pk in visible_findings],
        "territories": [t.nis_code for t in r.territories.all()],
        "publics": [p.code for p in r.publics.all()],
        "addressed_to": [{"id": o.pk, "name": o.name} for o in r.addressed_to.all()],
        "addressed_levels": list(r.addressed_levels),
        "means": [
            {
                "kind": m.kind,
                "amount": _number(m.amount),
                "funder": m.funder,
                "year": m.year,
                "fte": _number(m.fte),
                "description": m.description,
            }
            for m in r.means.all()
        ],
        "resources": [
            {"organisation": {"id": s.organisation_id, "name": s.organisation.name}, "role": s.role}
            for s in r.resources.all()
        ],
        # The author (a user account) is never shown, only the organisation it spoke for.
        "updates": [
            {
                "date": u.date,
                "text": u.text,
                "status": u.status,
                "progress": u.progress,
                "evidence_url": u.evidence_url,
                "organisation": {"id": u.organisation_id, "name": u.organisation.name}
                if u.organisation
                else None,
            }
            for u in r.updates.all()
        ],
    }


def _population(figures: queries.PopulationInProportion) -> dict:
    return {
        "year": figures.year,
        "base_year": figures.base_year,
        "population": figures.population,
        "non_belgian": figures.non_belgian,
        "share": figures.share,
        "counts_youth": figures.counts_youth,
        "rows": [
            {
                "nis": row.portrait.nis,
                "name": row.portrait.name,
                "population": row.portrait.population,
                "non_belgian": row.portrait.non_belgian,
                "non_belgian_share": row.portrait.non_belgian_share,
                "young_non_belgians": row.young_non_belgians,
                "evolution": {
                    "base_year": row.evolution.base_year,
                    "population_pct": row.evolution.population_pct,
                    "non_belgian": row.evolution.non_belgian,
                    "non_belgian_pct": row.evolution.non_belgian_pct,
                    "share_points": row.evolution.share_points,
                }
                if row.evolution
                else None,
            }
            for row in figures.rows
        ],
        "missing": [t.nis_code for t in figures.missing],
        "sources": [str(source) for source in figures.sources],
    }


# --- Endpoints -------------------------------------------------------------------------------------


@router.get(
    "/plans/",
    response={200: page_of(PlanOut), **ERRORS},
    summary="Plans the user may see (published ones for everybody)",
)
def plans(request, page: Query[PageIn]):
    visible = Plan.objects.visible_to(request.user)
    rows = visible.select_related("territory").order_by("-start_year", "title", "pk")
    result = paginate(request, rows, page, lambda p: p)
    previous = {p.previous_id for p in result["items"] if p.previous_id}
    shown = set(visible.filter(pk__in=previous).values_list("pk", flat=True))
    result["items"] = [_plan(p, shown) for p in result["items"]]
    return result


@router.get(
    "/plans/{plan_id}",
    response={200: PlanDetailOut, **ERRORS},
    summary="One plan with its axes, the priorities the user may see, and its dashboard",
)
def plan_detail(request, plan_id: int):
    user = request.user
    plan = get_object_or_404(Plan.objects.visible_to(user).select_related("territory"), pk=plan_id)
    priorities = list(
        Priority.objects.visible_to(user)
        .filter(plan=plan)
        .select_related("axis")
        .prefetch_related(
            Prefetch("findings", Finding.objects.only("pk")),
            Prefetch(
                "recommendations",
                Recommendation.objects.visible_to(user).only("pk", "priority_id").order_by("number", "pk"),
                to_attr="visible_recommendations",
            ),
        )
        .order_by("axis__order", "number")
    )
    visible_findings = _visible_finding_ids(user, Finding.objects.filter(priorities__plan=plan))
    axes = {
        axis.pk: {"code": axis.code, "label": axis.label, "priorities": []}
        for axis in Axis.objects.filter(framework=plan.framework)
    }
    for p in priorities:
        block = axes.setdefault(p.axis_id, {"code": p.axis.code, "label": p.axis.label, "priorities": []})
        block["priorities"].append(
            {
                "id": p.pk,
                "number": p.number,
                "title": p.title,
                "description": p.description,
                "findings": [f.pk for f in p.findings.all() if f.pk in visible_findings],
                "recommendations": [r.pk for r in p.visible_recommendations],
            }
        )
    return {
        **_plan(
            plan, set(Plan.objects.visible_to(user).filter(pk=plan.previous_id).values_list("pk", flat=True))
        ),
        "summary": plan.summary,
        "axes": list(axes.values()),
        "dashboard": _dashboard(plan) if sees_whole_plan(user, plan) else None,
    }


@router.get(
    "/plans/{plan_id}/recommendations",
    response={200: page_of(RecommendationOut), **ERRORS},
    summary="Recommendations of a plan that the user may see, with their means, resources and progress",
)
def plan_recommendations(request, plan_id: int, page: Query[PageIn]):
    user = request.user
    plan = get_object_or_404(Plan.objects.visible_to(user), pk=plan_id)

    def serialise() -> list[dict]:
        """Every recommendation as JSON values, with all the findings it cites (filtered below); each
        is computed once per its content token (a progress post computes one of them again)."""
        rows = list(
            Recommendation.objects.visible_to(user)
            .filter(priority__plan=plan)
            .order_by(*Recommendation._meta.ordering)
            .values_list("pk", "content_token")
        )

        def compute(ids: list[int]) -> dict[int, dict]:
            return {
                r.pk: RecommendationOut.model_validate(_recommendation(r, None)).model_dump(mode="json")
                for r in _recommendations(user).filter(pk__in=ids)
            }

        found = plan_cache.per_recommendation("api", rows, compute)
        return [found[pk] for pk, _token in rows]

    @functools.cache
    def items() -> list[dict]:
        return plan_cache.part(plan, user, "api-recommendations", serialise)

    def answer(visible: set[int]) -> bytes:
        shown = [{**item, "findings": [f for f in item["findings"] if f in visible]} for item in items()]
        return json.dumps(paginate(request, shown, page, lambda item: item), cls=NinjaJSONEncoder).encode()

    cited = plan_cache.part(
        plan, user, "api-cited", lambda: sorted({pk for item in items() for pk in item["findings"]})
    )
    visible = _visible_finding_ids(user, Finding.objects.filter(pk__in=cited)) if cited else set()
    if set(request.GET) - {"limit", "offset"}:  # another parameter is copied into `next`: not cached
        body = answer(visible)
    else:  # the answer itself, for this host, page and set of readable findings
        found = hashlib.sha256(f"{request.get_host()}{request.is_secure()}{sorted(visible)}".encode())
        name = f"api-answer:{page.offset}:{page.limit}:{found.hexdigest()[:32]}"
        body = plan_cache.part(plan, user, name, lambda: answer(visible))
    # Already in the shape of the schema: answered as JSON without validating it again.
    return HttpResponse(body, content_type="application/json; charset=utf-8")


@router.get(
    "/recommendations/{recommendation_id}",
    response={200: RecommendationDetailOut, **ERRORS},
    summary="One recommendation, with the population of its territories and publics",
)
def recommendation_detail(request, recommendation_id: int):
    user = request.user
    r = get_object_or_404(
        _recommendations(user).select_related("priority__plan__territory"), pk=recommendation_id
    )
    visible_findings = _visible_finding_ids(user, r.findings.all())
    territories = list(r.territories.all()) or [r.priority.plan.territory]
    population = queries.population_in_proportion(territories, list(r.publics.all()))
    return {**_recommendation(r, visible_findings), "population": _population(population)}
