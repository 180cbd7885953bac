"""Concurrent edits are detected, never silently overwritten (optimistic locking on a `version` field).

A record two people may edit is `Versioned`. Its edit form carries the version of the row it was loaded
from; the service that saves it (pli/services.py) checks, inside the transaction and with the row
locked, that the row is still at that version. A missing or malformed version is refused like a stale
one. When somebody saved in between, the save is refused and the form shows, field by field, what is
stored now next to what was typed, armed so that saving again keeps the typed values.
"""

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _


class Versioned(models.Model):
    """A row edited by several people: `version` grows at each save, so a stale form is detected."""

    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        abstract = True


class EditConflict(Exception):
    def __init__(self, differences: list[dict], current_version: int):
        self.differences = differences
        self.current_version = current_version
        super().__init__("the record changed since the form was opened")


def is_versioned(model) -> bool:
    return any(field.name == "version" for field in model._meta.concrete_fields)


def version_matches(submitted, current: int) -> bool:
    """The version the form was loaded at, as posted: a missing or malformed one never matches."""
    text = str(submitted if submitted is not None else "").strip()
    return text.isdigit() and int(text) == current


CONFLICT_MESSAGE = _(
    "Somebody else saved this record while you were editing it. Your changes were not saved: compare "
    "them with what is stored now, then save again if you want to keep yours."
)


class VersionedModelForm(forms.ModelForm):
    """A ModelForm for a Versioned model, saved through `pli.services.save_form` (never `save()` alone)."""

    # A text field: a malformed value must reach the version check (a conflict), not be a form error.
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def _save_m2m(self):
        """Keep the related rows the form did not offer (a finding the user may not see, one of another
        diagnostic): an edit never drops what the form did not show."""
        if self.instance.pk:
            for name, field in self.fields.items():
                if not isinstance(field, forms.ModelMultipleChoiceField) or name not in self.cleaned_data:
                    continue
                manager = getattr(self.instance, name, None)
                if manager is None or not hasattr(manager, "all") or field.queryset is None:
                    continue
                offered = field.queryset.values("pk")
                hidden = list(manager.exclude(pk__in=offered))
                if hidden:
                    chosen = list(self.cleaned_data[name] or [])
                    self.cleaned_data[name] = chosen + [obj for obj in hidden if obj not in chosen]
        super()._save_m2m()  # type: ignore[misc]  # Django's ModelForm internals, not in the stubs

    def show_conflict(self, conflict: EditConflict) -> None:
        """Keep what was typed, explain, and arm the form so that saving again keeps the typed values."""
        self.data = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict
        self.data["version"] = conflict.current_version  # type: ignore[index]
        self.add_error(None, CONFLICT_MESSAGE)
        self.conflict = conflict.differences

    def differences(self, current) -> list[dict]:
        """What is stored now (`current`) against what was typed, field by field."""
        differences = []
        for name, field in self.fields.items():
            if name == "version" or name not in self.cleaned_data or not hasattr(current, name):
                continue
            stored: Any = getattr(current, name, None)
            if hasattr(stored, "all"):  # many-to-many
                stored_values = set(stored.all())
                typed_values = set(self.cleaned_data[name] or [])
                if stored_values != typed_values:
                    differences.append(
                        {
                            "label": field.label,
                            "stored": ", ".join(map(str, stored_values)) or "—",
                            "typed": ", ".join(map(str, typed_values)) or "—",
                        }
                    )
                continue
            typed = self.cleaned_data[name]
            if (stored or "") != (typed or ""):
                display = getattr(current, f"get_{name}_display", None)
                differences.append(
                    {
                        "label": field.label,
                        "stored": display() if display else (stored or "—"),
                        "typed": typed or "—",
                    }
                )
        return differences
