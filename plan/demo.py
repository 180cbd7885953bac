"""Demonstration plans for the Province de Namur, loaded by `pli demo` after the demo findings.

The content is data, `plan/demo.toml` (its format: docs/demo-data.md). Two versions of the PPLI:

* the "PPLI 2016-2019": adopted in June 2016 by the provincial council, closed by the plenary assembly
  of November 2019 and published; thirty priorities across the six rights of the PCS 2014-2019, each
  justified by findings of the demo "Méta-diagnostic provincial 2016-2017", with about sixty
  recommendations, their territories, publics, addressees, means, partner organisations of the demo
  network and a dated timeline of progress from 2016 to 2019;
* the "PPLI 2.0", in preparation: a new version of the first (`plan.services.new_version`), then
  reworked so that the comparison of the two versions says something: priorities reworded, removed
  and added (digital access to rights, temporary protection, energy poverty, French close to villages
  and work), recommendations added that cite the draft findings of the "Actualisation PPLI 2.0", and
  the first progress updates of its first year, dated relative to the day the demo is loaded.

The demo partner account's organisation is a resource of recommendations in both versions, so that a
partner sees the unpublished plan and can post progress. Everything goes through the models and
`plan.services`; the content is fixed (no randomness). Loading twice creates nothing more: the plans
carry `is_demo`.
"""

import datetime as dt
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Annotated, Literal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import AfterValidator, Field, model_validator

from diagnostic import demo as diagnostic_demo
from diagnostic.models import Diagnostic, Finding, FindingWording
from network import demo as network_demo
from network.choices import MeetingKind
from network.models import ConcertationSpace, Meeting, Organisation, Person
from plan import services
from plan.cache import touch
from plan.choices import MeansKind, PlanKind, PlanStatus, RecommendationStatus, ResourceRole
from plan.models import Means, Plan, Priority, ProgressUpdate, Recommendation, Resource
from pli import demo_content
from pli.demo_content import Schema
from territory.choices import Level as TerritoryLevel
from territory.models import Territory
from vocabulary.models import Axis, Public

BRUSSELS = network_demo.BRUSSELS

# --- The content file ------------------------------------------------------------------------------

Nis = Annotated[str, AfterValidator(network_demo.nis_code)]
Status = Literal["to_launch", "in_progress", "done", "abandoned"]
Role = Literal["carrier", "partner", "funder", "relay"]
Level = Literal["communal", "provincial", "regional", "community", "federal", "european"]
Amount = Annotated[Decimal, Field(gt=0)]


class Financial(Schema):
    kind: Literal["financial"]
    amount: Amount
    funder: str
    year: int = Field(ge=1900, le=2200)
    description: str = ""


class Human(Schema):
    kind: Literal["human"]
    fte: Amount
    description: str


class Logistic(Schema):
    kind: Literal["logistic"]
    description: str


MeansSpec = Annotated[Financial | Human | Logistic, Field(discriminator="kind")]


class Step(Schema):
    """A progress update: on a date (the closed plan) or so many days before the loading (the new one)."""

    date: dt.date | None = None
    days_ago: int | None = Field(None, ge=0)
    status: Status
    percent: int = Field(ge=0, le=100)
    text: str = ""

    @model_validator(mode="after")
    def _when(self):
        if (self.date is None) == (self.days_ago is None):
            raise ValueError(_("give either date or days_ago."))
        return self


class RecommendationSpec(Schema):
    key: str
    title: str = Field(min_length=1)
    text: str = ""
    territories: list[Nis] = []
    publics: list[str] = []
    levels: list[Level] = []
    addressed_to: list[str] = []
    means: list[MeansSpec] = []
    resources: dict[str, Role] = {}
    findings: list[str] = []
    draft_words: list[str] = []
    progress: list[Step] = []


class AddedRecommendation(RecommendationSpec):
    priority: str


class PrioritySpec(Schema):
    key: str
    axis: str
    title: str = Field(min_length=1)
    findings: list[str] = []
    draft_words: list[str] = []
    description: str = ""
    recommendations: list[RecommendationSpec] = []


class ClosingPlenary(Schema):
    """The plenary assembly that closed the plan: a meeting of the network's plenary space (the
    network's demo holds the meetings of the last year only)."""

    space: str
    title: str
    place: str = ""
    agenda: str = ""
    minutes: str = ""


