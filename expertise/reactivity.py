"""The reactivity report: how fast the centre and its experts answer, by origin, urgency, expertise area
and month; the share answered within target, the overdue requests and the requesters' mean feedback.

Read in three queries whatever the number of requests (the requests' timestamps, their areas, the area
labels), then computed in Python: percentiles are not portable SQL."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone

from expertise.choices import ENDED, Origin
from expertise.models import ExpertiseRequest
from vocabulary.models import ExpertiseArea, Urgency

MEASURES = ("qualification", "first_answer", "closure")


def percentile(values: list[float], share: float) -> float | None:
    """The value below which `share` (0–1) of the values lie, by linear interpolation."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass
class Durations:
    values: dict[str, list[float]] = field(default_factory=lambda: {m: [] for m in MEASURES})
    count: int = 0

    def add(self, row: dict) -> None:
        self.count += 1
        for measure in MEASURES:
            if row[measure] is not None:
                self.values[measure].append(row[measure])

    def summary(self) -> dict:
        out = {"count": self.count}
        for measure in MEASURES:
            values = self.values[measure]
            out[measure] = {
                "n": len(values),
                "median": percentile(values, 0.5),
                "p90": percentile(values, 0.9),
            }
        return out


def _hours(start: datetime, end: datetime | None) -> float | None:
    return None if end is None else round((end - start).total_seconds() / 3600, 1)


@dataclass
class Report:
    total: int
    groups: dict[str, list[tuple[str, dict]]]
    within_target: dict[str, float | None]
    overdue: list[dict]
    mean_feedback: float | None
    feedback_count: int
    # By month of reception: the first day of the month (local time), in order; the pages and the
    # exports write it with Django's date formatting ("janvier 2025"), never as "2025-01".
    months: list[tuple[date, dict]]


def build(queryset=None, *, now: datetime | None = None, since: datetime | None = None) -> Report:
    """The report over the requests of `queryset` (the coordinators' view of every request)."""
    now = now or timezone.now()
    queryset = ExpertiseRequest.objects.all() if queryset is None else queryset
    if since is not None:
        queryset = queryset.filter(received_at__gte=since)
    rows = list(
        queryset.values(
            "pk",
            "title",
            "origin",
            "urgency_id",
            "state",
            "received_at",
            "qualified_at",
            "first_answer_at",
            "closed_at",
            "first_answer_due",
            "closure_due",
            "feedback_rating",
        )
    )
    urgencies = dict(Urgency.objects.values_list("pk", "label"))
    area_labels = dict(ExpertiseArea.objects.values_list("pk", "label"))
    areas = defaultdict(list)
    for request_id, area_id in ExpertiseRequest.areas.through.objects.filter(
        expertiserequest_id__in=queryset.values("pk")
    ).values_list("expertiserequest_id", "expertisearea_id"):
        areas[request_id].append(area_id)
    origins = {value: str(label) for value, label in Origin.choices}
    zone = timezone.get_current_timezone()
    by = {"origin": defaultdict(Durations), "urgency": defaultdict(Durations), "area": defaultdict(Durations)}
    by_month = defaultdict(Durations)
    within = {"first_answer": [0, 0], "closure": [0, 0]}
    overdue, ratings = [], []
    for row in rows:
        received = row["received_at"]
        row["qualification"] = _hours(received, row["qualified_at"])
        row["first_answer"] = _hours(received, row["first_answer_at"])
        row["closure"] = _hours(received, row["closed_at"])
        by["origin"][origins.get(row["origin"], row["origin"])].add(row)
        by["urgency"][urgencies.get(row["urgency_id"], "")].add(row)
        for area in areas[row["pk"]]:
            by["area"][area_labels.get(area, "")].add(row)
        local = received.astimezone(zone)
        by_month[date(local.year, local.month, 1)].add(row)
        for measure, due in (("first_answer", "first_answer_due"), ("closure", "closure_due")):
            done = row[f"{'first_answer' if measure == 'first_answer' else 'closed'}_at"]
            if done is not None:
                within[measure][1] += 1
                within[measure][0] += done <= row[due]
        if row["state"] not in ENDED:
            missed = row["first_answer_at"] is None and now > row["first_answer_due"]
            due = row["first_answer_due"] if missed else row["closure_due"]
            if now > due:
                overdue.append(
                    {
                        "pk": row["pk"],
                        "title": row["title"],
                        "due": due,
                        "days_late": (now - due) / timedelta(days=1),
                    }
                )
        if row["feedback_rating"] is not None:
            ratings.append(row["feedback_rating"])
    overdue.sort(key=lambda o: -o["days_late"])
    return Report(
        total=len(rows),
        groups={
            name: sorted(((key, d.summary()) for key, d in groups.items()), key=lambda kv: kv[0])
            for name, groups in by.items()
        },
        within_target={m: (100 * done / n if n else None) for m, (done, n) in within.items()},
        overdue=overdue,
        mean_feedback=sum(ratings) / len(ratings) if ratings else None,
        feedback_count=len(ratings),
        months=sorted(((key, d.summary()) for key, d in by_month.items()), key=lambda kv: kv[0]),
    )
