import pytest
from django.urls import reverse

from network.models import Offer, Organisation
from vocabulary.models import OfferType, OrganisationType

pytestmark = pytest.mark.django_db


def org_data(namur, **overrides):
    data = {
        "name": "Maison de quartier du Bois",
        "sector": "associative",
        "type": OrganisationType.objects.get(code="culture").pk,
        "commune": namur.pk,
        "email": "",
        "phone": "",
        "website": "",
        "version": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("persona", "name", "method", "status"),
    [
        ("coordinator", "network:organisation_list", "get", 200),
        ("partner_member", "network:organisation_list", "get", 200),
        ("reader", "network:organisation_list", "get", 200),
        ("anonymous", "network:organisation_list", "get", 302),
        ("coordinator", "network:organisation_create", "get", 200),
        ("partner_member", "network:organisation_create", "get", 403),
        ("reader", "network:organisation_create", "post", 403),
        ("anonymous", "network:organisation_create", "post", 302),
        ("coordinator", "network:offer_list", "get", 200),
        ("reader", "network:offer_list", "get", 200),
        ("anonymous", "network:index", "get", 302),
        ("reader", "network:index", "get", 200),
    ],
)
def test_permission_matrix(statistics, client_as, personas, persona, name, method, status):
    response = getattr(client_as(personas[persona]), method)(reverse(name))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [("coordinator", 200), ("partner_member", 403), ("reader", 403), ("anonymous", 302)],
)
def test_only_coordinators_edit_an_organisation(client_as, personas, ili, persona, status):
    assert (
        client_as(personas[persona]).get(reverse("network:organisation_edit", args=[ili.pk])).status_code
        == status
    )


def test_coordinator_registers_a_partner_with_an_offer(client_as, personas, namur):
    client = client_as(personas["coordinator"])
    response = client.post(
        reverse("network:organisation_create"),
        org_data(namur, is_partner="on", partner_since="2017-01-01", phone="+32 81 12 34 56"),
    )
    organisation = Organisation.objects.get(name="Maison de quartier du Bois")
    assert response.url == reverse("network:organisation_detail", args=[organisation.pk])
    fle = OfferType.objects.get(code="fle")
    client.post(
        reverse("network:offer_create", args=[organisation.pk]),
        {
            "type": fle.pk,
            "commune": namur.pk,
            "capacity": 24,
            "capacity_unit": "places",
            "starts_on": "2026-09-01",
            "ends_on": "2027-06-30",
        },
    )
    offer = Offer.objects.get(organisation=organisation)
    assert (offer.capacity, offer.type) == (24, fle)


def test_exact_duplicate_in_the_same_commune_is_refused(client_as, personas, ili, namur):
    response = client_as(personas["coordinator"]).post(
        reverse("network:organisation_create"), org_data(namur, name="ili les passerelles")
    )
    assert response.status_code == 400
    assert Organisation.objects.filter(name__iexact="ili les passerelles").count() == 1
    assert response.context["form"].errors["name"]


def test_close_name_needs_confirmation(client_as, personas, ili, namur):
    client = client_as(personas["coordinator"])
    response = client.post(reverse("network:organisation_create"), org_data(namur, name="ILI Les Passerelle"))
    assert response.status_code == 400
    assert "ILI Les Passerelles" in str(response.context["form"].errors["name"])
    assert response.context["form"]["name"].value() == "ILI Les Passerelle", "the form keeps what was typed"
    confirmed = client.post(
        reverse("network:organisation_create"),
        org_data(namur, name="ILI Les Passerelle", confirm_not_duplicate="on"),
    )
    assert confirmed.status_code == 302


