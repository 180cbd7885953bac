"""Reads of the outbox for its pages (always through `visible_to`)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db.models import Q, QuerySet

from notifications.choices import MessageState
from notifications.models import Message, Preference


def preferences_of(user) -> dict[str, str]:
    return dict(Preference.objects.visible_to(user).values_list("kind", "choice"))


def my_messages(user) -> QuerySet:
    return Message.objects.mine(user).only(
        "pk", "subject", "kind", "created_at", "sent_at", "digest", "digest_message", "attempts", "dropped"
    )


STATE_FILTERS = {
    MessageState.SENT: Q(sent_at__isnull=False, digest_message__isnull=True),
    MessageState.DIGESTED: Q(sent_at__isnull=False, digest_message__isnull=False),
    MessageState.DIGEST: Q(sent_at=None, digest=True, dropped=False),
    MessageState.WAITING: Q(sent_at=None, digest=False, dropped=False, attempts=0),
}


def state_filter(state: str) -> Q:
    maximum = settings.PLI_NOTIFICATION_MAX_ATTEMPTS
    if state == MessageState.FAILED:
        return Q(sent_at=None, dropped=False, attempts__gt=0, attempts__lt=maximum)
    if state == MessageState.ABANDONED:
        return Q(sent_at=None) & (Q(dropped=True) | Q(attempts__gte=maximum))
    return STATE_FILTERS[state]


def outbox(
    user,
    *,
    kind: str = "",
    state: str = "",
    to: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet:
    """Every message the user may read (a coordinator: all), newest first, filtered."""
    messages = Message.objects.visible_to(user).defer("body", "html_body")
    if kind:
        messages = messages.filter(kind=kind)
    if state:
        messages = messages.filter(state_filter(state))
    if to:
        messages = messages.filter(to_address__icontains=to.strip())
    if since:
        messages = messages.filter(created_at__date__gte=since)
    if until:
        messages = messages.filter(created_at__date__lte=until)
    return messages
