from django import forms
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from diagnostic.queries import citable_findings
from network.models import Organisation
from plan.choices import MeansKind, PlanStatus, PowerLevel
from plan.models import Means, Plan, Priority, ProgressUpdate, Recommendation, Resource
from plan.services import progress_problems
from pli.concurrency import VersionedModelForm
from territory.choosers import territories_in_scope, territory_chooser
from territory.models import Territory
from vocabulary.models import Axis, Public

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def plan_territories():
    """A plan is a province's (PPLI) or a commune's (PLI), within the working territory."""
    return territories_in_scope(levels=["province", "commune"])


def target_territories(plan: Plan):
    """What a recommendation may aim at: the plan's territory and the territories within it, today's."""
    within = Territory.objects.within(plan.territory).values("pk")
    return Territory.objects.filter(
        Q(pk=plan.territory_id) | Q(pk__in=within), valid_to__isnull=True
    ).order_by("name_fr")


class PlanForm(VersionedModelForm):
    class Meta:
        model = Plan
        fields = [
            "kind",
            "title",
            "version_label",
            "territory",
            "start_year",
            "end_year",
            "status",
            "carriers",
            "framework",
            "diagnostic",
            "adopted_on",
            "adopted_by",
            "closed_on",
            "closed_by",
            "plenary",
            "summary",
        ]
        widgets = {"adopted_on": DATE, "closed_on": DATE, "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        territory_chooser(self.fields["territory"], queryset=plan_territories())

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status in (PlanStatus.ADOPTED, PlanStatus.CLOSED) and not data.get("adopted_on"):
            self.add_error("adopted_on", _("An adopted plan has an adoption date."))
        if status == PlanStatus.CLOSED and not data.get("closed_on"):
            self.add_error("closed_on", _("A closed plan has a closing date."))
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The last year cannot come before the first year."))
        if self.instance.is_published and status == PlanStatus.PREPARATION:
            message = _(
                "This plan is published: withdraw the publication before moving it back into preparation."
            )
            self.add_error("status", message)
        framework = data.get("framework")
        moved = self.instance.pk and framework and framework != self.instance.framework
        if moved and self.instance.priorities.exclude(axis__framework=framework).exists():
            message = _(
                "The priorities of this plan are filed under the axes of another framework: move them first."
            )
            self.add_error("framework", message)
        return data


class NewVersionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    version_label = forms.CharField(label=_("Version"), max_length=60, help_text=_("e.g. PPLI 2.0"))
    start_year = forms.IntegerField(label=_("First year"), min_value=1990, max_value=2100)
    end_year = forms.IntegerField(label=_("Last year"), min_value=1990, max_value=2100)

    def clean(self):
        data = super().clean()
        if data.get("start_year") and data.get("end_year") and data["end_year"] < data["start_year"]:
            self.add_error("end_year", _("The last year cannot come before the first year."))
        return data


class CompareForm(forms.Form):
    avec = forms.ModelChoiceField(label=_("Compare with"), queryset=Plan.objects.none())

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["avec"].queryset = plans


class PriorityForm(VersionedModelForm):
    class Meta:
        model = Priority
        fields = ["axis", "number", "title", "description", "findings"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, plan: Plan, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["axis"].queryset = Axis.objects.filter(framework=plan.framework)
        self.fields["findings"].queryset = citable_findings(plan.territory, user)
        self.fields["findings"].widget.attrs["size"] = 10
        if not self.instance.pk:
            last = plan.priorities.order_by("-number").values_list("number", flat=True).first()
            self.fields["number"].initial = (last or 0) + 1

    def clean_number(self):
        number = self.cleaned_data["number"]
        others = self.plan.priorities.filter(number=number).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Another priority of this plan already has this number."))
        return number

    def save(self, commit=True):
        self.instance.plan = self.plan
        return super().save(commit)


class RecommendationForm(VersionedModelForm):
    addressed_levels = forms.MultipleChoiceField(
        label=_("Addressed to (levels of power)"),
        choices=PowerLevel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Recommendation
        fields = [
            "priority",
            "number",
            "title",
            "text",
            "findings",
            "territories",
            "publics",
            "addressed_to",
            "addressed_levels",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}
        error_messages = {"priority": {"required": _("A recommendation belongs to a priority: choose one.")}}

    def __init__(self, *args, plan: Plan, user, priority: Priority | None = None, **kwargs):
        """`priority`: the one a new recommendation is proposed under, with the next free number."""
        super().__init__(*args, **kwargs)
        self.plan = plan
        if priority is not None and not self.instance.pk:
            last = priority.recommendations.order_by("-number").values_list("number", flat=True).first()
            self.initial.update(priority=priority.pk, number=(last or 0) + 1)
        self.fields["priority"].queryset = plan.priorities.select_related("axis").order_by(
            "axis__order", "number"
        )
        self.fields["priority"].empty_label = _("— choose a priority —")
        # Like a priority's, the number is proposed: left empty, the next free one of its priority.
        self.fields["number"].required = False
        self.fields["number"].help_text = _("Left empty: the next free number of the priority.")
        self.fields["findings"].queryset = citable_findings(plan.territory, user)
        territory_chooser(self.fields["territories"], queryset=target_territories(plan))
        self.fields["publics"].queryset = Public.objects.filter(is_active=True)
        self.fields["addressed_to"].queryset = Organisation.objects.order_by("name")
        for name in ("findings", "addressed_to"):
            self.fields[name].widget.attrs["size"] = 8
        self.fields["publics"].widget = forms.CheckboxSelectMultiple(choices=self.fields["publics"].choices)

    def clean(self):
        # The number is unique within its priority (a database constraint); said beside the number.
        data = super().clean()
        priority, number = data.get("priority"), data.get("number")
        if priority and number is None and "number" not in self.errors:
            last = priority.recommendations.exclude(pk=self.instance.pk).order_by("-number")
            data["number"] = (last.values_list("number", flat=True).first() or 0) + 1
        elif priority and number:
            others = priority.recommendations.filter(number=number).exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error(
                    "number", _("Another recommendation of this priority already has this number.")
                )
        return data


class MeansForm(VersionedModelForm):
    class Meta:
        model = Means
        fields = ["kind", "amount", "funder", "year", "fte", "description"]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == MeansKind.FINANCIAL:
            if data.get("amount") is None and "amount" not in self.errors:
                self.add_error("amount", _("Financial means have an amount in euro."))
            if not data.get("funder"):
                self.add_error("funder", _("Say who funds it."))
        elif kind == MeansKind.HUMAN and data.get("fte") is None and "fte" not in self.errors:
            self.add_error("fte", _("Human means are counted in full-time equivalents."))
        elif kind == MeansKind.LOGISTIC and not data.get("description"):
            self.add_error("description", _("Describe the logistic means."))
        foreign = {
            MeansKind.FINANCIAL: ["fte"],
            MeansKind.HUMAN: ["amount", "funder", "year"],
            MeansKind.LOGISTIC: ["amount", "funder", "year", "fte"],
        }.get(kind, [])
        for name in foreign:
            if data.get(name) not in (None, "") and name not in self.errors:
                self.add_error(
                    name,
                    _("This field does not apply to %(kind)s means: leave it empty.")
                    % {"kind": MeansKind(kind).label},
                )
        return data


class ResourceForm(VersionedModelForm):
    class Meta:
        model = Resource
        fields = ["organisation", "role"]
        error_messages = {
            "organisation": {
                "invalid_choice": _(
                    "This organisation is not in the network (any more): it may have been deleted meanwhile. Choose another one."
                )
            }
        }

    def __init__(self, *args, recommendation: Recommendation, **kwargs):
        super().__init__(*args, **kwargs)
        self.recommendation = recommendation
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")

    def clean(self):
        data = super().clean()
        organisation, role = data.get("organisation"), data.get("role")
        if (
            organisation
            and role
            and self.recommendation.resources.filter(organisation=organisation, role=role).exists()
        ):
            raise forms.ValidationError(_("This organisation already has this role for this recommendation."))
        return data


class ProgressUpdateForm(forms.Form):
    """The arguments of `services.post_progress`, with the model's fields (labels, choices, the 0–100
    validators). Not a ModelForm: the service writes the row, and a ModelForm would build an instance
    only to have the database check its constraint again (a query and two savepoints per post, in the
    mix's heaviest request: docs/performance.md)."""

    date, status, progress, text = forms.fields_for_model(
        ProgressUpdate,
        fields=["date", "status", "progress", "text"],
        widgets={"date": DATE, "text": forms.Textarea(attrs={"rows": 3})},
    ).values()
    # Capitalised as the fields above are (Django capitalises a model field's verbose name).
    evidence_url = forms.URLField(label=capfirst(_("evidence (link)")), required=False, assume_scheme="https")

    def __init__(self, *args, recommendation: Recommendation, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("status", recommendation.status)
            self.initial.setdefault("progress", recommendation.progress)
        self.fields["progress"].widget.attrs.update({"min": 0, "max": 100})

    def clean(self):
        data = super().clean()
        if self.errors:  # a field already refused: its own message says it
            return data
        for field, message in progress_problems(
            **{k: data.get(k) for k in ("status", "progress", "date")}
        ).items():
            self.add_error(field, message)
        return data


class ProgressSheetForm(forms.Form):
    file = forms.FileField(
        label=_("Progress sheet (CSV)"),
        help_text=_(
            "The sheet downloaded above, filled in: one row per recommendation, a text where there is news."
        ),
    )

    def clean_file(self):
        """A file larger than PLI_PROGRESS_SHEET_MAX_MB is refused before it is read."""
        from django.conf import settings

        upload = self.cleaned_data["file"]
        limit = settings.PLI_PROGRESS_SHEET_MAX_MB
        if upload.size > limit * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is too large (%(size)s MB; a progress sheet has at most %(limit)s MB)."),
                params={"size": number_format(upload.size / 1024 / 1024, 1), "limit": limit},
            )
        return upload
