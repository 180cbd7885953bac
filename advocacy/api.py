"""Read endpoints of watch and advocacy, with exactly the permissions of the pages: a published
interpellation (and its answers, its public chain) is public, so anonymous visitors read it; everything
else follows `visible_to(request.user)`, and what the user may not see answers 404."""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from accounts.tokens import SessionOrAnonymous, token_auth
from advocacy import chain, queries, states
from advocacy.models import Alert, AlertAction, Interpellation
from advocacy.views import _public_view
from pli.api import ERRORS, PageIn, page_of, paginate

router = Router(tags=["advocacy"], auth=[token_auth, SessionOrAnonymous()])


class AgendaItemOut(Schema):
    meeting: int = Field(description="id of the meeting (api/v1/network/meetings/)")
    number: int | None = Field(description="the item's number in the agenda (none: the meeting alone)")
    title: str = Field(description="the item's words when the space was seized")
    url: str


class AlertActionOut(Schema):
    kind: str
    acted_on: datetime.date
    note: str
    agenda_item: AgendaItemOut | None = Field(
        description="a concertation space seized: its meeting's agenda item, for who may see the meeting"
    )


class AlertOut(Schema):
    id: int
    title: str
    description: str
    theme: str
    axis: str
    severity: str
    status: str
    emerged_on: datetime.date
    territories: list[str] = Field(description="NIS codes")
    publics: list[str]
    first_reaction_days: int | None = Field(description="days from emergence to the first reaction")
    actions: list[AlertActionOut]


class AnswerOut(Schema):
    id: int
    received_on: datetime.date
    reading: str = Field(description="satisfactory, partial or refusal")
    text: str


class InterpellationOut(Schema):
    id: int
    kind: str
    subject: str
    addressee: str
    level: str | None = Field(description="code of a level of power of the vocabulary")
    sent_on: datetime.date | None
    channel: str
    state: str = Field(description="derived state: preparation, validation, waiting, late, very_late, …")
    days_waiting: int | None
    due_on: datetime.date | None
    is_published: bool


class InterpellationDetailOut(InterpellationOut):
    text: str
    answers: list[AnswerOut]


class StatisticOut(Schema):
    indicator: str
    territory: str
    year: int
    value: float
    source: str
    latest_year: int | None
    latest_value: float | None
    moved: bool


class LinkOut(Schema):
    id: int
    kind: str
    title: str
    url: str = Field(description="the page of what is cited (an expertise answer: its request's page)")
    cited_on: datetime.date
    detail: str
    is_public: bool
    flags: list[str]
    statistics: list[StatisticOut]


class ChainOut(Schema):
    public: bool = Field(description="whether this is the public version (only public items)")
    links: list[LinkOut]
    left_out: int = Field(description="links not shown to this reader")


class AuthorityOut(Schema):
    addressee: str
    level: str
    sent: int
    answered: int
    answered_share: float | None
    median_days: float | None
    overdue: int
    overdue_share: float | None


def _agenda_item(action, meetings: set) -> dict | None:
    if not action.meeting_id or action.meeting_id not in meetings:
        return None
    return {
        "meeting": action.meeting_id,
        "number": action.agenda_item,
        "title": action.agenda_item_title,
        "url": action.agenda_item_url,
    }


def _alert(a, meetings: set) -> dict:
    actions = list(a.actions.all())
    return {
        "id": a.pk,
        "title": a.title,
        "description": a.description,
        "theme": a.theme,
        "axis": a.axis.code,
        "severity": a.severity,
        "status": a.status,
        "emerged_on": a.emerged_on,
        "territories": [t.nis_code for t in a.territories.all()],
        "publics": [p.code for p in a.publics.all()],
        "first_reaction_days": (actions[0].acted_on - a.emerged_on).days if actions else None,
        "actions": [
            {
                "kind": x.kind,
                "acted_on": x.acted_on,
                "note": x.note,
                "agenda_item": _agenda_item(x, meetings),
            }
            for x in actions
        ],
    }


