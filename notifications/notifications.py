"""The outbox's own kinds of message (see notifications/kinds.py) and its reminders: the daily digest,
and the warning that one of the user's API tokens is about to expire (a message about their own account,
which cannot be refused)."""

from datetime import datetime, timedelta

from django.utils.translation import gettext_lazy as _

from notifications.kinds import Kind

DIGEST = "notifications.digest"
TOKEN_EXPIRING = "accounts.token_expiring"
TOKEN_WARNING_DAYS = 7

KINDS = [
    Kind(
        code=DIGEST,
        label=_("Daily digest"),
        template="notifications/messages/digest",
        refusable=False,
        description=_("The messages you chose to receive once a day, gathered in one e-mail."),
    ),
    Kind(
        code=TOKEN_EXPIRING,
        label=_("An API token of yours expires soon"),
        template="notifications/messages/token_expiring",
        refusable=False,
        description=_("A week before one of your personal API tokens expires."),
    ),
]


def reminders(now: datetime) -> list:
    """Warn the owners of API tokens that expire within a week (once per token and expiry date)."""
    from accounts.models import ApiToken
    from notifications.services import notify

    messages = []
    expiring = ApiToken.objects.active().filter(expires_at__lte=now + timedelta(days=TOKEN_WARNING_DAYS))
    for token in expiring.select_related("user"):
        messages += notify(
            token.user,
            TOKEN_EXPIRING,
            token,
            context={"token": token},
            key=token.expires_at.date().isoformat(),
        )
    return messages
