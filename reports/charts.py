"""Charts and maps drawn on the server, with no browser: Vega-Lite specifications rendered by
vl-convert (SVG for the PDF, PNG for Word). The data come as the query functions return them
(`territory.queries.map_collection`, `time_series`, `pyramid`): no figure is computed here."""

import functools

import vl_convert
from django.utils.translation import gettext as _

FONT = "DejaVu Sans"
LOCALE = "fr-FR"  # decimal comma, grouped thousands, as the pages' figures


def _config() -> dict:
    return {
        "font": FONT,
        "view": {"stroke": None},
        "axis": {"labelFontSize": 10, "titleFontSize": 10},
        "legend": {"labelFontSize": 10, "titleFontSize": 10},
    }


def choropleth(collection: dict, highlight: str | None = None, width: int = 460) -> dict:
    """The communes coloured by their share of non-Belgians (a highlighted commune drawn thicker)."""
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": width,
        "height": round(width * 0.8),
        "config": _config(),
        "data": {"values": collection["features"], "format": {"type": "json"}},
        "projection": {"type": "mercator"},
        "layer": [
            {
                "mark": {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.5},
                "encoding": {
                    "color": {
                        "field": "properties.non_belgian_share",
                        "type": "quantitative",
                        "title": _("Share of non-Belgians"),
                        "scale": {"scheme": "blues"},
                        "legend": {"format": ".0%", "orient": "bottom-left"},
                    },
                },
            }
        ],
    }
    if highlight:
        spec["layer"].append(
            {
                "transform": [{"filter": {"field": "properties.nis", "equal": highlight}}],
                "mark": {"type": "geoshape", "fill": None, "stroke": "#b00020", "strokeWidth": 2.5},
            }
        )
    return spec


def evolution(series: dict, width: int = 460) -> dict:
    """Population and non-Belgian residents, year by year (two lines)."""
    rows = []
    for year, population, non_belgian in zip(
        series["years"], series["population"], series["non_belgian"], strict=True
    ):
        rows.append({"year": year, "what": _("Population"), "value": population})
        if non_belgian is not None:
            rows.append({"year": year, "what": _("Non-Belgians"), "value": non_belgian})
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": width,
        "height": 200,
        "config": _config(),
        "data": {"values": rows},
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {"field": "year", "type": "ordinal", "title": _("Year"), "axis": {"labelAngle": -45}},
            "y": {
                "field": "value",
                "type": "quantitative",
                "title": _("Residents"),
                "axis": {"format": ",d"},
            },
            "color": {"field": "what", "type": "nominal", "title": None, "legend": {"orient": "top"}},
        },
    }


def pyramid(data: dict, width: int = 460) -> dict:
    """Residents by age band, men to the left, women to the right, Belgians and non-Belgians stacked."""
    rows = []
    series = [
        ("men_belgian", _("Men"), _("Belgians"), -1),
        ("men_non_belgian", _("Men"), _("Non-Belgians"), -1),
        ("women_belgian", _("Women"), _("Belgians"), 1),
        ("women_non_belgian", _("Women"), _("Non-Belgians"), 1),
    ]
    for key, sex, nationality, sign in series:
        for label, count in zip(data["labels"], data[key], strict=True):
            rows.append({"band": label, "sex": sex, "nationality": nationality, "count": sign * count})
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": width,
        "height": 260,
        "config": _config(),
        "data": {"values": rows},
        "mark": "bar",
        "encoding": {
            "y": {
                "field": "band",
                "type": "ordinal",
                "sort": list(reversed(data["labels"])),
                "title": _("Age"),
            },
            "x": {
                "field": "count",
                "type": "quantitative",
                "title": _("Men (left) and women (right)"),
                "axis": {"labelExpr": "format(abs(datum.value), ',d')"},
            },
            "color": {"field": "nationality", "type": "nominal", "title": None, "legend": {"orient": "top"}},
        },
    }


@functools.lru_cache(maxsize=64)
def _svg(spec_json: str) -> str:
    import json

    return vl_convert.vegalite_to_svg(json.loads(spec_json), format_locale=LOCALE)


def svg(spec: dict) -> str:
    import json

    text = _svg(json.dumps(spec, sort_keys=True, default=str))
    # The chart's own title and description are given by the document (figure caption, alt text).
    return text.replace("<svg ", '<svg role="img" aria-hidden="true" ', 1)


def png(spec: dict, scale: float = 2) -> bytes:
    return vl_convert.vegalite_to_png(spec, scale=scale, format_locale=LOCALE)
