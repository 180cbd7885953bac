from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from pli import exports, page_cache
from pli.access import can_create
from pli.app_hooks import hook_results
from pli.files import ImportRefused
from pli.text import fold
from territory import charts, queries, tables
from territory.choices import Level
from territory.forms import ImportUploadForm
from territory.models import Import, Territory
from territory.services import import_upload

# Territory pages show official open data (Statbel, CC BY): anyone may read them, as the public plan
# will. Imports change what every figure says: coordinators only.


def _year(request, years: list[int], param: str = "annee", default: int | None = None) -> int | None:
    raw = request.GET.get(param, "")
    if raw.isdigit() and int(raw) in years:
        return int(raw)
    return default if default is not None else (years[-1] if years else None)


def _empty(request):
    return render(request, "territory/empty.html", {"can_import": can_create(request.user, Import)})


def index(request):
    working = queries.working_territory()
    if working is None:
        return _empty(request)
    target = reverse("territory:detail", kwargs={"nis": working.nis_code})
    query = request.META.get("QUERY_STRING", "")
    return redirect(f"{target}?{query}" if query else target)


def _base_year(request, years: list[int], year: int | None) -> int | None:
    """The year to compare with: an earlier year than the one shown (`default_base_year` by default)."""
    earlier = [y for y in years if year is not None and y < year]
    base = _year(request, earlier, "base", default=queries.default_base_year(year, years))
    return base if base in earlier else None


def detail(request, nis):
    territory = queries.get_territory(nis)
    years = queries.structure_years()
    all_years = queries.population_years()
    year = _year(request, years) or _year(request, all_years)
    if year is None:
        return _empty(request)
    base_year = _base_year(request, years, year)
    # The whole page for visitors not logged in (pli/page_cache.py); rendered below for the others.
    return page_cache.anonymous_page(
        request,
        ("territory", queries.data_version(), territory.nis_code, year, base_year),
        lambda extra: _detail_page(request, territory, years, year, base_year, extra),
        parameters=("annee", "base"),
    )


def _detail_page(request, territory: Territory, years, year: int, base_year: int | None, extra: dict):
    body = queries.cached(
        ("detail", territory.nis_code, year, base_year),
        lambda: mark_safe(
            render_to_string("territory/_detail_body.html", _detail_context(territory, year, base_year))
        ),
    )
    context = {
        "territory": territory,
        "ancestors": list(reversed(territory.ancestors())),
        "year": year,
        "years": years,
        "base_years": [y for y in years if y < year],
        "base_year": base_year,
        "body": body,
        # Sections other apps add for the user (e.g. the network's offers): none for a visitor not logged
        # in (whose whole page is cached), never cached for the others.
        "extra_sections": hook_results("panels", "territory_sections", request, territory),
        "extra_map_indicators": hook_results("panels", "map_indicators", request),
        **extra,
    }
    return render(request, "territory/detail.html", context)


def _detail_context(territory: Territory, year: int, base_year: int | None) -> dict:
    """Everything the body of a territory page shows: rendered once per data version, then cached."""
    current = queries.portrait(territory, year)
    base = queries.portrait(territory, base_year) if base_year and base_year != year else None
    working = queries.working_territory()
    return {
        "territory": territory,
        "year": year,
        "base_year": base_year,
        "portrait": current,
        "evolution": queries.evolution(base, current) if base and current else None,
        "rank": queries.rank_in_province(territory, year),
        "comparison": tables.comparison_table(territory, year),
        "series": tables.series_table(territory),
        "pyramid": tables.pyramid_table(territory, year) if current and current.has_structure else None,
        "pyramid_data": queries.pyramid(territory, year) if current and current.has_structure else None,
        "indicators": tables.indicators_table(territory),
        "children": (
            tables.communes_table(territory, year, base_year)
            if territory.level in (Level.PROVINCE, Level.ARRONDISSEMENT)
            else None
        ),
        "map_territory": _map_territory(territory, working),
        "map_indicators": _map_indicator_choices(),
        "figure_links": _figure_links(territory, year),
    }


