"""Readable names for the keys of the tidy indicators that are expected to be common."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "nationality": _("Residents by nationality"),
    "reception_places": _("Reception places"),
    "asylum_seekers": _("Applicants for international protection"),
    "job_seekers": _("Job seekers"),
    "newcomers": _("Newcomers"),
    "integration_pathway": _("People in the integration pathway"),
    "pcs_presence": _("Social cohesion plan (PCS)"),
    "naturalisations": _("Acquisitions of Belgian nationality"),
}


def indicator_label(key: str) -> str:
    return str(LABELS.get(key, key.replace("_", " ").replace("-", " ").capitalize()))
