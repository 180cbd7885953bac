import subprocess
import sys

import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_unknown_url_gives_french_404_in_layout(client_as, reader):
    response = client_as(reader).get("/nulle-part/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "Page introuvable" in content
    assert 'class="main-nav"' in content


@override_settings(DEBUG=False)
def test_server_error_gives_french_500_without_trace(client, reader, monkeypatch):
    client.raise_request_exception = False
    client.force_login(reader)

    def boom(request):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("pli.views.dashboard_cards", boom)
    response = client.get(reverse("home"))
    assert response.status_code == 500
    content = response.content.decode()
    assert "Erreur du serveur" in content
    assert "secret internals" not in content and "Traceback" not in content


def test_layout_has_landmarks_skip_link_and_print_stylesheet(client_as, reader):
    content = client_as(reader).get(reverse("home")).content.decode()
    assert 'href="#main"' in content and 'id="main"' in content
    assert "<header" in content and "<main" in content and "<footer" in content
    assert 'media="print"' in content
    assert "vendor/htmx/htmx.min.js" in content, "htmx is served from the project's static files"
    assert "https://" not in content.split("<body")[0], "no CDN in the page head"


def test_dashboard_shows_account_card(client_as, reader):
    content = client_as(reader).get(reverse("home")).content.decode()
    assert "Vous êtes connecté·e en tant que lecteur" in content


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("nonsense", "DATABASE_URL='nonsense' is not a database URL"),
        ("mysql://x@y/z", "DATABASE_URL uses the unsupported scheme 'mysql'"),
        ("postgres://localhost:5432/", "DATABASE_URL names no database"),
    ],
)
def test_bad_database_url_stops_with_one_clear_line(value, message):
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        env={"DATABASE_URL": value, "PATH": "/usr/bin:/bin", "PLI_VAR_DIR": "/tmp/pli-test-var"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"Configuration error: {message}")


def test_production_requires_secret_key():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        env={"PLI_ENVIRONMENT": "production", "PATH": "/usr/bin:/bin", "PLI_VAR_DIR": "/tmp/pli-test-var"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "SECRET_KEY is required" in result.stderr


def test_pages_and_their_htmx_fragments_are_never_confused_by_caches(client_as, reader):
    client = client_as(reader)
    page = client.get(reverse("home"))
    assert "HX-Request" in page["Vary"]
    fragment = client.get(reverse("home"), HTTP_HX_REQUEST="true")
    assert "no-store" in fragment["Cache-Control"]


def test_robots_txt_lets_search_engines_index_the_published_plans_only(client):
    response = client.get("/robots.txt")
    lines = response.content.decode().splitlines()
    assert response["Content-Type"].startswith("text/plain")
    assert "Allow: /plan/" in lines and "Disallow: /" in lines


def test_pages_carry_a_content_security_policy_without_inline_code(client_as, reader):
    response = client_as(reader).get(reverse("home"))
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert "unsafe" not in policy


def test_no_template_has_inline_scripts_styles_or_handlers():
    """What the policy would refuse: caught here, before a browser test meets it."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offending = []
    for path in root.glob("*/templates/**/*.html"):
        text = path.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"\son[a-z]+=", text):
            offending.append(path.name)
        if re.search(r"<style|\sstyle=", text):
            offending.append(path.name)
    for path in root.glob("*/static/*/*.js"):
        if re.search(r"style=", path.read_text()):
            offending.append(path.name)
    assert offending == []


def test_every_page_loads_the_javascript_catalogue_before_the_scripts_that_write_words():
    """A script that writes words (gettext) writes them in English on a page without Django's
    JavaScript catalogue loaded before it (the expertise report's chart once did)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    writing = {
        f"{path.parent.name}/{path.name}"
        for path in root.glob("*/static/*/*.js")
        if "gettext(" in path.read_text()
    }
    assert writing, "the scripts of the territory pages write words"
    offending = []
    for path in root.glob("*/templates/**/*.html"):
        text = path.read_text()
        for match in re.finditer(r"{% static '([^']+\.js)' %}", text):
            if match.group(1) in writing and not 0 <= text.find("javascript_catalog") < match.start():
                offending.append(f"{path.name}: {match.group(1)}")
    assert offending == []


def test_no_template_asks_a_role_only_a_permission():
    """docs/permissions.md: a template shows a link or a button by a permission the view computed from
    the object's rule (`can_edit`, `can_triage`…), never by testing the user's role itself."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    # A role asked of the user, or a bare role flag in the context (an organisation's `is_partner`, partner
    # of the plan, is a fact, not a role). `user.is_staff` is the admin's own rule of access: allowed.
    asking = re.compile(
        r"{%[^%]*(\buser\.(is_coordinator|is_partner|is_reader|role)\b|(?<![.\w])is_(coordinator|partner|reader)\b)"
    )
    offending = [
        f"{path.relative_to(root)}: {match.group(0)}"
        for path in root.glob("*/templates/**/*.html")
        for match in asking.finditer(path.read_text())
    ]
    assert offending == []


def test_a_forms_address_opened_by_get_answers_a_french_page_that_says_where_the_form_is(client_as, reader):
    response = client_as(reader).get(reverse("accounts:backup_codes_regenerate"))
    assert response.status_code == 405
    assert "POST" in response["Allow"]
    content = response.content.decode()
    assert "Cette adresse reçoit un formulaire" in content
    assert 'class="main-nav"' in content, "the page of the layout, not the browser's bare error"
