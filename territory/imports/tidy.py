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
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pli.files import (
    ImportRefused,
    ProblemCollector,
    normalise_header,
    read_text,
    rows,
)
from territory.imports.bulk import upsert_rows
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
FIRST_YEAR, LAST_YEAR = 1800, 2200

# What the columns of IndicatorValue hold: a value is rounded to its decimal places and must then fit
# its digits; a text longer than its column is refused (cutting it could make two figures one).
# SQLite keeps a decimal as a float, read back with 15 significant digits: past 999,999,999,999.999
# that rounds up to 10^12, which no longer fits the 16 digits (it broke every page showing it).
_VALUE_FIELD = IndicatorValue._meta.get_field("value")
DECIMALS = Decimal(1).scaleb(-_VALUE_FIELD.decimal_places)  # 0.0001
MAX_VALUE = Decimal(10) ** (_VALUE_FIELD.max_digits - _VALUE_FIELD.decimal_places) - Decimal("0.001")
LENGTHS = {
    role: IndicatorValue._meta.get_field(field).max_length
    for role, field in (("breakdown", "breakdown"), ("unit", "unit"), ("source", "source_label"))
}
FIELDS = ["territory_id", "reference_date", "key", "breakdown", "value", "unit", "source_label", "source_id"]


def parse_value(raw: str) -> Decimal | None:
    """A figure as people write it (`1 234,5`, `-3.25`, `1e3`), rounded to what the column keeps;
    None when it is not a number or does not fit the column."""
    try:
        value = Decimal(raw.replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(",", "."))
        if not value.is_finite() or abs(value) > MAX_VALUE + DECIMALS / 2:
            return None
        value = value.quantize(DECIMALS, rounding=ROUND_HALF_EVEN)
    except InvalidOperation:
        return None
    return value if abs(value) <= MAX_VALUE else None


def _number(value) -> str:
    return number_format(value, use_l10n=True, force_grouping=True)


def read_indicators(path, display_name: str | None = None, max_rows: int | None = None):
    """Validate every row; returns (rows as tuples for FIELDS without the source, rows read, sha256).

    `max_rows` (uploads: PLI_IMPORT_MAX_ROWS) refuses a longer file at once, before reading its rows."""
    text = read_text(path, display_name)
    name = text.name
    if max_rows is not None:
        lines = text.text.count("\n") + (not text.text.endswith("\n"))
        if lines - 1 > max_rows:
            raise ImportRefused.one(
                name,
                _(
                    "the file has %(rows)s rows; an upload may have at most %(limit)s "
                    "(PLI_IMPORT_MAX_ROWS): split it, or import it with the command pli import indicators"
                )
                % {"rows": _number(lines - 1), "limit": _number(max_rows)},
            )
    problems = ProblemCollector(name)
    records, sha = rows(text.text), text.sha256
    del text  # the rows hold what they need
    interned: dict[str, str] = {}
    _once = lambda text: interned.setdefault(text, text)  # noqa: E731
    _header_line, header = next(records, (1, []))
    positions = {normalise_header(h): i for i, h in enumerate(header)}
    col = {}
    for role, names in COLUMNS.items():
        for label in names:
            if label in positions:
                col[role] = positions[label]
                break
    missing = [r for r in ("territory", "indicator", "value", "unit", "source") if r not in col]
    if "date" not in col and "year" not in col:
        missing.append(_("date or year"))
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
    label = {role: header[i].strip() for role, i in col.items()}
    known = dict(Territory.objects.values_list("nis_code", "id"))
    values, seen = [], {}
    rows_read = 0
    dates: dict[str, date] = {}  # the same few dates are on every row: parsed once each
    width = max(col.values()) + 1
    c_code, c_key, c_value, c_unit, c_source = (
        col[r] for r in ("territory", "indicator", "value", "unit", "source")
    )
    c_date, c_year, c_breakdown = col.get("date"), col.get("year"), col.get("breakdown")
    for line, cells in records:
        rows_read += 1
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        code = cells[c_code].strip()
        if code.isdigit() and len(code) < 5:
            code = code.zfill(5)
        territory_id = known.get(code)
        if territory_id is None:
            problems.add(
                _("unknown territory code %(code)s") % {"code": repr(code)}, line, label["territory"]
            )
            continue
        raw_date = cells[c_date].strip() if c_date is not None else ""
        raw_year = cells[c_year].strip() if c_year is not None else ""
        written = raw_date or raw_year
        when = dates.get(written)
        if when is None:
            problem, when = _reference_date(raw_date or (raw_year if "-" in raw_year else ""), raw_year)
            if problem:
                problems.add(problem, line, label["date"] if raw_date or c_year is None else label["year"])
                continue
            dates[written] = when
        raw_key = cells[c_key].strip()
        key = raw_key.lower()
        if not KEY.match(key):
            problems.add(
                _("expected an indicator key in lower case letters, digits, - or _, found %(indicator)s")
                % {"indicator": repr(raw_key)},
                line,
                label["indicator"],
            )
            continue
        unit, source = cells[c_unit].strip(), cells[c_source].strip()
        breakdown = cells[c_breakdown].strip() if c_breakdown is not None else ""
        if not unit:
            problems.add(_("the unit is empty"), line, label["unit"])
            continue
        if not source:
            problems.add(_("the source is empty: say who published the figure"), line, label["source"])
            continue
        texts = {"breakdown": breakdown, "unit": unit, "source": source}
        too_long = next((role for role, text in texts.items() if len(text) > LENGTHS[role]), None)
        if too_long:
            problems.add(
                _("at most %(limit)s characters, found %(length)s")
                % {"limit": LENGTHS[too_long], "length": len(texts[too_long])},
                line,
                label[too_long],
            )
            continue
        value = parse_value(cells[c_value])
        if value is None:
            problems.add(
                _("expected a number between -%(max)s and %(max)s, found %(value)s")
                % {"max": _number(MAX_VALUE), "value": repr(cells[c_value].strip())},
                line,
                label["value"],
            )
            continue
        if value < 0 and unit.lower() not in SIGNED_UNITS:
            problems.add(
                _("a count of %(unit)s cannot be negative, found %(value)s")
                % {"unit": unit, "value": repr(cells[c_value].strip())},
                line,
                label["value"],
            )
            continue
        # The same few texts on every row: kept once each (a million rows would hold a million copies).
        key, breakdown, unit, source = map(_once, (key, breakdown, unit, source))
        identity = (territory_id, when, key, breakdown)
        first = seen.setdefault(identity, line)
        if first != line:
            problems.add(
                _("the same figure is already on line %(seen_identity)s") % {"seen_identity": first}, line
            )
            continue
        values.append((territory_id, when, key, breakdown, value, unit, source))
    if rows_read == 0:
        problems.add(_("the file has a header but no data rows"), 2)
    problems.raise_if_any()
    return values, rows_read, sha


