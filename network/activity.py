"""What the network contributes to the annual activity report (reports/activity.py): the meetings
held per space with their attendance, and the decisions taken and done, for one year."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from network.choices import AttendanceStatus, SpaceKind
from network.models import Decision, Meeting


def _meetings(year: int, user, statutory: bool) -> dict:
    meetings = Meeting.objects.visible_to(user).filter(starts_at__year=year)
    meetings = (
        meetings.filter(space__kind=SpaceKind.STATUTORY)
        if statutory
        else meetings.exclude(space__kind=SpaceKind.STATUTORY)
    )
    rows = list(
        meetings.values("space__name")
        .annotate(
            meetings=Count("pk", distinct=True),
            present=Count("attendances", filter=Q(attendances__status=AttendanceStatus.PRESENT)),
            excused=Count("attendances", filter=Q(attendances__status=AttendanceStatus.EXCUSED)),
            absent=Count("attendances", filter=Q(attendances__status=AttendanceStatus.ABSENT)),
        )
        .order_by("space__name")
    )
    topic = "platform_meetings" if statutory else "space_meetings"
    title = (
        _("Meetings of the statutory platforms, with attendance")
        if statutory
        else _("Meetings of the other concertation spaces, with attendance")
    )
    return {
        "mission": "ili_pli" if statutory else "coordination",
        "topic": topic,
        "title": title,
        "paragraphs": [
            _("%(meetings)s meetings held in %(year)s.")
            % {"meetings": sum(r["meetings"] for r in rows), "year": year}
        ]
        if rows
        else [_("No meeting was held in %(year)s.") % {"year": year}],
        "tables": [
            {
                "caption": title,
                "headers": [_("Space"), _("Meetings"), _("Present"), _("Excused"), _("Absent")],
                "rows": [
                    [r["space__name"], r["meetings"], r["present"], r["excused"], r["absent"]] for r in rows
                ],
            }
        ]
        if rows
        else [],
        "empty": not rows,
    }


def _decisions(year: int, user) -> dict:
    decisions = Decision.objects.visible_to(user).filter(meeting__starts_at__year=year)
    totals = decisions.aggregate(taken=Count("pk"), done=Count("pk", filter=Q(done=True)))
    return {
        "mission": "coordination",
        "topic": "decisions",
        "title": _("Decisions taken and done"),
        "paragraphs": [
            _("%(taken)s decisions taken in the meetings of %(year)s, %(done)s of them done.")
            % {"taken": totals["taken"], "done": totals["done"], "year": year}
        ],
        "tables": [],
        "empty": not totals["taken"],
    }


def sections(year: int, user) -> list[dict]:
    return [
        _meetings(year, user, statutory=True),
        _meetings(year, user, statutory=False),
        _decisions(year, user),
    ]
