"""The demonstration requests: a year of them, from partners and societal contexts, with realistic
timings, some late, refused or redirected, answered by the demo network's experts, with feedback."""

from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.utils import timezone

from expertise import demo
from expertise.choices import AssignmentStatus, Origin, State
from expertise.models import Assignment, ExpertiseRequest
from expertise.workflow import state_from


@pytest.fixture
def loaded(db, demo_once):
    return demo_once


def test_a_year_of_requests_in_every_state(loaded):
    # The expertise demo's own requests: the advocacy demo opens a few more from its alerts, as old as
    # they are (up to two years).
    requests = list(ExpertiseRequest.objects.filter(is_demo=True, alert_actions__isnull=True))
    assert 50 <= len(requests) <= 70
    origins = Counter(r.origin for r in requests)
    assert origins[Origin.FIELD] > origins[Origin.SOCIETAL] > 0
    states = Counter(r.state for r in requests)
    assert {State.CLOSED, State.REFUSED, State.REDIRECTED} <= set(states)
    assert states[State.CLOSED] > len(requests) / 3
    now = timezone.now()
    assert all(now - timedelta(days=366) < r.received_at <= now for r in requests)
    assert any("Ukraine" in r.title for r in requests) and any("logement" in r.title for r in requests)


def test_each_state_is_the_one_its_events_give_and_the_timings_are_in_order(loaded):
    for request in ExpertiseRequest.objects.filter(is_demo=True).prefetch_related("events"):
        events = list(request.events.all())
        assert request.state == state_from(e.kind for e in events)
        assert [e.at for e in events] == sorted(e.at for e in events)
        if request.first_answer_at:
            assert request.received_at < request.qualified_at < request.first_answer_at
        if request.closed_at:
            assert request.first_answer_at <= request.closed_at and 1 <= request.feedback_rating <= 5


def test_answers_come_from_network_experts_of_the_areas_and_some_are_late(loaded):
    answered = Assignment.objects.filter(request__is_demo=True, status=AssignmentStatus.ANSWERED)
    assert answered.count() > 20
    for assignment in answered.select_related("expert").prefetch_related(
        "expert__expertise", "request__areas"
    )[:20]:
        assert assignment.expert.erased_at is None and assignment.reasons
    late = [
        r
        for r in ExpertiseRequest.objects.filter(is_demo=True, first_answer_at__isnull=False)
        if r.first_answer_at > r.first_answer_due
    ]
    assert late, "some requests were answered late"
    assert Assignment.objects.filter(request__is_demo=True, status=AssignmentStatus.DECLINED).exists()


def test_loading_twice_creates_nothing_more(loaded):
    before = ExpertiseRequest.objects.count()
    demo.load(StringIO())
    assert ExpertiseRequest.objects.count() == before
