"""The search across the platform (issue 11): every kind the user may see, grouped, accents, case and
plurals ignored; each kind filtered by its own visible_to."""

import pytest
from django.urls import reverse

from pli.search import matches, search, words

pytestmark = pytest.mark.django_db


def test_a_query_matches_with_accents_case_and_plurals_ignored():
    assert matches(words("ECOLES"), "L'école communale")
    assert matches(words("eghezee"), "Éghezée")
    assert matches(words("centres sociaux"), "Centre social de Namur")
    assert not matches(words("logement ecole"), "L'école communale")


def kinds_of(groups):
    return {g.kind.key: [h.title for h in g.hits] for g in groups}


def test_every_kind_is_found_and_grouped_for_a_coordinator(demo_once, personas):
    from diagnostic.models import Finding
    from network.models import ConcertationSpace, Meeting, Organisation

    finding = Finding.objects.exclude(status="draft").order_by("pk").first()
    word = max(words(finding.statement), key=len)
    assert (
        finding.statement in kinds_of(search(personas["admin"], word)).get("findings", [])
        or len(kinds_of(search(personas["admin"], word))["findings"]) == 10
    )
    organisation = Organisation.objects.order_by("pk").first()
    assert organisation.name in kinds_of(search(personas["admin"], organisation.name))["organisations"]
    space = ConcertationSpace.objects.order_by("pk").first()
    assert space.name in kinds_of(search(personas["admin"], space.name))["spaces"]
    meeting = Meeting.objects.exclude(minutes="").order_by("pk").first()
    minutes_word = max(words(meeting.minutes), key=len)
    assert (
        str(meeting) in kinds_of(search(personas["admin"], minutes_word)).get("meetings", [])
        or len(kinds_of(search(personas["admin"], minutes_word))["meetings"]) == 10
    ), "a meeting is found by its minutes"
    territories = kinds_of(search(personas["admin"], "namur"))["territories"]
    assert {"Namur", "Province de Namur", "Arrondissement de Namur"} <= set(territories)


def test_each_kind_follows_its_own_rule_for_an_anonymous_visitor(demo_once, personas):
    from network.models import Organisation

    organisation = Organisation.objects.order_by("pk").first()
    assert "organisations" not in kinds_of(search(None, organisation.name)), "organisations need an account"
    assert "Namur" in kinds_of(search(None, "namur"))["territories"], "territories are open data"
    from diagnostic.models import Finding

    draft = Finding.objects.filter(status="draft").order_by("pk").first()
    if draft is not None:
        titles = kinds_of(search(personas["reader"], draft.statement)).get("findings", [])
        assert draft.statement not in titles, "a draft finding stays the coordinators'"


def test_the_search_page_groups_the_results_under_a_heading_per_kind(demo_once, personas, client_as):
    response = client_as(personas["coordinator"]).get(reverse("search"), {"q": "Namur"})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<h2 id="results-territories">Territoires</h2>' in page
    assert 'role="search"' in page and 'name="q"' in page, "the header's box"
    assert client_as(None).get(reverse("search"), {"q": ""}).status_code == 200


def test_expertise_requests_alerts_and_interpellations_are_found_only_by_who_may_read_them(
    demo_once, personas
):
    """The confidential requests: a coordinator finds them, a partner of another organisation does not;
    alerts are the centre's and their raisers'; a visitor finds the published interpellations only."""
    from advocacy.models import Alert, Interpellation
    from expertise.models import ExpertiseRequest

    request = ExpertiseRequest.objects.order_by("pk").first()
    assert request.title in kinds_of(search(personas["coordinator"], request.title))["expertise_requests"]
    hidden = ExpertiseRequest.objects.exclude(pk__in=ExpertiseRequest.objects.visible_to(personas["reader"]))
    assert hidden.exists()
    for other in hidden[:5]:
        found = kinds_of(search(personas["reader"], other.title)).get("expertise_requests", [])
        assert other.title not in found, "a request stays with its requester, experts and coordinators"
    alert = Alert.objects.order_by("pk").first()
    assert alert.title in kinds_of(search(personas["coordinator"], alert.title))["alerts"]
    assert "alerts" not in kinds_of(search(None, alert.title))
    published = Interpellation.objects.filter(is_published=True).order_by("pk").first()
    unpublished = Interpellation.objects.filter(is_published=False).order_by("pk").first()
    assert published.subject in kinds_of(search(None, published.subject))["interpellations"]
    assert unpublished.subject not in kinds_of(search(None, unpublished.subject)).get("interpellations", [])
