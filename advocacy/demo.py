"""Demonstration alerts and interpellations for the Province de Namur, loaded by `pli demo` after the
network, the findings and the plans: about fifteen alerts over two years with their reactions (some
expertise requests), about ten interpellations to several levels that cite the demo's findings, the
closed plan's recommendations and quotations from the demo minutes; answered on time, late, partially,
never; two published; some cite answers of the demo expertise requests. The content is `advocacy/demo.toml`; dates are relative to the day of loading."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import Field

from accounts.models import User
from advocacy.choices import (
    ActionKind,
    AlertSourceKind,
    Channel,
    Consent,
    InterpellationKind,
    LinkKind,
    Phase,
    Reading,
    Severity,
)
from advocacy.models import (
    Alert,
    AlertAction,
    AlertSource,
    Answer,
    Carrier,
    ChainLink,
    FollowUp,
    Interpellation,
)
from diagnostic import demo as diagnostic_demo
from expertise import demo as expertise_demo
from network import demo as network_demo
from plan import demo as plan_demo
from pli import demo_content
from pli.demo_content import Schema

FRAMEWORK = "pcs-2014"


class SourceSpec(Schema):
    kind: Literal["press", "field_report", "meeting", "finding"]
    title: str = ""
    url: str = ""
    after_days: int = 0
    space: str = ""
    finding: str = ""


class ReactionSpec(Schema):
    kind: Literal["expertise", "position", "interpellation", "concertation", "no_action"]
    after_days: int = Field(ge=0)
    note: str = ""
    space: str = ""


class AlertSpec(Schema):
    key: str
    title: str = Field(min_length=1, max_length=200)
    description: str = Field(min_length=1)
    theme: Literal["rights", "interculturality"]
    axis: str
    territories: list[str]
    publics: list[str] = []
    severity: Literal["critical", "high", "medium", "low"]
    emerged_days_ago: int = Field(ge=0)
    by_partner: bool = False
    closed_after_days: int | None = None
    sources: list[SourceSpec] = []
    reactions: list[ReactionSpec] = []


class AnswerSpec(Schema):
    after_days: int = Field(ge=0)
    reading: Literal["satisfactory", "partial", "refusal"]
    text: str


class FollowUpSpec(Schema):
    text: str
    due_in_days: int


class InterpellationSpec(Schema):
    key: str
    kind: Literal["recommendation", "interpellation", "position", "letter"]
    subject: str = Field(min_length=1, max_length=250)
    text: str = ""
    authority: str = ""
    organisation: str = ""
    co_signers: list[str] = []
    step: Literal["preparation", "validation", "sent", "no_follow_up", "withdrawn"]
    sent_days_ago: int | None = None
    channel: Literal["email", "post", "hand", "meeting", ""] = ""
    published: bool = False
    findings: list[str] = []
    recommendations: list[str] = []
    alerts: list[str] = []
    quotations: list[str] = []
    expertise_answers: list[str] = []
    draft_field_finding: bool = False
    answers: list[AnswerSpec] = []
    follow_ups: list[FollowUpSpec] = []


class Content(Schema):
    coordinator: str
    partner: str = ""
    alerts: list[AlertSpec]
    interpellations: list[InterpellationSpec]


def read_content(data_dir=None, *, vocabulary: bool = True) -> Content | None:
    """The alerts and interpellations of the built-in file (or of `data_dir`), checked; None when
    `data_dir` has none. The findings, recommendations, organisations and spaces it names are checked
    against the other apps' files; `vocabulary`: also the axes, publics and authorities."""
    path = demo_content.content_file("advocacy", data_dir)
    if path is None:
        return None
    content, data = demo_content.parse(Content, path)
    check = demo_content.Checker(path, data)
    check.unique(("alerts",), [a.key for a in content.alerts], _("The key"))
    check.unique(("interpellations",), [i.key for i in content.interpellations], _("The key"))
    _check_references(content, check, data_dir)
    if vocabulary:
        _check_vocabulary(content, check)
    check.raise_if_any()
    return content


