"""Who may see and change alerts and interpellations: one QuerySet rule per kind of object
(pli/access.py), used by the pages, the API, the chain and the reminders alike.

* coordinators (and administrators) see and write everything;
* a partner raises alerts (then "to qualify") and reads those of their organisation; they read the
  interpellations their organisation carries, and validate them as co-signatories;
* anybody, even an anonymous visitor, reads a published interpellation (sent, then published by its
  carriers) and its answers; its chain then shows only what is itself public (advocacy.chain).
"""

from django.db import models

from pli.access import AccessQuerySet, is_authenticated, is_coordinator, is_partner, partner_organisation_id


def _published(prefix: str = "") -> models.Q:
    from advocacy.choices import Phase

    return models.Q(**{f"{prefix}is_published": True, f"{prefix}phase__in": [Phase.SENT, Phase.NO_FOLLOW_UP]})


def _carried_by(organisation_id):
    from advocacy.models import Carrier

    return Carrier.objects.filter(organisation_id=organisation_id).values("interpellation_id")


class AlertQuerySet(AccessQuerySet):
    def visible_to(self, user):
        if is_coordinator(user):
            return self
        if not is_partner(user):
            return self.none()
        condition = models.Q(raised_by=user)
        organisation_id = partner_organisation_id(user)
        if organisation_id:
            condition |= models.Q(organisation_id=organisation_id)
        return self.filter(condition)

    def creatable_by(self, user, parent=None):
        """Coordinators and partners raise alerts (a partner's is to qualify)."""
        return is_coordinator(user) or is_partner(user)


class AlertPartQuerySet(AccessQuerySet):
    """Sources and reactions follow their alert."""

    def visible_to(self, user):
        from advocacy.models import Alert

        return self if is_coordinator(user) else self.filter(alert__in=Alert.objects.visible_to(user))


class AlertSourceQuerySet(AlertPartQuerySet):
    def creatable_by(self, user, parent=None):
        """Coordinators add sources to any alert; the partner who raised one, to theirs until it is
        closed (the press article found the next day, the field report written up)."""
        from advocacy.choices import AlertStatus

        if is_coordinator(user):
            return True
        return bool(
            parent is not None
            and is_partner(user)
            and parent.raised_by_id == user.pk
            and parent.status != AlertStatus.CLOSED
        )


class InterpellationQuerySet(AccessQuerySet):
    def published(self):
        return self.filter(_published())

    def visible_to(self, user):
        if is_coordinator(user):
            return self
        condition = _published()
        organisation_id = partner_organisation_id(user)
        if organisation_id:
            condition |= models.Q(pk__in=_carried_by(organisation_id))
        return self.filter(condition)

    def validatable_by(self, user):
        """The interpellations the user may validate as a carrier: a partner, for their organisation."""
        organisation_id = partner_organisation_id(user)
        if not organisation_id:
            return self.none()
        return self.filter(pk__in=_carried_by(organisation_id))


class InterpellationPartQuerySet(AccessQuerySet):
    """Carriers, links, answers and follow-ups follow their interpellation."""

    def visible_to(self, user):
        from advocacy.models import Interpellation

        if is_coordinator(user):
            return self
        return self.filter(interpellation__in=Interpellation.objects.visible_to(user))


def is_carrier(user, interpellation) -> bool:
    organisation_id = partner_organisation_id(user)
    return bool(
        organisation_id
        and is_authenticated(user)
        and interpellation.carriers.filter(organisation_id=organisation_id).exists()
    )
