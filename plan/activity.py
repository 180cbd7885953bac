"""What the plan contributes to the annual activity report: the progress recorded during the year."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from plan.choices import RecommendationStatus
from plan.models import Plan, ProgressUpdate


def sections(year: int, user) -> list[dict]:
    updates = ProgressUpdate.objects.visible_to(user).filter(date__year=year)
    rows = list(
        updates.values("recommendation__priority__plan")
        .annotate(
            updates=Count("pk"),
            recommendations=Count("recommendation", distinct=True),
            done=Count("recommendation", filter=Q(status=RecommendationStatus.DONE), distinct=True),
        )
        .order_by("recommendation__priority__plan")
    )
    plans = {
        p.pk: str(p) for p in Plan.objects.filter(pk__in=[r["recommendation__priority__plan"] for r in rows])
    }
    return [
        {
            "mission": "ili_pli",
            "topic": "plan_progress",
            "title": _("Progress of the plan"),
            "paragraphs": [
                _("%(updates)s progress updates recorded in %(year)s.")
                % {"updates": sum(r["updates"] for r in rows), "year": year}
            ],
            "tables": [
                {
                    "caption": _("Progress updates by plan"),
                    "headers": [_("Plan"), _("Updates"), _("Recommendations concerned"), _("Declared done")],
                    "rows": [
                        [
                            plans.get(r["recommendation__priority__plan"], ""),
                            r["updates"],
                            r["recommendations"],
                            r["done"],
                        ]
                        for r in rows
                    ],
                }
            ]
            if rows
            else [],
            "empty": not rows,
        }
    ]
