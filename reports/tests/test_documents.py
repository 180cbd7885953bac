"""The documents: the PPLI 2.0 as PDF and Word, a portrait, the activity report, the cache, the
command line. Built from the demo (loaded once for the module) and the real statistics."""

import io
import re
import shutil
import subprocess

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from plan.models import Plan
from reports import content, documents
from territory import queries as territory_queries
from territory.tests.helpers import raw_structure_totals

pytestmark = pytest.mark.usefixtures("demo_once")


@pytest.fixture
def ppli(statistics):
    return Plan.objects.get(version_label="PPLI 2.0")


@pytest.fixture
def coordinator(personas):
    return personas["coordinator"]


def _text(pdf: bytes) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def _poppler(tool: str, pdf: bytes) -> str:
    if not shutil.which(tool):
        pytest.skip(f"{tool} (poppler-utils) is not installed")
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        return subprocess.run([tool, handle.name], capture_output=True, check=True).stdout.decode()


def _build(kind, params, fmt, user) -> bytes:
    result = documents.build(kind, params, fmt, user)
    with open(result["path"], "rb") as handle:
        return handle.read()


def test_the_plan_pdf_is_tagged_a4_in_french_and_prints_the_province_population_of_the_raw_file(
    ppli, coordinator
):
    from conftest import shared_data_dir

    pdf = _build("plan", {"plan": ppli.pk}, "pdf", coordinator)
    assert pdf.startswith(b"%PDF")
    info = _poppler("pdfinfo", pdf)
    assert "Tagged:          yes" in info, "tagged (PDF/UA)"
    assert "(A4)" in info
    assert "Title:           PPLI 2.0 — Plan provincial et local d'intégration de Namur" in info
    fonts = _poppler("pdffonts", pdf).splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts), "fonts embedded"
    raw = raw_structure_totals(shared_data_dir() / "statbel_TF_SOC_POP_STRUCT_2015.txt.gz", ["90000"])
    expected = f"{raw['90000']['population']:,}".replace(",", " ")
    text = _text(pdf)
    assert expected == "487 145" and expected in text
    for chapter in (
        "Résumé",
        "Méthode",
        "Le diagnostic territorial",
        "Constats par axe",
        "Gouvernance",
        "Annexes",
    ):
        assert chapter in text, chapter
    assert "Andenne" in text, "the table of the communes"


def test_the_plan_word_file_has_heading_styles_word_tables_and_images_with_alternative_text(
    ppli, coordinator
):
    from docx import Document as WordFile

    from diagnostic.models import Evidence
    from plan import queries as plan_queries
    from territory.models import Territory

    cited = plan_queries.cited_findings(ppli, coordinator).first()
    Evidence.objects.create(
        finding=cited,
        territory=Territory.objects.get(nis_code="92137"),
        indicator="non_belgian_share",
        year=2015,
        value=0.0901,
        source_label="Statbel",
    )
    word = WordFile(io.BytesIO(_build("plan", {"plan": ppli.pk}, "docx", coordinator)))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert "Le diagnostic territorial" in headings and "Gouvernance" in headings
    assert {p.style.name for p in word.paragraphs} >= {"Heading 1", "Heading 2", "Heading 3"}
    assert len(word.tables) > 60, "means, communes, partners… as Word tables"
    pictures = word.inline_shapes
    assert len(pictures) == 3, "map, evolution, pyramid"
    descriptions = [shape._inline.docPr.get("descr") for shape in pictures]
    assert all(descriptions) and any("Carte des communes" in d for d in descriptions)
    assert word.core_properties.language == "fr-BE"
    evidence = [p.text for p in word.paragraphs if p.text.startswith("Preuve")]
    assert evidence, "the findings' statistics are cited"
    assert not any("non_belgian" in line for line in evidence), "indicators by their French names"
    assert any("Sambreville, part des non-Belges (2015) = 9,01\u202f%" in line for line in evidence), evidence


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _contents(word) -> list[tuple[str, str, str, str]]:
    """The table of contents' entries as written in the XML: (style, text, bookmark, page shown)."""
    entries = []
    for paragraph in word.paragraphs:
        link = paragraph._p.find(W + "hyperlink")
        if not paragraph.style.name.startswith("toc") or link is None:
            continue
        texts = [t.text for t in link.iter(W + "t")]
        instructions = "".join(t.text for t in link.iter(W + "instrText"))
        assert instructions.strip() == f"PAGEREF {link.get(W + 'anchor')} \\h"
        entries.append((paragraph.style.name, texts[0], link.get(W + "anchor"), texts[-1]))
    return entries


