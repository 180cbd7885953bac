"""Its carriers publish it (issue 13: "Once its carriers publish it…"): the coordinators propose the
publication of a sent interpellation, the outbox asks every carrier, each agrees or declines (a partner
for their organisation, a coordinator for the centre), and publishing is refused until every carrier
agreed, naming those who have not; each answer leaves an audit entry and tells the coordinators."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import AuditEvent
from advocacy import services
from advocacy.choices import Consent
from advocacy.models import Interpellation
from advocacy.notifications import PUBLICATION_ANSWERED, PUBLICATION_REQUESTED
from advocacy.tests import factories as af
from notifications.models import Message
from plan.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(personas):
    organisation = f.organisation("ILI Les Passerelles", is_partner=True)
    f.works_for(personas["partner_member"], organisation)
    return organisation


@pytest.fixture
def proposed(personas, partner):
    interpellation = af.sent(co_signer=partner)
    services.ask_publication(interpellation, by=personas["coordinator"])
    return interpellation


def refusal(interpellation, personas) -> str:
    with pytest.raises(ValidationError) as refused:
        services.publish(interpellation, by=personas["coordinator"])
    return " ".join(refused.value.messages)


def test_proposing_the_publication_asks_every_co_signer_through_the_outbox(personas, proposed):
    assert Message.objects.filter(
        kind=PUBLICATION_REQUESTED, recipient=personas["partner_member"], object_id=str(proposed.pk)
    ).exists()
    assert not Message.objects.filter(
        kind=PUBLICATION_REQUESTED, recipient=personas["partner_outsider"]
    ).exists()
    assert AuditEvent.objects.filter(action="ask_publication", object_id=str(proposed.pk)).exists()


def test_publishing_is_refused_until_every_carrier_agreed_naming_who_has_not(personas, proposed, english):
    assert "CAI Namur" in refusal(proposed, personas) and "ILI Les Passerelles" in refusal(proposed, personas)
    services.consent_to_publish(proposed, by=personas["coordinator"], agree=True)  # the centre
    message = refusal(proposed, personas)
    assert "Every carrier agrees before it is published" in message
    assert "ILI Les Passerelles" in message and "CAI Namur" not in message
    assert not Interpellation.objects.published().filter(pk=proposed.pk).exists()
    services.consent_to_publish(proposed, by=personas["partner_member"], agree=True)
    services.publish(proposed, by=personas["coordinator"])
    assert Interpellation.objects.published().filter(pk=proposed.pk).exists()


def test_publishing_is_refused_in_french(personas, proposed):
    services.consent_to_publish(proposed, by=personas["partner_member"], agree=False)
    message = refusal(proposed, personas)
    assert "porteur" in message and "ILI Les Passerelles (refus)" in message and "CAI Namur" in message


def test_a_co_signer_declines_and_is_named_then_agrees(personas, proposed, english):
    services.consent_to_publish(proposed, by=personas["coordinator"], agree=True)
    carrier = services.consent_to_publish(proposed, by=personas["partner_member"], agree=False)
    assert (carrier.publication_consent, carrier.publication_answered_by) == (
        Consent.DECLINED,
        personas["partner_member"],
    )
    assert "ILI Les Passerelles (declined)" in refusal(proposed, personas)
    services.consent_to_publish(proposed, by=personas["partner_member"], agree=True)
    services.publish(proposed, by=personas["coordinator"])
    actions = list(
        AuditEvent.objects.filter(
            object_id=str(proposed.pk), action__in=["agree_to_publish", "decline_to_publish"]
        )
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["agree_to_publish", "decline_to_publish", "agree_to_publish"]


def test_the_coordinators_are_told_of_each_answer(personas, proposed):
    services.consent_to_publish(proposed, by=personas["partner_member"], agree=False)
    told = Message.objects.filter(kind=PUBLICATION_ANSWERED, recipient=personas["coordinator"])
    assert told.count() == 1 and "ILI Les Passerelles" in told.get().subject


def test_no_consent_before_the_publication_is_proposed(personas, partner, english):
    interpellation = af.sent(co_signer=partner)
    with pytest.raises(ValidationError) as refused:
        services.consent_to_publish(interpellation, by=personas["partner_member"], agree=True)
    assert "not proposed" in " ".join(refused.value.messages)


def test_proposing_again_asks_every_carrier_afresh(personas, proposed):
    services.consent_to_publish(proposed, by=personas["partner_member"], agree=False)
    services.ask_publication(proposed, by=personas["coordinator"])
    assert not proposed.carriers.exclude(publication_consent="").exists()


def test_a_partner_of_another_organisation_may_not_consent_for_a_carrier(client_as, personas, proposed):
    f.works_for(personas["partner_outsider"], f.organisation("Maison médicale", type_code="health"))
    with pytest.raises(PermissionDenied):
        services.consent_to_publish(proposed, by=personas["partner_outsider"], agree=True)
    response = client_as(personas["partner_outsider"]).post(
        f"/plaidoyer/interpellations/{proposed.pk}/publication/accord/", {"answer": "agree"}
    )
    assert response.status_code == 404
    assert not proposed.carriers.exclude(publication_consent="").exists()


def test_a_reader_may_not_consent(client_as, personas, proposed):
    with pytest.raises(PermissionDenied):
        services.consent_to_publish(proposed, by=personas["reader"], agree=True)
    published = af.sent("Déjà publiée", published=True)
    response = client_as(personas["reader"]).post(
        f"/plaidoyer/interpellations/{published.pk}/publication/accord/", {"answer": "agree"}
    )
    assert response.status_code == 403


def test_a_partner_may_not_propose_the_publication(personas, partner, proposed):
    with pytest.raises(PermissionDenied):
        services.ask_publication(proposed, by=personas["partner_member"])


def test_the_co_signer_agrees_through_the_page(client_as, personas, proposed):
    client = client_as(personas["partner_member"])
    page = client.get(proposed.get_absolute_url()).content.decode()
    assert 'id="consent-agree"' in page
    response = client.post(
        f"/plaidoyer/interpellations/{proposed.pk}/publication/accord/", {"answer": "agree"}
    )
    assert response.status_code == 302
    carrier = proposed.carriers.get(is_lead=False)
    assert carrier.publication_consent == Consent.AGREED
    page = client.get(proposed.get_absolute_url()).content.decode()
    assert 'id="consent-agree"' in page  # may still change its answer until it is published


def test_the_demo_s_published_interpellations_were_agreed_by_every_carrier(statistics, demo_once):
    published = Interpellation.objects.published().filter(is_demo=True)
    assert published.count() == 2
    for interpellation in published:
        assert services.publication_problems(interpellation) == {}
        assert interpellation.carriers.count() >= 1
