from django.core.management.base import BaseCommand

from pledges.services import follow_ups_send_due


class Command(BaseCommand):
    help = (
        "Email each pledger, once, after their target month: did it happen, and what was "
        "learned? Run daily; the outbox sends them and retries through a mail outage."
    )

    def handle(self, *args, **options):
        queued = follow_ups_send_due()
        self.stdout.write(f"Follow-up emails queued: {queued}")
