from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Documents")

    def ready(self):
        import logging

        from reports.documents import WeasyPrintSteps

        # WeasyPrint logs each step of each page at INFO: they become the progress of the build running
        # them (reports.documents.render_pdf), and go no further.
        steps = logging.getLogger("weasyprint.progress")
        steps.setLevel(logging.INFO)
        steps.propagate = False
        if not any(isinstance(h, WeasyPrintSteps) for h in steps.handlers):
            steps.addHandler(WeasyPrintSteps())
