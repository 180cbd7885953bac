"""The REFNIS hierarchy (Statbel TU_COM_REFNIS) and the commune boundaries (TopoJSON)."""

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from pli.files import (
    ImportRefused,
    ProblemCollector,
    normalise_header,
    read_text,
    rows,
    year_in_name,
)
from territory.choices import Level
from territory.models import Boundary, Import, Territory

COUNTRY_CODE = "01000"
COUNTRY_NAMES = {"fr": "Belgique", "nl": "België", "de": "Belgien"}
LEVELS = {"1": Level.REGION, "2": Level.PROVINCE, "3": Level.ARRONDISSEMENT, "4": Level.COMMUNE}
END_OF_TIME = date(9999, 12, 31)
REQUIRED = ["lvl_refnis", "cd_refnis", "cd_sup_refnis", "tx_refnis_fr", "dt_vldt_start", "dt_vldt_end"]


@dataclass
class Unit:
    code: str
    level: str
    parent: str
    names: dict
    start: date
    end: date


def _date(value: str) -> date:
    return datetime.strptime(value.strip(), "%d/%m/%Y").date()


def read_refnis(path: Path) -> list[Unit]:
    """Every unit of the code list, one per code: names and parent of its latest validity period."""
    text = read_text(path)
    problems = ProblemCollector(text.name)
    records = rows(text.text)
    _header_line, header = next(records)
    columns = {normalise_header(name): index for index, name in enumerate(header)}
    missing = [name.upper() for name in REQUIRED if name not in columns]
    if missing:
        raise ImportRefused.one(
            text.name,
            _("missing column %(missing)s (is this Statbel's REFNIS code list?)")
            % {"missing": ", ".join(missing)},
            line=1,
        )
    latest: dict[str, Unit] = {}
    rows_read = 0
    first_start: dict[str, date] = {}
    for line, cells in records:
        rows_read += 1
        get = lambda name, cells=cells: cells[columns[name]].strip() if columns[name] < len(cells) else ""  # noqa: E731
        level = LEVELS.get(get("lvl_refnis"))
        code = get("cd_refnis")
        if level is None:
            problems.add(
                _("unknown level %(lvl_refnis)s (expected 1 to 4)") % {"lvl_refnis": repr(get("lvl_refnis"))},
                line,
                "LVL_REFNIS",
            )
            continue
        if len(code) != 5 or not code.isdigit():
            problems.add(_("%(code)s is not a 5-digit NIS code") % {"code": repr(code)}, line, "CD_REFNIS")
            continue
        try:
            start, end = _date(get("dt_vldt_start")), _date(get("dt_vldt_end"))
        except ValueError:
            problems.add(_("expected dates as dd/mm/yyyy"), line, "DT_VLDT_START/DT_VLDT_END")
            continue
        parent = get("cd_sup_refnis")
        unit = Unit(
            code=code,
            level=level,
            parent=COUNTRY_CODE if parent in {"", "-"} else parent,
            names={
                "fr": get("tx_refnis_fr"),
                "nl": get("tx_refnis_nl") if "tx_refnis_nl" in columns else "",
                "de": get("tx_refnis_de") if "tx_refnis_de" in columns else "",
            },
            start=start,
            end=end,
        )
        first_start[code] = min(first_start.get(code, start), start)
        if code not in latest or start >= latest[code].start:
            latest[code] = unit
    problems.raise_if_any()
    for code, unit in latest.items():
        unit.start = first_start[code]
    return list(latest.values()), rows_read


