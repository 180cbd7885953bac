from django.apps import AppConfig


class PliConfig(AppConfig):
    name = "pli"
    verbose_name = "PLI"

    def ready(self):
        from pli import checks  # noqa: F401 (registers the system checks)
