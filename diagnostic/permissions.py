"""Who may see and change findings and campaigns, used by the pages, the API and the exports.

* coordinators (and administrators) see and change everything, and settle final verdicts;
* a partner or a reader sees the findings of published diagnostics (not drafts); a user invited to a
  campaign also sees that campaign and its findings, and reviews them through the lens(es) invited for;
* an anonymous visitor sees nothing here (the public plan will show what is published).
"""

from django.db import models


def _is_coordinator(user) -> bool:
    return bool(user and user.is_authenticated and user.is_coordinator)


def _published():
    from diagnostic.choices import DiagnosticStatus, FindingStatus

    return models.Q(diagnostic__status__in=[DiagnosticStatus.PUBLISHED, DiagnosticStatus.CLOSED]) & ~models.Q(
        status=FindingStatus.DRAFT
    )


class FindingQuerySet(models.QuerySet):
    def published(self):
        """Findings of published diagnostics, drafts excepted: what a published plan may cite publicly."""
        return self.filter(_published())

    def visible_to(self, user):
        if _is_coordinator(user):
            return self
        if not (user and user.is_authenticated):
            return self.none()
        invited = models.Q(campaigns__invitations__user=user)
        return self.filter(_published() | invited).distinct()

    def editable_by(self, user):
        return self if _is_coordinator(user) else self.none()


class CampaignQuerySet(models.QuerySet):
    def visible_to(self, user):
        if _is_coordinator(user):
            return self
        if not (user and user.is_authenticated):
            return self.none()
        return self.filter(invitations__user=user).distinct()

    def editable_by(self, user):
        return self if _is_coordinator(user) else self.none()


def lenses_for(user, campaign) -> list[str]:
    """The lenses through which the user may review the campaign's findings."""
    if _is_coordinator(user):
        return list(campaign.lenses)
    if not (user and user.is_authenticated):
        return []
    invited = set(campaign.invitations.filter(user=user).values_list("lens", flat=True))
    return [lens for lens in campaign.lenses if lens in invited]
