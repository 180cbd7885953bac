"""The plan's reminder: partners whose recommendations have had no progress update for
PLI_PROGRESS_REMINDER_DAYS are told, once per recommendation and last update."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from notifications.models import Message
from notifications.services import remind
from plan import services
from plan.notifications import PROGRESS_DUE
from plan.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(statistics, personas):
    world = f.world()
    f.works_for(personas["partner_member"], world.carrier)
    return world


def progress_messages():
    return list(Message.objects.filter(kind=PROGRESS_DUE).values_list("recipient__email", "object_id"))


def test_a_partner_is_reminded_once_of_a_recommendation_without_progress(world, personas):
    first, second = remind(), remind()
    assert progress_messages() == [("partner_member@example.org", str(world.carried.pk))]
    assert (first.reminders, second.reminders) == (1, 0)
    assert len(mail.outbox) == 1 and "Ouvrir une permanence logement" in mail.outbox[0].subject


def test_recent_progress_means_no_reminder_and_old_progress_rearms_it(world, personas, settings):
    today = timezone.localdate()
    services.post_progress(
        world.carried, text="Local trouvé", progress=20, status="in_progress", by=None, date=today
    )
    remind()
    assert progress_messages() == []
    later = timezone.now() + timedelta(days=settings.PLI_PROGRESS_REMINDER_DAYS + 1)
    remind(later)
    remind(later)
    assert progress_messages() == [("partner_member@example.org", str(world.carried.pk))]


def test_a_partner_of_another_organisation_is_not_reminded(world, personas):
    other = f.organisation("Maison médicale du Nord", type_code="health")
    f.works_for(personas["partner_outsider"], other)
    remind()
    assert [email for email, _pk in progress_messages()] == ["partner_member@example.org"]
