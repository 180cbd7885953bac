"""Meetings: planning, minutes written by the facilitator, attendance with guests, decisions,
documents, concurrent edits, the dashboard card and the query count of the meeting page."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from network.models import Attendance, Decision, Meeting, MeetingDocument, Person
from network.tests.test_spaces import PDF, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(personas):
    return build_world(personas)


def meeting_data(**overrides):
    data = {
        "title": "Comité d'accompagnement",
        "kind": "ordinary",
        "starts_at": "2030-03-05T14:00",
        "ends_at": "2030-03-05T16:30",
        "place": "Rue de Fer 42, Namur",
        "video_link": "https://visio.example.org/comite",
        "agenda": "1. Accueil\n2. Bilan",
        "minutes": "",
        "version": "",
    }
    return {**data, **overrides}


# --- Planning and minutes ----------------------------------------------------------------------------


def test_facilitator_plans_a_meeting_in_local_time(client_as, personas, world):
    response = client_as(personas["partner_member"]).post(
        reverse("network:meeting_create", args=[world.space_a.pk]), meeting_data()
    )
    meeting = Meeting.objects.get(title="Comité d'accompagnement")
    assert response.url == reverse("network:meeting_detail", args=[meeting.pk])
    assert meeting.space == world.space_a
    assert timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M") == "2030-03-05 14:00"
    assert meeting.starts_at.utcoffset() is not None and meeting.starts_at.hour in (13, 14)


@pytest.mark.parametrize("ends_at", ["2030-03-05T13:00", "2030-03-05T14:00"])
def test_meeting_ending_before_it_starts_is_refused_and_keeps_what_was_typed(
    client_as, personas, world, ends_at
):
    response = client_as(personas["partner_member"]).post(
        reverse("network:meeting_create", args=[world.space_a.pk]), meeting_data(ends_at=ends_at)
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert list(form.errors) == ["ends_at"]
    assert not Meeting.objects.filter(title="Comité d'accompagnement").exists()
    assert form["title"].value() == "Comité d'accompagnement"
    assert form["place"].value() == "Rue de Fer 42, Namur"
    assert form["ends_at"].value() == ends_at
    content = response.content.decode()
    assert 'id="id_ends_at_error"' in content and 'type="datetime-local"' in content


def test_facilitator_writes_the_minutes(client_as, personas, world):
    url = reverse("network:meeting_edit", args=[world.meeting_a.pk])
    response = client_as(personas["partner_member"]).post(
        url,
        meeting_data(title=world.meeting_a.title, minutes="Présents : 12.\nDécision : écrire.", version="1"),
    )
    assert response.status_code == 302
    world.meeting_a.refresh_from_db()
    assert world.meeting_a.minutes.startswith("Présents : 12.")
    assert world.meeting_a.version == 2


def test_member_cannot_edit_the_meeting_of_their_space(client_as, personas, world):
    url = reverse("network:meeting_edit", args=[world.meeting_b.pk])
    response = client_as(personas["partner_member"]).post(url, meeting_data(minutes="Tentative", version="1"))
    assert response.status_code == 403
    world.meeting_b.refresh_from_db()
    assert world.meeting_b.minutes == "" and world.meeting_b.version == 1
    detail = client_as(personas["partner_member"]).get(
        reverse("network:meeting_detail", args=[world.meeting_b.pk])
    )
    assert detail.status_code == 200 and not detail.context["can_edit"]
    assert 'id="meeting-actions"' not in detail.content.decode()


def test_guessing_the_url_of_another_space_meeting_gets_404(client_as, personas, world):
    client = client_as(personas["partner_member"])
    for name in ("meeting_detail", "meeting_edit", "attendance_edit", "decision_create", "document_upload"):
        assert client.get(reverse(f"network:{name}", args=[world.meeting_c.pk])).status_code == 404
    assert client.get(reverse("network:decision_edit", args=[world.decision_c.pk])).status_code == 404
    assert client.get(reverse("network:document_download", args=[world.document_c.pk])).status_code == 404
    missing = Meeting.objects.order_by("-pk").first().pk + 100
    assert client.get(reverse("network:meeting_detail", args=[missing])).status_code == 404


def test_second_of_two_concurrent_edits_gets_409_and_the_first_is_kept(client_as, personas, world):
    url = reverse("network:meeting_edit", args=[world.meeting_a.pk])
    facilitator = client_as(personas["partner_member"])
    from django.test import Client

    coordinator = Client()
    coordinator.force_login(personas["coordinator"])
    loaded = [c.get(url).context["form"]["version"].value() for c in (facilitator, coordinator)]
    assert loaded == [1, 1]
    title = world.meeting_a.title
    first = facilitator.post(url, meeting_data(title=title, minutes="Version de l'animatrice", version="1"))
    assert first.status_code == 302
    second = coordinator.post(url, meeting_data(title=title, minutes="Version du coordinateur", version="1"))
    assert second.status_code == 409
    world.meeting_a.refresh_from_db()
    assert (world.meeting_a.minutes, world.meeting_a.version) == ("Version de l'animatrice", 2)
    form = second.context["form"]
    assert {"stored": "Version de l'animatrice", "typed": "Version du coordinateur"}.items() <= next(
        d for d in form.conflict if d["stored"] == "Version de l'animatrice"
    ).items()
    assert form["minutes"].value() == "Version du coordinateur", "what was typed is kept"
    again = coordinator.post(
        url, meeting_data(title=title, minutes="Version du coordinateur", version=form.data["version"])
    )
    assert again.status_code == 302


# --- Attendance --------------------------------------------------------------------------------------


def test_attendance_of_members_and_a_guest(client_as, personas, world):
    client = client_as(personas["partner_member"])
    url = reverse("network:attendance_edit", args=[world.meeting_a.pk])
    form = client.get(url).context["form"]
    assert [row["person"] for row in form.rows()] == [world.colleague, world.member]
    assert world.visitor in form.fields["guest"].queryset
    assert world.member not in form.fields["guest"].queryset
    response = client.post(
        url,
        {
            f"person_{world.member.pk}": "present",
            f"person_{world.colleague.pk}": "excused",
            "guest": world.visitor.pk,
            "guest_status": "present",
        },
    )
    assert response.status_code == 302
    recorded = {a.person: (a.status, a.is_guest) for a in world.meeting_a.attendances.all()}
    assert recorded == {
        world.member: ("present", False),
        world.colleague: ("excused", False),
        world.visitor: ("present", True),
    }
    detail = client.get(reverse("network:meeting_detail", args=[world.meeting_a.pk]))
    assert {(status, count) for status, _label, count in detail.context["counts"]} == {
        ("present", 2),
        ("excused", 1),
        ("absent", 0),
    }
    assert detail.context["guests"] == 1
    content = detail.content.decode()
    assert f'<tr data-person="{world.visitor.pk}" data-status="present" data-guest="true">' in content
    assert f'<tr data-person="{world.member.pk}" data-status="present">' in content
    again = client.get(url).context["form"]
    guest_row = next(row for row in again.rows() if row["person"] == world.visitor)
    assert guest_row["is_guest"] and guest_row["field"].value() == "present"


def test_clearing_a_status_removes_the_attendance(client_as, personas, world):
    Attendance.objects.create(meeting=world.meeting_a, person=world.colleague, status="absent")
    client_as(personas["partner_member"]).post(
        reverse("network:attendance_edit", args=[world.meeting_a.pk]),
        {f"person_{world.member.pk}": "present", f"person_{world.colleague.pk}": ""},
    )
    assert list(world.meeting_a.attendances.values_list("person", "status")) == [(world.member.pk, "present")]


def test_a_guest_must_be_someone_the_facilitator_may_see(client_as, personas, world):
    hidden = Person.objects.create(full_name="Personne interne", consent_scope="internal")
    response = client_as(personas["partner_member"]).post(
        reverse("network:attendance_edit", args=[world.meeting_a.pk]), {"guest": hidden.pk}
    )
    assert response.status_code == 400
    assert "guest" in response.context["form"].errors
    assert not Attendance.objects.filter(person=hidden).exists()


# --- Decisions ---------------------------------------------------------------------------------------


def test_facilitator_records_a_decision_and_marks_it_done(client_as, personas, world):
    client = client_as(personas["partner_member"])
    response = client.post(
        reverse("network:decision_create", args=[world.meeting_a.pk]),
        {"text": "Inviter le CPAS", "follow_up_by": world.colleague.pk, "due_on": "2030-04-01"},
    )
    assert response.status_code == 302
    decision = Decision.objects.get(text="Inviter le CPAS")
    assert (decision.meeting, decision.follow_up_by, str(decision.due_on), decision.done) == (
        world.meeting_a,
        world.colleague,
        "2030-04-01",
        False,
    )
    edit = {
        "text": "Inviter le CPAS",
        "follow_up_by": world.colleague.pk,
        "due_on": "2030-04-01",
        "done": "on",
    }
    url = reverse("network:decision_edit", args=[decision.pk])
    assert client.post(url, edit).status_code == 409, "an edit without the version it was loaded at"
    decision.refresh_from_db()
    assert not decision.done
    client.post(url, {**edit, "version": decision.version})
    decision.refresh_from_db()
    assert decision.done
    content = client.get(reverse("network:meeting_detail", args=[world.meeting_a.pk])).content.decode()
    assert f'data-decision="{decision.pk}" data-done="true">' in content
    assert "Awa Diallo" in content and "01/04/2030" in content


def test_a_decision_needs_its_text(client_as, personas, world):
    response = client_as(personas["partner_member"]).post(
        reverse("network:decision_create", args=[world.meeting_a.pk]), {"due_on": "2030-04-01"}
    )
    assert response.status_code == 400
    assert "text" in response.context["form"].errors
    assert response.context["form"]["due_on"].value() == "2030-04-01"


# --- Documents ---------------------------------------------------------------------------------------


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("compte-rendu.pdf", PDF),
        ("photo.PNG", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20),
        ("note.docx", docx_bytes()),
        ("budget.ods", docx_bytes()),
        ("liste.txt", "Présents : Awa, Nadia".encode()),
    ],
)
def test_facilitator_uploads_an_accepted_document_that_members_download(
    client_as, personas, world, name, content
):
    response = client_as(personas["partner_member"]).post(
        reverse("network:document_upload", args=[world.meeting_a.pk]),
        {"title": "Annexe", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 302
    document = MeetingDocument.objects.get(meeting=world.meeting_a, title="Annexe")
    assert document.uploaded_by == personas["partner_member"]
    download = client_as(personas["coordinator"]).get(
        reverse("network:document_download", args=[document.pk])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert download["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("outil.exe", b"MZ\x90\x00"),
        ("page.html", b"<script>alert(1)</script>"),
        ("sans-extension", PDF),
        ("faux.pdf", b"MZ\x90\x00 not a pdf"),
        ("faux.docx", PDF),
        ("faux.png", b"\xff\xd8\xff\xe0"),
        ("binaire.txt", b"abc\x00def"),
    ],
)
def test_forbidden_or_disguised_document_is_refused(client_as, personas, world, name, content):
    response = client_as(personas["partner_member"]).post(
        reverse("network:document_upload", args=[world.meeting_a.pk]),
        {"title": "Annexe", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 400
    assert "file" in response.context["form"].errors
    assert response.context["form"]["title"].value() == "Annexe"
    assert not MeetingDocument.objects.filter(title="Annexe").exists()


def test_document_over_10_mb_is_refused(client_as, personas, world):
    too_large = PDF + b"0" * (10 * 1024 * 1024 + 1 - len(PDF))
    response = client_as(personas["partner_member"]).post(
        reverse("network:document_upload", args=[world.meeting_a.pk]),
        {"title": "Gros fichier", "file": SimpleUploadedFile("gros.pdf", too_large)},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"][0]
    assert response.context["form"].errors.as_data()["file"][0].code == "size"
    assert response.context["form"]["title"].value() == "Gros fichier"
    assert not MeetingDocument.objects.filter(title="Gros fichier").exists()


def test_documents_are_not_under_a_public_url(client_as, personas, world):
    content = (
        client_as(personas["partner_member"])
        .get(reverse("network:meeting_detail", args=[world.meeting_a.pk]))
        .content.decode()
    )
    assert reverse("network:document_download", args=[world.document_a.pk]) in content
    assert world.document_a.file.name not in content


# --- The meeting page and the dashboard --------------------------------------------------------------


def test_meeting_page_query_count_does_not_grow(client_as, personas, world, query_baseline):
    client = client_as(personas["partner_member"])
    url = reverse("network:meeting_detail", args=[world.meeting_a.pk])
    name = "network:meeting_detail (partner member), then 15 more attendances, decisions, documents"
    with query_baseline(name):
        client.get(url)
    for number in range(15):
        person = Person.objects.create(full_name=f"Participant {number}", organisation=world.partner)
        Attendance.objects.create(
            meeting=world.meeting_a, person=person, status="present", is_guest=number % 2
        )
        Decision.objects.create(meeting=world.meeting_a, text=f"Décision {number}", follow_up_by=person)
        MeetingDocument.objects.create(
            meeting=world.meeting_a, title=f"Doc {number}", file="x.pdf", uploaded_by=personas["coordinator"]
        )
    with query_baseline(name):
        # session, user, 2 × devices, person, meeting, can_edit, attendances, decisions, documents,
        # and the findings register's section (findings raised here, may raise one)
        response = client.get(url)
    assert len(response.context["attendances"]) == 15


def test_dashboard_card_lists_the_next_meetings_the_user_may_read(client_as, personas, world):
    later = timezone.now() + timedelta(days=30)
    for number in range(6):
        Meeting.objects.create(
            space=world.space_b, title=f"Suivi {number}", starts_at=later, ends_at=later + timedelta(hours=1)
        )
    cards = client_as(personas["partner_member"]).get(reverse("home")).context["cards"]
    card = next(c for c in cards if c["template"] == "network/_dashboard_meetings.html")
    assert card["order"] == 20
    meetings = card["context"]["meetings"]
    assert meetings[:2] == [world.meeting_a, world.meeting_b] and len(meetings) == 5
    assert world.meeting_c not in meetings
    assert world.member.calendar_token in card["context"]["feed"]


def test_no_dashboard_card_for_a_reader_without_meetings(client_as, personas, world):
    cards = client_as(personas["reader"]).get(reverse("home")).context["cards"]
    assert all(c["template"] != "network/_dashboard_meetings.html" for c in cards)


def test_the_admin_page_of_a_meeting_reads_its_rows_in_a_fixed_number_of_queries(client_as, personas, world):
    """The admin's meeting page with its inlines (attendances, decisions, documents): a query per
    inline, not one per row (each row's person, follow-up, uploader; a decision's list of every person)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(personas["admin"])
    url = reverse("admin:network_meeting_change", args=[world.meeting_a.pk])

    def add_rows(count: int) -> None:
        for number in range(count):
            person = Person.objects.create(full_name=f"Participant {number}", organisation=world.partner)
            Attendance.objects.create(meeting=world.meeting_a, person=person, status="present")
            Decision.objects.create(meeting=world.meeting_a, text=f"Décision {number}", follow_up_by=person)
            MeetingDocument.objects.create(
                meeting=world.meeting_a,
                title=f"Doc {number}",
                file="x.pdf",
                uploaded_by=personas["coordinator"],
            )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    add_rows(1)
    queries()  # the first request of the session reads what the next ones find in their caches
    with_one_row = queries()
    add_rows(15)
    assert queries() == with_one_row
    page = client.get(url).content.decode()
    assert page.count("selected>Participant 3</option>") == 2  # who attended and who follows up
    assert page.count(f">{personas['coordinator']}<") >= 16  # each document's uploader, read with the rows


