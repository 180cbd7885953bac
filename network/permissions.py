"""Who may see and change what in the network: one QuerySet method per kind of object, used by the
pages, the API, the exports and the calendar feeds alike.

* coordinators (and administrators) see and change everything;
* a partner sees the organisations and offers, the people who agreed to be listed and the members of
  their own spaces, the spaces they belong to and the published ones, and the meetings (agenda,
  minutes, decisions) of their own spaces only; a facilitator of a space manages its meetings;
* a reader sees the organisations, the offers and the published spaces (never people or minutes);
* an anonymous visitor sees nothing of the network.
"""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404


def _is_coordinator(user) -> bool:
    return bool(user and user.is_authenticated and user.is_coordinator)


def _person_id(user):
    person = getattr(user, "person", None) if user and user.is_authenticated else None
    return person.pk if person else None


class OrganisationQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if user and user.is_authenticated else self.none()

    def editable_by(self, user):
        return self if _is_coordinator(user) else self.none()


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user):
        from accounts.choices import Role
        from network.choices import ConsentScope

        if _is_coordinator(user):
            return self
        if not (user and user.is_authenticated) or user.role != Role.PARTNER:
            return self.none()
        person_id = _person_id(user)
        condition = models.Q(consent_scope=ConsentScope.NETWORK, erased_at__isnull=True)
        if person_id:
            my_spaces = models.Subquery(
                self.model.spaces.through.objects.filter(person_id=person_id).values("space_id")
            )
            condition |= models.Q(pk=person_id) | models.Q(
                memberships__space__in=my_spaces, erased_at__isnull=True
            )
        return self.filter(condition).distinct()

    def editable_by(self, user):
        return self if _is_coordinator(user) else self.none()


class SpaceQuerySet(models.QuerySet):
    def visible_to(self, user):
        if _is_coordinator(user):
            return self
        if not (user and user.is_authenticated):
            return self.none()
        person_id = _person_id(user)
        condition = models.Q(is_published=True)
        if person_id:
            condition |= models.Q(memberships__person_id=person_id)
        return self.filter(condition).distinct()

    def with_meetings_visible_to(self, user):
        """Spaces whose meetings (agenda, minutes, decisions) the user may read: coordinators, members."""
        if _is_coordinator(user):
            return self
        person_id = _person_id(user)
        return self.filter(memberships__person_id=person_id).distinct() if person_id else self.none()

    def managed_by(self, user):
        """Spaces whose meetings the user may create and edit: coordinators, facilitators."""
        from network.choices import MemberRole

        if _is_coordinator(user):
            return self
        person_id = _person_id(user)
        if not person_id:
            return self.none()
        return self.filter(
            memberships__person_id=person_id, memberships__role=MemberRole.FACILITATOR
        ).distinct()

    def editable_by(self, user):
        return self if _is_coordinator(user) else self.none()


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        from network.models import ConcertationSpace

        if _is_coordinator(user):
            return self
        return self.filter(space__in=ConcertationSpace.objects.with_meetings_visible_to(user))

    def editable_by(self, user):
        from network.models import ConcertationSpace

        if _is_coordinator(user):
            return self
        return self.filter(space__in=ConcertationSpace.objects.managed_by(user))


def get_for(user, queryset, *, edit: bool = False, **lookup):
    """The object if the user may see it (404 otherwise) and, with edit=True, change it (403 otherwise)."""
    try:
        obj = queryset.visible_to(user).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None
    if edit and not queryset.editable_by(user).filter(pk=obj.pk).exists():
        raise PermissionDenied
    return obj
