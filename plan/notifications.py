"""The plan's messages (notifications/kinds.py): by `pli remind`, a reminder to the partners whose
recommendations have had no progress update for PLI_PROGRESS_REMINDER_DAYS."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications.kinds import Kind

PROGRESS_DUE = "plan.progress_due"

KINDS = [
    Kind(
        code=PROGRESS_DUE,
        label=_("Progress to post on a recommendation you carry"),
        template="plan/messages/progress_due",
        description=_(
            "When a recommendation your organisation carries has had no progress update for a while."
        ),
    ),
]


def partners_carrying():
    """The active partner accounts whose organisation carries a recommendation (with their person)."""
    from accounts.choices import Role
    from accounts.models import User
    from plan.models import Resource

    return User.objects.filter(
        is_active=True,
        role=Role.PARTNER,
        person__erased_at__isnull=True,
        person__organisation__in=Resource.objects.values("organisation"),
    ).select_related("person")


def reminders(now: datetime) -> list:
    """For each partner, each recommendation their organisation carries without recent progress: one
    message, once per recommendation and last update (a new update re-arms it)."""
    from notifications.services import notify
    from plan import queries
    from plan.models import Recommendation

    today = timezone.localdate(now)
    messages = []
    for user in partners_carrying():
        stale = queries.progress_due(Recommendation.objects.progress_postable_by(user), today)
        for recommendation in stale.select_related("priority__plan").order_by("pk"):
            last = recommendation.last_progress
            messages += notify(
                user,
                PROGRESS_DUE,
                recommendation,
                context={"recommendation": recommendation, "last_progress": last, "today": today},
                key=f"since-{last.isoformat() if last else 'never'}",
            )
    return messages
