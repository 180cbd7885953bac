"""Demonstration findings for the Province de Namur, loaded by `pli demo` after the demo network.

The content is data, `diagnostic/demo.toml` (its format: docs/demo-data.md): the "Méta-diagnostic
provincial 2016-2017" (published, about sixty findings across the six rights of the PCS 2014-2019, some
citing real Statbel figures of 2009 or 2012) and the "Actualisation PPLI 2.0" (draft: the finding that
replaced an old one, and a few field findings drawn from the minutes of the demo meetings). A review
campaign over the 2016-2017 findings is half done: about half of them have reviews, a third have a final
verdict (confirmed, nuanced with a new wording, obsolete, replaced).

Everything goes through `diagnostic.services`, so the wordings, search text, evidence and verdicts are
recorded as the pages record them. The content is fixed (no randomness); dates are relative to the day
it is loaded. Loading twice creates nothing more: the diagnostics carry `is_demo`.
"""

from datetime import datetime, timedelta
from typing import Annotated, Literal, NamedTuple
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import AfterValidator, Field, model_validator

from diagnostic import services
from diagnostic.choices import EVIDENCE_INDICATORS, CampaignStatus, DiagnosticStatus
from diagnostic.models import (
    CampaignInvitation,
    Diagnostic,
    Evidence,
    Finding,
    FindingReview,
    FindingWording,
    ReviewCampaign,
    Settlement,
)
from network import demo as network_demo
from pli import demo_content
from pli.demo_content import Schema
from territory.choices import Level
from territory.models import Territory
from vocabulary.models import Axis, Public, ReviewLens, SourceType

BRUSSELS = ZoneInfo("Europe/Brussels")

# --- The content file ------------------------------------------------------------------------------

Nis = Annotated[str, AfterValidator(network_demo.nis_code)]
VerdictCode = Literal["confirmed", "nuanced", "obsolete", "replaced"]


def _indicator(value: str) -> str:
    if value not in EVIDENCE_INDICATORS:
        raise ValueError(
            _("“%(value)s” is not an indicator; expected one of: %(expected)s.")
            % {"value": value, "expected": ", ".join(EVIDENCE_INDICATORS)}
        )
    return value


class DiagnosticSpec(Schema):
    title: str
    period: str
    method: str = ""
    scope: str = ""


class ReferenceDiagnostic(DiagnosticSpec):
    date: datetime  # of its report, in Brussels time


class Source(NamedTuple):
    type: str
    detail: str = ""


class EvidenceSpec(NamedTuple):
    territory: Annotated[str, AfterValidator(network_demo.nis_code)]
    indicator: Annotated[str, AfterValidator(_indicator)]
    year: Annotated[int, Field(ge=1800, le=2200)]


class Review(Schema):
    lens: str
    reviewer: Literal["coordinator", "partner"]
    verdict: VerdictCode
    rationale: str = Field(min_length=1)
    new_wording: str = ""


class SettlementSpec(Schema):
    verdict: VerdictCode
    rationale: str = Field(min_length=1)
    new_wording: str = ""


class FindingSpec(Schema):
    """A finding; `sources` and `evidence` are named tuples: (type, detail) and (territory, indicator, year)."""

    axis: str
    statement: str = Field(min_length=1, max_length=500)
    description: str = ""
    territories: list[Nis] = []
    publics: list[str] = []
    sources: list[Source] = []


class Finding2016(FindingSpec):
    key: str
    evidence: list[EvidenceSpec] = []
    review: Literal["reviewed", "confirmed"] | None = None
    reviews: list[Review] = []
    settlement: SettlementSpec | None = None
    replacement: FindingSpec | None = None  # the finding of the update that replaces this one

    @model_validator(mode="after")
    def _campaign(self):
        if self.review and self.reviews:
            raise ValueError(_("give either review or reviews, not both."))
        if (self.settlement or self.replacement) and not self.reviews:
            raise ValueError(_("a settlement or a replacement needs the reviews written out (reviews)."))
        return self


