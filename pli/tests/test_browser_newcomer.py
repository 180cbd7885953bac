"""The newcomer's walks (issue 11) in Chromium: the global search, the anonymous navigation, a
comparison of three communes; each page checked by axe and kept as a screenshot."""

from pathlib import Path

import pytest

from conftest import assert_accessible, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_header_search_finds_territories_and_findings_grouped_by_kind(page, statistics, coordinator):
    from diagnostic.models import Diagnostic, Finding
    from territory.models import Territory
    from vocabulary.models import Axis

    namur = Territory.objects.get(nis_code="90000")
    diagnostic = Diagnostic.objects.create(
        title="Méta-diagnostic", territory=namur, period="2016-2017", status="published"
    )
    finding = Finding.objects.create(
        diagnostic=diagnostic,
        statement="Les écoles de Namur manquent de classes passerelles",
        axis=Axis.objects.first(),
        status="in_force",
    )
    finding.refresh_search_text()
    finding.save()
    browser_login(page, coordinator)
    page.get_by_role("searchbox", name="Chercher dans la plateforme").fill("ECOLE namur")
    page.get_by_role("search").get_by_role("button", name="Rechercher").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Constats").is_visible()
    assert page.get_by_role("link", name="Les écoles de Namur manquent de classes passerelles").is_visible()
    page.get_by_role("searchbox", name="Mots à trouver").fill("namur")
    page.get_by_role("main").get_by_role("button", name="Rechercher").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Territoires").is_visible()
    assert page.get_by_role("link", name="Province de Namur").is_visible()
    assert_accessible(page, "search-results")


def test_a_visitor_finds_the_territories_and_the_plans_from_the_public_home(page, statistics):
    page.goto("/")
    assert "plan local d’intégration" in page.locator("main").inner_text().lower()
    assert_accessible(page, "anonymous-home")
    menu = page.get_by_role("navigation", name="Menu principal")
    menu.get_by_role("link", name="Index des territoires").click()
    page.wait_for_load_state()
    assert "/territoire/communes/" in page.url
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Plans publiés").click()
    page.wait_for_load_state()
    assert "/plan/" in page.url
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Territoire", exact=True
    ).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("Province de Namur")


def test_three_communes_compared_from_the_chooser(page, statistics):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/territoire/comparer/")
    search = page.get_by_role("searchbox", name="Chercher un territoire (nom ou code INS)")
    chooser = page.locator("#id_t")
    for name, code in (("anhee", "91005"), ("florennes", "93022"), ("92094", "92094")):
        search.fill(name)
        visible = chooser.evaluate("(s) => [...s.options].filter((o) => !o.hidden).map((o) => o.value)")
        assert code in visible and len(visible) < 10, (name, visible)
    search.fill("")  # every option back
    chooser.select_option(["91005", "93022", "92094"])
    page.get_by_role("button", name="Comparer").click()
    page.wait_for_load_state("networkidle")
    assert "t=91005" in page.url and "t=93022" in page.url
    table = page.locator("table.data").inner_text()
    assert "Anhée" in table and "Florennes" in table and "Namur" in table
    page.wait_for_function("Object.keys(Chart.instances).length === 4")
    assert_accessible(page, "compare-three-communes")


def test_a_chart_and_the_map_download_as_png_and_svg_with_title_and_source(page, statistics):
    page.goto("/territoire/90000/?annee=2015")
    page.wait_for_selector("#map path.leaflet-interactive")
    downloads = page.locator(".figure-downloads")
    assert downloads.count() == 3, "the evolution, the pyramid and the map"
    with page.expect_download() as chart_svg:
        downloads.first.get_by_role("link", name="SVG").click()
    text = Path(chart_svg.value.path()).read_text(encoding="utf-8")
    assert text.startswith("<svg") and "<image" not in text, "a drawing, not a picture in an SVG"
    assert "Évolution de la population, Province de Namur" in text
    assert "statbel_TF_SOC_POP_STRUCT_2015.txt.gz" in text, "the source is written with the chart"
    assert "Télécharger" not in text
    # The map's image follows the indicator chosen on the page.
    page.get_by_label("Colorer les communes selon").select_option("median_age")
    map_links = page.locator(".map-section .figure-downloads")
    with page.expect_download() as map_svg:
        map_links.get_by_role("link", name="SVG").click()
    map_text = Path(map_svg.value.path()).read_text(encoding="utf-8")
    assert map_text.count("<path") >= 38 and "Âge médian par commune, Province de Namur" in map_text
    assert "et plus" in map_text, "the legend of the page's classes"
    with page.expect_download() as map_png:
        map_links.get_by_role("link", name="PNG").click()
    assert Path(map_png.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