def _figure_links(territory: Territory, year: int) -> dict:
    """The images of the page's charts and map (`figure`), per kind and format."""
    return {
        kind: {
            fmt: f"{reverse('territory:figure', args=[territory.nis_code, kind, fmt])}?annee={year}"
            for fmt in FIGURE_FORMATS
        }
        for kind in ("evolution", "pyramide", "carte")
    }


def _map_territory(territory: Territory, working: Territory | None) -> Territory | None:
    """The map shows the communes of the territory itself, or of the working territory around it."""
    if territory.level in (Level.PROVINCE, Level.ARRONDISSEMENT):
        return territory
    if territory.level == Level.COMMUNE:
        province = Territory.objects.filter(nis_code=territory.province_code).first()
        return province or territory.parent
    return None  # the country and the regions: their figures, compared, without a map of other places


def _map_indicator_choices():
    return [
        ("non_belgian_share", _("Share of non-Belgians")),
        ("non_belgian", _("Non-Belgians")),
        ("population", _("Population")),
        ("median_age", _("Median age")),
        ("under_18_share", _("Under 18")),
        ("over_65_share", _("65 and over")),
    ]


def commune_list(request):
    working = queries.working_territory()
    years = queries.structure_years()
    year = _year(request, years)
    if working is None or year is None:
        return _empty(request)
    scope_code = request.GET.get("arrondissement", "")
    arrondissements = list(
        Territory.objects.within(working).filter(level=Level.ARRONDISSEMENT, valid_to=None)
    )
    scope = next((a for a in arrondissements if a.nis_code == scope_code), working)
    base_year = _base_year(request, years, year)
    rows = queries.cached(
        ("communes", scope.nis_code, year, base_year), lambda: queries.communes_of(scope, year, base_year)
    )
    query = fold(request.GET.get("q", ""))
    if query:
        rows = [r for r in rows if query in fold(r.portrait.name) or query in r.portrait.nis]
    table = tables.communes_table(scope, year, base_year, rows)
    sort = request.GET.get("tri", "name")
    keys = {c.key for c in table.columns}
    descending = sort.startswith("-")
    sort_key = sort.lstrip("-") if sort.lstrip("-") in keys else "name"
    table.rows.sort(key=lambda r: (r.get(sort_key) is None, r.get(sort_key) or 0), reverse=descending)
    if descending:  # keep empty values last whichever the direction
        table.rows.sort(key=lambda r: r.get(sort_key) is None)
    export = _export(request, table)
    if export:
        return export
    context = {
        "table": table,
        "working": working,
        "arrondissements": arrondissements,
        "scope": scope,
        "year": year,
        "years": years,
        "base_years": [y for y in years if y < year],
        "base_year": base_year,
        "query": request.GET.get("q", ""),
        "sort": sort,
    }
    template = "territory/_commune_table.html" if request.htmx else "territory/commune_list.html"
    return render(request, template, context)


def compare(request):
    """2 to 8 territories chosen by the reader, side by side: key figures, evolution, pyramids; the
    address is shareable and the figures download as CSV or XLSX."""
    from territory.forms import CompareForm

    years = queries.structure_years()
    year = _year(request, years)
    if year is None:
        return _empty(request)
    form = CompareForm(request.GET if "t" in request.GET else None)
    context = {"form": form, "year": year, "years": years}
    if form.is_valid():
        chosen = form.cleaned_data["t"]
        table = tables.chosen_comparison_table(chosen, year)
        export = _export(request, table)
        if export:
            return export
        series = {t.nis_code: queries.time_series(t) for t in chosen}
        if request.GET.get("figure"):
            return _compare_figure(request, chosen, series, year)
        context.update(
            chosen=chosen,
            table=table,
            chart={
                "series": [
                    {
                        "name": t.name_fr,
                        "years": series[t.nis_code]["years"],
                        "population": series[t.nis_code]["population"],
                    }
                    for t in chosen
                ],
                "pyramids": [{"name": t.name_fr, **queries.pyramid(t, year)} for t in chosen],
            },
            query=request.GET.urlencode(),
            figure_links={
                kind: {
                    fmt: f"?{request.GET.urlencode()}&figure={kind}&format={fmt}" for fmt in FIGURE_FORMATS
                }
                for kind in ("evolution", "pyramides")
            },
        )
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "territory/compare.html", context, status=status)


