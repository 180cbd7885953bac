import difflib

from django import forms
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from network.languages import language_choices
from network.models import ConcertationSpace, Offer, Organisation, Person
from pli.concurrency import VersionedModelForm
from territory.choosers import TerritoryChoiceField, territory_chooser
from territory.models import Territory


def commune_choices():
    """The communes in force of the working territory (organisations elsewhere are out of scope)."""
    from django.conf import settings

    return Territory.objects.filter(
        level="commune", valid_to__isnull=True, province_code=settings.PLI_WORKING_TERRITORY
    ).order_by("name_fr") or Territory.objects.filter(level="commune", valid_to__isnull=True).order_by(
        "name_fr"
    )


class OrganisationForm(VersionedModelForm):
    website = forms.URLField(label=_("Web site"), required=False, assume_scheme="https")
    confirm_not_duplicate = forms.BooleanField(
        label=_("This is indeed another organisation"), required=False, widget=forms.CheckboxInput
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "sector",
            "type",
            "address",
            "commune",
            "territories_served",
            "website",
            "email",
            "phone",
            "is_partner",
            "partner_since",
            "agreement",
            "is_active",
        ]
        widgets = {"partner_since": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        territory_chooser(self.fields["commune"], queryset=commune_choices())
        from django.conf import settings

        working = settings.PLI_WORKING_TERRITORY
        territory_chooser(
            self.fields["territories_served"],
            queryset=Territory.objects.filter(valid_to__isnull=True)
            .filter(Q(nis_code=working) | Q(province_code=working, level__in=["commune", "arrondissement"]))
            .order_by("name_fr"),
        )
        if self.instance.pk or not (self.data and self.data.get("name")):
            # The confirmation box appears only once a close name has been found.
            self.fields["confirm_not_duplicate"].widget = forms.HiddenInput()
        self.similar = []

    def clean_phone(self):
        return _clean_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        name, commune = cleaned.get("name"), cleaned.get("commune")
        if name and commune and not self.instance.pk:
            existing = Organisation.objects.filter(commune=commune).exclude(pk=self.instance.pk)
            if existing.filter(name__iexact=name.strip()).exists():
                self.add_error("name", _("An organisation with this name already exists in this commune."))
            else:
                self.similar = [
                    org
                    for org in existing.annotate(lower=Lower("name"))
                    if difflib.SequenceMatcher(None, org.name.lower(), name.lower()).ratio() >= 0.8
                ]
                if self.similar:
                    self.fields["confirm_not_duplicate"].widget = forms.CheckboxInput()
                if self.similar and not cleaned.get("confirm_not_duplicate"):
                    self.add_error(
                        "name",
                        _(
                            "A similar organisation exists in this commune: %(names)s. Check it is not the same one, then tick the box below."
                        )
                        % {"names": ", ".join(o.name for o in self.similar)},
                    )
        from django.utils import timezone

        if cleaned.get("partner_since") and cleaned["partner_since"] > timezone.localdate():
            self.add_error("partner_since", _("The date of partnership cannot be in the future."))
        if cleaned.get("partner_since") and not cleaned.get("is_partner"):
            self.add_error("partner_since", _("A date of partnership only makes sense for a partner."))
        return cleaned


class PersonForm(VersionedModelForm):
    class Meta:
        model = Person
        fields = [
            "full_name",
            "organisation",
            "function",
            "email",
            "phone",
            "language_codes",
            "languages",
            "expertise",
            "consent_date",
            "consent_scope",
            "user",
            "is_active",
        ]
        widgets = {"consent_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    language_codes = forms.TypedMultipleChoiceField(
        label=_("Languages spoken"), choices=language_choices, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expertise"].widget.attrs["size"] = 8
        self.fields["language_codes"].widget.attrs["size"] = 8

    def clean_phone(self):
        return _clean_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("consent_scope") == "network" and not cleaned.get("consent_date"):
            self.add_error("consent_date", _("Give the date on which the person agreed to be listed."))
        return cleaned


class OfferForm(VersionedModelForm):
    class Meta:
        model = Offer
        fields = [
            "type",
            "commune",
            "publics",
            "description",
            "capacity",
            "capacity_unit",
            "starts_on",
            "ends_on",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        territory_chooser(self.fields["commune"], queryset=commune_choices())

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The offer cannot end before it starts."))
        return cleaned


PHONE_ALLOWED = set("+0123456789 ./()-")


def _clean_phone(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return value
    digits = [c for c in value if c.isdigit()]
    if set(value) - PHONE_ALLOWED or not 8 <= len(digits) <= 15:
        raise forms.ValidationError(_("Enter a phone number such as +32 81 12 34 56 or 081 12 34 56."))
    return value


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    type = forms.ModelChoiceField(label=_("Type"), queryset=None, required=False, empty_label=_("All"))
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    commune = forms.ModelChoiceField(label=_("Commune"), queryset=None, required=False, empty_label=_("All"))
    partner = forms.ChoiceField(
        label=_("Partners"),
        required=False,
        choices=[("", _("All")), ("1", _("Partners of the plan")), ("0", _("Others"))],
    )

    def __init__(self, *args, **kwargs):
        from network.choices import Sector
        from vocabulary.models import OrganisationType

        super().__init__(*args, **kwargs)
        self.fields["type"].queryset = OrganisationType.objects.filter(is_active=True)
        self.fields["sector"].choices = [("", _("All")), *Sector.choices]
        self.fields["commune"].queryset = (
            Territory.objects.filter(organisations__isnull=False).distinct().order_by("name_fr")
        )


class PersonFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    expertise = forms.ModelChoiceField(
        label=_("Expertise"), queryset=None, required=False, empty_label=_("All")
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None, required=False, empty_label=_("All")
    )
    space = forms.ModelChoiceField(
        label=_("Concertation space"), queryset=None, required=False, empty_label=_("All")
    )

    def __init__(self, *args, organisations=None, spaces=None, **kwargs):
        from vocabulary.models import ExpertiseArea

        super().__init__(*args, **kwargs)
        self.fields["expertise"].queryset = ExpertiseArea.objects.filter(is_active=True).select_related(
            "parent"
        )
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.all()
        )
        self.fields["space"].queryset = spaces if spaces is not None else ConcertationSpace.objects.none()


class OfferFilterForm(forms.Form):
    """The offers' list: by type, commune, public and organisation (values in the URL are codes)."""

    type = forms.ModelChoiceField(
        label=_("Type"), queryset=None, required=False, empty_label=_("All"), to_field_name="code"
    )
    commune = TerritoryChoiceField(label=_("Commune"), levels=["commune"])
    public = forms.ModelChoiceField(
        label=_("Public"), queryset=None, required=False, empty_label=_("All"), to_field_name="code"
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None, required=False, empty_label=_("All")
    )

    def __init__(self, *args, user=None, **kwargs):
        from vocabulary.models import OfferType, Public

        super().__init__(*args, **kwargs)
        self.fields["type"].queryset = OfferType.objects.all()
        self.fields["public"].queryset = Public.objects.filter(is_active=True)
        self.fields["organisation"].queryset = (
            Organisation.objects.visible_to(user).filter(offers__isnull=False).distinct().order_by("name")
        )

    def filter(self, offers):
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("type"):
            offers = offers.filter(type=data["type"])
        if data.get("commune"):
            offers = offers.filter(commune=data["commune"])
        if data.get("public"):
            offers = offers.filter(
                pk__in=Offer.publics.through.objects.filter(public=data["public"]).values("offer_id")
            )
        if data.get("organisation"):
            offers = offers.filter(organisation=data["organisation"])
        return offers
