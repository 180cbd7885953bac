"""Personas shared by every app's tests (see STYLE.md §4)."""

import os
from pathlib import Path

import pytest

from accounts.choices import Role

PASSWORD = "correct-horse-battery-9"

PERSONAS = {
    "admin": Role.ADMIN,
    "coordinator": Role.COORDINATOR,
    "partner_member": Role.PARTNER,
    "partner_outsider": Role.PARTNER,
    "reader": Role.READER,
}


def make_user(persona: str):
    from accounts.models import User

    return User.objects.create_user(
        f"{persona}@example.org",
        PASSWORD,
        full_name=persona.replace("_", " ").title(),
        role=PERSONAS[persona],
    )


@pytest.fixture
def personas(db):
    """One user per persona, by name; `anonymous` is None."""
    users = {name: make_user(name) for name in PERSONAS}
    users["anonymous"] = None
    return users


@pytest.fixture
def coordinator(db):
    return make_user("coordinator")


@pytest.fixture
def reader(db):
    return make_user("reader")


@pytest.fixture
def admin_user(db):
    return make_user("admin")


@pytest.fixture
def client_as(client):
    """client_as(user) -> a test client logged in as that user (or anonymous for None)."""

    def login(user):
        if user is None:
            client.logout()  # the same client may have been logged in by an earlier call
        else:
            client.force_login(user)
        return client

    return login


# --- Browser tests (marker `browser`): headless Chromium driven by Playwright ---------------------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SERIOUS_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="session")
def browser():
    import os

    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls of the tests are safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    executable = os.environ.get("PLI_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    from vocabulary.seed import load_vocabulary

    load_vocabulary()  # a transactional test before this one flushed the migration's seed
    context = browser.new_context(locale="fr-BE", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(20_000)  # generous: CI machines are shared and sometimes slow
    yield page
    context.close()


def browser_login(page, user, password=PASSWORD):
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(user.email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()


SCREENSHOTS = Path(os.environ.get("PLI_SCREENSHOTS", "var/screenshots"))


def submit(page, form_id):
    """Submit the form with this id by its (last) submit button, and wait for the next page."""
    page.locator(f"#{form_id} button[type=submit]").last.click()
    page.wait_for_load_state()


def assert_accessible(page, name):
    """No serious or critical axe-core violation; the page is kept as var/screenshots/<name>.png."""
    assert axe_violations(page) == [], name
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def axe_violations(page) -> list[dict]:
    """Serious and critical accessibility violations found by axe-core (served from our static files)."""
    axe = Path(__file__).parent / "pli" / "static" / "vendor" / "axe" / "axe.min.js"
    page.add_script_tag(path=str(axe))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in SERIOUS_IMPACTS
    ]


# --- Official statistics loaded once per test session ---------------------------------------------

SHARED_DATA = Path(__file__).resolve().parent.parent / "shared" / "data"
REFERENCE_YEAR = 2015


def shared_data_dir():
    from django.conf import settings

    folder = settings.PLI_DATA_DIR or SHARED_DATA
    return folder if folder and Path(folder).is_dir() else None


def load_statistics():
    """REFNIS, the boundaries, the 1992–2024 workbook and the 2015 structure file (real data)."""
    from territory.imports.refnis import load_boundaries, load_refnis
    from territory.imports.statbel import import_population, import_structure

    folder = shared_data_dir()
    load_refnis(folder / "statbel_TU_COM_REFNIS_2022.txt")
    load_boundaries(folder / "belgium_communes_2019.topojson.json")
    import_population(folder / "statbel_Population_par_commune_1992-2024.xlsx")
    import_structure(folder / f"statbel_TF_SOC_POP_STRUCT_{REFERENCE_YEAR}.txt.gz")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    if shared_data_dir() is not None:
        with django_db_blocker.unblock():
            load_statistics()


@pytest.fixture
def statistics(db):
    """The real statistics of the session database; skips when ../shared/data is absent."""
    if shared_data_dir() is None:
        pytest.skip("the real Statbel files (../shared/data or PLI_DATA_DIR) are not available")
    from territory.models import Territory

    if not Territory.objects.filter(nis_code="90000").exists():  # flushed by a transactional test
        load_statistics()
    return shared_data_dir()