def load_refnis(path: Path, by=None) -> tuple[Import, bool]:
    """Create or update every territory of the code list (and the country). Idempotent."""
    text_sha = read_text(path).sha256
    existing = Import.objects.filter(dataset="statbel-refnis", sha256=text_sha).first()
    if existing:
        return existing, False
    units, rows_read = read_refnis(path)
    codes = {unit.code for unit in units} | {COUNTRY_CODE}
    orphans = [unit for unit in units if unit.parent not in codes]
    if orphans:
        raise ImportRefused.one(
            Path(path).name,
            _("unit %(code)s has an unknown parent %(parent)s")
            % {"code": orphans[0].code, "parent": orphans[0].parent},
        )
    by_code = {unit.code: unit for unit in units}

    def ancestor(unit: Unit, level: str) -> str:
        node = unit
        while node is not None and node.level != level:
            node = by_code.get(node.parent)
        return node.code if node else ""

    with transaction.atomic():
        current = {t.nis_code: t for t in Territory.objects.all()}
        country = current.get(COUNTRY_CODE) or Territory(nis_code=COUNTRY_CODE)
        country.level, country.parent = Level.COUNTRY, None
        country.name_fr, country.name_nl, country.name_de = (
            COUNTRY_NAMES["fr"],
            COUNTRY_NAMES["nl"],
            COUNTRY_NAMES["de"],
        )
        country.save()
        current[COUNTRY_CODE] = country
        # Parents first: regions, provinces, arrondissements, communes.
        order = [Level.REGION, Level.PROVINCE, Level.ARRONDISSEMENT, Level.COMMUNE]
        for level in order:
            to_create, to_update = [], []
            for unit in (u for u in units if u.level == level):
                territory = current.get(unit.code)
                is_new = territory is None
                territory = territory or Territory(nis_code=unit.code)
                territory.level = unit.level
                territory.parent = current[unit.parent]
                territory.name_fr, territory.name_nl, territory.name_de = (
                    unit.names["fr"],
                    unit.names["nl"],
                    unit.names["de"],
                )
                territory.valid_from = unit.start
                territory.valid_to = None if unit.end == END_OF_TIME else unit.end
                territory.province_code = ancestor(unit, Level.PROVINCE)
                territory.region_code = ancestor(unit, Level.REGION)
                (to_create if is_new else to_update).append(territory)
            Territory.objects.bulk_create(to_create, batch_size=500)
            fields = ["level", "parent", "name_fr", "name_nl", "name_de", "valid_from", "valid_to"]
            Territory.objects.bulk_update(
                to_update, fields + ["province_code", "region_code"], batch_size=500
            )
            current.update({t.nis_code: t for t in Territory.objects.filter(level=level)})
        record = Import.objects.create(
            dataset="statbel-refnis",
            file_name=Path(path).name,
            sha256=text_sha,
            reference_label=str(year_in_name(Path(path).name) or max(u.start for u in units).year),
            rows_read=rows_read,
            rows_kept=len(units),
            imported_by=by,
        )
    return record, True


def load_boundaries(path: Path, by=None) -> tuple[Import, bool]:
    """Attach a simplified GeoJSON boundary to every commune, arrondissement and province found."""
    from pli.files import sha256_of
    from territory.imports.topojson import geometries_by_code

    name = Path(path).name
    sha = sha256_of(path)
    existing = Import.objects.filter(dataset="boundaries", sha256=sha).first()
    if existing:
        return existing, False
    try:
        topology = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ImportRefused.one(name, _("not a JSON file (%(error)s)") % {"error": error}) from None
    if topology.get("type") != "Topology":
        raise ImportRefused.one(name, _('not a TopoJSON topology (no "type": "Topology")'))
    # The Brussels-Capital Region stands among the provinces with only its region code.
    for geometry in topology.get("objects", {}).get("provinces", {}).get("geometries", []):
        properties = geometry.setdefault("properties", {})
        if "nis" not in properties and properties.get("reg_nis"):
            properties["nis"] = properties["reg_nis"]
    geometries = {}
    try:
        for object_name in ("provinces", "arrondissements", "municipalities"):
            geometries.update(geometries_by_code(topology, object_name, "nis"))
    except ValueError as error:
        raise ImportRefused.one(name, str(error)) from None
    with transaction.atomic():
        territories = dict(Territory.objects.filter(nis_code__in=geometries).values_list("nis_code", "id"))
        Boundary.objects.filter(territory_id__in=territories.values()).delete()
        Boundary.objects.bulk_create(
            [Boundary(territory_id=pk, geometry=geometries[code]) for code, pk in territories.items()],
            batch_size=200,
        )
        record = Import.objects.create(
            dataset="boundaries",
            file_name=name,
            sha256=sha,
            reference_label="2019",
            rows_read=len(geometries),
            rows_kept=len(territories),
            imported_by=by,
        )
    return record, True
