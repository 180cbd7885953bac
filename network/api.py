"""Read endpoints of the network, with exactly the permissions of the pages (session authentication)."""

from datetime import datetime

from ninja import Router, Schema
from ninja.security import django_auth

from network.models import ConcertationSpace, Meeting, Offer, Organisation

router = Router(tags=["network"], auth=django_auth)


class OrganisationOut(Schema):
    id: int
    name: str
    sector: str
    type: str
    commune: str
    commune_nis: str
    is_partner: bool
    partner_since: str | None
    website: str


class OfferOut(Schema):
    id: int
    organisation_id: int
    organisation: str
    type: str
    commune_nis: str
    publics: list[str]
    capacity: int | None
    capacity_unit: str
    starts_on: str | None
    ends_on: str | None


class SpaceOut(Schema):
    id: int
    name: str
    theme: str
    kind: str
    carried_by: str
    territory_nis: str
    axes: list[str]
    is_active: bool


class DecisionOut(Schema):
    text: str
    follow_up_by: str | None
    due_on: str | None
    done: bool


class MeetingOut(Schema):
    id: int
    space_id: int
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    place: str
    agenda: str
    minutes: str
    decisions: list[DecisionOut]


def _date(value):
    return value.isoformat() if value else None


@router.get("/organisations/", response=list[OrganisationOut], summary="Organisations of the network")
def organisations(request, partner: bool | None = None, commune: str | None = None):
    query = Organisation.objects.visible_to(request.user).select_related("type", "commune")
    if partner is not None:
        query = query.filter(is_partner=partner)
    if commune:
        query = query.filter(commune__nis_code=commune)
    return [
        {
            "id": o.pk,
            "name": o.name,
            "sector": o.sector,
            "type": o.type.code,
            "commune": o.commune.name_fr,
            "commune_nis": o.commune.nis_code,
            "is_partner": o.is_partner,
            "partner_since": _date(o.partner_since),
            "website": o.website,
        }
        for o in query
    ]


@router.get("/offers/", response=list[OfferOut], summary="Offers of the network's organisations")
def offers(request, commune: str | None = None, type: str | None = None):
    query = (
        Offer.objects.visible_to(request.user)
        .select_related("organisation", "type", "commune")
        .prefetch_related("publics")
    )
    if commune:
        query = query.filter(commune__nis_code=commune)
    if type:
        query = query.filter(type__code=type)
    return [
        {
            "id": o.pk,
            "organisation_id": o.organisation_id,
            "organisation": o.organisation.name,
            "type": o.type.code,
            "commune_nis": o.commune.nis_code,
            "publics": [p.code for p in o.publics.all()],
            "capacity": o.capacity,
            "capacity_unit": o.capacity_unit,
            "starts_on": _date(o.starts_on),
            "ends_on": _date(o.ends_on),
        }
        for o in query
    ]


@router.get("/spaces/", response=list[SpaceOut], summary="Concertation spaces the user may see")
def spaces(request):
    query = (
        ConcertationSpace.objects.visible_to(request.user)
        .select_related("carried_by", "territory")
        .prefetch_related("axes")
    )
    return [
        {
            "id": s.pk,
            "name": s.name,
            "theme": s.theme,
            "kind": s.kind,
            "carried_by": s.carried_by.name,
            "territory_nis": s.territory.nis_code,
            "axes": [a.code for a in s.axes.all()],
            "is_active": s.is_active,
        }
        for s in query
    ]


@router.get("/meetings/", response=list[MeetingOut], summary="Meetings of the spaces the user belongs to")
def meetings(request, space: int | None = None):
    query = Meeting.objects.visible_to(request.user).prefetch_related("decisions__follow_up_by")
    if space:
        query = query.filter(space_id=space)
    return [
        {
            "id": m.pk,
            "space_id": m.space_id,
            "title": m.title,
            "kind": m.kind,
            "starts_at": m.starts_at,
            "ends_at": m.ends_at,
            "place": m.place,
            "agenda": m.agenda,
            "minutes": m.minutes,
            "decisions": [
                {
                    "text": d.text,
                    "follow_up_by": d.follow_up_by.display_name if d.follow_up_by else None,
                    "due_on": _date(d.due_on),
                    "done": d.done,
                }
                for d in m.decisions.all()
            ],
        }
        for m in query
    ]
