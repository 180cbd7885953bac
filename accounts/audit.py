"""The audit trail: what each write changed, recorded by the services inside their transaction.

`snapshot(obj)` reads an object's fields as plain, displayable values (a foreign key as the text of the
object it points to, a choice as its label, a many-to-many as the sorted texts of its members);
`record(actor, action, obj, before=…)` writes one AuditEvent with the fields that differ between the
snapshot taken before the change and the object as it is now. `history_of(obj)` is an object's
history (with the changes of the rows that belong to it: an organisation's offers, a recommendation's
means…); `scrub(texts)` removes a person's name and e-mail from the whole trail when they are erased.

Bulk loads (imports, the demo) write no per-row entry: an import is one entry, the demo none.
"""

from __future__ import annotations

import datetime
import decimal
import json
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from accounts.models import AuditEvent
from pli import versions

if TYPE_CHECKING:
    from django.db.models import Model, QuerySet

# The mark in `details` of what the platform itself did (`record(None, …)`: a command, the task worker),
# told apart from what an anonymous visitor did (`record(AnonymousUser(), …)`): both have no actor.
PLATFORM = "by_platform"

# Fields that say nothing to a reader of the history, or must never be copied into it.
HIDDEN_FIELDS = {
    "id",
    "version",
    "updated_at",
    "created_at",
    "search_text",
    "password",
    "calendar_token",
    "digest",
}
ERASED = "—"

