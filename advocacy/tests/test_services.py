"""The writes of watch and advocacy: each bad input refused with a French message naming the field,
nothing half-stored; the validation by the carriers through the outbox."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from advocacy import services
from advocacy.choices import ActionKind, AlertStatus, LinkKind, Phase
from advocacy.forms import AlertForm, AnswerForm
from advocacy.models import Alert, AlertAction, Answer, ChainLink, Interpellation
from advocacy.notifications import ALERT_RAISED, VALIDATION_REQUESTED
from advocacy.tests import factories as af
from notifications.models import Message
from plan.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(personas):
    organisation = f.organisation("ILI Les Passerelles", is_partner=True)
    f.works_for(personas["partner_member"], organisation)
    return organisation


def messages(text):
    return " ".join(text.messages if isinstance(text, ValidationError) else [str(text)])


def test_a_partners_alert_is_to_qualify_and_the_coordinators_are_told(personas, partner, english):
    coordinator = personas["coordinator"]
    form = AlertForm(
        {
            "title": "Refus de domiciliation",
            "description": "Des CPAS refusent la domiciliation.",
            "theme": "rights",
            "axis": f.get_axis().pk,
            "territories": [f.get_territory(f.COMMUNE).pk],
            "severity": "high",
            "emerged_on": "2026-11-20",
        }
    )
    assert form.is_valid(), form.errors
    alert = services.raise_alert(form, by=personas["partner_member"])
    assert alert.status == AlertStatus.TO_QUALIFY
    assert alert.organisation == partner
    assert Message.objects.filter(kind=ALERT_RAISED, recipient=coordinator, object_id=str(alert.pk)).exists()
    services.qualify_alert(alert, by=coordinator, severity="critical")
    alert.refresh_from_db()
    assert (alert.status, alert.severity) == (AlertStatus.OPEN, "critical")


def test_a_reaction_before_the_alert_emerged_is_refused(personas, english):
    alert = af.alert()
    with pytest.raises(ValidationError) as refused:
        services.record_action(
            alert,
            kind=ActionKind.POSITION,
            acted_on=alert.emerged_on - timedelta(days=1),
            by=personas["coordinator"],
        )
    assert "before the alert emerged" in messages(refused.value)
    assert not AlertAction.objects.exists()


def test_followed_without_action_needs_a_reason(personas, english):
    alert = af.alert()
    with pytest.raises(ValidationError) as refused:
        services.record_action(
            alert, kind=ActionKind.NO_ACTION, acted_on=alert.emerged_on, by=personas["coordinator"]
        )
    assert "note" in refused.value.error_dict


def test_a_partner_may_not_record_a_reaction(personas, partner):
    alert = af.alert(organisation=partner)
    with pytest.raises(PermissionDenied):
        services.record_action(
            alert, kind=ActionKind.POSITION, acted_on=alert.emerged_on, by=personas["partner_member"]
        )


def test_citing_a_finding_the_author_may_not_see_is_refused(personas, partner, english):
    draft = f.finding("Un constat encore en projet", in_diagnostic=f.diagnostic("Brouillon", status="draft"))
    interpellation = af.interpellation()
    # A coordinator sees every finding; the rule is checked for whoever writes (here through the API of
    # the service as a partner who may not write either way).
    with pytest.raises((ValidationError, PermissionDenied)):
        services.add_link(interpellation, kind=LinkKind.FINDING, finding=draft, by=personas["partner_member"])
    assert not ChainLink.objects.exists()


def test_a_quotation_needs_its_meeting_and_its_words(personas, english):
    interpellation = af.interpellation()
    with pytest.raises(ValidationError) as refused:
        services.add_link(
            interpellation, kind=LinkKind.QUOTATION, by=personas["coordinator"], quotation="« … »"
        )
    assert "meeting" in refused.value.error_dict
    assert not ChainLink.objects.exists()


def _ready(personas, partner):
    interpellation = af.interpellation(co_signer=partner)
    services.ask_validation(interpellation, by=personas["coordinator"])
    interpellation.refresh_from_db()
    return interpellation


def test_asking_for_validation_tells_the_co_signing_partner(personas, partner):
    interpellation = _ready(personas, partner)
    assert interpellation.phase == Phase.VALIDATION
    told = Message.objects.filter(kind=VALIDATION_REQUESTED, object_id=str(interpellation.pk))
    assert list(told.values_list("recipient", flat=True)) == [personas["partner_member"].pk]


def test_sending_before_every_carrier_validated_is_refused(personas, partner, english):
    interpellation = _ready(personas, partner)
    services.validate(interpellation, by=personas["coordinator"])  # the centre, not yet the partner
    with pytest.raises(ValidationError) as refused:
        services.send(
            interpellation, by=personas["coordinator"], sent_on=timezone.localdate(), channel="email"
        )
    assert "still waiting for: ILI Les Passerelles" in messages(refused.value)
    assert Interpellation.objects.get(pk=interpellation.pk).phase == Phase.VALIDATION


def test_the_co_signer_validates_then_the_coordinator_sends(personas, partner):
    interpellation = _ready(personas, partner)
    services.validate(interpellation, by=personas["coordinator"])
    services.validate(interpellation, by=personas["partner_member"])
    services.send(interpellation, by=personas["coordinator"], sent_on=timezone.localdate(), channel="email")
    interpellation.refresh_from_db()
    assert (interpellation.phase, interpellation.sent_on) == (Phase.SENT, timezone.localdate())


def test_an_outsider_may_not_validate(personas, partner):
    interpellation = _ready(personas, partner)
    f.works_for(personas["partner_outsider"], f.organisation("Maison médicale", type_code="health"))
    with pytest.raises(PermissionDenied):
        services.validate(interpellation, by=personas["partner_outsider"])


@pytest.mark.parametrize(
    ("field", "message"), [("text", "Write the text"), ("authority", "Name the addressee")]
)
def test_asking_for_validation_without_text_or_addressee_is_refused(personas, field, message, english):
    interpellation = (
        af.interpellation(text="", authority=None) if field == "text" else af.interpellation(authority=None)
    )
    if field == "text":
        Interpellation.objects.filter(pk=interpellation.pk).update(authority=af.minister())
        interpellation.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.ask_validation(interpellation, by=personas["coordinator"])
    assert message in messages(refused.value)
    assert Interpellation.objects.get(pk=interpellation.pk).phase == Phase.PREPARATION


def test_a_change_during_validation_asks_the_carriers_again(personas, partner):
    interpellation = _ready(personas, partner)
    services.validate(interpellation, by=personas["partner_member"])
    services.add_link(interpellation, kind=LinkKind.FINDING, finding=f.finding(), by=personas["coordinator"])
    assert not interpellation.carriers.filter(validated_at__isnull=False).exists()


def test_an_answer_dated_before_the_sending_is_refused(personas, english):
    interpellation = af.sent(days_ago=5)
    form = AnswerForm(
        {"received_on": str(interpellation.sent_on - timedelta(days=1)), "reading": "partial", "text": "Non."}
    )
    assert form.is_valid(), form.errors
    with pytest.raises(ValidationError) as refused:
        services.record_answer(form, by=personas["coordinator"], interpellation=interpellation)
    assert "received_on" in refused.value.error_dict
    assert not Answer.objects.exists()


def test_publishing_needs_a_sent_interpellation(personas, english):
    with pytest.raises(ValidationError):
        services.publish(af.interpellation(), by=personas["coordinator"])
    sent = af.sent()
    services.ask_publication(sent, by=personas["coordinator"])
    services.consent_to_publish(sent, by=personas["coordinator"], agree=True)
    services.publish(sent, by=personas["coordinator"])
    assert Interpellation.objects.published().filter(pk=sent.pk).exists()


def test_a_partner_may_not_publish(personas, partner):
    with pytest.raises(PermissionDenied):
        services.publish(af.sent(co_signer=partner), by=personas["partner_member"])


def test_alerts_are_seen_by_their_organisation_and_the_coordinators(personas, partner):
    own = af.alert("La nôtre", organisation=partner)
    af.alert("Une autre")
    f.works_for(personas["partner_outsider"], f.organisation("Maison médicale", type_code="health"))
    assert list(Alert.objects.visible_to(personas["partner_member"])) == [own]
    assert not Alert.objects.visible_to(personas["partner_outsider"]).exists()
    assert not Alert.objects.visible_to(personas["reader"]).exists()
    assert Alert.objects.visible_to(personas["coordinator"]).count() == 2


def test_an_expertise_request_opened_from_an_alert_is_its_reaction(personas, english):
    from expertise.models import ExpertiseRequest
    from vocabulary.models import ExpertiseArea, Urgency

    finding = f.finding()
    alert = af.alert()
    alert.sources.create(kind="finding", finding=finding)
    request = services.open_expertise_request(
        alert,
        by=personas["coordinator"],
        question="Quelles voies de recours ?",
        areas=[ExpertiseArea.objects.filter(is_active=True).first()],
        urgency=Urgency.objects.first(),
    )
    assert ExpertiseRequest.objects.get(pk=request.pk).title == alert.title
    action = alert.actions.get()
    assert (action.kind, action.expertise_request) == (ActionKind.EXPERTISE, request)
    assert list(request.findings.all()) == [finding]


def test_an_expertise_request_without_question_stores_nothing(personas, english):
    from expertise.models import ExpertiseRequest
    from vocabulary.models import ExpertiseArea

    alert = af.alert()
    with pytest.raises(ValidationError):
        services.open_expertise_request(
            alert, by=personas["coordinator"], question="", areas=[ExpertiseArea.objects.first()]
        )
    assert not ExpertiseRequest.objects.exists() and not alert.actions.exists()


def test_an_answer_without_a_file_is_recorded_and_audited(personas):
    from accounts.models import AuditEvent

    interpellation = af.sent(days_ago=5)
    form = AnswerForm({"received_on": str(timezone.localdate()), "reading": "satisfactory", "text": "Oui."})
    assert form.is_valid(), form.errors
    answer = services.record_answer(form, by=personas["coordinator"], interpellation=interpellation)
    assert AuditEvent.objects.filter(object_id=str(answer.pk), action="create").exists()


def test_the_partner_who_raised_an_alert_adds_its_sources_until_it_is_closed(personas, client_as):
    from django.urls import reverse

    from accounts.models import AuditEvent
    from advocacy.models import AlertSource

    partner = personas["partner_member"]
    theirs = af.alert("Refus de domiciliation", raised_by=partner, status=AlertStatus.TO_QUALIFY)
    client = client_as(partner)
    article = {"kind": "press", "title": "L'Avenir, 3 décembre", "url": "https://www.lavenir.net/x"}
    page = client.get(theirs.get_absolute_url()).content.decode()
    assert reverse("advocacy:alert_source_add", args=[theirs.pk]) in page, "the form is offered to them"
    response = client.post(reverse("advocacy:alert_source_add", args=[theirs.pk]), article)
    assert response.status_code == 302 and AlertSource.objects.filter(alert=theirs).count() == 1
    assert AuditEvent.objects.filter(action="create", parent_id=str(theirs.pk)).exists()
    theirs.status = AlertStatus.CLOSED
    theirs.save()
    assert client.post(reverse("advocacy:alert_source_add", args=[theirs.pk]), article).status_code == 403
    # Another's alert (the centre's, which they do not see): not found.
    other = af.alert("Discours de haine", raised_by=personas["coordinator"])
    assert client.post(reverse("advocacy:alert_source_add", args=[other.pk]), article).status_code == 404
    assert AlertSource.objects.count() == 1
