"""The one territory chooser of every form: a field limited to the territories that make sense there
(the working territory, those within it, and its higher levels for comparison), whose options read
"Name (NIS code)", and a widget that the page script gives a search box (by name or code).

A form calls `territory_chooser(self.fields["territory"], levels=…)` on a model form's field; a filter
declares `TerritoryChoiceField()`, whose value in the URL is the NIS code and which takes a name as
well (`?territoire=Namur`), so that no one has to know a code.
"""

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pli.text import fold
from territory import queries
from territory.choices import LEVEL_DEPTH, Level
from territory.models import Territory

SEARCH_ATTRS = {
    "data-territory-search": "",
    "data-search-label": _("Search a territory (name or NIS code)"),
}


def territories_in_scope(levels=None, around: Territory | None = None):
    """Today's territories that a form may offer: the working territory (or `around`) and those within
    it, plus the territories above it; only the levels asked for. Without a working territory, all."""
    territories = Territory.objects.filter(valid_to__isnull=True)
    code = around.nis_code if around is not None else settings.PLI_WORKING_TERRITORY
    scope = queries.cached(("chooser_scope", code), lambda: _scope_ids(code))
    if scope is not None:
        territories = territories.filter(pk__in=scope)
    if levels:
        territories = territories.filter(level__in=list(levels))
    return territories.order_by("name_fr")


def _scope_ids(code: str) -> list[int] | None:
    working = Territory.objects.filter(nis_code=code).first()
    if working is None:
        return None
    within = Territory.objects.within(working).values("pk")
    above = [c for c in (working.province_code, working.region_code) if c and c != working.nis_code]
    return list(
        Territory.objects.filter(
            Q(pk=working.pk) | Q(pk__in=within) | Q(nis_code__in=above) | Q(level=Level.COUNTRY)
        ).values_list("pk", flat=True)
    )


def label(territory: Territory) -> str:
    return f"{territory.name_fr} ({territory.nis_code})"


def sorted_by_level(territories) -> list:
    return sorted(territories, key=lambda t: (LEVEL_DEPTH.get(t.level, 9), fold(t.name_fr)))


class TerritorySelect(forms.Select):
    def __init__(self, attrs=None, **kwargs):
        super().__init__(attrs={**SEARCH_ATTRS, **(attrs or {})}, **kwargs)


class TerritorySelectMultiple(forms.SelectMultiple):
    def __init__(self, attrs=None, **kwargs):
        super().__init__(attrs={**SEARCH_ATTRS, "size": 8, **(attrs or {})}, **kwargs)


def cached_choices(field, levels=None, around: Territory | None = None) -> None:
    """The field's options (those of `territories_in_scope(levels, around)`) computed once per import
    and language, not read and labelled for every form (pli/form_renderer.py)."""
    code = around.nis_code if around is not None else settings.PLI_WORKING_TERRITORY
    key = ("chooser_choices", code, tuple(levels or ()), field.to_field_name or "pk")
    field.choices_cache = lambda compute: queries.cached(key, compute)


def territory_chooser(field, levels=None, queryset=None, around=None):
    """Make a form's territory field the platform's chooser (limited list, searchable, labelled by code)."""
    field.choices_cache = None
    if queryset is None:
        queryset = territories_in_scope(levels, around)
        cached_choices(field, levels, around)
    field.queryset = queryset
    field.label_from_instance = label
    multiple = isinstance(field, forms.ModelMultipleChoiceField)
    widget = TerritorySelectMultiple() if multiple else TerritorySelect()
    widget.choices = field.choices
    widget.is_required = field.widget.is_required
    field.widget = widget
    if multiple:
        field.help_text = _("Type a name or a NIS code to narrow the list; Ctrl (or Cmd) to choose several.")
    return field


def find_territory(text: str, queryset=None) -> Territory | None:
    """The territory a visitor means by a NIS code or a name, accents and case ignored ("namur",
    "Éghezée"); an exact name first, else the only one whose name starts so."""
    text = (text or "").strip()
    if not text:
        return None
    territories = queryset if queryset is not None else Territory.objects.all()
    by_code = territories.filter(nis_code=text).first()
    if by_code is not None or text.isdigit():
        return by_code
    needle = fold(text)
    candidates = [
        t for t in territories.only("pk", "name_fr", "nis_code", "level") if fold(t.name_fr) == needle
    ]
    if not candidates:
        candidates = [
            t
            for t in territories.only("pk", "name_fr", "nis_code", "level")
            if fold(t.name_fr).startswith(needle)
        ]
        if len(candidates) != 1:
            return None
    # "Namur": the commune before the arrondissement or the province of the same name.
    return sorted(candidates, key=lambda t: -LEVEL_DEPTH.get(t.level, 0))[0]


class TerritoryChoiceField(forms.ModelChoiceField):
    """A filter's territory, given by NIS code (its value in URLs) or by name; cleans to the Territory."""

    def __init__(self, levels=None, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("empty_label", _("All"))
        kwargs.setdefault(
            "error_messages",
            {
                "invalid_choice": _(
                    "Unknown territory: give its name (e.g. Namur) or its NIS code (e.g. 92094)."
                )
            },
        )
        self.levels = levels
        super().__init__(queryset=Territory.objects.none(), to_field_name="nis_code", **kwargs)
        territory_chooser(self, queryset=self.queryset)

    def __deepcopy__(self, memo):
        # Each form gets its own copy of the field: the territories are read then, not at import.
        field = super().__deepcopy__(memo)
        field.queryset = territories_in_scope(self.levels)
        cached_choices(field, self.levels)
        field.widget.choices = field.choices
        return field

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            territory = find_territory(str(value), self.queryset)
            if territory is None:
                raise
            return territory
