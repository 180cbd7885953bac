import http.server
import threading
import zipfile
from io import BytesIO, StringIO

import pytest

from territory.datasets import DATASETS, Dataset, fetch, mirror_files


def test_mirror_finds_the_real_files(settings, statistics):
    settings.PLI_DATA_DIR = statistics
    names = [p.name for p in mirror_files(DATASETS["statbel-structure"])]
    assert "statbel_TF_SOC_POP_STRUCT_2015.txt.gz" in names and len(names) == 7


@pytest.fixture
def file_server():
    """A local HTTP server (loopback only) that serves a zip, a non-zip and a 404."""
    archive = BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("TF_SOC_POP_STRUCT_2016.txt", "CD_REFNIS|CD_SEX\n")
    files = {"/good.zip": archive.getvalue(), "/html.zip": b"<html>not a zip</html>"}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = files.get(self.path)
            self.send_response(200 if body else 404)
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def dataset(url, *names):
    return Dataset("statbel-structure", "t", "p", "", "", "", ("*",), tuple((n, f"{url}/{n}") for n in names))


def test_fetch_downloads_verifies_and_skips_missing_years(settings, tmp_path, file_server):
    settings.PLI_CACHE_DIR = tmp_path
    out = StringIO()
    saved = fetch(dataset(file_server, "good.zip", "missing.zip"), out)
    assert [p.name for p in saved] == ["good.zip"]
    assert "missing.zip: not published (404), skipped" in out.getvalue()
    again = StringIO()
    fetch(dataset(file_server, "good.zip"), again)
    assert "already in the cache" in again.getvalue()


def test_fetch_refuses_what_is_not_the_announced_file(settings, tmp_path, file_server):
    settings.PLI_CACHE_DIR = tmp_path
    with pytest.raises(ValueError, match="did not send a zip"):
        fetch(dataset(file_server, "html.zip"), StringIO())
    assert list(tmp_path.iterdir()) == [], "nothing half-downloaded is left behind"


def test_the_structure_years_run_to_this_year_and_no_title_states_years():
    import re
    from datetime import date

    from territory.datasets import STRUCTURE_FIRST_YEAR, structure_years

    assert list(structure_years(date(2031, 3, 1))) == list(range(STRUCTURE_FIRST_YEAR, 2032))
    names = [name for name, _url in DATASETS["statbel-structure"].downloads]
    assert names[-1] == f"TF_SOC_POP_STRUCT_{date.today().year}.zip"
    for dataset in DATASETS.values():
        assert not re.search(r"\b(19|20)\d\d\b", str(dataset.title)), dataset.key


def test_the_population_workbook_s_years_come_from_its_import(statistics):
    from territory.models import Import
    from territory.queries import Source

    record = Import.objects.filter(dataset="statbel-population").latest("imported_at")
    source = Source.of(record)
    assert (source.title, source.reference) == ("Population par commune au 1er janvier", "1992–2024")
