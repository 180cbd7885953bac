"""The organisations' list, cached per user until a write in the network, the vocabulary or the
territories (pli/versions.py): a rename, even in the admin, shows at the next reading (the suite's
cache is a dummy one: these tests turn a real one on)."""

import pytest
from django.urls import reverse

from plan.tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_cache")]

URL = reverse("network:organisation_list")


def test_a_rename_shows_at_the_next_reading_of_the_cached_list(
    statistics, personas, client, commit_versions, django_assert_max_num_queries
):
    organisation = f.organisation("ASBL Les Passerelles")
    commit_versions()  # as if the setup had committed
    client.force_login(personas["coordinator"])
    assert "ASBL Les Passerelles" in client.get(URL).content.decode()
    with django_assert_max_num_queries(5):  # session, user, devices, versions: the page is cached
        assert "ASBL Les Passerelles" in client.get(URL).content.decode()
    organisation.name = "ASBL Les Nouvelles Passerelles"
    organisation.save()  # as the admin would, without the services
    commit_versions()
    assert "ASBL Les Nouvelles Passerelles" in client.get(URL).content.decode()


def test_an_export_is_never_taken_from_the_cache(statistics, personas, client):
    f.organisation("ASBL Les Passerelles")
    client.force_login(personas["coordinator"])
    for _ in range(2):
        response = client.get(URL, {"format": "csv"})
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
