import pytest

from network.models import Organisation, Person
from territory.models import Territory
from vocabulary.models import OrganisationType


@pytest.fixture
def namur(statistics):
    return Territory.objects.get(nis_code="92094")


@pytest.fixture
def ili(namur):
    return Organisation.objects.create(
        name="ILI Les Passerelles",
        sector="associative",
        type=OrganisationType.objects.get(code="ili"),
        commune=namur,
    )


@pytest.fixture
def listed_person(ili):
    return Person.objects.create(full_name="Nadia Verhoeven", organisation=ili, consent_scope="network")


@pytest.fixture
def unlisted_person(ili):
    return Person.objects.create(full_name="Marc Dujardin", organisation=ili, consent_scope="internal")
