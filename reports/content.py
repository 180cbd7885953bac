"""What each document says, read from the other apps' query functions (the pages' own): no figure is
computed here. The PDF template and the Word builder both print these structures."""

from dataclasses import dataclass, field
from functools import cached_property

from django.utils import timezone
from django.utils.translation import gettext as _

from diagnostic import queries as diagnostic_queries
from network import queries as network_queries
from plan import queries as plan_queries
from plan.permissions import sees_whole_plan
from pli.access import can_view
from pli.text import elide
from reports.glossary import glossary
from territory import charts
from territory import queries as territory_queries
from territory.choices import Level


@dataclass
class Figure:
    """A chart or map: its Vega-Lite specification, caption, alternative text and source line."""

    key: str
    caption: str
    alt: str
    spec: dict
    source: str

    def __post_init__(self):
        # Names were interpolated into French sentences: « d’Anhée », not « de Anhée ».
        self.caption, self.alt = elide(self.caption), elide(self.alt)

    @cached_property
    def svg(self) -> str:
        return charts.svg(self.spec)

    def png(self) -> bytes:
        return charts.png(self.spec)


@dataclass
class Document:
    kind: str
    title: str
    subtitle: str
    facts: list[tuple[str, str]] = field(default_factory=list)  # the cover's lines
    data: dict = field(default_factory=dict)
    sources: list = field(default_factory=list)
    built_at: str = ""


def _sources(*groups) -> list:
    """The distinct sources (territory_queries.Source), in the order met."""
    seen: dict = {}
    for group in groups:
        for source in group:
            if source is not None:
                seen.setdefault(str(source), source)
    return list(seen.values())


def _territory_figures(territory, year, base_year, highlight=None, reference=None) -> dict:
    """The diagnostic figures of a territory: map, evolution, pyramid, communes table, with sources.
    With a reference territory (a portrait's), the evolution and the pyramid show both, in shares."""
    map_territory = territory
    if territory.level == Level.COMMUNE:
        map_territory = next((t for t in territory.ancestors() if t.level == Level.PROVINCE), territory)
        highlight = territory.nis_code
    collection = territory_queries.map_collection(map_territory, year)
    series = territory_queries.time_series(territory)
    current = territory_queries.portrait(territory, year)
    pyramid = territory_queries.pyramid(territory, year) if current and current.has_structure else None
    reference_series = territory_queries.time_series(reference) if reference else None
    series_source = territory_queries.sources_line(
        _sources(series["sources"], reference_series["sources"] if reference_series else [])
    )
    figures = [
        Figure(
            "map",
            _("Share of non-Belgians by commune, %(territory)s, 1 January %(year)s")
            % {"territory": map_territory.name_fr, "year": year},
            _(
                "Map of the communes of %(territory)s coloured by their share of non-Belgian residents on 1 January %(year)s; the darker, the higher."
            )
            % {"territory": map_territory.name_in_sentence, "year": year},
            charts.choropleth(collection, highlight=highlight),
            f"{collection['source']}. {collection['boundaries']}",
        ),
        Figure(
            "evolution",
            _("Population and non-Belgian residents of %(territory)s, year by year")
            % {"territory": territory.name_in_sentence},
            _(
                "Line chart of the population of %(territory)s from %(first)s to %(last)s and of its non-Belgian residents where known."
            )
            % {
                "territory": territory.name_in_sentence,
                "first": series["years"][0],
                "last": series["years"][-1],
            }
            if series["years"]
            else "",
            charts.evolution(series),
            series_source,
        ),
    ]
    if reference_series:
        figures[1] = Figure(
            "evolution",
            _("Share of non-Belgians, %(territory)s and %(reference)s, year by year")
            % {"territory": territory.name_in_sentence, "reference": reference.name_in_sentence},
            _(
                "Line chart of the share of non-Belgian residents of %(territory)s and of %(reference)s, year by year where known."
            )
            % {"territory": territory.name_in_sentence, "reference": reference.name_in_sentence},
            charts.compared_lines(
                [
                    (territory.name_fr, territory_queries.with_shares(series)),
                    (reference.name_fr, territory_queries.with_shares(reference_series)),
                ],
                "non_belgian_share",
                _("Share of non-Belgians"),
            ),
            series_source,
        )
    if pyramid and reference:
        reference_shares = territory_queries.pyramid_shares(territory_queries.pyramid(reference, year))
        figures.append(
            Figure(
                "pyramid",
                _("Age pyramid of %(territory)s compared with %(reference)s, 1 January %(year)s")
                % {
                    "territory": territory.name_in_sentence,
                    "reference": reference.name_in_sentence,
                    "year": year,
                },
                _(
                    "Age pyramid by five-year band in shares of the residents, men on the left and women on the right, Belgians and non-Belgians stacked; a black mark per band gives the share of %(reference)s."
                )
                % {"reference": reference.name_in_sentence},
                charts.pyramid(
                    territory_queries.pyramid_shares(pyramid), reference=(reference.name_fr, reference_shares)
                ),
                str(current.source) if current and current.source else "",
            )
        )
    elif pyramid:
        figures.append(
            Figure(
                "pyramid",
                _("Age pyramid of %(territory)s, 1 January %(year)s")
                % {"territory": territory.name_in_sentence, "year": year},
                _(
                    "Age pyramid by five-year band, men on the left and women on the right, Belgians and non-Belgians stacked."
                ),
                charts.pyramid(pyramid),
                str(current.source) if current and current.source else "",
            )
        )
    communes = (
        territory_queries.communes_of(territory, year, base_year)
        if territory.level in (Level.PROVINCE, Level.ARRONDISSEMENT)
        else []
    )
    return {
        "portrait": current,
        "comparison": territory_queries.comparison(territory, year),
        "figures": figures,
        "communes": communes,
        "sources": _sources([current.source if current else None], series["sources"]),
        "year": year,
        "base_year": base_year,
    }


