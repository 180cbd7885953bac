"""Imports of Statbel's population files, all or nothing, idempotent, with their provenance.

Two phases: read and validate every row (collecting problems with file, line and column), then one
transaction that replaces the year's facts and records the Import every figure points to.
"""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from itertools import count as numbers_from
from itertools import islice
from operator import methodcaller
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pli.files import (
    ImportRefused,
    ProblemCollector,
    check_archive,
    normalise_header,
    read_text,
    rows,
    sha256_of,
    sniff_delimiter,
    year_in_name,
)
from territory.choices import Nationality, Sex, age_band
from territory.imports import columnar
from territory.imports.bulk import insert_rows
from territory.imports.refnis import COUNTRY_CODE
from territory.models import AgeBandCount, Import, PopulationSummary, Territory

STRUCTURE = "statbel-structure"
BAND_FIELDS = ["territory_id", "year", "sex", "nationality", "count", "bands", "source_id"]
POPULATION = "statbel-population"
MAX_AGE = 120
# The most a count column holds (PositiveIntegerField: 2,147,483,647 on PostgreSQL), so that what is
# accepted can be stored, shown and exported on every database.
MAX_COUNT = 2_147_483_647
SEXES = (Sex.MEN.value, Sex.WOMEN.value)
NATIONALITIES = (Nationality.BELGIAN.value, Nationality.NON_BELGIAN.value)

# Header spellings seen in the real files, by role (normalised: trimmed, lower case).
STRUCTURE_COLUMNS = {
    "commune": ("cd_munty_refnis", "cd_refnis"),
    "arrondissement": ("cd_dstr_refnis",),
    "province": ("cd_prov_refnis",),
    "region": ("cd_rgn_refnis",),
    "sex": ("cd_sex",),
    "nationality": ("cd_natlty",),
    "age": ("cd_age",),
    "count": ("ms_population", "ms_population_count"),
    "year": ("cd_year",),
}
REQUIRED_STRUCTURE = ("commune", "sex", "nationality", "age", "count")


@dataclass
class ImportResult:
    record: Import
    created: bool
    message: str


def already_imported(dataset: str, path: Path, name: str) -> "ImportResult | None":
    """The same file (same checksum) imported again changes nothing: say so, with when it was imported."""
    existing = Import.objects.filter(dataset=dataset, sha256=sha256_of(path)).first()
    if existing is None:
        return None
    when = format(localtime(existing.imported_at), "%Y-%m-%d %H:%M")
    return ImportResult(
        existing,
        False,
        _("%(name)s: already imported on %(imported_at)s, nothing changed.")
        % {"name": name, "imported_at": when},
    )


def _map_columns(header: list[str], spec: dict, required, file: str, dataset_title: str) -> dict[str, int]:
    positions = {normalise_header(name): index for index, name in enumerate(header)}
    columns = {}
    for role, names in spec.items():
        for name in names:
            if name in positions:
                columns[role] = positions[name]
                break
    missing = [spec[role][0].upper() for role in required if role not in columns]
    if missing:
        raise ImportRefused.one(
            file,
            ngettext(
                "missing column %(missing)s: this is not a %(dataset)s file (columns found: %(found)s)",
                "missing columns %(missing)s: this is not a %(dataset)s file (columns found: %(found)s)",
                len(missing),
            )
            % {
                "missing": ", ".join(missing),
                "dataset": dataset_title,
                "found": ", ".join(h.strip() for h in header[:8]) + ("…" if len(header) > 8 else ""),
            },
            line=1,
        )
    return columns


def _region_code(raw: str) -> str:
    """Region codes are stored as integers in some files: 3000 → 03000."""
    return raw.zfill(5) if raw.isdigit() else raw


