from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Origin(models.TextChoices):
    FIELD = "field", _("request from the field")
    SOCIETAL = "societal", _("societal context")


class State(models.TextChoices):
    RECEIVED = "received", _("received")
    QUALIFIED = "qualified", _("qualified")
    REFUSED = "refused", _("refused")
    REDIRECTED = "redirected", _("redirected")
    SOLICITED = "solicited", _("experts solicited")
    IN_PROGRESS = "in_progress", _("taken on")
    ANSWERED = "answered", _("answered")
    CLOSED = "closed", pgettext_lazy("expertise request", "closed")


# States in which nothing more is expected of the centre or of the experts.
ENDED = {State.REFUSED, State.REDIRECTED, State.CLOSED}
# States of a request that is being dealt with (an expert's "open load" counts them).
OPEN = {State.RECEIVED, State.QUALIFIED, State.SOLICITED, State.IN_PROGRESS, State.ANSWERED}


class EventKind(models.TextChoices):
    RECEIVED = "received", _("received")
    QUALIFIED = "qualified", _("qualified")
    REFUSED = "refused", _("refused")
    REDIRECTED = "redirected", _("redirected")
    SOLICITED = "solicited", _("expert solicited")
    ACCEPTED = "accepted", _("solicitation accepted")
    DECLINED = "declined", _("solicitation declined")
    ANSWERED = "answered", _("answer given")
    CLOSED = "closed", pgettext_lazy("expertise request", "closed")
    REOPENED = "reopened", _("reopened")


class AssignmentStatus(models.TextChoices):
    SOLICITED = "solicited", _("awaiting an answer")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    ANSWERED = "answered", _("answered")
