"""DuckDB's part of a TF_SOC_POP_STRUCT import: read, check, and sum up, in columnar scans.

`structure_cells(path, …)` reads the file with DuckDB (gzip or plain, UTF-8) in one grouped scan and
checks it in SQL — known commune, M/F, BEL/ETR, an age from 0 to 120 and a count from 0 to MAX_COUNT
written as digits, one year throughout that matches the file name, one geography per commune. When
every row passes, it returns the commune-level cells, kept in DuckDB; when any does not (or DuckDB
cannot read the file: another encoding, a zip archive, a row with the wrong number of fields), it
returns None and `statbel.read_structure` reads the file line by line, which names every problem by
file, line and column, exactly as before, and hands its cells to `cells_from_counts`. A good file is
read at DuckDB's pace; a bad one is refused with the same messages.

`Rollup` then sums the commune cells up to every level of the file's geography and gives the rows
the import writes — the five-year bands and one summary per territory (totals, minors, seniors,
median ages) — as finished tuples: no per-age list is handed to Python, whichever reader read the file.
"""

import gzip
import logging
import struct
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pli.files import normalise_header, sniff_delimiter, unpacked_limit
from territory.imports.bulk import insert_query_rows

logger = logging.getLogger(__name__)
HEADER_BYTES = 64 * 1024


@dataclass
class Cells:
    """A file's commune-level counts, in the DuckDB `connection` (table `cells`, see CELLS), with what
    the file says of itself."""

    connection: duckdb.DuckDBPyConnection
    year: int
    rows_read: int
    # commune code -> (arrondissement, province, region) as the file gives them, or None where it does not
    parents: dict[str, tuple]


def _header(path: Path) -> tuple[list[str], str, str] | None:
    """The header cells, the delimiter and DuckDB's compression; None for what the line reader must
    judge (zip, BOM, another encoding, an empty first line, a file past the size limit)."""
    with open(path, "rb") as handle:
        magic = handle.read(2)
        if magic == b"\x1f\x8b":
            handle.seek(-4, 2)
            # The unpacked size modulo 2**32 (gzip's trailer): enough to send a bomb to the line reader.
            if (
                struct.unpack("<I", handle.read(4))[0] > unpacked_limit()
                or path.stat().st_size > unpacked_limit()
            ):
                return None
            handle.seek(0)
            with gzip.GzipFile(fileobj=handle) as stream:
                head = stream.read(HEADER_BYTES)
            compression = "gzip"
        else:
            if path.stat().st_size > unpacked_limit():
                return None
            handle.seek(0)
            head = handle.read(HEADER_BYTES)
            compression = "none"
    if head[:3] == b"\xef\xbb\xbf" or b"\0" in head:
        return None
    try:
        first = head.split(b"\n", 1)[0].decode("utf-8").rstrip("\r")
    except UnicodeDecodeError:
        return None
    if not first.strip() or '"' in first:
        return None
    delimiter = sniff_delimiter(first)
    return first.split(delimiter), delimiter, compression


def structure_cells(
    path: Path, spec: dict, required, known: set, name_year, max_age: int, max_count: int
) -> Cells | None:
    """The cells of a file every row of which is valid, or None (see the module's docstring)."""
    path = Path(path)
    found = _header(path)
    if found is None:
        return None
    header, delimiter, compression = found
    positions = {normalise_header(cell): index for index, cell in enumerate(header)}
    column = {}
    for role, names in spec.items():
        for candidate in names:
            if candidate in positions:
                column[role] = positions[candidate]
                break
    if any(role not in column for role in required) or len(set(header)) != len(header):
        return None
    connection = duckdb.connect()
    try:
        cells = _scan(
            connection, path, header, delimiter, compression, column, known, name_year, max_age, max_count
        )
    except duckdb.Error as error:  # a row the reader cannot cut, an encoding: the line reader says which
        logger.debug("DuckDB left %s to the line reader: %s", path.name, error)
        cells = None
    if cells is None:
        connection.close()
    return cells


def _scan(connection, path, header, delimiter, compression, column, known, name_year, max_age, max_count):
    _load(connection, path, header, delimiter, compression, column)
    checked = _checked_year(connection, column, known, name_year, max_age, max_count)
    if checked is None:
        return None
    rows, year = checked
    parents = _geography(connection, column)
    if parents is None:
        return None
    # The cells, from their integer keys (see _load): the commune's number is its code (every code was
    # checked to be a known one written as its number is, see _checked_year).
    connection.execute(
        f"""
        CREATE TABLE cells AS SELECT CAST(k // ({AGES} * 4) AS INTEGER) AS code,
            CAST((k // {AGES}) % 4 AS UTINYINT) AS sn, CAST(k % {AGES} AS UTINYINT) AS age, total
        FROM g WHERE gs = {SET_KEY}
        """
    )
    connection.execute("DROP TABLE g")
    return Cells(connection=connection, year=year, rows_read=rows, parents=parents)


