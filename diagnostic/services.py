"""Every change to diagnostics, findings and campaigns goes through these functions: permission and
version checked, atomic, recorded in the audit trail, never overwriting (wordings and verdicts are
rows of history)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from diagnostic import notifications as messages
from diagnostic.choices import EVIDENCE_INDICATORS, CampaignStatus, FindingStatus, SourceKind, Verdict
from diagnostic.models import (
    CampaignInvitation,
    Diagnostic,
    Evidence,
    Finding,
    FindingReview,
    FindingSource,
    FindingWording,
    ReviewCampaign,
    Settlement,
)
from diagnostic.permissions import lenses_for
from pli import services
from pli.access import require_create, require_edit


def save_diagnostic(form, *, by) -> Diagnostic:
    return services.save_form(form, by=by)


def _new_finding(
    *,
    diagnostic,
    statement: str,
    axis,
    territories,
    by,
    description: str = "",
    publics=(),
    sources=(),
    status: str = FindingStatus.IN_FORCE,
    source_meeting=None,
) -> Finding:
    finding = Finding(
        diagnostic=diagnostic,
        statement=statement,
        description=description,
        axis=axis,
        status=status,
        source_meeting=source_meeting,
        created_by=by,
    )
    finding.save()
    finding.territories.set(territories)
    finding.publics.set(publics)
    for kind, detail in sources:
        FindingSource.objects.get_or_create(finding=finding, kind=kind, detail=detail or "")
    FindingWording.objects.create(finding=finding, text=statement, by=by)
    finding.refresh_search_text()
    finding.save(update_fields=["search_text"])
    audit.record(by, "create", finding)
    return finding


@transaction.atomic
def create_finding(
    *,
    diagnostic,
    statement: str,
    axis,
    territories,
    by,
    description: str = "",
    publics=(),
    sources=(),
    status: str = FindingStatus.IN_FORCE,
    source_meeting=None,
) -> Finding:
    """A new finding with its first wording; `sources` is a list of (kind, detail). Coordinators."""
    require_create(by, Finding)
    return _new_finding(
        diagnostic=diagnostic,
        statement=statement,
        axis=axis,
        territories=territories,
        by=by,
        description=description,
        publics=publics,
        sources=sources,
        status=status,
        source_meeting=source_meeting,
    )


def _sources_of(data) -> list[tuple[str, str]]:
    """The (kind, detail) pairs a finding form asks for: its first detail goes with every kind but the
    statistics (whose detail is the evidence itself)."""
    details = [d.strip() for d in data["source_detail"].split(",") if d.strip()]
    return [
        (kind, details[0] if details and kind != SourceKind.STATISTIC else "")
        for kind in data["source_kinds"]
    ]


def create_finding_from_form(form, *, by) -> Finding:
    data = form.cleaned_data
    return create_finding(
        diagnostic=data["diagnostic"],
        statement=data["statement"],
        description=data["description"],
        axis=data["axis"],
        territories=data["territories"],
        publics=data["publics"],
        sources=_sources_of(data),
        status=data["status"],
        by=by,
    )


def edit_finding(form, *, by) -> Finding:
    """Save the edit form; a changed statement becomes a new wording (the old one stays in the history),
    the sources follow the boxes ticked."""
    data = form.cleaned_data
    finding = form.instance
    with services.edit(finding, by=by, version=data.get("version"), differences=form.differences) as current:
        old_statement = current.statement
        form.save()
        if finding.statement.strip() != old_statement.strip():
            FindingWording.objects.create(finding=finding, text=finding.statement, by=by)
        finding.sources.exclude(kind__in=data["source_kinds"]).delete()
        detail = dict(_sources_of(data))
        for kind in data["source_kinds"]:
            if not finding.sources.filter(kind=kind).exists():
                FindingSource.objects.create(finding=finding, kind=kind, detail=detail.get(kind, ""))
        finding.refresh_search_text()
        finding.save(update_fields=["search_text"])
    return finding


def _check_verdict(finding: Finding, verdict: str, wording: str, replacement: Finding | None) -> None:
    if verdict == Verdict.NUANCED and not (wording or "").strip():
        raise ValidationError({"new_wording": _("A nuanced finding needs its new wording.")})
    if verdict == Verdict.NUANCED and wording.strip() == finding.statement.strip():
        raise ValidationError({"new_wording": _("The new wording is the same as the current one.")})
    if verdict == Verdict.REPLACED:
        if replacement is None:
            raise ValidationError({"replacement": _("Say which finding replaces this one.")})
        if replacement.pk == finding.pk:
            raise ValidationError({"replacement": _("A finding cannot replace itself.")})


def _replacement(finding: Finding, *, replacement, statement: str, by, status: str) -> Finding | None:
    """The finding chosen as replacement, or a new one named by its statement (created in the same
    diagnostic, with the same axis, territories, publics and sources), or None."""
    if replacement is not None or not (statement or "").strip():
        return replacement
    return _new_finding(
        diagnostic=finding.diagnostic,
        statement=statement.strip(),
        axis=finding.axis,
        territories=list(finding.territories.all()),
        publics=list(finding.publics.all()),
        sources=[(s.kind, s.detail) for s in finding.sources.all()],
        status=status,
        by=by,
    )


def _check_open(campaign, finding) -> None:
    if campaign.status != CampaignStatus.OPEN:
        raise ValidationError(_("The campaign is closed."))
    if not campaign.findings.filter(pk=finding.pk).exists():
        raise ValidationError(_("This finding is not part of the campaign."))


@transaction.atomic
def record_review(
    *,
    campaign,
    finding,
    lens: str,
    reviewer,
    verdict: str,
    rationale: str,
    new_wording: str = "",
    replacement=None,
    replacement_statement: str = "",
) -> FindingReview:
    """One reviewer's verdict through one lens. Refused if the user may not review through that lens.
    A new replacement proposed by a reviewer is a draft until the coordinator settles."""
    if lens not in lenses_for(reviewer, campaign):
        raise ValidationError({"lens": _("You are not invited to review this campaign through this lens.")})
    _check_open(campaign, finding)
    if not (rationale or "").strip():
        raise ValidationError({"rationale": _("Explain the verdict in a few words.")})
    if verdict == Verdict.REPLACED:
        replacement = _replacement(
            finding,
            replacement=replacement,
            statement=replacement_statement,
            by=reviewer,
            status=FindingStatus.DRAFT,
        )
    _check_verdict(finding, verdict, new_wording, replacement)
    review = FindingReview.objects.create(
        campaign=campaign,
        finding=finding,
        lens=lens,
        reviewer=reviewer,
        verdict=verdict,
        new_wording=new_wording.strip() if verdict == Verdict.NUANCED else "",
        replacement=replacement if verdict == Verdict.REPLACED else None,
        rationale=rationale.strip(),
    )
    audit.record(reviewer, "review", review, parent=finding)
    return review


class AlreadySettled(Exception):
    def __init__(self, settlement: Settlement):
        self.settlement = settlement
        super().__init__("this finding already has a final verdict in this campaign")


STATUS_OF_VERDICT: dict[str, str] = {
    Verdict.CONFIRMED: FindingStatus.CONFIRMED,
    Verdict.NUANCED: FindingStatus.NUANCED,
    Verdict.OBSOLETE: FindingStatus.OBSOLETE,
    Verdict.REPLACED: FindingStatus.REPLACED,
}


def settle(
    *,
    campaign,
    finding,
    verdict: str,
    rationale: str,
    by,
    new_wording: str = "",
    replacement=None,
    replacement_statement: str = "",
) -> Settlement:
    """The coordinator's final verdict; applies it to the finding. A second settlement of the same finding
    in the same campaign (two coordinators at once) is refused with AlreadySettled, nothing changed."""
    require_create(by, Settlement, message=_("Only a coordinator settles the final verdict."))
    _check_open(campaign, finding)
    if not (rationale or "").strip():
        raise ValidationError({"rationale": _("Explain the verdict in a few words.")})
    try:
        with transaction.atomic():
            if verdict == Verdict.REPLACED:
                replacement = _replacement(
                    finding,
                    replacement=replacement,
                    statement=replacement_statement,
                    by=by,
                    status=FindingStatus.IN_FORCE,
                )
            _check_verdict(finding, verdict, new_wording, replacement)
            settlement = Settlement.objects.create(
                campaign=campaign,
                finding=finding,
                verdict=verdict,
                rationale=rationale.strip(),
                settled_by=by,
                new_wording=new_wording.strip() if verdict == Verdict.NUANCED else "",
                replacement=replacement if verdict == Verdict.REPLACED else None,
            )
            with services.edit(finding, by=by, action="settle", details={"campaign": campaign.pk}) as locked:
                locked.status = STATUS_OF_VERDICT[verdict]
                fields = ["status", "version", "updated_at"]
                if verdict == Verdict.NUANCED:
                    FindingWording.objects.create(
                        finding=locked, text=settlement.new_wording, by=by, settlement=settlement
                    )
                    locked.statement = settlement.new_wording
                    locked.refresh_search_text()
                    fields += ["statement", "search_text"]
                if verdict == Verdict.REPLACED:
                    locked.replaced_by = replacement
                    fields.append("replaced_by")
                locked.save(update_fields=fields)
    except IntegrityError:
        raise AlreadySettled(Settlement.objects.get(campaign=campaign, finding=finding)) from None
    finding.refresh_from_db()
    return settlement


@transaction.atomic
def open_campaign(creation, *, by) -> ReviewCampaign:
    """Open a review campaign over the findings of its scope, with its invitations (one per person and
    lens)."""
    require_create(by, ReviewCampaign)
    form = creation.form
    campaign = form.save(commit=False)
    campaign.opened_by = by
    campaign.save()
    form.save_m2m()
    finding_ids = list(form.scope.values_list("pk", flat=True).distinct())
    campaign.findings.set(finding_ids)
    CampaignInvitation.objects.bulk_create(
        CampaignInvitation(campaign=campaign, user_id=user_id, lens=lens)
        for user_id, lens in sorted(creation.invited())
    )
    audit.record(by, "create", campaign, details={"invitations": len(creation.invited())})
    messages.invite(campaign, by=by)
    return campaign


def close_campaign(campaign, *, by) -> bool:
    """Close an open campaign (it no longer accepts reviews); False if it was already closed."""
    with services.edit(campaign, by=by, action="close") as current:
        if current.status != CampaignStatus.OPEN:
            return False
        current.status = CampaignStatus.CLOSED
        current.closed_at = timezone.now()
        current.save(update_fields=["status", "closed_at", "version", "updated_at"])
    return True


def cite_statistic(*, finding, territory, indicator: str, year: int, by) -> Evidence:
    """Capture, as evidence, the value of a territory's indicator for a year, with its source."""
    from territory import queries

    require_edit(by, finding)
    if indicator not in EVIDENCE_INDICATORS:
        raise ValidationError({"indicator": _("Unknown indicator.")})
    portrait = queries.portrait(territory, year)
    value = getattr(portrait, indicator, None) if portrait else None
    if portrait is None or value is None:
        raise ValidationError(
            {
                "year": _("No figure for %(indicator)s in %(territory)s in %(year)s.")
                % {"indicator": EVIDENCE_INDICATORS[indicator], "territory": territory.name_fr, "year": year}
            }
        )
    with transaction.atomic():
        evidence = Evidence.objects.create(
            finding=finding,
            territory=territory,
            indicator=indicator,
            year=year,
            value=float(value),
            source_label=str(portrait.source),
            captured_by=by,
        )
        FindingSource.objects.get_or_create(finding=finding, kind=SourceKind.STATISTIC, detail="")
        finding.refresh_search_text()
        finding.save(update_fields=["search_text"])
        audit.record(by, "create", evidence, parent=finding)
    return evidence