class FieldPoint(Schema):
    topic: str
    axis: str
    beginnings: list[str] = Field(min_length=1)


class FieldFindings(Schema):
    wanted: int = Field(ge=0)
    points: list[FieldPoint] = []


class Campaign(Schema):
    title: str
    description: str = ""
    age_days: int = Field(ge=0)
    lens_of_source: dict[str, str] = {}
    confirmations: list[str] = Field(min_length=1)
    rationales: dict[str, list[str]]


class Content(Schema):
    territory: Nis
    framework: str
    coordinator: str
    partner: str = ""
    partner_lenses: list[str] = []
    diagnostic: ReferenceDiagnostic
    update: DiagnosticSpec
    campaign: Campaign
    field_findings: FieldFindings
    findings: list[Finding2016]


def read_content(data_dir=None, *, vocabulary: bool = True) -> Content | None:
    """The findings of the built-in file (or of `data_dir`), checked; None when `data_dir` has none.

    `vocabulary`: also check the codes of axes, publics, source types and lenses against the database."""
    path = demo_content.content_file("diagnostic", data_dir)
    if path is None:
        return None
    content, data = demo_content.parse(Content, path)
    check = demo_content.Checker(path, data)
    check.unique(("findings",), [f.key for f in content.findings], _("The key"))
    check.unique(("findings",), [f.statement for f in content.findings], _("The statement"))
    network = demo_content.other_file(network_demo.read_content, data_dir)
    if network is not None:
        for index, point in enumerate(content.field_findings.points):
            if point.topic not in network.topics:
                check.error(
                    ("field_findings", "points", index, "topic"),
                    demo_content.unknown(point.topic, "network.toml [topics]"),
                )
    if vocabulary:
        _check_vocabulary(content, check)
    check.raise_if_any()
    return content


def _check_vocabulary(content: Content, check: demo_content.Checker) -> None:
    axes = demo_content.axis_codes(content.framework)
    publics = set(Public.objects.values_list("code", flat=True))
    types = set(SourceType.objects.values_list("code", flat=True))
    lenses = set(ReviewLens.objects.values_list("code", flat=True))
    vocabulary = _("the vocabulary")

    def finding(loc: tuple, spec: FindingSpec) -> None:
        check.known((*loc, "axis"), spec.axis, axes, vocabulary)
        check.all_known((*loc, "publics"), spec.publics, publics, vocabulary)
        for position, source in enumerate(spec.sources):
            check.known((*loc, "sources", position, "type"), source.type, types, vocabulary)

    for index, spec in enumerate(content.findings):
        finding(("findings", index), spec)
        if spec.replacement:
            finding(("findings", index, "replacement"), spec.replacement)
        for position, review in enumerate(spec.reviews):
            check.known(("findings", index, "reviews", position, "lens"), review.lens, lenses, vocabulary)
    check.all_known(("partner_lenses",), content.partner_lenses, lenses, vocabulary)
    for code, lens in content.campaign.lens_of_source.items():
        check.known(("campaign", "lens_of_source", code), code, types, vocabulary)
        check.known(("campaign", "lens_of_source", code), lens, lenses, vocabulary)
    for code in content.campaign.rationales:
        check.known(("campaign", "rationales", code), code, lenses, vocabulary)
    for index, point in enumerate(content.field_findings.points):
        check.known(("field_findings", "points", index, "axis"), point.axis, axes, vocabulary)


def __getattr__(name: str):
    """`FINDINGS`: the findings of the built-in file (the plans' builder and the tests read them)."""
    if name == "FINDINGS":
        return read_content(vocabulary=False).findings
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --- Loading ---------------------------------------------------------------------------------------


def is_loaded() -> bool:
    return Diagnostic.objects.filter(is_demo=True).exists()


