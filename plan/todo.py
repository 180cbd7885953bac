"""The plan's lines of "À faire" (pli/app_hooks.py): the progress a partner should post."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pli.access import is_partner
from pli.app_hooks import TodoItem


def items(user) -> list[TodoItem]:
    """Two queries: how many recommendations the partner's organisation carries without recent progress,
    and where to post (the recommendation when there is one, else the plan of the first)."""
    from plan import queries
    from plan.models import Recommendation

    if not is_partner(user):
        return []
    stale = queries.progress_due(Recommendation.objects.progress_postable_by(user))
    count = stale.count()
    if not count:
        return []
    first = stale.order_by("priority__plan_id", "pk").values("pk", "priority__plan_id")[0]
    url = (
        reverse("plan:recommendation_detail", args=[first["pk"]])
        if count == 1
        else reverse("plan:plan_detail", args=[first["priority__plan_id"]])
    )
    return [TodoItem(_("progress to post on the recommendations you carry"), count, url, 60)]
