"""The vendored static files are what VERSIONS.txt says, and name no file that is missing."""

import hashlib
import re
from pathlib import Path

import pytest

VENDOR = Path(__file__).resolve().parent.parent / "static" / "vendor"
STATIC_ROOTS = [p for p in Path(__file__).resolve().parents[2].glob("*/static") if p.is_dir()]


def listed() -> dict[str, str]:
    entries = {}
    for line in (VENDOR / "VERSIONS.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            _package, _version, _source, target, sha = line.split()
            entries[target] = sha
    return entries


def test_every_vendored_file_is_listed_with_its_checksum():
    files = {str(p.relative_to(VENDOR)) for p in VENDOR.rglob("*") if p.is_file()} - {"VERSIONS.txt"}
    entries = listed()
    assert files == set(entries), "VERSIONS.txt lists exactly the files of pli/static/vendor/"
    for target, sha in entries.items():
        assert hashlib.sha256((VENDOR / target).read_bytes()).hexdigest() == sha, target


@pytest.mark.parametrize(
    "path", sorted(p for root in STATIC_ROOTS for p in root.rglob("*") if p.suffix in (".js", ".css"))
)
def test_references_in_static_files_exist(path):
    """collectstatic with the production storage fails on a reference to a missing file (a source map)."""
    text = path.read_text(errors="replace")
    references = re.findall(r"sourceMappingURL=([^\s*]+)", text)
    if path.suffix == ".css":
        references += [
            ref
            for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", text)
            if not ref.startswith(("data:", "#", "http:", "https:", "//"))
        ]
    missing = [ref for ref in references if not (path.parent / ref.split("?")[0].split("#")[0]).is_file()]
    assert missing == [], f"{path.name} names missing files"
