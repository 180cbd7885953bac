"""Calendar feeds of the meetings (RFC 5545), written by hand: a few properties need no dependency.

A feed is read by calendar applications that cannot log in, so it is authenticated by the secret
`calendar_token` of a person (see views_spaces.space_calendar and person_calendar).
"""

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.utils import timezone

from network.models import ConcertationSpace, Meeting, Person

CRLF = "\r\n"
PRODID = "-//PLI platform//Concertation meetings//FR"
LINE_OCTETS = 75
FEED_HISTORY = timedelta(days=365)  # past meetings kept in a feed


def escape_text(value: str) -> str:
    """A TEXT value: backslash, semicolon and comma escaped, every line break written as \\n."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line into lines of at most 75 octets, never inside a UTF-8 character."""
    if len(line.encode()) <= LINE_OCTETS:
        return line
    parts, current, size, limit = [], [], 0, LINE_OCTETS
    for char in line:
        octets = len(char.encode())
        if size + octets > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1  # continuation lines start with a space
        current.append(char)
        size += octets
    parts.append("".join(current))
    return (CRLF + " ").join(parts)


def utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _uri(value: str) -> str:
    return "".join(c for c in value if c not in "\r\n")


def event_lines(meeting: Meeting, stamp: str, page_url: str) -> list[str]:
    description = "\n\n".join(part for part in (meeting.agenda.strip(), page_url) if part)
    lines = [
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@pli",
        f"DTSTAMP:{stamp}",
        f"LAST-MODIFIED:{utc(meeting.updated_at)}",
        f"SEQUENCE:{max(meeting.version - 1, 0)}",
        f"DTSTART:{utc(meeting.starts_at)}",
        f"DTEND:{utc(meeting.ends_at)}",
        f"SUMMARY:{escape_text(f'{meeting.space.name} — {meeting.title}')}",
    ]
    if meeting.place:
        lines.append(f"LOCATION:{escape_text(meeting.place)}")
    if meeting.video_link:
        lines.append(f"URL:{_uri(meeting.video_link)}")
    lines.append(f"DESCRIPTION:{escape_text(description)}")
    lines.append("END:VEVENT")
    return lines


def calendar(meetings: Iterable[Meeting], *, name: str, page_url: Callable[[Meeting], str]) -> str:
    """The whole VCALENDAR, CRLF line ends, lines folded at 75 octets."""
    stamp = utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for meeting in meetings:
        lines.extend(event_lines(meeting, stamp, page_url(meeting)))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)


def response(text: str, filename: str) -> HttpResponse:
    result = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    result["Content-Disposition"] = f'inline; filename="{filename}"'
    result["Cache-Control"] = "private, max-age=900"
    result["X-Robots-Tag"] = "noindex"
    return result


# --- Who a token opens what to ---------------------------------------------------------------------


def person_for_token(token: str) -> Person | None:
    if not token:
        return None
    return Person.objects.select_related("user").filter(calendar_token=token, erased_at__isnull=True).first()


def spaces_for_feed(person: Person) -> QuerySet:
    """Spaces whose meetings a person's token opens: all for an active coordinator, else their own."""
    user = person.user
    if user is not None and user.is_active and user.is_coordinator:
        return ConcertationSpace.objects.with_meetings_visible_to(user)
    return ConcertationSpace.objects.filter(memberships__person=person)


def feed_meetings(meetings: QuerySet) -> QuerySet:
    since = timezone.now() - FEED_HISTORY
    return meetings.filter(ends_at__gte=since).select_related("space").order_by("starts_at")


def person_meetings(person: Person) -> QuerySet:
    """A person's own agenda: the meetings of their spaces and those they attended as a guest."""
    return feed_meetings(
        Meeting.objects.filter(
            Q(space__memberships__person=person) | Q(attendances__person=person)
        ).distinct()
    )
