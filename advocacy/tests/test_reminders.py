"""The reminders `pli remind` sends for advocacy: a late interpellation (once per state reached), an
alert without reaction past the delay, a follow-up action due; run twice, they write nothing more."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from advocacy.models import FollowUp
from advocacy.notifications import ALERT_WITHOUT_REACTION, FOLLOW_UP_DUE, INTERPELLATION_LATE, reminders
from advocacy.tests import factories as af
from notifications.models import Message
from plan.tests import factories as f

pytestmark = pytest.mark.django_db


def test_reminders_go_once_per_step_to_coordinators_and_carriers(personas, settings):
    settings.PLI_ALERT_REACTION_DAYS = 7
    partner = f.organisation("ILI Les Passerelles", is_partner=True)
    f.works_for(personas["partner_member"], partner)
    late = af.sent("En retard", days_ago=50, co_signer=partner)  # régional: 45 days
    af.sent("Dans les délais", days_ago=10)
    af.alert("Sans réaction", emerged_on=timezone.localdate() - timedelta(days=9))
    FollowUp.objects.create(interpellation=late, text="Relancer", due_on=timezone.localdate())
    now = timezone.make_aware(datetime.combine(timezone.localdate(), datetime.min.time()))
    reminders(now)
    kinds = sorted(Message.objects.values_list("kind", "recipient__email"))
    assert (INTERPELLATION_LATE, "partner_member@example.org") in kinds
    assert (INTERPELLATION_LATE, "coordinator@example.org") in kinds
    assert (ALERT_WITHOUT_REACTION, "coordinator@example.org") in kinds
    assert (FOLLOW_UP_DUE, "coordinator@example.org") in kinds
    assert not Message.objects.filter(kind=INTERPELLATION_LATE, object_id=str(late.pk + 1)).exists()
    count = Message.objects.count()
    reminders(now)
    assert Message.objects.count() == count  # idempotent
    reminders(now + timedelta(days=45))  # now very late: one more message for the new state
    assert Message.objects.filter(kind=INTERPELLATION_LATE, object_id=str(late.pk)).count() > 2
