"""The diagnostic's messages: opening a campaign invites each person invited, naming their lenses."""

import pytest
from django.core import mail
from django.urls import reverse

from diagnostic.models import CampaignInvitation
from diagnostic.notifications import CAMPAIGN_INVITATION
from diagnostic.tests.test_campaigns import build_campaign_world, campaign_data
from notifications.models import Message

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(statistics, personas):
    return build_campaign_world(personas)


def test_opening_a_campaign_invites_each_person_through_their_lens(
    client_as, personas, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_as(personas["coordinator"]).post(
            reverse("diagnostic:campaign_create"), campaign_data(world, personas)
        )
    messages = {m.recipient.email: m for m in Message.objects.filter(kind=CAMPAIGN_INVITATION)}
    assert set(messages) == {"partner_member@example.org", "partner_outsider@example.org"}
    member = messages["partner_member@example.org"]
    assert "Relecture PPLI 2.0" in member.subject
    lens = {i.user.email: i.get_lens_display() for i in CampaignInvitation.objects.select_related("user")}
    assert lens["partner_member@example.org"] in member.body
    assert lens["partner_outsider@example.org"] not in member.body
    assert member.url.endswith(reverse("diagnostic:campaign_detail", args=[member.object_id]))
    assert sorted(e.to[0] for e in mail.outbox) == sorted(messages)
