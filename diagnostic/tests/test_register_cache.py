"""The findings register, cached per user (pli/page_cache.user_page) until a write in an area it reads
(pli/versions.py): an edit shows at the next reading, in every process, and one user's page never
reaches another (the suite's cache is a dummy one: these tests turn a real one on)."""

import pickle
import re

import pytest
from django.contrib.messages import constants
from django.core.cache import cache
from django.urls import reverse

from pli.page_cache import CSRF_PLACEHOLDER

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_cache")]

URL = reverse("diagnostic:index")


@pytest.fixture
def school(make_finding, commit_versions):
    finding = make_finding("Les écoles de Namur manquent de classes passerelles")
    commit_versions()  # as if the setup had committed
    return finding


def edit_statement(client, finding, statement: str, published, housing):
    data = {
        "diagnostic": published.pk,
        "statement": statement,
        "description": "",
        "axis": housing.pk,
        "territories": [t.pk for t in finding.territories.all()],
        "status": "in_force",
        "source_kinds": ["diagnostic_2016"],
        "source_detail": "",
        "version": str(finding.version),
    }
    response = client.post(reverse("diagnostic:finding_edit", args=[finding.pk]), data)
    assert response.status_code == 302


def test_the_second_reading_comes_from_the_cache_and_an_edit_shows_at_the_next(
    school,
    published,
    housing,
    personas,
    client,
    commit_versions,
    django_assert_max_num_queries,
):
    client.force_login(personas["coordinator"])
    first = client.get(URL).content.decode()
    assert "Les écoles de Namur manquent" in first
    with django_assert_max_num_queries(6):  # session, user, devices, data version, tokens
        again = client.get(URL)
    assert "Les écoles de Namur manquent" in again.content.decode()
    edit_statement(
        client, school, "Les écoles de Namur et de Jambes manquent de passerelles", published, housing
    )
    commit_versions()
    # The first reading shows the message "saved" (rendered for the user, not cached), the second is
    # the page cached anew under the diagnostic's renewed version.
    for _reading in range(2):
        after = client.get(URL).content.decode()
        assert "Les écoles de Namur et de Jambes manquent de passerelles" in after
        assert "Les écoles de Namur manquent de classes" not in after


def test_an_uncommitted_write_leaves_the_cached_page_in_use(school, personas, client):
    """The renewal waits for the commit (a write that rolls back changes nothing that is shown)."""
    client.force_login(personas["coordinator"])
    client.get(URL)
    school.statement = "Changé sans que la transaction soit validée"
    school.save()
    assert "Changé sans que" not in client.get(URL).content.decode()


def test_one_user_s_page_never_reaches_another(make_finding, province, personas, client, commit_versions):
    from diagnostic.models import Diagnostic

    draft = Diagnostic.objects.create(title="Diagnostic en préparation", territory=province, status="draft")
    make_finding("Un constat encore en brouillon", diagnostic=draft)
    commit_versions()
    client.force_login(personas["coordinator"])
    assert "Un constat encore en brouillon" in client.get(URL).content.decode()
    client.force_login(personas["reader"])
    page = client.get(URL).content.decode()
    assert "Un constat encore en brouillon" not in page
    assert personas["reader"].full_name in page and personas["coordinator"].full_name not in page


def test_each_reading_has_its_own_csrf_token(school, personas, client):
    client.force_login(personas["coordinator"])
    pages = [client.get(URL).content.decode() for _ in range(2)]
    tokens = [re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1) for page in pages]
    assert CSRF_PLACEHOLDER not in pages[1]
    assert tokens[0] != tokens[1]


def test_a_message_waiting_is_shown_not_taken_from_the_cache(school, personas, client):
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpResponse
    from django.test import RequestFactory

    client.force_login(personas["coordinator"])
    client.get(URL)
    request = RequestFactory().get("/")
    storage = CookieStorage(request)
    storage.add(constants.SUCCESS, "Constat enregistré (message du test).")
    response = HttpResponse()
    storage.update(response)
    client.cookies["messages"] = response.cookies["messages"].value
    assert "Constat enregistré (message du test)." in client.get(URL).content.decode()


def test_the_cached_copy_is_kept_compressed(school, personas, client):
    """One copy per user and address: packed, so that the cache's entries stay small."""
    client.force_login(personas["coordinator"])
    page = client.get(URL).content
    stored = [value for key, value in cache._cache.items() if "user-page" in key]  # locmem's own store
    assert len(stored) == 1
    _content_type, packed = pickle.loads(stored[0])
    assert len(packed) < len(page) / 2
