"""The outbox: every message the platform sends is a row first (recipient, kind, the French subject and
body as rendered, the object it is about, attachments), sent after the transaction that made it
commits and retried on failure; and each user's choice, per kind of message, of how to receive it."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications.choices import Delivery, MessageState
from notifications.permissions import MessageQuerySet, PreferenceQuerySet


class Message(models.Model):
    """One message to one person, as it was (or will be) sent."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
        verbose_name=_("recipient"),
    )
    to_address = models.EmailField(_("sent to"))
    kind = models.CharField(_("kind of message"), max_length=100, db_index=True)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML text"), blank=True)
    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("kind of object"),
    )
    object_id = models.CharField(_("object key"), max_length=64, blank=True)
    object_repr = models.CharField(_("about"), max_length=254, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    # What the message is about, for a reminder or a digest that must go once: (kind, object, period).
    key = models.CharField(_("key"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    digest = models.BooleanField(_("waits for the daily digest"), default=False)
    digest_message = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="digest_items",
        verbose_name=_("sent in the digest"),
    )
    dropped = models.BooleanField(_("dropped"), default=False)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["sent_at", "digest"], name="message_due"),
            models.Index(fields=["content_type", "object_id"], name="message_object"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "key"],
                condition=~models.Q(key=""),
                name="message_once_per_key",
            )
        ]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("notifications:message_detail", args=[self.pk])

    @property
    def kind_label(self) -> str:
        from notifications.kinds import registry

        kind = registry().get(self.kind)
        return str(kind.label) if kind else self.kind

    @property
    def confidential(self) -> bool:
        """Its text holds a secret (a password-reset link): shown on no page, wiped once sent."""
        from notifications.kinds import registry

        kind = registry().get(self.kind)
        return bool(kind and kind.confidential)

    @property
    def state(self) -> str:
        if self.sent_at is not None:
            return MessageState.DIGESTED if self.digest_message_id else MessageState.SENT
        if self.dropped or self.attempts >= settings.PLI_NOTIFICATION_MAX_ATTEMPTS:
            return MessageState.ABANDONED
        if self.attempts:
            return MessageState.FAILED
        return MessageState.DIGEST if self.digest else MessageState.WAITING

    def get_state_display(self) -> str:
        return str(MessageState(self.state).label)

    @property
    def can_retry(self) -> bool:
        return self.sent_at is None and not self.digest and not self.dropped and self.attempts > 0

    def backoff(self) -> timedelta:
        """The wait before the next attempt after `attempts` failures: doubling from the base delay."""
        minutes = settings.PLI_NOTIFICATION_RETRY_MINUTES * 2 ** max(self.attempts - 1, 0)
        return timedelta(minutes=minutes)


class Attachment(models.Model):
    """A file sent with a message (a meeting's .ics), stored with it so that a retry sends the same."""

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("message")
    )
    name = models.CharField(_("file name"), max_length=200)
    mimetype = models.CharField(_("content type"), max_length=100)
    content = models.BinaryField(_("content"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self):
        return self.name


class Preference(models.Model):
    """A user's choice for one kind of message; without a row, the kind's default applies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind of message"), max_length=100)
    choice = models.CharField(_("delivery"), max_length=20, choices=Delivery.choices)

    objects = PreferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        ordering = ["user", "kind"]
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="preference_once_per_kind")]

    def __str__(self):
        return f"{self.user} · {self.kind}: {self.get_choice_display()}"

    def get_absolute_url(self):
        return reverse("notifications:index")
