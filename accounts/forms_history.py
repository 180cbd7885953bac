from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from accounts.audit import ACTION_LABELS
from accounts.models import AuditEvent, User

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class JournalFilterForm(forms.Form):
    actor = forms.ModelChoiceField(label=_("Person"), queryset=None, required=False, empty_label=_("All"))
    kind = forms.ChoiceField(label=_("Kind of object"), required=False)
    action = forms.ChoiceField(label=_("Action"), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=DATE)
    until = forms.DateField(label=_("Until"), required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        actors = AuditEvent.objects.exclude(actor=None).values("actor")
        self.fields["actor"].queryset = User.objects.filter(pk__in=actors).order_by("full_name", "email")
        kinds = ContentType.objects.filter(
            pk__in=AuditEvent.objects.exclude(content_type=None).values("content_type")
        )
        choices = sorted(
            (f"{ct.app_label}.{ct.model}", str(ct.model_class()._meta.verbose_name).capitalize())
            for ct in kinds
            if ct.model_class() is not None
        )
        self.fields["kind"].choices = [("", _("All")), *sorted(choices, key=lambda c: c[1])]
        actions = AuditEvent.objects.order_by().values_list("action", flat=True).distinct()
        self.fields["action"].choices = [("", _("All"))] + sorted(
            ((a, str(ACTION_LABELS.get(a, a))) for a in actions), key=lambda c: c[1]
        )

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", _("The end date cannot come before the start date."))
        return data
