"""Who is told what about a request: the solicitation to the expert, each state change to the
requester, the answer to the coordinators. Every recipient is checked against the request's rule
(`visible_to`), so no message tells anybody about a request they may not see. The messages go out
through the platform's outbox (`notifications.services.notify`)."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth import get_user_model

from expertise.choices import EventKind

# The kinds declared in expertise/notifications.py, by the event that sends them to the requester.
REQUESTER_KINDS = {
    EventKind.QUALIFIED: "expertise.qualified",
    EventKind.REFUSED: "expertise.refused",
    EventKind.REDIRECTED: "expertise.redirected",
    EventKind.SOLICITED: "expertise.solicited_requester",
    EventKind.ACCEPTED: "expertise.taken_on",
    EventKind.ANSWERED: "expertise.answered",
    EventKind.CLOSED: "expertise.closed",
    EventKind.REOPENED: "expertise.reopened",
}


def _may_see(users, request) -> list:
    from expertise.models import ExpertiseRequest

    return [
        user
        for user in users
        if user is not None
        and user.is_active
        and ExpertiseRequest.objects.visible_to(user).filter(pk=request.pk).exists()
    ]


def requesters(request) -> list:
    """Who asked: the account that entered it (unless a coordinator entered it for someone else) and
    the partners of the requesting organisation."""
    User = get_user_model()
    users = []
    if request.requester_organisation_id:
        users = list(
            User.objects.filter(
                person__organisation_id=request.requester_organisation_id,
                person__erased_at__isnull=True,
                role="partner",
                is_active=True,
            )
        )
    if (
        request.requested_by_id
        and request.requested_by not in users
        and not request.requested_by.is_coordinator
    ):
        users.append(request.requested_by)
    return _may_see(users, request)


def coordinators() -> list:
    from accounts.choices import Role

    return list(get_user_model().objects.filter(role__in=[Role.COORDINATOR, Role.ADMIN], is_active=True))


def _send(recipients, kind: str, obj, *, by=None, context=None) -> None:
    if not recipients or not apps.is_installed("notifications"):
        return
    from notifications.services import notify

    notify(recipients, kind, obj, context=context or {}, by=by)


def received(request, *, by=None) -> None:
    _send(coordinators(), "expertise.received", request, by=by, context={"request": request})


def state_changed(request, kind, *, by=None, assignment=None, note="", changed=True) -> None:
    context = {"request": request, "assignment": assignment, "note": note}
    if kind == EventKind.SOLICITED and assignment is not None:
        expert = assignment.expert.user
        _send(_may_see([expert], request), "expertise.solicited", assignment, by=by, context=context)
    if kind == EventKind.ANSWERED:
        _send(coordinators(), "expertise.answer_to_coordinators", request, by=by, context=context)
    if changed and kind in REQUESTER_KINDS:  # the requester hears of each change of state
        _send(requesters(request), REQUESTER_KINDS[kind], request, by=by, context=context)
