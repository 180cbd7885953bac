"""Writes of the territory app: imports, whichever way they come (command line or upload page)."""

import tempfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from accounts import audit
from pli.files import ImportRefused, Problem
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


def import_upload(dataset: str, upload, by):
    """Import an uploaded file in the background (a job, jobs/): the upload is kept under
    var/uploads until the job has read it. Its own name (and so its year) stays in the messages and
    the provenance. No row limit: the request no longer waits for the import."""
    from jobs import services as jobs

    folder = Path(str(settings.VAR_DIR)) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    suffix = "".join(Path(upload.name).suffixes[-2:])
    with tempfile.NamedTemporaryFile(dir=folder, suffix=suffix, delete=False) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    name = Path(upload.name).name
    return jobs.start(
        "territory.services.import_saved",
        kind="import",
        title=_("Import of %(file)s") % {"file": name},
        by=by,
        arguments={
            "dataset": dataset,
            "path": handle.name,
            "display_name": name,
            "user_id": getattr(by, "pk", None),
        },
    )


def import_saved(progress, dataset: str, path: str, display_name: str, user_id=None) -> dict:
    """The job's work: import the saved upload, reporting the rows read, then remove the upload."""
    from django.urls import reverse

    from accounts.models import User
    from pli.files import read_text

    by = User.objects.filter(pk=user_id).first() if user_id else None
    saved = Path(path)
    if not saved.is_file():
        raise ImportRefused(
            [Problem(display_name, _("The uploaded file is no longer there: upload it again."))]
        )
    try:
        progress(0.02, _("Reading the file"))
        lines = max(1, read_text(saved, display_name).text.count("\n"))

        def rows_done(rows: int) -> None:
            progress(
                min(0.95, rows / lines),
                _("%(rows)s lines read") % {"rows": f"{rows:,}".replace(",", "\u202f")},
            )

        result = import_file(dataset, saved, by=by, display_name=display_name, progress=rows_done)
    finally:
        saved.unlink(missing_ok=True)
    message = (
        _("Import done: %(message)s") % {"message": result.message}
        if result.created
        else _("This file was already imported: nothing changed.")
    )
    return {"url": reverse("territory:import_list"), "message": message}
