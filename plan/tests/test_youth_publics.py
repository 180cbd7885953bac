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
    unflagged = queries.population_in_proportion([namur], publics=[youth])
    assert unflagged.counts_youth is False and unflagged.rows[0].young_non_belgians is None
