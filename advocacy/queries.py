"""Read functions of watch and advocacy, used by the pages, the API and the reminders (always through
`visible_to`)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from django.conf import settings
from django.db.models import Min, Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from advocacy import states
from advocacy.choices import SEVERITY_ORDER, ActionKind, AlertStatus, Severity
from advocacy.models import Alert, AlertAction, Answer, Interpellation

BOARD_LISTED = 15  # alerts listed per severity on the board (the counts cover them all)
AGE_BANDS = [
    (0, 7, _("under a week")),
    (8, 30, _("8 to 30 days")),
    (31, 90, _("31 to 90 days")),
    (91, 100_000, _("over 90 days")),
]


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile (0.9: the value 90 % of the values do not exceed)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


@dataclass
class Delay:
    label: str
    count: int
    median: float | None
    p90: float | None


def _delay(label, values) -> Delay:
    return Delay(str(label), len(values), median(values) if values else None, percentile(values, 0.9))


def watch_board(user, *, on: date | None = None) -> dict:
    """The watch board: open alerts by severity with their age, the time from emergence to first
    reaction (median and 90th percentile, by kind of reaction and by month of emergence), and the open
    alerts still without reaction past PLI_ALERT_REACTION_DAYS."""
    on = on or states.today()
    alerts = Alert.objects.visible_to(user)
    rows = list(
        alerts.annotate(first_reaction=Min("actions__acted_on"))
        .values("pk", "title", "severity", "status", "emerged_on", "first_reaction")
        .order_by("-emerged_on", "-pk")
    )
    first_by_kind: dict[str, dict[int, date]] = {}
    for alert_id, kind, acted_on in AlertAction.objects.filter(alert__in=alerts).values_list(
        "alert_id", "kind", "acted_on"
    ):
        seen = first_by_kind.setdefault(kind, {})
        if alert_id not in seen or acted_on < seen[alert_id]:
            seen[alert_id] = acted_on
    emerged = {row["pk"]: row["emerged_on"] for row in rows}
    by_kind = [
        _delay(kind.label, [(d - emerged[a]).days for a, d in first_by_kind.get(kind.value, {}).items()])
        for kind in ActionKind
    ]
    months: dict[str, list[int]] = {}
    for row in rows:
        if row["first_reaction"]:
            months.setdefault(row["emerged_on"].strftime("%Y-%m"), []).append(
                (row["first_reaction"] - row["emerged_on"]).days
            )
    overall = [v for values in months.values() for v in values]
    limit = on - timedelta(days=settings.PLI_ALERT_REACTION_DAYS)
    open_rows = [r for r in rows if r["status"] != AlertStatus.CLOSED]
    pattern = reverse("advocacy:alert_detail", args=[0]).replace("/0/", "/{}/")  # once, not per row
    for row in open_rows:
        row["age"] = (on - row["emerged_on"]).days
    severities = []
    for severity in sorted(Severity, key=lambda s: SEVERITY_ORDER[s]):
        matching = [r for r in open_rows if r["severity"] == severity]
        # the oldest without reaction first, then the oldest: what needs attention
        matching.sort(key=lambda r: (r["first_reaction"] is not None, -r["age"]))
        for row in matching[:BOARD_LISTED]:
            row["url"] = pattern.format(row["pk"])
        bands = [sum(1 for r in matching if low <= r["age"] <= high) for low, high, _label in AGE_BANDS]
        severities.append(
            {
                "severity": severity,
                "label": severity.label,
                "count": len(matching),
                "bands": bands,
                "alerts": matching[:BOARD_LISTED],
            }
        )
    without = [r for r in open_rows if not r["first_reaction"] and r["emerged_on"] <= limit]
    for row in without:
        row["severity_label"] = Severity(row["severity"]).label
        row["url"] = pattern.format(row["pk"])
    return {
        "severities": severities,
        "open_count": len(open_rows),
        "to_qualify": sum(r["status"] == AlertStatus.TO_QUALIFY for r in rows),
        "overall": _delay("", overall),
        "by_kind": by_kind,
        "by_month": [_delay(month, months[month]) for month in sorted(months, reverse=True)],
        "without_reaction": without,
        "age_bands": [label for _low, _high, label in AGE_BANDS],
        "listed": BOARD_LISTED,
        "reaction_days": settings.PLI_ALERT_REACTION_DAYS,
    }


def alert_actions(alert: Alert, user) -> list[AlertAction]:
    """The reactions to an alert as `user` reads them: the meeting (and its agenda item) and the
    interpellation named only when the user may see them (`shows_meeting`, `shows_interpellation`): a
    partner reading their organisation's alert does not learn the title of a meeting of a space they are
    not in, nor the subject of an interpellation they do not carry."""
    from network.models import Meeting

    actions: list = list(alert.actions.select_related("meeting", "interpellation", "expertise_request", "by"))
    meetings = visible_ids(Meeting.objects.visible_to(user), {a.meeting_id for a in actions} - {None})
    interpellations = visible_ids(
        Interpellation.objects.visible_to(user), {a.interpellation_id for a in actions} - {None}
    )
    for action in actions:
        action.shows_meeting = action.meeting_id in meetings
        action.shows_interpellation = action.interpellation_id in interpellations
    return actions


def visible_ids(queryset, ids: set) -> set:
    """Which of these ids the queryset (a `visible_to`) holds, in one query (none for no ids)."""
    return set(queryset.filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()


def alerts_without_reaction(user=None, *, on: date | None = None):
    """Open alerts without any reaction past the configured delay (for the reminders and "à faire")."""
    on = on or states.today()
    limit = on - timedelta(days=settings.PLI_ALERT_REACTION_DAYS)
    queryset = Alert.objects.all() if user is None else Alert.objects.visible_to(user)
    return queryset.exclude(status=AlertStatus.CLOSED).filter(actions__isnull=True, emerged_on__lte=limit)


def with_state(interpellations, *, on: date | None = None) -> list:
    """The interpellations with their derived `status` (state, days waiting), answers prefetched."""
    rows = list(
        interpellations.select_related("authority", "organisation", "level").prefetch_related(
            Prefetch(
                "answers", queryset=Answer.objects.only("pk", "interpellation_id", "received_on", "reading")
            )
        )
    )
    for interpellation in rows:
        interpellation.status = states.status_of(interpellation, on=on)
    return rows


def interpellation_list(user, filters: dict | None = None, *, on: date | None = None) -> list:
    filters = filters or {}
    interpellations = Interpellation.objects.visible_to(user).defer("text")
    if filters.get("niveau"):
        interpellations = interpellations.filter(level__code=filters["niveau"])
    rows = with_state(interpellations, on=on)
    if filters.get("etat"):
        rows = [row for row in rows if row.status.state == filters["etat"]]
    return rows


def authority_statistics(user, *, on: date | None = None):
    """Per-authority answer statistics over the interpellations the user may see (the published ones for
    the public)."""
    return states.authority_statistics(
        with_state(Interpellation.objects.visible_to(user).defer("text"), on=on), on=on
    )


def late_interpellations(*, on: date | None = None) -> list:
    """Sent interpellations now late or very late, for the reminders."""
    from advocacy.choices import Phase

    rows = with_state(Interpellation.objects.filter(phase=Phase.SENT, answers__isnull=True), on=on)
    return [row for row in rows if row.status.is_late]
