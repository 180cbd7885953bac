"""A link of the chain cites an actual expertise answer (issue 13): only an answer given on a request the
author may see, shown with its date and a link to the request's page; read by a carrier only if the
request's own rule lets them (expertise requests are confidential), and never in the public chain of a
published interpellation (its public chain shows only what is itself public)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from advocacy import chain, services
from advocacy.choices import LinkKind
from advocacy.forms import expertise_answers
from advocacy.tests import factories as af
from expertise import services as expertise_services
from network.models import Person
from plan.tests import factories as f
from vocabulary.models import ExpertiseArea

pytestmark = pytest.mark.django_db

ANSWER = "Le regroupement familial reste ouvert sans condition de revenus pendant un an."


@pytest.fixture
def answered(personas):
    """A request of another organisation than the co-signer's, answered by an expert; a second expert
    solicited who has not answered."""
    coordinator = personas["coordinator"]
    requester = f.organisation("CPAS de Namur", type_code="cpas")
    area = ExpertiseArea.objects.get(code="regroupement-familial")
    expert = Person.objects.create(full_name="Nadia Benali", consent_scope="internal")
    other = Person.objects.create(full_name="Samir Haddad", consent_scope="internal")
    request = expertise_services.open_request(
        by=coordinator,
        title="Regroupement familial d'un réfugié",
        question="Quelles conditions ?",
        areas=[area],
        organisation=requester,
    )
    expertise_services.qualify(request, by=coordinator)
    done, waiting = expertise_services.solicit(request, [expert, other], by=coordinator)
    expertise_services.answer(done, by=None, text=ANSWER)
    done.refresh_from_db()
    return {"request": request, "answer": done, "waiting": waiting}


@pytest.fixture
def partner(personas):
    organisation = f.organisation("ILI Les Passerelles", is_partner=True)
    f.works_for(personas["partner_member"], organisation)
    return organisation


def cite(interpellation, personas, answer, **extra):
    return services.add_link(
        interpellation, kind=LinkKind.EXPERTISE, by=personas["coordinator"], expertise_answer=answer, **extra
    )


def test_the_coordinator_cites_an_answer_shown_with_its_date_and_its_request(personas, answered):
    interpellation = af.interpellation()
    link = cite(interpellation, personas, answered["answer"])
    assert link.expertise_answer == answered["answer"]
    (item,) = chain.build(interpellation, personas["coordinator"]).items
    day = timezone.localtime(answered["answer"].answered_at).strftime("%d/%m/%Y")
    assert day in item.title and "Regroupement familial d'un réfugié" in item.title
    assert item.url == f"/expertise/demandes/{answered['request'].pk}/#assignment-{answered['answer'].pk}"
    assert item.detail == ANSWER  # no words quoted: the answer itself


def test_an_answer_not_given_yet_or_none_is_refused(personas, answered, english):
    interpellation = af.interpellation()
    with pytest.raises(ValidationError) as refused:
        cite(interpellation, personas, answered["waiting"])
    assert "expertise_answer" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        cite(interpellation, personas, None)
    assert "Choose the expertise answer" in refused.value.error_dict["expertise_answer"][0].messages[0]
    assert not interpellation.links.exists()


def test_only_answers_of_requests_the_user_may_see_are_offered(personas, answered, partner):
    assert list(expertise_answers(personas["coordinator"])) == [answered["answer"]]
    assert not expertise_answers(personas["partner_member"]).exists()
    type(answered["request"]).objects.filter(pk=answered["request"].pk).update(requester_organisation=partner)
    assert list(expertise_answers(personas["partner_member"])) == [answered["answer"]]


def test_a_co_signer_who_may_not_see_the_request_does_not_read_the_answer(
    client_as, personas, answered, partner
):
    interpellation = af.interpellation(co_signer=partner)
    cite(interpellation, personas, answered["answer"])
    built = chain.build(interpellation, personas["partner_member"])
    assert (built.items, len(built.left_out)) == ([], 1)
    client = client_as(personas["partner_member"])
    page = client.get(interpellation.get_absolute_url()).content.decode()
    assert ANSWER not in page and "Regroupement familial d&#x27;un réfugié" not in page
    api = client.get(f"/api/v1/advocacy/interpellations/{interpellation.pk}/chain/").json()
    assert (api["links"], api["left_out"]) == ([], 1)


def test_a_co_signer_of_the_requesting_organisation_reads_it(personas, answered, partner):
    type(answered["request"]).objects.filter(pk=answered["request"].pk).update(requester_organisation=partner)
    interpellation = af.interpellation(co_signer=partner)
    cite(interpellation, personas, answered["answer"])
    (item,) = chain.build(interpellation, personas["partner_member"]).items
    assert item.kind == LinkKind.EXPERTISE and item.detail == ANSWER


def test_the_public_chain_of_a_published_interpellation_never_shows_the_answer(client, personas, answered):
    interpellation = af.interpellation()
    cite(interpellation, personas, answered["answer"], quotation="« sans condition de revenus »")
    interpellation.phase = "sent"
    interpellation.sent_on = timezone.localdate()
    interpellation.is_published = True
    interpellation.save()
    built = chain.build(interpellation, personas["coordinator"], public=True)
    assert (built.items, len(built.left_out)) == ([], 1)
    for user in (None, personas["reader"]):
        if user is None:
            client.logout()
        else:
            client.force_login(user)
        page = client.get(interpellation.get_absolute_url()).content.decode()
        printable = client.get(f"{interpellation.get_absolute_url()}chaine/").content.decode()
        api = client.get(f"/api/v1/advocacy/interpellations/{interpellation.pk}/chain/").json()
        for text in (page, printable, str(api)):
            assert "sans condition de revenus" not in text and "Regroupement familial" not in text
            assert "Nadia Benali" not in text
        assert api["left_out"] == 1


def test_the_coordinator_cites_it_through_the_page(client_as, personas, answered):
    interpellation = af.interpellation()
    response = client_as(personas["coordinator"]).post(
        f"/plaidoyer/interpellations/{interpellation.pk}/liens/",
        {"kind": "expertise", "expertise_answer": answered["answer"].pk},
    )
    assert response.status_code == 302
    assert interpellation.links.get().expertise_answer == answered["answer"]
