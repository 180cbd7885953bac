import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English, the language of the code and of the command line."""
    from django.utils import translation

    with translation.override("en"):
        yield


def test_api_lists_territories(statistics, client):
    data = client.get("/api/v1/territories/", {"level": "commune", "parent": "93000"}).json()["items"]
    assert {t["nis"] for t in data} >= {"93088", "93090"}
    assert len(data) == 7


def test_api_indicators_of_the_province(statistics, client):
    data = client.get("/api/v1/territories/90000/indicators", {"year": 2015}).json()
    assert data["nis"] == "90000" and data["name"] == "Province de Namur" and data["year"] == 2015
    assert (data["population"], data["men"] + data["women"]) == (487_145, 487_145)
    assert (data["belgian"], data["non_belgian"]) == (464_074, 23_071)
    assert data["non_belgian_share"] == pytest.approx(23_071 / 487_145, abs=1e-6)
    assert data["source"]["dataset"] == "statbel-structure"
    assert [p["nis"] for p in data["parents"]] == ["03000", "01000"]


def test_api_unknown_territory_and_year(statistics, client):
    assert client.get("/api/v1/territories/12345/indicators").status_code == 404
    assert client.get("/api/v1/territories/90000/indicators", {"year": 1900}).status_code == 404


def test_openapi_schema_documents_the_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/territories/" in schema["paths"]
    assert "/api/v1/territories/{nis}/indicators" in schema["paths"]


def test_cli_indicators_json_matches_api(statistics, client):
    from django.utils import translation

    out = StringIO()
    with translation.override("fr"):  # the API answers in the platform's language
        call_command("indicators", "92094", year=2015, json=True, stdout=out)
    data = json.loads(out.getvalue())
    api = client.get("/api/v1/territories/92094/indicators", {"year": 2015}).json()
    assert data == api
    assert data["non_belgian"] == 8220


def test_cli_indicators_text(statistics):
    out = StringIO()
    call_command("indicators", "90000", year=2015, stdout=out)
    assert "487,145" in out.getvalue() and "23,071" in out.getvalue()


def test_cli_import_refuses_with_clear_message(statistics, tmp_path):
    bad = tmp_path / "TF_SOC_POP_STRUCT_2016.txt"
    bad.write_text("nothing useful\n")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_data", "statbel-structure", str(bad), stderr=err)
    assert "Refused, nothing changed: TF_SOC_POP_STRUCT_2016.txt, line 1: missing column" in err.getvalue()


def test_cli_import_twice_says_nothing_changed(statistics):
    out = StringIO()
    call_command(
        "import_data",
        "statbel-structure",
        str(statistics / "statbel_TF_SOC_POP_STRUCT_2015.txt.gz"),
        stdout=out,
    )
    assert "already imported" in out.getvalue()


def test_data_list_names_sources_and_licences(statistics):
    out = StringIO()
    call_command("data", "list", stdout=out)
    text = out.getvalue()
    assert "statbel-structure" in text and "Source : Statbel" in text and "CC0 1.0" in text
