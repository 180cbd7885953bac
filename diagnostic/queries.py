"""Read functions of the findings register."""

import difflib

from django.db.models import Count, Prefetch, Q

from diagnostic import search
from diagnostic.choices import CURRENT_FILTER, CURRENT_STATUSES
from diagnostic.models import Finding, FindingSource, FindingWording, Settlement
from territory.choices import Level
from territory.models import Territory


def register(user, filters: dict):
    """The findings the user may see, filtered as the register page and the API ask."""
    findings = (
        Finding.objects.visible_to(user)
        .select_related("axis", "diagnostic")
        .defer("search_text", "description")
    )
    through = Finding.territories.through
    if filters.get("q"):
        findings = search.filter_queryset(findings, filters["q"])
    if filters.get("diagnostic"):
        findings = findings.filter(diagnostic=filters["diagnostic"])
    if filters.get("axe"):
        findings = findings.filter(axis=filters["axe"])
    if filters.get("territoire"):
        territory = filters["territoire"]  # a Territory from the filter form, or a NIS code
        if isinstance(territory, str):
            territory = Territory.objects.get(nis_code=territory)
        # The territory and those within it, as a list of ids: `territory_id IN (…)` reads the index,
        # where `= x OR IN (subquery)` read every row of the link table.
        ids = [territory.pk, *Territory.objects.within(territory).values_list("pk", flat=True)]
        matching = through.objects.filter(territory_id__in=ids).values("finding_id")
        findings = findings.filter(pk__in=matching)
    # Filters on many-valued relations go through subqueries: no join, no DISTINCT over every column.
    if filters.get("public"):
        findings = findings.filter(
            pk__in=Finding.publics.through.objects.filter(public=filters["public"]).values("finding_id")
        )
    if filters.get("source"):
        findings = findings.filter(
            pk__in=FindingSource.objects.filter(kind=filters["source"]).values("finding_id")
        )
    findings = _by_status(findings, user, filters)
    if filters.get("verdict"):
        findings = findings.filter(
            pk__in=Settlement.objects.filter(verdict=filters["verdict"]).values("finding_id")
        )
    # As lists (`territory_list`, `source_list`): Django then builds no queryset per finding and relation.
    return findings.prefetch_related(
        Prefetch("territories", to_attr="territory_list"), Prefetch("sources", to_attr="source_list")
    )


def _by_status(findings, user, filters: dict):
    """The status filter ("en_vigueur": every status that holds today) and "to re-examine"."""
    if filters.get("statut") == CURRENT_FILTER:
        findings = findings.filter(status__in=CURRENT_STATUSES)
    elif filters.get("statut"):
        findings = findings.filter(status=filters["statut"])
    if filters.get("a_reexaminer"):
        findings = findings.filter(pk__in=findings_to_reexamine(Finding.objects.visible_to(user)))
    return findings


def moved_evidence(findings) -> list:
    """The statistics cited by these findings whose newer value moved beyond the threshold."""
    from diagnostic import services
    from diagnostic.models import Evidence

    evidence = Evidence.objects.filter(finding__in=findings).select_related("territory")
    return [check.evidence for check in services.check_all(evidence) if check.moved]


def findings_to_reexamine(findings) -> list[int]:
    """The ids of the findings with at least one cited statistic to re-examine."""
    return sorted({e.finding_id for e in moved_evidence(findings)})


def citable_findings(territory, user):
    """The findings a plan of this territory may cite: those the user may see, of any diagnostic of the
    territory, of a territory within it, or of one it lies in (a province's diagnostic for a commune)."""
    # Its ancestors from the denormalised codes (no walk up the tree): its parent, province, region, country.
    above = Q(diagnostic__territory_id=territory.parent_id) | Q(diagnostic__territory__level=Level.COUNTRY)
    above |= Q(
        diagnostic__territory__nis_code__in=[c for c in (territory.province_code, territory.region_code) if c]
    )
    around = Q(diagnostic__territory=territory) | above
    around |= Q(diagnostic__territory__in=Territory.objects.within(territory))
    return (
        Finding.objects.visible_to(user)
        .filter(around)
        .select_related("diagnostic")
        .order_by("diagnostic__title", "axis__order", "pk")
    )


def field_findings_by_space(user) -> list[dict]:
    """How many field findings each concertation space produced (findings the user may see)."""
    return list(
        Finding.objects.visible_to(user)
        .filter(source_meeting__isnull=False)
        .values("source_meeting__space__pk", "source_meeting__space__name")
        .annotate(count=Count("pk", distinct=True))
        .order_by("-count", "source_meeting__space__name")
    )


def finding_for_page(queryset, pk: int):
    return (
        queryset.select_related("axis", "diagnostic", "replaced_by", "source_meeting__space")
        .prefetch_related(
            "territories",
            "publics",
            "sources",
            "evidence__territory",
            "replaces",
            Prefetch("wordings", queryset=FindingWording.objects.select_related("by")),
            Prefetch(
                "settlements",
                queryset=Settlement.objects.select_related("campaign", "settled_by", "replacement"),
            ),
        )
        .get(pk=pk)
    )


def wording_changes(finding: Finding) -> list[dict]:
    """Each wording with what changed from the previous one, word by word."""
    changes, previous = [], None
    for wording in finding.wordings.all():
        parts: list[tuple[str, str]] = []
        if previous is not None:
            old, new = previous.text.split(), wording.text.split()
            for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new).get_opcodes():
                if tag == "equal":
                    parts.append(("same", " ".join(old[i1:i2])))
                if tag in ("delete", "replace"):
                    parts.append(("removed", " ".join(old[i1:i2])))
                if tag in ("insert", "replace"):
                    parts.append(("added", " ".join(new[j1:j2])))
        changes.append({"wording": wording, "parts": parts})
        previous = wording
    return changes


def campaigns_of(territory, user):
    """The review campaigns of a territory (or of its diagnostics) the user may see, with how many
    findings each reviews and settled (the method chapter of the plan document)."""
    from diagnostic.models import ReviewCampaign

    return (
        ReviewCampaign.objects.visible_to(user)
        .filter(Q(territory=territory) | Q(diagnostic__territory=territory))
        .annotate(
            finding_count=Count("findings", distinct=True),
            settled_count=Count("settlements", distinct=True),
        )
        .order_by("opened_at")
    )


def lens_labels(codes) -> list[str]:
    """The labels of review lenses, in their order, from the vocabulary."""
    from vocabulary.models import ReviewLens

    labels = dict(ReviewLens.objects.filter(code__in=list(codes)).values_list("code", "label"))
    return [str(labels.get(code, code)) for code in codes]
