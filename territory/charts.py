"""Charts and maps drawn on the server, with no browser: Vega-Lite specifications rendered by
vl-convert (SVG for the PDF and the downloads, PNG for Word and the downloads). The data come as the
query functions return them (`territory.queries.map_collection`, `time_series`, `with_shares`,
`pyramid`, `pyramid_shares`): no figure is computed here. The colours and the map's classes are the
pages' own (territory/static/territory/map.js, charts.js), so that a document reads like the page."""

import functools
import json
import math
import textwrap

import vl_convert
from django.utils.translation import gettext as _

FONT = "DejaVu Sans"
LOCALE = "fr-FR"  # decimal comma, grouped thousands, as the pages' figures
SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
PALETTE = ["#f1eef6", "#bdc9e1", "#74a9cf", "#2b8cbe", "#045a8d"]  # the page map's five classes
NO_DATA = "#cccccc"
POPULATION_COLOUR = "#0b4f71"
NON_BELGIAN_COLOUR = "#b3461b"
SERIES_COLOURS = ["#0b4f71", "#b3461b", "#2e7d32", "#6a1b9a", "#c49000", "#00838f", "#5d4037", "#ad1457"]
SHARE_INDICATORS = {"non_belgian_share", "under_18_share", "over_65_share"}


def _config() -> dict:
    return {
        "font": FONT,
        "view": {"stroke": None},
        "axis": {"labelFontSize": 10, "titleFontSize": 10},
        "legend": {"labelFontSize": 10, "titleFontSize": 10, "labelLimit": 260},
        "title": {"fontSize": 14, "subtitleFontSize": 10, "anchor": "start", "subtitleColor": "#333333"},
    }


def _spec(width: int, height: int, **parts) -> dict:
    return {"$schema": SCHEMA, "width": width, "height": height, "config": _config(), **parts}


# --- The map ------------------------------------------------------------------------------------


def map_classes(values) -> list:
    """The lower limits of the classes after the first, as the page's map draws them: quintiles; for
    whole numbers (counts) whole limits, and each distinct value its own class when there are few."""
    present = sorted(v for v in values if v is not None)
    if not present:
        return []
    integer = all(float(v).is_integer() for v in present)
    distinct = sorted(set(present))
    if len(distinct) <= len(PALETTE) and integer:
        return distinct[1:]
    limits = [present[math.floor(i * len(present) / len(PALETTE))] for i in range(1, len(PALETTE))]
    if integer:
        limits = [math.ceil(v) for v in limits]
    return [v for v in dict.fromkeys(limits) if v > present[0]]


def _format(indicator: str, value) -> str:
    """As the pages write it (territory/templatetags/figures.py): rounded, never cut."""
    from territory.templatetags.figures import figure

    if indicator in SHARE_INDICATORS:
        return figure(value, "share")
    return figure(int(value), "int") if float(value).is_integer() else figure(value, "float")


def _shade(index: int, classes: int) -> str:
    # Fewer classes than colours: spread over the palette, so that they stay easy to tell apart.
    return PALETTE[round(index * (len(PALETTE) - 1) / (classes - 1)) if classes > 1 else 0]


def map_legend(indicator: str, values) -> list[tuple[str, str, object]]:
    """(label, colour, lower limit) of each class, the page legend's words."""
    present = sorted(v for v in values if v is not None)
    if not present:
        return []
    limits = map_classes(present)
    integer = all(float(v).is_integer() for v in present)
    lower = [present[0], *limits]
    legend = []
    for i, low in enumerate(lower):
        if i < len(limits):
            high = limits[i] - 1 if integer else limits[i]
            label = (
                _format(indicator, low)
                if high == low
                else _("%(low)s – %(high)s")
                % {"low": _format(indicator, low), "high": _format(indicator, high)}
            )
        else:
            label = _("%(value)s and more") % {"value": _format(indicator, low)}
        legend.append((label, _shade(i, len(lower)), low))
    return legend


