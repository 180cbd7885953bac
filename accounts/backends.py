"""Django's model backend, reading with the signed-in user whether they have a confirmed second factor:
the two-factor middleware asks it on every request, and the answer then costs no query of its own."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice


class UserBackend(ModelBackend):
    def get_user(self, user_id):
        model = get_user_model()
        confirmed = {"user": OuterRef("pk"), "confirmed": True}
        try:
            user = model._default_manager.annotate(
                has_totp_device=Exists(TOTPDevice.objects.filter(**confirmed)),
                has_static_device=Exists(StaticDevice.objects.filter(**confirmed)),
            ).get(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
