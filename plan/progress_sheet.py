"""The progress of a plan's recommendations as a spreadsheet, there and back.

A coordinator downloads the sheet (one row per recommendation: its id, code, title, current status and
percentage, and empty date / text / evidence columns), has it filled in by the partners, and uploads it:
every row with a text becomes a progress update, validated by the same form as the recommendation page.
All or nothing: if any row is wrong, nothing is recorded and every problem is listed with its line and
column. Idempotent: a row identical to a step already on the recommendation's timeline (same date,
text, status, percentage and evidence) is not recorded again, so the same sheet uploaded twice records
nothing the second time.
"""

import csv
import io

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plan import services
from plan.choices import RecommendationStatus
from plan.forms import ProgressUpdateForm
from plan.models import Plan, ProgressUpdate, Recommendation
from pli.exports import safe_cell
from pli.files import ImportRefused, ProblemCollector, normalise_header, read_text, rows
from pli.text import fold

COLUMNS = ["id", "code", "recommandation", "statut", "avancement", "date", "texte", "preuve"]
FIELDS = {
    "statut": "status",
    "avancement": "progress",
    "date": "date",
    "texte": "text",
    "preuve": "evidence_url",
}
COLUMN_OF = {field: column for column, field in FIELDS.items()}
# What makes two steps of a timeline the same one.
STEP = ("recommendation_id", "date", "text", "status", "progress", "evidence_url")


def recommendations_of(plan: Plan):
    return (
        Recommendation.objects.filter(priority__plan=plan)
        .select_related("priority")
        .order_by("priority__axis__order", "priority__number", "number")
    )


def write_sheet(plan: Plan) -> str:
    """The sheet to fill in, as CSV text (semicolons, as a French-speaking spreadsheet expects); a title
    that a spreadsheet would take for a formula is written as text (pli.exports.safe_cell)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for r in recommendations_of(plan):
        writer.writerow([r.pk, r.code, safe_cell(r.title), r.get_status_display(), r.progress, "", "", ""])
    return "\ufeff" + out.getvalue()


def _status(value: str) -> str:
    """A status written as its code (in_progress) or as its French label (en cours)."""
    wanted = fold(value.strip())
    for code, label in RecommendationStatus.choices:
        if wanted in (code, fold(str(label))):
            return code
    return value.strip()


def max_bytes() -> int:
    from django.conf import settings

    return settings.PLI_PROGRESS_SHEET_MAX_MB * 1024 * 1024


def _checked_row(row: dict, line: int, recommendations: dict, problems: ProblemCollector):
    """(recommendation, the progress form's cleaned data) of a filled-in row, or None with its problems
    added (line and column)."""
    recommendation = recommendations.get(row["id"])
    if recommendation is None:
        problems.add(_("no recommendation %(id)s in this plan") % {"id": repr(row["id"])}, line, "id")
        return None
    data = {field: row.get(column, "") for column, field in FIELDS.items()}
    data["status"] = _status(data["status"])
    if data["status"] not in RecommendationStatus.values:
        labels = ", ".join(str(label) for label in RecommendationStatus.labels)
        problems.add(
            _("unknown status %(status)s: write one of %(labels)s")
            % {"status": repr(data["status"]), "labels": labels},
            line,
            "statut",
        )
        return None
    data["progress"] = data["progress"].rstrip("%").strip()
    data["date"] = data["date"] or timezone.localdate().isoformat()  # empty: reported today
    form = ProgressUpdateForm(data, recommendation=recommendation)
    if not form.is_valid():
        for field, errors in form.errors.items():
            for error in errors:
                problems.add(error, line, COLUMN_OF.get(field))
        return None
    return recommendation, form.cleaned_data


def read_sheet(plan: Plan, file_name: str, upload, by, organisation=None) -> tuple[int, int]:
    """Record a progress update for every row with a text that is not on the timeline yet; returns
    (recorded, already there). Raises ImportRefused.

    `upload` is the uploaded file (or a path): read with the platform's file reading (encodings,
    quotes, blank lines), unpacked as a stream within PLI_PROGRESS_SHEET_MAX_MB."""
    records = rows(read_text(upload, file_name, limit=max_bytes()).text)
    _line, header = next(records, (1, []))
    columns = {normalise_header(name): i for i, name in enumerate(header)}
    missing = [c for c in ("id", "statut", "avancement", "texte") if c not in columns]
    if missing:
        raise ImportRefused.one(
            file_name, _("missing columns: %(columns)s") % {"columns": ", ".join(missing)}, line=1
        )
    recommendations = {str(r.pk): r for r in recommendations_of(plan)}
    problems, valid = ProblemCollector(file_name), []
    on_timeline = set(ProgressUpdate.objects.filter(recommendation__priority__plan=plan).values_list(*STEP))
    already = 0
    for line, cells in records:
        row = {name: cells[i].strip() if i < len(cells) else "" for name, i in columns.items()}
        if not row["texte"]:
            continue  # nothing reported for this recommendation
        checked = _checked_row(row, line, recommendations, problems)
        if checked is None:
            continue
        recommendation, cleaned = checked
        step = (recommendation.pk, *(cleaned[name] for name in STEP[1:]))
        if step in on_timeline:
            already += 1  # recorded by an earlier upload of this sheet (or twice in this one)
            continue
        on_timeline.add(step)
        valid.append((recommendation, cleaned))
    problems.raise_if_any()
    with transaction.atomic():
        for recommendation, data in valid:
            services.post_progress(recommendation, organisation=organisation, by=by, **data)
    return len(valid), already
