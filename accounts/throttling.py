"""Login throttling: too many recent failures for an e-mail address or a client address lock it out."""

from django.conf import settings

from accounts.models import LoginAttempt

# A client address may fail more often than one account (several people behind one proxy).
IP_FACTOR = 4


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def is_locked_out(email: str, ip: str | None) -> bool:
    limit = settings.LOGIN_MAX_FAILURES
    if email and LoginAttempt.objects.recent_failures(email=email).count() >= limit:
        return True
    return bool(ip) and LoginAttempt.objects.recent_failures(ip=ip).count() >= limit * IP_FACTOR


def record_attempt(email: str, ip: str | None, succeeded: bool) -> None:
    LoginAttempt.objects.create(email=(email or "")[:254].lower(), ip=ip, succeeded=succeeded)
    if succeeded:
        # A successful login forgives the account's earlier failures.
        LoginAttempt.objects.recent_failures(email=email).delete()