@dataclass(eq=False)
class StructureCounts:
    """A structure file read and checked: its commune-level cells in DuckDB (`cells`), its year and
    each commune's chain (itself, arrondissement, province, region, country) as the file gives it."""

    year: int
    rows_read: int
    communes: int
    chains: dict[str, list[str]]
    cells: Any  # the DuckDB connection holding `cells` (territory/imports/columnar.py)

    @cached_property
    def ages(self) -> dict[tuple[str, str, str], list[int]]:
        """(commune, sex, nationality) -> counts by single year of age 0..MAX_AGE."""
        return columnar.commune_ages(self.cells, MAX_AGE)

    def __eq__(self, other):
        if not isinstance(other, StructureCounts):
            return NotImplemented
        return (self.year, self.rows_read, self.communes, self.chains, self.ages) == (
            other.year,
            other.rows_read,
            other.communes,
            other.chains,
            other.ages,
        )


AGES = {str(age): age for age in range(MAX_AGE + 1)}  # an age as written -> its value, without int()
AGE_BANDS = [age_band(age) for age in range(MAX_AGE + 1)]  # territory.choices says which band
_BLANK = object()  # what a blank line is keyed by: skipped


def _header_cells(text: str) -> tuple[list[str], str] | None:
    """The cells of the first non-blank line and the delimiter (without cutting the whole text)."""
    if '"' in text:
        first = next(rows(text), None)
        return (first[1], sniff_delimiter(text.split("\n", 1)[0])) if first else None
    start = 0
    while True:
        end = text.find("\n", start)
        line = (text[start:] if end < 0 else text[start:end]).rstrip("\r")
        if line.strip():
            delimiter = sniff_delimiter(line)
            return line.split(delimiter), delimiter
        if end < 0:
            return None
        start = end + 1


class _StructureRows:
    """The data rows of a TF_SOC_POP_STRUCT file, as `(line number, parts)`, read the fastest way.

    When the age, count and year are the last columns and nothing is quoted (Statbel's files), a line is
    cut only at its last separators: `parts` is its first part then those values. The first part is the
    same on every row of a commune, sex, nationality and civil status, so it is the key of the counts
    the row adds to, and the line is split in full only the first time that key is seen, to check it
    (457,051 rows: 9,331 full splits, 0.8 s → 0.1 s). Otherwise every row is split in full, and its key
    is its commune, sex and nationality. `age`, `count` and `year` are the positions in `parts`;
    `whole` is the length of a regular row's `parts` in the fast way (its key is then `parts[0]`).
    """

    def __init__(self, text: str, delimiter: str, width: int, c_code, c_sex, c_nat, c_age, c_count, c_year):
        self.text, self.delimiter, self.width = text, delimiter, width
        self.key_columns = (c_code, c_sex, c_nat)
        tail = [c for c in (c_age, c_count, c_year) if c is not None]
        first = width - len(tail)
        self.fast = sorted(tail) == list(range(first, width)) and '"' not in text
        if self.fast:
            self.whole = len(tail) + 1
            self.age, self.count = c_age - first + 1, c_count - first + 1
            self.year = c_year - first + 1 if c_year is not None else None
        else:
            self.whole = -1  # never: every key goes through key()
            self.age, self.count, self.year = c_age, c_count, c_year

    def __iter__(self):
        if not self.fast:
            records = rows(self.text)
            next(records, None)  # the header
            return records
        lines = self.text.splitlines()
        header_at = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
        cut = methodcaller("rsplit", self.delimiter, self.whole - 1)  # map() calls it without a Python frame
        return zip(numbers_from(header_at + 2), map(cut, islice(lines, header_at + 1, None)), strict=False)

    def key(self, parts: list[str]):
        """The key of a row that is not a regular one of the fast way: None if it has not the right
        number of fields (the caller reports it), _BLANK for a blank line."""
        if self.fast:
            return _BLANK if not parts[0].strip() else None
        c_code, c_sex, c_nat = self.key_columns
        return (parts[c_code], parts[c_sex], parts[c_nat]) if len(parts) == self.width else None

    def cells(self, parts: list[str]) -> list[str]:
        """All the cells of the row (split in full)."""
        if self.fast and len(parts) == self.whole:
            return parts[0].split(self.delimiter) + parts[1:]
        return parts  # split in full already (a line with fewer separators is split at every one)