def _years():
    years = territory_queries.structure_years()
    year = years[-1] if years else None
    # The pages' one rule for the year a change is measured from (territory.queries.default_base_year).
    return year, territory_queries.default_base_year(year, years)


def plan_document(plan, user, progress=lambda *a: None) -> Document:
    """The plan version as the centre hands it to the Region, the province and its partners."""
    year, base_year = _years()
    progress(0.05, _("Reading the plan"))
    tree = plan_queries.plan_tree(plan, user)
    recommendations = list(plan_queries.recommendations_for_document(plan, user))
    by_priority: dict[int, list] = {}
    for rec in recommendations:
        rec.totals = plan_queries.means_totals(rec)
        rec.population = plan_queries.population_in_proportion(
            list(rec.territories.all()) or [plan.territory], list(rec.publics.all())
        )
        by_priority.setdefault(rec.priority_id, []).append(rec)
    for block in tree:
        for priority in block.priorities:
            priority.document_recommendations = by_priority.get(priority.pk, [])
    progress(0.3, _("Reading the findings and the diagnostic"))
    findings = list(plan_queries.cited_findings(plan, user))
    findings_by_axis: dict = {}
    for finding in findings:
        findings_by_axis.setdefault(finding.axis, []).append(finding)
    diagnostic = plan.diagnostic
    diagnostic_visible = bool(diagnostic and can_view(user, diagnostic))
    campaigns = list(diagnostic_queries.campaigns_of(plan.territory, user))
    for campaign in campaigns:
        campaign.lens_labels = diagnostic_queries.lens_labels(campaign.lenses)
    progress(0.45, _("Drawing the map and the charts"))
    territory = _territory_figures(plan.territory, year, base_year) if year else None
    progress(0.7, _("Reading the concertation"))
    spaces = list(network_queries.spaces_with_organisations(user))
    for space in spaces:
        space.organisations = network_queries.member_organisations(space)
    plenaries = list(network_queries.plenaries(user, [plan.adopted_on, plan.closed_on], plan.plenary_id))
    partners = list(network_queries.partners(user))
    population = plan_queries.population_in_proportion([plan.territory])
    facts = [
        (_("Territory"), plan.territory.name_fr),
        (_("Period"), f"{plan.start_year}–{plan.end_year}"),
        (_("Version"), plan.version_label or "—"),
        (_("Status"), str(plan.get_status_display())),
    ]
    if plan.carriers:
        facts.append((_("Carried by"), plan.carriers))
    if plan.adopted_on:
        facts.append(
            (_("Adopted"), _date(plan.adopted_on) + (f" — {plan.adopted_by}" if plan.adopted_by else ""))
        )
    if plan.closed_on:
        facts.append(
            (_("Closed"), _date(plan.closed_on) + (f" — {plan.closed_by}" if plan.closed_by else ""))
        )
    rec_sources = [s for rec in recommendations for s in rec.population.sources]
    return Document(
        kind="plan",
        title=plan.title,
        subtitle="" if plan.version_label in plan.title else plan.version_label,
        facts=facts,
        data={
            "plan": plan,
            "tree": tree,
            "totals": plan_queries.dashboard(plan)["totals"] if sees_whole_plan(user, plan) else None,
            "population": population,
            "findings_by_axis": list(findings_by_axis.items()),
            "diagnostic": diagnostic if diagnostic_visible else None,
            "campaigns": campaigns,
            "territory": territory,
            "spaces": spaces,
            "plenaries": plenaries,
            "partners": partners,
            "glossary": glossary(),
        },
        sources=_sources(territory["sources"] if territory else [], population.sources, rec_sources),
        built_at=_date(timezone.localdate()),
    )


