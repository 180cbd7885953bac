"""Small helpers that build a plan world for tests: territories, organisations, plans, priorities,
recommendations, means, resources and findings. Plain functions (no factory library), importable by any
app's tests: `from plan.tests import factories as f`.

Territories are looked up by NIS code and created (with a minimal name and parent) only when the real
REFNIS list is not loaded, so the helpers work with and without the `statistics` fixture.
"""

from dataclasses import dataclass
from decimal import Decimal

from diagnostic import services as diagnostic_services
from diagnostic.choices import DiagnosticStatus, FindingStatus
from diagnostic.models import Diagnostic
from network.models import Organisation, Person
from plan.choices import MeansKind, PlanKind, PlanStatus, ResourceRole
from plan.models import Means, Plan, Priority, Recommendation, Resource
from territory.choices import Level
from territory.models import Territory
from vocabulary.models import Axis, OrganisationType, Public

PROVINCE = "90000"  # Province de Namur
ARRONDISSEMENT = "92000"  # Arrondissement de Namur
COMMUNE = "92094"  # Namur
OTHER_COMMUNE = "92142"  # Gembloux (arrondissement de Namur too)
HOUSING = "pcs-2014-logement-environnement"
WORK = "pcs-2014-travail"

_FALLBACK = {
    PROVINCE: (Level.PROVINCE, "Province de Namur", None),
    ARRONDISSEMENT: (Level.ARRONDISSEMENT, "Arrondissement de Namur", PROVINCE),
    COMMUNE: (Level.COMMUNE, "Namur", ARRONDISSEMENT),
    OTHER_COMMUNE: (Level.COMMUNE, "Gembloux", ARRONDISSEMENT),
}


def get_territory(
    nis_code: str = PROVINCE, *, level: str | None = None, name: str = "", parent=None
) -> Territory:
    """The territory with this NIS code; created (minimal) when the REFNIS list is not loaded."""
    found = Territory.objects.filter(nis_code=nis_code).first()
    if found is not None:
        return found
    default_level, default_name, default_parent = _FALLBACK.get(nis_code, (Level.COMMUNE, "", None))
    if parent is None and default_parent:
        parent = get_territory(default_parent)
    level = level or default_level
    return Territory.objects.create(
        nis_code=nis_code,
        level=level,
        name_fr=name or default_name or f"Territoire {nis_code}",
        parent=parent,
        province_code=_province_code(parent, level, nis_code),
    )


def _province_code(parent, level, nis_code) -> str:
    if level == Level.PROVINCE:
        return nis_code
    return (parent.province_code if parent else "") or ""


def get_axis(code: str = HOUSING) -> Axis:
    """An axis seeded by the vocabulary migration; a short code is read in the PCS 2014 framework."""
    if not code.startswith("pcs-"):
        code = f"pcs-2014-{code}"
    return Axis.objects.get(code=code)


def get_public(code: str) -> Public:
    return Public.objects.get(code=code)


def _free(base: str, taken) -> str:
    """`base`, or `base (2)`, `base (3)`… the first that `taken(name)` says is free: so that a test can
    build several worlds without tripping over unique names."""
    name, n = base, 1
    while taken(name):
        n += 1
        name = f"{base} ({n})"
    return name


def organisation(name: str = "ILI Les Passerelles", *, commune=None, type_code: str = "ili", **extra):
    """A new organisation; its name gets a number when the commune already has one by that name."""
    commune = commune or get_territory(COMMUNE)
    return Organisation.objects.create(
        name=_free(name, lambda n: Organisation.objects.filter(name__iexact=n, commune=commune).exists()),
        sector=extra.pop("sector", "associative"),
        type=OrganisationType.objects.get(code=type_code),
        commune=commune,
        **extra,
    )


def works_for(user, organisation: Organisation) -> Person:
    """Link a user (e.g. the partner persona) to a network person of the organisation, as the demo does."""
    return Person.objects.create(
        full_name=user.full_name or user.email, email=user.email, organisation=organisation, user=user
    )


def plan(
    title: str = "PPLI 2.0",
    *,
    territory=None,
    status: str = PlanStatus.PREPARATION,
    published: bool = False,
    start_year: int = 2020,
    end_year: int = 2025,
    **extra,
) -> Plan:
    """A plan on a territory (the province by default). `published=True` needs an adopted or closed one."""
    if published and status == PlanStatus.PREPARATION:
        status = PlanStatus.ADOPTED
    return Plan.objects.create(
        kind=extra.pop("kind", PlanKind.PPLI),
        title=title,
        territory=territory or get_territory(PROVINCE),
        status=status,
        is_published=published,
        start_year=start_year,
        end_year=end_year,
        **extra,
    )


def priority(plan: Plan, title: str = "Accès au logement", *, axis=None, number=None, findings=(), **extra):
    if number is None:
        number = (max(plan.priorities.values_list("number", flat=True), default=0) or 0) + 1
    created = Priority.objects.create(
        plan=plan,
        axis=axis if isinstance(axis, Axis) else get_axis(axis or HOUSING),
        number=number,
        title=title,
        **extra,
    )
    created.findings.set(findings)
    return created


