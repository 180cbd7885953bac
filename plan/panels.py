"""What the plan adds to other apps' pages (see pli/app_hooks.py)."""

from plan.models import Resource


def organisation_sections(request, organisation) -> list[dict]:
    """On an organisation's page: the recommendations it carries or contributes to (that the reader may
    see), with its role and the plan."""
    resources = list(
        Resource.objects.visible_to(request.user)
        .filter(organisation=organisation)
        .select_related("recommendation__priority__plan")
        .order_by(
            "recommendation__priority__plan__title",
            "recommendation__priority__number",
            "recommendation__number",
        )
    )
    if not resources:
        return []
    return [{"template": "plan/_organisation_recommendations.html", "context": {"resources": resources}}]


def meeting_sections(request, meeting) -> list[dict]:
    """On a plenary assembly's page: the plan versions it adopted or closed (that the reader may see)."""
    from plan.models import Plan

    plans = list(Plan.objects.visible_to(request.user).filter(plenary=meeting))
    if not plans:
        return []
    return [{"template": "plan/_meeting_plans.html", "context": {"plans": plans}}]
