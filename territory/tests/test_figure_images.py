"""The charts and the map of the territory pages as images (issue 11: PNG and SVG, with their title and
source): drawn on the server from the same figures and in the page map's classes, never a picture of
the screen wrapped in an SVG."""

import re

import pytest
from django.urls import reverse

from territory import charts

PNG = b"\x89PNG\r\n\x1a\n"


def test_the_map_classes_are_the_page_s_quintiles_and_few_counts_each_their_own_class():
    shares = [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.10]
    assert charts.map_classes(shares) == [0.03, 0.05, 0.07, 0.09]
    assert charts.map_classes([0, 1, 1, 2, 3, None]) == [1, 2, 3]
    assert charts.map_classes([None]) == []


def test_the_map_legend_says_the_classes_in_french(settings):
    from django.utils import translation

    with translation.override("fr"):
        legend = charts.map_legend("non_belgian_share", [0.0184, 0.02, 0.03, 0.04, 0.05, 0.06])
        counts = charts.map_legend("offers", [0, 1, 1, 2])
    assert [label for label, _colour, _low in legend][0] == "1,84\u202f% – 2,00\u202f%"
    assert legend[-1][0].endswith("et plus") and legend[-1][1] == charts.PALETTE[-1]
    assert [label for label, _colour, _low in counts] == ["0", "1", "2 et plus"]


def test_a_territory_s_evolution_downloads_as_a_real_svg_with_two_scales_title_and_source(client, statistics):
    response = client.get(reverse("territory:figure", args=["90000", "evolution", "svg"]) + "?annee=2015")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"].startswith("attachment;")
    text = response.content.decode()
    assert text.startswith("<svg") and "<image" not in text, "drawn, not a picture of a canvas"
    assert "Évolution de la population, Province de Namur" in text
    assert "Statbel" in text and "statbel_TF_SOC_POP_STRUCT_2015.txt.gz" in text
    assert "Télécharger" not in text, "the page's link is not part of the image"
    # Two axes: the non-Belgians on their own scale (a tick label of thousands, not of hundreds of thousands).
    assert "Non-Belges" in text and re.search(r">2[0-9]\u202f?000<|>20 000<", text.replace("\u00a0", " "))


def test_the_map_downloads_as_png_and_svg_with_every_commune_and_the_legend_of_the_page(client, statistics):
    url = reverse("territory:figure", args=["92094", "carte", "svg"]) + "?annee=2015"
    text = client.get(url).content.decode()
    assert text.count("<path") >= 38, "the 38 communes of the province"
    assert "et plus" in text and "Part des non-Belges" in text, "the legend, in the page's classes"
    assert "Province de Namur" in text and "bmesuere/belgium-topojson" in text
    png = client.get(reverse("territory:figure", args=["92094", "carte", "png"]) + "?indicateur=median_age")
    assert png.status_code == 200 and png.content[:8] == PNG
    assert "age-median" in png["Content-Disposition"]


def test_an_unknown_indicator_or_figure_is_refused_in_french(client, statistics):
    bad = client.get(reverse("territory:figure", args=["92094", "carte", "png"]) + "?indicateur=secret")
    assert bad.status_code == 400 and "Indicateur inconnu « secret »" in bad.content.decode()
    assert client.get(reverse("territory:figure", args=["92094", "autre", "png"])).status_code == 404
    assert client.get(reverse("territory:figure", args=["92094", "carte", "gif"])).status_code == 404
    # The country has no map of its own (its figures, compared, on its page).
    assert client.get(reverse("territory:figure", args=["01000", "carte", "svg"])).status_code == 404


@pytest.mark.parametrize("user", [None, "reader"])
def test_the_offers_map_is_drawn_only_for_users_who_see_the_network(
    client_as, client, statistics, user, request
):
    url = reverse("territory:figure", args=["92094", "carte", "svg"]) + "?indicateur=offers"
    browser = client if user is None else client_as(request.getfixturevalue(user))
    expected = 400 if user is None else 200
    assert browser.get(url).status_code == expected


def test_the_territory_page_links_its_images_and_the_comparison_its_own(client, statistics):
    page = client.get(reverse("territory:detail", args=["92094"]) + "?annee=2015").content.decode()
    for kind in ("evolution", "pyramide", "carte"):
        assert reverse("territory:figure", args=["92094", kind, "svg"]) + "?annee=2015" in page
    compared = client.get(reverse("territory:compare") + "?t=91005&t=93022&t=92094&annee=2015")
    assert "figure=pyramides&amp;format=svg" in compared.content.decode()
    image = client.get(
        reverse("territory:compare") + "?t=91005&t=93022&t=92094&annee=2015&figure=pyramides&format=svg"
    )
    text = image.content.decode()
    assert image.status_code == 200 and all(name in text for name in ("Anhée", "Florennes", "Namur"))
    evolution = client.get(reverse("territory:compare") + "?t=91005&t=93022&figure=evolution&format=png")
    assert evolution.content[:8] == PNG
    refused = client.get(reverse("territory:compare") + "?t=91005&t=93022&figure=evolution&format=bmp")
    assert refused.status_code == 400 and "Format inconnu" in refused.content.decode()


def test_an_image_is_drawn_once_per_specification_and_again_for_other_figures(client, statistics):
    from unittest import mock

    charts._png.cache_clear()
    address = reverse("territory:figure", args=["90000", "carte", "png"])
    with mock.patch("vl_convert.vegalite_to_png", return_value=PNG + b"drawn") as draw:
        first = client.get(address + "?annee=2015&indicateur=non_belgian_share")
        again = client.get(address + "?annee=2015&indicateur=non_belgian_share")
        other = client.get(address + "?annee=2015&indicateur=median_age")
    charts._png.cache_clear()
    assert first.content == again.content == other.content == PNG + b"drawn"
    assert draw.call_count == 2, "the same map is kept, another indicator is drawn"
