"""Read endpoints of expertise requests, with exactly the rule of the pages (a session or a personal API
token): a request is read by its organisation, its solicited experts and the coordinators; the ranking
of a request's candidates by coordinators only. Submitting a request goes through the same service as
the form (a token of scope "read and write")."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth

from accounts.tokens import token_auth
from expertise import queries, services
from expertise.choices import State
from expertise.models import ExpertiseRequest
from network.languages import LANGUAGES
from pli.access import get_for, is_coordinator
from pli.api import ERRORS, InvalidParameters, PageIn, page_of, paginate
from territory.models import Territory
from vocabulary.models import ExpertiseArea, Public, Urgency

router = Router(tags=["expertise"], auth=[token_auth, django_auth])


class AssignmentOut(Schema):
    expert: str
    status: str
    solicited_at: datetime
    answered_at: datetime | None
    answer: str


class RequestOut(Schema):
    id: int
    origin: str
    title: str
    question: str
    context: str
    state: str
    urgency: str
    areas: list[str]
    territories: list[str]
    publics: list[str]
    languages: list[str]
    requester: str
    received_at: datetime
    first_answer_due: datetime
    closure_due: datetime
    qualified_at: datetime | None
    first_answer_at: datetime | None
    closed_at: datetime | None
    feedback_rating: int | None
    assignments: list[AssignmentOut]


class FactorOut(Schema):
    code: str
    reason: str
    points: float
    share: float


class CandidateOut(Schema):
    person_id: int
    name: str
    score: float
    factors: list[FactorOut]


class RequestIn(Schema):
    title: str
    question: str
    areas: list[str]
    urgency: str = "normale"
    context: str = ""
    territories: list[str] = []
    publics: list[str] = []
    languages: list[str] = []
    wished_by: date | None = None


def _queryset(user):
    return (
        ExpertiseRequest.objects.visible_to(user)
        .select_related("urgency", "requester_organisation")
        .prefetch_related("areas", "territories", "publics", "assignments__expert")
    )


def _request(r: ExpertiseRequest) -> dict:
    return {
        "id": r.pk,
        "origin": r.origin,
        "title": r.title,
        "question": r.question,
        "context": r.context,
        "state": r.state,
        "urgency": r.urgency.code,
        "areas": [a.code for a in r.areas.all()],
        "territories": [t.nis_code for t in r.territories.all()],
        "publics": [p.code for p in r.publics.all()],
        "languages": r.languages,
        "requester": r.requester_label,
        "received_at": r.received_at,
        "first_answer_due": r.first_answer_due,
        "closure_due": r.closure_due,
        "qualified_at": r.qualified_at,
        "first_answer_at": r.first_answer_at,
        "closed_at": r.closed_at,
        "feedback_rating": r.feedback_rating,
        "assignments": [
            {
                "expert": a.expert.display_name,
                "status": a.status,
                "solicited_at": a.solicited_at,
                "answered_at": a.answered_at,
                "answer": a.answer,
            }
            for a in r.assignments.all()
        ],
    }


@router.get(
    "/requests/", response={200: page_of(RequestOut), **ERRORS}, summary="Expertise requests the user may see"
)
def requests(request, page: Query[PageIn], state: str | None = None):
    query = _queryset(request.user)
    if state:
        if state not in State.values:
            raise InvalidParameters(
                {"state": [_("Unknown state; allowed: %(values)s.") % {"values": ", ".join(State.values)}]}
            )
        query = query.filter(state=state)
    return paginate(request, query.order_by("-received_at", "-pk"), page, _request)


@router.get("/requests/{pk}/", response={200: RequestOut, **ERRORS}, summary="One expertise request")
def request_detail(request, pk: int):
    return _request(get_for(request.user, _queryset(request.user), pk=pk))


@router.get(
    "/requests/{pk}/ranking/",
    response={200: list[CandidateOut], **ERRORS},
    summary="The experts ranked for a request, with each factor's share (coordinators)",
)
def request_ranking(request, pk: int):
    found = get_for(request.user, ExpertiseRequest.objects, pk=pk)
    if not is_coordinator(request.user):
        raise HttpError(403, _("Only coordinators see the ranking of the experts."))
    return [
        {
            "person_id": r.candidate.id,
            "name": r.candidate.name,
            "score": r.score,
            "factors": [
                {"code": f.code, "reason": f.reason, "points": f.points, "share": f.share} for f in r.factors
            ],
        }
        for r in queries.ranking_for(found, limit=50)
    ]


def _codes(model, field: str, values: list[str], parameter: str, errors: dict) -> list:
    found = list(model.objects.filter(**{f"{field}__in": values}))
    unknown = sorted(set(values) - {getattr(o, field) for o in found})
    if unknown:
        errors[parameter] = [_("Unknown codes: %(codes)s.") % {"codes": ", ".join(unknown)}]
    return found


@router.post(
    "/requests/", response={201: RequestOut, **ERRORS}, summary="Submit an expertise request (as the form)"
)
def request_submit(request, body: RequestIn):
    errors: dict[str, list[str]] = {}
    areas = _codes(ExpertiseArea, "code", body.areas, "areas", errors)
    territories = _codes(Territory, "nis_code", body.territories, "territories", errors)
    publics = _codes(Public, "code", body.publics, "publics", errors)
    urgency = Urgency.objects.filter(code=body.urgency).first()
    if urgency is None:
        errors["urgency"] = [_("Unknown codes: %(codes)s.") % {"codes": body.urgency}]
    unknown = sorted(set(body.languages) - set(LANGUAGES))
    if unknown:
        errors["languages"] = [_("Unknown codes: %(codes)s.") % {"codes": ", ".join(unknown)}]
    if errors:
        raise InvalidParameters(errors)
    try:
        created = services.open_request(
            by=request.user,
            title=body.title,
            question=body.question,
            areas=areas,
            urgency=urgency,
            context=body.context,
            territories=territories,
            publics=publics,
            languages=body.languages,
            wished_by=body.wished_by,
        )
    except PermissionDenied as refused:
        raise HttpError(403, str(refused) or _("You may not open an expertise request.")) from None
    except ValidationError as refused:
        raise InvalidParameters({k: list(v) for k, v in refused.message_dict.items()}) from None
    return 201, _request(_queryset(request.user).get(pk=created.pk))
