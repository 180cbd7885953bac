from django.db import models
from django.utils.translation import gettext_lazy as _


class DiagnosticStatus(models.TextChoices):
    DRAFT = "draft", _("in preparation")
    PUBLISHED = "published", _("published")
    CLOSED = "closed", _("closed")


class SourceKind:
    """Stable codes of the finding source types seeded in the vocabulary (`vocabulary.SourceType`, where their
    labels, order and use are edited). The code relies on two of them: statistics and field findings."""

    DIAGNOSTIC_2016 = "diagnostic_2016"
    ILI = "ili"
    PCS_PST = "pcs_pst"
    STRUCTURES = "structures"
    FIELD = "field"
    STATISTIC = "statistic"


class Lens:
    """Stable codes of the five lenses of the PPLI 2.0 seeded in the vocabulary (`vocabulary.ReviewLens`,
    where their labels, order and use are edited; a campaign offers the lenses in use there)."""

    DIAGNOSTIC_2016 = "diagnostic_2016"
    ILI = "ili"
    PCS_PST = "pcs_pst"
    STRUCTURES = "structures"
    FIELD = "field"
    values = [DIAGNOSTIC_2016, ILI, PCS_PST, STRUCTURES, FIELD]


class FindingStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_FORCE = "in_force", _("in force")
    CONFIRMED = "confirmed", _("confirmed")
    NUANCED = "nuanced", _("nuanced")
    OBSOLETE = "obsolete", _("obsolete")
    REPLACED = "replaced", _("replaced")


# The statuses of a finding that holds today: the register's "in force" filter and the home's count.
CURRENT_STATUSES = ("in_force", "confirmed", "nuanced")
CURRENT_FILTER = "en_vigueur"


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
