"""Reading files as they come: compressed ones unpacked as a stream within a limit, encodings named."""

import gzip
import io
import tracemalloc
import zipfile

import pytest

from pli.files import ImportRefused, check_archive, read_bytes, read_text

MB = 1024 * 1024


def refusal(call) -> str:
    with pytest.raises(ImportRefused) as caught:
        call()
    return caught.value.summary()


def gzip_of_zeros(megabytes: int) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as packed:
        block = b"0" * MB
        for _ in range(megabytes):
            packed.write(block)
    return out.getvalue()


def zip_of_zeros(megabytes: int, name="data.csv") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, b"0" * (megabytes * MB))
    return out.getvalue()


def test_a_gzip_bomb_is_refused_in_french_with_bounded_memory(tmp_path, settings):
    settings.PLI_IMPORT_MAX_UNPACKED_MB = 2
    path = tmp_path / "bomb.csv.gz"
    path.write_bytes(gzip_of_zeros(40))  # 40 KB that unpack to 40 MB
    assert path.stat().st_size < MB
    tracemalloc.start()
    try:
        message = refusal(lambda: read_bytes(path, "bomb.csv.gz"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * MB, f"decompression stopped at the limit, not at the end ({peak / MB:.0f} MB)"
    assert message.startswith("bomb.csv.gz : une fois décompressé, le fichier dépasse 2 Mo")
    assert "PLI_IMPORT_MAX_UNPACKED_MB" in message


def test_a_zip_bomb_is_refused_from_its_declared_size(tmp_path, settings):
    settings.PLI_IMPORT_MAX_UNPACKED_MB = 2
    path = tmp_path / "bomb.zip"
    path.write_bytes(zip_of_zeros(30))
    assert "dépasse 2 Mo" in refusal(lambda: read_bytes(path, "bomb.zip"))


def test_a_workbook_that_unpacks_past_the_limit_is_refused(tmp_path, settings):
    settings.PLI_IMPORT_MAX_UNPACKED_MB = 2
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(zip_of_zeros(30, name="xl/worksheets/sheet1.xml"))
    assert "dépasse 2 Mo" in refusal(lambda: check_archive(path, "bomb.xlsx"))


def test_within_the_limit_compressed_and_plain_files_read_alike(tmp_path, settings):
    settings.PLI_IMPORT_MAX_UNPACKED_MB = 2
    text = "territoire;valeur\n92094;1\n" * 1000
    plain, packed = tmp_path / "a.csv", tmp_path / "a.csv.gz"
    plain.write_text(text, encoding="utf-8")
    packed.write_bytes(gzip.compress(text.encode()))
    assert read_text(plain).text == read_text(packed).text == text
    assert read_text(packed).size == packed.stat().st_size


def test_an_uploaded_file_is_read_from_its_stream(settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.PLI_IMPORT_MAX_UNPACKED_MB = 1
    upload = SimpleUploadedFile("sheet.csv.gz", gzip_of_zeros(5))
    assert "sheet.csv.gz" in refusal(lambda: read_text(upload, "sheet.csv.gz"))
    assert read_text(SimpleUploadedFile("ok.csv", "é;1\n".encode()), "ok.csv").text == "é;1\n"


def test_a_plain_file_past_the_limit_is_refused(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"a;b\n" * 300_000)
    assert "big.csv : le fichier dépasse 1 Mo" in refusal(lambda: read_bytes(path, "big.csv", limit=MB))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_is_refused_as_an_unsupported_encoding(tmp_path, encoding):
    path = tmp_path / "export.csv"
    path.write_bytes("territory;value\n92094;1\n".encode(encoding))
    message = refusal(lambda: read_text(path))
    assert "UTF-16" in message and "UTF-8" in message


def test_a_null_byte_anywhere_is_refused(tmp_path):
    path = tmp_path / "nul.csv"
    path.write_bytes(b"territory;value\n" + b"92094;1\n" * 1000 + b"92094;\x00\n")
    assert "UTF-16" in refusal(lambda: read_text(path))


def test_utf8_latin1_and_bom_are_read(tmp_path):
    for raw in ("é;1\n".encode(), "\ufeffé;1\n".encode(), "é;1\n".encode("cp1252")):
        path = tmp_path / "x.csv"
        path.write_bytes(raw)
        assert read_text(path).text == "é;1\n"


def test_damaged_archives_are_named(tmp_path):
    path = tmp_path / "cut.csv.gz"
    path.write_bytes(gzip.compress(b"a;b\n" * 1000)[:-20])
    assert "le fichier gzip est tronqué ou endommagé" in refusal(lambda: read_text(path))
    path = tmp_path / "two.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.csv", "a")
        archive.writestr("b.csv", "b")
    assert "un seul fichier de données" in refusal(lambda: read_text(path))
