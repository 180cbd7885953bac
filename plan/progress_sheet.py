"""The progress of a plan's recommendations as a spreadsheet, there and back.

A coordinator downloads the sheet (one row per recommendation: its id, code, title, current status and
percentage, and empty date / text / evidence columns), has it filled in by the partners, and uploads it:
every row with a text becomes a progress update, validated by the same form as the recommendation page.
All or nothing: if any row is wrong, nothing is recorded and every problem is listed with its line and
column.
"""

import csv
import io

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plan import services
from plan.choices import RecommendationStatus
from plan.forms import ProgressUpdateForm
from plan.models import Plan, Recommendation
from pli.text import fold
from territory.imports.files import ImportRefused, ProblemCollector, decode, normalise_header, rows

COLUMNS = ["id", "code", "recommandation", "statut", "avancement", "date", "texte", "preuve"]
FIELDS = {
    "statut": "status",
    "avancement": "progress",
    "date": "date",
    "texte": "text",
    "preuve": "evidence_url",
}
COLUMN_OF = {field: column for column, field in FIELDS.items()}


def recommendations_of(plan: Plan):
    return (
        Recommendation.objects.filter(priority__plan=plan)
        .select_related("priority")
        .order_by("priority__axis__order", "priority__number", "number")
    )


def write_sheet(plan: Plan) -> str:
    """The sheet to fill in, as CSV text (semicolons, as a French-speaking spreadsheet expects)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for r in recommendations_of(plan):
        writer.writerow([r.pk, r.code, r.title, r.get_status_display(), r.progress, "", "", ""])
    return "\ufeff" + out.getvalue()


def _status(value: str) -> str:
    """A status written as its code (in_progress) or as its French label (en cours)."""
    wanted = fold(value.strip())
    for code, label in RecommendationStatus.choices:
        if wanted in (code, fold(str(label))):
            return code
    return value.strip()


def read_sheet(plan: Plan, file_name: str, content: bytes, by, organisation=None) -> int:
    """Record a progress update for every row with a text; returns how many. Raises ImportRefused."""
    records = rows(decode(content, file_name))  # the platform's file reading: encodings, quotes, blanks
    _line, header = next(records, (1, []))
    columns = {normalise_header(name): i for i, name in enumerate(header)}
    missing = [c for c in ("id", "statut", "avancement", "texte") if c not in columns]
    if missing:
        raise ImportRefused.one(
            file_name, _("missing columns: %(columns)s") % {"columns": ", ".join(missing)}, line=1
        )
    recommendations = {str(r.pk): r for r in recommendations_of(plan)}
    problems, valid = ProblemCollector(file_name), []
    for line, cells in records:
        row = {name: cells[i].strip() if i < len(cells) else "" for name, i in columns.items()}
        if not row["texte"]:
            continue  # nothing reported for this recommendation
        recommendation = recommendations.get(row["id"])
        if recommendation is None:
            problems.add(_("no recommendation %(id)s in this plan") % {"id": repr(row["id"])}, line, "id")
            continue
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
            continue
        data["progress"] = data["progress"].rstrip("%").strip()
        data["date"] = data["date"] or timezone.localdate().isoformat()  # empty: reported today
        form = ProgressUpdateForm(data, recommendation=recommendation)
        if not form.is_valid():
            for field, errors in form.errors.items():
                for error in errors:
                    problems.add(error, line, COLUMN_OF.get(field))
            continue
        valid.append((recommendation, form.cleaned_data))
    problems.raise_if_any()
    with transaction.atomic():
        for recommendation, data in valid:
            services.post_progress(recommendation, organisation=organisation, by=by, **data)
    return len(valid)
