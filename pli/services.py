"""The one way every app writes: check the permission and the version, save, and leave one audit entry,
all in one transaction.

An app's `services.py` names its writes (`save_organisation`, `add_offer`, `post_progress`…) and
builds them from these pieces:

* `save_form(form, by=…, parent=…)`: create or edit from a validated ModelForm;
* `edit(obj, by=…, version=…)`: a context manager for an edit that is more than a form's fields
  (the row locked, permission and version checked, the entry written with the fields before and after);
* `create(obj, by=…, parent=…)` and `delete(obj, by=…)` for the rest.

Views and the API call the app's services; none of them saves a model themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import transaction

from accounts.audit import record, snapshot
from pli.access import require_create, require_edit
from pli.concurrency import EditConflict, is_versioned, version_matches

if TYPE_CHECKING:
    from django.db.models import Model
    from django.forms import ModelForm

NOT_CHECKED = object()
M = TypeVar("M", bound="Model")


@contextmanager
def edit(
    obj: M,
    *,
    by,
    version: Any = NOT_CHECKED,
    action: str = "update",
    parent: Model | None = None,
    check_permission: bool = True,
    differences: Callable[[M], list[dict]] | None = None,
    details: dict | None = None,
) -> Iterator[M]:
    """Lock the stored row, check that `by` may change it and that it is still at `version`, and yield
    it; after the block, bump the version (of a Versioned row) and record what changed.

    The caller changes and saves `obj` (e.g. `form.save()`) or the yielded locked row. A refused
    version raises EditConflict with `differences(current)` (what a form shows the user)."""
    model = type(obj)
    with transaction.atomic():
        current = model._default_manager.select_for_update().get(pk=obj.pk)
        if check_permission:
            require_edit(by, current)
        versioned = is_versioned(model)
        stored: int = getattr(current, "version", 0)
        if versioned and version is not NOT_CHECKED and not version_matches(version, stored):
            raise EditConflict(differences(current) if differences else [], stored)
        before = snapshot(current)
        if versioned:
            obj.version = current.version + 1  # type: ignore[attr-defined]  # a Versioned model
            current.version = current.version + 1  # type: ignore[attr-defined]
        yield current
        if versioned:  # whichever copy the caller saved, the stored version is the new one
            model._default_manager.filter(pk=obj.pk).update(version=stored + 1)
        record(by, action, obj, before=before, parent=parent, details=details)


def create(
    obj: M, *, by, parent: Model | None = None, save: Callable[[], Any] | None = None, details=None
) -> M:
    """Save a new object if `by` may create it (under `parent`), and record it."""
    require_create(by, type(obj), parent)
    with transaction.atomic():
        (save or obj.save)()
        record(by, "create", obj, parent=parent, details=details)
    return obj


def delete(obj: Model, *, by, parent: Model | None = None) -> None:
    """Delete the object if `by` may change it, recording what it was."""
    with transaction.atomic():
        current = type(obj)._default_manager.select_for_update().filter(pk=obj.pk).first()
        if current is None:
            return  # already gone: nothing to do, nothing to record
        require_edit(by, current)
        before = snapshot(current)
        label = str(current)
        current.delete()
        current.pk = obj.pk  # the entry names the object that was
        event = record(
            by, "delete", current, changes={k: [v, None] for k, v in before.items()}, parent=parent
        )
        event.object_repr = label[:254]
        event.save(update_fields=["object_repr"])


def save_form(
    form: ModelForm[M],
    *,
    by,
    parent: Model | None = None,
    after_save: Callable[[M], Any] | None = None,
) -> M:
    """Create or edit the form's object through the checks above; `after_save(obj)` runs in the same
    transaction (e.g. to keep a derived field up to date)."""
    instance = form.instance

    def save() -> M:
        obj = form.save()
        if after_save:
            after_save(obj)
        return obj

    if instance.pk is None:
        with transaction.atomic():
            return create(instance, by=by, parent=parent, save=save)
    version = form.cleaned_data.get("version") if "version" in form.fields else NOT_CHECKED
    with edit(
        instance,
        by=by,
        version=version,
        parent=parent,
        differences=getattr(form, "differences", None),
    ):
        return save()
