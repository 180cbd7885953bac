import os
from pathlib import Path

import pytest

from conftest import axe_violations, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(os.environ.get("PLI_SCREENSHOTS", "var/screenshots"))


def test_new_user_is_sent_to_french_login_and_lands_on_dashboard(page, live_server, coordinator):
    page.goto("/")
    page.get_by_role("link", name="Se connecter").first.click()
    page.wait_for_load_state()
    assert "/compte/connexion/" in page.url
    assert page.locator("h1").inner_text() == "Se connecter"
    assert axe_violations(page) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "login.png", full_page=True)
    browser_login(page, coordinator)
    assert page.url == live_server.url + "/"
    assert "Bonjour Coordinator" in page.locator("h1").inner_text()
    assert axe_violations(page) == []
    page.screenshot(path=SCREENSHOTS / "dashboard.png", full_page=True)


def test_wrong_password_shows_french_error(page, coordinator):
    browser_login(page, coordinator, password="not-the-password")
    alert = page.get_by_role("alert")
    assert "L’adresse e-mail ou le mot de passe est incorrect." in alert.inner_text()


def test_keyboard_reaches_skip_link_and_main_menu(page, coordinator):
    browser_login(page, coordinator)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Aller au contenu principal"
    for _ in range(4):
        page.keyboard.press("Tab")
        inside_menu = page.evaluate("!!document.activeElement.closest('nav.main-nav')")
        if inside_menu:
            break
    assert inside_menu, "Tab reaches the main menu"
    assert page.evaluate("document.activeElement.textContent.trim()") == "Tableau de bord"
