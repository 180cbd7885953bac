"""Every table the territory pages show, as data: the page renders it, CSV and XLSX export it.

A figure therefore has one computation whether it is read on the page or in a spreadsheet.
"""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from pli.exports import Column, Table
from territory import queries
from territory.indicator_labels import indicator_label
from territory.models import Territory


def comparison_table(territory: Territory, year: int) -> Table:
    portraits = queries.comparison(territory, year)
    return Table(
        key="comparaison",
        title=str(
            _("%(name)s compared with the higher levels, 1 January %(year)s")
            % {"name": territory.name_fr, "year": year}
        ),
        columns=[
            Column("name", _("Territory")),
            Column("population", _("Population"), "int"),
            Column("non_belgian", _("Non-Belgians"), "int"),
            Column("non_belgian_share", _("Share of non-Belgians"), "share"),
            Column("under_18_share", _("Under 18"), "share"),
            Column("over_65_share", _("65 and over"), "share"),
            Column("median_age", _("Median age"), "float"),
        ],
        rows=[p.as_dict() for p in portraits],
        sources=_sources(p.source for p in portraits),
    )


def series_table(territory: Territory) -> Table:
    series = queries.time_series(territory)
    rows = [
        {
            "year": year,
            "population": population,
            "non_belgian": non_belgian,
            "non_belgian_share": (non_belgian / population)
            if non_belgian is not None and population
            else None,
        }
        for year, population, non_belgian in zip(
            series["years"], series["population"], series["non_belgian"], strict=True
        )
    ]
    return Table(
        key="evolution",
        title=str(_("Population on 1 January, %(name)s") % {"name": territory.name_fr}),
        columns=[
            Column("year", _("Year")),
            Column("population", _("Population"), "int"),
            Column("non_belgian", _("Non-Belgians"), "int"),
            Column("non_belgian_share", _("Share of non-Belgians"), "share"),
        ],
        rows=rows,
        sources=series["sources"],
    )


def pyramid_table(territory: Territory, year: int) -> Table:
    data = queries.pyramid(territory, year)
    rows = [
        {
            "band": label,
            "men_belgian": data["men_belgian"][i],
            "men_non_belgian": data["men_non_belgian"][i],
            "women_belgian": data["women_belgian"][i],
            "women_non_belgian": data["women_non_belgian"][i],
        }
        for i, label in enumerate(data["labels"])
    ]
    source = queries.portrait(territory, year)
    return Table(
        key="pyramide",
        title=str(_("Age pyramid, %(name)s, 1 January %(year)s") % {"name": territory.name_fr, "year": year}),
        columns=[
            Column("band", _("Age")),
            Column("men_belgian", _("Belgian men"), "int"),
            Column("men_non_belgian", _("Non-Belgian men"), "int"),
            Column("women_belgian", _("Belgian women"), "int"),
            Column("women_non_belgian", _("Non-Belgian women"), "int"),
        ],
        rows=rows,
        sources=_sources([source.source] if source and source.has_structure else []),
    )


def communes_table(parent: Territory, year: int, base_year: int | None = None, rows=None) -> Table:
    base_year = base_year if base_year != year else None
    rows = rows if rows is not None else queries.communes_of(parent, year, base_year)
    columns = [
        Column("nis", capfirst(_("NIS code"))),
        Column("name", _("Commune")),
        Column("arrondissement", _("Arrondissement")),
        Column("population", _("Population"), "int"),
        Column("non_belgian", _("Non-Belgians"), "int"),
        Column("non_belgian_share", _("Share of non-Belgians"), "share"),
        Column("median_age", _("Median age"), "float"),
        Column("rank_share", _("Rank (share) in the province"), "int"),
    ]
    if base_year:
        columns += [
            Column("population_pct", _("Population change since %(year)s (%%)") % {"year": base_year}, "pct"),
            Column("share_points", _("Share change since %(year)s (points)") % {"year": base_year}, "points"),
        ]
    data = []
    for row in rows:
        item = row.portrait.as_dict()
        item.update(
            arrondissement=row.arrondissement, rank_share=row.rank_share, rank_population=row.rank_population
        )
        if base_year and row.evolution:
            item.update(population_pct=row.evolution.population_pct, share_points=row.evolution.share_points)
        data.append(item)
    return Table(
        key="communes",
        title=str(_("Communes — %(name)s, 1 January %(year)s") % {"name": parent.name_fr, "year": year}),
        columns=columns,
        rows=data,
        sources=_sources(row.portrait.source for row in rows),
    )


def indicators_table(territory: Territory) -> Table:
    values = queries.extra_indicators(territory)
    return Table(
        key="indicateurs",
        title=str(_("Other indicators, %(name)s") % {"name": territory.name_fr}),
        columns=[
            Column("key", _("Indicator")),
            Column("breakdown", _("Breakdown")),
            Column("value", _("Value"), "float"),
            Column("unit", _("Unit")),
            Column("reference_date", _("Reference date"), "date"),
            Column("source_label", _("Source")),
        ],
        rows=[
            {
                "key": indicator_label(v.key),
                "breakdown": v.breakdown,
                "value": float(v.value),
                "unit": v.unit,
                "reference_date": v.reference_date,
                "source_label": v.source_label,
            }
            for v in values
        ],
        sources=_sources(queries.Source.of(v.source) for v in values),
    )


def _sources(sources) -> list:
    unique = {}
    for source in sources:
        if source is not None:
            unique[(source.dataset, source.file_name)] = source
    return list(unique.values())


def chosen_comparison_table(territories: list[Territory], year: int) -> Table:
    """Territories chosen by the reader, side by side: the key figures of the same year."""
    summaries = queries.portraits_of(territories, year)
    return Table(
        key="comparaison-choisie",
        title=str(
            # A colon, not "of": the names of several territories take no article nor elision.
            _("Comparison: %(names)s, 1 January %(year)s")
            % {"names": ", ".join(t.name_fr for t in territories), "year": year}
        ),
        columns=[
            Column("nis", capfirst(_("NIS code"))),
            Column("name", _("Territory")),
            Column("population", _("Population"), "int"),
            Column("non_belgian", _("Non-Belgians"), "int"),
            Column("non_belgian_share", _("Share of non-Belgians"), "share"),
            Column("under_18_share", _("Under 18"), "share"),
            Column("over_65_share", _("65 and over"), "share"),
            Column("median_age", _("Median age"), "float"),
        ],
        rows=[p.as_dict() for p in summaries],
        sources=_sources(p.source for p in summaries),
    )
