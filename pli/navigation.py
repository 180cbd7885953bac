"""The areas of the platform shown in the header, in the order of DESIGN.md.

An area appears once its app provides the named URL, so the menu never links to a missing page.
"""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

AREAS = [
    ("territory", _("Territory"), "territory:index"),
    ("diagnostic", _("Findings"), "diagnostic:index"),
    ("plan", _("Plan"), "plan:index"),
    ("network", _("Network"), "network:index"),
    ("expertise", _("Expertise"), "expertise:index"),
    ("advocacy", _("Advocacy"), "advocacy:index"),
    ("reports", _("Documents"), "reports:index"),
]


# What a visitor without an account may read: the published plans, the territories and their index.
PUBLIC_AREAS = [
    ("plan", _("Published plans"), "plan:index"),
    ("territory", _("Territory"), "territory:index"),
    ("territories", _("Index of territories"), "territory:commune_list"),
]


def public_areas() -> list[dict]:
    return _reachable(PUBLIC_AREAS)


def available_areas() -> list[dict]:
    return _reachable(AREAS)


def _reachable(entries) -> list[dict]:
    areas = []
    for key, label, url_name in entries:
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        areas.append({"key": key, "label": label, "url": url})
    return areas