def _compare_figure(request, chosen, series, year):
    """The comparison's charts as images (`figure=evolution|pyramides`, `format=svg|png`)."""
    kind, fmt = request.GET.get("figure"), request.GET.get("format", "png")
    if fmt not in FIGURE_FORMATS:
        return HttpResponseBadRequest(
            _("Unknown format « %(value)s » (parameter « format »).") % {"value": fmt}
        )
    names = ", ".join(t.name_fr for t in chosen)
    sources = queries.sources_line(s for t in chosen for s in series[t.nis_code]["sources"])
    if kind == "evolution":
        title = _("Evolution of the population (index 100 in the first year): %(names)s") % {"names": names}
        items = [(t.name_fr, queries.with_shares(series[t.nis_code])) for t in chosen]
        spec = charts.compared_lines(items, "index", _("Index (100 in the first year)"), width=640)
    elif kind == "pyramides":
        title = _("Age pyramids, 1 January %(year)s (share of the residents): %(names)s") % {
            "year": year,
            "names": names,
        }
        spec = charts.pyramids(
            [(t.name_fr, queries.pyramid_shares(queries.pyramid(t, year))) for t in chosen]
        )
        summaries = [queries.portrait(t, year) for t in chosen]
        sources = queries.sources_line(p.source for p in summaries if p)
    else:
        return HttpResponseBadRequest(
            _("Unknown figure « %(value)s » (parameter « figure »).") % {"value": kind}
        )
    return _figure_response(charts.titled(spec, title, sources, width=900), title, fmt)


def _export(request, table):
    fmt = request.GET.get("format")
    if fmt == "csv":
        return exports.as_csv(table)
    if fmt == "xlsx":
        return exports.as_xlsx(table)
    return None


TABLE_BUILDERS = {
    "comparaison": lambda t, year, base: tables.comparison_table(t, year),
    "evolution": lambda t, year, base: tables.series_table(t),
    "pyramide": lambda t, year, base: tables.pyramid_table(t, year),
    "communes": lambda t, year, base: tables.communes_table(t, year, base),
    "indicateurs": lambda t, year, base: tables.indicators_table(t),
}


@require_GET
def table_export(request, nis, table, fmt):
    territory = queries.get_territory(nis)
    if table not in TABLE_BUILDERS or fmt not in ("csv", "xlsx"):
        raise Http404(table)
    years = queries.structure_years()
    year = _year(request, years) or _year(request, queries.population_years())
    base_year = _base_year(request, years, year)
    built = TABLE_BUILDERS[table](territory, year, base_year)
    return exports.as_csv(built) if fmt == "csv" else exports.as_xlsx(built)


def _with(feature: dict, extra: dict) -> dict:
    properties = {**feature["properties"], "offers": 0, **extra.get(feature["properties"]["nis"], {})}
    non_belgian = properties.get("non_belgian")
    properties["offers_per_1000_non_belgians"] = (
        round(properties["offers"] / non_belgian * 1000, 2) if non_belgian else None
    )
    return {**feature, "properties": properties}


def _map_payload(request, territory: Territory, year: int | None) -> dict:
    """The communes within a territory with their figures for the year, and what other apps add for
    the user (the network's offers)."""
    payload = queries.cached(
        ("map", territory.nis_code, year), lambda: queries.map_collection(territory, year)
    )
    extra: dict = {}
    for properties in hook_results("panels", "map_properties", request, territory):
        for code, values in properties.items():
            extra.setdefault(code, {}).update(values)
    if extra:
        payload = {**payload, "features": [_with(feature, extra) for feature in payload["features"]]}
    return payload