@dataclass
class EvidenceCheck:
    evidence: Evidence
    latest_year: int | None
    latest_value: float | None
    latest_source: str
    moved: bool
    newer: bool = False  # whether figures newer than the cited year exist to compare with


_READ = object()  # check_evidence: the portrait is to be read


def check_evidence(
    evidence: Evidence, latest_year: int | None = None, portrait=_READ, portrait_year: int | None = None
) -> EvidenceCheck:
    """Today's value of the cited statistic for the latest year, and whether it moved beyond the threshold
    (PLI_EVIDENCE_RELATIVE_THRESHOLD for counts, PLI_EVIDENCE_POINTS_THRESHOLD for shares). `portrait`:
    the territory's portrait when the caller read it already (see `check_all`), of `portrait_year`
    (`latest_year` when not given)."""
    from django.conf import settings

    from diagnostic.choices import SHARE_INDICATORS
    from territory import queries

    year: int | None
    if evidence.indicator == "population":  # the yearly totals go further than the nationality split
        if portrait_year is not None:
            year = portrait_year  # the caller read the totals' latest year (check_all)
        else:
            years = queries.population_years()
            year = years[-1] if years else None
            if year != latest_year:
                portrait = _READ  # a portrait the caller read is of the structure's year, not this one
    else:
        year = latest_year or queries.latest_structure_year()
    if year is None or year <= evidence.year:
        # Only newer figures say whether the statistic moved: an older year is no "latest value".
        return EvidenceCheck(evidence, None, None, "", False, newer=False)
    if portrait is _READ:
        portrait = queries.portrait(evidence.territory, year)
    value = getattr(portrait, evidence.indicator, None) if portrait else None
    moved = False
    if value is not None:
        if evidence.indicator in SHARE_INDICATORS:
            moved = abs(value - evidence.value) * 100 >= settings.PLI_EVIDENCE_POINTS_THRESHOLD
        elif evidence.value:
            moved = (
                abs(value - evidence.value) / abs(evidence.value) >= settings.PLI_EVIDENCE_RELATIVE_THRESHOLD
            )
    return EvidenceCheck(
        evidence, year, value, str(portrait.source) if portrait else "", moved, newer=value is not None
    )


