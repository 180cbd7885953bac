"""Who the ranking proposes: the people of the network who are active — not erased, still in the
network, in an organisation that is still active, with an account that is not disabled; the others are
neither ranked nor solicited."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from expertise import queries, services
from expertise.tests.conftest import expert, open_one

pytestmark = pytest.mark.django_db


def ranked(request) -> list[str]:
    return [r.candidate.name for r in queries.ranking_for(request)]


@pytest.fixture
def request_(journey):
    request = open_one(journey)
    services.qualify(request, by=journey.coordinator)
    return request


def test_an_active_expert_is_ranked(journey, request_):
    assert ranked(request_) == ["Amina Benali", "Bruno Lefèvre"]


def test_a_person_who_left_the_network_is_not_ranked(journey, request_):
    journey.expert_a.is_active = False
    journey.expert_a.save()
    assert ranked(request_) == ["Bruno Lefèvre"]


def test_the_people_of_an_inactive_organisation_are_not_ranked(journey, request_):
    journey.other_org.is_active = False
    journey.other_org.save()
    assert ranked(request_) == []
    loner = expert("Chloé Sans-Attache", None, [journey.area])
    assert ranked(request_) == [loner.full_name], "someone of no organisation is still a candidate"


def test_a_person_whose_account_is_disabled_or_who_is_erased_is_not_ranked(journey, request_):
    journey.expert_a.user.is_active = False
    journey.expert_a.user.save()
    journey.expert_b.erased_at = timezone.now()
    journey.expert_b.save()
    assert ranked(request_) == []


def test_a_person_no_longer_active_cannot_be_solicited(journey, request_):
    journey.expert_b.is_active = False
    journey.expert_b.save()
    with pytest.raises(ValidationError) as error:
        services.solicit(request_, [journey.expert_a, journey.expert_b], by=journey.coordinator)
    assert "Bruno Lefèvre" in str(error.value.message_dict["experts"])
    assert request_.assignments.count() == 0, "nothing half-stored"
