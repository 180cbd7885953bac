from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Documents")

    def ready(self):
        import logging

        # WeasyPrint logs each step of each page at INFO: the job's progress says enough.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