def test_the_admin_page_of_a_meeting_saves_a_row_s_person_and_who_added_a_document(
    client_as, personas, world
):
    """The rows' person widgets draw their option from the row: what the page posts back is saved."""
    from html.parser import HTMLParser

    class PostedBack(HTMLParser):  # what a browser posts for the change form as shown
        def __init__(self):
            super().__init__()
            self.data, self.select, self.textarea = {}, None, None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "input" and a.get("name") and a.get("type") not in ("submit", "checkbox", "file"):
                self.data[a["name"]] = a.get("value") or ""
            elif tag == "select":
                self.select = a.get("name")
            elif tag == "option" and self.select and "selected" in a:
                self.data[self.select] = a.get("value") or ""
            elif tag == "textarea":
                self.textarea = a.get("name")
                self.data[self.textarea] = ""

        def handle_data(self, data):
            if self.textarea:
                self.data[self.textarea] += data

        def handle_endtag(self, tag):
            self.select = None if tag == "select" else self.select
            self.textarea = None if tag == "textarea" else self.textarea

    client = client_as(personas["admin"])
    first, second = (Person.objects.create(full_name=n, organisation=world.partner) for n in ("Ana", "Bo"))
    decision = Decision.objects.create(meeting=world.meeting_a, text="Suivre", follow_up_by=first)
    url = reverse("admin:network_meeting_change", args=[world.meeting_a.pk])
    parser = PostedBack()
    parser.feed(client.get(url).content.decode())
    data = {k: v for k, v in parser.data.items() if "__prefix__" not in k}
    field = next(k for k, v in data.items() if k.endswith("-follow_up_by") and v == str(first.pk))
    data[field] = str(second.pk)
    documents = next(k for k in data if k.startswith("documents") and k.endswith("-TOTAL_FORMS"))
    prefix = documents.removesuffix("-TOTAL_FORMS")
    new_row = int(data[documents])
    data[documents] = str(new_row + 1)
    data[f"{prefix}-{new_row}-title"] = "Annexe ajoutée dans l'administration"
    files = {f"{prefix}-{new_row}-file": SimpleUploadedFile("odj.pdf", PDF, content_type="application/pdf")}
    response = client.post(url, {**data, **files})
    assert response.status_code == 302, response.context and response.context["errors"]
    decision.refresh_from_db()
    assert decision.follow_up_by == second
    added = MeetingDocument.objects.get(meeting=world.meeting_a, title="Annexe ajoutée dans l'administration")
    assert added.uploaded_by == personas["admin"], "the uploader is who added it, not a choice in a list"
