import pytest

from pli.pagination import counted_page
from vocabulary.models import Axis

pytestmark = pytest.mark.django_db


def axes():
    return Axis.objects.order_by("pk")


def test_a_page_and_the_total_come_in_one_query(django_assert_num_queries):
    total = axes().count()
    with django_assert_num_queries(1):
        page = counted_page(axes(), "2", 5)
        rows = list(page)
    assert rows == list(axes()[5:10])
    assert page.paginator.count == total and page.paginator.num_pages == (total + 4) // 5
    assert page.number == 2 and page.has_previous() and page.has_next()


@pytest.mark.parametrize("number", [None, "", "abc", "-3", "0"])
def test_an_invalid_page_number_gives_the_first_page(number):
    page = counted_page(axes(), number, 5)
    assert page.number == 1 and list(page) == list(axes()[:5])


def test_past_the_end_gives_the_last_page():
    total = axes().count()
    last = (total + 4) // 5
    page = counted_page(axes(), "999", 5)
    assert page.number == last and list(page) == list(axes()[(last - 1) * 5 :])


def test_an_empty_list_has_one_empty_page():
    page = counted_page(Axis.objects.none(), "1", 5)
    assert page.paginator.count == 0 and list(page) == [] and page.number == 1
