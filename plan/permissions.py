"""Who may see and change the plan, used by the pages, the API and the exports alike.

* coordinators (and administrators) see and write everything, and publish adopted plans;
* anybody, even an anonymous visitor, reads a published plan: its axes, priorities, recommendations,
  means, resources and progress (never minutes, people or draft findings);
* a partner also sees, in plans not yet published, the recommendations where their organisation is a
  resource (and the priorities and plan around them), and posts progress updates on those;
* a reader sees the published plans only.
"""

from django.db import models

from plan.choices import PlanStatus
from pli.access import AccessQuerySet, is_coordinator, partner_organisation_id


def _published(prefix: str = "") -> models.Q:
    """A published plan: published by a coordinator, and adopted or closed (never one in preparation)."""
    public = [PlanStatus.ADOPTED, PlanStatus.CLOSED]
    return models.Q(**{f"{prefix}is_published": True, f"{prefix}status__in": public})


def partner_organisation(user):
    """The organisation a partner works for, as an object, to record on whose behalf they report."""
    from network.models import Organisation

    organisation_id = partner_organisation_id(user)
    return Organisation.objects.filter(pk=organisation_id).first() if organisation_id else None


def _carried_by(organisation_id, field: str):
    """Subquery: the `field` of every recommendation the organisation is a resource of."""
    from plan.models import Resource

    return Resource.objects.filter(organisation_id=organisation_id).values(f"recommendation__{field}")


# Each rule is a filter on the rows themselves (a subquery for what a partner carries), never a join:
# the querysets can then be counted, annotated and averaged without counting a row twice.


class PlanQuerySet(AccessQuerySet):
    def published(self):
        return self.filter(_published())

    def visible_to(self, user):
        if is_coordinator(user):
            return self
        condition = _published()
        organisation_id = partner_organisation_id(user)
        if organisation_id:
            condition |= models.Q(pk__in=_carried_by(organisation_id, "priority__plan_id"))
        return self.filter(condition)

    def with_progress(self):
        """Each plan with its number of recommendations and their average progress."""
        return self.annotate(
            recommendation_count=models.Count("priorities__recommendations"),
            average_progress=models.Avg("priorities__recommendations__progress"),
        )


class PriorityQuerySet(AccessQuerySet):
    def visible_to(self, user):
        if is_coordinator(user):
            return self
        condition = _published("plan__")
        organisation_id = partner_organisation_id(user)
        if organisation_id:
            condition |= models.Q(pk__in=_carried_by(organisation_id, "priority_id"))
        return self.filter(condition)


class RecommendationQuerySet(AccessQuerySet):
    def visible_to(self, user):
        if is_coordinator(user):
            return self
        condition = _published("priority__plan__")
        organisation_id = partner_organisation_id(user)
        if organisation_id:
            condition |= models.Q(pk__in=_carried_by(organisation_id, "id"))
        return self.filter(condition)

    def progress_postable_by(self, user):
        """Recommendations on which the user may post a progress update: a partner, on those their
        organisation carries in a plan not yet closed (a closed plan's record is final)."""
        if is_coordinator(user):
            return self
        organisation_id = partner_organisation_id(user)
        if not organisation_id:
            return self.none()
        carried = self.filter(pk__in=_carried_by(organisation_id, "id"))
        return carried.exclude(priority__plan__status=PlanStatus.CLOSED)


class RecommendationPartQuerySet(AccessQuerySet):
    """Means, resources, addressees and progress updates follow their recommendation."""

    def visible_to(self, user):
        from plan.models import Recommendation

        if is_coordinator(user):
            return self
        return self.filter(recommendation__in=Recommendation.objects.visible_to(user))

    def editable_by(self, user):
        from plan.models import Recommendation

        if is_coordinator(user):
            return self
        return self.filter(recommendation__in=Recommendation.objects.editable_by(user))


class ProgressUpdateQuerySet(RecommendationPartQuerySet):
    def creatable_by(self, user, parent=None):
        """A progress update is posted on a recommendation one may post on (see progress_postable_by)."""
        from plan.models import Recommendation

        if parent is None:
            return is_coordinator(user)
        return Recommendation.objects.progress_postable_by(user).filter(pk=parent.pk).exists()


def sees_whole_plan(user, plan) -> bool:
    """Whether the user may read figures about the whole plan (totals, dashboard, coverage map): anybody
    for a published plan, coordinators for the others (a partner sees only what they carry)."""
    return plan.is_public or is_coordinator(user)