# Table `cells`, whichever reader read the file: one row per commune, sex, nationality and age with
# residents (age 0 always), in integers, which DuckDB groups and joins far faster than texts:
#   code  the commune's REFNIS code as a number;
#   sn    sex and nationality in two bits: 2 for a woman (F), 1 for a non-Belgian (ETR);
#   age   0..MAX_AGE;  total  the residents.
CELLS = "cells (code INTEGER, sn UTINYINT, age UTINYINT, total BIGINT)"
WOMAN, NON_BELGIAN = 2, 1


def sex_nationality(sn: int) -> tuple[str, str]:
    """("M" or "F", "BEL" or "ETR") of a cell's `sn`."""
    return ("F" if sn & WOMAN else "M"), ("ETR" if sn & NON_BELGIAN else "BEL")


# SQL of the same, for the rows the import writes.
SEX_SQL = f"CASE WHEN sn & {WOMAN} <> 0 THEN 'F' ELSE 'M' END"
NATIONALITY_SQL = f"CASE WHEN sn & {NON_BELGIAN} <> 0 THEN 'ETR' ELSE 'BEL' END"

# The grouping sets of the scan, told apart by GROUPING(k, age, count_text, code) (a bit set to 1 for
# each of those columns that the set does not group by).
SET_KEY, SET_AGE, SET_COUNT, SET_PLACE = 0b0111, 0b1011, 0b1101, 0b1110
AGES = 128  # ages 0..127 fit in the key's last seven bits (the checks allow up to MAX_AGE, 120)


def _load(connection, path, header, delimiter, compression, column) -> None:
    """The file into table `g` in one scan, grouped at once in four ways (GROUPING SETS), each small
    to check or quick to sum:

    - by one integer per cell (commune × sex × nationality, then the age), with the sum of its
      counts: the cells themselves (an integer key groups far faster than four texts);
    - by the age as written, and by the count as written: the distinct values to check;
    - by commune, sex and nationality with the commune's arrondissement, province, region and year,
      as written, with the row count: the values to check, four rows per commune when its rows
      agree on where it lies, and the file's years."""

    def cell(role):
        return f"c{column[role]}" if role in column else "NULL::VARCHAR"

    key = (
        f"(TRY_CAST({cell('commune')} AS BIGINT) * 4"
        f" + CASE {cell('sex')} WHEN 'F' THEN 2 ELSE 0 END"
        f" + CASE {cell('nationality')} WHEN 'ETR' THEN 1 ELSE 0 END) * {AGES}"
        f" + TRY_CAST({cell('age')} AS BIGINT)"
    )
    connection.execute(
        f"""
        CREATE TABLE g AS SELECT code, sex, nat, k, age, count_text, arr, prov, reg, yr,
            GROUPING(k, age, count_text, code) AS gs, count(*) AS n, sum(TRY_CAST(count_text AS BIGINT)) AS total
        FROM (
            SELECT {cell("commune")} AS code, {cell("sex")} AS sex, {cell("nationality")} AS nat,
                {cell("age")} AS age, {cell("count")} AS count_text, {key} AS k,
                {cell("arrondissement")} AS arr, {cell("province")} AS prov, {cell("region")} AS reg,
                {cell("year")} AS yr
            FROM read_csv(?, delim = ?, header = true, columns = ?, compression = ?, quote = '"',
                          escape = '"', strict_mode = true, null_padding = false, auto_detect = false,
                          all_varchar = true)
        )
        GROUP BY GROUPING SETS ((k), (age), (count_text), (code, sex, nat, arr, prov, reg, yr))
        """,
        [str(path), delimiter, {f"c{index}": "VARCHAR" for index in range(len(header))}, compression],
    )


def _digits(text, most: int) -> bool:
    return text is not None and text.isascii() and text.isdigit() and len(text) <= most


