"""A year of demonstration expertise requests (expertise/demo.toml), answered by the demo network's
experts: loaded by `pli demo` after the network.

The file holds the kinds of request (texts, areas, publics, languages, urgency, how many); this module
draws, with the file's seed, when each came in, which partner asked, how fast the centre qualified it,
which experts the ranking put first, who declined, when the answer came and what feedback followed.
Rows are written directly, as the network's demo does, so that loading sends no message: the events,
timestamps and state are those the services would have written (the state derived by
`expertise.workflow.state_from`). Loading twice creates nothing more (rows carry `is_demo`)."""

import random
from datetime import timedelta
from typing import Literal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from expertise import queries
from expertise.choices import AssignmentStatus, EventKind, Origin
from expertise.models import Assignment, ExpertiseRequest, RequestEvent
from expertise.ranking import rank
from expertise.workflow import state_from
from network.languages import LANGUAGES
from network.models import Organisation
from pli import demo_content
from pli.demo_content import Schema
from territory.models import Territory
from vocabulary.models import ExpertiseArea, Public, Urgency


class RequestSpec(Schema):
    key: str
    origin: Literal["field", "societal"]
    title: str
    question: str
    context: str = ""
    areas: list[str]
    publics: list[str] = []
    languages: list[str] = []
    urgency: str
    territories: list[str] = []
    count: int


class Outcomes(Schema):
    refused: float
    redirected: float
    first_declines: float
    late: float
    open_days: int


class Texts(Schema):
    refusals: list[str]
    redirections: list[str]
    answers: list[str]
    comments: list[str]


class Content(Schema):
    seed: int
    days: int
    coordinator: str
    outcomes: Outcomes
    texts: Texts
    requests: list[RequestSpec]


def read_content(data_dir=None, *, vocabulary: bool = True) -> Content | None:
    path = demo_content.content_file("expertise", data_dir)
    if path is None:
        return None
    content, data = demo_content.parse(Content, path)
    checker = demo_content.Checker(path, data)
    checker.unique(("requests",), [r.key for r in content.requests], _("The key"))
    if vocabulary:
        areas = set(ExpertiseArea.objects.values_list("code", flat=True))
        publics = set(Public.objects.values_list("code", flat=True))
        urgencies = set(Urgency.objects.values_list("code", flat=True))
        for index, spec in enumerate(content.requests):
            loc = ("requests", index)
            checker.all_known((*loc, "areas"), spec.areas, areas, _("the expertise areas"))
            checker.all_known((*loc, "publics"), spec.publics, publics, _("the publics"))
            checker.all_known((*loc, "languages"), spec.languages, LANGUAGES, _("the languages"))
            checker.known((*loc, "urgency"), spec.urgency, urgencies, _("the urgencies"))
    checker.raise_if_any()
    return content


def is_loaded() -> bool:
    return ExpertiseRequest.objects.filter(is_demo=True).exists()


@transaction.atomic
def load(stdout, data_dir=None) -> None:
    content = read_content(data_dir)
    if content is None:
        stdout.write("Demo expertise requests skipped: no expertise.toml in the content folder.")
        return
    if is_loaded():
        stdout.write("Demo expertise requests already loaded.")
        return
    partners = list(Organisation.objects.filter(is_demo=True, is_partner=True).select_related("commune"))
    if not partners:
        stdout.write("Demo expertise requests skipped: no demo network.")
        return
    count = _Builder(content, partners).build()
    stdout.write(f"Demo expertise requests: {count}.")