def _known_communes() -> tuple[dict[str, tuple[str, str, str]], set[str]]:
    """Every commune's (arrondissement, province, region) in REFNIS, and every territory's code."""
    known = {
        code: (arrondissement or "", province or "", region or "")
        for code, arrondissement, province, region in Territory.objects.filter(level="commune").values_list(
            "nis_code", "parent__nis_code", "province_code", "region_code"
        )
    }
    return known, set(Territory.objects.values_list("nis_code", flat=True))


def read_structure(path: Path, display_name: str | None = None, progress=None) -> tuple[StructureCounts, str]:
    """Validate every row of a TF_SOC_POP_STRUCT file and sum it up to every level. Raises ImportRefused.

    DuckDB reads, checks and sums a valid file in one columnar scan (territory/imports/columnar.py); a
    file it does not pass as it is goes through the line reader, which names every problem."""
    name = display_name or Path(path).name
    known, known_codes = _known_communes()
    cells = columnar.structure_cells(
        path, STRUCTURE_COLUMNS, REQUIRED_STRUCTURE, set(known), year_in_name(name), MAX_AGE, MAX_COUNT
    )
    if cells is None:
        return _read_structure_by_line(path, display_name, progress, known, known_codes)
    parents = {
        code: (
            arrondissement if arrondissement is not None else known[code][0],
            province if province is not None else known[code][1],
            _region_code(region) if region is not None else known[code][2],
        )
        for code, (arrondissement, province, region) in cells.parents.items()
    }
    if progress:
        progress(cells.rows_read)
    counts = _checked(
        name, ProblemCollector(name), cells.connection, parents, known_codes, cells.year, cells.rows_read
    )
    return counts, sha256_of(path)


