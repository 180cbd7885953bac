"""The messages of expertise mobilisation (notifications/kinds.py): a new request to the coordinators,
the solicitation to the expert, each change of state to the requester, the answer to the coordinators;
and, by `pli remind`, the overdue requests to the coordinators (once per request and due date)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from notifications.kinds import Kind

RECEIVED = "expertise.received"
SOLICITED = "expertise.solicited"
STATE_CHANGED = "expertise.state_changed"
ANSWERED = "expertise.answered"
OVERDUE = "expertise.overdue"

KINDS = [
    Kind(
        code=RECEIVED,
        label=_("A new expertise request"),
        template="expertise/messages/received",
        description=_("To the coordinators, when a request comes in."),
    ),
    Kind(
        code=SOLICITED,
        label=_("You are solicited as an expert"),
        template="expertise/messages/solicited",
        description=_("The centre asks you to answer an expertise request."),
    ),
    Kind(
        code=STATE_CHANGED,
        label=_("Your expertise request moves on"),
        template="expertise/messages/state_changed",
        description=_("Each change of state of a request of your organisation."),
    ),
    Kind(
        code=ANSWERED,
        label=_("An expert answered a request"),
        template="expertise/messages/answered",
        description=_("To the coordinators, when an expert answers."),
    ),
    Kind(
        code=OVERDUE,
        label=_("An expertise request is overdue"),
        template="expertise/messages/overdue",
        description=_("To the coordinators, once per request and due date passed."),
    ),
]


def reminders(now: datetime) -> list:
    """The requests past a due date (first answer or closure) and still open, to the coordinators."""
    from expertise.choices import ENDED
    from expertise.messages import coordinators
    from expertise.models import ExpertiseRequest
    from notifications.services import notify

    late = (
        ExpertiseRequest.objects.exclude(state__in=ENDED)
        .filter(Q(first_answer_at__isnull=True, first_answer_due__lt=now) | Q(closure_due__lt=now))
        .select_related("urgency")
        .order_by("first_answer_due", "pk")
    )
    recipients = coordinators()
    messages = []
    for request in late:
        missed_first = request.first_answer_at is None and request.first_answer_due < now
        due = request.first_answer_due if missed_first else request.closure_due
        messages += notify(
            recipients,
            OVERDUE,
            request,
            context={"request": request, "due": due, "missed_first": missed_first},
            key=f"overdue-{due.isoformat()}",
        )
    return messages
