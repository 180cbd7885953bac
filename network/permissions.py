"""Who may see and change what in the network: one QuerySet rule per kind of object (pli/access.py),
used by the pages, the API, the exports and the calendar feeds alike.

* coordinators (and administrators) see and change everything;
* a partner sees the organisations and offers, the people who agreed to be listed and the members of
  their own spaces, the spaces they belong to and the published ones, and the meetings (agenda,
  minutes, decisions, attendance, documents) of their own spaces only; a facilitator of a space
  manages its meetings;
* a reader sees the organisations, the offers and the published spaces (never people or minutes);
* an anonymous visitor sees nothing of the network.
"""

from django.db import models

from pli.access import (
    AccessQuerySet,
    SignedInQuerySet,
    is_authenticated,
    is_coordinator,
    is_partner,
    person_id,
)


class OrganisationQuerySet(SignedInQuerySet):
    pass


class OfferQuerySet(AccessQuerySet):
    """Offers follow their organisation."""

    def visible_to(self, user):
        from network.models import Organisation

        return self.filter(organisation__in=Organisation.objects.visible_to(user))

    def editable_by(self, user):
        from network.models import Organisation

        return self.filter(organisation__in=Organisation.objects.editable_by(user))


class PersonQuerySet(AccessQuerySet):
    def visible_to(self, user):
        from network.choices import ConsentScope

        if is_coordinator(user):
            return self
        if not is_partner(user):
            return self.none()
        mine = person_id(user)
        condition = models.Q(consent_scope=ConsentScope.NETWORK, erased_at__isnull=True)
        if mine:
            my_spaces = models.Subquery(
                self.model.spaces.through.objects.filter(person_id=mine).values("space_id")
            )
            condition |= models.Q(pk=mine) | models.Q(
                pk__in=self.model.spaces.through.objects.filter(space_id__in=my_spaces).values("person_id"),
                erased_at__isnull=True,
            )
        return self.filter(condition)

    def active(self):
        """The people who may still be asked for something (an expertise): not erased, still active in
        the network, in an organisation that is active too (or in none), with a platform account that is
        not disabled (or none: a disabled account receives no message)."""
        return self.filter(
            models.Q(organisation__isnull=True) | models.Q(organisation__is_active=True),
            models.Q(user__isnull=True) | models.Q(user__is_active=True),
            erased_at__isnull=True,
            is_active=True,
        )


class SpaceQuerySet(AccessQuerySet):
    def visible_to(self, user):
        if is_coordinator(user):
            return self
        if not is_authenticated(user):
            return self.none()
        condition = models.Q(is_published=True)
        mine = person_id(user)
        if mine:
            condition |= models.Q(pk__in=self._spaces_of(mine))
        return self.filter(condition)

    def _spaces_of(self, person, **membership):
        return self.model.members.through.objects.filter(person_id=person, **membership).values("space_id")

    def with_meetings_visible_to(self, user):
        """Spaces whose meetings (agenda, minutes, decisions) the user may read: coordinators, members."""
        if is_coordinator(user):
            return self
        mine = person_id(user)
        return self.filter(pk__in=self._spaces_of(mine)) if mine else self.none()

    def managed_by(self, user):
        """Spaces whose meetings the user may create and edit: coordinators, facilitators."""
        from network.choices import MemberRole

        if is_coordinator(user):
            return self
        mine = person_id(user)
        if not mine:
            return self.none()
        return self.filter(pk__in=self._spaces_of(mine, role=MemberRole.FACILITATOR))


class MembershipQuerySet(AccessQuerySet):
    """A space's members are read by whoever reads its meetings; coordinators change them."""

    def visible_to(self, user):
        from network.models import ConcertationSpace

        return self.filter(space__in=ConcertationSpace.objects.with_meetings_visible_to(user))

    def editable_by(self, user):
        from network.models import ConcertationSpace

        return self.filter(space__in=ConcertationSpace.objects.editable_by(user))


class MeetingQuerySet(AccessQuerySet):
    def visible_to(self, user):
        from network.models import ConcertationSpace

        if is_coordinator(user):
            return self
        return self.filter(space__in=ConcertationSpace.objects.with_meetings_visible_to(user))

    def editable_by(self, user):
        from network.models import ConcertationSpace

        if is_coordinator(user):
            return self
        return self.filter(space__in=ConcertationSpace.objects.managed_by(user))

    def creatable_by(self, user, parent=None):
        """A meeting is created in a space by its facilitators (and the coordinators)."""
        from network.models import ConcertationSpace

        if parent is None:
            return is_coordinator(user)
        return ConcertationSpace.objects.managed_by(user).filter(pk=parent.pk).exists()


class ThroughMeetingQuerySet(AccessQuerySet):
    """Attendance, decisions and documents follow the rule of their meeting."""

    def visible_to(self, user):
        from network.models import Meeting

        if is_coordinator(user):
            return self
        return self.filter(meeting__in=Meeting.objects.visible_to(user))

    def editable_by(self, user):
        from network.models import Meeting

        if is_coordinator(user):
            return self
        return self.filter(meeting__in=Meeting.objects.editable_by(user))


def sees_people(user) -> bool:
    """Whether the user may list the people of the network (readers never see people)."""
    return is_coordinator(user) or is_partner(user)
