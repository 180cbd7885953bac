"""Defects a newcomer met on the network's pages (issue 11), each with the test that caught it."""

from datetime import date

import pytest
from django.urls import reverse

from network.models import ConcertationSpace, Membership, Offer, Organisation
from territory.models import Territory
from vocabulary.models import OfferType, OrganisationType, Public

pytestmark = pytest.mark.django_db


@pytest.fixture
def offers(ili, namur):
    other = Organisation.objects.create(
        name="CPAS de Dinant",
        sector="public",
        type=OrganisationType.objects.get(code="cpas"),
        commune=Territory.objects.get(nis_code="91034"),
    )
    french = OfferType.objects.first()
    newcomers = Public.objects.filter(is_active=True).first()
    undated = Offer.objects.create(
        organisation=ili, type=french, commune=namur, capacity=2219, capacity_unit="hours"
    )
    undated.publics.set([newcomers])
    dated = Offer.objects.create(
        organisation=other,
        type=french,
        commune=other.commune,
        capacity=12,
        starts_on=date(2024, 9, 1),
        ends_on=date(2025, 6, 30),
    )
    return {"undated": undated, "dated": dated, "public": newcomers, "other": other}


def test_the_offers_filter_by_commune_public_and_organisation(client_as, personas, offers, ili):
    client = client_as(personas["coordinator"])
    url = reverse("network:offer_list")

    def listed(**params):
        return {o.pk for o in client.get(url, params).context["page"]}

    assert listed() == {offers["undated"].pk, offers["dated"].pk}
    assert listed(commune="91034") == {offers["dated"].pk}
    assert listed(commune="Dinant") == {offers["dated"].pk}, "a commune by its name"
    assert listed(public=offers["public"].code) == {offers["undated"].pk}
    assert listed(organisation=ili.pk) == {offers["undated"].pk}
    page = client.get(url).content.decode()
    assert 'name="commune"' in page and 'name="public"' in page and 'name="organisation"' in page


def test_an_undated_offer_says_so_and_a_capacity_is_grouped_like_the_tables(client_as, personas, offers, ili):
    client = client_as(personas["coordinator"])
    organisation_page = client.get(ili.get_absolute_url()).content.decode()
    assert "… – …" not in organisation_page
    assert "sans dates" in organisation_page
    assert "2\u202f219 heures" in organisation_page and "2219" not in organisation_page
    detail = client.get(offers["undated"].get_absolute_url()).content.decode()
    assert "2\u202f219" in detail and "sans dates" in detail
    other = client.get(offers["other"].get_absolute_url()).content.decode()
    assert "01/09/2024 – 30/06/2025" in other


def test_an_organisation_page_lists_the_spaces_its_people_sit_in(
    client_as, personas, ili, listed_person, namur
):
    space = ConcertationSpace.objects.create(
        name="Plateforme FLE",
        kind="thematic",
        carried_by=Organisation.objects.create(
            name="CRI", sector="public", type=OrganisationType.objects.get(code="cri"), commune=namur
        ),
        territory=namur,
    )
    Membership.objects.create(space=space, person=listed_person, role="member")
    page = client_as(personas["coordinator"]).get(ili.get_absolute_url()).content.decode()
    assert "Espaces de concertation où siègent ses membres" in page and "Plateforme FLE" in page


def test_the_gdpr_export_has_a_readable_french_page_beside_the_json(client_as, personas, listed_person):
    listed_person.language_codes, listed_person.languages = ["fr", "ar"], "lingala"
    listed_person.save()
    client = client_as(personas["coordinator"])
    person_page = client.get(listed_person.get_absolute_url()).content.decode()
    assert reverse("network:person_data", args=[listed_person.pk]) in person_page
    page = client.get(reverse("network:person_data", args=[listed_person.pk])).content.decode()
    assert "Nadia Verhoeven" in page and "Consentement" in page
    assert '"consent"' not in page and "consent_scope" not in page
    assert "français, arabe" in page and "lingala" in page and "['" not in page, "languages as words"
    assert reverse("network:person_export", args=[listed_person.pk]) in page
    import re

    main = page.split("<main", 1)[1]
    assert not re.search(r"\d{4}-\d{2}-\d{2}", main), "dates are written in French, not as ISO text"