class ClosedPlan(Schema):
    title: str
    version_label: str
    start_year: int
    end_year: int
    carriers: str = ""
    adopted_on: date
    adopted_by: str = ""
    closed_on: date
    closed_by: str = ""
    summary: str = ""
    closing_plenary: ClosingPlenary | None = None
    priorities: list[PrioritySpec]


class Removed(Schema):
    priorities: list[str] = []
    recommendations: list[str] = []


class NewVersion(Schema):
    title: str
    version_label: str
    start_year: int
    end_year: int
    summary: str = ""
    reworded_priorities: dict[str, str] = {}
    reworded_recommendations: dict[str, str] = {}
    removed: Removed = Removed()
    progress: dict[str, list[Step]] = {}
    added_recommendations: list[AddedRecommendation] = []
    priorities: list[PrioritySpec] = []


class ProgressTexts(Schema):
    start: list[str] = Field(min_length=1)
    middle: list[str] = Field(min_length=1)
    done: list[str] = Field(min_length=1)
    abandoned: list[str] = Field(min_length=1)
    to_launch: list[str] = Field(min_length=1)


class Content(Schema):
    territory: Nis
    framework: str
    coordinator: str
    partner: str = ""
    partner_organisation: str = ""
    funders: dict[str, str] = {}
    progress_texts: ProgressTexts
    closed_plan: ClosedPlan
    new_version: NewVersion


def read_content(data_dir=None, *, vocabulary: bool = True) -> Content | None:
    """The plans of the built-in file (or of `data_dir`), checked; None when `data_dir` has none.

    The organisations and findings it names are checked against the network and findings files of the
    same folder; `vocabulary`: the axes and publics against the database too."""
    path = demo_content.content_file("plan", data_dir)
    if path is None:
        return None
    content, data = demo_content.parse(Content, path)
    check = demo_content.Checker(path, data)
    network = demo_content.other_file(network_demo.read_content, data_dir)
    findings = demo_content.other_file(diagnostic_demo.read_content, data_dir)
    organisations = set(network.organisation_names()) if network else None
    finding_keys = {f.key for f in findings.findings} if findings else None
    closed, new = content.closed_plan, content.new_version

    def recommendation(loc: tuple, spec: RecommendationSpec, relative: bool) -> None:
        for position, means in enumerate(spec.means):
            if isinstance(means, Financial) and means.funder not in content.funders:
                check.error(
                    (*loc, "means", position, "funder"), demo_content.unknown(means.funder, "[funders]")
                )
        if organisations is not None:
            for position, key in enumerate(spec.addressed_to):
                if key not in organisations:
                    check.error((*loc, "addressed_to", position), demo_content.unknown(key, "network.toml"))
            for key in spec.resources:
                if key not in organisations:
                    check.error((*loc, "resources", key), demo_content.unknown(key, "network.toml"))
        if finding_keys is not None:
            for position, key in enumerate(spec.findings):
                if key not in finding_keys:
                    check.error((*loc, "findings", position), demo_content.unknown(key, "diagnostic.toml"))
        steps(loc + ("progress",), spec.progress, relative)

    def steps(loc: tuple, specs: list[Step], relative: bool) -> None:
        for position, step in enumerate(specs):
            if relative and step.date is not None:
                check.error((*loc, position, "date"), _("the new plan's progress is dated by days_ago."))
            if not relative and step.days_ago is not None:
                check.error((*loc, position, "days_ago"), _("the closed plan's progress is dated by date."))

    def priorities(loc: tuple, specs: list[PrioritySpec], relative: bool) -> None:
        for index, priority in enumerate(specs):
            if finding_keys is not None:
                for position, key in enumerate(priority.findings):
                    if key not in finding_keys:
                        check.error(
                            (*loc, index, "findings", position), demo_content.unknown(key, "diagnostic.toml")
                        )
            for number, spec in enumerate(priority.recommendations):
                recommendation((*loc, index, "recommendations", number), spec, relative)

    priorities(("closed_plan", "priorities"), closed.priorities, relative=False)
    priorities(("new_version", "priorities"), new.priorities, relative=True)
    for index, spec in enumerate(new.added_recommendations):
        recommendation(("new_version", "added_recommendations", index), spec, relative=True)
    closed_priorities = [p.key for p in closed.priorities]
    closed_recs = [r.key for p in closed.priorities for r in p.recommendations]
    all_priorities = closed_priorities + [p.key for p in new.priorities]
    all_recs = (
        closed_recs
        + [r.key for r in new.added_recommendations]
        + [r.key for p in new.priorities for r in p.recommendations]
    )
    check.unique(("closed_plan", "priorities"), closed_priorities, _("The key"))
    for what, keys in ((_("The priority key"), all_priorities), (_("The recommendation key"), all_recs)):
        repeated = sorted({k for k in keys if keys.count(k) > 1})
        for key in repeated:
            check.error(
                ("new_version",), _("%(what)s “%(value)s” is used twice.") % {"what": what, "value": key}
            )
    for key in new.reworded_priorities:
        if key not in closed_priorities:
            check.error(
                ("new_version", "reworded_priorities", key),
                demo_content.unknown(key, "closed_plan.priorities"),
            )
    for key in new.reworded_recommendations:
        if key not in closed_recs:
            check.error(
                ("new_version", "reworded_recommendations", key), demo_content.unknown(key, "closed_plan")
            )
    for position, key in enumerate(new.removed.priorities):
        if key not in closed_priorities:
            check.error(
                ("new_version", "removed", "priorities", position),
                demo_content.unknown(key, "closed_plan.priorities"),
            )
    for position, key in enumerate(new.removed.recommendations):
        if key not in closed_recs:
            check.error(
                ("new_version", "removed", "recommendations", position),
                demo_content.unknown(key, "closed_plan"),
            )
    for key, specs in new.progress.items():
        if key not in closed_recs:
            check.error(("new_version", "progress", key), demo_content.unknown(key, "closed_plan"))
        steps(("new_version", "progress", key), specs, relative=True)
    for index, spec in enumerate(new.added_recommendations):
        if spec.priority not in closed_priorities:
            check.error(
                ("new_version", "added_recommendations", index, "priority"),
                demo_content.unknown(spec.priority, "closed_plan.priorities"),
            )
    if (
        organisations is not None
        and content.partner_organisation
        and content.partner_organisation not in organisations
    ):
        check.error(
            ("partner_organisation",), demo_content.unknown(content.partner_organisation, "network.toml")
        )
    if vocabulary:
        _check_vocabulary(content, check)
    check.raise_if_any()
    return content