def _read_structure_by_line(
    path: Path, display_name, progress, known: dict, known_codes: set
) -> tuple[StructureCounts, str]:
    """The line reader: every row checked in turn, every problem named by line and column."""
    text = read_text(path, display_name)
    name = text.name
    problems = ProblemCollector(name)
    found = _header_cells(text.text)
    if found is None:
        raise ImportRefused.one(name, _("the file is empty"))
    header, delimiter = found
    col = _map_columns(header, STRUCTURE_COLUMNS, REQUIRED_STRUCTURE, name, "Statbel TF_SOC_POP_STRUCT")
    header_names = [h.strip() for h in header]
    c_code, c_sex, c_nat, c_age, c_count = (col[k] for k in REQUIRED_STRUCTURE)
    c_year = col.get("year")
    c_arr, c_prov, c_reg = col.get("arrondissement"), col.get("province"), col.get("region")
    width = len(header)

    name_year = year_in_name(name)
    file_year = None
    cells_by_commune: dict[str, list[int]] = {}
    parents: dict[str, tuple[str, ...]] = {}
    unknown_seen: set[str] = set()
    rows_read = 0
    empty = [0] * (MAX_AGE + 1)

    year_text = None  # the CD_YEAR of the first row, compared as text on every row (fast path)
    by_raw_key: dict = {}  # the row's identifying part as written -> the age counts it adds to
    reader = _StructureRows(text.text, delimiter, width, c_code, c_sex, c_nat, c_age, c_count, c_year)
    at_age, at_count, at_year, whole = reader.age, reader.count, reader.year, reader.whole
    for line, parts in reader:  # 457,051 times: the regular row's key is read inline
        raw_key = parts[0] if len(parts) == whole else reader.key(parts)
        if raw_key is _BLANK:
            continue
        rows_read += 1
        if progress and rows_read % 50_000 == 0:
            progress(rows_read)
        counts = by_raw_key.get(raw_key) if raw_key is not None else None
        if counts is None:
            cells = reader.cells(parts)
            if len(cells) != width:
                problems.add(
                    _("expected %(width)s fields, found %(cells)s") % {"width": width, "cells": len(cells)},
                    line,
                )
                continue
            # First time this commune, sex and nationality are seen: check them once.
            code, sex, nationality = (cells[c].strip() for c in (c_code, c_sex, c_nat))
            if code not in known:
                if code not in unknown_seen:
                    unknown_seen.add(code)
                    problems.add(
                        _("unknown commune code %(code)s (not in the REFNIS code list)")
                        % {"code": repr(code)},
                        line,
                        header_names[c_code],
                    )
                continue
            if sex not in SEXES:
                problems.add(
                    _("expected M or F, found %(sex)s") % {"sex": repr(sex)}, line, header_names[c_sex]
                )
                continue
            if nationality not in NATIONALITIES:
                problems.add(
                    _("expected BEL or ETR, found %(nationality)s") % {"nationality": repr(nationality)},
                    line,
                    header_names[c_nat],
                )
                continue
            key = f"{code}{sex}{nationality}"
            counts = cells_by_commune.get(key)
            if counts is None:
                counts = cells_by_commune[key] = empty.copy()
            if code not in parents:
                # The file's own geography when it has one (the year's arrondissements), else REFNIS.
                parents[code] = (
                    cells[c_arr].strip() if c_arr is not None else known[code][0],
                    cells[c_prov].strip() if c_prov is not None else known[code][1],
                    _region_code(cells[c_reg].strip()) if c_reg is not None else known[code][2],
                )
            by_raw_key[raw_key] = counts
        raw_age, raw_count = parts[at_age], parts[at_count]
        raw_year = parts[at_year] if at_year is not None else ""
        try:
            age = AGES.get(raw_age)  # "0" … "120" as written, without int() on every row
            if age is None:
                age = int(raw_age)  # int() accepts surrounding spaces
                if not 0 <= age <= MAX_AGE:
                    raise ValueError
        except ValueError:
            problems.add(
                _("expected an age from 0 to %(max_age)s, found %(raw_age)s")
                % {"max_age": MAX_AGE, "raw_age": repr(raw_age.strip())},
                line,
                header_names[c_age],
            )
            continue
        try:
            count = int(raw_count)
            if not 0 <= count <= MAX_COUNT:
                raise ValueError
        except ValueError:
            problems.add(
                _("expected a whole number of persons from 0 to %(max)s, found %(raw_count)s")
                % {"max": MAX_COUNT, "raw_count": repr(raw_count.strip())},
                line,
                header_names[c_count],
            )
            continue
        if c_year is not None and raw_year != year_text:
            stripped_year = raw_year.strip()
            if file_year is None:
                if not stripped_year.isdigit():
                    problems.add(
                        _("expected a year, found %(raw_year)s") % {"raw_year": repr(stripped_year)},
                        line,
                        header_names[c_year],
                    )
                    continue
                file_year, year_text = int(stripped_year), raw_year
                if name_year and file_year != name_year:
                    problems.add(
                        _("the year %(file_year)s does not match the year %(name_year)s in the file name")
                        % {"file_year": file_year, "name_year": name_year},
                        line,
                        header_names[c_year],
                    )
            elif stripped_year != str(file_year):
                problems.add(
                    _("expected the year %(file_year)s like the rows above, found %(raw_year)s")
                    % {"file_year": file_year, "raw_year": repr(stripped_year)},
                    line,
                    header_names[c_year],
                )
                continue
        counts[age] += count

    if rows_read == 0:
        problems.add(_("the file has a header but no data rows"), 2)
    year = file_year or name_year
    if year is None and rows_read:
        problems.add(_("no reference year: no CD_YEAR column and no year in the file name"), 1)
    if problems.problems:  # nothing to sum up: the problems are raised with the chains' below
        return _checked(name, problems, None, parents, known_codes, year, rows_read), text.sha256
    cells = columnar.cells_from_counts(cells_by_commune)
    return _checked(name, problems, cells, parents, known_codes, year, rows_read), text.sha256