def _checked_year(connection, column, known, name_year, max_age, max_count) -> tuple[int, int] | None:
    """(rows, year) when every row is valid, else None. The cells are checked by their distinct values,
    as written: a value the line reader would read after trimming it, or in another way, is left to it."""

    def values(grouping: int, *names: str) -> list[tuple]:
        return connection.execute(f"SELECT {', '.join(names)} FROM g WHERE gs = ?", [grouping]).fetchall()

    cells = values(SET_PLACE, "code", "sex", "nat", "n")
    rows = sum(n for *_cell, n in cells)
    if not rows or not all(
        # known, and written as its number is (the cells' view gives the number back as the code)
        code in known and code == str(int(code)) and sex in ("M", "F") and nat in ("BEL", "ETR")
        for code, sex, nat, _n in cells
    ):
        return None
    if not all(_digits(age, 3) and int(age) <= max_age for (age,) in values(SET_AGE, "age")):
        return None
    if not all(
        _digits(count, 10) and int(count) <= max_count for (count,) in values(SET_COUNT, "count_text")
    ):
        return None
    if "year" not in column:
        return (rows, name_year) if name_year is not None else None
    years = {value.strip() if value is not None else None for (value,) in values(SET_PLACE, "yr")}
    if len(years) != 1:
        return None
    (year_text,) = years
    if year_text is None or not year_text.isdigit() or (name_year and int(year_text) != name_year):
        return None
    return rows, int(year_text)


def _geography(connection, column) -> dict | None:
    """Each commune's (arrondissement, province, region) as the file gives them (None where it has no
    such column); None when a commune's rows disagree (the line reader keeps the first row's): then
    the commune has rows of more than one place in its grouping set. An empty cell (Brussels has no
    province) is '' as in the line reader."""
    given = [role in column for role in ("arrondissement", "province", "region")]
    parents = {}
    for code, arr, prov, reg in connection.execute(
        "SELECT DISTINCT code, arr, prov, reg FROM g WHERE gs = ?", [SET_PLACE]
    ).fetchall():
        if code in parents:
            return None
        arr, prov, reg = ((value or "").strip() for value in (arr, prov, reg))
        parents[code] = (arr if given[0] else None, prov if given[1] else None, reg if given[2] else None)
    return parents


def cells_from_counts(by_commune: dict[str, list[int]]) -> duckdb.DuckDBPyConnection:
    """The line reader's counts ("<code><sex><nationality>" -> counts by age) as table `cells`: what
    the columnar scan gives, so that both readers are summed up by the same SQL."""
    codes, sns, ages, totals = [], [], [], []
    for key, counts in by_commune.items():
        code = int(key[:5])
        sn = (WOMAN if key[5] == "F" else 0) + (NON_BELGIAN if key[6:] == "ETR" else 0)
        for age, total in enumerate(counts):
            if total or not age:  # age 0 always, so that a cell of zeros is still there
                codes.append(code)
                sns.append(sn)
                ages.append(age)
                totals.append(total)
    connection = duckdb.connect()
    connection.execute(f"CREATE TABLE {CELLS}")
    connection.execute(
        "INSERT INTO cells SELECT unnest(?::INTEGER[]), unnest(?::UTINYINT[]), unnest(?::UTINYINT[]),"
        " unnest(?::BIGINT[])",
        [codes, sns, ages, totals],
    )
    return connection


def commune_ages(connection, max_age: int) -> dict[tuple[str, str, str], list[int]]:
    """(commune, sex, nationality) -> counts by single year of age 0..max_age: the cells as lists."""
    ages: dict[tuple[str, str, str], list[int]] = {}
    for code, sn, age, total in connection.execute(
        "SELECT code, sn, age, sum(total) FROM cells GROUP BY ALL"
    ).fetchall():
        counts = ages.setdefault((str(code), *sex_nationality(sn)), [0] * (max_age + 1))
        counts[age] = int(total)
    return ages


