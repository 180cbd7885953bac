"""Read endpoints of the network, with exactly the permissions of the pages (a session or a personal API
token); lists paginated, filters validated by forms (422 naming the parameter)."""

from datetime import datetime

from django import forms
from ninja import Query, Router, Schema
from ninja.security import django_auth

from accounts.tokens import token_auth
from network.models import ConcertationSpace, Meeting, Offer, Organisation
from pli.api import ERRORS, PageIn, filters, page_of, paginate
from territory.forms import NisCodeField

router = Router(tags=["network"], auth=[token_auth, django_auth])


class OrganisationFilter(forms.Form):
    commune = NisCodeField(required=False)


class OfferFilter(forms.Form):
    commune = NisCodeField(required=False)
    type = forms.ModelChoiceField(queryset=None, to_field_name="code", required=False)

    def __init__(self, *args, **kwargs):
        from vocabulary.models import OfferType

        super().__init__(*args, **kwargs)
        self.fields["type"].queryset = OfferType.objects.all()


class MeetingFilter(forms.Form):
    space = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = ConcertationSpace.objects.visible_to(user)


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


@router.get(
    "/organisations/",
    response={200: page_of(OrganisationOut), **ERRORS},
    summary="Organisations of the network",
)
def organisations(request, page: Query[PageIn], partner: bool | None = None, commune: str | None = None):
    given = filters(OrganisationFilter, {"commune": ("commune", commune)})
    query = Organisation.objects.visible_to(request.user).select_related("type", "commune")
    if partner is not None:
        query = query.filter(is_partner=partner)
    if given.get("commune"):
        query = query.filter(commune=given["commune"])
    return paginate(request, query.order_by("name", "pk"), page, _organisation)


def _organisation(o: Organisation) -> dict:
    return {
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


@router.get(
    "/offers/", response={200: page_of(OfferOut), **ERRORS}, summary="Offers of the network's organisations"
)
def offers(request, page: Query[PageIn], commune: str | None = None, type: str | None = None):
    given = filters(OfferFilter, {"commune": ("commune", commune), "type": ("type", type)})
    query = (
        Offer.objects.visible_to(request.user)
        .select_related("organisation", "type", "commune")
        .prefetch_related("publics")
    )
    if given.get("commune"):
        query = query.filter(commune=given["commune"])
    if given.get("type"):
        query = query.filter(type=given["type"])
    return paginate(request, query.order_by("organisation__name", "pk"), page, _offer)


def _offer(o: Offer) -> dict:
    return {
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


@router.get(
    "/spaces/", response={200: page_of(SpaceOut), **ERRORS}, summary="Concertation spaces the user may see"
)
def spaces(request, page: Query[PageIn]):
    query = (
        ConcertationSpace.objects.visible_to(request.user)
        .select_related("carried_by", "territory")
        .prefetch_related("axes")
        .order_by("name", "pk")
    )
    return paginate(request, query, page, _space)


def _space(s: ConcertationSpace) -> dict:
    return {
        "id": s.pk,
        "name": s.name,
        "theme": s.theme,
        "kind": s.kind,
        "carried_by": s.carried_by.name,
        "territory_nis": s.territory.nis_code,
        "axes": [a.code for a in s.axes.all()],
        "is_active": s.is_active,
    }


@router.get(
    "/meetings/",
    response={200: page_of(MeetingOut), **ERRORS},
    summary="Meetings of the spaces the user belongs to",
)
def meetings(request, page: Query[PageIn], space: int | None = None):
    given = filters(MeetingFilter, {"space": ("space", space)}, user=request.user)
    query = Meeting.objects.visible_to(request.user).prefetch_related("decisions__follow_up_by")
    if given.get("space"):
        query = query.filter(space=given["space"])
    return paginate(request, query.order_by("-starts_at", "pk"), page, _meeting)


def _meeting(m: Meeting) -> dict:
    return {
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
