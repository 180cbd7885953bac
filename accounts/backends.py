"""Django's model backend, reading with the signed-in user whether they have a confirmed second factor:
the two-factor middleware asks it on every request, and the answer then costs no query of its own.
The read runs on every signed-in request: its SQL is compiled once per connection (pli/prepared.py)."""

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from pli.prepared import PreparedRead

NO_USER = -2_147_483_000  # the marker of the prepared read: no user has a negative id


def with_devices(pk):
    """The user of this id, with `has_totp_device` and `has_static_device` (confirmed ones)."""
    confirmed = {"user": OuterRef("pk"), "confirmed": True}
    return (
        get_user_model()
        ._default_manager.annotate(
            has_totp_device=Exists(TOTPDevice.objects.filter(**confirmed)),
            has_static_device=Exists(StaticDevice.objects.filter(**confirmed)),
        )
        .filter(pk=pk)
    )


@functools.cache
def _prepared() -> PreparedRead:
    return PreparedRead(with_devices, get_user_model()._meta.pk, NO_USER)


def user_with_devices(pk):
    """`with_devices(pk)`'s user, or None, through the prepared read."""
    return _prepared().first(pk)


class UserBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            user = user_with_devices(user_id)
        except (TypeError, ValueError):  # a session holding an id of another form
            return None
        if user is None:
            return None
        return user if self.user_can_authenticate(user) else None
