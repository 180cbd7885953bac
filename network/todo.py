"""The network's lines of "À faire" (pli/app_hooks.py): the decisions I follow up that come due."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pli.access import person_id
from pli.app_hooks import TodoItem


def items(user) -> list[TodoItem]:
    """Two queries at most: the open decisions the user's person follows up, due within
    PLI_DECISION_REMINDER_DAYS (or overdue), counted, and the meeting of the first."""
    from network.models import Decision

    mine = person_id(user)
    if mine is None:
        return []
    today = timezone.localdate()
    due = Decision.objects.visible_to(user).filter(
        follow_up_by_id=mine,
        done=False,
        due_on__lte=today + timedelta(days=settings.PLI_DECISION_REMINDER_DAYS),
    )
    found = list(due.order_by("due_on", "pk").values("pk", "meeting_id", "due_on")[:50])
    if not found:
        return []
    first = found[0]
    url = reverse("network:meeting_detail", args=[first["meeting_id"]]) + f"#decision-{first['pk']}"
    overdue = first["due_on"] < today
    count = len(found) if len(found) < 50 else due.count()
    return [TodoItem(_("decisions you follow up coming due"), count, url, 40, urgent=overdue)]