@transaction.atomic
def load(stdout, data_dir=None) -> None:
    content = read_content(data_dir)
    if content is None:
        stdout.write("Demo findings skipped: no diagnostic.toml in the content folder.")
        return
    if is_loaded():
        stdout.write("Demo findings already loaded.")
        return
    province = Territory.objects.active().filter(nis_code=content.territory).first()
    if province is None:
        stdout.write(
            f"Demo findings skipped: the Province de Namur ({content.territory}) is not loaded "
            "(run `pli setup_data` first)."
        )
        return
    network = network_demo.read_content(data_dir, vocabulary=False)
    stdout.write(_Builder(content, province, network).build())


def _unique_title(model, title: str) -> str:
    """The title, or "<title> (démo)" when a real row already has it."""
    return f"{title} (démo)" if model.objects.filter(title=title).exists() else title


class _Builder:
    def __init__(self, content: Content, province: Territory, network: network_demo.Content | None):
        users = get_user_model().objects
        self.content = content
        self.province = province
        self.now = timezone.now()
        written = content.diagnostic.date
        self.date = written if written.tzinfo else written.replace(tzinfo=BRUSSELS)
        self.coordinator = users.filter(email=content.coordinator, is_active=True).first()
        if self.coordinator is not None and not self.coordinator.is_coordinator:
            self.coordinator = None
        self.partner = (
            users.filter(email=content.partner, is_active=True).first() if content.partner else None
        )
        framework = content.framework
        self.axes = {
            a.code.removeprefix(f"{framework}-"): a for a in Axis.objects.filter(framework=framework)
        }
        self.publics = {p.code: p for p in Public.objects.all()}
        self.lenses = [lens.code for lens in ReviewLens.objects.filter(is_active=True)]
        # The agenda point of each meeting topic, as the demo minutes write it.
        self.topic_points = {code: topic.agenda for code, topic in network.topics.items()} if network else {}
        findings = content.findings
        territories = Territory.objects.active().filter(
            nis_code__in={nis for spec in findings for nis in spec.territories}
            | {e.territory for spec in findings for e in spec.evidence}
            | {nis for spec in findings if spec.replacement for nis in spec.replacement.territories}
        )
        self.territories = {
            t.nis_code: t
            for t in territories
            if t.nis_code == content.territory
            or (t.level in (Level.ARRONDISSEMENT, Level.COMMUNE) and t.province_code == content.territory)
        }
        self.findings: dict[str, Finding] = {}
        self.notes: list[str] = []

    # --- the whole ---------------------------------------------------------------------------------

    def build(self) -> str:
        old = self._diagnostic(self.content.diagnostic, DiagnosticStatus.PUBLISHED)
        new = self._diagnostic(self.content.update, DiagnosticStatus.DRAFT)
        self._findings(old)
        cited, skipped, moved = self._evidence()
        campaign = self._campaign(old)
        reviews = settled = 0
        if self.coordinator is None:
            self.notes.append(f"reviews skipped: no coordinator account {self.content.coordinator}")
        else:
            reviews, settled = self._reviews(campaign, new)
        field_count = self._field_findings(new)
        reviewed = FindingReview.objects.filter(campaign=campaign).values("finding").distinct().count()
        line = (
            f"Demo findings: 2 diagnostics, {len(self.findings)} findings of the "
            f"{self.content.diagnostic.period} diagnostic, "
            f"{Finding.objects.filter(diagnostic=new).count()} in the update “{self.content.update.title}” "
            f"({field_count} from meetings), {cited} statistics cited ({moved} to re-examine"
            + (f", {skipped} skipped: year not loaded" if skipped else "")
            + f"), campaign: {reviewed} findings reviewed ({reviews} reviews), {settled} settled."
        )
        return line + "".join(f" Note: {note}." for note in self.notes)

    def _diagnostic(self, spec: DiagnosticSpec, status: str) -> Diagnostic:
        return Diagnostic.objects.create(
            title=_unique_title(Diagnostic, spec.title),
            territory=self.province,
            period=spec.period,
            method=spec.method,
            scope=spec.scope,
            status=status,
            is_demo=True,
        )

    # --- findings and evidence ---------------------------------------------------------------------

    def _territories_of(self, codes: list[str]) -> list[Territory]:
        found = [self.territories[nis] for nis in codes if nis in self.territories]
        return found or [self.province]

    def _create(self, diagnostic, spec: FindingSpec):
        return services.create_finding(
            diagnostic=diagnostic,
            statement=spec.statement,
            description=spec.description,
            axis=self.axes[spec.axis],
            territories=self._territories_of(spec.territories),
            publics=[self.publics[code] for code in spec.publics if code in self.publics],
            sources=[(source.type, source.detail) for source in spec.sources],
            by=self.coordinator,
        )

    def _findings(self, diagnostic: Diagnostic) -> None:
        for spec in self.content.findings:
            if spec.axis not in self.axes:
                continue
            self.findings[spec.key] = self._create(diagnostic, spec)
        # The findings were written when the report was: their first wording dates from then.
        ids = [f.pk for f in self.findings.values()]
        Finding.objects.filter(pk__in=ids).update(created_at=self.date)
        FindingWording.objects.filter(finding__in=ids).update(since=self.date)

    def _evidence(self) -> tuple[int, int, int]:
        """Cite the statistics; a year that is not loaded is skipped. Returns (cited, skipped, moved)."""
        from territory.queries import latest_structure_year

        cited, skipped = [], 0
        for spec in self.content.findings:
            finding = self.findings.get(spec.key)
            for nis, indicator, year in spec.evidence if finding else ():
                territory = self.territories.get(nis)
                if territory is None:
                    skipped += 1
                    continue
                try:
                    with transaction.atomic():
                        cited.append(
                            services.cite_statistic(
                                finding=finding,
                                territory=territory,
                                indicator=indicator,
                                year=year,
                                by=self.coordinator,
                            )
                        )
                except ValidationError:
                    skipped += 1
        Evidence.objects.filter(pk__in=[e.pk for e in cited]).update(captured_at=self.date)
        latest = latest_structure_year()
        moved = sum(1 for e in cited if services.check_evidence(e, latest).moved)
        return len(cited), skipped, moved

    # --- the campaign ------------------------------------------------------------------------------

    def _campaign(self, diagnostic: Diagnostic) -> ReviewCampaign:
        spec = self.content.campaign
        campaign = ReviewCampaign.objects.create(
            title=_unique_title(ReviewCampaign, spec.title),
            description=spec.description,
            diagnostic=diagnostic,
            lenses=self.lenses,
            status=CampaignStatus.OPEN,
            opened_at=self.now - timedelta(days=spec.age_days),
            opened_by=self.coordinator,
            is_demo=True,
        )
        campaign.findings.set(list(self.findings.values()))
        if self.partner is not None:
            CampaignInvitation.objects.bulk_create(
                [
                    CampaignInvitation(campaign=campaign, user=self.partner, lens=lens)
                    for lens in self.content.partner_lenses
                ]
            )
        elif self.content.partner:
            self.notes.append(f"no partner invited: no account {self.content.partner}")
        return campaign

    def _reviewer(self, who: str, lens: str):
        if who == "partner" and self.partner is not None and lens in self.content.partner_lenses:
            return self.partner
        return self.coordinator

    def _generic_reviews(self, spec: Finding2016, index: int) -> list[Review]:
        """1 to 3 confirmations, through the lenses of the finding's sources first."""
        lens_of_source = self.content.campaign.lens_of_source
        lenses = []
        for source in spec.sources:
            lens = lens_of_source.get(source.type)
            if lens and lens not in lenses:
                lenses.append(lens)
        lenses += [lens for lens in self.lenses if lens not in lenses]
        count = 1 + index % 3
        reviews = []
        for number, lens in enumerate(lenses[:count]):
            partner_lens = lens in self.content.partner_lenses
            who = "partner" if partner_lens and (index + number) % 2 == 0 else "coordinator"
            variants = self.content.campaign.rationales.get(lens) or self.content.campaign.confirmations
            rationale = variants[(index + number) % len(variants)]
            reviews.append(Review(lens=lens, reviewer=who, verdict="confirmed", rationale=rationale))
        return reviews

    def _reviews(self, campaign: ReviewCampaign, new: Diagnostic) -> tuple[int, int]:
        review_count = settled = 0
        order = 0
        dated_reviews, dated_settlements = [], []
        confirmations = self.content.campaign.confirmations
        for index, spec in enumerate(self.content.findings):
            finding = self.findings.get(spec.key)
            if finding is None or not (spec.review or spec.reviews):
                continue
            if spec.reviews:
                reviews, settlement = spec.reviews, spec.settlement
            else:
                reviews = self._generic_reviews(spec, index)
                settlement = None
                if spec.review == "confirmed":
                    rationale = confirmations[index % len(confirmations)]
                    settlement = SettlementSpec(verdict="confirmed", rationale=rationale)
            replacement = None
            if spec.replacement is not None and spec.replacement.axis in self.axes:
                replacement = self._create(new, spec.replacement)
            start = campaign.opened_at + timedelta(days=3 + 2 * order, hours=order % 5)
            order += 1
            for number, review_spec in enumerate(reviews):
                review = services.record_review(
                    campaign=campaign,
                    finding=finding,
                    lens=review_spec.lens,
                    reviewer=self._reviewer(review_spec.reviewer, review_spec.lens),
                    verdict=review_spec.verdict,
                    rationale=review_spec.rationale,
                    new_wording=review_spec.new_wording,
                    replacement=replacement,
                )
                review.created_at = start + timedelta(days=number, hours=2 * number)
                dated_reviews.append(review)
                review_count += 1
            if settlement is not None:
                done = services.settle(
                    campaign=campaign,
                    finding=finding,
                    verdict=settlement.verdict,
                    rationale=settlement.rationale,
                    by=self.coordinator,
                    new_wording=settlement.new_wording,
                    replacement=replacement,
                )
                done.settled_at = start + timedelta(days=len(reviews) + 1)
                dated_settlements.append(done)
                settled += 1
        FindingReview.objects.bulk_update(dated_reviews, ["created_at"])
        Settlement.objects.bulk_update(dated_settlements, ["settled_at"])
        for done in dated_settlements:
            FindingWording.objects.filter(settlement=done).update(since=done.settled_at)
        return review_count, settled

    # --- field findings from the demo meetings -----------------------------------------------------

    def _field_findings(self, diagnostic: Diagnostic) -> int:
        from network.models import Meeting

        points = {
            self.topic_points[p.topic]: p
            for p in self.content.field_findings.points
            if p.topic in self.topic_points
        }
        meetings = (
            Meeting.objects.filter(space__is_demo=True, starts_at__lt=self.now)
            .exclude(minutes="")
            .select_related("space__territory")
            .order_by("-starts_at", "pk")
        )
        created, used_points = 0, set()
        wanted = self.content.field_findings.wanted
        for meeting in meetings if wanted else ():
            for point, text in _minutes_points(meeting.minutes):
                if point in used_points or point not in points:
                    continue
                spec = points[point]
                if not text.startswith(tuple(spec.beginnings)) or spec.axis not in self.axes:
                    continue
                services.field_finding_from_meeting(
                    meeting=meeting,
                    statement=text.rstrip("."),
                    axis=self.axes[spec.axis],
                    by=self.coordinator,
                    diagnostic=diagnostic,
                )
                used_points.add(point)
                created += 1
                break  # one finding per meeting
            if created >= wanted:
                break
        if not created:
            self.notes.append("no field findings: the demo network's meetings are not loaded")
        return created


def _minutes_points(minutes: str) -> list[tuple[str, str]]:
    """The numbered points of demo minutes: "2. <agenda point> — <what was said>"."""
    points = []
    for block in minutes.split("\n\n"):
        head, separator, text = block.partition(" — ")
        number, dot, point = head.partition(". ")
        if separator and dot and number.strip().isdigit():
            points.append((point.strip(), text.strip()))
    return points
