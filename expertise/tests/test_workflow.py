"""The workflow of a request, one service call per transition, and what each refuses."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import AuditEvent
from expertise import services
from expertise.choices import EventKind, Origin, State
from expertise.models import ExpertiseRequest, RequestAttachment
from expertise.tests.conftest import open_one
from expertise.workflow import state_from


def test_the_state_follows_the_events_without_the_database():
    assert state_from(["received"]) == State.RECEIVED
    assert state_from(["received", "qualified", "solicited", "solicited"]) == State.SOLICITED
    assert state_from(["received", "qualified", "solicited", "declined"]) == State.SOLICITED
    assert state_from(["received", "qualified", "solicited", "accepted", "accepted"]) == State.IN_PROGRESS
    assert (
        state_from(["received", "qualified", "solicited", "accepted", "answered", "closed"]) == State.CLOSED
    )
    assert state_from(
        ["received", "qualified", "solicited", "accepted", "answered", "closed", "reopened"]
    ) == (State.IN_PROGRESS)
    assert state_from(["received", "refused", "reopened"]) == State.QUALIFIED


def test_a_partner_opens_a_request_for_their_own_organisation(journey):
    request = open_one(journey, organisation=journey.other_org, origin=Origin.SOCIETAL)
    assert request.requester_organisation == journey.member_org, "a partner asks for their own organisation"
    assert request.origin == Origin.FIELD and request.state == State.RECEIVED
    hours = (request.first_answer_due - request.received_at).total_seconds() / 3600
    assert hours == journey.urgency.first_answer_hours, "the urgency's target sets the due date"
    assert list(request.events.values_list("kind", flat=True)) == [EventKind.RECEIVED]
    assert AuditEvent.objects.filter(action="create", object_id=str(request.pk)).exists()


def test_the_whole_journey_records_each_transition_with_its_audit_entry(journey):
    request = open_one(journey)
    services.qualify(request, by=journey.coordinator)
    first, second = services.solicit(request, [journey.expert_a, journey.expert_b], by=journey.coordinator)
    services.decline(second, by=journey.expert_b.user, reason="En congé")
    request.refresh_from_db()
    assert request.state == State.SOLICITED, "a decline changes nothing"
    services.accept(first, by=journey.expert_a.user)
    request.refresh_from_db()
    assert request.state == State.IN_PROGRESS
    services.answer(first, by=journey.expert_a.user, text="Il faut 120 % du revenu d'intégration.")
    request.refresh_from_db()
    assert request.state == State.ANSWERED and request.first_answer_at is not None
    services.close(request, by=journey.partner, useful=True, rating=5, comment="Merci")
    request.refresh_from_db()
    assert request.state == State.CLOSED and request.feedback_rating == 5 and request.closed_at
    kinds = list(request.events.values_list("kind", flat=True))
    assert kinds == [
        "received",
        "qualified",
        "solicited",
        "solicited",
        "declined",
        "accepted",
        "answered",
        "closed",
    ]
    actions = set(AuditEvent.objects.filter(object_id=str(request.pk)).values_list("action", flat=True))
    assert {"create", "qualify", "solicit", "decline", "accept", "answer", "close"} <= actions
    services.reopen(request, by=journey.coordinator)
    request.refresh_from_db()
    assert request.state == State.IN_PROGRESS and request.closed_at is None


def test_a_request_without_a_question_or_an_area_is_refused_and_nothing_is_stored(journey):
    with pytest.raises(ValidationError) as error:
        open_one(journey, question="  ", areas=[])
    assert set(error.value.message_dict) == {"question", "areas"}
    assert not ExpertiseRequest.objects.exists()


def test_the_same_expert_solicited_twice_is_refused(journey):
    request = open_one(journey)
    services.qualify(request, by=journey.coordinator)
    services.solicit(request, [journey.expert_a], by=journey.coordinator)
    with pytest.raises(ValidationError) as error:
        services.solicit(request, [journey.expert_b, journey.expert_a], by=journey.coordinator)
    assert "Amina Benali" in str(error.value.message_dict["experts"])
    assert request.assignments.count() == 1, "nothing half-stored: the other expert is not solicited either"


def test_closing_without_an_answer_is_refused(journey):
    request = open_one(journey)
    services.qualify(request, by=journey.coordinator)
    with pytest.raises(ValidationError, match="no answer yet"):
        services.close(request, by=journey.partner, useful=None, rating=None)
    request.refresh_from_db()
    assert request.state == State.QUALIFIED


def test_answering_after_a_decline_or_after_the_close_is_refused(journey):
    request = open_one(journey)
    services.qualify(request, by=journey.coordinator)
    first, second = services.solicit(request, [journey.expert_a, journey.expert_b], by=journey.coordinator)
    services.decline(second, by=journey.expert_b.user)
    with pytest.raises(ValidationError, match="declined"):
        services.answer(second, by=journey.expert_b.user, text="Finalement…")
    services.answer(first, by=journey.expert_a.user, text="Voici.")
    services.close(request, by=journey.coordinator, useful=True, rating=4)
    with pytest.raises(ValidationError, match="closed"):
        services.answer(first, by=journey.expert_a.user, text="Encore une chose.")


def test_only_the_expert_solicited_answers_and_only_coordinators_triage(journey):
    request = open_one(journey)
    with pytest.raises(PermissionDenied):
        services.qualify(request, by=journey.partner)
    services.qualify(request, by=journey.coordinator)
    (assignment,) = services.solicit(request, [journey.expert_a], by=journey.coordinator)
    with pytest.raises(PermissionDenied):
        services.accept(assignment, by=journey.expert_b.user)
    with pytest.raises(PermissionDenied):
        services.close(request, by=journey.outsider, useful=True, rating=3)


def test_an_attachment_too_large_or_of_a_refused_type_is_refused_by_name(journey, settings):
    exe = SimpleUploadedFile("outil.exe", b"MZ\x90\x00")
    with pytest.raises(ValidationError) as error:
        open_one(journey, files=[exe])
    assert "outil.exe" in str(error.value.message_dict["files"])
    big = SimpleUploadedFile("dossier.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="too large"):
        open_one(journey, files=[big])
    assert not ExpertiseRequest.objects.exists() and not RequestAttachment.objects.exists()


def test_refuse_and_redirect_need_their_reason_and_whom(journey):
    request = open_one(journey)
    with pytest.raises(ValidationError):
        services.refuse(request, by=journey.coordinator, reason="")
    services.redirect(request, by=journey.coordinator, to="SPF Intérieur, Office des étrangers")
    request.refresh_from_db()
    assert request.state == State.REDIRECTED and request.qualified_at is not None


def test_a_partner_sees_their_organisations_requests_and_experts_their_solicitations(journey):
    request = open_one(journey)
    assert list(ExpertiseRequest.objects.visible_to(journey.partner)) == [request]
    assert not ExpertiseRequest.objects.visible_to(journey.outsider).exists()
    assert not ExpertiseRequest.objects.visible_to(journey.expert_a.user).exists()
    services.qualify(request, by=journey.coordinator)
    services.solicit(request, [journey.expert_a], by=journey.coordinator)
    assert list(ExpertiseRequest.objects.visible_to(journey.expert_a.user)) == [request]
    assert not ExpertiseRequest.objects.visible_to(journey.expert_b.user).exists()
