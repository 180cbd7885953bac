from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

DATASET_CHOICES = [
    ("statbel-structure", _("Statbel — population by nationality, age and sex (TF_SOC_POP_STRUCT_YYYY)")),
    ("statbel-population", _("Statbel — population by commune on 1 January (workbook .xlsx)")),
    ("indicators", _("Other indicators — tidy CSV (see the format below)")),
]
ALLOWED_EXTENSIONS = (".txt", ".csv", ".gz", ".zip", ".xlsx")


class NisCodeField(forms.CharField):
    """The NIS code (REFNIS) of a known territory; cleans to that Territory (API filters)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 5)
        super().__init__(**kwargs)

    def clean(self, value):
        from territory.models import Territory

        code = super().clean(value)
        if not code:
            return None
        territory = Territory.objects.filter(nis_code=code).first()
        if territory is None:
            raise forms.ValidationError(_("Unknown NIS code."), code="unknown")
        return territory


class ImportUploadForm(forms.Form):
    dataset = forms.ChoiceField(label=_("Kind of file"), choices=DATASET_CHOICES)
    file = forms.FileField(label=_("File"), help_text=_("Accepted: .txt, .csv, .gz, .zip, .xlsx"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ALLOWED_EXTENSIONS):
            raise forms.ValidationError(
                _("This kind of file is not accepted (%(name)s). Accepted: .txt, .csv, .gz, .zip, .xlsx."),
                params={"name": upload.name},
            )
        limit = settings.PLI_IMPORT_MAX_UPLOAD_MB
        if upload.size > limit * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is too large (%(size)s MB; at most %(limit)s MB)."),
                params={"size": round(upload.size / 1024 / 1024, 1), "limit": limit},
            )
        return upload


class CompareForm(forms.Form):
    """2 to 8 territories of any level, by NIS code in the URL (?t=92094&t=91005), shared as it is."""

    t = forms.ModelMultipleChoiceField(
        label=_("Territories to compare (2 to 8)"),
        queryset=None,
        to_field_name="nis_code",
        error_messages={
            "required": _("Choose 2 to 8 territories to compare."),
            "invalid_choice": _("Unknown territory: %(value)s."),
        },
    )

    def __init__(self, *args, **kwargs):
        from territory.choosers import territory_chooser

        super().__init__(*args, **kwargs)
        territory_chooser(self.fields["t"])

    def clean_t(self):
        chosen = list(self.cleaned_data["t"])
        if not 2 <= len(chosen) <= 8:
            raise forms.ValidationError(
                _("Choose 2 to 8 territories to compare (%(count)s chosen)."), params={"count": len(chosen)}
            )
        order = {code: i for i, code in enumerate(self.data.getlist("t"))}
        return sorted(chosen, key=lambda t: order.get(t.nis_code, 99))
