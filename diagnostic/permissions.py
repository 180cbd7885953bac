"""Who may see and change diagnostics, findings and campaigns: one QuerySet rule per kind of object
(pli/access.py), used by the pages, the API, the exports and the other apps alike.

* coordinators (and administrators) see and change everything, and settle final verdicts;
* a signed-in user sees the published diagnostics and their findings (not drafts); a user invited to
  a campaign also sees that campaign and its findings, reviews them through the lens(es) invited for,
  and reads the reviews given through those lenses only;
* an anonymous visitor sees nothing here (the public plan shows the published findings it cites).
"""

from django.db import models

from pli.access import AccessQuerySet, is_authenticated, is_coordinator


def _published_diagnostic(prefix: str = "") -> models.Q:
    from diagnostic.choices import DiagnosticStatus

    return models.Q(**{f"{prefix}status__in": [DiagnosticStatus.PUBLISHED, DiagnosticStatus.CLOSED]})


def _published():
    from diagnostic.choices import FindingStatus

    return _published_diagnostic("diagnostic__") & ~models.Q(status=FindingStatus.DRAFT)


def _invitations(user):
    from diagnostic.models import CampaignInvitation

    return CampaignInvitation.objects.filter(user=user)


class DiagnosticQuerySet(AccessQuerySet):
    def published(self):
        return self.filter(_published_diagnostic())

    def visible_to(self, user):
        if is_coordinator(user):
            return self
        return self.published() if is_authenticated(user) else self.none()


class FindingQuerySet(AccessQuerySet):
    def published(self):
        """Findings of published diagnostics, drafts excepted: what a published plan may cite publicly."""
        return self.filter(_published())

    def visible_to(self, user):
        if is_coordinator(user):
            return self
        if not is_authenticated(user):
            return self.none()
        through = self.model.campaigns.through.objects
        invited = through.filter(reviewcampaign__in=_invitations(user).values("campaign_id"))
        # Its author sees a finding too (a partner's field finding, waiting for the coordinators).
        return self.filter(
            _published() | models.Q(pk__in=invited.values("finding_id")) | models.Q(created_by=user)
        )


class FindingPartQuerySet(AccessQuerySet):
    """Sources, wordings and evidence follow their finding."""

    def visible_to(self, user):
        from diagnostic.models import Finding

        return self if is_coordinator(user) else self.filter(finding__in=Finding.objects.visible_to(user))

    def editable_by(self, user):
        from diagnostic.models import Finding

        return self if is_coordinator(user) else self.filter(finding__in=Finding.objects.editable_by(user))


class CampaignQuerySet(AccessQuerySet):
    def visible_to(self, user):
        if is_coordinator(user):
            return self
        if not is_authenticated(user):
            return self.none()
        return self.filter(pk__in=_invitations(user).values("campaign_id"))


class InvitationQuerySet(AccessQuerySet):
    def visible_to(self, user):
        if is_coordinator(user):
            return self
        return self.filter(user=user) if is_authenticated(user) else self.none()


class ReviewQuerySet(AccessQuerySet):
    """A reviewer's verdicts are read by the coordinators and, in a campaign, by those invited through
    the same lens (a partner invited for the PCS lens reads the PCS reviews, not the others)."""

    def visible_to(self, user):
        if is_coordinator(user):
            return self
        if not is_authenticated(user):
            return self.none()
        same_lens = _invitations(user).filter(
            campaign=models.OuterRef("campaign"), lens=models.OuterRef("lens")
        )
        return self.filter(models.Exists(same_lens))

    def creatable_by(self, user, parent=None):
        """Reviews are given through the lenses one is invited for (diagnostic.services.record_review)."""
        return is_authenticated(user)


class SettlementQuerySet(AccessQuerySet):
    """Final verdicts are read with their campaign; coordinators settle them."""

    def visible_to(self, user):
        from diagnostic.models import ReviewCampaign

        return (
            self
            if is_coordinator(user)
            else self.filter(campaign__in=ReviewCampaign.objects.visible_to(user))
        )


def lenses_for(user, campaign) -> list[str]:
    """The lenses through which the user may review the campaign's findings."""
    if is_coordinator(user):
        return list(campaign.lenses)
    if not is_authenticated(user):
        return []
    invited = set(_invitations(user).filter(campaign=campaign).values_list("lens", flat=True))
    return [lens for lens in campaign.lenses if lens in invited]
