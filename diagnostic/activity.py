"""What the findings register contributes to the annual activity report: the findings reviewed."""

from django.db.models import Count
from django.utils.translation import gettext as _

from diagnostic.models import FindingReview, Settlement


def sections(year: int, user) -> list[dict]:
    reviews = FindingReview.objects.visible_to(user).filter(created_at__year=year)
    settled = Settlement.objects.visible_to(user).filter(settled_at__year=year)
    by_verdict = list(settled.values("verdict").annotate(n=Count("pk")).order_by("verdict"))
    labels = dict(Settlement._meta.get_field("verdict").choices)
    reviewed = reviews.values("finding").distinct().count()
    return [
        {
            "mission": "ili_pli",
            "topic": "findings_reviewed",
            "title": _("Findings reviewed"),
            "paragraphs": [
                _("%(findings)s findings reviewed in %(year)s (%(reviews)s reviews), %(settled)s settled.")
                % {"findings": reviewed, "reviews": reviews.count(), "settled": settled.count(), "year": year}
            ],
            "tables": [
                {
                    "caption": _("Final verdicts"),
                    "headers": [_("Verdict"), _("Findings")],
                    "rows": [[str(labels.get(r["verdict"], r["verdict"])), r["n"]] for r in by_verdict],
                }
            ]
            if by_verdict
            else [],
            "empty": not reviewed,
        }
    ]
