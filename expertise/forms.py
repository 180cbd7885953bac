from django import forms
from django.utils.translation import gettext_lazy as _

from expertise.choices import Origin
from network.languages import language_choices
from network.models import Organisation
from territory.choices import Level
from territory.models import Territory
from vocabulary.models import ExpertiseArea, Public, Urgency

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ATTACHMENT_HELP = _("At most 10 MB: PDF, DOCX, ODT, XLSX, ODS, PPTX, ODP, PNG, JPG or TXT.")


class RequestForm(forms.Form):
    """A new request; its save is `services.submit_request`, as the API's."""

    title = forms.CharField(label=_("Title"), max_length=200)
    question = forms.CharField(
        label=_("Question"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write the question asked of the experts.")},
    )
    context = forms.CharField(label=_("Context"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    areas = forms.ModelMultipleChoiceField(
        label=_("Expertise areas"),
        queryset=ExpertiseArea.objects.filter(is_active=True).select_related("parent"),
        error_messages={"required": _("Choose at least one expertise area.")},
    )
    territories = forms.ModelMultipleChoiceField(
        label=_("Territories"),
        queryset=Territory.objects.filter(
            level__in=[Level.PROVINCE, Level.ARRONDISSEMENT, Level.COMMUNE]
        ).order_by("name_fr"),
        required=False,
    )
    publics = forms.ModelMultipleChoiceField(
        label=_("Publics"), queryset=Public.objects.filter(is_active=True), required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages needed"), choices=language_choices, required=False
    )
    urgency = forms.ModelChoiceField(label=_("Urgency"), queryset=Urgency.objects.filter(is_active=True))
    wished_by = forms.DateField(label=_("Wished-for date"), widget=DATE_WIDGET, required=False)
    attachment = forms.FileField(label=_("Attachment"), required=False, help_text=ATTACHMENT_HELP)
    origin = forms.ChoiceField(label=_("Origin"), choices=Origin.choices, initial=Origin.FIELD)
    requester_organisation = forms.ModelChoiceField(
        label=_("Requesting organisation"), queryset=Organisation.objects.all(), required=False
    )
    requester_name = forms.CharField(
        label=_("Requester"),
        max_length=150,
        required=False,
        help_text=_("Who asked, when you enter a request received by phone."),
    )

    COORDINATOR_FIELDS = ("origin", "requester_organisation", "requester_name")

    def __init__(self, *args, coordinator: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not coordinator:
            for name in self.COORDINATOR_FIELDS:
                del self.fields[name]
        for name in ("areas", "territories", "languages"):
            self.fields[name].widget.attrs["size"] = 8
        if "urgency" not in self.initial:
            self.initial["urgency"] = Urgency.objects.filter(code="normale").first()


class QualifyForm(forms.Form):
    areas = forms.ModelMultipleChoiceField(
        label=_("Expertise areas"),
        queryset=ExpertiseArea.objects.filter(is_active=True).select_related("parent"),
        error_messages={"required": _("Choose at least one expertise area.")},
    )
    urgency = forms.ModelChoiceField(label=_("Urgency"), queryset=Urgency.objects.filter(is_active=True))
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for refusal"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say why the request is refused.")},
    )


class RedirectForm(forms.Form):
    to = forms.CharField(
        label=_("Redirected to"),
        max_length=255,
        help_text=_("The service or organisation better placed to answer."),
        error_messages={"required": _("Say to whom the request is redirected.")},
    )


class SolicitForm(forms.Form):
    experts = forms.TypedMultipleChoiceField(
        label=_("Experts to solicit"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one expert to solicit.")},
    )

    def __init__(self, *args, ranking=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.ranking = list(ranking)
        self.fields["experts"].choices = [(r.candidate.id, r.candidate.name) for r in self.ranking]


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class AcceptForm(forms.Form):
    pass


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Answer"),
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("Write the answer.")},
    )
    attachment = forms.FileField(label=_("Attachment"), required=False, help_text=ATTACHMENT_HELP)


class CloseForm(forms.Form):
    useful = forms.TypedChoiceField(
        label=_("Was the answer useful?"),
        choices=[("1", _("yes")), ("0", _("no"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the answer was useful.")},
    )
    rating = forms.TypedChoiceField(
        label=_("Rating (1 to 5)"),
        choices=[(str(n), str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Give a rating from 1 to 5.")},
    )
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}), required=False)


class ReopenForm(forms.Form):
    note = forms.CharField(
        label=_("Why reopen it?"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ReportFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