def test_the_word_table_of_contents_shows_its_entries_with_their_pages_before_any_update(ppli, coordinator):
    """No "update the field" placeholder: the TOC field's result is there, one entry per heading 1 or 2,
    a link to the heading's bookmark and its page; Word updates them on opening."""
    from docx import Document as WordFile

    word = WordFile(io.BytesIO(_build("plan", {"plan": ppli.pk}, "docx", coordinator)))
    body = word.element.body
    assert [t.text.strip() for t in body.iter(W + "instrText") if t.text.strip().startswith("TOC")] == [
        'TOC \\o "1-2" \\h \\z \\u'
    ]
    assert "Mettre à jour" not in body.xml and "Update field" not in body.xml
    headings = [
        (p.style.name, p.text, p._p.find(W + "bookmarkStart").get(W + "name"))
        for p in word.paragraphs
        if p.style.name in ("Heading 1", "Heading 2")
    ]
    entries = _contents(word)
    assert [(style.replace("toc ", "Heading "), text, mark) for style, text, mark, _ in entries] == headings
    assert len(entries) > 20 and entries[0][1] == "Résumé"
    pages = [int(page) for *_, page in entries]
    assert pages[0] == 3, "the cover, the contents, then the summary"
    assert pages == sorted(pages) and pages[-1] > 30, "the PPLI 2.0 runs to some 40 pages"
    assert word.settings.element.find(W + "updateFields").get(W + "val") == "true"


def test_libreoffice_shows_each_chapter_on_the_page_the_contents_give(statistics, coordinator, tmp_path):
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice is not installed")
    from docx import Document as WordFile

    data = _build("portrait", {"nis": "92094", "compare": ""}, "docx", coordinator)
    (tmp_path / "portrait.docx").write_bytes(data)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf"]
        + ["--outdir", str(tmp_path), str(tmp_path / "portrait.docx")],
        capture_output=True,
        check=True,
        timeout=120,
    )
    pdf = (tmp_path / "portrait.pdf").read_bytes()
    pages = _text(pdf).split("\f")
    shown = _contents(WordFile(io.BytesIO(data)))
    assert len(shown) == 4
    for _style, title, _mark, page in shown:
        assert title in pages[int(page) - 1].splitlines(), (title, page)
        assert f"{title}" in pages[1] and page in pages[1], "LibreOffice prints the entries as written"


def test_the_word_tables_have_columns_as_wide_as_their_content_in_a_fixed_layout(ppli, coordinator):
    from docx import Document as WordFile
    from docx.shared import Emu

    from reports import word_layout

    word = WordFile(io.BytesIO(_build("plan", {"plan": ppli.pk}, "docx", coordinator)))
    section = word.sections[0]
    text_width = Emu(section.page_width - section.left_margin - section.right_margin).twips
    communes = next(t for t in word.tables if t.rows[0].cells[0].text == "Commune")
    for table in word.tables:
        grid = [int(c.get(W + "w")) for c in table._tbl.tblGrid.iter(W + "gridCol")]
        assert sum(grid) == text_width, "the widths fill the text width"
        assert table._tbl.tblPr.find(W + "tblLayout").get(W + "type") == "fixed"
        assert table.rows[0]._tr.trPr.find(W + "tblHeader") is not None, "the header row repeats"
        for row in table.rows[:3]:
            assert [c.width.twips for c in row.cells] == grid, "each cell's width is its column's"
    widths = [c.width.pt for c in communes.rows[0].cells]
    headers = [c.text for c in communes.rows[0].cells]
    assert headers[2] == "Population" and widths[0] > max(widths[2:]), "the names wider than the figures"
    for header, width in zip(headers, widths, strict=True):
        for word_ in header.split(" "):  # no header word broken across lines
            assert word_layout.text_width(word_, 9, bold=True) + 2 * word_layout.CELL_PADDING < width, word_
    population = [row.cells[2].text for row in communes.rows[1:]]
    assert "110\u202f646" in population or "110 646" in population
    assert all(word_layout.text_width(v, 9) + 2 * word_layout.CELL_PADDING < widths[2] for v in population), (
        "a figure holds on one line"
    )
    assert communes.rows[1].cells[2].paragraphs[0].alignment == 2, "figures aligned to the right"


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_layout_and_writing_report_their_progress_in_order_to_the_end(
    ppli, coordinator, fmt, settings, tmp_path
):
    """The progress bar moves while WeasyPrint lays out and writes the pages, or while the chapters of
    the Word file are written: not from the end of the reading straight to 100 %."""
    settings.MEDIA_ROOT = tmp_path  # built now, not taken from the cache
    seen = []
    documents.build("plan", {"plan": ppli.pk}, fmt, coordinator, lambda f, step="": seen.append((f, step)))
    start = documents.READING_SHARE[fmt]
    laying_out = [f for f, _step in seen if f >= start]
    assert laying_out == sorted(laying_out) and laying_out[-1] == 1.0
    assert len({round(f, 2) for f in laying_out if f < 1}) >= (20 if fmt == "pdf" else 7)
    steps = [step for _f, step in seen]
    if fmt == "pdf":
        assert any(re.fullmatch(r"Mise en page de la page \d+", step) for step in steps)
        assert any(re.fullmatch(r"Écriture de la page \d+ sur \d+", step) for step in steps)
    else:
        assert "Rédaction du chapitre « Gouvernance »" in steps


