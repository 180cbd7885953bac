"""The open datasets the platform knows: where they are published, under which licence, how to cite
them, and how to find them in a local mirror (PLI_DATA_DIR) or download them into the cache."""

import fnmatch
import hashlib
import shutil
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

STATBEL_ATTRIBUTION = "Source : Statbel (Direction générale Statistique – Statistics Belgium)"
STRUCTURE_URL = (
    "https://statbel.fgov.be/sites/default/files/files/opendata/bevolking%20naar%20woonplaats%2C%20"
    "nationaliteit%20burgelijke%20staat%20%2C%20leeftijd%20en%20geslacht/TF_SOC_POP_STRUCT_{year}.zip"
)
STRUCTURE_FIRST_YEAR = 2009  # Statbel publishes the structure file from 1 January 2009 on


def structure_years(today: date | None = None) -> range:
    """The years whose structure file may be published: from the first one to this year (a year not yet
    published is reported and skipped by `fetch`). Which years are there is read from the files and
    imports themselves, never from this list."""
    return range(STRUCTURE_FIRST_YEAR, (today or date.today()).year + 1)


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str
    publisher: str
    page: str
    licence: str
    attribution: str
    patterns: tuple[str, ...]  # file names in a local mirror
    downloads: tuple[tuple[str, str], ...] = ()  # (file name in the cache, official address)


DATASETS = {
    d.key: d
    for d in [
        Dataset(
            key="statbel-refnis",
            title=_("REFNIS code list (regions, provinces, arrondissements, communes)"),
            publisher="Statbel",
            page="https://statbel.fgov.be/fr/open-data/code-refnis",
            licence="CC BY 4.0",
            attribution=STATBEL_ATTRIBUTION,
            patterns=("*TU_COM_REFNIS*.txt", "*TU_COM_REFNIS*.zip"),
            downloads=(
                (
                    "TU_COM_REFNIS.zip",
                    "https://statbel.fgov.be/sites/default/files/files/opendata/REFNIS%20code/TU_COM_REFNIS.zip",
                ),
            ),
        ),
        Dataset(
            key="boundaries",
            title=_("Boundaries of the communes, arrondissements and provinces (TopoJSON)"),
            publisher="Bart Mesuere, from Statbel and arneh61/Belgium-Map",
            page="https://github.com/bmesuere/belgium-topojson",
            licence="CC0 1.0",
            attribution="Limites : bmesuere/belgium-topojson (CC0), d’après Statbel",
            patterns=("*belgium*topojson*.json", "belgium.json"),
            downloads=(
                (
                    "belgium.json",
                    "https://raw.githubusercontent.com/bmesuere/belgium-topojson/master/belgium.json",
                ),
            ),
        ),
        Dataset(
            key="statbel-structure",
            title=_(
                "Population by place of residence, nationality, civil status, age and sex (TF_SOC_POP_STRUCT)"
            ),
            publisher="Statbel",
            page="https://statbel.fgov.be/fr/open-data/population-par-lieu-de-residence-nationalite-etat-civil-age-et-sexe-13",
            licence="Statbel open data (CC BY 4.0)",
            attribution=STATBEL_ATTRIBUTION,
            patterns=("*TF_SOC_POP_STRUCT_*",),
            downloads=tuple(
                (f"TF_SOC_POP_STRUCT_{year}.zip", STRUCTURE_URL.format(year=year))
                for year in structure_years()
            ),
        ),
        Dataset(
            key="statbel-population",
            # The years it covers are those of the workbook imported: each import says them (reference).
            title=_("Population by commune on 1 January"),
            publisher="Statbel",
            page="https://statbel.fgov.be/fr/themes/population/structure-de-la-population",
            licence="Statbel open data (CC BY 4.0)",
            attribution=STATBEL_ATTRIBUTION,
            patterns=("*Population_par_commune*.xlsx",),
            downloads=(
                (
                    "Population_par_commune.xlsx",
                    "https://statbel.fgov.be/sites/default/files/files/documents/bevolking/5.1%20Structuur%20van%20de%20bevolking/Population_par_commune.xlsx",
                ),
            ),
        ),
        Dataset(
            key="indicators",
            title=_("Indicators brought by a user (tidy CSV)"),
            publisher=_("as stated on each row"),
            page="",
            licence="",
            attribution="",
            patterns=(),
        ),
    ]
}


def mirror_files(dataset: Dataset) -> list[Path]:
    """Files of the dataset in the local mirror (PLI_DATA_DIR), or else in the download cache."""
    folders = [p for p in (settings.PLI_DATA_DIR, settings.PLI_CACHE_DIR) if p and Path(p).is_dir()]
    for folder in folders:
        found = sorted(
            path
            for path in Path(folder).iterdir()
            if path.is_file() and any(fnmatch.fnmatch(path.name, pattern) for pattern in dataset.patterns)
        )
        if found:
            return found
    return []


def fetch(dataset: Dataset, stdout, progress_factory=None) -> list[Path]:
    """Download the dataset's files into PLI_CACHE_DIR (skipping those present), verifying each one."""
    cache = Path(settings.PLI_CACHE_DIR)
    cache.mkdir(parents=True, exist_ok=True)
    saved = []
    for file_name, url in dataset.downloads:
        target = cache / file_name
        if target.exists() and target.stat().st_size > 0:
            stdout.write(f"  {file_name}: already in the cache")
            saved.append(target)
            continue
        partial = target.with_suffix(target.suffix + ".part")
        request = urllib.request.Request(url, headers={"User-Agent": "pli-platform"})
        try:
            response = urllib.request.urlopen(request, timeout=60)
        except urllib.error.HTTPError as error:
            stdout.write(f"  {file_name}: not published ({error.code}), skipped")
            continue
        with response, open(partial, "wb") as out:
            total = int(response.headers.get("Content-Length") or 0) or None
            bar = progress_factory(total=total, desc=file_name) if progress_factory else None
            digest = hashlib.sha256()
            while chunk := response.read(1 << 16):
                out.write(chunk)
                digest.update(chunk)
                if bar:
                    bar.update(len(chunk))
            if bar:
                bar.close()
        try:
            verify(partial, dataset)
        except ValueError:
            partial.unlink()
            raise
        shutil.move(partial, target)
        stdout.write(f"  {file_name}: {target.stat().st_size:,} bytes, sha256 {digest.hexdigest()[:16]}…")
        saved.append(target)
    return saved


def verify(path: Path, dataset: Dataset) -> None:
    """A downloaded file must at least be what it claims: a zip, a JSON topology, a workbook."""
    head = Path(path).read_bytes()[:4]
    if dataset.key in {"statbel-structure", "statbel-refnis", "statbel-population"} and head != b"PK\x03\x04":
        raise ValueError(f"{Path(path).name}: the server did not send a zip or xlsx file")
    if dataset.key == "boundaries" and not head.lstrip().startswith(b"{"):
        raise ValueError(f"{Path(path).name}: the server did not send JSON")