def test_same_name_in_another_commune_is_fine(client_as, personas, ili, statistics):
    from territory.models import Territory

    ciney = Territory.objects.get(nis_code="91030")
    response = client_as(personas["coordinator"]).post(
        reverse("network:organisation_create"), org_data(ciney, name="ILI Les Passerelles")
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("field", "value"),
    [("email", "not-an-address"), ("phone", "call me"), ("phone", "12"), ("website", "nowhere")],
)
def test_bad_contact_details_are_refused(client_as, personas, namur, field, value):
    response = client_as(personas["coordinator"]).post(
        reverse("network:organisation_create"), org_data(namur, **{field: value})
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Organisation.objects.filter(name="Maison de quartier du Bois").exists()


def test_second_of_two_concurrent_edits_is_refused_and_shows_the_difference(client_as, personas, ili, namur):
    client = client_as(personas["coordinator"])
    url = reverse("network:organisation_edit", args=[ili.pk])
    first = org_data(namur, name="ILI Les Passerelles", address="Rue A 1", version="1")
    second = org_data(namur, name="ILI Les Passerelles", address="Rue B 2", version="1")
    assert client.post(url, first).status_code == 302
    response = client.post(url, second)
    assert response.status_code == 409
    ili.refresh_from_db()
    assert ili.address == "Rue A 1", "the first save is kept"
    differences = response.context["form"].conflict
    assert {"label": differences[0]["label"], "stored": "Rue A 1", "typed": "Rue B 2"} == differences[0]
    again = client.post(url, {**second, "version": response.context["form"].data["version"]})
    assert again.status_code == 302, "saving again on purpose keeps the second version"
    ili.refresh_from_db()
    assert ili.address == "Rue B 2"


def test_offer_ending_before_it_starts_is_refused(client_as, personas, ili, namur):
    fle = OfferType.objects.get(code="fle")
    response = client_as(personas["coordinator"]).post(
        reverse("network:offer_create", args=[ili.pk]),
        {
            "type": fle.pk,
            "commune": namur.pk,
            "capacity_unit": "places",
            "starts_on": "2026-09-01",
            "ends_on": "2026-01-01",
        },
    )
    assert response.status_code == 400 and "ends_on" in response.context["form"].errors
    assert not Offer.objects.exists()


def test_list_filters_and_htmx_fragment(client_as, personas, ili):
    client = client_as(personas["reader"])
    response = client.get(reverse("network:organisation_list"), {"q": "passer"}, HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode()
    assert list(response.context["page"]) == [ili]
    assert list(client.get(reverse("network:organisation_list"), {"partner": "1"}).context["page"]) == []


def test_exports_are_for_coordinators(client_as, personas, ili):
    url = reverse("network:organisation_list")
    csv = client_as(personas["coordinator"]).get(url, {"format": "csv"})
    assert csv.status_code == 200 and "ILI Les Passerelles" in csv.content.decode("utf-8-sig")
    assert client_as(personas["coordinator"]).get(url, {"format": "xlsx"}).status_code == 200


def test_reader_cannot_export(client_as, personas, ili):
    assert (
        client_as(personas["reader"]).get(reverse("network:organisation_list"), {"format": "csv"}).status_code
        == 403
    )


@pytest.mark.parametrize("persona", ["reader", "coordinator"])
def test_list_query_count_does_not_grow(client_as, personas, ili, namur, persona, query_baseline):
    client = client_as(personas[persona])
    client.get(reverse("network:organisation_list"))
    name = f"network:organisation_list ({persona}), 1 then 31 organisations"
    for size in (1, 31):
        for i in range(Organisation.objects.count(), size):
            Organisation.objects.create(
                name=f"Organisation {i}", sector="public", type=ili.type, commune=namur, is_partner=i % 2
            )
        with query_baseline(name):  # session, user, second-factor devices, count, filters, page
            page = client.get(reverse("network:organisation_list")).context["page"]
        assert len(page) == min(size, 25)


def test_offers_show_on_the_territory_page_for_logged_in_users_only(client_as, personas, client, ili, namur):
    Offer.objects.create(organisation=ili, type=OfferType.objects.get(code="fle"), commune=namur, capacity=30)
    url = reverse("territory:detail", args=["92094"])
    logged = client_as(personas["reader"]).get(url).content.decode()
    assert "ILI Les Passerelles" in logged
    client.logout()
    assert "ILI Les Passerelles" not in client.get(url).content.decode()


def test_map_counts_offers_per_commune(client_as, personas, ili, namur):
    Offer.objects.create(organisation=ili, type=OfferType.objects.get(code="fle"), commune=namur)
    data = client_as(personas["coordinator"]).get(reverse("territory:map_data", args=["90000"])).json()
    by_nis = {f["properties"]["nis"]: f["properties"] for f in data["features"]}
    assert by_nis["92094"]["offers"] == 1 and by_nis["91030"]["offers"] == 0
    assert by_nis["92094"]["offers_per_1000_non_belgians"] > 0
