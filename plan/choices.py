from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PlanKind(models.TextChoices):
    PLI = "pli", _("local integration plan (PLI) of a commune")
    PPLI = "ppli", _("provincial local integration plan (PPLI)")


class PlanStatus(models.TextChoices):
    PREPARATION = "preparation", _("in preparation")
    ADOPTED = "adopted", _("adopted")
    CLOSED = "closed", _("closed")


class RecommendationStatus(models.TextChoices):
    TO_LAUNCH = "to_launch", _("to launch")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", pgettext_lazy("recommendation", "done")
    ABANDONED = "abandoned", _("abandoned")


class PowerLevel(models.TextChoices):
    """The levels of power a recommendation can be addressed to."""

    COMMUNAL = "communal", _("communes")
    PROVINCIAL = "provincial", _("province")
    REGIONAL = "regional", _("Walloon Region")
    COMMUNITY = "community", _("Wallonia-Brussels Federation")
    FEDERAL = "federal", _("federal State")
    EUROPEAN = "european", _("European Union")


class MeansKind(models.TextChoices):
    FINANCIAL = "financial", _("financial")
    HUMAN = "human", _("human")
    LOGISTIC = "logistic", _("logistic")


class ResourceRole(models.TextChoices):
    CARRIER = "carrier", _("carrier")
    PARTNER = "partner", _("partner")
    FUNDER = "funder", _("funder")
    RELAY = "relay", _("relay")
