"""In the browser: a personal API token created from My account, used by a script, revoked; the login
lockout page; a refused import; on a phone too. Every page under the Content-Security-Policy."""

import json
import urllib.request

import pytest

from accounts.models import ApiToken
from conftest import assert_accessible, browser_login, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def api_get(base_url: str, path: str, secret: str):
    request = urllib.request.Request(base_url + path, headers={"Authorization": f"Bearer {secret}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_a_reader_creates_uses_and_revokes_an_api_token(page, live_server, reader):
    browser_login(page, reader)
    page.goto("/compte/securite/")
    page.get_by_role("link", name="Créer un jeton d’API").click()
    page.wait_for_load_state()
    assert_accessible(page, "accounts-token-form")
    page.get_by_label("Nom").fill("Outil PCS de Ciney")
    page.get_by_label("Valable pendant").select_option("30")
    assert page.get_by_label("lecture seule").is_checked()
    submit(page, "api-token-form")
    secret = page.get_by_label("Jeton « Outil PCS de Ciney »").input_value()
    assert secret.startswith("pli_")
    assert_accessible(page, "accounts-token-created")
    status, data = api_get(live_server.url, "/api/v1/network/organisations/", secret)
    assert status == 200 and data["count"] == 0
    page.goto("/compte/securite/")
    table = page.locator("table.data").inner_text()
    assert "Outil PCS de Ciney" in table and secret not in page.content()
    assert_accessible(page, "accounts-security-with-token")
    page.get_by_role("button", name="Révoquer le jeton Outil PCS de Ciney").click()
    page.wait_for_load_state()
    assert "est révoqué" in page.locator("main").inner_text()
    assert not ApiToken.objects.exists()
    status, data = api_get(live_server.url, "/api/v1/network/organisations/", secret)
    assert status == 401 and "n’est pas valide" in data["detail"]


def test_the_token_page_fits_a_phone(browser, live_server, reader):
    from accounts.tokens import create_token

    context = browser.new_context(
        locale="fr-BE", base_url=live_server.url, viewport={"width": 390, "height": 844}
    )
    phone = context.new_page()
    browser_login(phone, reader)
    create_token(reader, "Observatoire régional", days=90)
    phone.goto("/compte/securite/")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "no sideways scrolling of the page (the table scrolls inside its frame)"
    phone.screenshot(path="var/screenshots/accounts-security-phone.png", full_page=True)
    context.close()


def test_a_locked_out_login_explains_itself(page, reader, settings):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        page.goto("/compte/connexion/")
        page.get_by_label("Adresse e-mail").fill(reader.email)
        page.get_by_label("Mot de passe").fill("wrong")
        page.get_by_role("button", name="Se connecter").click()
        page.wait_for_load_state()
    assert "Trop de tentatives" in page.locator("main").inner_text()
    assert_accessible(page, "accounts-locked-out")
