"""What expertise mobilisation contributes to the annual activity report (mission of coordination): the
requests received during the year, how they ended, and the reactivity figures of the report page
(`expertise.reactivity`, the same computation)."""

from datetime import datetime

from django.db.models import Count
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from expertise import reactivity
from expertise.choices import State
from expertise.models import ExpertiseRequest


def _hours(value: float | None) -> str:
    return "—" if value is None else _("%(hours)s h") % {"hours": number_format(value, 1)}


def sections(year: int, user) -> list[dict]:
    zone = timezone.get_current_timezone()
    start = datetime(year, 1, 1, tzinfo=zone)
    end = datetime(year + 1, 1, 1, tzinfo=zone)
    received = ExpertiseRequest.objects.visible_to(user).filter(received_at__gte=start, received_at__lt=end)
    report = reactivity.build(received, now=min(timezone.now(), end))
    if not report.total:
        return []
    states = dict(State.choices)
    by_state = received.values("state").annotate(n=Count("pk")).order_by("state")
    answered = received.exclude(first_answer_at=None).count()
    within = report.within_target.get("first_answer")
    paragraphs = [
        _(
            "%(total)s expertise requests received in %(year)s, %(answered)s of them answered; first answer "
            "within its target delay for %(within)s of the answered ones."
        )
        % {
            "total": report.total,
            "year": year,
            "answered": answered,
            "within": "—" if within is None else f"{number_format(within, 0)} %",
        }
    ]
    if report.mean_feedback is not None:
        paragraphs.append(
            _("Mean feedback of the requesters: %(mean)s / 5 (%(count)s answers).")
            % {"mean": number_format(report.mean_feedback, 1), "count": report.feedback_count}
        )
    delays = [
        [
            group,
            summary["count"],
            _hours(summary["qualification"]["median"]),
            _hours(summary["first_answer"]["median"]),
            _hours(summary["first_answer"]["p90"]),
            _hours(summary["closure"]["median"]),
        ]
        for group, summary in report.groups["urgency"]
    ]
    return [
        {
            "mission": "coordination",
            "topic": "expertise",
            "title": _("Expertise requests answered, with the reactivity figures"),
            "paragraphs": paragraphs,
            "tables": [
                {
                    "caption": _("Requests of the year by state"),
                    "headers": [_("State"), _("Requests")],
                    "rows": [[str(states.get(row["state"], row["state"])), row["n"]] for row in by_state],
                },
                {
                    "caption": _("Reactivity by urgency (median and 90th percentile, hours from receipt)"),
                    "headers": [
                        _("Urgency"),
                        _("Requests"),
                        _("Qualification (median)"),
                        _("First answer (median)"),
                        _("First answer (90th percentile)"),
                        _("Closure (median)"),
                    ],
                    "rows": delays,
                },
            ],
            "empty": False,
        }
    ]
