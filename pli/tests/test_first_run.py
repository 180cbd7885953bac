"""The first-run checklist (issue 11): shown to an administrator until every step is done, each step
linking to where it is done."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_administrator_of_a_new_installation_sees_the_steps_with_their_links(
    client_as, personas, statistics
):
    page = client_as(personas["admin"]).get(reverse("home")).content.decode()
    assert 'id="card-first-run"' in page
    for url in (
        reverse("network:organisation_create"),
        reverse("diagnostic:diagnostic_create"),
        reverse("plan:plan_create"),
    ):
        assert f'href="{url}"' in page
    assert "<s>Statistiques importées (Statbel)</s>" in page, "the prepared database has its statistics"
    assert (
        'id="card-first-run"' not in client_as(personas["coordinator"]).get(reverse("home")).content.decode()
    )


def test_the_checklist_disappears_once_every_step_is_done(client_as, personas, demo_once):
    page = client_as(personas["admin"]).get(reverse("home")).content.decode()
    assert 'id="card-first-run"' not in page
