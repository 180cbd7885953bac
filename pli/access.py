"""The access layer every app shares: who the user is for the rules, the base QuerySet of the rules,
and the one helper that fetches an object for a page.

Each kind of object has one rule, written once as QuerySet methods:

* `visible_to(user)`: the rows the user may read (404 for the others: they do not learn it exists);
* `editable_by(user)`: the rows the user may change (403 when they may read but not change);
* `creatable_by(user, parent=None)`: whether the user may add a row (under that parent object).

Pages, the API, exports, feeds, search and notifications call only these methods; templates ask
`can_edit` / `can_create` (context flags or the `access` template tags), never a role.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

if TYPE_CHECKING:
    from django.db.models import Model, QuerySet


def is_authenticated(user) -> bool:
    return bool(user is not None and user.is_authenticated)


def is_coordinator(user) -> bool:
    """Staff of the integration centre (administrators included): they see and manage everything."""
    return bool(is_authenticated(user) and user.is_coordinator)


def is_partner(user) -> bool:
    from accounts.choices import Role

    return bool(is_authenticated(user) and user.role == Role.PARTNER)


def person_of(user):
    """The network person linked to the account (not erased), or None."""
    if not is_authenticated(user):
        return None
    person = getattr(user, "person", None)
    return person if person is not None and not person.erased_at else None


def person_id(user) -> int | None:
    person = person_of(user)
    return person.pk if person else None


def partner_organisation_id(user) -> int | None:
    """The organisation a partner works for (through their person record), or None."""
    if not is_partner(user):
        return None
    person = person_of(user)
    return person.organisation_id if person else None


class AccessQuerySet(models.QuerySet):
    """The base of every rule: coordinators see and change everything; nobody else, unless the kind of
    object says more by overriding `visible_to` (and, rarely, `editable_by` or `creatable_by`)."""

    def visible_to(self, user) -> QuerySet:
        return self if is_coordinator(user) else self.none()

    def editable_by(self, user) -> QuerySet:
        return self if is_coordinator(user) else self.none()

    def creatable_by(self, user, parent: Model | None = None) -> bool:
        """Whether the user may add an object of this kind (under `parent`, e.g. an offer under its
        organisation). Default: coordinators, or whoever may change the parent."""
        if parent is not None:
            return can_edit(user, parent)
        return is_coordinator(user)


class PublicQuerySet(AccessQuerySet):
    """Open data: everybody reads; coordinators change."""

    def visible_to(self, user) -> QuerySet:
        return self


class SignedInQuerySet(AccessQuerySet):
    """Read by every signed-in user; changed by coordinators."""

    def visible_to(self, user) -> QuerySet:
        return self if is_authenticated(user) else self.none()


def rules(model_or_queryset) -> AccessQuerySet:
    """The rule QuerySet of a model (or the QuerySet given)."""
    if isinstance(model_or_queryset, models.QuerySet):
        return cast(AccessQuerySet, model_or_queryset)
    return model_or_queryset._default_manager.all()


def _contains(queryset: QuerySet, obj: Model) -> bool:
    """Whether the stored object is in the rule's rows, without a query when the rule says all or none."""
    if obj.pk is None or queryset.query.is_empty():
        return False
    if not queryset.query.where:  # every row (a coordinator's rule): the object is one of them
        return True
    return queryset.filter(pk=obj.pk).exists()


def can_view(user, obj: Model) -> bool:
    return _contains(rules(type(obj)).visible_to(user), obj)


def can_edit(user, obj: Model) -> bool:
    return _contains(rules(type(obj)).editable_by(user), obj)


def can_create(user, model: type[Model], parent: Model | None = None) -> bool:
    return rules(model).creatable_by(user, parent)


def get_for(user, queryset: Any, *, edit: bool = False, **lookup) -> Any:
    """The object if the user may see it (404 otherwise) and, with edit=True, change it (403 otherwise).

    `queryset` is a QuerySet (or a manager) of a model whose QuerySet has the rule methods."""
    queryset = queryset.all()
    try:
        obj = queryset.visible_to(user).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if edit and not queryset.editable_by(user).filter(pk=obj.pk).exists():
        raise PermissionDenied
    return obj


# Services take the acting user as `by`. `by=None` is the platform itself: a command run by whoever
# administers the machine (`pli demo`, `pli setup_data`, an import from the command line). Views and the
# API always pass `request.user` (an AnonymousUser when nobody is logged in), never None.


def require(by, allowed, message: str = "") -> None:
    """Refuse with PermissionDenied unless `by` may (`allowed`: a bool, or a callable asked only for a
    user); the platform itself (`by=None`) may."""
    if by is None:
        return
    if not (allowed() if callable(allowed) else allowed):
        raise PermissionDenied(message) if message else PermissionDenied


def require_edit(by, obj: Model, message: str = "") -> None:
    require(by, lambda: can_edit(by, obj), message)


def require_create(by, model: type[Model], parent: Model | None = None, message: str = "") -> None:
    require(by, lambda: can_create(by, model, parent), message)
