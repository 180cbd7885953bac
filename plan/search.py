"""What the platform search finds in the plans: plans, priorities and recommendations, each through
its own `visible_to` (a published plan is public; a partner sees the recommendations it carries)."""

from django.utils.translation import gettext_lazy as _

from pli.search import SearchHit, SearchKind, match_rows


def _plans(user, query, limit):
    from plan.models import Plan

    rows = Plan.objects.visible_to(user).select_related("territory")
    found = match_rows(
        rows, query, lambda p: f"{p.title} {p.version_label} {p.territory.name_fr} {p.summary}", limit
    )
    return [SearchHit(p.title, p.get_absolute_url(), p.territory.name_fr) for p in found]


def _priorities(user, query, limit):
    from plan.models import Priority

    rows = Priority.objects.visible_to(user).select_related("plan").order_by("plan", "number")
    found = match_rows(rows, query, lambda p: f"{p.title} {p.description}", limit)
    return [SearchHit(f"{p.number}. {p.title}", p.get_absolute_url(), p.plan.title) for p in found]


def _recommendations(user, query, limit):
    from plan.models import Recommendation

    rows = Recommendation.objects.visible_to(user).select_related("priority__plan")
    found = match_rows(
        rows.order_by("priority__plan", "priority__number", "number"),
        query,
        lambda r: f"{r.title} {r.text}",
        limit,
    )
    return [
        SearchHit(f"{r.priority.number}.{r.number} {r.title}", r.get_absolute_url(), r.priority.plan.title)
        for r in found
    ]


def kinds() -> list[SearchKind]:
    return [
        SearchKind("plans", _("Plans"), 30, _plans),
        SearchKind("priorities", _("Priorities"), 32, _priorities),
        SearchKind("recommendations", _("Recommendations"), 34, _recommendations),
    ]
