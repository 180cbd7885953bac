import json
from pathlib import Path

import pytest
from django.urls import reverse

from territory.models import Import, IndicatorValue

pytestmark = pytest.mark.django_db

# (persona, url name, kwargs, method, expected status). Statistics are open data: everyone reads them;
# only coordinators (and administrators) import.
MATRIX = [
    *[
        (p, "territory:detail", {"nis": "90000"}, "get", 200)
        for p in ("admin", "coordinator", "partner_member", "reader", "anonymous")
    ],
    *[(p, "territory:commune_list", {}, "get", 200) for p in ("coordinator", "reader", "anonymous")],
    *[(p, "territory:map_data", {"nis": "90000"}, "get", 200) for p in ("coordinator", "anonymous")],
    *[(p, "territory:import_list", {}, "get", 200) for p in ("coordinator", "reader", "anonymous")],
    ("admin", "territory:import_list", {}, "post", 400),  # allowed: an empty form answers with its errors
    ("coordinator", "territory:import_list", {}, "post", 400),
    ("partner_member", "territory:import_list", {}, "post", 403),
    ("reader", "territory:import_list", {}, "post", 403),
    ("anonymous", "territory:import_list", {}, "post", 302),
]


@pytest.mark.parametrize(("persona", "name", "kwargs", "method", "status"), MATRIX)
def test_permission_matrix(statistics, client_as, personas, persona, name, kwargs, method, status):
    client = client_as(personas[persona])
    response = getattr(client, method)(reverse(name, kwargs=kwargs))
    assert response.status_code == status


def test_unknown_territory_is_404(statistics, client):
    assert client.get(reverse("territory:detail", kwargs={"nis": "12345"})).status_code == 404


def test_province_page_shows_real_figures_with_source(statistics, client):
    content = client.get(
        reverse("territory:detail", kwargs={"nis": "90000"}), {"annee": 2015}
    ).content.decode()
    assert "487\u202f145" in content, "population of the province, French digit grouping"
    assert "23\u202f071" in content
    assert "4,74\u202f%" in content
    assert "Source : Statbel" in content
    assert "statbel_TF_SOC_POP_STRUCT_2015.txt.gz" in content
    assert "Wallonie" in content or "Région wallonne" in content, "compared with the region"
    assert "Belgique" in content


def test_commune_page_shows_rank_within_province(statistics, client):
    content = client.get(
        reverse("territory:detail", kwargs={"nis": "92094"}), {"annee": 2015}
    ).content.decode()
    assert "rang 2 sur 38 communes (Province de Namur)" in content, "by share of non-Belgians (Namur: 7,43 %)"


def test_commune_list_sorts_filters_and_answers_htmx_with_fragment(statistics, client):
    url = reverse("territory:commune_list")
    page = client.get(url, {"annee": 2015, "tri": "-non_belgian_share"}).content.decode()
    assert "38 communes" in page
    assert page.index("Namur") < page.index("Walcourt")
    fragment = client.get(url, {"annee": 2015, "arrondissement": "93000", "q": "wal"}, HTTP_HX_REQUEST="true")
    text = fragment.content.decode()
    assert "<html" not in text
    assert "1 commune" in text and "Walcourt" in text


