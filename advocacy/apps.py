from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvocacyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "advocacy"
    verbose_name = _("Watch and advocacy")
