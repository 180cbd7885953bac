"""Small files made from the real ones, to test the imports' answers to bad input."""

import gzip
from pathlib import Path

HEADER = (
    "CD_MUNTY_REFNIS|TX_MUNTY_DESCR_NL|TX_MUNTY_DESCR_FR|CD_DSTR_REFNIS|TX_ADM_DSTR_DESCR_NL|"
    "TX_ADM_DSTR_DESCR_FR|CD_PROV_REFNIS|TX_PROV_DESCR_NL|TX_PROV_DESCR_FR|CD_RGN_REFNIS|TX_RGN_DESCR_NL|"
    "TX_RGN_DESCR_FR|CD_SEX|CD_NATLTY|TX_NATLTY_FR|TX_NATLTY_NL|CD_CIV_STS|TX_CIV_STS_FR|TX_CIV_STS_NL|"
    "CD_AGE|MS_POPULATION|CD_YEAR"
)


def structure_row(code="92094", sex="M", nationality="ETR", age="30", count="5", year="2016", arr="92000"):
    return (
        f"{code}|Namen|Namur|{arr}|Arrondissement Namen|Arrondissement de Namur|90000|Provincie Namen|"
        f"Province de Namur|3000|Waals Gewest|Région wallonne|{sex}|{nationality}|Etrangers|Vreemdelingen|10|"
        f"Célibataire|Ongehuwd|{age}|{count}|{year}"
    )


def write_structure(
    folder: Path, rows: list[str], name="TF_SOC_POP_STRUCT_2016.txt", header=HEADER, gz=False
):
    text = "\n".join([header, *rows]) + "\n"
    path = folder / (name + (".gz" if gz else ""))
    if gz:
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text, encoding="utf-8")
    return path


def province_subset(source: Path, target: Path, province="90000") -> Path:
    """The rows of one province from a real structure file (keeps the file name and its year)."""
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        header = next(handle)
        lines = [line for line in handle if f"|{province}|" in line]
    target.write_bytes(gzip.compress((header + "".join(lines)).encode()))
    return target


def raw_structure_totals(source: Path, codes) -> dict[str, dict[str, int]]:
    """Residents per commune, arrondissement or province code, summed straight from a Statbel
    TF_SOC_POP_STRUCT file with the csv module: an expected figure that owes nothing to the import or
    to the platform's queries. {code: {"population", "belgian", "non_belgian", "men", "women",
    "non_belgian_under_18"}}"""
    import csv

    wanted = set(codes)
    totals = {code: dict.fromkeys(TOTALS, 0) for code in wanted}
    with gzip.open(source, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="|"):
            count = int(row["MS_POPULATION"])
            foreign = row["CD_NATLTY"] == "ETR"
            for code in {row["CD_MUNTY_REFNIS"], row["CD_DSTR_REFNIS"], row["CD_PROV_REFNIS"]} & wanted:
                figures = totals[code]
                figures["population"] += count
                figures["non_belgian" if foreign else "belgian"] += count
                figures["men" if row["CD_SEX"] == "M" else "women"] += count
                if foreign and int(row["CD_AGE"]) < 18:
                    figures["non_belgian_under_18"] += count
    return totals


TOTALS = ("population", "belgian", "non_belgian", "men", "women", "non_belgian_under_18")
