from django import forms
from django.utils.translation import gettext_lazy as _

from notifications.choices import MessageState
from notifications.kinds import all_kinds

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PreferencesForm(forms.Form):
    """One choice per kind of message the user may refuse (the others always go at once)."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = [kind for kind in all_kinds() if kind.refusable]
        for kind in self.kinds:
            self.fields[kind.code] = forms.ChoiceField(
                label=kind.label,
                help_text=kind.description,
                choices=kind.choices(),
                initial=current.get(kind.code, kind.default),
                widget=forms.RadioSelect,
            )


class OutboxFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of message"), required=False)
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All")), *MessageState.choices]
    )
    to = forms.CharField(label=_("Recipient"), required=False, max_length=254)
    since = forms.DateField(label=_("From"), required=False, widget=DATE)
    until = forms.DateField(label=_("Until"), required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All"))] + sorted(
            ((kind.code, str(kind.label)) for kind in all_kinds()), key=lambda c: c[1]
        )

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", _("The end date cannot come before the start date."))
        return data