def test_the_document_shows_the_figures_of_the_plan_page_and_of_the_map_endpoint(
    ppli, coordinator, client_as
):
    """Chart.js draws the pages; the documents draw Vega-Lite: both from the same query functions."""
    client = client_as(coordinator)
    page = client.get(ppli.get_absolute_url())
    document = content.plan_document(ppli, coordinator)
    assert document.data["population"].population == page.context["population"].population
    assert document.data["population"].non_belgian == page.context["population"].non_belgian
    year = territory_queries.latest_structure_year()
    sent = client.get(reverse("territory:map_data", kwargs={"nis": "90000"}), {"annee": year}).json()
    on_page = {f["properties"]["nis"]: f["properties"]["non_belgian_share"] for f in sent["features"]}
    figure = next(f for f in document.data["territory"]["figures"] if f.key == "map")
    drawn = {
        f["properties"]["nis"]: f["properties"]["non_belgian_share"] for f in figure.spec["data"]["values"]
    }
    assert drawn == on_page and len(drawn) == 38


def test_the_documents_measure_changes_from_the_year_the_pages_do(monkeypatch):
    """One rule for the platform (territory.queries.default_base_year): the first year with residents by
    nationality, as the territory and plan pages say, not a year of the documents' own choosing."""
    monkeypatch.setattr(territory_queries, "structure_years", lambda: [2009, 2010, 2012, 2015])
    assert content._years() == (2015, territory_queries.default_base_year(2015, [2009, 2010, 2012, 2015]))
    assert content._years() == (2015, 2009)


def test_a_coordinator_downloads_the_plan_from_its_page_then_again_from_the_cache_until_a_change(
    ppli, coordinator, client_as, settings, tmp_path, django_capture_on_commit_callbacks
):
    from accounts import audit

    settings.MEDIA_ROOT = tmp_path  # an empty cache, whatever the other tests built
    # The fixtures' writes taken as committed: their areas' renewals (pli/versions.py) done now, so that
    # the write below is not taken for one already scheduled.
    for _ids, callback, _robust in connection.run_on_commit:
        if getattr(callback, "pli_area", None):
            callback()

    client = client_as(coordinator)
    page = client.get(ppli.get_absolute_url()).content.decode()
    url = reverse("reports:plan_document", kwargs={"pk": ppli.pk, "fmt": "docx"})
    assert f'action="{url}"' in page
    first = client.post(url)
    assert first.status_code == 302 and first["Location"].startswith("/taches/")
    job_page = client.get(first["Location"]).content.decode()
    assert "Télécharger" in job_page and 'value="100"' in job_page
    download = client.get(first["Location"] + "fichier/")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    again = client.post(url)
    assert again.status_code == 200, "the same document, straight from the cache"
    assert again["Content-Disposition"].endswith('.docx"')
    # The job's own entries in the journal (started, finished) did not make the document new; a
    # write to the plan, once committed, does.
    with django_capture_on_commit_callbacks(execute=True):
        audit.record(coordinator, "edit", ppli, changes={"summary": ["a", "b"]})
    assert client.post(url).status_code == 302, "a change makes a new document"


def test_a_plan_the_user_may_not_see_is_answered_404(ppli, personas, client_as):
    url = reverse("reports:plan_document", kwargs={"pk": ppli.pk, "fmt": "pdf"})
    assert client_as(personas["partner_outsider"]).post(url).status_code == 404
    assert (
        client_as(personas["coordinator"])
        .post(reverse("reports:plan_document", kwargs={"pk": 999999, "fmt": "pdf"}))
        .status_code
        == 404
    )


def test_a_failed_write_leaves_no_half_written_file(tmp_path, monkeypatch):
    target = tmp_path / "documents" / "plan.pdf"

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(documents.os, "replace", fail)
    with pytest.raises(OSError):
        documents._write_whole(target, b"%PDF-1.7 half")
    assert list((tmp_path / "documents").iterdir()) == []


def test_a_portrait_compares_namur_with_its_province_by_default(statistics, coordinator):
    namur = territory_queries.get_territory("92094")
    document = content.portrait_document(namur, None, coordinator)
    assert [row["portrait"].name for row in document.data["rows"]] == ["Namur", "Arrondissement de Namur"]
    province = territory_queries.get_territory("90000")
    text = _text(_build("portrait", {"nis": "92094", "compare": "90000"}, "pdf", coordinator))
    assert (
        "Portrait de Namur" in text
        and "comparé à la province de Namur" in text
        and "de Province de Namur" not in text
    )
    assert "Sa place sur la carte et dans sa province" in text
    assert province.name_fr in text


