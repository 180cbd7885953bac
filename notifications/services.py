"""The one way to send a message: `notify()` makes the rows inside the caller's transaction, after
checking that each recipient may read the object and honouring their preference; `send_due()` (run by
`pli remind`) sends what is due, retries failures with a growing delay and sends the daily digests.

Apps call `notify()` from their services and know nothing of how the messages go out; tests read the
outbox (`Message` rows, `django.core.mail.outbox`) instead of mocking mail.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, models, transaction
from django.template import Context, Engine, TemplateDoesNotExist
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts import audit
from notifications.choices import Delivery
from notifications.kinds import Kind, get_kind
from notifications.models import Attachment, Message, Preference
from notifications.notifications import DIGEST
from pli.access import can_view, require, rules

if TYPE_CHECKING:
    from django.db.models import Model

logger = logging.getLogger(__name__)
# Set while `remind()` writes reminders and digests: `send_due` sends them right after, so that one run
# reports what it sent.
_send_due_after: contextvars.ContextVar[bool] = contextvars.ContextVar("send_due_after", default=False)


@dataclass(frozen=True)
class File:
    """A file to attach: its name, its content type and its bytes (e.g. a meeting's .ics)."""

    name: str
    mimetype: str
    content: bytes


def absolute_url(path: str) -> str:
    """A link to a page of the platform, for a message read outside it (the page asks for a login)."""
    return settings.PLI_BASE_URL.rstrip("/") + path if path else ""


def object_url(obj: Model | None) -> str:
    getter = getattr(obj, "get_absolute_url", None)
    return absolute_url(getter()) if getter else ""


def may_read(user, obj: Model | None) -> bool:
    """Whether the user may read the object, by the object's own rule (`visible_to`)."""
    if obj is None:
        return True
    return can_view(user, obj)


def delivery_for(users: Sequence, kind: Kind) -> dict[int, str]:
    """Each user's delivery for the kind: their preference, else the kind's default. A kind that cannot
    be refused (the user's own account, the digest itself) always goes as its default says."""
    if not kind.refusable:
        return {user.pk: kind.default for user in users}
    chosen = dict(
        Preference.objects.filter(user__in=[u.pk for u in users], kind=kind.code).values_list(
            "user_id", "choice"
        )
    )
    deliveries = {}
    for user in users:
        deliveries[user.pk] = chosen.get(user.pk, kind.default)
    return deliveries


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()[:255]


def _render_text(name: str, context: dict) -> str:
    """A text template rendered without HTML escaping: "d'une réfugiée", not "d&#x27;une réfugiée",
    in a subject or a plain-text body (the HTML body stays escaped)."""
    return Engine.get_default().get_template(name).render(Context(context, autoescape=False))


def render(kind: Kind, context: dict) -> tuple[str, str, str]:
    """The subject (one line), the text and the optional HTML of a message, in the platform's language."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _one_line(_render_text(f"{kind.template}_subject.txt", context))
        body = _render_text(f"{kind.template}_body.txt", context).strip() + "\n"
        html: str = ""
        with contextlib.suppress(TemplateDoesNotExist):
            html = render_to_string(f"{kind.template}_body.html", context)
    return subject, body, html


def _recipients(recipients) -> list:
    """The users to write to: each once, active, with an address."""
    if recipients is None:
        return []
    if hasattr(recipients, "pk"):
        recipients = [recipients]
    seen, users = set(), []
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active or not user.email:
            continue
        seen.add(user.pk)
        users.append(user)
    return users


def notify(
    recipients,
    kind: str,
    obj: Model | None,
    *,
    context: dict | None = None,
    attachments: Iterable[File] = (),
    by=None,
    key: str = "",
) -> list[Message]:
    """Put one message per recipient who may read `obj` in the outbox, as their preference says: never →
    nothing; daily digest → kept for the digest; at once → sent when the current transaction commits.

    `recipients` is a user or an iterable of users; `key` (e.g. "2026-12-06") makes the message go once
    per (recipient, kind, object, key): a reminder run twice writes nothing the second time. Returns the
    messages written. The call is one audit entry on the object."""
    the_kind = get_kind(kind)
    users = [user for user in _recipients(recipients) if may_read(user, obj)]
    if not users:
        return []
    deliveries = delivery_for(users, the_kind)
    content_type = ContentType.objects.get_for_model(type(obj)) if obj is not None else None
    object_id = str(obj.pk) if obj is not None else ""
    full_key = f"{object_id}:{key}" if key else ""
    if full_key:
        already = set(
            Message.objects.filter(
                recipient__in=[u.pk for u in users], kind=the_kind.code, key=full_key
            ).values_list("recipient_id", flat=True)
        )
        users = [user for user in users if user.pk not in already]
    url = object_url(obj)
    files = list(attachments)
    messages = []
    with transaction.atomic():
        for user in users:
            delivery = deliveries[user.pk]
            if delivery == Delivery.NEVER:
                continue
            subject, body, html = render(
                the_kind, {**(context or {}), "object": obj, "recipient": user, "url": url}
            )
            message = Message(
                recipient=user,
                to_address=user.email,
                kind=the_kind.code,
                subject=subject,
                body=body,
                html_body=html,
                content_type=content_type,
                object_id=object_id,
                object_repr=str(obj)[:254] if obj is not None else "",
                url=url[:500],
                key=full_key,
                digest=delivery == Delivery.DIGEST,
            )
            try:
                with transaction.atomic():
                    message.save()
            except IntegrityError:  # the same reminder written meanwhile by another run
                continue
            Attachment.objects.bulk_create(
                Attachment(message=message, name=f.name, mimetype=f.mimetype, content=f.content)
                for f in files
            )
            messages.append(message)
        if messages:
            audit.record(
                by,
                "notify",
                obj,
                changes={},
                target=the_kind.code,
                details={"kind": the_kind.code, "messages": [m.pk for m in messages]},
            )
    immediate = [m.pk for m in messages if not m.digest]
    if immediate and not _send_due_after.get():
        transaction.on_commit(lambda: send_messages(Message.objects.filter(pk__in=immediate)))
    return messages


# Sending


def _email(message: Message) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to_address],
    )
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    for attachment in message.attachments.all():
        email.attach(attachment.name, bytes(attachment.content), attachment.mimetype)
    return email


def _claim(message: Message, now: datetime) -> bool:
    """Take the message for this run (another `pli remind` running at once then skips it)."""
    lease = now + timedelta(minutes=settings.PLI_NOTIFICATION_RETRY_MINUTES)
    taken = Message.objects.filter(pk=message.pk, sent_at=None, attempts=message.attempts).update(
        attempts=models.F("attempts") + 1, next_attempt_at=lease
    )
    if taken:
        message.attempts += 1
    return bool(taken)


def send_message(message: Message, *, now: datetime | None = None, connection=None) -> bool:
    """Send one message now through Django's e-mail backend; on failure, record the error and when to
    try again. Returns whether it went."""
    now = now or timezone.now()
    if message.sent_at is not None or not _claim(message, now):
        return False
    try:
        email = _email(message)
        email.connection = connection
        email.send()
    except Exception as error:  # every backend failure (SMTP, socket, bad address) is recorded, not raised
        logger.warning("Message %s to %s not sent: %s", message.pk, message.to_address, error)
        message.last_error = f"{type(error).__name__}: {error}"[:2000]
        message.next_attempt_at = now + message.backoff()
        Message.objects.filter(pk=message.pk).update(
            last_error=message.last_error, next_attempt_at=message.next_attempt_at
        )
        return False
    message.sent_at, message.last_error, message.next_attempt_at = now, "", None
    sent: dict = {"sent_at": now, "last_error": "", "next_attempt_at": None}
    if message.confidential:  # the secret went to its owner: it is kept nowhere else
        with translation.override(settings.LANGUAGE_CODE):
            message.body = gettext("(Text wiped once sent: it held a personal link.)") + "\n"
        message.html_body = ""
        sent.update(body=message.body, html_body="")
    Message.objects.filter(pk=message.pk).update(**sent)
    return True


class _Unreachable(BaseEmailBackend):
    """The mail server that could not be reached: each message sent through it fails with that error,
    recorded on the message with its next attempt (send_message), without trying to connect again."""

    def __init__(self, error: Exception):
        super().__init__(fail_silently=False)
        self.error = error

    def send_messages(self, email_messages):
        raise self.error


def send_messages(messages: Iterable[Message], *, now: datetime | None = None) -> int:
    """Send these messages over one connection; returns how many went. A mail server that cannot be
    reached (refused, unknown host, timeout) fails each message for its next attempt, never the caller:
    `pli remind`, a request whose write notified someone."""
    now = now or timezone.now()
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except Exception as error:  # every way of not reaching the server (socket, DNS, SMTP, TLS)
        logger.warning("The mail server could not be reached: %s", error)
        connection = _Unreachable(error)
    sent = 0
    try:
        for message in messages:
            sent += send_message(message, now=now, connection=connection)
    finally:
        connection.close()
    return sent


def retry(message: Message, *, by) -> bool:
    """A coordinator sends a failed (or abandoned) message again, now."""
    require(by, lambda: Message.objects.editable_by(by).filter(pk=message.pk).exists())
    if not message.can_retry:
        return False
    audit.record(by, "retry", message, changes={}, details={"attempts": message.attempts})
    return send_messages([message]) == 1


def due(now: datetime) -> models.QuerySet:
    """Messages to send at once that have not gone: never tried, or failed and waited long enough."""
    return (
        Message.objects.filter(
            sent_at=None, digest=False, dropped=False, attempts__lt=settings.PLI_NOTIFICATION_MAX_ATTEMPTS
        )
        .filter(models.Q(next_attempt_at=None) | models.Q(next_attempt_at__lte=now))
        .order_by("pk")
    )


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    digests: int = 0
    reminders: int = 0
    problems: list[str] = field(default_factory=list)


def _digest_day(now: datetime) -> str:
    return timezone.localtime(now).date().isoformat()


def _still_visible(items: list[Message], user) -> tuple[list[Message], list[Message]]:
    """The waiting items the user may still read (rights change in a day), and the others."""
    keep: list[Message] = []
    drop: list[Message] = []
    for item in items:
        model = item.content_type.model_class() if item.content_type is not None else None
        if model is None or not item.object_id:
            keep.append(item)
            continue
        visible = rules(model).visible_to(user).filter(pk=item.object_id).exists()
        (keep if visible else drop).append(item)
    return keep, drop


def build_digests(now: datetime) -> list[Message]:
    """One digest per user with waiting items, once a day from PLI_DIGEST_HOUR (local time)."""
    local = timezone.localtime(now)
    if local.hour < settings.PLI_DIGEST_HOUR:
        return []
    waiting = (
        Message.objects.filter(digest=True, sent_at=None, dropped=False, created_at__lte=now)
        .select_related("recipient", "content_type")
        .order_by("recipient_id", "created_at", "pk")
    )
    by_user: dict[int, list[Message]] = {}
    for item in waiting:
        if item.recipient_id is not None:
            by_user.setdefault(item.recipient_id, []).append(item)
    digests = []
    preferences_url = absolute_url(reverse("notifications:index") + "#preferences")
    for items in by_user.values():
        user = items[0].recipient
        keep, drop = _still_visible(items, user)
        if drop:
            Message.objects.filter(pk__in=[m.pk for m in drop]).update(dropped=True)
        if not keep or user is None or not user.is_active:
            continue
        with transaction.atomic():
            digest = notify(
                user,
                DIGEST,
                None,
                context={"items": keep, "day": local.date(), "preferences_url": preferences_url},
                key=_digest_day(now),
            )
            if digest:
                Message.objects.filter(pk__in=[m.pk for m in keep]).update(
                    sent_at=now, digest_message=digest[0]
                )
                digests.extend(digest)
    return digests


def send_due(now: datetime | None = None) -> SendReport:
    """Send what is due: the messages to send at once (retrying failures after their delay, at most
    PLI_NOTIFICATION_MAX_ATTEMPTS times) and the daily digests. Running it again sends nothing new."""
    now = now or timezone.now()
    report = SendReport()
    token = _send_due_after.set(True)
    try:
        report.digests = len(build_digests(now))
    finally:
        _send_due_after.reset(token)
    messages = list(due(now))
    report.sent = send_messages(messages, now=now)
    report.failed = len(messages) - report.sent
    return report


def save_preferences(user, choices: dict[str, str], *, by) -> list[str]:
    """Store the user's delivery per kind (only for kinds they may refuse); one audit entry listing the
    kinds whose choice changed. Returns those kinds' codes."""
    from notifications.kinds import registry

    require(by, lambda: by.pk == user.pk, "")
    kinds = registry()
    current = dict(Preference.objects.filter(user=user).values_list("kind", "choice"))
    changes = {}
    with transaction.atomic():
        for code, choice in choices.items():
            kind = kinds.get(code)
            if kind is None or not kind.refusable or choice not in Delivery.values:
                raise ValueError(f"No choice {choice!r} for the kind of message {code!r}.")
            before = current.get(code, kind.default)
            if before == choice:
                continue
            Preference.objects.update_or_create(user=user, kind=code, defaults={"choice": choice})
            changes[str(kind.label)] = [str(Delivery(before).label), str(Delivery(choice).label)]
        if changes:
            from django.contrib.auth import get_user_model

            owner = get_user_model().objects.get(pk=user.pk)  # the account itself, not the request's proxy
            audit.record(by, "update", owner, changes=changes, target="notification preferences")
    return list(changes)


def remind(now: datetime | None = None) -> SendReport:
    """What `pli remind` does: every app's reminders that are due (`reminders(now)` in its
    `notifications.py`, each keyed so that it is written once), then `send_due`."""
    from pli.app_hooks import hook_results

    now = now or timezone.now()
    token = _send_due_after.set(True)
    try:
        with transaction.atomic():
            written = hook_results("notifications", "reminders", now)
        report = send_due(now)
    finally:
        _send_due_after.reset(token)
    report.reminders = len(written)
    return report


def forget(account, texts: list[str]) -> int:
    """A person is erased (network.services.erase_person): the messages sent to their account go, and
    their name and e-mail are taken out of every other message. Returns how many messages changed."""
    changed = 0
    if account is not None:
        theirs = Message.objects.filter(recipient=account)
        changed = theirs.count()
        theirs.delete()
    words = [text for text in texts if text and len(text) > 2]
    if not words:
        return changed
    mentions = models.Q()
    for word in words:
        mentions |= models.Q(subject__contains=word) | models.Q(body__contains=word)
        mentions |= models.Q(html_body__contains=word) | models.Q(to_address=word)
    for message in Message.objects.filter(mentions):
        for field_name in ("subject", "body", "html_body"):
            value = getattr(message, field_name)
            for word in words:
                value = value.replace(word, audit.ERASED)
            setattr(message, field_name, value)
        if message.to_address in words:
            message.to_address = ""
        message.save(update_fields=["subject", "body", "html_body", "to_address"])
        changed += 1
    return changed
