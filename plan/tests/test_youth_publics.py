"""Which publics are young people is the vocabulary's (`Public.is_youth`), not a list in the code."""

import pytest

from plan import queries
from territory.models import Territory
from vocabulary.models import Public

pytestmark = pytest.mark.django_db


def test_the_young_non_belgians_are_counted_for_the_publics_the_vocabulary_flags(statistics):
    namur = Territory.objects.get(nis_code="92094")
    Public.objects.filter(code="youth").update(is_youth=False)
    Public.objects.filter(code="women").update(is_youth=True)
    women, youth = Public.objects.get(code="women"), Public.objects.get(code="youth")

    flagged = queries.population_in_proportion([namur], publics=[women])
    assert flagged.counts_youth is True and flagged.rows[0].young_non_belgians > 0
    assert flagged.youth_publics == ["Femmes"]  # the page names them
    unflagged = queries.population_in_proportion([namur], publics=[youth])
    assert unflagged.counts_youth is False and unflagged.rows[0].young_non_belgians is None


def test_the_recommendation_page_names_the_publics_counted_as_young(statistics, client_as, personas):
    from django.urls import reverse

    from plan.tests import factories as f

    priority = f.priority(f.plan())
    recommendation = f.recommendation(priority, publics=[f.get_public("mena"), f.get_public("women")])
    page = client_as(personas["coordinator"]).get(
        reverse("plan:recommendation_detail", args=[recommendation.pk])
    )
    assert "Pour les publics de jeunes (Mineurs étrangers non accompagnés (MENA))," in page.content.decode()
