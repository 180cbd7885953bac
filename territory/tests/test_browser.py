import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import axe_violations, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(os.environ.get("PLI_SCREENSHOTS", "var/screenshots"))


def test_coordinator_sees_the_diagnostic_of_the_province_with_its_map(page, statistics, coordinator):
    browser_login(page, coordinator)
    page.get_by_role("link", name="Territoire").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text().startswith("Province de Namur")
    assert (
        "487\u202f145" in page.locator(".kpis").inner_text()
        or "503\u202f895" in page.locator(".kpis").inner_text()
    )
    page.select_option("#id_annee", "2015")
    page.get_by_role("button", name="Afficher").click()
    page.wait_for_load_state("networkidle")
    assert "487\u202f145" in page.locator(".kpis").inner_text()
    page.wait_for_selector("#map path.leaflet-interactive")
    assert page.locator("#map path.leaflet-interactive").count() == 38
    legend = page.locator("#map-legend").inner_text()
    assert "Part des non-Belges" in legend and "et plus" in legend, "the script's words come in French"
    namur = page.locator('#map path[aria-label^="Namur —"]').get_attribute("aria-label")
    assert namur == "Namur — Part des non-Belges\u202f: 7,43\u00a0%", "French words and numbers"
    labels = page.evaluate(
        "Object.values(Chart.instances).flatMap((c) => c.data.datasets.map((d) => d.label))"
    )
    assert labels == [
        "Population",
        "Non-Belges",
        "Hommes belges",
        "Hommes non belges",
        "Femmes belges",
        "Femmes non belges",
    ]
    page.select_option("#map-indicator", "median_age")
    assert "Âge médian" in page.locator("#map-legend").inner_text()
    assert axe_violations(page) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "territory-province.png", full_page=True)


def test_commune_table_filters_with_htmx(page, statistics, reader):
    browser_login(page, reader)
    page.goto("/territoire/communes/?annee=2015")
    assert "38 communes" in page.get_by_role("status").inner_text()
    page.get_by_label("Rechercher une commune").fill("sambre")
    expect(page.locator("[role=status]").first).to_contain_text("2 communes")
    rows = page.locator("#commune-table tbody tr")
    assert rows.count() == 2
    assert axe_violations(page) == []
    page.screenshot(path=SCREENSHOTS / "territory-communes.png", full_page=True)
