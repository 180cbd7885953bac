from datetime import timedelta

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from advocacy.choices import ActionKind, Channel, LinkKind, Severity
from advocacy.models import Alert, AlertSource, Answer, FollowUp, Interpellation
from diagnostic.models import Finding
from expertise.choices import AssignmentStatus
from expertise.models import Assignment
from network.models import Meeting, Organisation
from plan.models import Recommendation
from pli.concurrency import VersionedModelForm
from territory.models import Territory
from vocabulary.models import Authority, Axis, ExpertiseArea, PowerLevel, Urgency

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def alert_territories():
    return Territory.objects.filter(
        valid_to__isnull=True, level__in=["province", "arrondissement", "commune"]
    ).order_by("-level", "name_fr")


class AlertForm(VersionedModelForm):
    class Meta:
        model = Alert
        fields = ["title", "description", "theme", "axis", "territories", "publics", "severity", "emerged_on"]
        widgets = {"emerged_on": DATE, "description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["axis"].queryset = Axis.objects.filter(is_active=True)
        self.fields["territories"].queryset = alert_territories()
        self.fields["territories"].widget.attrs["size"] = 8


class AlertSourceForm(forms.ModelForm):
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")

    class Meta:
        model = AlertSource
        fields = ["kind", "title", "url", "dated", "meeting", "finding"]
        widgets = {"dated": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.visible_to(user).select_related("space")
        self.fields["finding"].queryset = Finding.objects.visible_to(user).only("pk", "statement")


class QualifyForm(forms.Form):
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)


AGENDA_MEETINGS = 80  # meetings whose agenda items a reaction offers (from a month before the alert)


def agenda_item_choices(user, alert) -> list[tuple[str, str]]:
    """The agenda items a concertation reaction may name: those of the meetings the user may see, from a
    month before the alert emerged, the nearest first; each "Meeting (date) — 2. Item", valued
    "meeting:number"."""
    since = alert.emerged_on - timedelta(days=31)
    meetings = (
        Meeting.objects.visible_to(user)
        .filter(starts_at__date__gte=since)
        .exclude(agenda="")
        .select_related("space")
        .only("pk", "title", "starts_at", "agenda", "space__name")
        .order_by("starts_at", "pk")[:AGENDA_MEETINGS]
    )
    choices = [("", "—")]
    for meeting in meetings:
        for item in meeting.agenda_items:
            label = f"{meeting} — {meeting.space.name} — {item.number}. {item.title}"
            choices.append((f"{meeting.pk}:{item.number}", label[:200]))
    return choices


class AlertActionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Reaction"), choices=ActionKind.choices)
    acted_on = forms.DateField(label=_("Date"), widget=DATE)
    note = forms.CharField(
        label=_("Note or reason"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    agenda_item = forms.ChoiceField(
        label=_("Agenda item that takes it up"),
        required=False,
        help_text=_("For a concertation space seized: the item of a meeting's agenda."),
        widget=forms.Select(attrs={"data-search": "", "data-search-label": _("Search a meeting or an item")}),
    )

    def __init__(self, *args, user, alert, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].choices = agenda_item_choices(user, alert)

    def clean(self):
        """The item chosen, as its meeting and its number (the service checks them again)."""
        data = super().clean()
        value = data.pop("agenda_item", "") or ""
        data["meeting"], data["agenda_item"] = None, None
        if value:
            meeting_id, number = value.split(":")
            data["meeting"] = Meeting.objects.filter(pk=int(meeting_id)).first()
            data["agenda_item"] = int(number)
        return data


class AlertExpertiseForm(forms.Form):
    """Open an expertise request from an alert (its title, context, territories and publics go with it)."""

    question = forms.CharField(
        label=_("Question asked of the experts"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the question asked of the experts.")},
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Expertise areas"),
        queryset=ExpertiseArea.objects.filter(is_active=True).select_related("parent"),
        error_messages={"required": _("Choose at least one expertise area.")},
    )
    urgency = forms.ModelChoiceField(label=_("Urgency"), queryset=Urgency.objects.filter(is_active=True))


class InterpellationForm(VersionedModelForm):
    co_signers = forms.ModelMultipleChoiceField(
        label=_("Co-signing partners"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Each carrier validates the text before it is sent."),
    )

    class Meta:
        model = Interpellation
        fields = ["kind", "subject", "text", "authority", "organisation", "level"]
        widgets = {"text": forms.Textarea(attrs={"rows": 10})}
        help_texts = {
            "authority": _("An authority of the vocabulary, or an organisation of the network below."),
            "level": _("Taken from the authority when left empty."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        partners = Organisation.objects.filter(is_partner=True).exclude(type__code="cri").order_by("name")
        self.fields["co_signers"].queryset = partners
        self.fields["authority"].queryset = Authority.objects.filter(is_active=True).select_related("level")
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["level"].queryset = PowerLevel.objects.filter(is_active=True)
        if self.instance.pk:
            self.fields["co_signers"].initial = list(
                self.instance.carriers.filter(is_lead=False).values_list("organisation_id", flat=True)
            )

    def clean(self):
        data = super().clean()
        if data.get("authority") and data.get("organisation"):
            self.add_error(
                "organisation", _("Name one addressee: an authority or an organisation, not both.")
            )
        return data


def expertise_answers(user):
    """The answers an author may cite: those given on the expertise requests they may see (confidential:
    the requester's organisation, the experts solicited, the coordinators), the latest first."""
    return (
        Assignment.objects.visible_to(user)
        .filter(status=AssignmentStatus.ANSWERED)
        .select_related("request")
        .only("pk", "answered_at", "request__id", "request__title")
        .order_by("-answered_at", "-pk")
    )


class ExpertiseAnswerField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _("%(request)s — answer of %(date)s") % {
            "request": obj.request.title,
            "date": formats.date_format(timezone.localtime(obj.answered_at), "d/m/Y")
            if obj.answered_at
            else "—",
        }


class LinkForm(forms.Form):
    kind = forms.ChoiceField(label=_("What is cited"), choices=LinkKind.choices)
    finding = forms.ModelChoiceField(label=_("Finding"), queryset=Finding.objects.none(), required=False)
    recommendation = forms.ModelChoiceField(
        label=_("Recommendation"), queryset=Recommendation.objects.none(), required=False
    )
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.none(), required=False)
    alert = forms.ModelChoiceField(label=_("Alert"), queryset=Alert.objects.none(), required=False)
    expertise_answer = ExpertiseAnswerField(
        label=_("Expertise answer"), queryset=Assignment.objects.none(), required=False
    )
    quotation = forms.CharField(
        label=_("Quotation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The words cited from the minutes (or, if you wish, from the expertise answer)."),
    )
    note = forms.CharField(label=_("Why it is cited"), max_length=300, required=False)
    cited_on = forms.DateField(label=_("Cited on"), widget=DATE, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Every finding is offered to a coordinator; the service checks again what the author may see.
        self.fields["finding"].queryset = Finding.objects.all().only("pk", "statement")
        self.fields["recommendation"].queryset = Recommendation.objects.visible_to(user).select_related(
            "priority"
        )
        self.fields["meeting"].queryset = Meeting.objects.visible_to(user).select_related("space")
        self.fields["alert"].queryset = Alert.objects.visible_to(user)
        self.fields["expertise_answer"].queryset = expertise_answers(user)


class SendForm(forms.Form):
    sent_on = forms.DateField(label=_("Sent on"), widget=DATE)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)


class AnswerForm(forms.ModelForm):
    class Meta:
        model = Answer
        fields = ["received_on", "reading", "text", "file", "comment"]
        widgets = {
            "received_on": DATE,
            "text": forms.Textarea(attrs={"rows": 6}),
            "comment": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() and not data.get("file"):
            self.add_error("text", _("Give the text of the answer or its file."))
        return data


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["text", "due_on"]
        widgets = {"due_on": DATE}
