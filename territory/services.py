"""Writes of the territory app: imports, whichever way they come (command line or upload page)."""

import tempfile
from pathlib import Path

from django.conf import settings

from accounts import audit
from territory.imports.statbel import ImportResult, import_population, import_structure
from territory.imports.tidy import import_indicators
from territory.queries import forget_data_version

IMPORTERS = {
    "statbel-structure": import_structure,
    "statbel-population": import_population,
    "indicators": import_indicators,
}


def import_file(
    dataset: str, path: Path, by=None, display_name: str | None = None, progress=None, **limits
) -> ImportResult:
    """Import a file of a known dataset. Raises ImportRefused (nothing stored) when the file is bad."""
    result = IMPORTERS[dataset](Path(path), by=by, display_name=display_name, progress=progress, **limits)
    forget_data_version()
    if result.created:  # one entry for the whole file: its rows are figures, not records one edits
        audit.record(
            by, "import", result.record, details={"dataset": dataset, "rows": result.record.rows_kept}
        )
    return result


def import_upload(dataset: str, upload, by) -> ImportResult:
    """Import an uploaded file, keeping its own name (and so its year) in the messages and provenance.

    A request must end well within the server's timeout: a tidy CSV of more rows than
    PLI_IMPORT_MAX_ROWS is refused at once (the command line has no such limit)."""
    limits = {"max_rows": settings.PLI_IMPORT_MAX_ROWS} if dataset == "indicators" else {}
    suffix = "".join(Path(upload.name).suffixes[-2:])
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
        handle.flush()
        return import_file(dataset, Path(handle.name), by=by, display_name=Path(upload.name).name, **limits)
