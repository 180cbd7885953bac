"""Reading the audit trail: an object's history (Historique) and the platform's journal.

Who reads it: an object's history, whoever may change the object (and the coordinators); the journal
of the whole platform, the coordinators only. Both read AuditEvent rows written by the services
(accounts/audit.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.audit import PLATFORM, action_label, field_label, history_of
from accounts.models import AuditEvent
from pli.access import can_edit, get_for, is_coordinator

if TYPE_CHECKING:
    from django.db.models import Model, QuerySet


def kind_of(obj_or_model) -> str:
    meta = obj_or_model._meta
    return f"{meta.app_label}.{meta.model_name}"


def history_url(obj: Model) -> str:
    return reverse("history:object", args=[kind_of(obj), obj.pk])


def may_read_history(user, obj: Model) -> bool:
    return is_coordinator(user) or can_edit(user, obj)


def may_read_journal(user) -> bool:
    return is_coordinator(user)


def object_for_history(user, kind: str, pk: str) -> Model:
    """The object named by its kind ("network.organisation") and key, if the user may read its history
    (404 for an unknown kind or an object they may not see, 403 if they see it but may not change it)."""
    try:
        model = apps.get_model(kind)
    except (LookupError, ValueError):
        raise Http404 from None
    if not hasattr(model._default_manager.all(), "visible_to"):
        raise Http404
    obj = get_for(user, model._default_manager, pk=pk)
    if not may_read_history(user, obj):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    return obj


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class Entry:
    event: AuditEvent
    action: str
    who: str
    changes: list[Change]
    is_own: bool  # about the object itself (not one of its rows: an offer of an organisation…)
    kind: str


def _text(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def entry(event: AuditEvent, obj: Model | None = None) -> Entry:
    changes = [
        Change(field_label(event, name), _text(values[0]), _text(values[1]))
        for name, values in sorted(event.changes.items())
        if isinstance(values, list) and len(values) == 2
    ]
    own = obj is None or (
        event.content_type_id == ContentType.objects.get_for_model(type(obj)).pk
        and event.object_id == str(obj.pk)
    )
    kind = str(event.content_type.model_class()._meta.verbose_name) if event.content_type_id else ""
    return Entry(event, action_label(event.action), who(event), changes, own, kind)


def who(event: AuditEvent) -> str:
    """The actor as written then; the platform for its own entries; a dash for an anonymous visitor."""
    if event.actor_label:
        return event.actor_label
    return _("the platform") if event.details.get(PLATFORM) else "—"


def object_history(obj: Model) -> list[Entry]:
    return [entry(event, obj) for event in history_of(obj)]


def journal(*, actor=None, kind: str = "", action: str = "", since=None, until=None) -> QuerySet:
    """Every entry of the platform, newest first, filtered."""
    events = AuditEvent.objects.select_related("content_type")
    if actor is not None:
        events = events.filter(actor=actor)
    if kind:
        app_label, _dot, model = kind.partition(".")
        events = events.filter(content_type__app_label=app_label, content_type__model=model)
    if action:
        events = events.filter(action=action)
    if since:
        events = events.filter(at__date__gte=since)
    if until:
        events = events.filter(at__date__lte=until)
    return events
