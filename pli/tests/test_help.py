"""Help per area and the glossary of the field's terms, named from the vocabulary (issue 11)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_glossary_names_the_field_s_terms_from_the_vocabulary(client):
    from vocabulary.models import OrganisationType

    page = client.get(reverse("glossary")).content.decode()
    for acronym in ("PLI", "PPLI", "PCS", "ILI", "CADA", "MENA", "ILA"):
        assert f"<abbr>{acronym}</abbr>" in page, acronym
    assert OrganisationType.objects.get(code="ili").label.replace("'", "&#x27;") in page
    assert 'id="cada"' in page
    assert "<abbr>CPAS</abbr> — Centre public d’action sociale" in page, "never « CPAS — CPAS »"


@pytest.mark.parametrize("area", ["territoire", "constats", "plan", "reseau"])
def test_each_area_has_its_help_linked_to_the_glossary(client, area):
    page = client.get(reverse("help_area", args=[area])).content.decode()
    assert reverse("glossary") in page and "<h1>Aide" in page


def test_every_page_links_to_the_help_and_the_glossary(client, statistics):
    page = client.get(reverse("territory:detail", args=["90000"])).content.decode()
    assert reverse("glossary") in page and reverse("help") in page
    assert client.get(reverse("help_area", args=["nulle-part"])).status_code == 404
