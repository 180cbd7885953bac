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


def test_youth_and_mena_are_the_publics_of_young_people():
    assert set(Public.objects.filter(is_youth=True).values_list("code", flat=True)) == {"youth", "mena"}


def vocabulary_rows():
    from django.apps import apps

    return {
        model.__name__: sorted(model.objects.order_by("pk").values_list())
        for model in apps.get_app_config("vocabulary").get_models()
    }


def test_the_live_seed_is_what_the_migrations_created():
    """`load_vocabulary()` (used after a test flushed the tables) changes nothing the migrations made."""
    from vocabulary.seed import load_vocabulary

    migrated = vocabulary_rows()
    load_vocabulary()
    assert vocabulary_rows() == migrated


def test_labels_are_read_once_inside_a_request_or_a_cached_block_and_fresh_outside(django_assert_num_queries):
    from vocabulary import labels
    from vocabulary.models import SourceType

    with django_assert_num_queries(2):
        assert labels.label(SourceType, "field") == "constat de terrain"
        assert labels.label(SourceType, "unknown-code") == "unknown-code"
    with labels.cached(), django_assert_num_queries(1):
        assert [labels.label(SourceType, code) for code in ("ili", "field", "ili")] == [
            "accompagnement des ILI",
            "constat de terrain",
            "accompagnement des ILI",
        ]
    SourceType.objects.filter(code="field").update(label="constat du terrain")
    assert labels.label(SourceType, "field") == "constat du terrain"  # nothing kept from before
    labels.start()  # what every request does first
    try:
        assert labels.label(SourceType, "field") == "constat du terrain"
        SourceType.objects.filter(code="field").update(label="terrain")
        assert labels.label(SourceType, "field") == "constat du terrain"  # read once per request
    finally:
        labels.stop()
    assert labels.label(SourceType, "field") == "terrain"


@pytest.mark.parametrize("model_name", ["sourcetype", "reviewlens"])
def test_the_admin_edits_a_stored_term_but_neither_renames_nor_deletes_it(client_as, personas, model_name):
    from django.urls import reverse

    from vocabulary.models import ReviewLens, SourceType

    model = {"sourcetype": SourceType, "reviewlens": ReviewLens}[model_name]
    term = model.objects.get(code="ili")
    client = client_as(personas["admin"])
    page = client.get(reverse(f"admin:vocabulary_{model_name}_change", args=[term.pk])).content.decode()
    assert 'name="label"' in page and 'name="reference"' in page and 'name="code"' not in page
    assert client.get(reverse(f"admin:vocabulary_{model_name}_delete", args=[term.pk])).status_code == 403
    added = client.get(reverse(f"admin:vocabulary_{model_name}_add")).content.decode()
    assert 'name="code"' in added