def choropleth(
    collection: dict,
    highlight: str | None = None,
    width: int = 460,
    indicator: str = "non_belgian_share",
    label: str | None = None,
) -> dict:
    """The communes coloured by an indicator in the page map's classes and colours (a highlighted
    commune drawn thicker), with the classes' legend."""
    values = [f["properties"].get(indicator) for f in collection["features"]]
    legend = map_legend(indicator, values)
    no_data = _("No figure")

    def class_of(value) -> str:
        if value is None:
            return no_data
        chosen = legend[0][0]
        for name, _colour, low in legend:
            if value >= low:
                chosen = name
        return chosen

    features = [
        {**f, "properties": {**f["properties"], "class": class_of(f["properties"].get(indicator))}}
        for f in collection["features"]
    ]
    domain = [name for name, _colour, _low in legend]
    colours = [colour for _name, colour, _low in legend]
    if any(v is None for v in values):
        domain.append(no_data)
        colours.append(NO_DATA)
    spec = _spec(
        width,
        round(width * 0.8),
        data={"values": features, "format": {"type": "json"}},
        projection={"type": "mercator"},
        layer=[
            {
                "mark": {"type": "geoshape", "stroke": "#333333", "strokeWidth": 0.5},
                "encoding": {
                    "color": {
                        "field": "properties.class",
                        "type": "ordinal",
                        "title": label or _("Share of non-Belgians"),
                        "scale": {"domain": domain, "range": colours},
                        "sort": domain,
                        "legend": {"orient": "bottom-left", "symbolType": "square"},
                    },
                },
            }
        ],
    )
    if highlight:
        spec["layer"].append(
            {
                "transform": [{"filter": {"field": "properties.nis", "equal": highlight}}],
                "mark": {"type": "geoshape", "fill": None, "stroke": "#b00020", "strokeWidth": 2.5},
            }
        )
    return spec


# --- Evolution ----------------------------------------------------------------------------------


def evolution(series: dict, width: int = 460) -> dict:
    """Population (left axis) and non-Belgian residents (right axis), year by year: two scales, as on
    the page, so that the smaller line is read at its own scale rather than flat along the bottom."""
    population, non_belgian = _("Population"), _("Non-Belgians")
    rows = [
        {"year": year, "population": p, "non_belgian": nb}
        for year, p, nb in zip(series["years"], series["population"], series["non_belgian"], strict=True)
    ]
    colour = {
        "scale": {"domain": [population, non_belgian], "range": [POPULATION_COLOUR, NON_BELGIAN_COLOUR]},
        "legend": {"orient": "top", "title": None},
    }
    x = {"field": "year", "type": "ordinal", "title": _("Year"), "axis": {"labelAngle": -45}}

    def line(field: str, name: str, orient: str, hue: str) -> dict:
        return {
            "mark": {"type": "line", "point": True},
            "encoding": {
                "x": x,
                "y": {
                    "field": field,
                    "type": "quantitative",
                    "title": name,
                    "axis": {"format": ",d", "orient": orient, "titleColor": hue},
                },
                "color": {"datum": name, **colour},
            },
        }

    layers = [line("population", population, "left", POPULATION_COLOUR)]
    if any(v is not None for v in series["non_belgian"]):
        layers.append(
            {
                "transform": [{"filter": "isValid(datum.non_belgian)"}],
                **line("non_belgian", non_belgian, "right", NON_BELGIAN_COLOUR),
            }
        )
    return _spec(width, 200, data={"values": rows}, layer=layers, resolve={"scale": {"y": "independent"}})


def compared_lines(items: list[tuple[str, dict]], field: str, title: str, width: int = 460) -> dict:
    """One line per territory (name, series with `with_shares`' keys): its share of non-Belgians
    (`non_belgian_share`) or its population as an index (`index`)."""
    rows = [
        {"year": year, "territory": name, "value": value}
        for name, series in items
        for year, value in zip(series["years"], series[field], strict=True)
        if value is not None
    ]
    names = [name for name, _series in items]
    axis = {"format": ".1%"} if field == "non_belgian_share" else {"format": ",d"}
    return _spec(
        width,
        220,
        data={"values": rows},
        mark={"type": "line", "point": True},
        encoding={
            "x": {"field": "year", "type": "ordinal", "title": _("Year"), "axis": {"labelAngle": -45}},
            "y": {
                "field": "value",
                "type": "quantitative",
                "title": title,
                "axis": axis,
                "scale": {"zero": False},
            },
            "color": {
                "field": "territory",
                "type": "nominal",
                "title": None,
                "scale": {"domain": names, "range": SERIES_COLOURS[: len(names)]},
                "legend": {"orient": "top"},
            },
        },
    )


# --- Pyramids -----------------------------------------------------------------------------------


def _pyramid_rows(data: dict) -> list[dict]:
    series = [
        ("men_belgian", _("Men"), _("Belgians"), -1),
        ("men_non_belgian", _("Men"), _("Non-Belgians"), -1),
        ("women_belgian", _("Women"), _("Belgians"), 1),
        ("women_non_belgian", _("Women"), _("Non-Belgians"), 1),
    ]
    return [
        {"band": label, "sex": sex, "nationality": nationality, "count": sign * count}
        for key, sex, nationality, sign in series
        for label, count in zip(data["labels"], data[key], strict=True)
    ]


