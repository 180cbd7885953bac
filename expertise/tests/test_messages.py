"""The messages of a request's journey (the outbox) and the "À faire" lines, step by step."""

from datetime import timedelta

from django.utils import timezone

from expertise import notifications as kinds
from expertise import services
from expertise.tests.conftest import open_one
from expertise.todo import items
from notifications.models import Message
from notifications.services import remind


def _kinds_to(user):
    return list(Message.objects.filter(recipient=user).order_by("pk").values_list("kind", flat=True))


def _todo(user):
    return {item.url.split("?")[-1].split("#")[-1]: item.count for item in items(user) if item.count}


def test_every_step_sends_its_message_to_whom_it_concerns(journey):
    request = open_one(journey)
    assert _kinds_to(journey.coordinator) == [kinds.RECEIVED]
    services.qualify(request, by=journey.coordinator)
    first, second = services.solicit(request, [journey.expert_a, journey.expert_b], by=journey.coordinator)
    assert _kinds_to(journey.expert_a.user) == [kinds.SOLICITED]
    services.decline(second, by=journey.expert_b.user)
    services.accept(first, by=journey.expert_a.user)
    services.answer(first, by=journey.expert_a.user, text="Voici.")
    assert _kinds_to(journey.coordinator) == [kinds.RECEIVED, kinds.ANSWERED]
    services.close(request, by=journey.coordinator, useful=True, rating=4)
    # qualified, solicited, taken on, answered, closed: one message per change of state
    assert _kinds_to(journey.partner) == [kinds.STATE_CHANGED] * 5
    assert not Message.objects.filter(recipient=journey.outsider).exists(), "nothing leaks to an outsider"
    solicitation = Message.objects.get(recipient=journey.expert_a.user)
    assert (
        request.get_absolute_url() in solicitation.url
        or f"/expertise/demandes/{request.pk}/" in solicitation.url
    )


def test_the_to_do_lines_follow_the_journey(journey):
    request = open_one(journey)
    assert _todo(journey.coordinator)["etat=received"] == 1
    services.qualify(request, by=journey.coordinator)
    first, second = services.solicit(request, [journey.expert_a, journey.expert_b], by=journey.coordinator)
    assert _todo(journey.coordinator)["etat=solicited"] == 2
    assert _todo(journey.expert_a.user)["mine-title"] == 1
    services.decline(second, by=journey.expert_b.user)
    assert "mine-title" not in _todo(journey.expert_b.user)
    services.answer(first, by=journey.expert_a.user, text="Voici.")
    assert "mine-title" not in _todo(journey.expert_a.user)
    assert _todo(journey.partner)["etat=answered"] == 1
    services.close(request, by=journey.partner, useful=True, rating=5)
    assert "etat=answered" not in _todo(journey.partner)


def test_an_overdue_request_is_recalled_once_however_often_remind_runs(journey):
    request = open_one(journey, received_at=timezone.now() - timedelta(days=30))
    remind()
    remind()
    assert Message.objects.filter(kind=kinds.OVERDUE, recipient=journey.coordinator).count() == 1
    assert Message.objects.get(kind=kinds.OVERDUE, recipient=journey.coordinator).object_id == str(request.pk)
