from django.db import models
from django.utils.translation import gettext_lazy as _


class DiagnosticStatus(models.TextChoices):
    DRAFT = "draft", _("in preparation")
    PUBLISHED = "published", _("published")
    CLOSED = "closed", _("closed")


class SourceKind(models.TextChoices):
    """Where a finding comes from (the five lenses of the PPLI 2.0, and statistics)."""

    DIAGNOSTIC_2016 = "diagnostic_2016", _("2016-2017 diagnostic")
    ILI = "ili", _("accompanying the ILI")
    PCS_PST = "pcs_pst", _("PCS / PST of a commune")
    STRUCTURES = "structures", _("CADA, MENA and ILA structures")
    FIELD = "field", _("field finding")
    STATISTIC = "statistic", _("statistic")


class Lens(models.TextChoices):
    """The five lenses through which the PPLI 2.0 re-examines the findings."""

    DIAGNOSTIC_2016 = "diagnostic_2016", _("validity of the 2016-2017 diagnostic")
    ILI = "ili", _("the decree's mission of accompanying the ILI")
    PCS_PST = "pcs_pst", _("the communes' PCS and PST")
    STRUCTURES = "structures", _("the specific structures (CADA, MENA, ILA)")
    FIELD = "field", _("field findings")


class FindingStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_FORCE = "in_force", _("in force")
    CONFIRMED = "confirmed", _("confirmed")
    NUANCED = "nuanced", _("nuanced")
    OBSOLETE = "obsolete", _("obsolete")
    REPLACED = "replaced", _("replaced")


class Verdict(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    NUANCED = "nuanced", _("nuanced (new wording)")
    OBSOLETE = "obsolete", _("obsolete")
    REPLACED = "replaced", _("replaced by another finding")


class CampaignStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


# Statistics a finding can cite as evidence, read from the territory app's figures.
EVIDENCE_INDICATORS = {
    "population": _("population"),
    "non_belgian": _("non-Belgian residents"),
    "non_belgian_share": _("share of non-Belgians"),
    "under_18_share": _("share of under-18s"),
    "over_65_share": _("share of people aged 65 and over"),
    "median_age": _("median age"),
}
SHARE_INDICATORS = {"non_belgian_share", "under_18_share", "over_65_share"}
