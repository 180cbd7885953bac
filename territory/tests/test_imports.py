import gzip
from decimal import Decimal

import pytest
from django.db.models import Sum

from pli.files import ImportRefused
from territory.imports.statbel import import_population, import_structure, read_structure
from territory.imports.tidy import import_indicators
from territory.models import AgeBandCount, Import, IndicatorValue, PopulationSummary
from territory.tests.helpers import province_subset, structure_row, write_structure

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English, the language of the code and of the command line."""
    from django.utils import translation

    with translation.override("en"):
        yield


def summary(code, year, structure=True):
    return PopulationSummary.objects.get(territory__nis_code=code, year=year, has_structure=structure)


def state():
    """A fingerprint of everything stored, to prove that a refused file changed nothing."""
    return (
        Import.objects.count(),
        PopulationSummary.objects.aggregate(s=Sum("population"))["s"],
        AgeBandCount.objects.aggregate(s=Sum("count"))["s"],
        IndicatorValue.objects.count(),
    )


# --- Exactness against Statbel's published figures ---------------------------------------------------


@pytest.mark.parametrize(
    ("code", "population", "non_belgian"),
    [
        ("01000", 11_209_044, 1_255_286),  # Belgium
        ("03000", 3_589_744, 352_430),  # Walloon Region (DH, 14 Sep 2015: 3,237,314 Belgians)
        ("90000", 487_145, 23_071),  # Province de Namur
        ("92094", 110_646, 8_220),  # Namur
        ("92137", 27_907, 2_380),  # Sambreville
        ("93088", 18_477, 760),  # Walcourt
    ],
)
def test_structure_2015_equals_statbel_to_the_person(statistics, code, population, non_belgian):
    figures = summary(code, 2015)
    assert (figures.population, figures.non_belgian) == (population, non_belgian)
    assert figures.men + figures.women == population
    assert figures.belgian + figures.non_belgian == population


def test_walloon_belgians_match_the_published_figure(statistics):
    assert summary("03000", 2015).belgian == 3_237_314


def test_workbook_totals_match_the_structure_file_and_later_years(statistics):
    assert summary("90000", 2015, structure=False).population == 487_145
    assert summary("90000", 2016, structure=False).population == 489_204
    assert summary("90000", 2023, structure=False).population == 502_261
    assert summary("90000", 2024, structure=False).population == 503_895
    assert summary("01000", 2024, structure=False).population == 11_763_650


def test_age_bands_add_up_to_the_population(statistics):
    total = AgeBandCount.objects.filter(territory__nis_code="90000", year=2015).aggregate(s=Sum("count"))["s"]
    assert total == 487_145


def test_second_year_from_a_province_subset(statistics, tmp_path):
    subset = province_subset(
        statistics / "statbel_TF_SOC_POP_STRUCT_2014.txt.gz", tmp_path / "TF_SOC_POP_STRUCT_2014.txt.gz"
    )
    result = import_structure(subset)
    assert result.created
    figures = summary("90000", 2014)
    assert (figures.population, figures.non_belgian) == (484_737, 22_461)


# --- Idempotence and provenance ------------------------------------------------------------------------


def test_same_file_twice_changes_nothing_and_says_so(statistics):
    before = state()
    result = import_structure(statistics / "statbel_TF_SOC_POP_STRUCT_2015.txt.gz")
    assert not result.created
    assert "already imported" in result.message
    assert state() == before


def test_provenance_is_recorded(statistics):
    record = Import.objects.get(dataset="statbel-structure", reference_date__year=2015)
    assert record.file_name == "statbel_TF_SOC_POP_STRUCT_2015.txt.gz"
    assert record.sha256 == "270cbd0bd978311c02d3665dde6213e887b390d11dc3c37bdf4c2ebec9bf84db"
    assert record.rows_read == 457_051
    assert summary("92094", 2015).source == record


def test_a_new_file_for_the_same_year_replaces_the_figures(statistics, tmp_path):
    path = write_structure(
        tmp_path, [structure_row(year="2015", count="7")], name="TF_SOC_POP_STRUCT_2015.txt"
    )
    result = import_structure(path)
    assert result.created
    assert summary("92094", 2015).population == 7
    old = Import.objects.get(sha256="270cbd0bd978311c02d3665dde6213e887b390d11dc3c37bdf4c2ebec9bf84db")
    assert old.superseded_by == result.record


# --- Bad input: one clear message, nothing changed --------------------------------------------------------


def refused(path, importer=import_structure):
    before = state()
    with pytest.raises(ImportRefused) as caught:
        importer(path)
    assert state() == before, "a refused file must not change anything"
    return str(caught.value)


def test_truncated_gzip(statistics, tmp_path):
    data = (statistics / "statbel_TF_SOC_POP_STRUCT_2015.txt.gz").read_bytes()
    path = tmp_path / "TF_SOC_POP_STRUCT_2015.txt.gz"
    path.write_bytes(data[: len(data) // 2])
    assert "TF_SOC_POP_STRUCT_2015.txt.gz: the gzip file is truncated or damaged" in refused(path)


def test_missing_column(statistics, tmp_path):
    header = "CD_MUNTY_REFNIS|CD_SEX|CD_NATLTY|CD_AGE|CD_YEAR"
    path = write_structure(tmp_path, ["92094|M|ETR|30|2016"], header=header)
    message = refused(path)
    assert message.startswith("TF_SOC_POP_STRUCT_2016.txt, line 1: missing column MS_POPULATION")


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            structure_row(count="abc"),
            "line 3, column MS_POPULATION: expected a whole number of persons from 0 to 2147483647, found 'abc'",
        ),
        (
            structure_row(count="-3"),
            "line 3, column MS_POPULATION: expected a whole number of persons from 0 to 2147483647, found '-3'",
        ),
        (structure_row(code="99999"), "line 3, column CD_MUNTY_REFNIS: unknown commune code '99999'"),
        (structure_row(sex="X"), "line 3, column CD_SEX: expected M or F, found 'X'"),
        (structure_row(nationality="MAR"), "line 3, column CD_NATLTY: expected BEL or ETR, found 'MAR'"),
        (structure_row(age="200"), "line 3, column CD_AGE: expected an age from 0 to 120, found '200'"),
    ],
)
def test_bad_rows_are_named_by_line_and_column(statistics, tmp_path, row, expected):
    path = write_structure(tmp_path, [structure_row(), row])
    assert expected in refused(path)


def test_year_must_match_the_file_name(statistics, tmp_path):
    path = write_structure(tmp_path, [structure_row(year="2015")], name="TF_SOC_POP_STRUCT_2016.txt", gz=True)
    assert "line 2, column CD_YEAR: the year 2015 does not match the year 2016 in the file name" in refused(
        path
    )


def test_empty_file(statistics, tmp_path):
    path = tmp_path / "TF_SOC_POP_STRUCT_2016.txt"
    path.write_text("")
    assert refused(path) == "TF_SOC_POP_STRUCT_2016.txt: the file is empty"


def test_header_only(statistics, tmp_path):
    path = write_structure(tmp_path, [])
    assert "the file has a header but no data rows" in refused(path)


def test_file_of_another_dataset(statistics):
    message = refused(statistics / "statbel_TU_COM_REFNIS_2022.txt")
    assert "missing column" in message and "this is not a Statbel TF_SOC_POP_STRUCT file" in message


def test_workbook_is_refused_for_structure_and_structure_for_workbook(statistics):
    assert "missing column" in refused(statistics / "belgian_municipalities_2020.csv")
    assert "not an Excel workbook" in refused(
        statistics / "statbel_TF_SOC_POP_STRUCT_2015.txt.gz", import_population
    )


def test_header_variants_bom_crlf_and_semicolons(statistics, tmp_path):
    header = "\ufeffCD_REFNIS;CD_SEX;CD_NATLTY;CD_AGE;MS_POPULATION;CD_YEAR"
    text = "\r\n".join([header, "92094;M;ETR;30;5;2016", "92094;F;BEL;40;6;2016"]) + "\r\n"
    path = tmp_path / "TF_SOC_POP_STRUCT_2016.txt"
    path.write_text(text, encoding="utf-8")
    assert import_structure(path).created
    assert summary("92094", 2016).population == 11
    assert summary("90000", 2016).non_belgian == 5, "aggregated through the REFNIS hierarchy"


def test_zip_archive_as_published_by_statbel(statistics, tmp_path):
    import zipfile

    inner = write_structure(tmp_path, [structure_row()])
    archive = tmp_path / "TF_SOC_POP_STRUCT_2016.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(inner, "TF_SOC_POP_STRUCT_2016.txt")
    assert import_structure(archive).created


# --- Tidy indicators ---------------------------------------------------------------------------------------


def test_tidy_indicators_import_and_replace(statistics, tmp_path):
    path = tmp_path / "fedasil.csv"
    path.write_text(
        "territory;year;indicator;breakdown;value;unit;source\n"
        "93022;2009;reception_places;CADA;408;places;Fedasil\n"
        "92094;2019-02-01;reception_places;Croix-Rouge Jambes;300;places;Croix-Rouge\n"
    )
    result = import_indicators(path)
    assert result.created
    value = IndicatorValue.objects.get(territory__nis_code="93022")
    assert (value.value, value.unit, value.breakdown) == (408, "places", "CADA")
    again = tmp_path / "fedasil2.csv"
    again.write_text(
        'territory,date,indicator,breakdown,value,unit,source\n93022,2009-01-01,reception_places,CADA,"410,0",places,Fedasil\n'
    )
    import_indicators(again)
    assert IndicatorValue.objects.get(territory__nis_code="93022").value == 410


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "99999;2020;job_seekers;;10;persons;Forem",
            "line 2, column territory: unknown territory code '99999'",
        ),
        (
            "92094;2020;job_seekers;;-10;persons;Forem",
            "line 2, column value: a count of persons cannot be negative",
        ),
        ("92094;2020;job_seekers;;dix;persons;Forem", "line 2, column value: expected a number between"),
        ("92094;20xx;job_seekers;;10;persons;Forem", "line 2, column year: expected a year, found '20xx'"),
        ("92094;2020;Job Seekers;;10;persons;Forem", "line 2, column indicator: expected an indicator key"),
        ("92094;2020;job_seekers;;10;persons;", "line 2, column source: the source is empty"),
    ],
)
def test_tidy_bad_rows(statistics, tmp_path, row, expected):
    path = tmp_path / "bad.csv"
    path.write_text("territory;year;indicator;breakdown;value;unit;source\n" + row + "\n")
    assert expected in refused(path, import_indicators)


def test_tidy_duplicate_rows_and_missing_columns(statistics, tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("territory;year;indicator;value;unit;source\n92094;2020;x;1;p;s\n92094;2020;x;2;p;s\n")
    assert "line 3: the same figure is already on line 2" in refused(path, import_indicators)
    path.write_text("territory;indicator;value\n92094;x;1\n")
    assert "missing columns unit, source, date or year" in refused(path, import_indicators)


def test_refusal_lists_every_problem_up_to_a_limit(statistics, tmp_path):
    rows = [structure_row(count="x")] * 30
    path = write_structure(tmp_path, rows)
    with pytest.raises(ImportRefused) as caught:
        import_structure(path)
    assert len(caught.value.problems) == 20 and caught.value.total == 30
    assert caught.value.summary().endswith("(and 29 more problems)")


def test_gzip_reading_matches_plain_text(statistics, tmp_path):
    rows = [structure_row(), structure_row(sex="F", count="7")]
    plain = write_structure(tmp_path, rows)
    packed = write_structure(tmp_path, rows, name="TF_SOC_POP_STRUCT_2016b.txt", gz=True)
    packed = packed.rename(tmp_path / "x_TF_SOC_POP_STRUCT_2016.txt.gz")
    assert (
        packed.read_bytes()[:2] == b"\x1f\x8b" and gzip.decompress(packed.read_bytes()) == plain.read_bytes()
    )
    from_plain, _sha = read_structure(plain)
    from_packed, _sha = read_structure(packed)
    assert from_packed == from_plain and from_plain.rows_read == 2  # the same rows, ages and counts
    assert import_structure(packed).created
    assert (summary("92094", 2016).population, summary("92094", 2016).women) == (12, 7)


@pytest.mark.parametrize(
    ("row", "found"),
    [
        ("92094|Namen|Namur|30|5|2016", 6),  # too few fields
        (structure_row().replace("|Namur|", "|Namur|extra|"), 23),  # one too many, before the age
        (structure_row() + "|extra", 23),  # one too many, at the end
    ],
)
def test_a_row_with_the_wrong_number_of_fields_is_named_by_its_line(statistics, tmp_path, row, found):
    path = write_structure(tmp_path, [structure_row(), row, structure_row(age="31")])
    assert f"line 3: expected 22 fields, found {found}" in refused(path)


def test_blank_lines_are_skipped_and_the_same_key_adds_up(statistics, tmp_path):
    path = write_structure(tmp_path, [structure_row(count="5"), "", "   ", structure_row(count="7")])
    counts, _sha = read_structure(path)
    assert counts.rows_read == 2
    assert counts.ages[("92094", "M", "ETR")][30] == 12


# --- Every value against what its column holds --------------------------------------------------------

TIDY_HEADER = "territory;year;indicator;breakdown;value;unit;source\n"


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("92094;2020;x;;1e30;persons;S", "line 2, column value: expected a number between"),
        ("92094;2020;x;;1000000000000;persons;S", "line 2, column value: expected a number between"),
        ("92094;2020;x;;999999999999.9994;persons;S", "line 2, column value: expected a number between"),
        ("92094;2020;x;;-1e13;%;S", "line 2, column value: expected a number between"),
        ("92094;2020;x;;NaN;persons;S", "line 2, column value: expected a number between"),
        ("92094;2020;x;" + "b" * 121 + ";1;persons;S", "line 2, column breakdown: at most 120 characters"),
        ("92094;2020;x;;1;" + "u" * 31 + ";S", "line 2, column unit: at most 30 characters"),
        ("92094;2020;x;;1;persons;" + "s" * 256, "line 2, column source: at most 255 characters"),
        ("92094;3000-01-01;x;;1;persons;S", "line 2, column year: expected a date from 1800 to 2200"),
    ],
)
def test_a_tidy_value_the_column_cannot_hold_is_refused_by_line_and_column(
    statistics, tmp_path, row, expected
):
    path = tmp_path / "big.csv"
    path.write_text(TIDY_HEADER + "92094;2020;y;;1;persons;S\n" + row + "\n")
    assert expected.replace("line 2", "line 3") in refused(path, import_indicators)


def test_tidy_values_are_kept_to_the_columns_precision(statistics, tmp_path):
    path = tmp_path / "edge.csv"
    path.write_text(
        TIDY_HEADER
        + "92094;2020;x;max;999 999 999 999,999;persons;S\n"
        + "92094;2020;x;min;-999999999999.999;%;S\n"
        + "92094;2020;x;tiny;0,00004;persons;S\n"
        + "92094;2020;x;round;1.23456;persons;S\n"
        + "92094;2020;x;"
        + "b" * 120
        + ";1e3;"
        + "u" * 30
        + ";"
        + "s" * 255
        + "\n"
    )
    import_indicators(path)
    values = dict(IndicatorValue.objects.filter(key="x").values_list("breakdown", "value"))
    assert values["max"] == Decimal("999999999999.999") and values["min"] == Decimal("-999999999999.999")
    assert values["tiny"] == 0 and values["round"] == Decimal("1.2346") and values["b" * 120] == 1000


def test_two_breakdowns_alike_in_their_first_120_characters_are_not_cut_into_one(statistics, tmp_path):
    path = tmp_path / "long.csv"
    path.write_text(TIDY_HEADER + f"92094;2020;x;{'b' * 120}1;1;p;S\n92094;2020;x;{'b' * 120}2;2;p;S\n")
    assert "at most 120 characters" in refused(path, import_indicators)


def test_a_structure_count_past_what_the_column_holds_is_refused(statistics, tmp_path):
    path = write_structure(tmp_path, [structure_row(), structure_row(age="31", count="3000000000")])
    assert "line 3, column MS_POPULATION: expected a whole number of persons from 0 to 2147483647" in refused(
        path
    )


def test_counts_that_add_up_past_what_the_column_holds_are_refused(statistics, tmp_path):
    rows = [structure_row(age=str(age), count="2000000000") for age in (30, 31)]
    assert "92094" in refused(write_structure(tmp_path, rows))


def test_a_workbook_count_past_what_the_column_holds_is_refused(statistics, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Population en 2020"
    sheet.append(["Code INS", "Hommes", "Femmes", "Total"])
    sheet.append(["92094", 3_000_000_000, 1, 3_000_000_001])
    path = tmp_path / "population.xlsx"
    workbook.save(path)
    assert (
        "line 2, column B: sheet 'Population en 2020': expected a whole number of persons from 0"
        in refused(path, import_population)
    )
