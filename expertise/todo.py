"""The lines of "À faire" (pli/app_hooks.py) about expertise requests, in a fixed number of queries:
for coordinators, the requests to qualify, the solicitations unanswered and the requests past their
due date; for an expert, the solicitations awaiting their answer; for a requester, the requests
awaiting their feedback."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from expertise.choices import ENDED, AssignmentStatus, State
from expertise.models import Assignment, ExpertiseRequest
from pli.access import is_coordinator, partner_organisation_id, person_id
from pli.app_hooks import TodoItem


def _list(state: str = "") -> str:
    url = reverse("expertise:index")
    return f"{url}?etat={state}" if state else url


def items(user) -> list[TodoItem]:
    found = []
    now = timezone.now()
    if is_coordinator(user):
        counts = ExpertiseRequest.objects.aggregate(
            to_qualify=Count("pk", filter=Q(state=State.RECEIVED)),
            late=Count(
                "pk",
                filter=~Q(state__in=ENDED)
                & (Q(first_answer_at__isnull=True, first_answer_due__lt=now) | Q(closure_due__lt=now)),
            ),
        )
        unanswered = (
            Assignment.objects.filter(status=AssignmentStatus.SOLICITED)
            .exclude(request__state__in=ENDED)
            .count()
        )
        found += [
            TodoItem(
                ngettext(
                    "expertise request to qualify",
                    "expertise requests to qualify",
                    counts["to_qualify"],
                ),
                counts["to_qualify"],
                _list(State.RECEIVED),
                order=20,
            ),
            TodoItem(
                ngettext(
                    "solicitation of an expert unanswered",
                    "solicitations of experts unanswered",
                    unanswered,
                ),
                unanswered,
                _list(State.SOLICITED),
                order=21,
            ),
            TodoItem(
                ngettext(
                    "expertise request past its due date",
                    "expertise requests past their due date",
                    counts["late"],
                ),
                counts["late"],
                reverse("expertise:report") + "#overdue-title",
                order=22,
                urgent=True,
            ),
        ]
    mine = person_id(user)
    if mine:
        waiting = (
            Assignment.objects.filter(
                expert_id=mine, status__in=[AssignmentStatus.SOLICITED, AssignmentStatus.ACCEPTED]
            )
            .exclude(request__state__in=ENDED)
            .count()
        )
        found.append(
            TodoItem(
                ngettext(
                    "expertise solicitation awaiting my answer",
                    "expertise solicitations awaiting my answer",
                    waiting,
                ),
                waiting,
                _list() + "#mine-title",
                order=23,
            )
        )
    organisation = partner_organisation_id(user)
    if organisation:
        feedback = ExpertiseRequest.objects.filter(
            requester_organisation_id=organisation, state=State.ANSWERED
        ).count()
        found.append(
            TodoItem(
                ngettext(
                    "answered expertise request awaiting my feedback",
                    "answered expertise requests awaiting my feedback",
                    feedback,
                ),
                feedback,
                _list(State.ANSWERED),
                order=24,
            )
        )
    return found
