import pytest

from diagnostic import services
from diagnostic.models import Diagnostic
from territory.models import Territory
from vocabulary.models import Axis, Public


@pytest.fixture
def province(statistics):
    return Territory.objects.get(nis_code="90000")


@pytest.fixture
def published(province):
    return Diagnostic.objects.create(
        title="Méta-diagnostic provincial 2016-2017",
        territory=province,
        period="2016-2017",
        status="published",
    )


@pytest.fixture
def housing():
    return Axis.objects.get(code="pcs-2014-logement-environnement")


@pytest.fixture
def make_finding(published, housing, personas):
    def make(
        statement,
        territories=("92094",),
        status="in_force",
        diagnostic=None,
        axis=None,
        sources=(("diagnostic_2016", ""),),
        **extra,
    ):
        return services.create_finding(
            diagnostic=diagnostic or published,
            statement=statement,
            axis=axis or housing,
            territories=list(Territory.objects.filter(nis_code__in=territories)),
            by=personas["coordinator"],
            status=status,
            sources=sources,
            publics=list(Public.objects.filter(code="newcomer")),
            **extra,
        )

    return make