def _check_vocabulary(content: Content, check: demo_content.Checker) -> None:
    axes = demo_content.axis_codes(content.framework)
    publics = set(Public.objects.values_list("code", flat=True))
    vocabulary = _("the vocabulary")
    for plan_key in ("closed_plan", "new_version"):
        plan = getattr(content, plan_key)
        recs = [
            (("priorities", i, "recommendations", n), r)
            for i, p in enumerate(plan.priorities)
            for n, r in enumerate(p.recommendations)
        ]
        if plan_key == "new_version":
            recs += [(("added_recommendations", i), r) for i, r in enumerate(plan.added_recommendations)]
        for index, priority in enumerate(plan.priorities):
            if priority.axis not in axes:
                check.error(
                    (plan_key, "priorities", index, "axis"), demo_content.unknown(priority.axis, vocabulary)
                )
        for loc, spec in recs:
            for position, code in enumerate(spec.publics):
                if code not in publics:
                    check.error((plan_key, *loc, "publics", position), demo_content.unknown(code, vocabulary))


# --- Loading ---------------------------------------------------------------------------------------


def is_loaded() -> bool:
    return Plan.objects.filter(is_demo=True).exists()


@transaction.atomic
def load(stdout, data_dir=None) -> None:
    content = read_content(data_dir)
    if content is None:
        stdout.write("Demo plans skipped: no plan.toml in the content folder.")
        return
    if is_loaded():
        stdout.write("Demo plans already loaded.")
        return
    province = Territory.objects.active().filter(nis_code=content.territory).first()
    if province is None:
        stdout.write(
            f"Demo plans skipped: the Province de Namur ({content.territory}) is not loaded "
            "(run `pli setup_data` first)."
        )
        return
    findings = diagnostic_demo.read_content(data_dir, vocabulary=False)
    network = network_demo.read_content(data_dir, vocabulary=False)
    period = findings.diagnostic.period if findings else ""
    diagnostic = (
        Diagnostic.objects.filter(is_demo=True, title__contains=period).order_by("pk").first()
        if findings
        else None
    )
    if diagnostic is None:
        stdout.write(f"Demo plans skipped: the demo diagnostic {period} is not loaded.")
        return
    stdout.write(_Builder(content, province, diagnostic, findings, network).build())


