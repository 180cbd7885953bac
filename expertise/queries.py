"""Read functions of expertise mobilisation: the ranking's data read from the database in a fixed number
of queries, and the requests waiting for someone."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count

from expertise.choices import OPEN, AssignmentStatus
from expertise.models import Assignment, ExpertiseRequest
from expertise.ranking import AreaTree, Candidate, Need, Place, Ranked, rank
from network.languages import LANGUAGES
from network.models import Person
from territory.choices import Level
from vocabulary.models import ExpertiseArea


def area_tree() -> AreaTree:
    rows = list(ExpertiseArea.objects.filter(is_active=True).values_list("pk", "parent_id", "label"))
    return AreaTree({pk: parent for pk, parent, _ in rows}, {pk: label for pk, _, label in rows})


def place_of(territory_id, level, parent_id, province_code, nis_code) -> Place:
    if level == Level.COMMUNE:
        return Place(territory_id, parent_id, province_code)
    if level == Level.ARRONDISSEMENT:
        return Place(territory_id, territory_id, province_code)
    if level == Level.PROVINCE:
        return Place(territory_id, None, province_code or nis_code)
    return Place(territory_id)


def need_of(request: ExpertiseRequest) -> Need:
    places = [
        place_of(*row)
        for row in request.territories.values_list("pk", "level", "parent_id", "province_code", "nis_code")
    ]
    return Need(
        areas=frozenset(request.areas.values_list("pk", flat=True)),
        places=places,
        languages=frozenset(request.languages),
    )


def candidates(exclude=()) -> list[Candidate]:
    """Every person of the network who may be solicited (active, `Person.objects.active()`: not erased,
    not gone from the network, in an active organisation; with an expertise area), with their open load
    and past answers: five queries whatever their number."""
    expertise = defaultdict(set)
    through = Person.expertise.through
    for person_id, area_id in through.objects.values_list("person_id", "expertisearea_id"):
        expertise[person_id].add(area_id)
    load = dict(
        Assignment.objects.filter(
            status__in=[AssignmentStatus.SOLICITED, AssignmentStatus.ACCEPTED], request__state__in=OPEN
        )
        .values("expert_id")
        .annotate(n=Count("pk"))
        .values_list("expert_id", "n")
    )
    request_areas = defaultdict(set)
    answered = list(
        Assignment.objects.filter(status=AssignmentStatus.ANSWERED).values_list(
            "expert_id", "request_id", "request__feedback_rating"
        )
    )
    if answered:
        for request_id, area_id in ExpertiseRequest.areas.through.objects.values_list(
            "expertiserequest_id", "expertisearea_id"
        ):
            request_areas[request_id].add(area_id)
    past = defaultdict(list)
    for expert_id, request_id, rating in answered:
        past[expert_id].append((frozenset(request_areas[request_id]), rating))
    people = Person.objects.active().filter(pk__in=list(expertise)).exclude(pk__in=list(exclude))
    result = []
    for pk, name, codes, commune, arrondissement, province in people.values_list(
        "pk",
        "full_name",
        "language_codes",
        "organisation__commune_id",
        "organisation__commune__parent_id",
        "organisation__commune__province_code",
    ):
        result.append(
            Candidate(
                id=pk,
                name=name,
                areas=frozenset(expertise[pk]),
                place=Place(commune, arrondissement, province or "") if commune else None,
                languages=frozenset(codes or ()),
                open_load=load.get(pk, 0),
                past_answers=past[pk],
            )
        )
    return result


def ranking_for(request: ExpertiseRequest, limit: int = 15) -> list[Ranked]:
    """The experts to solicit on a request, best first, those already solicited left out."""
    solicited = request.assignments.values_list("expert_id", flat=True)
    return rank(
        need_of(request), candidates(exclude=solicited), area_tree(), language_names=LANGUAGES, limit=limit
    )