@require_GET
def map_data(request, nis):
    """GeoJSON of the communes within a territory, each with its figures for the year."""
    territory = queries.get_territory(nis)
    years = queries.structure_years()
    year = _year(request, years) or _year(request, queries.population_years())
    response = JsonResponse(_map_payload(request, territory, year))
    response["Cache-Control"] = "max-age=300"
    return response


FIGURE_FORMATS = {"svg": "image/svg+xml", "png": "image/png"}


@require_GET
def figure(request, nis, kind, fmt):
    """A chart or the map of a territory page as an image (SVG or PNG), drawn on the server from the
    same figures, with its title and source line: what the page's « Télécharger l'image » links give."""
    territory = queries.get_territory(nis)
    if fmt not in FIGURE_FORMATS:
        raise Http404(fmt)
    years = queries.structure_years()
    year = _year(request, years) or _year(request, queries.population_years())
    if year is None:
        raise Http404(_("No figures have been imported yet."))
    if kind == "evolution":
        series = queries.time_series(territory)
        title = _("Population over time, %(territory)s") % {"territory": territory.name_fr}
        spec = charts.evolution(series, width=640)
        source = queries.sources_line(series["sources"])
    elif kind == "pyramide":
        current = queries.portrait(territory, year)
        if not (current and current.has_structure):
            raise Http404(kind)
        title = _("Age pyramid, %(territory)s, 1 January %(year)s") % {
            "territory": territory.name_fr,
            "year": year,
        }
        spec = charts.pyramid(queries.pyramid(territory, year), width=640)
        source = str(current.source or "")
    elif kind == "carte":
        map_territory = _map_territory(territory, queries.working_territory())
        if map_territory is None:
            raise Http404(kind)
        choices = dict(_map_indicator_choices() + hook_results("panels", "map_indicators", request))
        indicator = request.GET.get("indicateur", "non_belgian_share")
        if indicator not in choices:
            return HttpResponseBadRequest(
                _("Unknown indicator « %(value)s » (parameter « indicateur »).") % {"value": indicator}
            )
        payload = _map_payload(request, map_territory, year)
        title = _("%(indicator)s by commune, %(territory)s, 1 January %(year)s") % {
            "indicator": choices[indicator],
            "territory": map_territory.name_fr,
            "year": year,
        }
        highlight = territory.nis_code if territory.level == Level.COMMUNE else None
        spec = charts.choropleth(payload, highlight, width=640, indicator=indicator, label=choices[indicator])
        source = f"{payload['source']}. {payload['boundaries']}"
    else:
        raise Http404(kind)
    return _figure_response(charts.titled(spec, title, source, width=640), title, fmt)


def _figure_response(spec: dict, title: str, fmt: str) -> HttpResponse:
    # Drawn once per specification and kept by territory.charts (a bounded number per process).
    content = charts.svg(spec, decorative=False) if fmt == "svg" else charts.png(spec)
    response = HttpResponse(content, content_type=FIGURE_FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{slugify(title)[:80]}.{fmt}"'
    return response


def import_list(request):
    """The provenance of every figure, for all to read; the upload form, for coordinators only."""
    can_import = can_create(request.user, Import)
    if request.method == "POST" and not can_import:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied(_("Only coordinators import statistics."))
    form = ImportUploadForm(request.POST or None, request.FILES or None) if can_import else None
    refusal, status = None, 200
    if form is not None and request.method == "POST" and not form.is_valid():
        status = 400
    elif form is not None and request.method == "POST":
        try:
            job = import_upload(form.cleaned_data["dataset"], form.cleaned_data["file"], request.user)
        except ImportRefused as error:
            refusal, status = error, 400
        else:  # the import runs in the background: its page shows the progress, then the result
            return redirect(job)
    records = Import.objects.select_related("imported_by", "superseded_by")[:100]
    context = {"form": form, "records": records, "refusal": refusal, "can_import": can_import}
    return render(request, "territory/import_list.html", context, status=status)
