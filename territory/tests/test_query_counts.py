"""Query counts of the territory pages, without the cache: they must not grow with the data (no N+1).

Baselines in territory/tests/query_counts.json (`make query-counts` records a change made on purpose).
Measured on the real 2015 data: the province (38 communes, 6 arrondissements) and an arrondissement
(14 communes) list different numbers of communes with the same number of queries. (Without the cache,
every cached read also asks for the data version: one query each, which the real cache answers from
memory.)
"""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = [
    ("territory:detail", "90000"),
    ("territory:detail", "92000"),
    ("territory:detail", "92094"),
    ("territory:commune_list", None),
    ("territory:map_data", "90000"),
    ("territory:map_data", "92000"),
    ("territory:import_list", None),
]
SAME_COUNT = [("territory:detail", "90000", "92000"), ("territory:map_data", "90000", "92000")]


@pytest.mark.parametrize(("name", "nis"), PAGES)
def test_query_count(statistics, client, query_baseline, name, nis):
    url = reverse(name, kwargs={"nis": nis} if nis else {})
    with query_baseline(f"{name} {nis or ''} ?annee=2015 (anonymous)".replace("  ", " ")):
        assert client.get(url, {"annee": 2015}).status_code == 200


@pytest.mark.parametrize(("name", "larger", "smaller"), SAME_COUNT)
def test_more_communes_take_no_more_queries(statistics, client, query_baseline, name, larger, smaller):
    for nis in (smaller, larger):
        with query_baseline(f"{name} (anonymous), 14 then 38 communes"):
            assert client.get(reverse(name, kwargs={"nis": nis}), {"annee": 2015}).status_code == 200
