"""Whole public pages cached for anonymous visitors (pli/page_cache.py), on the territory page: each
visitor gets their own CSRF token, a signed-in user's page is never cached nor served to others, and a
message waiting for a visitor is shown to them only."""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from pli.page_cache import CSRF_PLACEHOLDER
from territory import queries

pytestmark = pytest.mark.django_db

URL = reverse("territory:detail", kwargs={"nis": "92094"})


@pytest.fixture(autouse=True)
def real_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "page-cache"}
    }
    settings.PLI_DATA_VERSION_TTL = 60
    cache.clear()
    queries.forget_data_version()
    yield
    cache.clear()


def token_in(html: str) -> str:
    return re.search(r'"X-CSRFToken": "([^"]+)"', html).group(1)


def test_the_second_anonymous_visitor_reads_the_cached_page_with_a_token_of_their_own(
    statistics, django_assert_max_num_queries
):
    first, second = Client(), Client()
    page = first.get(URL).content.decode()
    with django_assert_max_num_queries(1):  # the territory (cached) and the data version at most
        response = second.get(URL)
    html = response.content.decode()
    assert html.replace(token_in(html), "") == page.replace(token_in(page), "")
    assert CSRF_PLACEHOLDER not in html
    assert token_in(html) != token_in(page)
    assert response.cookies["csrftoken"].value, "the CSRF cookie is set, as the template's tag would"


def test_a_signed_in_user_s_page_never_reaches_an_anonymous_visitor(statistics, personas, client_as):
    coordinator = personas["coordinator"]
    signed_in = client_as(coordinator).get(URL).content.decode()
    assert coordinator.get_full_name() in signed_in
    anonymous = Client().get(URL).content.decode()
    assert coordinator.get_full_name() not in anonymous
    assert reverse("accounts:logout") not in anonymous
    # and the reverse: the page cached for the anonymous is not what the coordinator gets next
    again = client_as(coordinator).get(URL).content.decode()
    assert coordinator.get_full_name() in again


def test_a_message_waiting_is_shown_to_its_visitor_only(statistics):
    Client().get(URL)  # the page is cached
    request = RequestFactory().get("/")
    storage = CookieStorage(request)
    storage.add(constants.INFO, "Vous êtes déconnecté·e.")
    response = HttpResponse()
    storage.update(response)
    visitor = Client()
    visitor.cookies["messages"] = response.cookies["messages"].value
    assert "Vous êtes déconnecté·e." in visitor.get(URL).content.decode()
    assert "Vous êtes déconnecté·e." not in Client().get(URL).content.decode()


def test_a_parameter_the_page_does_not_know_is_not_cached(statistics):
    page = Client().get(URL, {"annee": 2015}).content.decode()
    assert CSRF_PLACEHOLDER not in page
    keys_before = len(cache._cache)
    Client().get(URL, {"annee": 2015, "utm_source": "journal"})
    assert len(cache._cache) == keys_before