def _check_references(content: Content, check: demo_content.Checker, data_dir) -> None:
    findings = demo_content.other_file(diagnostic_demo.read_content, data_dir)
    plans = demo_content.other_file(plan_demo.read_content, data_dir)
    network = demo_content.other_file(network_demo.read_content, data_dir)
    expertise = demo_content.other_file(expertise_demo.read_content, data_dir)
    allowed = {
        "finding": ({f.key for f in findings.findings} if findings else None, "diagnostic.toml"),
        "recommendation": (
            {r.key for p in plans.closed_plan.priorities for r in p.recommendations} if plans else None,
            "plan.toml",
        ),
        "organisation": ({o.key for o in network.organisations} if network else None, "network.toml"),
        "space": ({s.name for s in network.spaces} if network else None, "network.toml"),
        "alert": ({a.key for a in content.alerts}, "[[alerts]]"),
        "expertise": ({r.key for r in expertise.requests} if expertise else None, "expertise.toml"),
    }

    def known(loc, value, what):
        values, where = allowed[what]
        if values is not None and value:
            check.known(loc, value, values, where)

    for index, alert in enumerate(content.alerts):
        for position, source in enumerate(alert.sources):
            known(("alerts", index, "sources", position, "finding"), source.finding, "finding")
            known(("alerts", index, "sources", position, "space"), source.space, "space")
        for position, reaction in enumerate(alert.reactions):
            known(("alerts", index, "reactions", position, "space"), reaction.space, "space")
    for index, spec in enumerate(content.interpellations):
        _check_interpellation(spec, ("interpellations", index), check, known)


def _check_interpellation(spec: InterpellationSpec, loc: tuple, check: demo_content.Checker, known) -> None:
    if not spec.authority and not spec.organisation and spec.step not in ("preparation", "withdrawn"):
        check.error(loc, _("a sent interpellation names its authority or its organisation."))
    if spec.step in ("sent", "no_follow_up") and spec.sent_days_ago is None:
        check.error((*loc, "sent_days_ago"), _("a sent interpellation has its sending date."))
    known((*loc, "organisation"), spec.organisation, "organisation")
    for field, what in (
        ("co_signers", "organisation"),
        ("findings", "finding"),
        ("recommendations", "recommendation"),
        ("quotations", "space"),
        ("alerts", "alert"),
        ("expertise_answers", "expertise"),
    ):
        for position, value in enumerate(getattr(spec, field)):
            known((*loc, field, position), value, what)


def _check_vocabulary(content: Content, check: demo_content.Checker) -> None:
    from territory.models import Territory
    from vocabulary.models import Authority, Public

    axes = demo_content.axis_codes(FRAMEWORK)
    publics = set(Public.objects.values_list("code", flat=True))
    authorities = set(Authority.objects.values_list("code", flat=True))
    codes = {c for a in content.alerts for c in a.territories}
    territories = set(Territory.objects.filter(nis_code__in=codes).values_list("nis_code", flat=True))
    vocabulary = _("the vocabulary")
    for index, alert in enumerate(content.alerts):
        check.known(("alerts", index, "axis"), alert.axis, axes, vocabulary)
        check.all_known(("alerts", index, "publics"), alert.publics, publics, vocabulary)
        check.all_known(
            ("alerts", index, "territories"), alert.territories, territories, _("the territories")
        )
    for index, spec in enumerate(content.interpellations):
        if spec.authority:
            check.known(("interpellations", index, "authority"), spec.authority, authorities, vocabulary)


def is_loaded() -> bool:
    return Alert.objects.filter(is_demo=True).exists() or Interpellation.objects.filter(is_demo=True).exists()


def load(stdout, data_dir=None) -> None:
    content = read_content(data_dir)
    if content is None:
        stdout.write("Demo advocacy skipped: no advocacy.toml in the content folder.")
        return
    if is_loaded():
        stdout.write("Demo advocacy already loaded.")
        return
    builder = _Builder(content, data_dir)
    if builder.missing:
        stdout.write(f"Demo advocacy skipped: {builder.missing}.")
        return
    with transaction.atomic():
        builder.build()
    stdout.write(
        f"Demo advocacy: {builder.alert_count} alerts ({builder.reaction_count} reactions, "
        f"{builder.expertise_count} expertise requests opened), "
        f"{builder.interpellation_count} interpellations ({builder.link_count} links of evidence, "
        f"{builder.answer_count} answers, {builder.published} published)."
    )


