"""What watch and advocacy contribute to the annual activity report (mission of participation): the
alerts that emerged during the year and their reactions, the interpellations sent and the answers
received, with their state as the interpellation pages derive it (`advocacy.states`)."""

from collections import Counter

from django.db.models import Count
from django.utils.translation import gettext as _

from advocacy.choices import Reading, Severity
from advocacy.models import Alert, Answer, Interpellation
from advocacy.queries import with_state


def sections(year: int, user) -> list[dict]:
    alerts = Alert.objects.visible_to(user).filter(emerged_on__year=year)
    sent = Interpellation.objects.visible_to(user).filter(sent_on__year=year)
    answers = Answer.objects.filter(interpellation__in=Interpellation.objects.visible_to(user)).filter(
        received_on__year=year
    )
    alert_count, reacted = alerts.count(), alerts.filter(actions__isnull=False).distinct().count()
    interpellations = with_state(sent)
    if not (alert_count or interpellations or answers.exists()):
        return []
    severities = dict(Severity.choices)
    readings = dict(Reading.choices)
    by_severity = alerts.values("severity").annotate(n=Count("pk")).order_by("severity")
    states = Counter(i.status.label for i in interpellations)
    by_reading = answers.values("reading").annotate(n=Count("pk")).order_by("reading")
    return [
        {
            "mission": "participation",
            "topic": "advocacy",
            "title": _("Alerts and interpellations, with their answers"),
            "paragraphs": [
                _("%(alerts)s alerts emerged in %(year)s, %(reacted)s of them with at least one reaction.")
                % {"alerts": alert_count, "year": year, "reacted": reacted},
                _("%(sent)s interpellations sent in %(year)s; %(answers)s answers received during the year.")
                % {"sent": len(interpellations), "year": year, "answers": answers.count()},
            ],
            "tables": [
                {
                    "caption": _("Alerts of the year by severity"),
                    "headers": [_("Severity"), _("Alerts")],
                    "rows": [
                        [str(severities.get(r["severity"], r["severity"])), r["n"]] for r in by_severity
                    ],
                },
                {
                    "caption": _("Interpellations sent during the year, by state today"),
                    "headers": [_("State"), _("Interpellations")],
                    "rows": [[label, n] for label, n in sorted(states.items())],
                },
                {
                    "caption": _("Answers received during the year, by reading"),
                    "headers": [_("Reading"), _("Answers")],
                    "rows": [[str(readings.get(r["reading"], r["reading"])), r["n"]] for r in by_reading],
                },
            ],
            "empty": False,
        }
    ]