def _checked(
    name: str,
    problems: ProblemCollector,
    cells,
    parents: dict,
    known_codes: set,
    year,
    rows_read,
) -> StructureCounts:
    """The counts with each commune's chain, once the chain's codes are known (raises otherwise)."""
    for code, chain in parents.items():
        for parent in chain:
            if parent and parent not in known_codes:
                problems.add(
                    _("unknown arrondissement, province or region code %(parent)s for commune %(code)s")
                    % {"parent": repr(parent), "code": code}
                )
    problems.raise_if_any()
    # Each commune adds to itself, its arrondissement, province, region and the country (the file's
    # own geography: the year's arrondissements).
    chains = {
        code: [target for target in (code, *chain, COUNTRY_CODE) if target] for code, chain in parents.items()
    }
    return StructureCounts(year=year, rows_read=rows_read, communes=len(parents), chains=chains, cells=cells)


def _summaries(summed: list[tuple], year: int, name: str) -> list[tuple]:
    """One summary row per territory (SUMMARY_FIELDS but the source, added once it is recorded);
    refused when a territory's population is more than the platform stores."""
    rows, too_many = [], []
    for (
        code,
        territory_id,
        men,
        women,
        foreign_men,
        foreign_women,
        under_18,
        over_65,
        foreign_under_18,
        foreign_over_65,
        median,
        foreign_median,
    ) in summed:
        population, non_belgian = int(men + women), int(foreign_men + foreign_women)
        if population > MAX_COUNT:
            too_many.append(code)
        rows.append(
            (
                territory_id,
                year,
                True,
                population,
                int(men),
                int(women),
                population - non_belgian,
                non_belgian,
                int(foreign_men),
                int(foreign_women),
                int(under_18),
                int(over_65),
                int(foreign_under_18),
                int(foreign_over_65),
                # Median age in years, interpolated inside the single-year class that holds the middle
                # person (DuckDB computes the value in the same floating-point steps; rounded here).
                round(median, 1) if median is not None else None,
                round(foreign_median, 1) if foreign_median is not None else None,
            )
        )
    if too_many:
        raise ImportRefused.one(
            name,
            _(
                "the population of %(codes)s adds up to more than %(max)s persons, more than the platform stores"
            )
            % {"codes": ", ".join(sorted(too_many)[:5]), "max": MAX_COUNT},
        )
    return rows


SUMMARY_FIELDS = [
    "territory_id",
    "year",
    "has_structure",
    "population",
    "men",
    "women",
    "belgian",
    "non_belgian",
    "non_belgian_men",
    "non_belgian_women",
    "under_18",
    "over_65",
    "non_belgian_under_18",
    "non_belgian_over_65",
    "median_age",
    "non_belgian_median_age",
    "source_id",
]


