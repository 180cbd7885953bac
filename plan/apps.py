from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def _names_changed(sender, **kwargs):
    """An organisation or a term of the vocabulary the plans show was saved or deleted (by a service or
    the admin): every plan's cached parts are left behind (plan/cache.py)."""
    from plan.cache import touch_all

    touch_all()


class PlanConfig(AppConfig):
    name = "plan"
    verbose_name = _("Plan")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        for model in ("network.Organisation", "vocabulary.Axis", "vocabulary.Public"):
            post_save.connect(_names_changed, sender=model, dispatch_uid=f"plan-cache-{model}")
            post_delete.connect(_names_changed, sender=model, dispatch_uid=f"plan-cache-{model}-deleted")
