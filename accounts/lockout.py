"""Who may try to log in, and who may ask for a password-reset e-mail.

The failures are counted by django-axes (AXES_* in the settings): LOGIN_MAX_FAILURES for one e-mail
address from one client address lock that pair out for LOGIN_LOCKOUT_MINUTES. A stranger who knows an
e-mail locks out only their own address with it; its owner, from anywhere else, logs in. On top, one
client address that failed ADDRESS_FACTOR times as often over any e-mails (someone trying many
accounts) is paused too. Client addresses are read through the trusted proxies only (client_ip).
"""

from datetime import timedelta

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from accounts.client_ip import client_ip
from accounts.models import AuditEvent, audit

ADDRESS_FACTOR = 4
RESETS_PER_ADDRESS_FACTOR = 10


def is_locked(request, username: str) -> bool:
    """Whether a login for this e-mail from this request's client address is refused now."""
    if AxesProxyHandler.is_locked(request, {"username": username}):
        return True
    address = client_ip(request)
    if not address:
        return False
    since = timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    failures = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return (failures or 0) >= settings.LOGIN_MAX_FAILURES * ADDRESS_FACTOR


def forgive(email: str) -> None:
    """A password reset proves the mailbox: its owner's failures are forgotten, from every address."""
    AxesProxyHandler.reset_attempts(username=email.strip().lower())


def resets_exhausted(request, email: str) -> bool:
    """Record a request for a password-reset e-mail; True when one more is too many."""
    address = client_ip(request) or ""
    since = timezone.now() - timedelta(hours=1)
    recent = AuditEvent.objects.filter(action="password_reset_requested", at__gte=since)
    limit = settings.PLI_PASSWORD_RESETS_PER_HOUR
    if recent.filter(target=email).count() >= limit or (
        address and recent.filter(details__ip=address).count() >= limit * RESETS_PER_ADDRESS_FACTOR
    ):
        return True
    audit(request.user, "password_reset_requested", target=email, ip=address)
    return False
