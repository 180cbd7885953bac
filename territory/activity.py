"""What the territory app contributes to the annual activity report: the statistics imported."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from territory.models import Import


def sections(year: int, user) -> list[dict]:
    imports = list(Import.objects.filter(imported_at__year=year).order_by("imported_at"))
    return [
        {
            "mission": "statistics",
            "topic": "imports",
            "title": _("Statistics imported"),
            "paragraphs": [
                _("%(count)s files of statistics imported in %(year)s.")
                % {"count": len(imports), "year": year}
            ],
            "tables": [
                {
                    "caption": _("Files imported"),
                    "headers": [_("File"), _("Reference"), _("Imported on"), _("Rows kept")],
                    "rows": [
                        [
                            i.file_name,
                            i.reference_display,
                            date_format(i.imported_at, "SHORT_DATE_FORMAT"),
                            i.rows_kept,
                        ]
                        for i in imports
                    ],
                }
            ]
            if imports
            else [],
            "empty": not imports,
        }
    ]