class Rollup:
    """The commune cells summed up along each commune's chain (itself, its arrondissement, province,
    region and the country, as the file gives them): the band rows and summaries the import writes."""

    def __init__(self, connection, chains: dict[str, list[str]], territory_ids: dict[str, int], bands):
        """`chains`: commune -> the codes its counts add to (itself included); `territory_ids`: code ->
        Territory id; `bands`: the five-year band of each age, by age."""
        self.connection = connection
        communes, ids = [], []
        self.code_of = {}  # Territory id -> its code
        for code, chain in chains.items():
            for target in chain:
                communes.append(int(code))
                ids.append(territory_ids[target])
                self.code_of[territory_ids[target]] = target
        connection.execute(
            "CREATE OR REPLACE TABLE chain AS SELECT unnest(?::INTEGER[]) AS code, unnest(?::BIGINT[]) AS tid",
            [communes, ids],
        )
        connection.execute(
            "CREATE OR REPLACE TABLE age_band AS SELECT unnest(?::UTINYINT[]) AS age,"
            " unnest(?::UTINYINT[]) AS band",
            [list(range(len(bands))), list(bands)],
        )
        self.band_count = max(bands) + 1

    def population(self) -> int:
        """Everybody the file counts: no territory has more (each sums some of the communes, once)."""
        with self.connection.cursor() as cursor:
            (everybody,) = cursor.execute("SELECT coalesce(sum(total), 0) FROM cells").fetchone()
        return int(everybody)

    def summaries(self) -> list[tuple]:
        """Per territory: (code, territory id, men, women, non-Belgian men, non-Belgian women, under 18,
        over 65, non-Belgians under 18, non-Belgians over 65, median age, non-Belgian median age), the
        medians interpolated inside the single-year class of the middle person and not yet rounded."""
        with self.connection.cursor() as cursor:  # its own cursor: it may run beside bands()
            rows = cursor.execute(
                f"""
            WITH per_age AS (
                SELECT code, age, sum(total) AS every,
                    coalesce(sum(total) FILTER (WHERE sn & {NON_BELGIAN} <> 0), 0) AS foreign_,
                    coalesce(sum(total) FILTER (WHERE sn & {WOMAN} = 0), 0) AS men,
                    coalesce(sum(total) FILTER (WHERE sn = {NON_BELGIAN}), 0) AS foreign_men
                FROM cells GROUP BY code, age
            ), summed AS (
                SELECT ch.tid, p.age, sum(p.every) AS every, sum(p.foreign_) AS foreign_,
                    sum(p.men) AS men, sum(p.foreign_men) AS foreign_men
                FROM per_age p JOIN chain ch USING (code) GROUP BY ch.tid, p.age
            ), running AS (
                SELECT *, sum(every) OVER w AS every_run, sum(every) OVER t AS every_all,
                    sum(foreign_) OVER w AS foreign_run, sum(foreign_) OVER t AS foreign_all
                FROM summed WINDOW w AS (PARTITION BY tid ORDER BY age), t AS (PARTITION BY tid)
            )
            SELECT tid, sum(men), sum(every) - sum(men), sum(foreign_men), sum(foreign_) - sum(foreign_men),
                coalesce(sum(every) FILTER (WHERE age < 18), 0), coalesce(sum(every) FILTER (WHERE age >= 65), 0),
                coalesce(sum(foreign_) FILTER (WHERE age < 18), 0), coalesce(sum(foreign_) FILTER (WHERE age >= 65), 0),
                arg_min(age + (every_all / 2 - (every_run - every)) / every, age)
                    FILTER (WHERE every > 0 AND every_run >= every_all / 2),
                arg_min(age + (foreign_all / 2 - (foreign_run - foreign_)) / foreign_, age)
                    FILTER (WHERE foreign_ > 0 AND foreign_run >= foreign_all / 2)
            FROM running GROUP BY tid ORDER BY tid
            """
            ).fetchall()
        return [(self.code_of[tid], tid, *figures) for tid, *figures in rows]

    def bands_query(self, year: int, source_id: int) -> str:
        """One row per territory, sex and nationality with residents: everybody, and the counts of the
        bands in order as a JSON list (the model's `bands`)."""
        counts = ", ".join(
            f"coalesce(sum(total) FILTER (WHERE band = {band}), 0)::BIGINT" for band in range(self.band_count)
        )
        return f"""
            WITH by_commune AS (
                SELECT code, sn, band, sum(total) AS total FROM cells JOIN age_band USING (age) GROUP BY ALL
            ), by_territory AS (
                SELECT ch.tid, b.sn, b.band, sum(b.total) AS total
                FROM by_commune b JOIN chain ch USING (code) GROUP BY ALL
            )
            SELECT tid, {int(year)}::INTEGER, {SEX_SQL}, {NATIONALITY_SQL}, sum(total)::BIGINT AS count,
                to_json([{counts}])::VARCHAR AS bands, {int(source_id)}::BIGINT
            FROM by_territory
            GROUP BY tid, sn HAVING sum(total) > 0
            ORDER BY tid, {SEX_SQL}, {NATIONALITY_SQL}
        """

    def write_bands(self, model, fields: list[str], year: int, source_id: int) -> int:
        """Write (territory id, year, sex, nationality, count, bands as JSON, source id) of every
        territory, sex and nationality with residents, in the order of the table's unique index,
        through the bulk-load seam."""
        with self.connection.cursor() as cursor:
            return insert_query_rows(model, fields, cursor, self.bands_query(year, source_id))
