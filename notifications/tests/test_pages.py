"""The pages: my messages and my preferences; the outbox (coordinators) with its filters; a message's
page and the retry of a failed one; their query counts."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import AuditEvent
from notifications.models import Message, Preference
from notifications.notifications import TOKEN_EXPIRING
from notifications.services import notify

pytestmark = pytest.mark.django_db

NETWORK_KINDS = ["network.meeting_invitation", "network.minutes_published", "network.decision_due"]


def warn(user, token, n=1, start=0):
    return [
        notify(user, TOKEN_EXPIRING, token, context={"token": token}, key=str(i))[0]
        for i in range(start, start + n)
    ]


def preferences(**choices):
    from notifications.kinds import all_kinds

    data = {kind.code: kind.default for kind in all_kinds() if kind.refusable}
    return {**data, **choices}


def test_a_user_chooses_a_delivery_per_kind(client_as, personas):
    user = personas["partner_member"]
    response = client_as(user).post(
        reverse("notifications:index"),
        preferences(**{"network.minutes_published": "digest", "diagnostic.campaign_invitation": "never"}),
    )
    assert response.status_code == 302
    assert dict(Preference.objects.filter(user=user).values_list("kind", "choice")) == {
        "network.minutes_published": "digest",
        "diagnostic.campaign_invitation": "never",
    }
    event = AuditEvent.objects.get(action="update", object_id=str(user.pk))
    assert set(event.changes) == {"Procès-verbal d’une réunion", "Invitation à une campagne d’actualisation"}


def test_a_message_that_cannot_be_refused_is_not_offered(client_as, personas):
    content = client_as(personas["reader"]).get(reverse("notifications:index")).content.decode()
    assert 'name="network.meeting_invitation"' in content
    assert f'name="{TOKEN_EXPIRING}"' not in content


def test_an_unknown_choice_is_refused_naming_the_kind(client_as, personas):
    response = client_as(personas["reader"]).post(
        reverse("notifications:index"), preferences(**{"network.decision_due": "sometimes"})
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["network.decision_due"]
    assert not Preference.objects.exists()


def test_my_messages_show_only_mine(client_as, personas, token):
    [mine] = warn(personas["partner_member"], token)
    page = client_as(personas["partner_outsider"]).get(reverse("notifications:index"))
    assert list(page.context["page"]) == []
    assert client_as(personas["partner_outsider"]).get(mine.get_absolute_url()).status_code == 404
    assert list(
        client_as(personas["partner_member"]).get(reverse("notifications:index")).context["page"]
    ) == [mine]


def test_the_outbox_filters_by_state_and_recipient(client_as, personas, token, far_token):
    [sent] = warn(personas["partner_member"], token)
    Message.objects.filter(pk=sent.pk).update(sent_at="2026-12-01T10:00Z", attempts=1)
    [failed] = notify(personas["reader"], TOKEN_EXPIRING, far_token, context={"token": far_token})
    Message.objects.filter(pk=failed.pk).update(attempts=2, last_error="SMTP refused")
    client = client_as(personas["coordinator"])
    url = reverse("notifications:outbox")
    assert list(client.get(url, {"state": "failed"}).context["page"]) == [failed]
    assert list(client.get(url, {"state": "sent"}).context["page"]) == [sent]
    assert list(client.get(url, {"to": "reader@"}).context["page"]) == [failed]
    response = client.get(url, {"since": "2026-12-06", "until": "2026-01-01"})
    assert response.status_code == 400 and list(response.context["form"].errors) == ["until"]


def test_a_coordinator_sends_a_failed_message_again(client_as, personas, token):
    [message] = warn(personas["partner_member"], token)
    Message.objects.filter(pk=message.pk).update(attempts=5, last_error="SMTP refused")
    client = client_as(personas["coordinator"])
    page = client.get(message.get_absolute_url()).content.decode()
    assert "SMTP refused" in page and reverse("notifications:message_retry", args=[message.pk]) in page
    client.post(reverse("notifications:message_retry", args=[message.pk]))
    message.refresh_from_db()
    assert message.sent_at is not None and message.attempts == 6 and message.last_error == ""
    assert [e.to for e in mail.outbox] == [[personas["partner_member"].email]]
    assert AuditEvent.objects.filter(action="retry", object_id=str(message.pk)).exists()


def test_the_recipient_reads_a_message_but_may_not_retry_it(client_as, personas, token):
    [message] = warn(personas["partner_member"], token)
    Message.objects.filter(pk=message.pk).update(attempts=1, last_error="SMTP refused")
    client = client_as(personas["partner_member"])
    assert client.get(message.get_absolute_url()).status_code == 200
    assert client.post(reverse("notifications:message_retry", args=[message.pk])).status_code == 403
    assert mail.outbox == []


@pytest.mark.parametrize("name", ["notifications:outbox", "notifications:index"])
def test_the_lists_take_a_fixed_number_of_queries(client_as, personas, token, query_baseline, name):
    client = client_as(personas["coordinator"])
    owner = personas["partner_member"]
    coordinator_token = token
    coordinator_token.user = personas["coordinator"]
    coordinator_token.save()
    warn(personas["coordinator"], coordinator_token)
    with query_baseline(f"{name} (coordinator), 1 then 31 messages"):
        client.get(reverse(name))
    warn(personas["coordinator"], coordinator_token, 31, start=1)
    assert owner  # the messages are the coordinator's own, so that both lists show them
    with query_baseline(f"{name} (coordinator), 1 then 31 messages"):
        response = client.get(reverse(name))
    assert response.context["page"].paginator.count == 32