ACTION_LABELS = {
    "create": _("created"),
    "update": _("changed"),
    "delete": _("deleted"),
    "publish": _("published"),
    "unpublish": _("publication withdrawn"),
    "new_version": _("new version created"),
    "review": _("reviewed"),
    "settle": _("final verdict"),
    "close": _("closed"),
    "erase": _("personal data erased"),
    "progress": _("progress posted"),
    "import": _("imported"),
    "login": _("logged in"),
    "notify": _("notification written"),
    "retry": _("sent again"),
    "restart": _("started again"),
    "finish": _("finished"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def _plain(value: Any) -> Any:
    """A value as JSON can hold it and a reader can read it."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, decimal.Decimal):  # 1500.00 → "1500", 0.50 → "0.5"
        return format(value.normalize(), "f")
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return (
            value.isoformat(timespec="minutes") if isinstance(value, datetime.datetime) else value.isoformat()
        )
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, FieldFile):  # a stored file (an empty one has no url: hasattr would raise)
        return value.name or ""
    return str(value)


def _fields(model: type[Model]):
    for field in model._meta.get_fields():
        if field.auto_created or not field.concrete or field.name in HIDDEN_FIELDS:
            continue
        if field.name.endswith("token") or field.name.startswith("is_demo"):
            continue
        yield field


def snapshot(obj: Model | None) -> dict[str, Any]:
    """The object's fields as plain values; an unsaved or missing object is an empty snapshot."""
    if obj is None or obj.pk is None:
        return {}
    values: dict[str, Any] = {}
    for field in _fields(type(obj)):
        if field.many_to_many:
            values[field.name] = sorted(str(related) for related in getattr(obj, field.name).all())
        elif field.is_relation:
            related = getattr(obj, field.name)
            values[field.name] = str(related) if related is not None else None
        elif field.choices:
            raw = getattr(obj, field.attname)
            if isinstance(raw, list):  # a list of choices (e.g. levels of power)
                labels = dict(field.base_field.choices) if hasattr(field, "base_field") else {}
                values[field.name] = [str(labels.get(v, v)) for v in raw]
            else:
                values[field.name] = str(getattr(obj, f"get_{field.name}_display")()) if raw else raw
        else:
            values[field.name] = _plain(getattr(obj, field.attname))
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list]:
    """{field: [before, after]} for the fields whose value changed (a creation has `before` empty)."""
    changes = {}
    for name in after.keys() | before.keys():
        old, new = before.get(name), after.get(name)
        if old != new and not (old in (None, "", []) and new in (None, "", [])):
            changes[name] = [old, new]
    return changes


def _reference(obj: Model | None) -> tuple[ContentType | None, str]:
    if obj is None:
        return None, ""
    return ContentType.objects.get_for_model(type(obj)), str(obj.pk)


def record(
    actor,
    action: str,
    obj: Model | None = None,
    *,
    before: dict[str, Any] | None = None,
    changes: dict[str, list] | None = None,
    parent: Model | None = None,
    target: str = "",
    details: dict | None = None,
) -> AuditEvent:
    """Write one entry: who, when, what object, and the fields before and after.

    `before` is the snapshot taken before the change; the object is read again now for the after.
    Give `changes` instead when the change is not a field of the object (a verdict, a publication)."""
    if changes is None and obj is not None:
        after = {} if action == "delete" else snapshot(_fresh(obj))
        changes = diff(before or {}, after)
    content_type, object_id = _reference(obj)
    parent_type, parent_id = _reference(parent)
    label = actor.email if getattr(actor, "is_authenticated", False) else ""
    if actor is None:  # the platform itself (a command, the task worker), not an anonymous visitor
        details = {**(details or {}), PLATFORM: True}
    # The pages cached for the object's area are rendered again once this write commits, whichever
    # way it wrote (an UPDATE sends no signal).
    versions.renew_for(obj, parent)
    return AuditEvent.objects.create(
        actor=actor if label else None,
        actor_label=label,
        action=action,
        target=target or (f"{content_type.model} #{object_id}" if content_type else ""),
        content_type=content_type,
        object_id=object_id,
        object_repr=str(obj)[:254] if obj is not None else "",
        parent_type=parent_type,
        parent_id=parent_id,
        changes=changes or {},
        details=details or {},
    )


def _fresh(obj: Model) -> Model:
    """The object as stored now (its many-to-many included), not as the caller's copy has it: one query
    with the rows it points to, one per many-to-many."""
    model = type(obj)
    fields = list(_fields(model))
    relations = [f.name for f in fields if f.is_relation and not f.many_to_many]
    many = [f.name for f in fields if f.many_to_many]
    found = (
        model._default_manager.select_related(*relations).prefetch_related(*many).filter(pk=obj.pk).first()
    )
    return found or obj


def history_of(obj: Model) -> QuerySet:
    """The entries about the object and about the rows that belong to it, newest first."""
    content_type, object_id = _reference(obj)
    return AuditEvent.objects.filter(
        models.Q(content_type=content_type, object_id=object_id)
        | models.Q(parent_type=content_type, parent_id=object_id)
    ).select_related("content_type")


def field_label(event: AuditEvent, name: str) -> str:
    model = event.content_type.model_class() if event.content_type else None
    try:
        return str(getattr(model._meta.get_field(name), "verbose_name", name)) if model else name
    except Exception:  # a field removed since: its name is all we have
        return name


def scrub(texts: list[str], *, actor=None) -> int:
    """Remove every occurrence of these texts (a person's name, e-mail…) from the trail, and the
    actor's name from the entries they wrote; returns the number of entries changed."""
    texts = [t for t in texts if t and len(t) >= 3]
    changed = 0
    if actor is not None:
        changed += AuditEvent.objects.filter(actor=actor).update(actor_label=ERASED)
    if not texts:
        return changed
    condition = models.Q()
    for text in texts:
        condition |= models.Q(object_repr__icontains=text) | models.Q(target__icontains=text)
        condition |= models.Q(actor_label__iexact=text)
        # JSON may be stored with non-ASCII letters escaped (SQLite) or as they are (PostgreSQL).
        for form in {text, json.dumps(text)[1:-1]}:
            condition |= models.Q(changes_text__icontains=form) | models.Q(details_text__icontains=form)
    events = AuditEvent.objects.annotate(
        changes_text=Cast("changes", models.TextField()), details_text=Cast("details", models.TextField())
    ).filter(condition)
    for event in events:
        event.object_repr = _without(event.object_repr, texts)
        event.target = _without(event.target, texts)
        event.actor_label = ERASED if event.actor_label in texts else event.actor_label
        event.changes = _without(event.changes, texts)
        event.details = _without(event.details, texts)
        event.save(update_fields=["object_repr", "target", "actor_label", "changes", "details"])
        changed += 1
    return changed


def _without(value: Any, texts: list[str]) -> Any:
    if isinstance(value, str):
        for text in texts:
            if text.lower() in value.lower():
                start = value.lower().index(text.lower())
                value = value[:start] + ERASED + value[start + len(text) :]
                return _without(value, texts)
        return value
    if isinstance(value, list):
        return [_without(v, texts) for v in value]
    if isinstance(value, dict):
        return {k: _without(v, texts) for k, v in value.items()}
    return value
