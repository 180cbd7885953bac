"""The network's messages (notifications/kinds.py): a meeting's invitation to the members of its space,
with the meeting as an .ics file; its minutes once written; and, by `pli remind`, the decisions coming
due to whoever follows them up."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications.kinds import Kind

MEETING_INVITATION = "network.meeting_invitation"
MINUTES_PUBLISHED = "network.minutes_published"
DECISION_DUE = "network.decision_due"

KINDS = [
    Kind(
        code=MEETING_INVITATION,
        label=_("Invitation to a meeting"),
        template="network/messages/meeting_invitation",
        description=_("A meeting of a space you belong to is planned (with its calendar file)."),
    ),
    Kind(
        code=MINUTES_PUBLISHED,
        label=_("Minutes of a meeting"),
        template="network/messages/minutes_published",
        description=_("The minutes of a meeting of your space are written."),
    ),
    Kind(
        code=DECISION_DUE,
        label=_("A decision you follow up comes due"),
        template="network/messages/decision_due",
        description=_("A few days before the date of a decision you follow up, if it is not done."),
    ),
]


def members(space) -> list:
    """The accounts of the space's members (people not erased, with an account)."""
    from accounts.models import User

    return list(
        User.objects.filter(
            is_active=True, person__memberships__space=space, person__erased_at__isnull=True
        ).distinct()
    )


def meeting_ics(meeting):
    from network import ical
    from notifications.services import File, object_url

    text = ical.calendar([meeting], name=meeting.space.name, page_url=object_url)
    return File(f"reunion-{meeting.pk}.ics", "text/calendar", text.encode())


def invite(meeting, *, by) -> list:
    """The invitation to a meeting not yet past, to the members of its space, with its .ics."""
    from notifications.services import notify

    if meeting.ends_at < timezone.now():
        return []
    return notify(
        members(meeting.space),
        MEETING_INVITATION,
        meeting,
        context={"meeting": meeting, "space": meeting.space},
        attachments=[meeting_ics(meeting)],
        by=by,
        key=f"at-{meeting.starts_at.isoformat()}",
    )


def minutes_published(meeting, *, by) -> list:
    from notifications.services import notify

    return notify(
        members(meeting.space),
        MINUTES_PUBLISHED,
        meeting,
        context={"meeting": meeting, "space": meeting.space},
        by=by,
        key="minutes",
    )


def reminders(now: datetime) -> list:
    """Decisions not done whose date comes within PLI_DECISION_REMINDER_DAYS, to whoever follows them
    up (once per decision and date)."""
    from network.models import Decision
    from notifications.services import notify

    today = timezone.localdate(now)
    horizon = today + timedelta(days=settings.PLI_DECISION_REMINDER_DAYS)
    due = (
        Decision.objects.filter(
            done=False,
            due_on__isnull=False,
            due_on__lte=horizon,
            follow_up_by__user__is_active=True,
            follow_up_by__erased_at__isnull=True,
        )
        .select_related("meeting__space", "follow_up_by__user")
        .order_by("due_on", "pk")
    )
    messages = []
    for decision in due:
        messages += notify(
            decision.follow_up_by.user,
            DECISION_DUE,
            decision,
            context={"decision": decision, "meeting": decision.meeting, "overdue": decision.due_on < today},
            key=f"due-{decision.due_on.isoformat()}",
        )
    return messages
