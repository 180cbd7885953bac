"""Forms of the review campaigns: opening a campaign (scope, lenses, invitations), the filters of its
dashboard, a reviewer's verdict and the coordinator's final verdict.

The verdict forms only collect what was typed: the rules (wording when nuanced, replacement when
replaced, a rationale, the reviewer's lens, a closed campaign) are `diagnostic/services.py`'s, whose
ValidationError messages the views put back onto these forms' fields.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from diagnostic import campaigns
from diagnostic.choices import FindingStatus, Verdict
from diagnostic.models import Diagnostic, Finding, ReviewCampaign
from territory.choosers import territory_chooser
from vocabulary import labels
from vocabulary.models import ReviewLens


class CampaignForm(forms.ModelForm):
    lenses = forms.MultipleChoiceField(
        label=_("Lenses"),
        choices=lambda: labels.choices(ReviewLens),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The findings are re-examined through each lens chosen."),
        error_messages={"required": _("Choose at least one lens.")},
    )

    class Meta:
        model = ReviewCampaign
        fields = ["title", "description", "diagnostic", "axis", "territory", "lenses"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "diagnostic": _(
                "The scope: the findings of a diagnostic, of an axis, of a territory, or all three."
            ),
            "territory": _(
                "Findings naming this territory or a territory within it (a commune of a province)."
            ),
        }

    def __init__(self, *args, **kwargs):
        from vocabulary.models import Axis

        super().__init__(*args, **kwargs)
        self.fields["diagnostic"].queryset = Diagnostic.objects.order_by("-period", "title")
        self.fields["axis"].queryset = Axis.objects.filter(is_active=True)
        territory_chooser(
            self.fields["territory"], levels=["region", "province", "arrondissement", "commune"]
        )
        self.scope = Finding.objects.none()

    def clean_lenses(self):
        chosen = set(self.cleaned_data["lenses"])
        return [entry.code for entry in labels.terms(ReviewLens) if entry.code in chosen]

    def clean(self):
        data = super().clean()
        scope = {key: data.get(key) for key in ("diagnostic", "axis", "territory")}
        if not any(scope.values()):
            raise forms.ValidationError(
                _("Choose the scope: a diagnostic, an axis or a territory (or several)."), code="no_scope"
            )
        if not any(key in self.errors for key in scope):
            self.scope = campaigns.scope_findings(**scope)
            if not self.scope.exists():
                raise forms.ValidationError(
                    _(
                        "No finding in force matches this scope (drafts, obsolete and replaced findings are "
                        "left aside): widen it."
                    ),
                    code="empty_scope",
                )
        return data


class InvitationUserField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return f"{user.full_name} ({user.email})" if user.full_name else user.email


class InvitationForm(forms.Form):
    """One row: a user invited to review through one lens. An empty row is ignored."""

    user = InvitationUserField(label=_("Person invited"), queryset=None, required=False)
    lens = forms.ChoiceField(
        label=_("Lens"), required=False, choices=lambda: [("", "—"), *labels.choices(ReviewLens)]
    )

    def __init__(self, *args, **kwargs):
        from accounts.choices import Role
        from accounts.models import User

        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            User.objects.filter(is_active=True)
            .exclude(role__in=[Role.ADMIN, Role.COORDINATOR])  # coordinators review through every lens
            .order_by("full_name", "email")
        )

    def clean(self):
        data = super().clean()
        if data.get("user") and not data.get("lens"):
            self.add_error("lens", _("Choose the lens this person reviews through."))
        if data.get("lens") and not data.get("user"):
            self.add_error("user", _("Choose the person invited through this lens."))
        return data


InvitationFormSet = forms.formset_factory(InvitationForm, extra=3, max_num=30, validate_max=True)


class CampaignCreation:
    """The campaign form and its invitation rows, validated and saved together."""

    def __init__(self, data=None):
        self.form = CampaignForm(data)
        self.invitations = InvitationFormSet(data, prefix="invitations")

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        valid = self.invitations.is_valid() and valid
        if valid:
            lenses = set(self.form.cleaned_data["lenses"])
            for row in self.invitations:
                lens = row.cleaned_data.get("lens")
                if lens and lens not in lenses:
                    row.add_error("lens", _("This lens is not among the campaign's lenses."))
                    valid = False
        return valid

    def invited(self) -> set[tuple[int, str]]:
        """(user id, lens) of the invitation rows filled in (saved by diagnostic.services.open_campaign)."""
        return {
            (row.cleaned_data["user"].pk, row.cleaned_data["lens"])
            for row in self.invitations
            if row.cleaned_data.get("user")
        }


class PendingFilterForm(forms.Form):
    """Filters of the dashboard's list of findings still without a final verdict."""

    lens = forms.ChoiceField(label=_("Not yet reviewed through"), required=False)
    axis = forms.ModelChoiceField(label=_("Axis"), queryset=None, required=False, empty_label=_("All"))
    unreviewed = forms.BooleanField(label=_("Without any review"), required=False)

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lens"].choices = [("", _("Any lens")), *campaign.lens_choices()]
        self.fields["axis"].queryset = campaigns.axes_of(campaign)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"lens": data["lens"], "axis": data["axis"], "unreviewed": data["unreviewed"]}


class VerdictForm(forms.Form):
    """What a verdict says; the replacement is an existing finding of the same diagnostic or a new one."""

    verdict = forms.ChoiceField(label=_("Verdict"), choices=Verdict.choices, widget=forms.RadioSelect)
    new_wording = forms.CharField(
        label=_("New wording"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the finding is nuanced."),
    )
    replacement = forms.ModelChoiceField(
        label=_("Replaced by"),
        queryset=None,
        required=False,
        help_text=_("Required when the finding is replaced: a finding of the same diagnostic…"),
    )
    replacement_statement = forms.CharField(
        label=_("…or a new finding"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Its statement: it is created in the same diagnostic, with the same axis and territories."
        ),
    )
    rationale = forms.CharField(
        label=_("Rationale"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, finding, **kwargs):
        super().__init__(*args, **kwargs)
        self.finding = finding
        self.fields["replacement"].queryset = (
            Finding.objects.filter(diagnostic_id=finding.diagnostic_id)
            .exclude(pk=finding.pk)
            .exclude(status__in=[FindingStatus.OBSOLETE, FindingStatus.REPLACED])
            .only("pk", "statement")
            .order_by("statement")
        )

    def clean(self):
        data = super().clean()
        if (
            data.get("verdict") == Verdict.REPLACED
            and data.get("replacement")
            and data.get("replacement_statement", "").strip()
        ):
            self.add_error(
                "replacement_statement", _("Choose an existing finding or name a new one, not both.")
            )
        return data


class ReviewForm(VerdictForm):
    lens = forms.ChoiceField(label=_("Lens"))
    field_order = ["lens", "verdict", "new_wording", "replacement", "replacement_statement", "rationale"]

    def __init__(self, *args, lenses: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lens"].choices = lenses
        if len(lenses) == 1:
            self.fields["lens"].initial = lenses[0][0]


class SettleForm(VerdictForm):
    verdict = forms.ChoiceField(label=_("Final verdict"), choices=Verdict.choices, widget=forms.RadioSelect)
