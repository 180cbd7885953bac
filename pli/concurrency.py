"""Concurrent edits are detected, never silently overwritten (optimistic locking on a `version` field).

A form carries the version of the row it was loaded from; saving checks, inside the transaction, that
the row is still at that version. If somebody saved in between, the save is refused and the form shows,
field by field, what is stored now next to what was typed.
"""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _


class EditConflict(Exception):
    def __init__(self, differences: list[dict], current_version: int):
        self.differences = differences
        self.current_version = current_version
        super().__init__("the record changed since the form was opened")


class VersionedModelForm(forms.ModelForm):
    """A ModelForm for a model with a `version` field; use `save_checked()` instead of `save()`."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def save_checked(self):
        model = type(self.instance)
        with transaction.atomic():
            if self.instance.pk:
                current = model.objects.select_for_update().get(pk=self.instance.pk)
                submitted = self.cleaned_data.get("version")
                if submitted is not None and submitted != current.version:
                    raise EditConflict(self._differences(current), current.version)
                self.instance.version = current.version + 1
            return self.save()

    def show_conflict(self, conflict: EditConflict) -> None:
        """Keep what was typed, explain, and arm the form so that saving again keeps the typed values."""
        self.data = self.data.copy()
        self.data["version"] = conflict.current_version
        self.add_error(None, CONFLICT_MESSAGE)
        self.conflict = conflict.differences

    def _differences(self, current) -> list[dict]:
        differences = []
        for name, field in self.fields.items():
            if name == "version" or name not in self.cleaned_data:
                continue
            stored = getattr(current, name, None)
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


CONFLICT_MESSAGE = _(
    "Somebody else saved this record while you were editing it. Your changes were not saved: compare "
    "them with what is stored now, then save again if you want to keep yours."
)


def save_versioned(request, form) -> tuple[object | None, int]:
    """Save a VersionedModelForm if posted and valid: (object, 200); else (None, status) with 400 for
    errors (200 when not posted) and 409 for a concurrent edit, the form then showing the differences."""
    if request.method != "POST" or not form.is_valid():
        return None, 400 if form.errors else 200
    try:
        return form.save_checked(), 200
    except EditConflict as conflict:
        form.show_conflict(conflict)
        return None, 409
