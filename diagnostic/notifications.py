"""The diagnostic's messages (notifications/kinds.py): the invitation to review a campaign's findings."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from notifications.kinds import Kind

CAMPAIGN_INVITATION = "diagnostic.campaign_invitation"

KINDS = [
    Kind(
        code=CAMPAIGN_INVITATION,
        label=_("Invitation to a review campaign"),
        template="diagnostic/messages/campaign_invitation",
        description=_("You are invited to review findings through one or more lenses."),
    ),
]


def invite(campaign, *, by) -> list:
    """One message per person invited, naming the lenses they review through."""
    from diagnostic.models import CampaignInvitation
    from notifications.services import notify

    lenses: dict = {}
    for invitation in CampaignInvitation.objects.filter(campaign=campaign).select_related("user"):
        lenses.setdefault(invitation.user, []).append(invitation.get_lens_display())
    messages = []
    for user, names in lenses.items():
        messages += notify(
            user,
            CAMPAIGN_INVITATION,
            campaign,
            context={"campaign": campaign, "lenses": sorted(names), "findings": campaign.findings.count()},
            by=by,
            key="invited",
        )
    return messages
