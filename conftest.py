"""Personas shared by every app's tests (see STYLE.md §4), browser fixtures, the session database."""

import contextlib
import os
import shutil
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


@pytest.fixture(autouse=True)
def empty_document_cache():
    """Each test starts with no built document on disk (reports/documents.py). Their key holds the
    areas' versions, which a test never renews (its writes are rolled back, never committed), and the
    ids that SQLite gives again after a rollback: without this, a test could be served the file that
    another test of the same worker built for other records under the same key."""
    from django.conf import settings

    shutil.rmtree(Path(settings.MEDIA_ROOT) / "documents", ignore_errors=True)


@pytest.fixture
def real_cache(settings):
    """A real cache (local memory) instead of the suite's dummy one, empty at the start and the end: for
    the tests of what is cached."""
    from django.core.cache import cache

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "tests-real-cache",
        }
    }
    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture
def commit_versions():
    """commit_versions() runs the content-version renewals (pli/versions.py) that the writes so far left
    for their transaction's commit, which a test's transaction never reaches: the next request then
    reads what it would read after those writes committed."""

    def run():
        from django.db import connection

        for _ids, callback, _robust in list(connection.run_on_commit):
            if getattr(callback, "pli_area", None) and not callback.pli_done:
                callback()

    return run


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


@pytest.fixture(params=["session", "token"])
def api_client_as(request, client):
    """client_as(user) for API tests, run twice: logged in by session, then with a personal API token
    (read-only, as created from My account). A test of the API's permissions thus holds both ways."""
    from django.test import Client

    from accounts.tokens import create_token

    def login(user):
        if user is None:
            client.logout()
            return client
        if request.param == "session":
            client.force_login(user)
            return client
        _token, secret = create_token(user, "tests", days=1)
        return Client(headers={"Authorization": f"Bearer {secret}"})

    login.way = request.param
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
    # Every browser test also checks the Content-Security-Policy: whatever the page refused (an inline
    # script, style or handler, a foreign address) is reported by Chromium on the console.
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    yield page
    context.close()
    assert refused == [], "the Content-Security-Policy refused something on these pages"


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
    # From the static files, as a page's own script (inline, the Content-Security-Policy would refuse it).
    page.add_script_tag(url="/static/vendor/axe/axe.min.js")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in SERIOUS_IMPACTS
    ]


# --- The session database: migrated, with the official statistics, prepared once and kept ----------
# (pli/tests/prepared_database.py: an SQLite file or a PostgreSQL template, rebuilt when the code changes)


def shared_data_dir():
    from pli.tests.prepared_database import data_dir

    return data_dir()


def load_statistics():
    from pli.tests.prepared_database import load_statistics

    load_statistics()


@pytest.fixture(scope="session")
def prepared_database(django_db_modify_db_settings_parallel_suffix, django_db_blocker):
    """Decides, under a lock held until the session database is ready, whether it is copied."""
    from pli.tests.prepared_database import PreparedDatabase

    with django_db_blocker.unblock():
        prepared = PreparedDatabase()
        prepared.acquire()
    try:
        yield prepared
    finally:
        prepared.release()


@pytest.fixture(scope="session")
def django_db_use_migrations(request, prepared_database):
    """Migrations build the prepared database; an SQLite copy replaces the tables created without them."""
    if request.config.getvalue("nomigrations"):
        return False
    return not (prepared_database.exists and prepared_database.vendor == "sqlite")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, prepared_database):
    prepared_database.use_as_template()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, prepared_database):
    with django_db_blocker.unblock():
        if prepared_database.exists:
            prepared_database.restore()
        else:
            if shared_data_dir() is not None:
                load_statistics()
            prepared_database.save()
    prepared_database.release()  # the other workers may copy it now


@pytest.fixture
def statistics(db, prepared_database):
    """The real statistics of the session database; skips when ../shared/data is absent."""
    if shared_data_dir() is None:
        pytest.skip("the real Statbel files (../shared/data or PLI_DATA_DIR) are not available")
    from territory.models import Territory

    if not Territory.objects.filter(nis_code="90000").exists():  # flushed by a transactional test
        prepared_database.reload()
    return shared_data_dir()


# --- Rows created once for the tests of a module -----------------------------------------------------


@contextlib.contextmanager
def rows_for_the_module(django_db_blocker):
    """For a module-scoped fixture named `*_once`: the rows it creates inside this block stay for the
    module's tests (each test runs in its own savepoint), then are rolled back. A demo that takes seconds
    to load is loaded once per module and worker instead of before every test.

        @pytest.fixture(scope="module")
        def loaded_once(django_db_setup, django_db_blocker):
            with rows_for_the_module(django_db_blocker):
                with django_db_blocker.unblock():
                    demo.load(StringIO())
                yield
    """
    from django.db import transaction

    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo of every app (`pli demo`), loaded once for the module's tests (pli/tests/pages.py)."""
    from pli.tests.pages import load_demo

    with rows_for_the_module(django_db_blocker):
        with django_db_blocker.unblock():
            load_demo(tmp_path_factory.mktemp("var"))
        yield


_FLUSHED = {"since": None}  # the last transactional test, whose flush emptied every table


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or "live_server" in getattr(
        item, "fixturenames", ()
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    if _transactional(item):
        _FLUSHED["since"] = item.nodeid


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    """Before the first test after a transactional one (whose flush emptied every table), the worker's
    database is refilled with what the prepared database holds: the vocabulary and the real statistics,
    which that test and its module's fixtures expect. (Browser tests load what they need themselves.)"""
    if _FLUSHED["since"] and not item.get_closest_marker("browser"):
        from django.contrib.contenttypes.models import ContentType
        from pytest_django.plugin import blocking_manager_key

        from vocabulary.seed import load_vocabulary

        with item.config.stash[blocking_manager_key].unblock():
            ContentType.objects.clear_cache()  # the flush's post_migrate created them again, with new ids
            load_vocabulary()
            if shared_data_dir() is not None:
                load_statistics()
        _FLUSHED["since"] = None
    yield


def pytest_collection_modifyitems(items):
    """Within each module, the tests that use a `*_once` fixture run last: the others never see its rows
    (it lives until the module's last test). Any order set before (pytest-django's) is kept otherwise."""
    ordered, run = [], []
    for item in items:
        if run and item.module is not run[0].module:
            ordered.extend(sorted(run, key=_uses_rows_for_the_module))
            run = []
        run.append(item)
    ordered.extend(sorted(run, key=_uses_rows_for_the_module))
    items[:] = ordered


def _uses_rows_for_the_module(item) -> bool:
    return any(name.endswith("_once") for name in getattr(item, "fixturenames", ()))


# --- Query-count baselines (pli/tests/query_counts.py, <app>/tests/query_counts.json) ----------------


@pytest.fixture
def query_baseline(request):
    """`with query_baseline("name"): …` fails when the queries inside differ from the app's baseline."""
    from pli.tests.query_counts import ROOT, Measures

    app = Path(request.node.path).resolve().relative_to(ROOT).parts[0]
    return Measures(app).measure