def import_structure(path: Path, by=None, display_name: str | None = None, progress=None) -> ImportResult:
    """Import one TF_SOC_POP_STRUCT_<year> file (replacing that year's facts if it was there)."""
    name = display_name or Path(path).name
    unchanged = already_imported(STRUCTURE, path, name)
    if unchanged:
        return unchanged
    counts, sha = read_structure(path, name, progress)
    try:
        territories = dict(
            Territory.objects.filter(
                nis_code__in={target for chain in counts.chains.values() for target in chain}
            ).values_list("nis_code", "id")
        )
        rollup = columnar.Rollup(counts.cells, counts.chains, territories, AGE_BANDS)
        if rollup.population() > MAX_COUNT:
            _summaries(rollup.summaries(), counts.year, name)  # refused, naming the territories
        with transaction.atomic():
            previous = list(
                Import.objects.filter(
                    dataset=STRUCTURE, reference_date=date(counts.year, 1, 1), superseded_by=None
                )
            )
            PopulationSummary.objects.filter(year=counts.year, has_structure=True).delete()
            AgeBandCount.objects.filter(year=counts.year).delete()
            record = Import.objects.create(
                dataset=STRUCTURE,
                file_name=name,
                sha256=sha,
                reference_date=date(counts.year, 1, 1),
                reference_label="",
                rows_read=counts.rows_read,
                rows_kept=counts.rows_read,
                imported_by=by,
            )
            # DuckDB sums up the summaries in a thread while the database takes the bands (both
            # release the GIL).
            with ThreadPoolExecutor(max_workers=1) as pool:
                summed = pool.submit(rollup.summaries)
                rollup.write_bands(AgeBandCount, BAND_FIELDS, counts.year, record.pk)
                summaries = _summaries(summed.result(), counts.year, name)
            insert_rows(PopulationSummary, SUMMARY_FIELDS, [(*row, record.pk) for row in summaries])
            Import.objects.filter(pk__in=[p.pk for p in previous]).update(superseded_by=record)
    finally:
        counts.cells.close()
    return ImportResult(
        record,
        True,
        _(
            "%(name)s: %(rows)s rows read, %(communes)s communes, %(territories)s territories for 1 January %(year)s."
        )
        % {
            "name": name,
            "rows": format(counts.rows_read, ","),
            "communes": counts.communes,
            "territories": len(summaries),
            "year": counts.year,
        },
    )


# --- Statbel "Population par commune au 1er janvier" workbook (one sheet per year) ------------------

POPULATION_COLUMNS = {
    "code": ("code ins", "code nis", "refnis", "cd_refnis"),
    "men": ("hommes", "mannen"),
    "women": ("femmes", "vrouwen"),
    "total": ("total", "totaal"),
}