def test_commune_list_exports_csv_and_xlsx(statistics, client):
    url = reverse("territory:commune_list")
    csv = client.get(url, {"annee": 2015, "format": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert "92094;Namur;Arrondissement de Namur;110646;8220" in text
    assert "Source : Source : Statbel" not in text and "Source : Source" not in text.replace(
        "Source : Statbel", ""
    )
    xlsx = client.get(url, {"annee": 2015, "format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize("table", ["comparaison", "evolution", "pyramide", "communes", "indicateurs"])
def test_every_table_of_the_page_exports(statistics, client, table):
    for fmt in ("csv", "xlsx"):
        url = reverse("territory:table_export", kwargs={"nis": "90000", "table": table, "fmt": fmt})
        assert client.get(url, {"annee": 2015}).status_code == 200


def test_map_data_is_geojson_of_the_38_communes(statistics, client):
    data = json.loads(
        client.get(reverse("territory:map_data", kwargs={"nis": "90000"}), {"annee": 2015}).content
    )
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 38
    namur = next(f for f in data["features"] if f["properties"]["nis"] == "92094")
    assert namur["properties"]["non_belgian"] == 8220
    assert namur["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    assert "Statbel" in data["source"]


def test_upload_refuses_bad_file_in_french_and_keeps_everything(statistics, client_as, personas, tmp_path):
    client = client_as(personas["coordinator"])
    before = Import.objects.count()
    bad = tmp_path / "TF_SOC_POP_STRUCT_2016.txt"
    bad.write_text("CD_MUNTY_REFNIS|CD_SEX|CD_NATLTY|CD_AGE|MS_POPULATION|CD_YEAR\n92094|M|ETR|30|-3|2016\n")
    with open(bad, "rb") as handle:
        response = client.post(
            reverse("territory:import_list"), {"dataset": "statbel-structure", "file": handle}, follow=True
        )
    # The import ran as a background job: its page tells the refusal, with a button to retry.
    content = response.content.decode()
    assert response.redirect_chain[0][0].startswith("/taches/")
    assert "en échec" in content and "Relancer" in content, "a refused import is not a success"
    assert "Le fichier a été refusé ; rien n’a été modifié." in content
    assert "TF_SOC_POP_STRUCT_2016.txt, ligne 2, colonne MS_POPULATION" in content
    assert "nombre entier de personnes" in content
    assert Import.objects.count() == before


def test_upload_imports_a_tidy_csv(statistics, client_as, personas, tmp_path):
    client = client_as(personas["coordinator"])
    path = tmp_path / "places.csv"
    path.write_text(
        "territory;year;indicator;breakdown;value;unit;source\n93022;2009;reception_places;CADA;408;places;Fedasil\n"
    )
    with open(path, "rb") as handle:
        response = client.post(
            reverse("territory:import_list"), {"dataset": "indicators", "file": handle}, follow=True
        )
    assert "Import effectué" in response.content.decode()
    page = client.get(reverse("territory:detail", kwargs={"nis": "93022"})).content.decode()
    assert "Places d’accueil" in page and "408" in page and "Fedasil" in page


def test_upload_refuses_forbidden_type(statistics, client_as, personas, tmp_path):
    client = client_as(personas["coordinator"])
    path = tmp_path / "virus.exe"
    path.write_bytes(b"MZ")
    with open(path, "rb") as handle:
        response = client.post(reverse("territory:import_list"), {"dataset": "indicators", "file": handle})
    assert response.status_code == 400
    assert "Ce type de fichier n’est pas accepté" in response.content.decode()


def test_import_history_hides_who_imported_from_non_coordinators(statistics, client_as, personas):
    assert (
        "Par"
        not in client_as(personas["reader"])
        .get(reverse("territory:import_list"))
        .content.decode()
        .split("<thead>")[1]
        .split("</thead>")[0]
    )


def test_dashboard_card_shows_working_territory(statistics, client_as, personas):
    content = client_as(personas["reader"]).get(reverse("home")).content.decode()
    assert "Province de Namur au 1er janvier 2015" in content
    assert "487\u202f145" in content


def test_menu_shows_the_territory_area(statistics, client_as, personas):
    content = client_as(personas["reader"]).get(reverse("home")).content.decode()
    assert 'href="/territoire/"' in content and ">Territoire<" in content


def post_import(client, path, dataset="indicators"):
    """Upload a file; the import runs as a background job, whose page is followed to."""
    with open(path, "rb") as handle:
        return client.post(
            reverse("territory:import_list"), {"dataset": dataset, "file": handle}, follow=True
        )


def test_a_compressed_bomb_is_refused_at_the_unpacked_limit(
    statistics, client_as, personas, tmp_path, settings
):
    import gzip

    settings.PLI_IMPORT_MAX_UNPACKED_MB = 1
    path = tmp_path / "TF_SOC_POP_STRUCT_2016.txt.gz"
    path.write_bytes(gzip.compress(b"0" * (20 * 1024 * 1024)))  # 20 KB that unpack to 20 MB
    response = post_import(client_as(personas["coordinator"]), path, "statbel-structure")
    content = response.content.decode()
    assert "en échec" in content
    assert "une fois décompressé, le fichier dépasse 1 Mo" in content


def test_a_tidy_upload_past_the_old_row_limit_is_imported_in_the_background_with_its_progress(
    statistics, client_as, personas, tmp_path, settings
):
    """The request no longer waits for the import (issue 14): PLI_IMPORT_MAX_ROWS bounds it no more."""
    from jobs.models import Job

    settings.PLI_IMPORT_MAX_ROWS = 2
    path = tmp_path / "rows.csv"
    path.write_text(
        "territory;year;indicator;breakdown;value;unit;source\n"
        + "".join(f"92094;2020;x;b{n};1;p;S\n" for n in range(3))
    )
    response = post_import(client_as(personas["coordinator"]), path)
    assert "Import effectué" in response.content.decode()
    assert IndicatorValue.objects.filter(key="x").count() == 3
    job = Job.objects.get(kind="import")
    assert (job.state, job.progress, job.owner) == ("done", 100, personas["coordinator"])
    assert not Path(job.arguments["path"]).exists(), "the upload is removed once imported"


def test_a_utf16_file_is_refused_as_an_unsupported_encoding(statistics, client_as, personas, tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes("territory;year;indicator;value;unit;source\n92094;2020;x;1;p;S\n".encode("utf-16"))
    response = post_import(client_as(personas["coordinator"]), path)
    content = response.content.decode()
    assert "en échec" in content
    assert "UTF-16" in content and "colonne" not in content
