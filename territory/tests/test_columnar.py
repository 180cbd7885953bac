"""DuckDB's scan of a structure file (territory/imports/columnar.py) gives what the line reader gives,
and leaves to the line reader every file it does not pass as it is (whose problems it names)."""

import pytest

from territory.imports import columnar, statbel
from territory.tests.helpers import structure_row, write_structure

pytestmark = pytest.mark.django_db


def by_duckdb(path):
    known, _codes = statbel._known_communes()
    name_year = statbel.year_in_name(path.name)
    return columnar.structure_cells(
        path,
        statbel.STRUCTURE_COLUMNS,
        statbel.REQUIRED_STRUCTURE,
        set(known),
        name_year,
        120,
        statbel.MAX_COUNT,
    )


def by_line(path):
    known, codes = statbel._known_communes()
    return statbel._read_structure_by_line(path, None, None, known, codes)


def test_the_real_2015_file_is_read_by_duckdb_with_the_line_readers_sums(statistics):
    path = statistics / "statbel_TF_SOC_POP_STRUCT_2015.txt.gz"
    assert by_duckdb(path) is not None  # a valid file does not fall back to the line reader
    fast, fast_sha = statbel.read_structure(path)
    slow, slow_sha = by_line(path)
    assert (fast.year, fast.rows_read, fast.communes, fast_sha) == (
        slow.year,
        slow.rows_read,
        slow.communes,
        slow_sha,
    )
    assert fast.ages == slow.ages


@pytest.mark.parametrize("gz", [False, True])
def test_a_small_valid_file_gives_the_same_counts_either_way(statistics, tmp_path, gz):
    rows = [structure_row(count="5"), structure_row(count="7"), structure_row(sex="F", age="0", count="3")]
    path = write_structure(tmp_path, rows, gz=gz)
    assert by_duckdb(path) is not None
    assert statbel.read_structure(path)[0] == by_line(path)[0]


@pytest.mark.parametrize(
    "row",
    [
        structure_row(code="99999"),
        structure_row(sex="X"),
        structure_row(nationality="XXX"),
        structure_row(age="121"),
        structure_row(age="trente"),
        structure_row(count="-1"),
        structure_row(count="1.5"),
        structure_row(count="9" * 11),
        structure_row(year="2017"),
        structure_row() + "|extra",
        "92094|too|short",
    ],
)
def test_a_row_the_line_reader_would_refuse_is_left_to_it(statistics, tmp_path, row):
    path = write_structure(tmp_path, [structure_row(), row])
    assert by_duckdb(path) is None


def test_a_file_in_windows_1252_gives_the_same_counts_either_way(statistics, tmp_path):
    path = tmp_path / "TF_SOC_POP_STRUCT_2016.txt"
    path.write_bytes(write_structure(tmp_path, [structure_row()]).read_bytes().replace("é".encode(), b"\xe9"))
    assert b"\xe9" in path.read_bytes()
    assert statbel.read_structure(path)[0] == by_line(path)[0]
