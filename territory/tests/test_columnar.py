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


# --- What the import stores, against the raw file summed up with the csv module -----------------------

CODES = ["92094", "21004", "92000", "21000", "90000", "04000", "03000", "01000"]  # every level


def _raw_2015(path):
    """{code: {(sex, nationality): counts by age}} for CODES, read with csv, owing nothing to the
    import: a commune adds to itself, its arrondissement, province, region (written 3000 for 03000 in
    the file) and the country."""
    import csv
    import gzip

    wanted = set(CODES)
    ages = {code: {} for code in CODES}
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="|"):
            chain = {
                row["CD_MUNTY_REFNIS"],
                row["CD_DSTR_REFNIS"],
                row["CD_PROV_REFNIS"],
                row["CD_RGN_REFNIS"].zfill(5),
                "01000",
            }
            for code in chain & wanted:
                counts = ages[code].setdefault((row["CD_SEX"], row["CD_NATLTY"]), [0] * 121)
                counts[int(row["CD_AGE"])] += int(row["MS_POPULATION"])
    return ages


def _middle_age(counts):
    """The age of the middle person, interpolated inside the year of age that holds them."""
    half = sum(counts) / 2
    before = 0
    for age, value in enumerate(counts):
        if value and before + value >= half:
            return round(age + (half - before) / value, 1)
        before += value
    return None


def test_every_summary_and_band_of_2015_equals_the_raw_file_at_every_level(statistics):
    from territory.choices import AGE_BAND_COUNT, age_band
    from territory.models import AgeBandCount, PopulationSummary

    raw = _raw_2015(statistics / "statbel_TF_SOC_POP_STRUCT_2015.txt.gz")
    for code in CODES:
        cells = raw[code]
        zero = [0] * 121
        every = [sum(column) for column in zip(*cells.values(), strict=True)]
        foreign = [
            m + f for m, f in zip(cells.get(("M", "ETR"), zero), cells.get(("F", "ETR"), zero), strict=True)
        ]
        summary = PopulationSummary.objects.get(territory__nis_code=code, year=2015, has_structure=True)
        expected = {
            "population": sum(every),
            "men": sum(cells[("M", "BEL")]) + sum(cells[("M", "ETR")]),
            "women": sum(cells[("F", "BEL")]) + sum(cells[("F", "ETR")]),
            "belgian": sum(every) - sum(foreign),
            "non_belgian": sum(foreign),
            "non_belgian_men": sum(cells[("M", "ETR")]),
            "non_belgian_women": sum(cells[("F", "ETR")]),
            "under_18": sum(every[:18]),
            "over_65": sum(every[65:]),
            "non_belgian_under_18": sum(foreign[:18]),
            "non_belgian_over_65": sum(foreign[65:]),
            "median_age": _middle_age(every),
            "non_belgian_median_age": _middle_age(foreign),
        }
        assert {field: getattr(summary, field) for field in expected} == expected, code
        bands = {}
        for (sex, nationality), counts in cells.items():
            summed = bands.setdefault((sex, nationality), [0] * AGE_BAND_COUNT)
            for age, value in enumerate(counts):
                summed[age_band(age)] += value
        stored = {
            (b.sex, b.nationality): (b.count, b.bands)
            for b in AgeBandCount.objects.filter(territory__nis_code=code, year=2015)
        }
        assert stored == {key: (sum(value), value) for key, value in bands.items() if sum(value)}, code


def test_a_territory_whose_sum_is_more_than_the_platform_stores_is_refused_and_nothing_is_written(
    statistics, tmp_path
):
    from pli.files import ImportRefused
    from territory.models import Import

    rows = [
        structure_row(count=str(statbel.MAX_COUNT)),
        structure_row(code="92003", sex="F", count="1"),  # Andenne: the same arrondissement
    ]
    path = write_structure(tmp_path, rows)
    before = Import.objects.count()
    with pytest.raises(ImportRefused) as refused:
        statbel.import_structure(path)
    assert "la population de 01000, 03000, 90000, 92000 dépasse" in refused.value.summary()
    assert Import.objects.count() == before


def test_the_bands_go_with_their_import_or_territory_without_a_database_foreign_key(statistics, tmp_path):
    from territory.models import AgeBandCount, Import, Territory

    statbel.import_structure(write_structure(tmp_path, [structure_row(), structure_row(code="92003")]))
    record = Import.objects.get(dataset=statbel.STRUCTURE, reference_date__year=2016)
    assert AgeBandCount.objects.filter(source=record).count() == 2 + 4  # 2 communes, the 4 levels above them
    Territory.objects.get(nis_code="92003").delete()
    assert AgeBandCount.objects.filter(source=record).count() == 1 + 4
    record.delete()
    assert not AgeBandCount.objects.filter(year=2016).exists()