def _meetings_seen(user, alerts) -> set:
    """The meetings named by these alerts' reactions that the user may see (one query)."""
    from network.models import Meeting

    named = AlertAction.objects.filter(alert__in=alerts, meeting__isnull=False).values("meeting_id")
    return set(Meeting.objects.visible_to(user).filter(pk__in=named).values_list("pk", flat=True))


def _alerts(user):
    return (
        Alert.objects.visible_to(user)
        .select_related("axis")
        .prefetch_related("territories", "publics", "actions")
        .order_by("-emerged_on", "pk")
    )


@router.get("/alerts/", response={200: page_of(AlertOut), **ERRORS}, summary="Alerts the user may see")
def alerts(request, page: Query[PageIn]):
    alerts = _alerts(request.user)
    meetings = _meetings_seen(request.user, alerts.values("pk"))
    return paginate(request, alerts, page, lambda a: _alert(a, meetings))


@router.get("/alerts/{alert_id}/", response={200: AlertOut, **ERRORS}, summary="One alert")
def alert_detail(request, alert_id: int):
    alert = get_object_or_404(_alerts(request.user), pk=alert_id)
    return _alert(alert, _meetings_seen(request.user, [alert.pk]))


def _interpellation(i, detail: bool = False) -> dict:
    status = states.status_of(i)
    row = {
        "id": i.pk,
        "kind": i.kind,
        "subject": i.subject,
        "addressee": i.addressee,
        "level": i.level.code if i.level_id else None,
        "sent_on": i.sent_on,
        "channel": i.channel,
        "state": status.state,
        "days_waiting": status.days_waiting,
        "due_on": status.due_on,
        "is_published": i.is_published,
    }
    if detail:
        row["text"] = i.text
        row["answers"] = [
            {"id": a.pk, "received_on": a.received_on, "reading": a.reading, "text": a.text}
            for a in i.answers.all()
        ]
    return row


def _interpellations(user):
    return (
        Interpellation.objects.visible_to(user)
        .select_related("authority", "organisation", "level")
        .prefetch_related("answers")
        .order_by("-sent_on", "pk")
    )


@router.get(
    "/interpellations/",
    response={200: page_of(InterpellationOut), **ERRORS},
    summary="Interpellations the user may see (the published ones for anybody), with their state",
)
def interpellations(request, page: Query[PageIn]):
    return paginate(request, _interpellations(request.user), page, _interpellation)


@router.get(
    "/interpellations/{interpellation_id}/",
    response={200: InterpellationDetailOut, **ERRORS},
    summary="One interpellation with its answers",
)
def interpellation_detail(request, interpellation_id: int):
    return _interpellation(
        get_object_or_404(_interpellations(request.user), pk=interpellation_id), detail=True
    )


@router.get(
    "/interpellations/{interpellation_id}/chain/",
    response={200: ChainOut, **ERRORS},
    summary="The chain of evidence (the public version for anybody but coordinators and carriers)",
)
def interpellation_chain(request, interpellation_id: int):
    interpellation = get_object_or_404(_interpellations(request.user), pk=interpellation_id)
    public = _public_view(request, interpellation)
    built = chain.build(interpellation, request.user, public=public)
    links = [
        {
            "id": item.link.pk,
            "kind": item.kind,
            "title": item.title,
            "url": item.url,
            "cited_on": item.cited_on,
            "detail": item.detail,
            "is_public": item.is_public,
            "flags": item.flags,
            "statistics": [s.__dict__ for s in item.statistics],
        }
        for item in built.items
    ]
    return {"public": public, "links": links, "left_out": len(built.left_out)}


@router.get(
    "/authorities/",
    response={200: list[AuthorityOut], **ERRORS},
    summary="Answer statistics per addressee (over the interpellations the user may see)",
)
def authorities(request):
    return [row.__dict__ for row in queries.authority_statistics(request.user)]
