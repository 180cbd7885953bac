"""The tidy indicators CSV: what Statbel's structure file lacks, brought by the user.

One figure per row; columns (header names, any order; comma, semicolon, tab or pipe):
    territory   NIS code (5 digits)                 required
    date | year reference date YYYY-MM-DD, or year  required (a year means 1 January)
    indicator   key, lower case with - or _         required  e.g. nationality, reception_places
    breakdown   what the figure is about            optional  e.g. Maroc, CADA, 18-24
    value       number, . or , as decimal mark      required
    unit        persons, places, %, euro…           required
    source      who published it, which table       required
See docs/data.md.
"""

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from territory.imports.files import (
    ImportRefused,
    ProblemCollector,
    normalise_header,
    read_text,
    rows,
)
from territory.imports.statbel import ImportResult, already_imported
from territory.models import Import, IndicatorValue, Territory

DATASET = "indicators"
COLUMNS = {
    "territory": ("territory", "nis", "nis_code", "code_ins", "territoire"),
    "date": ("date", "reference_date"),
    "year": ("year", "annee", "année"),
    "indicator": ("indicator", "indicateur", "key"),
    "breakdown": ("breakdown", "ventilation", "detail", "détail"),
    "value": ("value", "valeur"),
    "unit": ("unit", "unite", "unité"),
    "source": ("source",),
}
SIGNED_UNITS = {"%", "points", "solde", "balance", "pp"}
KEY = re.compile(r"^[a-z][a-z0-9_-]{0,79}$")


def read_indicators(path: Path, display_name: str | None = None):
    text = read_text(path, display_name)
    name = text.name
    problems = ProblemCollector(name)
    records = rows(text.text)
    _header_line, header = next(records)
    positions = {normalise_header(h): i for i, h in enumerate(header)}
    col = {}
    for role, names in COLUMNS.items():
        for label in names:
            if label in positions:
                col[role] = positions[label]
                break
    missing = [r for r in ("territory", "indicator", "value", "unit", "source") if r not in col]
    if "date" not in col and "year" not in col:
        missing.append("date or year")
    if missing:
        raise ImportRefused.one(
            name,
            ngettext(
                "missing column %(missing)s (see the format in docs/data.md)",
                "missing columns %(missing)s (see the format in docs/data.md)",
                len(missing),
            )
            % {"missing": ", ".join(missing)},
            line=1,
        )
    known = dict(Territory.objects.values_list("nis_code", "id"))
    values, seen = [], {}
    rows_read = 0
    for line, cells in records:
        rows_read += 1
        cell = lambda role: cells[col[role]].strip() if role in col and col[role] < len(cells) else ""  # noqa: E731, B023
        header_of = lambda role: header[col[role]].strip()  # noqa: E731
        code = cell("territory")
        if code.isdigit() and len(code) < 5:
            code = code.zfill(5)
        if code not in known:
            problems.add(
                _("unknown territory code %(code)s") % {"code": repr(code)}, line, header_of("territory")
            )
            continue
        raw_date = cell("date") or (cell("year") if "-" in cell("year") else "")
        if raw_date:
            try:
                when = date.fromisoformat(raw_date)
            except ValueError:
                column = header_of("date") if "date" in col else header_of("year")
                problems.add(
                    _("expected a date as YYYY-MM-DD, found %(date)s") % {"date": repr(raw_date)},
                    line,
                    column,
                )
                continue
        else:
            raw_year = cell("year")
            if not (raw_year.isdigit() and 1800 <= int(raw_year) <= 2200):
                problems.add(
                    _("expected a year, found %(raw_year)s") % {"raw_year": repr(raw_year)},
                    line,
                    header_of("year") if "year" in col else None,
                )
                continue
            when = date(int(raw_year), 1, 1)
        key = cell("indicator").lower()
        if not KEY.match(key):
            problems.add(
                _("expected an indicator key in lower case letters, digits, - or _, found %(indicator)s")
                % {"indicator": repr(cell("indicator"))},
                line,
                header_of("indicator"),
            )
            continue
        unit, source = cell("unit"), cell("source")
        if not unit:
            problems.add("the unit is empty", line, header_of("unit"))
            continue
        if not source:
            problems.add("the source is empty: say who published the figure", line, header_of("source"))
            continue
        raw_value = cell("value").replace("\u202f", "").replace(" ", "").replace(",", ".")
        try:
            value = Decimal(raw_value)
            if not value.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            problems.add(
                _("expected a number, found %(value)s") % {"value": repr(cell("value"))},
                line,
                header_of("value"),
            )
            continue
        if value < 0 and unit.lower() not in SIGNED_UNITS:
            problems.add(
                _("a count of %(unit)s cannot be negative, found %(value)s")
                % {"unit": unit, "value": repr(cell("value"))},
                line,
                header_of("value"),
            )
            continue
        breakdown = cell("breakdown")
        identity = (code, when, key, breakdown)
        if identity in seen:
            problems.add(
                _("the same figure is already on line %(seen_identity)s") % {"seen_identity": seen[identity]},
                line,
            )
            continue
        seen[identity] = line
        values.append(
            IndicatorValue(
                territory_id=known[code],
                reference_date=when,
                key=key,
                breakdown=breakdown[:120],
                value=value,
                unit=unit[:30],
                source_label=source[:255],
            )
        )
    if rows_read == 0:
        problems.add("the file has a header but no data rows", 2)
    problems.raise_if_any()
    return values, rows_read, text.sha256


def import_indicators(path: Path, by=None, display_name: str | None = None, progress=None) -> ImportResult:
    """Add or replace the figures of a tidy CSV (same territory, date, indicator and breakdown)."""
    name = display_name or Path(path).name
    unchanged = already_imported(DATASET, path, name)
    if unchanged:
        return unchanged
    values, rows_read, sha = read_indicators(path, name)
    dates = sorted({v.reference_date for v in values})
    with transaction.atomic():
        record = Import.objects.create(
            dataset=DATASET,
            file_name=name,
            sha256=sha,
            reference_date=dates[-1],
            reference_label=str(dates[0].year)
            if dates[0].year == dates[-1].year
            else f"{dates[0].year}–{dates[-1].year}",
            rows_read=rows_read,
            rows_kept=len(values),
            imported_by=by,
        )
        for value in values:
            value.source = record
            IndicatorValue.objects.filter(
                territory_id=value.territory_id,
                reference_date=value.reference_date,
                key=value.key,
                breakdown=value.breakdown,
            ).delete()
        IndicatorValue.objects.bulk_create(values, batch_size=1000)
    keys = sorted({v.key for v in values})
    return ImportResult(
        record,
        True,
        ngettext(
            "%(name)s: %(values)s figure (%(keys)s).", "%(name)s: %(values)s figures (%(keys)s).", len(values)
        )
        % {"name": name, "values": len(values), "keys": ", ".join(keys)},
    )
