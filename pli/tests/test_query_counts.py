"""Every page, API list and export keeps its number of SQL queries (pli/tests/query_counts.py): each
address of pages.py, filled with the demo, read by a coordinator and by an anonymous visitor, against
the baseline of the app that owns it (`<app>/tests/query_counts.json`; the API's and the home page's in
`pli/tests/`, the admin's in `accounts/tests/`). The tests that build a small and a large world
(`…_does_not_grow…`) check that a count stays the same when the data grow.
"""

import pytest
from django.db import connection

from conftest import make_user
from pli.tests import pages
from pli.tests.query_counts import Measures


def test_every_page_keeps_its_query_count(statistics, demo_once, client, monkeypatch):
    pages.render_without_recording(monkeypatch)
    coordinator, admin = make_user("coordinator"), make_user("admin")
    failures = []
    for page in pages.pages():
        readers = [("admin", admin)] if page.name.startswith("admin:") else [("coordinator", coordinator)]
        for persona, user in [*readers, ("anonymous", None)]:
            if user is None:
                client.logout()
            else:
                client.force_login(user)
            measures = Measures(page.app)
            try:
                with measures.measure(f"{page} ({persona})"):
                    client.get(page.url)
            except AssertionError as failure:
                failures.append(str(failure).splitlines()[0])
    assert failures == [], "\n".join(failures) + "\n(run `make query-counts` if these are meant)"


@pytest.mark.parametrize("count", [3, 4])
def test_a_query_more_fails_and_says_where(db, tmp_path, monkeypatch, count):
    from pli.tests import query_counts

    monkeypatch.setattr(query_counts, "ROOT", tmp_path)
    monkeypatch.setattr(query_counts, "UPDATE", False)
    (tmp_path / "demo" / "tests").mkdir(parents=True)
    (tmp_path / "demo" / "tests" / "query_counts.json").write_text('{"three queries": 3}')
    measures = query_counts.Measures("demo")

    def run():
        with measures.measure("three queries"), connection.cursor() as cursor:
            for _ in range(count):
                cursor.execute("SELECT 1")

    if count == 3:
        run()
    else:
        with pytest.raises(AssertionError, match=r"4 queries where demo/tests/query_counts.json records 3"):
            run()


def test_the_same_name_measured_larger_must_not_grow(db, monkeypatch):
    from pli.tests import query_counts

    monkeypatch.setattr(query_counts, "UPDATE", False)
    measures = query_counts.Measures("pli")

    def run(count):
        with measures.measure("grows"), connection.cursor() as cursor:
            for _ in range(count):
                cursor.execute("SELECT 1")

    with pytest.raises(AssertionError, match="no baseline"):
        run(2)
    with pytest.raises(AssertionError, match="2 queries, then 5 with more data: it grows with the data"):
        run(5)