def _longest_sentence(text: str) -> str:
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if len(s.strip()) > 20]
    return max(sentences, key=len)[:600] if sentences else ""


class _Builder:
    def __init__(self, content: Content, data_dir):
        from diagnostic.models import Finding
        from network.models import Organisation
        from plan.models import Recommendation
        from vocabulary.models import Authority, Axis, Public

        self.content = content
        self.today = timezone.localdate()
        self.coordinator = User.objects.filter(email=content.coordinator).first()
        self.partner = User.objects.filter(email=content.partner).select_related("person").first()
        expertise = demo_content.other_file(expertise_demo.read_content, data_dir)
        self.expertise_titles = {r.key: r.title for r in expertise.requests} if expertise else {}
        network = network_demo.read_content(data_dir, vocabulary=False)
        findings = diagnostic_demo.read_content(data_dir, vocabulary=False)
        plans = plan_demo.read_content(data_dir, vocabulary=False)
        self.missing = ""
        if (
            not (network and findings and plans)
            or not Finding.objects.filter(diagnostic__is_demo=True).exists()
        ):
            self.missing = "the demo network, findings and plans are not loaded"
            return
        names = {o.key: o.name for o in network.organisations}
        self.organisations = {
            key: Organisation.objects.filter(name=name, is_demo=True).first() for key, name in names.items()
        }
        statements = {f.key: f.statement for f in findings.findings}
        demo_findings = Finding.objects.filter(diagnostic__is_demo=True)
        self.findings = {
            key: demo_findings.filter(Q(statement=text) | Q(wordings__text=text)).order_by("pk").first()
            for key, text in statements.items()
        }
        titles = {r.key: r.title for p in plans.closed_plan.priorities for r in p.recommendations}
        closed = Recommendation.objects.filter(priority__plan__title=plans.closed_plan.title)
        self.recommendations = {key: closed.filter(title=title).first() for key, title in titles.items()}
        self.axes = {
            a.code.removeprefix(f"{FRAMEWORK}-"): a for a in Axis.objects.filter(framework=FRAMEWORK)
        }
        self.publics = {p.code: p for p in Public.objects.all()}
        self.authorities = {a.code: a for a in Authority.objects.select_related("level")}
        from advocacy.services import centre

        self.centre = centre()
        self.alerts: dict[str, Alert] = {}
        self.alert_count = self.reaction_count = self.interpellation_count = 0
        self.link_count = self.answer_count = self.published = self.expertise_count = 0

    def _meeting(self, space: str, day: date, *, after: bool = False):
        """The meeting of the space nearest the day (the next one with `after`)."""
        from network.models import Meeting

        meetings = Meeting.objects.filter(space__name=space).exclude(agenda="")
        moment = timezone.make_aware(timezone.datetime(day.year, day.month, day.day))
        if after:
            return (
                meetings.filter(starts_at__gte=moment).order_by("starts_at").first()
                or meetings.order_by("-starts_at").first()
            )
        return (
            meetings.filter(starts_at__lte=moment).order_by("-starts_at").first()
            or meetings.order_by("starts_at").first()
        )

    @staticmethod
    def _seized_item(meeting):
        """The agenda item that takes an alert up: the last one ("Divers" when the agenda has it, where
        a question raised between two meetings is put)."""
        items = meeting.agenda_items if meeting else []
        return items[-1] if items else None

    def build(self) -> None:
        for spec in self.content.alerts:
            self._alert(spec)
        for spec in self.content.interpellations:
            self._interpellation(spec)

    def _alert(self, spec: AlertSpec) -> None:
        emerged = self.today - timedelta(days=spec.emerged_days_ago)
        partner_org = (
            self.partner.person.organisation if self.partner and hasattr(self.partner, "person") else None
        )
        alert = Alert.objects.create(
            title=spec.title,
            description=spec.description,
            theme=spec.theme,
            axis=self.axes[spec.axis],
            severity=Severity(spec.severity),
            emerged_on=emerged,
            status="to_qualify" if spec.by_partner and not spec.reactions else "open",
            raised_by=self.partner if spec.by_partner else self.coordinator,
            organisation=partner_org if spec.by_partner else None,
            closed_on=emerged + timedelta(days=spec.closed_after_days) if spec.closed_after_days else None,
            is_demo=True,
        )
        if spec.closed_after_days:
            alert.status = "closed"
            alert.save(update_fields=["status"])
        from territory.models import Territory

        alert.territories.set(Territory.objects.filter(nis_code__in=spec.territories))
        alert.publics.set([self.publics[c] for c in spec.publics])
        for source in spec.sources:
            AlertSource.objects.create(
                alert=alert,
                kind=AlertSourceKind(source.kind),
                title=source.title,
                url=source.url,
                dated=emerged + timedelta(days=source.after_days),
                meeting=self._meeting(source.space, emerged) if source.space else None,
                finding=self.findings.get(source.finding) if source.finding else None,
            )
        for reaction in spec.reactions:
            acted_on = emerged + timedelta(days=reaction.after_days)
            if acted_on > self.today:
                continue
            meeting = self._meeting(reaction.space, acted_on, after=True) if reaction.space else None
            item = self._seized_item(meeting)
            AlertAction.objects.create(
                alert=alert,
                kind=ActionKind(reaction.kind),
                acted_on=acted_on,
                note=reaction.note,
                meeting=meeting,
                agenda_item=item.number if item else None,
                agenda_item_title=item.title if item else "",
                expertise_request=self._expertise_request(alert, reaction, acted_on)
                if reaction.kind == ActionKind.EXPERTISE
                else None,
                by=self.coordinator,
            )
            self.reaction_count += 1
        self.alerts[spec.key] = alert
        self.alert_count += 1

    def _expertise_request(self, alert: Alert, reaction: ReactionSpec, acted_on: date):
        """The expertise request the reaction opened, through the expertise app's own service."""
        from expertise import services as expertise_services
        from expertise.choices import Origin
        from vocabulary.models import ExpertiseArea, Urgency

        area = ExpertiseArea.objects.filter(is_active=True, parent__isnull=False).order_by("pk").first()
        if area is None:
            return None
        moment = timezone.make_aware(timezone.datetime(acted_on.year, acted_on.month, acted_on.day, 10))
        request = expertise_services.open_request(
            by=None,
            title=alert.title,
            question=reaction.note or alert.title,
            areas=[area],
            urgency=Urgency.objects.filter(is_active=True).order_by("order").first(),
            origin=Origin.SOCIETAL,
            context=alert.description,
            received_at=moment,
        )
        type(request).objects.filter(pk=request.pk).update(is_demo=True)
        self.expertise_count += 1
        return request

    def _interpellation(self, spec: InterpellationSpec) -> None:
        sent_on = self.today - timedelta(days=spec.sent_days_ago) if spec.sent_days_ago is not None else None
        authority = self.authorities.get(spec.authority)
        interpellation = Interpellation.objects.create(
            kind=InterpellationKind(spec.kind),
            subject=spec.subject,
            text=spec.text,
            authority=authority,
            organisation=self.organisations.get(spec.organisation) if spec.organisation else None,
            level=authority.level if authority else None,
            phase=Phase(spec.step),
            sent_on=sent_on if spec.step in ("sent", "no_follow_up") else None,
            channel=Channel(spec.channel) if spec.channel else "",
            closed_on=self.today if spec.step in ("no_follow_up", "withdrawn") else None,
            is_published=spec.published,
            published_at=timezone.now() if spec.published else None,
            created_by=self.coordinator,
            is_demo=True,
        )
        self.interpellation_count += 1
        self.published += spec.published
        validated = timezone.now() if spec.step in ("sent", "no_follow_up") else None
        if self.centre:
            Carrier.objects.create(
                interpellation=interpellation,
                organisation=self.centre,
                is_lead=True,
                validated_at=validated,
                validated_by=self.coordinator if validated else None,
                **self._consent(spec, self.coordinator),
            )
        for key in spec.co_signers:
            organisation = self.organisations.get(key)
            if organisation and organisation != self.centre:
                Carrier.objects.get_or_create(
                    interpellation=interpellation,
                    organisation=organisation,
                    defaults={
                        "validated_at": validated,
                        "requested_at": validated,
                        **self._consent(spec, self._partner_of(organisation)),
                    },
                )
        self._links(interpellation, spec, sent_on or self.today)
        for answer in spec.answers:
            Answer.objects.create(
                interpellation=interpellation,
                received_on=sent_on + timedelta(days=answer.after_days),
                reading=Reading(answer.reading),
                text=answer.text,
                recorded_by=self.coordinator,
            )
            self.answer_count += 1
        for follow_up in spec.follow_ups:
            FollowUp.objects.create(
                interpellation=interpellation,
                text=follow_up.text,
                due_on=self.today + timedelta(days=follow_up.due_in_days),
                by=self.coordinator,
            )
        for key in spec.alerts:
            AlertAction.objects.filter(alert=self.alerts[key], kind=ActionKind.INTERPELLATION).update(
                interpellation=interpellation
            )

    @staticmethod
    def _consent(spec: InterpellationSpec, by) -> dict:
        """A published interpellation's carriers agreed to publish it (asked, then answered, that day)."""
        if not spec.published:
            return {}
        now = timezone.now()
        return {
            "publication_asked_at": now,
            "publication_consent": Consent.AGREED,
            "publication_answered_at": now,
            "publication_answered_by": by,
        }

    @staticmethod
    def _partner_of(organisation):
        from accounts.choices import Role

        return (
            User.objects.filter(role=Role.PARTNER, person__organisation=organisation).order_by("pk").first()
        )

    def _expertise_answer(self, key: str, cited_on: date):
        """The latest answer given before `cited_on` on a demo expertise request of that kind (its key in
        expertise.toml, its title's fixed words), or None (the expertise demo not loaded)."""
        from expertise.choices import AssignmentStatus
        from expertise.models import Assignment

        title = self.expertise_titles.get(key, "").split("{")[0]
        if not title:
            return None
        moment = timezone.make_aware(timezone.datetime(cited_on.year, cited_on.month, cited_on.day, 23, 59))
        return (
            Assignment.objects.filter(
                request__is_demo=True,
                request__title__startswith=title,
                status=AssignmentStatus.ANSWERED,
                answered_at__lte=moment,
            )
            .order_by("-answered_at", "-pk")
            .first()
        )

    def _field_voices(self, spec: InterpellationSpec, cited_on: date) -> list[ChainLink]:
        """Quotations from the minutes of the spaces named, and a draft field finding if asked."""
        from diagnostic.models import Finding

        links = []
        for space in spec.quotations:
            meeting = self._meeting(space, cited_on)
            words = _longest_sentence(meeting.minutes) if meeting else ""
            if words:
                links.append(ChainLink(kind=LinkKind.QUOTATION, meeting=meeting, quotation=f"« {words} »"))
        if spec.draft_field_finding:
            drafts = Finding.objects.filter(
                diagnostic__is_demo=True, status="draft", source_meeting__isnull=False
            )
            draft = drafts.order_by("pk").first()
            if draft:
                links.append(
                    ChainLink(
                        kind=LinkKind.FINDING, finding=draft, note="Constat de terrain en cours de rédaction."
                    )
                )
        return links

    def _links(self, interpellation: Interpellation, spec: InterpellationSpec, cited_on: date) -> None:
        links = [
            ChainLink(kind=LinkKind.FINDING, finding=self.findings[k])
            for k in spec.findings
            if self.findings.get(k)
        ]
        links += [
            ChainLink(kind=LinkKind.RECOMMENDATION, recommendation=self.recommendations[k])
            for k in spec.recommendations
            if self.recommendations.get(k)
        ]
        links += self._field_voices(spec, cited_on)
        for key in spec.alerts:
            links.append(ChainLink(kind=LinkKind.ALERT, alert=self.alerts[key]))
        for key in spec.expertise_answers:
            answer = self._expertise_answer(key, cited_on)
            if answer is not None:
                links.append(ChainLink(kind=LinkKind.EXPERTISE, expertise_answer=answer))
        for order, link in enumerate(links, start=1):
            link.interpellation, link.order, link.cited_on = interpellation, order, cited_on
        ChainLink.objects.bulk_create(links)
        self.link_count += len(links)
