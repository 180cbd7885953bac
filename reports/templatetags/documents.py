import base64

from django import template

from reports.typography import french

register = template.Library()


@register.filter(name="french")
def french_filter(value):
    return french(value)


@register.filter
def svg_data(svg: str) -> str:
    """An SVG as a data address for an <img>, whose alt text the tagged PDF keeps."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
