"""A page of a long filtered list and the total count in one query (`COUNT(*) OVER ()`).

Django's Paginator asks the database twice: the count, then the page. When the filter is costly (a
full-text search over every row), that evaluates it twice; here it is evaluated once, the total coming
with each row of the page. Works on SQLite (3.25+) and PostgreSQL.
"""

from collections.abc import Sequence

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window


class _Fetched(Sequence):
    """Stands for the whole list: its length is the total, and the page's slice is already fetched."""

    def __init__(self, rows: list, start: int, total: int):
        self.rows, self.start, self.total = rows, start, total

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        if isinstance(index, slice) and index.start == self.start:
            return self.rows[: (index.stop or self.start + len(self.rows)) - self.start]
        raise IndexError("only the fetched page can be read")


# A page number past this one is past the end of any list: read as the last page. (Left as it is, a
# number of twenty digits made an OFFSET larger than the databases' integers: a 500.)
MAX_PAGE_NUMBER = 10**6


def counted_page(queryset, number, per_page: int) -> Page:
    """The page `number` (as given in the URL: invalid or out of range gives the first or last page)."""
    try:
        number = min(max(int(number), 1), MAX_PAGE_NUMBER)
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * per_page
    rows = list(queryset.annotate(_total=Window(Count("pk")))[start : start + per_page])
    if not rows and number > 1:  # past the end: the last page, as Paginator.get_page does
        total = queryset.count()
        number = max((total + per_page - 1) // per_page, 1)
        start = (number - 1) * per_page
        rows = list(queryset.annotate(_total=Window(Count("pk")))[start : start + per_page])
    total = rows[0]._total if rows else 0
    return Paginator(_Fetched(rows, start, total), per_page).page(number)
