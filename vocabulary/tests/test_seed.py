import pytest

from vocabulary.models import Axis, ExpertiseArea, OfferType, OrganisationType, Public

pytestmark = pytest.mark.django_db


def test_both_frameworks_of_axes_are_seeded_in_order():
    six = list(Axis.objects.filter(framework="pcs-2014").values_list("label", flat=True))
    seven = Axis.objects.filter(framework="pcs-2020")
    assert len(six) == 6 and seven.count() == 7
    assert six[0] == "Droit à un revenu digne" and six[-1] == "Droit à l'épanouissement culturel et social"


def test_lists_of_the_issue_are_seeded():
    assert set(OrganisationType.objects.values_list("code", flat=True)) >= {
        "cri",
        "commune",
        "pcs",
        "cpas",
        "ili",
        "cada",
        "mena",
        "ila",
        "school",
        "health",
        "employment",
        "housing",
        "culture",
        "other",
    }
    assert OfferType.objects.filter(code="fle", label="Cours de français / FLE").exists()
    assert Public.objects.filter(code="newcomer").exists()


def test_expertise_areas_form_a_tree():
    child = ExpertiseArea.objects.get(code="regroupement-familial")
    assert str(child) == "Droit des étrangers › Regroupement familial"
    assert child.parent.children.count() == 4
