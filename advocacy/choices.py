from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Severity(models.TextChoices):
    CRITICAL = "critical", _("critical")
    HIGH = "high", _("high")
    MEDIUM = "medium", _("medium")
    LOW = "low", _("low")


SEVERITY_ORDER = {Severity.CRITICAL: 0, Severity.HIGH: 1, Severity.MEDIUM: 2, Severity.LOW: 3}


class AlertStatus(models.TextChoices):
    TO_QUALIFY = "to_qualify", _("to qualify")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class AlertTheme(models.TextChoices):
    RIGHTS = "rights", _("access to fundamental rights")
    INTERCULTURALITY = "interculturality", _("societal issue of interculturality")


class AlertSourceKind(models.TextChoices):
    PRESS = "press", _("press article")
    FIELD_REPORT = "field_report", _("field report")
    MEETING = "meeting", _("meeting")
    FINDING = "finding", _("finding")


class ActionKind(models.TextChoices):
    EXPERTISE = "expertise", _("expertise request opened")
    POSITION = "position", _("position written")
    INTERPELLATION = "interpellation", _("interpellation prepared")
    CONCERTATION = "concertation", _("concertation space seized")
    NO_ACTION = "no_action", _("followed without action")


class InterpellationKind(models.TextChoices):
    RECOMMENDATION = "recommendation", _("recommendation")
    INTERPELLATION = "interpellation", _("interpellation")
    POSITION = "position", _("position")
    LETTER = "letter", _("letter")


class Phase(models.TextChoices):
    """The stored step of an interpellation; its state (late, answered…) is derived from it."""

    PREPARATION = "preparation", _("in preparation")
    VALIDATION = "validation", _("in validation")
    SENT = "sent", _("sent")
    NO_FOLLOW_UP = "no_follow_up", _("no follow-up")
    WITHDRAWN = "withdrawn", _("withdrawn")


class State(models.TextChoices):
    """The derived states, as Alaveteli's (app/models/info_request/state.rb)."""

    PREPARATION = "preparation", _("in preparation")
    VALIDATION = "validation", _("in validation")
    WAITING = "waiting", _("sent, awaiting an answer")
    LATE = "late", _("late")
    VERY_LATE = "very_late", _("very late")
    ANSWERED = "answered", pgettext_lazy("interpellation", "answered")
    PARTIALLY_ANSWERED = "partially_answered", _("partially answered")
    NO_FOLLOW_UP = "no_follow_up", _("no follow-up")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    POST = "post", _("post")
    HAND = "hand", _("handed over")
    MEETING = "meeting", _("in a meeting")


class Reading(models.TextChoices):
    SATISFACTORY = "satisfactory", _("satisfactory")
    PARTIAL = "partial", _("partial")
    REFUSAL = "refusal", _("refusal")


class LinkKind(models.TextChoices):
    FINDING = "finding", _("finding")
    RECOMMENDATION = "recommendation", _("recommendation of the plan")
    QUOTATION = "quotation", _("quotation from minutes")
    ALERT = "alert", _("alert")
    EXPERTISE = "expertise", _("expertise answer")


class Consent(models.TextChoices):
    """A carrier's answer when asked to agree to publish a sent interpellation."""

    AGREED = "agreed", _("agreed to publish")
    DECLINED = "declined", _("declined to publish")
