"""Every change to a finding goes through these functions: atomic, recorded, never overwriting."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import audit
from diagnostic.choices import EVIDENCE_INDICATORS, FindingStatus, SourceKind, Verdict
from diagnostic.models import Evidence, Finding, FindingReview, FindingSource, FindingWording, Settlement
from diagnostic.permissions import lenses_for


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
    """A new finding with its first wording; `sources` is a list of (kind, detail)."""
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
) -> FindingReview:
    """One reviewer's verdict through one lens. Refused if the user may not review through that lens."""
    if lens not in lenses_for(reviewer, campaign):
        raise ValidationError({"lens": _("You are not invited to review this campaign through this lens.")})
    if not campaign.findings.filter(pk=finding.pk).exists():
        raise ValidationError(_("This finding is not part of the campaign."))
    if campaign.status != "open":
        raise ValidationError(_("The campaign is closed."))
    _check_verdict(finding, verdict, new_wording, replacement)
    if not (rationale or "").strip():
        raise ValidationError({"rationale": _("Explain the verdict in a few words.")})
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
    audit(
        reviewer, "finding_reviewed", target=f"finding #{finding.pk}", campaign=campaign.pk, verdict=verdict
    )
    return review


class AlreadySettled(Exception):
    def __init__(self, settlement: Settlement):
        self.settlement = settlement
        super().__init__("this finding already has a final verdict in this campaign")


STATUS_OF_VERDICT = {
    Verdict.CONFIRMED: FindingStatus.CONFIRMED,
    Verdict.NUANCED: FindingStatus.NUANCED,
    Verdict.OBSOLETE: FindingStatus.OBSOLETE,
    Verdict.REPLACED: FindingStatus.REPLACED,
}


def settle(
    *, campaign, finding, verdict: str, rationale: str, by, new_wording: str = "", replacement=None
) -> Settlement:
    """The coordinator's final verdict; applies it to the finding. A second settlement of the same finding
    in the same campaign (two coordinators at once) is refused with AlreadySettled, nothing changed."""
    if not by.is_coordinator:
        raise ValidationError(_("Only a coordinator settles the final verdict."))
    if campaign.status != "open":
        raise ValidationError(_("The campaign is closed."))
    if not campaign.findings.filter(pk=finding.pk).exists():
        raise ValidationError(_("This finding is not part of the campaign."))
    _check_verdict(finding, verdict, new_wording, replacement)
    if not (rationale or "").strip():
        raise ValidationError({"rationale": _("Explain the verdict in a few words.")})
    try:
        with transaction.atomic():
            settlement = Settlement.objects.create(
                campaign=campaign,
                finding=finding,
                verdict=verdict,
                rationale=rationale.strip(),
                settled_by=by,
                new_wording=new_wording.strip() if verdict == Verdict.NUANCED else "",
                replacement=replacement if verdict == Verdict.REPLACED else None,
            )
            locked = Finding.objects.select_for_update().get(pk=finding.pk)
            locked.status = STATUS_OF_VERDICT[verdict]
            fields = ["status", "version"]
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
            locked.version += 1
            locked.save(update_fields=fields)
    except IntegrityError:
        raise AlreadySettled(Settlement.objects.get(campaign=campaign, finding=finding)) from None
    audit(by, "finding_settled", target=f"finding #{finding.pk}", campaign=campaign.pk, verdict=verdict)
    finding.refresh_from_db()
    return settlement


def cite_statistic(*, finding, territory, indicator: str, year: int, by) -> Evidence:
    """Capture, as evidence, the value of a territory's indicator for a year, with its source."""
    from territory import queries

    if indicator not in EVIDENCE_INDICATORS:
        raise ValidationError({"indicator": _("Unknown indicator.")})
    portrait = queries.portrait(territory, year)
    value = getattr(portrait, indicator, None) if portrait else None
    if value is None:
        raise ValidationError(
            {
                "year": _("No figure for %(indicator)s in %(territory)s in %(year)s.")
                % {"indicator": EVIDENCE_INDICATORS[indicator], "territory": territory.name_fr, "year": year}
            }
        )
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
    return evidence


@dataclass
class EvidenceCheck:
    evidence: Evidence
    latest_year: int | None
    latest_value: float | None
    latest_source: str
    moved: bool


def check_evidence(evidence: Evidence, latest_year: int | None = None) -> EvidenceCheck:
    """Today's value of the cited statistic for the latest year, and whether it moved beyond the threshold
    (PLI_EVIDENCE_RELATIVE_THRESHOLD for counts, PLI_EVIDENCE_POINTS_THRESHOLD for shares)."""
    from django.conf import settings

    from diagnostic.choices import SHARE_INDICATORS
    from territory import queries

    year = latest_year or queries.latest_structure_year()
    portrait = queries.portrait(evidence.territory, year) if year else None
    value = getattr(portrait, evidence.indicator, None) if portrait else None
    moved = False
    if value is not None and year != evidence.year:
        if evidence.indicator in SHARE_INDICATORS:
            moved = abs(value - evidence.value) * 100 >= settings.PLI_EVIDENCE_POINTS_THRESHOLD
        elif evidence.value:
            moved = (
                abs(value - evidence.value) / abs(evidence.value) >= settings.PLI_EVIDENCE_RELATIVE_THRESHOLD
            )
    return EvidenceCheck(evidence, year, value, str(portrait.source) if portrait else "", moved)


@transaction.atomic
def field_finding_from_meeting(*, meeting, statement: str, axis, by, diagnostic) -> Finding:
    """Turn a point raised in a meeting into a draft finding linked to the meeting (and its territory)."""
    return create_finding(
        diagnostic=diagnostic,
        statement=statement,
        axis=axis,
        territories=[meeting.space.territory],
        by=by,
        status=FindingStatus.DRAFT,
        source_meeting=meeting,
        sources=[(SourceKind.FIELD, meeting.space.name)],
    )
