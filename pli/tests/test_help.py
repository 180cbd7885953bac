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


@pytest.mark.parametrize("area", ["territoire", "constats", "plan", "reseau", "expertise", "plaidoyer"])
def test_each_area_has_its_help_linked_to_the_glossary(client, area):
    page = client.get(reverse("help_area", args=[area])).content.decode()
    assert reverse("glossary") in page and "<h1>Aide" in page


def test_every_page_links_to_the_help_and_the_glossary(client, statistics):
    page = client.get(reverse("territory:detail", args=["90000"])).content.decode()
    assert reverse("glossary") in page and reverse("help") in page
    assert client.get(reverse("help_area", args=["nulle-part"])).status_code == 404


@pytest.mark.parametrize(
    ("url_name", "area", "title"),
    [
        ("territory:compare", "territoire", "Territoire"),
        ("diagnostic:index", "constats", "Constats"),
        ("plan:index", "plan", "Plan"),
        ("network:index", "reseau", "Réseau"),
        ("expertise:index", "expertise", "Expertise"),
        ("advocacy:index", "plaidoyer", "Veille et plaidoyer"),
    ],
)
def test_each_area_s_pages_link_to_the_area_s_help(client_as, coordinator, url_name, area, title):
    page = client_as(coordinator).get(reverse(url_name)).content.decode()
    assert (
        f'<a class="breadcrumbs__help" href="{reverse("help_area", args=[area])}">Aide : {title}</a>' in page
    )


def test_a_page_outside_the_areas_has_no_area_help_link(client_as, coordinator):
    assert "breadcrumbs__help" not in client_as(coordinator).get(reverse("help")).content.decode()


def test_the_field_s_acronyms_link_to_the_glossary_once_each_and_the_text_stays_escaped():
    from django.utils import translation

    from pli.templatetags.glossary import glossed

    with translation.override("fr"):
        html = glossed("Le CPAS <b>et</b> la PPLI ; le CPAS encore, PLIS n’en est pas un")
    glossary = reverse("glossary")
    assert html.count(f'href="{glossary}#cpas"') == 1, "the first occurrence only"
    assert f'href="{glossary}#ppli"' in html and f'{glossary}#pli"' not in html, "PPLI, not the PLI inside it"
    assert "&lt;b&gt;et&lt;/b&gt;" in html and "<b>" not in html
    assert "PLIS" in html and html.count("<a ") == 2, "a word that only begins like a term is left alone"
    assert glossed(None) == ""


def test_the_pages_write_the_terms_as_links_to_the_glossary(client, statistics):
    page = client.get(reverse("territory:detail", args=["92094"])).content.decode()
    assert f'href="{reverse("glossary")}#ins"' in page, "« code INS » beside the territory's name"
    help_page = client.get(reverse("help_area", args=["expertise"])).content.decode()
    assert "<h1>Aide — Expertise</h1>" in help_page


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Portrait de Anhée", "Portrait d’Anhée"),
        ("Pyramide des âges de Éghezée", "Pyramide des âges d’Éghezée"),
        ("les communes de la province de Namur", "les communes de la province de Namur"),
        ("Portrait de Le Rœulx", "Portrait du Rœulx"),
        ("Portrait de Les Bons Villers", "Portrait des Bons Villers"),
        ("Portrait de Havelange", "Portrait de Havelange"),
        ("De Yvoir à Dinant", "D’Yvoir à Dinant"),
    ],
)
def test_de_before_a_vowel_is_elided_where_names_are_interpolated(sentence, expected):
    from pli.text import elide

    assert elide(sentence) == expected


def test_the_comparison_and_the_portrait_link_elide_de_before_a_commune_s_vowel(client, statistics):
    page = client.get(reverse("territory:compare") + "?t=91005&t=93022&annee=2015").content.decode()
    assert "Pyramide des âges d’Anhée" in page and "de Anhée" not in page