def _date(value) -> str:
    from django.utils.formats import date_format

    return date_format(value, "j F Y")


def portrait_document(territory, compare, user, progress=lambda *a: None) -> Document:
    """A commune, arrondissement or province, compared with a reference territory (by default the one
    it lies in): key figures, evolution, pyramid, its place on the map and in its province, the offers."""
    year, base_year = _years()
    if year is None:
        from jobs.services import JobRefused

        raise JobRefused(_("No population figures by nationality have been imported yet."))
    reference = compare or territory.parent or territory
    progress(0.1, _("Reading the figures"))
    rows = []
    for place in (territory, reference):
        current = territory_queries.portrait(place, year)
        base = territory_queries.portrait(place, base_year) if base_year else None
        rows.append(
            {
                "portrait": current,
                "evolution": territory_queries.evolution(base, current) if base and current else None,
            }
        )
    progress(0.3, _("Drawing the map and the charts"))
    figures = _territory_figures(
        territory, year, base_year, reference=reference if reference != territory else None
    )
    progress(0.7, _("Reading the offers"))
    offers = network_queries.offers_by_type(network_queries.offers_within(user, [territory]))
    rank = territory_queries.rank_in_province(territory, year)
    facts = [
        (_("Territory"), f"{territory.name_fr} ({territory.nis_code})"),
        (_("Level"), str(territory.get_level_display())),
        (_("Compared with"), reference.name_fr),
        (_("Figures on"), _("1 January %(year)s") % {"year": year}),
    ]
    return Document(
        kind="portrait",
        title=elide(_("Portrait of %(territory)s") % {"territory": territory.name_in_sentence}),
        subtitle=_("compared with %(reference)s") % {"reference": reference.name_in_sentence},
        facts=facts,
        data={
            "territory": territory,
            "reference": reference,
            "rows": rows,
            "figures": figures,
            "rank": rank,
            "offers": offers,
            "year": year,
            "base_year": base_year,
        },
        sources=_sources(figures["sources"], [r["portrait"].source for r in rows if r["portrait"]]),
        built_at=_date(timezone.localdate()),
    )
