"""Who sees and changes expertise requests: one rule, used by the pages, the API, the exports and the
notifications alike.

A request is visible to its requester's organisation (the partners who work there), to the experts
solicited on it (through their person record) and to the coordinators; nobody else learns it exists.
Coordinators triage it (qualify, refuse, redirect, solicit, reopen); the solicited expert accepts,
declines and answers their own solicitation; the requester's organisation or a coordinator closes it.
"""

from django.db import models

from pli.access import AccessQuerySet, is_coordinator, is_partner, partner_organisation_id, person_id


def may_read_report(user) -> bool:
    """The reactivity report (every request's timings and feedback): the coordinators'."""
    return is_coordinator(user)


def may_triage(user) -> bool:
    """Qualify, refuse, redirect, solicit experts and read why each was proposed: who may change every
    request (`editable_by`, the coordinators)."""
    return is_coordinator(user)


class ExpertiseRequestQuerySet(AccessQuerySet):
    def visible_to(self, user):
        if is_coordinator(user):
            return self
        condition = models.Q(pk__in=[])
        organisation = partner_organisation_id(user)
        if organisation:
            condition |= models.Q(requester_organisation_id=organisation)
        mine = person_id(user)
        if mine:
            from expertise.models import Assignment

            condition |= models.Q(pk__in=Assignment.objects.filter(expert_id=mine).values("request_id"))
        if not organisation and not mine:
            return self.none()
        return self.filter(condition)

    def closable_by(self, user):
        """Requests the user may close with feedback: their organisation's, or any for a coordinator."""
        if is_coordinator(user):
            return self
        organisation = partner_organisation_id(user)
        return self.filter(requester_organisation_id=organisation) if organisation else self.none()

    def creatable_by(self, user, parent=None):
        """Coordinators open any request; a partner, for their own organisation."""
        return is_coordinator(user) or bool(is_partner(user) and partner_organisation_id(user))


class AssignmentQuerySet(AccessQuerySet):
    """A solicitation follows its request; the expert solicited (and the coordinators) answer it."""

    def visible_to(self, user):
        from expertise.models import ExpertiseRequest

        if is_coordinator(user):
            return self
        return self.filter(request__in=ExpertiseRequest.objects.visible_to(user))

    def editable_by(self, user):
        if is_coordinator(user):
            return self
        mine = person_id(user)
        return self.filter(expert_id=mine) if mine else self.none()


class ThroughRequestQuerySet(AccessQuerySet):
    """Events and attachments follow the rule of their request."""

    def visible_to(self, user):
        from expertise.models import ExpertiseRequest

        if is_coordinator(user):
            return self
        return self.filter(request__in=ExpertiseRequest.objects.visible_to(user))