def _reference_date(raw_date: str, raw_year: str) -> tuple[str | None, date | None]:
    """(problem, date) for a reference date written YYYY-MM-DD, or a year (1 January)."""
    if raw_date:
        try:
            when = date.fromisoformat(raw_date)
        except ValueError:
            return _("expected a date as YYYY-MM-DD, found %(date)s") % {"date": repr(raw_date)}, None
        if FIRST_YEAR <= when.year <= LAST_YEAR:
            return None, when
        return _("expected a date from %(first)s to %(last)s, found %(date)s") % {
            "first": FIRST_YEAR,
            "last": LAST_YEAR,
            "date": repr(raw_date),
        }, None
    if raw_year.isdigit() and FIRST_YEAR <= int(raw_year) <= LAST_YEAR:
        return None, date(int(raw_year), 1, 1)
    return _("expected a year, found %(raw_year)s") % {"raw_year": repr(raw_year)}, None


def import_indicators(
    path: Path, by=None, display_name: str | None = None, progress=None, max_rows: int | None = None
) -> ImportResult:
    """Add or replace the figures of a tidy CSV (same territory, date, indicator and breakdown)."""
    name = display_name or Path(path).name
    unchanged = already_imported(DATASET, path, name)
    if unchanged:
        return unchanged
    values, rows_read, sha = read_indicators(path, name, max_rows)
    dates = sorted({v[1] for v in values})
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
        values.sort(key=_identity)  # in the order of the unique index: every index grows at its end
        # A figure of the file replaces the stored one of the same identity (and now points to this file).
        upsert_rows(IndicatorValue, FIELDS, (row + (record.pk,) for row in values), unique=FIELDS[:4])
    keys = sorted({v[2] for v in values})
    return ImportResult(
        record,
        True,
        ngettext(
            "%(name)s: %(values)s figure (%(keys)s).", "%(name)s: %(values)s figures (%(keys)s).", len(values)
        )
        % {"name": name, "values": format(len(values), ","), "keys": ", ".join(keys)},
    )


def _identity(row: tuple) -> tuple:
    return row[:4]