def _pyramid_encoding(labels: list[str], share: bool, extra_domain: list[str] = ()) -> dict:
    label = "format(abs(datum.value), '.1%')" if share else "format(abs(datum.value), ',d')"
    domain = [_("Belgians"), _("Non-Belgians"), *extra_domain]
    return {
        "y": {"field": "band", "type": "ordinal", "sort": list(reversed(labels)), "title": _("Age")},
        "x": {
            "field": "count",
            "type": "quantitative",
            "title": _("Men (left) and women (right)"),
            "axis": {"labelExpr": label},
        },
        "color": {
            "field": "nationality",
            "type": "nominal",
            "title": None,
            "scale": {"domain": domain, "range": ["#5b8fb0", "#083a54", "#000000"][: len(domain)]},
            "legend": {"orient": "top"},
        },
    }


def pyramid(data: dict, width: int = 460, reference: tuple[str, dict] | None = None) -> dict:
    """Residents by age band, men to the left, women to the right, Belgians and non-Belgians stacked.
    With a reference (its name and `pyramid_shares`), `data` is in shares too and the reference's
    profile is drawn over it as a black mark per band, so that the two read on one scale."""
    rows = _pyramid_rows(data)
    if reference is None:
        return _spec(
            width, 260, data={"values": rows}, mark="bar", encoding=_pyramid_encoding(data["labels"], False)
        )
    name, shares = reference
    profile = [
        {"band": label, "nationality": name, "count": sign * (a + b)}
        for sign, first, second in (
            (-1, "men_belgian", "men_non_belgian"),
            (1, "women_belgian", "women_non_belgian"),
        )
        for label, a, b in zip(shares["labels"], shares[first], shares[second], strict=True)
    ]
    encoding = _pyramid_encoding(data["labels"], True, [name])
    return _spec(
        width,
        260,
        layer=[
            {"data": {"values": rows}, "mark": "bar", "encoding": encoding},
            {
                "data": {"values": profile},
                "mark": {"type": "tick", "orient": "vertical", "thickness": 3, "opacity": 1},
                "encoding": encoding,
            },
        ],
    )


def pyramids(items: list[tuple[str, dict]], width: int = 220) -> dict:
    """One pyramid per territory (name, `pyramid_shares`), side by side on one scale of shares."""
    rows = [{**row, "territory": name} for name, data in items for row in _pyramid_rows(data)]
    labels = items[0][1]["labels"] if items else []
    return {
        "$schema": SCHEMA,
        "config": _config(),
        "data": {"values": rows},
        "facet": {"field": "territory", "type": "nominal", "title": None, "sort": [n for n, _d in items]},
        "columns": 4,
        "spec": {"width": width, "height": 220, "mark": "bar", "encoding": _pyramid_encoding(labels, True)},
    }


# --- Rendering ----------------------------------------------------------------------------------


def titled(spec: dict, title: str, source: str, width: int = 460) -> dict:
    """The figure as it leaves the platform on its own (a download): its title above, its source
    line under the title, wrapped to the figure's width so that nothing is cut."""
    lines = textwrap.wrap(source, max(40, width // 6)) if source else []
    return {**spec, "title": {"text": title, "subtitle": lines, "subtitlePadding": 4, "offset": 12}}


@functools.lru_cache(maxsize=64)
def _svg(spec_json: str) -> str:
    return vl_convert.vegalite_to_svg(json.loads(spec_json), format_locale=LOCALE)


def svg(spec: dict, decorative: bool = True) -> str:
    text = _svg(json.dumps(spec, sort_keys=True, default=str))
    if not decorative:
        return text
    # In a document the chart's title and description are the document's (figure caption, alt text).
    return text.replace("<svg ", '<svg role="img" aria-hidden="true" ', 1)


# A PNG costs up to half a second of CPU (the province's map) and the figure addresses are public:
# each is drawn once per specification (its figures, words and language; an import changes the
# figures) and kept, as the SVGs are, in a bounded number per process (some 300 KB each at most).
@functools.lru_cache(maxsize=32)
def _png(spec_json: str, scale: float) -> bytes:
    return vl_convert.vegalite_to_png(json.loads(spec_json), scale=scale, format_locale=LOCALE)


def png(spec: dict, scale: float = 2) -> bytes:
    return _png(json.dumps(spec, sort_keys=True, default=str), scale)
