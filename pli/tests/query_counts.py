"""Query-count baselines: the number of SQL queries of each page, API list and export, recorded per app in
`<app>/tests/query_counts.json` (name → count, or {"sqlite": n, "postgresql": m} where they differ).

A test measures through the `query_baseline` fixture (conftest.py):

    with query_baseline("network:organisation_list (reader)"):
        client.get(reverse("network:organisation_list"))

and fails when the count differs from the recorded one: more queries is the N+1 that makes such
platforms take seconds per page; fewer means the baseline must come down with the code, so that it
stays tight. The same name measured twice (a small and a large world) must give the same count: it
must not grow with the data. To record a change on purpose:

    make query-counts        # PLI_UPDATE_QUERY_COUNTS=1 pytest -m "not browser" (SQLite)

then read the diff of the JSON files and commit them. A count that differs on PostgreSQL is written by
hand as {"sqlite": n, "postgresql": m}.
"""

import contextlib
import json
import os
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext

ROOT = Path(__file__).resolve().parents[2]
UPDATE = os.environ.get("PLI_UPDATE_QUERY_COUNTS", "") not in ("", "0")
SHOWN_QUERIES = 40


def baseline_file(app: str) -> Path:
    return ROOT / app / "tests" / "query_counts.json"


def read(app: str) -> dict:
    path = baseline_file(app)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def expected(app: str, name: str) -> int | None:
    value = read(app).get(name)
    if isinstance(value, dict):
        return value.get(connection.vendor)
    return value


def record(app: str, name: str, count: int) -> None:
    """Write one count into the app's file (under a lock: pytest's workers may write at once)."""
    path = baseline_file(app)
    lock_file = ROOT / "var" / f"query_counts-{app}.lock"
    lock_file.parent.mkdir(exist_ok=True)
    with open(lock_file, "w") as lock:
        with contextlib.suppress(ImportError):
            import fcntl

            fcntl.flock(lock, fcntl.LOCK_EX)
        values = read(app)
        current = values.get(name)
        if isinstance(current, dict):
            current[connection.vendor] = count
        else:
            values[name] = count
        path.write_text(json.dumps(values, indent=2, sort_keys=True, ensure_ascii=False) + "\n", "utf-8")


def explain(app: str, name: str, count: int, wanted: int | None, queries: list[dict]) -> str:
    where = baseline_file(app).relative_to(ROOT)
    if wanted is None:
        head = f"{name}: {count} queries and no baseline in {where}."
    else:
        head = f"{name}: {count} queries where {where} records {wanted}."
    lines = [
        head,
        "If the change is meant, record it with `make query-counts` and commit the file; if it grew, look"
        " for the query that repeats:",
    ]
    for number, query in enumerate(queries[:SHOWN_QUERIES], start=1):
        lines.append(f"{number:3}. {query['sql'][:300]}")
    if len(queries) > SHOWN_QUERIES:
        lines.append(f"… and {len(queries) - SHOWN_QUERIES} more")
    return "\n".join(lines)


def warm_caches() -> None:
    """Fill the per-process caches first, so that a count does not depend on which tests ran before.

    The content types (read by every audited write) are cached per process: without this, the first
    measured write of a pytest worker counts one query more than the same write later on.
    """
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.get_for_models(*apps.get_models())


class Measures:
    """The counts taken by one test, so that the same name measured twice must agree."""

    def __init__(self, app: str):
        self.app = app
        self.seen: dict[str, int] = {}

    @contextlib.contextmanager
    def measure(self, name: str):
        warm_caches()
        with CaptureQueriesContext(connection) as captured:
            yield captured
        count = len(captured.captured_queries)
        first = self.seen.setdefault(name, count)
        if first != count:
            raise AssertionError(
                f"{name}: {first} queries, then {count} with more data: it grows with the data.\n"
                + explain(self.app, name, count, first, captured.captured_queries)
            )
        wanted = expected(self.app, name)
        if count == wanted:
            return
        if UPDATE:
            record(self.app, name, count)
            return
        raise AssertionError(explain(self.app, name, count, wanted, captured.captured_queries))
