"""The API refuses a bad parameter with 422 and a French message naming it, never a 500; lists are
paginated within a bounded limit; the schema documents the errors."""

import pytest

pytestmark = pytest.mark.django_db

BIG = "9" * 20


@pytest.fixture
def client_as(api_client_as):
    return api_client_as


@pytest.mark.parametrize(
    ("url", "parameter", "message"),
    [
        (
            "/api/v1/diagnostic/findings/?territory=99999",
            "territory",
            "Territoire inconnu : donnez son nom (p. ex. Namur) ou son code INS (p. ex. 92094).",
        ),
        (
            "/api/v1/diagnostic/findings/?territory=abc",
            "territory",
            "Territoire inconnu : donnez son nom (p. ex. Namur) ou son code INS (p. ex. 92094).",
        ),
        ("/api/v1/diagnostic/findings/?territory=" + "1" * 300, "territory", "Territoire inconnu"),
        (f"/api/v1/diagnostic/findings/?axis={BIG}", "axis", "Sélectionnez un choix valide"),
        (f"/api/v1/network/meetings/?space={BIG}", "space", "Sélectionnez un choix valide"),
        (f"/api/v1/diagnostic/reviews/?campaign={BIG}", "campaign", "Sélectionnez un choix valide"),
        ("/api/v1/diagnostic/findings/?status=perdu", "status", "Sélectionnez un choix valide"),
        ("/api/v1/network/meetings/?space=abc", "space", "un nombre entier est attendu"),
        ("/api/v1/network/organisations/?partner=peut-etre", "partner", "vrai ou faux"),
        ("/api/v1/network/organisations/?commune=00000", "commune", "Code INS inconnu."),
        ("/api/v1/network/offers/?type=inconnu", "type", "Sélectionnez un choix valide"),
        ("/api/v1/territories/?level=galaxie", "level", "Sélectionnez un choix valide"),
        (f"/api/v1/territories/90000/indicators?year={BIG}", "year", "au plus 2200"),
        ("/api/v1/network/organisations/?limit=0", "limit", "au moins 1"),
        ("/api/v1/network/organisations/?limit=100000", "limit", "au plus 500"),
        (f"/api/v1/network/organisations/?offset={BIG}", "offset", "au plus 1000000000"),
        ("/api/v1/plan/plans/?limit=abc", "limit", "un nombre entier est attendu"),
    ],
)
def test_a_bad_parameter_gets_422_naming_it_in_french(client_as, reader, url, parameter, message):
    client = client_as(reader)
    client.raise_request_exception = False
    response = client.get(url)
    assert response.status_code == 422, response.content
    body = response.json()
    assert parameter in body["detail"]
    assert [e["parameter"] for e in body["errors"]] == [parameter]
    assert message in body["errors"][0]["message"]


def test_an_invisible_space_is_refused_like_one_that_does_not_exist(client_as, personas):
    """The filter offers what the user may see: an id's existence does not leak."""
    from network.models import ConcertationSpace, Organisation
    from territory.models import Territory
    from vocabulary.models import OrganisationType

    commune, _created = Territory.objects.get_or_create(
        nis_code="92094", defaults={"level": "commune", "name_fr": "Namur"}
    )
    ili = Organisation.objects.create(
        name="ILI", sector="associative", type=OrganisationType.objects.first(), commune=commune
    )
    space = ConcertationSpace.objects.create(name="Privé", kind="thematic", carried_by=ili, territory=commune)
    response = client_as(personas["reader"]).get(f"/api/v1/network/meetings/?space={space.pk}")
    assert response.status_code == 422
    assert (
        client_as(personas["coordinator"]).get(f"/api/v1/network/meetings/?space={space.pk}").status_code
        == 200
    )


def test_the_findings_register_page_with_an_absurd_page_number_answers(client_as, reader):
    client = client_as(reader)
    client.force_login(reader)
    assert client.get(f"/constats/?q=ecole&page={BIG}").status_code == 200
    assert client.get(f"/constats/?page={BIG}").status_code == 200


def test_lists_are_paginated_with_a_link_to_the_next_page(statistics, client_as, coordinator):
    client = client_as(coordinator)
    data = client.get("/api/v1/territories/?parent=93000&limit=5").json()
    assert (data["count"], data["limit"], data["offset"]) == (7, 5, 0)
    assert len(data["items"]) == 5
    assert data["next"] == "http://testserver/api/v1/territories/?parent=93000&limit=5&offset=5"
    last = client.get(data["next"]).json()
    assert len(last["items"]) == 2 and last["next"] is None
    everything = [t["nis"] for t in data["items"] + last["items"]]
    assert everything == sorted(everything) and len(set(everything)) == 7


def test_the_schema_documents_errors_and_pagination(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path, operation in ((p, o["get"]) for p, o in schema["paths"].items()):
        assert {"401", "422"} <= set(operation["responses"]), path
        assert operation["responses"]["422"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/ErrorOut"
        }
    parameters = {p["name"] for p in schema["paths"]["/api/v1/network/organisations/"]["get"]["parameters"]}
    assert {"limit", "offset", "partner", "commune"} <= parameters
    assert "count" in schema["components"]["schemas"]["OrganisationPage"]["properties"]
