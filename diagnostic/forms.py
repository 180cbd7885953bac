from django import forms
from django.utils.translation import gettext_lazy as _

from diagnostic.choices import CURRENT_FILTER, EVIDENCE_INDICATORS, FindingStatus, Verdict
from diagnostic.models import Diagnostic, Finding
from pli.concurrency import VersionedModelForm
from territory.choosers import TerritoryChoiceField, territory_chooser
from vocabulary import labels
from vocabulary.models import Axis, Public, SourceType

# The levels a finding may name (not the country).
NAMED_LEVELS = ["region", "province", "arrondissement", "commune"]


class FindingFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    diagnostic = forms.ModelChoiceField(
        label=_("Diagnostic"), queryset=Diagnostic.objects.none(), required=False, empty_label=_("All")
    )
    axe = forms.ModelChoiceField(
        label=_("Axis"), queryset=Axis.objects.filter(is_active=True), required=False, empty_label=_("All")
    )
    territoire = TerritoryChoiceField(label=_("Territory"))
    public = forms.ModelChoiceField(
        label=_("Public"),
        queryset=Public.objects.filter(is_active=True),
        required=False,
        empty_label=_("All"),
    )
    source = forms.ChoiceField(
        label=_("Source"),
        required=False,
        choices=lambda: [("", _("All")), *((e.code, e.label) for e in labels.terms(SourceType))],
    )
    statut = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All")),
            (CURRENT_FILTER, _("in force (confirmed and nuanced included)")),
            *FindingStatus.choices,
        ],
    )
    a_reexaminer = forms.BooleanField(
        label=_("Only those with a cited statistic to re-examine"), required=False
    )
    verdict = forms.ChoiceField(
        label=_("Final verdict"), required=False, choices=[("", _("All")), *Verdict.choices]
    )

    def __init__(self, *args, user=None, **kwargs):
        """`user`: whose diagnostics the filter offers (a draft's title is the coordinators' only)."""
        super().__init__(*args, **kwargs)
        diagnostics = (
            Diagnostic.objects.visible_to(user) if user is not None else Diagnostic.objects.published()
        )
        self.fields["diagnostic"].queryset = diagnostics


class FindingForm(VersionedModelForm):
    source_kinds = forms.MultipleChoiceField(
        label=_("Sources"), choices=(), widget=forms.CheckboxSelectMultiple, required=True
    )
    source_detail = forms.CharField(
        label=_("Source details"),
        required=False,
        max_length=255,
        help_text=_("e.g. PCS de Ciney 2020-2025, CADA de Florennes"),
    )

    class Meta:
        model = Finding
        fields = ["diagnostic", "statement", "description", "axis", "territories", "publics", "status"]
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        territory_chooser(self.fields["territories"], levels=NAMED_LEVELS)
        self.fields["axis"].queryset = Axis.objects.filter(is_active=True)
        self.fields["status"].choices = [
            (FindingStatus.DRAFT, FindingStatus.DRAFT.label),
            (FindingStatus.IN_FORCE, FindingStatus.IN_FORCE.label),
        ]
        # The source types in use, and those the finding already has (a retired one is never dropped).
        kinds = list(self.instance.sources.values_list("kind", flat=True)) if self.instance.pk else []
        self.fields["source_kinds"].choices = labels.choices(SourceType, keep=kinds)
        if self.instance.pk:
            self.fields["source_kinds"].initial = kinds
            details = [d for d in self.instance.sources.values_list("detail", flat=True) if d]
            self.fields["source_detail"].initial = ", ".join(details)
            if self.instance.status not in (FindingStatus.DRAFT, FindingStatus.IN_FORCE):
                del self.fields["status"]  # settled through a review campaign, not here


class EvidenceForm(forms.Form):
    territory = forms.ModelChoiceField(label=_("Territory"), queryset=None)
    indicator = forms.ChoiceField(label=_("Indicator"), choices=list(EVIDENCE_INDICATORS.items()))
    year = forms.IntegerField(label=_("Year (1 January)"), min_value=1800, max_value=2200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        territory_chooser(self.fields["territory"])


class FieldFindingForm(forms.Form):
    statement = forms.CharField(label=_("Finding"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    axis = forms.ModelChoiceField(label=_("Axis"), queryset=Axis.objects.filter(is_active=True))
    diagnostic = forms.ModelChoiceField(
        label=_("Diagnostic"), queryset=Diagnostic.objects.exclude(status="closed")
    )


class DiagnosticForm(VersionedModelForm):
    class Meta:
        model = Diagnostic
        fields = ["title", "territory", "period", "method", "scope", "status"]
        widgets = {"method": forms.Textarea(attrs={"rows": 5}), "scope": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        territory_chooser(self.fields["territory"], levels=["province", "arrondissement", "commune"])
