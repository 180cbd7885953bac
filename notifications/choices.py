from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    """How a user wants to receive one kind of message."""

    IMMEDIATE = "immediate", _("at once")
    DIGEST = "digest", _("in the daily digest")
    NEVER = "never", _("never")


class MessageState(models.TextChoices):
    """Derived from the message's dates and attempts (see Message.state); used by the outbox filter."""

    WAITING = "waiting", _("waiting")
    DIGEST = "digest", _("waiting for the digest")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
    ABANDONED = "abandoned", _("abandoned")
    DIGESTED = "digested", _("sent in a digest")