def test_an_unknown_territory_code_is_answered_in_french_without_a_job(coordinator, client_as):
    from jobs.models import Job

    response = client_as(coordinator).post(reverse("reports:portrait"), {"nis": "99999", "format": "pdf"})
    assert response.status_code == 400
    assert "Code INS inconnu" in response.content.decode()
    assert not Job.objects.exists()


def test_the_activity_report_2025_has_its_seven_chapters(coordinator):
    document = documents.READERS["activity"](
        {"year": 2025, "texts": {"training": "Trois formations."}}, coordinator, lambda *a: None
    )[0]
    chapters = document.data["chapters"]
    assert [c["number"] for c in chapters] == [1, 2, 3, 4, 5, 6, 7]
    topics = {s["topic"]: s for c in chapters for s in c["sections"]}
    assert not topics["space_meetings"]["empty"], "the demo's meetings of 2025"
    assert chapters[4]["text"] == "Trois formations."
    text = _text(documents.render_pdf(document, "reports/pdf/activity.html"))
    assert "Mission 7" in text and "Demandes d’expertise traitées" in text


def test_a_year_without_records_says_so(coordinator):
    document = documents.READERS["activity"]({"year": 1995}, coordinator, lambda *a: None)[0]
    assert document.data["recorded"] is False
    assert all(s["empty"] for c in document.data["chapters"] for s in c["sections"])


def test_the_command_line_refuses_a_bad_id_or_year_in_french_and_writes_nothing(db, tmp_path):
    output = tmp_path / "plan.pdf"
    with pytest.raises(CommandError, match="Aucun plan 999999"):
        call_command("report", "plan", "999999", "--format", "pdf", "--output", str(output), verbosity=0)
    with pytest.raises(CommandError, match="L’année doit être un nombre"):
        call_command(
            "report", "activity", "deux-mille", "--format", "pdf", "--output", str(output), verbosity=0
        )
    with pytest.raises(CommandError, match="Aucun territoire n’a le code 99999"):
        call_command("report", "portrait", "99999", "--format", "docx", "--output", str(output), verbosity=0)
    assert not output.exists()


def test_the_activity_report_counts_the_expertise_requests_and_alerts_of_its_year(coordinator):
    """The demo's requests and alerts are dated from today: the report of the year of the latest request
    counts them (from the apps' activity hooks); a year before any of them says nothing is recorded."""
    from advocacy.models import Alert
    from expertise.models import ExpertiseRequest

    def topics(year):
        document = documents.READERS["activity"]({"year": year, "texts": {}}, coordinator, lambda *a: None)[0]
        return {s["topic"]: s for c in document.data["chapters"] for s in c["sections"]}

    year = ExpertiseRequest.objects.latest("received_at").received_at.year
    received = ExpertiseRequest.objects.filter(received_at__year=year).count()
    emerged = Alert.objects.filter(emerged_on__year=year).count()
    found = topics(year)
    assert found["expertise"]["paragraphs"][0].startswith(f"{received} demandes d’expertise reçues en {year}")
    assert found["advocacy"]["paragraphs"][0].startswith(f"{emerged} alertes apparues en {year}")
    first = min(
        ExpertiseRequest.objects.earliest("received_at").received_at.year,
        Alert.objects.earliest("emerged_on").emerged_on.year,
    )
    before = topics(first - 1)
    assert before["expertise"]["empty"] and before["advocacy"]["empty"], "not left out silently"
    assert "Rien n’est enregistré" in before["advocacy"]["paragraphs"][0]


def test_the_command_line_writes_the_activity_report(db, tmp_path):
    output = tmp_path / "rapport.docx"
    call_command("report", "activity", "2025", "--format", "docx", "--output", str(output), verbosity=0)
    assert output.read_bytes().startswith(b"PK")


def test_the_plan_document_names_the_plenary_linked_to_the_plan_whatever_its_date(ppli, coordinator):
    from datetime import timedelta

    from django.utils import timezone

    from network.models import ConcertationSpace, Meeting

    held = timezone.now() - timedelta(days=3)
    plenary = Meeting.objects.create(
        space=ConcertationSpace.objects.order_by("pk").first(),
        kind="plenary",
        title="Assemblée plénière de décembre",
        starts_at=held,
        ends_at=held + timedelta(hours=2),
    )
    ppli.plenary = plenary
    ppli.save()
    document = content.plan_document(ppli, coordinator)
    assert plenary in document.data["plenaries"]