class _Builder:
    def __init__(self, content: Content, partners):
        self.content, self.partners = content, partners
        self.rng = random.Random(content.seed)
        self.now = timezone.now()
        self.coordinator = get_user_model().objects.filter(email=content.coordinator).first()
        self.areas = dict(ExpertiseArea.objects.values_list("code", "pk"))
        self.publics = dict(Public.objects.values_list("code", "pk"))
        self.urgencies = {u.code: u for u in Urgency.objects.all()}
        self.territories = dict(Territory.objects.values_list("nis_code", "pk"))
        self.tree = queries.area_tree()
        self.candidates = queries.candidates()
        self.events: list[RequestEvent] = []

    def build(self) -> int:
        specs = [spec for spec in self.content.requests for _ in range(spec.count)]
        arrivals = sorted(self.rng.uniform(0, self.content.days) for _ in specs)
        self.rng.shuffle(specs)
        for days_ago, spec in zip(reversed(arrivals), specs, strict=True):
            self._one(spec, self.now - timedelta(days=days_ago, hours=self.rng.randint(0, 8)))
        RequestEvent.objects.bulk_create(self.events)
        return len(specs)

    def _event(self, request, kind, at, assignment=None, note="", by=None):
        self.events.append(
            RequestEvent(request=request, kind=kind, at=at, assignment=assignment, note=note, by=by)
        )
        return kind

    def _one(self, spec: RequestSpec, received):
        rng = self.rng
        organisation = rng.choice(self.partners) if spec.origin == Origin.FIELD else None
        commune = organisation.commune if organisation else None
        request = ExpertiseRequest(
            origin=spec.origin,
            title=spec.title.replace("{commune}", commune.name_fr if commune else ""),
            question=spec.question.replace("{commune}", commune.name_fr if commune else ""),
            context=spec.context,
            languages=spec.languages,
            urgency=self.urgencies[spec.urgency],
            requester_organisation=organisation,
            requested_by=self.coordinator if organisation is None else None,
            received_at=received,
            is_demo=True,
        )
        request.set_due_dates()
        request.save()
        request.areas.set([self.areas[c] for c in spec.areas])
        request.publics.set([self.publics[c] for c in spec.publics])
        places = [self.territories[c] for c in spec.territories if c in self.territories]
        request.territories.set(places or ([commune.pk] if commune else []))
        kinds = [self._event(request, EventKind.RECEIVED, received)]
        qualified = self._triage(request, kinds)
        if qualified is not None:
            self._follow(request, kinds, qualified)
        self._finish(request, kinds)

    def _triage(self, request, kinds):
        """Qualified, refused or redirected: the date it was qualified, when it goes on to experts."""
        rng, outcomes, by = self.rng, self.content.outcomes, self.coordinator
        target = timedelta(hours=request.urgency.first_answer_hours)
        qualified = request.received_at + min(target / 4, timedelta(hours=rng.randint(2, 60)))
        if qualified > self.now:
            return None
        request.qualified_at = qualified
        draw = rng.random()
        if draw < outcomes.refused:
            request.refusal_reason = rng.choice(self.content.texts.refusals)
            kinds.append(
                self._event(request, EventKind.REFUSED, qualified, note=request.refusal_reason, by=by)
            )
            return None
        if draw < outcomes.refused + outcomes.redirected:
            request.redirected_to = rng.choice(self.content.texts.redirections)
            kinds.append(
                self._event(request, EventKind.REDIRECTED, qualified, note=request.redirected_to, by=by)
            )
            return None
        kinds.append(self._event(request, EventKind.QUALIFIED, qualified, by=by))
        return qualified

    def _solicit(self, request, kinds, qualified):
        """The experts the ranking puts first (one or two), solicited; the first may decline."""
        rng, by = self.rng, self.coordinator
        ranked = rank(queries.need_of(request), self.candidates, self.tree, language_names=LANGUAGES, limit=6)
        solicited_at = qualified + timedelta(hours=rng.randint(1, 24))
        if not ranked or solicited_at > self.now:
            return None, solicited_at
        chosen = ranked[:2] if len(ranked) > 1 and rng.random() < 0.6 else ranked[:1]
        assignments = []
        for item in chosen:
            assignment = Assignment.objects.create(
                request=request,
                expert_id=item.candidate.id,
                solicited_at=solicited_at,
                solicited_by=by,
                reasons=[{"reason": f.reason, "share": f.share} for f in item.factors],
            )
            assignments.append(assignment)
            kinds.append(
                self._event(request, EventKind.SOLICITED, solicited_at, assignment, item.candidate.name, by)
            )
        if len(assignments) > 1 and rng.random() < self.content.outcomes.first_declines * 2:
            decliner = assignments.pop(0)
            declined = solicited_at + timedelta(hours=rng.randint(2, 48))
            if declined <= self.now:
                decliner.status, decliner.responded_at = AssignmentStatus.DECLINED, declined
                decliner.decline_reason = _("Not available this month.")
                decliner.save()
                kinds.append(self._event(request, EventKind.DECLINED, declined, decliner))
        return assignments[0], solicited_at

    def _follow(self, request, kinds, qualified):
        rng, outcomes = self.rng, self.content.outcomes
        expert, solicited_at = self._solicit(request, kinds, qualified)
        if expert is None:
            return
        accepted = solicited_at + timedelta(hours=rng.randint(1, 36))
        recent = (self.now - request.received_at).days < outcomes.open_days and rng.random() < 0.5
        if accepted > self.now or (recent and rng.random() < 0.3):
            return
        expert.status, expert.responded_at = AssignmentStatus.ACCEPTED, accepted
        kinds.append(self._event(request, EventKind.ACCEPTED, accepted, expert))
        share = rng.uniform(1.2, 2.5) if rng.random() < outcomes.late else rng.uniform(0.2, 0.9)
        target = timedelta(hours=request.urgency.first_answer_hours)
        answered = max(accepted + timedelta(hours=2), request.received_at + target * share)
        if answered > self.now or recent:
            expert.save()
            return
        expert.status, expert.answer, expert.answered_at = (
            AssignmentStatus.ANSWERED,
            rng.choice(self.content.texts.answers),
            answered,
        )
        expert.save()
        request.first_answer_at = answered
        kinds.append(self._event(request, EventKind.ANSWERED, answered, expert))
        closure_target = timedelta(hours=request.urgency.closure_hours)
        closed = max(
            answered + timedelta(hours=rng.randint(4, 96)),
            request.received_at + closure_target * (share * 0.6),
        )
        if closed > self.now or rng.random() < 0.1:
            return
        rating = rng.choices([2, 3, 4, 5], weights=[1, 2, 5, 4])[0]
        request.closed_at, request.feedback_rating = closed, rating
        request.feedback_useful = rating >= 3
        request.feedback_comment = rng.choice(self.content.texts.comments)
        kinds.append(self._event(request, EventKind.CLOSED, closed, by=self.coordinator))

    def _finish(self, request, kinds):
        request.state = state_from(kinds)
        request.save()
