"""DuckDB's pass over a TF_SOC_POP_STRUCT file: read, validate and aggregate in one columnar scan.

`structure_cells(path, …)` reads the file with DuckDB (gzip or plain, UTF-8), checks every row in
SQL — known commune, M/F, BEL/ETR, an age from 0 to 120 and a count from 0 to MAX_COUNT written as
digits, one year throughout that matches the file name, one geography per commune — and sums the
counts by commune, sex, nationality and single year of age. When every row passes it returns the
sums; when any does not (or DuckDB cannot read the file: another encoding, a zip archive, a row with
the wrong number of fields), it returns None and `statbel.read_structure` reads the file line by
line, which names every problem by file, line and column, exactly as before. A good file is read at
DuckDB's pace; a bad one is refused with the same messages.
"""

import gzip
import logging
import struct
from dataclasses import dataclass
from pathlib import Path

from pli.files import normalise_header, sniff_delimiter, unpacked_limit

logger = logging.getLogger(__name__)
HEADER_BYTES = 64 * 1024


@dataclass
class Cells:
    year: int
    rows_read: int
    # "<code><sex><nationality>" -> counts by single year of age 0..max_age, as the line reader builds them
    by_commune: dict[str, list[int]]
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


def structure_cells(path: Path, spec: dict, required, known: dict, name_year, max_age: int, max_count: int):
    """The sums of a file every row of which is valid, or None (see the module's docstring)."""
    try:
        import duckdb
    except ImportError:  # pragma: no cover - duckdb is a dependency; without it the line reader works
        return None
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
    try:
        return _scan(
            duckdb, path, header, delimiter, compression, column, known, name_year, max_age, max_count
        )
    except duckdb.Error as error:  # a row the reader cannot cut, an encoding: the line reader says which
        logger.debug("DuckDB left %s to the line reader: %s", path.name, error)
        return None


def _scan(duckdb, path, header, delimiter, compression, column, known, name_year, max_age, max_count):
    connection = duckdb.connect()
    try:
        _load(connection, path, header, delimiter, compression, column, known)
        checked = _checked_year(connection, column, name_year, max_age, max_count)
        if checked is None:
            return None
        rows, year = checked
        parents = _geography(connection, column)
        if parents is None:
            return None
        sums = connection.execute(
            """
            SELECT code || sex || nat, list(age ORDER BY age), list(total ORDER BY age) FROM (
                SELECT code, sex, nat, CAST(age AS INTEGER) AS age, sum(CAST(cnt AS BIGINT)) AS total
                FROM r GROUP BY ALL
            ) GROUP BY ALL
            """
        ).fetchall()
    finally:
        connection.close()
    by_commune = {}
    for key, ages, totals in sums:
        counts = [0] * (max_age + 1)
        for age, total in zip(ages, totals, strict=True):
            counts[age] = int(total)
        by_commune[key] = counts
    return Cells(year=year, rows_read=rows, by_commune=by_commune, parents=parents)


def _load(connection, path, header, delimiter, compression, column, known) -> None:
    """The file into table `r` (trimmed text), the known communes into table `known`."""
    connection.execute("CREATE TEMP TABLE known AS SELECT unnest(?::VARCHAR[]) AS code", [sorted(known)])

    def cell(role):
        return f"trim(c{column[role]})" if role in column else "NULL"

    def place(role):  # an empty geography cell (Brussels has no province) is '' as in the line reader
        return f"coalesce(trim(c{column[role]}), '')" if role in column else "NULL"

    connection.execute(
        f"""
        CREATE TEMP TABLE r AS SELECT
            {cell("commune")} AS code, {cell("sex")} AS sex, {cell("nationality")} AS nat,
            {cell("age")} AS age, {cell("count")} AS cnt, {cell("year")} AS yr,
            {place("arrondissement")} AS arr, {place("province")} AS prov, {place("region")} AS reg
        FROM read_csv(?, delim = ?, header = true, columns = ?, compression = ?, quote = '"',
                      escape = '"', strict_mode = true, null_padding = false, auto_detect = false,
                      all_varchar = true)
        """,
        [str(path), delimiter, {f"c{index}": "VARCHAR" for index in range(len(header))}, compression],
    )


def _checked_year(connection, column, name_year, max_age, max_count) -> tuple[int, int] | None:
    """(rows, year) when every row is valid, else None."""
    rows, valid, oldest, largest, years, year_text, with_year = connection.execute(
        """
        SELECT count(*),
            coalesce(bool_and(
                k.code IS NOT NULL AND sex IN ('M', 'F') AND nat IN ('BEL', 'ETR')
                AND regexp_full_match(age, '[0-9]{1,3}') AND regexp_full_match(cnt, '[0-9]{1,10}')
            ), false),
            max(CASE WHEN regexp_full_match(age, '[0-9]{1,3}') THEN CAST(age AS INTEGER) END),
            max(CASE WHEN regexp_full_match(cnt, '[0-9]{1,10}') THEN CAST(cnt AS BIGINT) END),
            count(DISTINCT yr), min(yr), count(yr)
        FROM r LEFT JOIN known k USING (code)
        """
    ).fetchone()
    if not rows or not valid or oldest > max_age or largest > max_count:
        return None
    if "year" not in column:
        return (rows, name_year) if name_year is not None else None
    if years != 1 or with_year != rows or not year_text.isdigit():
        return None
    if name_year and int(year_text) != name_year:
        return None
    return rows, int(year_text)


def _geography(connection, column) -> dict | None:
    """Each commune's (arrondissement, province, region) as the file gives them (None where it has no
    such column); None when a commune's rows disagree (the line reader keeps the first row's)."""
    given = [role in column for role in ("arrondissement", "province", "region")]
    parents = {}
    for code, arr, arr2, prov, prov2, reg, reg2 in connection.execute(
        "SELECT code, min(arr), max(arr), min(prov), max(prov), min(reg), max(reg) FROM r GROUP BY code"
    ).fetchall():
        if arr != arr2 or prov != prov2 or reg != reg2:
            return None
        parents[code] = (arr if given[0] else None, prov if given[1] else None, reg if given[2] else None)
    return parents
