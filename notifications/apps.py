from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from accounts.signals import password_reset_link
        from notifications.notifications import send_password_reset

        password_reset_link.connect(send_password_reset, dispatch_uid="notifications.password_reset")