def _unique_title(title: str) -> str:
    """The title, or "<title> (démo)" when a real plan already has it."""
    return f"{title} (démo)" if Plan.objects.filter(title=title).exists() else title


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12, 0), tzinfo=BRUSSELS)


class _Builder:
    def __init__(self, content: Content, province: Territory, diagnostic: Diagnostic, findings, network):
        users = get_user_model().objects
        self.content = content
        self.province = province
        self.diagnostic = diagnostic
        self.today = timezone.localdate()
        self.coordinator = users.filter(email=content.coordinator, is_active=True).first()
        if self.coordinator is not None and not self.coordinator.is_coordinator:
            self.coordinator = None
        self.partner = (
            users.filter(email=content.partner, is_active=True).first() if content.partner else None
        )
        person = Person.objects.filter(user=self.partner).first() if self.partner else None
        self.partner_org = person.organisation if person and not person.erased_at else None
        framework = content.framework
        self.axes = {
            a.code.removeprefix(f"{framework}-"): a for a in Axis.objects.filter(framework=framework)
        }
        self.publics = {p.code: p for p in Public.objects.all()}
        self.territories = {
            t.nis_code: t
            for t in Territory.objects.active().filter(
                province_code=content.territory,
                level__in=[TerritoryLevel.ARRONDISSEMENT, TerritoryLevel.COMMUNE],
            )
        }
        self.territories[content.territory] = province
        # The network's organisations by their key in the content (the centre's too).
        demo_orgs = {o.name.removesuffix(" (démo)"): o for o in Organisation.objects.filter(is_demo=True)}
        names = network.organisation_names() if network else {}
        self.orgs = {key: demo_orgs[name] for key, name in names.items() if name in demo_orgs}
        self.centre_key = network.centre.key if network else None
        centre = (
            Organisation.objects.filter(is_demo=True, type__code=network_demo.CENTRE_TYPE)
            .order_by("pk")
            .first()
        )
        if centre is not None and self.centre_key:
            self.orgs[self.centre_key] = centre
        self.centre = centre if self.centre_key else None
        # The findings of the diagnostic by their first wording (a nuanced one was reworded).
        first_wordings = FindingWording.objects.filter(
            finding__diagnostic=diagnostic, settlement=None
        ).values_list("text", "finding_id")
        by_text = dict(first_wordings)
        found = Finding.objects.in_bulk(set(by_text.values()))
        self.findings = {
            spec.key: found[by_text[spec.statement]]
            for spec in findings.findings
            if spec.statement in by_text
        }
        self.axis_findings: dict[int, list[Finding]] = {}
        for finding in Finding.objects.filter(diagnostic=diagnostic).order_by("pk"):
            self.axis_findings.setdefault(finding.axis_id, []).append(finding)
        self.draft = (
            Diagnostic.objects.filter(is_demo=True, title__startswith=findings.update.title)
            .order_by("pk")
            .first()
        )
        self.draft_findings = list(
            Finding.objects.filter(diagnostic=self.draft).order_by("pk") if self.draft else []
        )
        self.text_index = 0
        self.notes: list[str] = []

    # --- the whole ---------------------------------------------------------------------------------

    def build(self) -> str:
        old = self._plan_2016()
        old_priorities = {p.key: p for p in self.content.closed_plan.priorities if p.axis in self.axes}
        old_recs = {r.key: r for p in old_priorities.values() for r in p.recommendations}
        priorities, recs = self._priorities(old, list(old_priorities.values()), first_number=1)
        self._means_and_resources(recs, old_recs)
        old_updates = self._progress_2016(recs, old_recs)
        partner_old = self._partner_resources(recs, old_recs)
        old = services.set_published(old, True, by=self.coordinator)

        new, changes = self._plan_2(old, priorities, recs)
        partner_new = (
            Recommendation.objects.filter(priority__plan=new, resources__organisation=self.partner_org)
            .distinct()
            .count()
            if self.partner_org
            else 0
        )
        if self.partner_org is None:
            self.notes.append(f"no partner organisation: the account {self.content.partner} has no person")
        if not self.orgs:
            self.notes.append("no resources: the demo network is not loaded")

        line = (
            f"Demo plans: {old.version_label} (closed, published): {len(priorities)} priorities, "
            f"{len(recs)} recommendations, {old_updates} progress updates; "
            f"{new.version_label} (in preparation): {new.priorities.count()} priorities "
            f"({changes['reworded']} reworded, {changes['removed']} removed, {changes['added']} added), "
            f"{Recommendation.objects.filter(priority__plan=new).count()} recommendations, "
            f"{changes['updates']} progress updates; partner organisation a resource of "
            f"{partner_old} + {partner_new} recommendations."
        )
        return line + "".join(f" Note: {note}." for note in self.notes)

    # --- the closed plan ---------------------------------------------------------------------------

    def _plan_2016(self) -> Plan:
        spec = self.content.closed_plan
        return Plan.objects.create(
            kind=PlanKind.PPLI,
            title=_unique_title(spec.title),
            version_label=spec.version_label,
            territory=self.province,
            start_year=spec.start_year,
            end_year=spec.end_year,
            status=PlanStatus.CLOSED,
            carriers=spec.carriers,
            framework=self.content.framework,
            diagnostic=self.diagnostic,
            adopted_on=spec.adopted_on,
            adopted_by=spec.adopted_by,
            closed_on=spec.closed_on,
            closed_by=spec.closed_by,
            plenary=self._closing_plenary(spec),
            summary=spec.summary,
            is_demo=True,
        )

    def _closing_plenary(self, spec: ClosedPlan) -> Meeting | None:
        """The plenary assembly of the closing day: the network's when it holds one that year, else the
        one the content describes, held in the plenary space on that day."""
        if not spec.closed_on:
            return None
        held = Meeting.objects.filter(kind=MeetingKind.PLENARY, starts_at__year=spec.closed_on.year).first()
        if held or spec.closing_plenary is None:
            return held
        meeting = spec.closing_plenary
        space = ConcertationSpace.objects.filter(name=meeting.space).first()
        if space is None:
            return None
        day = spec.closed_on
        zone = timezone.get_current_timezone()
        return Meeting.objects.create(
            space=space,
            title=meeting.title,
            kind=MeetingKind.PLENARY,
            starts_at=datetime(day.year, day.month, day.day, 9, 30, tzinfo=zone),
            ends_at=datetime(day.year, day.month, day.day, 16, 0, tzinfo=zone),
            place=meeting.place,
            agenda=meeting.agenda,
            minutes=meeting.minutes,
        )

    def _findings_for(self, keys: list[str], words: list[str], axis: Axis) -> list[Finding]:
        """The diagnostic's findings named (the first of the axis if none is found), then the draft
        findings of the update whose statement contains one of the words."""
        found = [self.findings[k] for k in keys if k in self.findings]
        found = [f for f in found if f.axis_id == axis.pk] or found or self.axis_findings.get(axis.pk, [])[:1]
        words = [word.lower() for word in words]
        drafts = [f for f in self.draft_findings if any(word in f.statement.lower() for word in words)]
        return found + drafts[:2]

    def _priorities(
        self, plan: Plan, specs: list[PrioritySpec], first_number: int
    ) -> tuple[dict[str, Priority], dict[str, Recommendation]]:
        priorities, recs = {}, {}
        for number, spec in enumerate(specs, start=first_number):
            axis = self.axes[spec.axis]
            priority = Priority.objects.create(
                plan=plan, axis=axis, number=number, title=spec.title, description=spec.description
            )
            findings = self._findings_for(spec.findings, spec.draft_words, axis)
            priority.findings.set(findings)
            priorities[spec.key] = priority
            for rec_number, rec in enumerate(spec.recommendations, start=1):
                recs[rec.key] = self._recommendation(priority, rec_number, rec, findings)
        return priorities, recs

    def _recommendation(self, priority, number, spec: RecommendationSpec, priority_findings):
        recommendation = Recommendation.objects.create(
            priority=priority,
            number=number,
            title=spec.title,
            text=spec.text,
            addressed_levels=list(spec.levels),
        )
        if spec.findings or spec.draft_words:
            findings = self._findings_for(spec.findings, spec.draft_words, priority.axis)
        else:
            findings = priority_findings
        recommendation.findings.set(findings)
        territories = [self.territories[nis] for nis in spec.territories if nis in self.territories]
        recommendation.territories.set(territories or [self.province])
        recommendation.publics.set([self.publics[c] for c in spec.publics if c in self.publics])
        recommendation.addressed_to.set([self.orgs[s] for s in spec.addressed_to if s in self.orgs])
        return recommendation

    def _means_and_resources(
        self, recs: dict[str, Recommendation], specs: dict[str, RecommendationSpec], year_shift: int = 0
    ) -> None:
        means, resources = [], []
        for key, recommendation in recs.items():
            spec = specs[key]
            for line in spec.means:
                if isinstance(line, Financial):
                    means.append(
                        Means(
                            recommendation=recommendation,
                            kind=MeansKind.FINANCIAL,
                            amount=line.amount,
                            funder=self.content.funders[line.funder],
                            year=line.year + year_shift,
                            description=line.description,
                        )
                    )
                elif isinstance(line, Human):
                    means.append(
                        Means(
                            recommendation=recommendation,
                            kind=MeansKind.HUMAN,
                            fte=line.fte,
                            description=line.description,
                        )
                    )
                else:
                    means.append(
                        Means(
                            recommendation=recommendation,
                            kind=MeansKind.LOGISTIC,
                            description=line.description,
                        )
                    )
            seen = set()
            for short, role in spec.resources.items():
                organisation = self.orgs.get(short)
                if organisation is not None and (organisation.pk, role) not in seen:
                    seen.add((organisation.pk, role))
                    resources.append(
                        Resource(recommendation=recommendation, organisation=organisation, role=role)
                    )
            if not seen and self.centre is not None:  # an organisation missing: the centre carries it
                resources.append(
                    Resource(
                        recommendation=recommendation, organisation=self.centre, role=ResourceRole.CARRIER
                    )
                )
        Means.objects.bulk_create(means)
        Resource.objects.bulk_create(resources)

    def _carrier(self, recommendation: Recommendation):
        resource = (
            recommendation.resources.filter(role=ResourceRole.CARRIER)
            .select_related("organisation")
            .order_by("pk")
            .first()
        )
        return resource.organisation if resource else None

    def _text(self, phase: str) -> str:
        texts = getattr(self.content.progress_texts, phase)
        self.text_index += 1
        return texts[self.text_index % len(texts)]

    def _post(self, recommendation, steps: list[Step], *, by=None, organisation=None) -> list:
        """Post the steps, dated on their day or so many days ago (from 1 January of the new plan on)."""
        updates = []
        if not steps:
            return updates
        carrier = organisation or self._carrier(recommendation)
        for index, step in enumerate(steps):
            status, percent = step.status, step.percent
            if step.days_ago is not None:
                first_day = date(self.content.new_version.start_year, 1, 1)
                day = max(self.today - timedelta(days=step.days_ago), first_day)
                day = min(day, self.today)
            else:
                day = step.date
            if step.text:
                words = step.text
            elif status == RecommendationStatus.IN_PROGRESS:
                words = self._text("start" if index == 0 else "middle")
            else:
                words = self._text(status)
            updates.append(
                services.post_progress(
                    recommendation,
                    text=words,
                    progress=percent,
                    status=status,
                    by=by or self.coordinator,
                    date=day,
                    organisation=carrier,
                )
            )
        return updates

    def _backdate(self, updates: list) -> None:
        """An update is written the day it reports, not the day the demo is loaded."""
        for update in updates:
            update.created_at = min(_noon(update.date), timezone.now())
        ProgressUpdate.objects.bulk_update(updates, ["created_at"])

    def _progress_2016(self, recs: dict[str, Recommendation], specs: dict[str, RecommendationSpec]) -> int:
        updates = []
        for key, recommendation in recs.items():
            updates += self._post(recommendation, specs[key].progress)
        self._backdate(updates)
        return len(updates)

    def _partner_resources(
        self, recs: dict[str, Recommendation], specs: dict[str, RecommendationSpec]
    ) -> int:
        """The partner's organisation is a resource of the recommendations of `partner_organisation` (the
        demo partner's organisation), whichever organisation the partner account works for."""
        marker = self.content.partner_organisation
        if self.partner_org is None or not marker:
            return 0
        count = 0
        for key, recommendation in recs.items():
            if marker not in specs[key].resources:
                continue
            if not recommendation.resources.filter(organisation=self.partner_org).exists():
                Resource.objects.create(
                    recommendation=recommendation, organisation=self.partner_org, role=ResourceRole.PARTNER
                )
            count += 1
        return count

    # --- the new version ---------------------------------------------------------------------------

    def _plan_2(self, old: Plan, old_priorities: dict, old_recs: dict) -> tuple[Plan, dict]:
        spec = self.content.new_version
        new = services.new_version(
            old,
            title=_unique_title(spec.title),
            version_label=spec.version_label,
            start_year=spec.start_year,
            end_year=spec.end_year,
            by=self.coordinator,
        )
        new.summary = spec.summary
        new.diagnostic = self.draft or old.diagnostic
        new.save(update_fields=["summary", "diagnostic", "updated_at"])
        shift = spec.start_year - self.content.closed_plan.start_year
        # The financial means carried over are budgeted for the new period.
        for means in Means.objects.filter(recommendation__priority__plan=new, kind=MeansKind.FINANCIAL):
            means.year += shift
            means.save(update_fields=["year"])

        copies = {p.copied_from_id: p for p in new.priorities.all()}
        priorities = {key: copies[p.pk] for key, p in old_priorities.items() if p.pk in copies}
        rec_copies = {r.copied_from_id: r for r in Recommendation.objects.filter(priority__plan=new)}
        recs = {key: rec_copies[r.pk] for key, r in old_recs.items() if r.pk in rec_copies}

        changes = {"reworded": 0, "removed": 0, "added": 0, "updates": 0}
        for key, title in spec.reworded_priorities.items():
            if key in priorities:
                priority = priorities[key]
                priority.title = title
                priority.version += 1
                priority.save(update_fields=["title", "version", "updated_at"])
                changes["reworded"] += 1
        for key in spec.removed.priorities:
            if key in priorities:
                priorities.pop(key).delete()
                changes["removed"] += 1
        kept = set(Recommendation.objects.filter(priority__plan=new).values_list("pk", flat=True))
        recs = {key: r for key, r in recs.items() if r.pk in kept}
        for key, title in spec.reworded_recommendations.items():
            if key in recs:
                recs[key].title = title
                recs[key].version += 1
                recs[key].save(update_fields=["title", "version", "updated_at"])
        for key in spec.removed.recommendations:
            if key in recs:
                recs.pop(key).delete()

        # Recommendations added to priorities kept, then the new priorities.
        added_specs, added = {}, {}
        last_numbers: dict[int, int] = {}
        for rec_spec in spec.added_recommendations:
            priority = priorities.get(rec_spec.priority)
            if priority is None:
                continue
            if priority.pk not in last_numbers:
                last_numbers[priority.pk] = (
                    priority.recommendations.order_by("-number").values_list("number", flat=True).first() or 0
                )
            last_numbers[priority.pk] += 1
            added[rec_spec.key] = self._recommendation(
                priority, last_numbers[priority.pk], rec_spec, list(priority.findings.all())
            )
            added_specs[rec_spec.key] = rec_spec
        new_specs = [p for p in spec.priorities if p.axis in self.axes]
        last = max((p.number for p in new.priorities.all()), default=0)
        created, created_recs = self._priorities(new, new_specs, first_number=last + 1)
        changes["added"] = len(created)
        added.update(created_recs)
        added_specs.update({r.key: r for p in new_specs for r in p.recommendations})
        self._means_and_resources(added, added_specs)
        self._partner_resources(added, added_specs)
        self._renumber(new)

        # The first progress updates of the new version, some posted by the partner.
        updates = []
        for key, recommendation in {**recs, **added}.items():
            steps = spec.progress.get(key) or (added_specs[key].progress if key in added_specs else [])
            partner_posts = (
                self.partner is not None
                and self.partner_org is not None
                and recommendation.resources.filter(organisation=self.partner_org).exists()
            )
            updates += self._post(
                recommendation,
                steps,
                by=self.partner if partner_posts else None,
                organisation=self.partner_org if partner_posts else None,
            )
        self._backdate(updates)
        changes["updates"] = len(updates)
        return new, changes

    @staticmethod
    def _renumber(plan: Plan) -> None:
        """Number the priorities 1, 2, 3… again in the order of the axes, as a new version is printed."""
        priorities = list(plan.priorities.order_by("axis__order", "number", "pk"))
        # Out of the way first: the number is unique in the plan and checked row by row.
        Priority.objects.filter(plan=plan).update(number=F("number") + 1000)
        for number, priority in enumerate(priorities, start=1):
            if priority.number != number:
                priority.version += 1
            priority.number = number
        Priority.objects.bulk_update(priorities, ["number", "version"])
        touch(plan.pk)  # the recommendations' codes changed with their priorities' numbers (plan/cache.py)
