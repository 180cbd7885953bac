"""Two-factor authentication by TOTP (authenticator app) with single-use backup codes (django-otp)."""

import segno
from django.utils.translation import gettext
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODE_COUNT = 10


def has_2fa(user, fresh: bool = True) -> bool:
    """Whether the user has a confirmed device. `fresh=False` accepts what was read with the user at the
    start of the request (accounts.backends.UserBackend), for the middleware's check on every request."""
    if not fresh and hasattr(user, "has_totp_device"):
        return user.has_totp_device or user.has_static_device
    return any(True for _ in devices_for_user(user, confirmed=True))


def pending_totp_device(user) -> TOTPDevice:
    """The unconfirmed device being enrolled (created on first call, reused until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Application d'authentification", confirmed=False)
    return device


def qr_code_svg(device: TOTPDevice) -> str:
    svg = segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#000", light="#fff")
    label = gettext("QR code to scan with your authenticator app")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def secret_for_display(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, for manual entry in an authenticator app."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def regenerate_backup_codes(user) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="Codes de secours", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def verify(user, token: str):
    """The confirmed device that accepts this token (TOTP or backup code), or None."""
    token = token.replace(" ", "").strip()
    if not token:
        return None
    for device in devices_for_user(user, confirmed=True):
        if device.verify_is_allowed()[0] and device.verify_token(token):
            return device
    return None


def remaining_backup_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def disable(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
