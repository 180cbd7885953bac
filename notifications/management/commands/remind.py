from django.core.management.base import BaseCommand
from django.utils import timezone

from notifications.services import remind


class Command(BaseCommand):
    help = (
        "Send the reminders that are due (every app's notifications.reminders(now)), the daily digests and "
        "the messages still waiting or to retry. Idempotent: run it again and it sends nothing new. Run it "
        "every few minutes from cron or a systemd timer (README)."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        report = remind(now)
        self.stdout.write(
            f"Reminders written: {report.reminders}; digests: {report.digests}; "
            f"messages sent: {report.sent}; failed: {report.failed}."
        )
