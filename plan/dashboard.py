from plan.choices import PlanStatus
from plan.models import Plan, Recommendation
from plan.permissions import sees_whole_plan
from pli.access import is_coordinator


def cards(request):
    """The plans the user reads, with their progress; for a partner, the recommendations they carry."""
    user = request.user
    visible = Plan.objects.visible_to(user)
    plans = list(visible.exclude(status=PlanStatus.CLOSED).with_progress()[:3])
    if not plans:  # a reader of a closed plan (the one published) still finds it from the home
        plans = list(visible.with_progress().order_by("-start_year", "title")[:3])
    for plan in plans:
        plan.whole_visible = sees_whole_plan(user, plan)
    carried = (
        []
        if is_coordinator(user)
        else list(
            Recommendation.objects.progress_postable_by(user)
            .select_related("priority__plan")
            .order_by("-updated_at")[:5]
        )
    )
    if not plans and not carried:
        return []
    return [
        {
            "order": 40,
            "template": "plan/_dashboard_card.html",
            "context": {"plans": plans, "carried": carried},
        }
    ]


def setup_steps() -> list[dict]:
    from django.urls import reverse
    from django.utils.translation import gettext as _

    return [
        {
            "order": 50,
            "label": _("First plan"),
            "done": Plan.objects.exists(),
            "url": reverse("plan:plan_create"),
        }
    ]