def _sheet_year(title: str) -> int | None:
    import re

    if "census" in title.lower() or "recensement" in title.lower():
        return None
    found = re.findall(r"(19\d\d|20\d\d)", title)
    return int(found[0]) if len(found) == 1 else None


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def read_population_workbook(path: Path, display_name: str | None = None):
    """{year: {code: (men, women, total)}} from every yearly sheet; censuses are left aside."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    name = display_name or Path(path).name
    if Path(path).stat().st_size == 0:
        raise ImportRefused.one(name, _("the file is empty"))
    check_archive(path, name)  # a workbook is a zip archive: its declared unpacked size is bounded
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, InvalidFileException) as error:
        raise ImportRefused.one(
            name, _("not an Excel workbook (.xlsx), or a damaged one (%(error)s)") % {"error": error}
        ) from None
    known = set(Territory.objects.values_list("nis_code", flat=True))
    problems = ProblemCollector(name)
    years: dict[int, dict[str, tuple[int, int, int]]] = {}
    rows_read = 0
    try:
        for sheet in workbook.worksheets:
            year = _sheet_year(sheet.title)
            if year is None:
                continue
            where = _("sheet %(title)s") % {"title": repr(sheet.title)}
            columns = None
            values: dict[str, tuple[int, int, int]] = {}
            for row_number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                if columns is None:
                    labels = {
                        normalise_header(str(cell)): i for i, cell in enumerate(row) if cell is not None
                    }
                    found = {}
                    for role, names in POPULATION_COLUMNS.items():
                        for label in names:
                            if label in labels:
                                found[role] = labels[label]
                                break
                    if "code" in found:
                        missing = [
                            POPULATION_COLUMNS[r][0] for r in ("men", "women", "total") if r not in found
                        ]
                        if missing:
                            problems.add(
                                _("%(where)s: missing column %(missing)s")
                                % {"where": where, "missing": ", ".join(missing)},
                                row_number,
                            )
                            break
                        columns = found
                    elif row_number > 10:
                        problems.add(
                            _("%(where)s: no header row with a 'Code INS' column in the first 10 rows")
                            % {"where": where},
                            1,
                        )
                        break
                    continue
                raw_code = row[columns["code"]] if columns["code"] < len(row) else None
                code = str(raw_code).strip() if raw_code is not None else ""
                if isinstance(raw_code, int | float):
                    code = str(int(raw_code)).zfill(5)
                if len(code) != 5 or not code.isdigit():
                    continue  # titles, blank and footnote rows
                rows_read += 1
                if code not in known:
                    problems.add(
                        _("%(where)s: unknown territory code %(code)s")
                        % {"where": where, "code": repr(code)},
                        row_number,
                        _column_letter(columns["code"]),
                    )
                    continue
                numbers = []
                for role in ("men", "women", "total"):
                    value = row[columns[role]] if columns[role] < len(row) else None
                    if isinstance(value, float) and value.is_integer():
                        value = int(value)
                    if isinstance(value, str) and value.strip().isdigit():
                        value = int(value.strip())
                    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_COUNT:
                        problems.add(
                            _(
                                "%(where)s: expected a whole number of persons from 0 to %(max)s, found %(value)s"
                            )
                            % {"where": where, "max": MAX_COUNT, "value": repr(value)},
                            row_number,
                            _column_letter(columns[role]),
                        )
                        break
                    numbers.append(value)
                else:
                    men, women, total = numbers
                    if men + women != total:
                        problems.add(
                            _("%(where)s: total %(total)s is not men %(men)s + women %(women)s")
                            % {"where": where, "total": total, "men": men, "women": women},
                            row_number,
                            _column_letter(columns["total"]),
                        )
                        continue
                    values[code] = (men, women, total)
            if columns is None and not problems.problems:
                problems.add(_("%(where)s: no header row with a 'Code INS' column") % {"where": where})
            years[year] = values
    finally:
        workbook.close()
    if not years and not problems.problems:
        problems.add(_("no sheet named like 'Population en YYYY': is this Statbel's population workbook?"))
    problems.raise_if_any()
    return years, rows_read


def import_population(path: Path, by=None, display_name: str | None = None, progress=None) -> ImportResult:
    """Import the 1992–2024 workbook: totals by sex for every territory and year (replacing older ones)."""
    name = display_name or Path(path).name
    unchanged = already_imported(POPULATION, path, name)
    if unchanged:
        return unchanged
    sha = sha256_of(path)
    years, rows_read = read_population_workbook(path, name)
    territories = dict(Territory.objects.values_list("nis_code", "id"))
    with transaction.atomic():
        previous = list(Import.objects.filter(dataset=POPULATION, superseded_by=None))
        PopulationSummary.objects.filter(year__in=years, has_structure=False).delete()
        record = Import.objects.create(
            dataset=POPULATION,
            file_name=name,
            sha256=sha,
            reference_date=date(max(years), 1, 1),
            reference_label=f"{min(years)}–{max(years)}",
            rows_read=rows_read,
            rows_kept=sum(len(v) for v in years.values()),
            imported_by=by,
        )
        PopulationSummary.objects.bulk_create(
            [
                PopulationSummary(
                    territory_id=territories[code],
                    year=year,
                    source=record,
                    has_structure=False,
                    population=total,
                    men=men,
                    women=women,
                )
                for year, values in years.items()
                for code, (men, women, total) in values.items()
            ],
            batch_size=2000,
        )
        Import.objects.filter(pk__in=[p.pk for p in previous]).update(superseded_by=record)
    return ImportResult(
        record,
        True,
        _("%(name)s: %(years)s years (%(years2)s–%(years3)s), %(rows_kept)s figures.")
        % {
            "name": name,
            "years": len(years),
            "years2": min(years),
            "years3": max(years),
            "rows_kept": format(record.rows_kept, ","),
        },
    )
