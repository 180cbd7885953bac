"""The outbox's own kinds of message (see notifications/kinds.py) and its reminders: the daily digest;
and the messages about the user's own account, which cannot be refused: the warning that one of their
API tokens is about to expire, and the password-reset link (handed over by the account app through
`accounts.signals.password_reset_link`, since `accounts` knows no other app)."""

from datetime import datetime, timedelta

from django.utils.translation import gettext_lazy as _

from notifications.kinds import Kind

DIGEST = "notifications.digest"
TOKEN_EXPIRING = "accounts.token_expiring"
PASSWORD_RESET = "accounts.password_reset"
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
    Kind(
        code=PASSWORD_RESET,
        label=_("A new password"),
        template="notifications/messages/password_reset",
        refusable=False,
        confidential=True,
        description=_("When you ask for a new password: the link to choose it."),
    ),
]


def send_password_reset(sender, *, user, path: str, **kwargs) -> list:
    """The password-reset link asked for on the login page, through the outbox like every message: one
    row (rendered in French, recorded), sent after the commit by the same path as the others. The link
    starts with PLI_BASE_URL, never with the host the request named."""
    from notifications.services import absolute_url, notify

    return notify(user, PASSWORD_RESET, None, context={"link": absolute_url(path)})


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
