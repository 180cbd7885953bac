"""CSV and XLSX lists of the network, for coordinators (the same filters as the page)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from pli.access import is_coordinator
from pli.exports import Column, Table, as_csv, as_xlsx


def _organisations(queryset) -> Table:
    return Table(
        key="organisations",
        title=_("Organisations of the network"),
        columns=[
            Column("name", _("Name")),
            Column("type", _("Type")),
            Column("sector", _("Sector")),
            Column("commune", _("Commune")),
            Column("nis", _("NIS code")),
            Column("partner", _("Partner")),
            Column("partner_since", _("Partner since")),
            Column("agreement", _("Convention or approval")),
            Column("email", _("E-mail address")),
            Column("phone", _("Phone")),
            Column("website", _("Web site")),
        ],
        rows=[
            {
                "name": o.name,
                "type": str(o.type),
                "sector": o.get_sector_display(),
                "commune": o.commune.name_fr,
                "nis": o.commune.nis_code,
                "partner": _("yes") if o.is_partner else _("no"),
                "partner_since": o.partner_since.isoformat() if o.partner_since else "",
                "agreement": o.agreement,
                "email": o.email,
                "phone": o.phone,
                "website": o.website,
            }
            for o in queryset
        ],
    )


def _people(queryset) -> Table:
    return Table(
        key="personnes",
        title=_("People of the network"),
        columns=[
            Column("name", _("Name")),
            Column("organisation", _("Organisation")),
            Column("function", _("Function")),
            Column("email", _("E-mail address")),
            Column("phone", _("Phone")),
            Column("languages", _("Languages spoken")),
            Column("expertise", _("Expertise areas")),
            Column("consent", _("Consent to be listed")),
        ],
        rows=[
            {
                "name": p.full_name,
                "organisation": str(p.organisation or ""),
                "function": p.function,
                "email": p.email,
                "phone": p.phone,
                "languages": ", ".join([*p.language_names, p.languages] if p.languages else p.language_names),
                "expertise": ", ".join(str(a) for a in p.expertise.all()),
                "consent": p.get_consent_scope_display(),
            }
            for p in queryset
        ],
    )


def _offers(queryset) -> Table:
    return Table(
        key="offres",
        title=_("Offers of the network"),
        columns=[
            Column("type", _("Type")),
            Column("organisation", _("Organisation")),
            Column("commune", _("Commune")),
            Column("publics", _("Publics")),
            Column("capacity", _("Capacity"), "int"),
            Column("unit", _("Unit")),
            Column("starts_on", _("From")),
            Column("ends_on", _("Until")),
            Column("description", _("Description")),
        ],
        rows=[
            {
                "type": str(o.type),
                "organisation": o.organisation.name,
                "commune": o.commune.name_fr,
                "publics": ", ".join(str(p) for p in o.publics.all()),
                "capacity": o.capacity,
                "unit": o.get_capacity_unit_display(),
                "starts_on": o.starts_on.isoformat() if o.starts_on else "",
                "ends_on": o.ends_on.isoformat() if o.ends_on else "",
                "description": o.description,
            }
            for o in queryset
        ],
    )


BUILDERS = {"organisations": _organisations, "people": _people, "offers": _offers}


def may_export(user) -> bool:
    """The network's lists download for coordinators (they hold contact details of the whole network)."""
    return is_coordinator(user)


def response_for(request, kind: str, queryset):
    """The CSV or XLSX download asked by ?format=, for coordinators; None when no format is asked."""
    fmt = request.GET.get("format")
    if fmt not in ("csv", "xlsx"):
        return None
    if not may_export(request.user):
        raise PermissionDenied
    table = BUILDERS[kind](queryset)
    return as_csv(table) if fmt == "csv" else as_xlsx(table)