def recommendation(
    priority: Priority,
    title: str = "Ouvrir une permanence logement",
    *,
    number=None,
    territories=(),
    publics=(),
    findings=(),
    addressed_to=(),
    **extra,
) -> Recommendation:
    if number is None:
        number = (max(priority.recommendations.values_list("number", flat=True), default=0) or 0) + 1
    created = Recommendation.objects.create(priority=priority, number=number, title=title, **extra)
    created.territories.set(territories)
    created.publics.set(publics)
    created.findings.set(findings)
    created.addressed_to.set(addressed_to)
    return created


def financial(recommendation, amount, *, funder: str = "Région wallonne", year: int = 2024) -> Means:
    return Means.objects.create(
        recommendation=recommendation,
        kind=MeansKind.FINANCIAL,
        amount=Decimal(amount),
        funder=funder,
        year=year,
    )


def human(recommendation, fte, *, description: str = "animatrice") -> Means:
    return Means.objects.create(
        recommendation=recommendation, kind=MeansKind.HUMAN, fte=Decimal(fte), description=description
    )


def logistic(recommendation, description: str = "salle de réunion") -> Means:
    return Means.objects.create(
        recommendation=recommendation, kind=MeansKind.LOGISTIC, description=description
    )


def resource(recommendation, organisation, role: str = ResourceRole.CARRIER) -> Resource:
    return Resource.objects.create(recommendation=recommendation, organisation=organisation, role=role)


DIAGNOSTIC = "Méta-diagnostic provincial 2016-2017"


def diagnostic(
    title: str = DIAGNOSTIC,
    *,
    status: str = DiagnosticStatus.PUBLISHED,
    territory=None,
) -> Diagnostic:
    """A new diagnostic; its title gets a number when taken (titles are unique)."""
    return Diagnostic.objects.create(
        title=_free(title, lambda t: Diagnostic.objects.filter(title=t).exists()),
        territory=territory or get_territory(PROVINCE),
        period="2016-2017",
        status=status,
    )


def published_diagnostic() -> Diagnostic:
    """The default published diagnostic, created the first time it is asked for."""
    found = Diagnostic.objects.filter(title=DIAGNOSTIC, status=DiagnosticStatus.PUBLISHED).first()
    return found or diagnostic()


def finding(
    statement: str = "Les primo-arrivants peinent à trouver un logement",
    *,
    in_diagnostic=None,
    by=None,
    axis=None,
    territories=None,
    status: str = FindingStatus.IN_FORCE,
    publics=(),
):
    """A finding through diagnostic.services.create_finding, in the default published diagnostic unless
    another is given."""
    return diagnostic_services.create_finding(
        diagnostic=in_diagnostic or published_diagnostic(),
        statement=statement,
        axis=axis if isinstance(axis, Axis) else get_axis(axis or HOUSING),
        territories=territories if territories is not None else [get_territory(COMMUNE)],
        by=by,
        status=status,
        publics=publics,
        sources=(("diagnostic_2016", ""),),
    )


@dataclass
class World:
    """A plan with two priorities (housing, work) and three recommendations; the first one is carried
    by `carrier`, has a finding, a territory, a public, an addressee, means of every kind."""

    plan: Plan
    housing: Priority
    work: Priority
    carried: Recommendation
    other: Recommendation
    job: Recommendation
    carrier: Organisation
    partner: Organisation
    finding: object


def world(*, published: bool = False, status: str = PlanStatus.PREPARATION, by=None) -> World:
    """A World (see above). A test may build several: each has its own plan and organisations; their
    findings share the default published diagnostic. `published=True` makes the plan adopted."""
    the_plan = plan(published=published, status=status)
    the_finding = finding(by=by)
    carrier = organisation("ILI Les Passerelles")
    partner = organisation("CPAS de Namur", type_code="cpas", sector="public")
    housing = priority(the_plan, "Accès au logement", axis=HOUSING, findings=[the_finding])
    work = priority(the_plan, "Accès à l'emploi", axis=WORK)
    carried = recommendation(
        housing,
        "Ouvrir une permanence logement",
        territories=[get_territory(COMMUNE)],
        publics=[get_public("newcomer")],
        findings=[the_finding],
        addressed_to=[partner],
        addressed_levels=["communal", "regional"],
    )
    financial(carried, "1500.50")
    human(carried, "0.5")
    logistic(carried)
    resource(carried, carrier, ResourceRole.CARRIER)
    resource(carried, partner, ResourceRole.PARTNER)
    other = recommendation(housing, "Former les agences immobilières")
    job = recommendation(work, "Valoriser les diplômes étrangers")
    return World(
        plan=the_plan,
        housing=housing,
        work=work,
        carried=carried,
        other=other,
        job=job,
        carrier=carrier,
        partner=partner,
        finding=the_finding,
    )
