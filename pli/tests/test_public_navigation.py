"""A visitor without an account finds their way (issue 11): a public home that says what the platform
is, a menu of what is public (published plans, territories, their index); a reader's home has its Plan card."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_visitor_gets_a_public_home_with_a_menu_of_what_is_public(client, statistics):
    response = client.get(reverse("home"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "plan local d’intégration" in page.lower() or "plan local d'intégration" in page.lower()
    assert 'class="main-nav"' in page
    for url in (reverse("plan:index"), reverse("territory:index"), reverse("territory:commune_list")):
        assert f'href="{url}"' in page
    assert reverse("network:index") not in page, "the network is not public"
    assert reverse("accounts:login") in page


def test_the_public_menu_follows_the_visitor_on_a_territory_page(client, statistics):
    page = client.get(reverse("territory:detail", args=["90000"])).content.decode()
    assert 'class="main-nav"' in page and "Plans publiés" in page and "Index des territoires" in page


def test_a_reader_s_home_has_a_plan_card_even_when_the_published_plan_is_closed(
    client_as, personas, statistics
):
    from plan.tests import factories

    factories.plan(title="PPLI 2016-2019", status="closed", published=True)
    cards = client_as(personas["reader"]).get(reverse("home")).context["cards"]
    assert "plan/_dashboard_card.html" in [card["template"] for card in cards]
