from django import forms
from django.utils.translation import gettext_lazy as _

from reports.missions import MISSIONS
from territory.forms import NisCodeField

FORMAT_CHOICES = [("pdf", _("PDF")), ("docx", _("Word (.docx)"))]


class PortraitForm(forms.Form):
    nis = NisCodeField(
        label=_("Territory (NIS code)"),
        help_text=_("A commune, an arrondissement or a province, e.g. 92094 for Namur."),
    )
    compare = NisCodeField(
        label=_("Compared with (NIS code)"),
        required=False,
        help_text=_("By default, the territory it lies in."),
    )
    format = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES)


class ActivityForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    format = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number, key, title in MISSIONS:
            self.fields[f"text_{key}"] = forms.CharField(
                label=_("Mission %(number)s — %(title)s: your text") % {"number": number, "title": title},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=5000,
            )

    def texts(self) -> dict:
        return {
            key: self.cleaned_data.get(f"text_{key}", "")
            for key in [m[1] for m in MISSIONS]
            if self.cleaned_data.get(f"text_{key}")
        }
