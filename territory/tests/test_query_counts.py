"""Query counts of the territory pages, without the cache: they must not grow with the data (no N+1).

The numbers are those of the real 2015 data (646 territories, 38 communes in the province); if a change
makes one grow, find the query that repeats before raising it. (Without the cache, every cached read
also asks for the data version: one query each, which the real cache answers from memory.)
"""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

QUERY_COUNTS = {
    ("territory:detail", "90000"): 19,
    ("territory:detail", "92094"): 21,
    ("territory:commune_list", None): 8,
    ("territory:map_data", "90000"): 9,
    ("territory:import_list", None): 1,
}


@pytest.mark.parametrize(("name", "nis"), list(QUERY_COUNTS))
def test_query_count(statistics, client, django_assert_num_queries, name, nis):
    url = reverse(name, kwargs={"nis": nis} if nis else {})
    with django_assert_num_queries(QUERY_COUNTS[(name, nis)]):
        assert client.get(url, {"annee": 2015}).status_code == 200
