"""The pages of the workflow, walked by the test client: a partner submits, a coordinator qualifies and
sees the ranking, solicits two experts, one declines and one answers, the requester closes, the report
counts it; and what the pages refuse."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from expertise.choices import State
from expertise.models import Assignment, ExpertiseRequest
from expertise.tests.conftest import open_one


def _url(name, *args):
    return reverse(f"expertise:{name}", args=args)


def test_the_six_steps_through_the_pages(client_as, journey):
    partner = client_as(journey.partner)
    response = partner.post(
        _url("request_create"),
        {
            "title": "Regroupement familial",
            "question": "Quels revenus faut-il ?",
            "areas": [journey.area.pk],
            "urgency": journey.urgency.pk,
            "languages": ["ar"],
            "attachment": SimpleUploadedFile("note.txt", b"Situation anonymisee."),
        },
    )
    req = ExpertiseRequest.objects.get()
    assert response.status_code == 302 and response.url == req.get_absolute_url()
    assert req.attachments.count() == 1

    coordinator = client_as(journey.coordinator)
    response = coordinator.post(
        _url("request_qualify", req.pk), {"areas": [journey.area.pk], "urgency": journey.urgency.pk}
    )
    assert response.url == _url("request_solicit", req.pk)
    page = coordinator.get(_url("request_solicit", req.pk)).content.decode()
    assert "Regroupement familial : domaine exact" in page and "parle arabe" in page
    assert page.index("Amina Benali") < page.index("Bruno Lefèvre"), "the exact area and the language first"
    coordinator.post(_url("request_solicit", req.pk), {"experts": [journey.expert_a.pk, journey.expert_b.pk]})
    first = Assignment.objects.get(expert=journey.expert_a)
    second = Assignment.objects.get(expert=journey.expert_b)
    assert first.reasons and first.reasons[0]["reason"] == "Regroupement familial : domaine exact"

    client_as(journey.expert_b.user).post(_url("assignment_decline", second.pk), {"reason": "En congé"})
    expert = client_as(journey.expert_a.user)
    expert.post(_url("assignment_accept", first.pk))
    response = expert.post(_url("assignment_answer", first.pk), {"text": "120 % du revenu d'intégration."})
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.state == State.ANSWERED

    partner = client_as(journey.partner)
    assert "120 % du revenu" in partner.get(req.get_absolute_url()).content.decode()
    partner.post(_url("request_close", req.pk), {"useful": "1", "rating": "4", "comment": "Clair."})
    req.refresh_from_db()
    assert req.state == State.CLOSED and req.feedback_rating == 4

    report = client_as(journey.coordinator).get(_url("report"))
    assert report.context["report"].total == 1 and report.context["report"].mean_feedback == 4
    csv = client_as(journey.coordinator).get(_url("report") + "?format=csv")
    assert csv["Content-Type"].startswith("text/csv") and "Regroupement familial" in csv.content.decode(
        "utf-8-sig"
    )


def test_a_request_without_question_or_area_is_shown_again_with_french_messages(client_as, journey):
    response = client_as(journey.partner).post(
        _url("request_create"), {"title": "Sans question", "urgency": journey.urgency.pk}
    )
    assert response.status_code == 400
    assert "Écrivez la question posée aux experts." in response.content.decode()
    assert "Choisissez au moins un domaine d’expertise." in response.content.decode()
    assert not ExpertiseRequest.objects.exists()


def test_closing_without_an_answer_is_refused_with_a_message(client_as, journey):
    req = open_one(journey)
    response = client_as(journey.partner).post(_url("request_close", req.pk), {"useful": "1", "rating": "3"})
    assert response.status_code == 400 and "n’a pas encore de réponse" in response.content.decode()


def test_an_outsider_gets_404_on_the_request_and_its_attachment(client_as, journey):
    req = open_one(journey, files=[SimpleUploadedFile("note.txt", b"Confidentiel.")])
    outsider = client_as(journey.outsider)
    assert outsider.get(req.get_absolute_url()).status_code == 404
    assert outsider.get(req.attachments.get().get_absolute_url()).status_code == 404
    download = client_as(journey.partner).get(req.attachments.get().get_absolute_url())
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"Confidentiel."
    outsider = client_as(journey.outsider)  # (the same test client, logged in again)
    assert "Regroupement" not in outsider.get(_url("index")).content.decode()


def test_the_labels_before_a_colon_are_written_the_french_way(client_as, journey):
    from expertise import services

    req = open_one(journey)
    services.qualify(req, by=journey.coordinator)
    coordinator = client_as(journey.coordinator)
    coordinator.post(_url("request_solicit", req.pk), {"experts": [journey.expert_a.pk]})
    page = coordinator.get(_url("request_solicit", req.pk)).content.decode()
    assert "Demande :" in page and "Déjà sollicités :" in page
    assert "Demande:" not in page and "sollicités:" not in page
    detail = coordinator.get(req.get_absolute_url()).content.decode()
    assert "Pourquoi sollicité :" in detail and "sollicité:" not in detail


def test_the_report_writes_its_months_the_french_way_on_the_page_the_chart_and_the_exports(
    client_as, journey
):
    import io
    import json
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from openpyxl import load_workbook

    brussels = ZoneInfo("Europe/Brussels")
    open_one(journey, received_at=datetime(2025, 1, 15, 10, tzinfo=brussels))
    open_one(journey, received_at=datetime(2025, 2, 1, 0, 30, tzinfo=brussels))  # 31 January in UTC
    coordinator = client_as(journey.coordinator)
    response = coordinator.get(_url("report"))
    page = response.content.decode()
    table = page[page.index('id="reactivity-table"') :]
    assert table.index("<td>janvier 2025</td>") < table.index("<td>février 2025</td>")
    chart = json.loads(page.split('id="reactivity-data" type="application/json">')[1].split("</script>")[0])
    assert chart["months"] == ["janvier 2025", "février 2025"]
    csv = coordinator.get(_url("report") + "?format=csv").content.decode("utf-8-sig")
    assert "janvier 2025" in csv and "février 2025" in csv
    sheet = load_workbook(io.BytesIO(coordinator.get(_url("report") + "?format=xlsx").content)).active
    assert {"janvier 2025", "février 2025"} <= {cell.value for row in sheet.iter_rows() for cell in row}
    for text in (page, csv):
        assert "2025-01" not in text and "2025-02" not in text
