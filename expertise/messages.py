"""Who is told what about a request: the solicitation to the expert, each state change to the
requester, the answer to the coordinators. Every recipient is checked against the request's rule
(`visible_to`), so no message tells anybody about a request they may not see. The messages go out
through the platform's outbox (`notifications.services.notify`)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from expertise import notifications as kinds
from expertise.choices import EventKind


def requesters(request) -> list:
    """Who asked: the partners of the requesting organisation, and the account that entered the request
    unless a coordinator entered it for someone else. (`notify` checks each against the request's rule.)"""
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
    entered_by = request.requested_by
    if entered_by is not None and entered_by not in users and not entered_by.is_coordinator:
        users.append(entered_by)
    return users


def coordinators() -> list:
    from accounts.choices import Role

    return list(get_user_model().objects.filter(role__in=[Role.COORDINATOR, Role.ADMIN], is_active=True))


def _send(recipients, kind: str, obj, *, by=None, context=None) -> None:
    from notifications.services import notify

    recipients = [user for user in recipients if user is not None and user != by]
    if recipients:
        notify(recipients, kind, obj, context=context or {}, by=by)


def received(request, *, by=None) -> None:
    _send(coordinators(), kinds.RECEIVED, request, by=by, context={"request": request})


def state_changed(request, kind, *, by=None, assignment=None, note="", changed=True) -> None:
    context = {"request": request, "assignment": assignment, "note": note, "event": EventKind(kind).label}
    if kind == EventKind.SOLICITED and assignment is not None:
        _send([assignment.expert.user], kinds.SOLICITED, assignment, by=by, context=context)
    if kind == EventKind.ANSWERED:
        _send(coordinators(), kinds.ANSWERED, request, by=by, context=context)
    if changed:  # the requester hears of each change of state
        _send(requesters(request), kinds.STATE_CHANGED, request, by=by, context=context)