def check_all(evidences) -> list[EvidenceCheck]:
    """`check_evidence` of many evidences in a fixed number of queries whatever their number (the
    evidences, the latest years, the portraits of their territories for the structure's latest year and
    for the population totals' latest year); one when there are none."""
    from territory import queries

    evidences = list(evidences)
    if not evidences:
        return []
    year = queries.latest_structure_year()
    years = queries.population_years()
    population_year = years[-1] if years else None

    def portraits(items, of_year):
        return queries.portraits({e.territory for e in items}, of_year) if items and of_year else {}

    totals = [e for e in evidences if e.indicator == "population"]
    found = portraits([e for e in evidences if e.indicator != "population"], year)
    found_totals = portraits(totals, population_year)
    return [
        check_evidence(e, year, found_totals.get(e.territory_id), portrait_year=population_year)
        if e.indicator == "population"
        else check_evidence(e, year, found.get(e.territory_id))
        for e in evidences
    ]


@transaction.atomic
def field_finding_from_meeting(*, meeting, statement: str, axis, by, diagnostic) -> Finding:
    """Turn a point raised in a meeting into a draft finding linked to the meeting (and its territory):
    whoever manages the meeting (its facilitators, the coordinators)."""
    require_edit(by, meeting)
    return _new_finding(
        diagnostic=diagnostic,
        statement=statement,
        axis=axis,
        territories=[meeting.space.territory],
        by=by,
        status=FindingStatus.DRAFT,
        source_meeting=meeting,
        sources=[(SourceKind.FIELD, meeting.space.name)],
    )
