from django.apps import AppConfig


class PliConfig(AppConfig):
    name = "pli"
    verbose_name = "PLI"

    def ready(self):
        from django.forms import ModelChoiceField

        from pli import (
            checks,  # noqa: F401 (registers the system checks)
            versions,
        )
        from pli.form_renderer import ModelChoiceIterator

        ModelChoiceField.iterator = ModelChoiceIterator  # its choices in one query (see there)
        versions.connect()  # every write renews its area's content version
