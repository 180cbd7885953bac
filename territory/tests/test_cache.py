import warnings

import pytest
from django.core.cache.backends.base import CacheKeyWarning
from django.test import override_settings
from django.urls import reverse

from territory import queries
from territory.services import import_file

pytestmark = pytest.mark.django_db

LOCMEM = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "territory-test"}
}


@override_settings(CACHES=LOCMEM)
def test_pages_are_cached_until_the_next_import(statistics, client, tmp_path):
    from django.core.cache import cache

    cache.clear()
    queries.forget_data_version()
    url = reverse("territory:detail", kwargs={"nis": "93022"})
    assert "Places d’accueil" not in client.get(url, {"annee": 2015}).content.decode()
    path = tmp_path / "places.csv"
    path.write_text(
        "territory;year;indicator;breakdown;value;unit;source\n93022;2009;reception_places;CADA;408;places;Fedasil\n"
    )
    import_file("indicators", path)
    assert "Places d’accueil" in client.get(url, {"annee": 2015}).content.decode(), "the import shows at once"


@override_settings(CACHES=LOCMEM, PLI_DATA_VERSION_TTL=60)
def test_cached_answer_is_reused(statistics, django_assert_max_num_queries, client):
    from django.core.cache import cache

    cache.clear()
    queries.forget_data_version()
    url = reverse("territory:detail", kwargs={"nis": "90000"})
    client.get(url)
    with django_assert_max_num_queries(3):  # the territory and the data version, nothing recomputed
        client.get(url)


def test_a_cache_key_made_of_lists_is_one_that_every_cache_backend_accepts(statistics):
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)
        value = queries.cached(("chooser_choices", "90000", ("commune", "province"), "pk"), lambda: 42)
    assert value == 42
