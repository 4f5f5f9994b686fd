from django.core.management.base import BaseCommand

from pledges.services import send_follow_ups


class Command(BaseCommand):
    help = (
        "Email each pledger, once, after their target month: did it happen, and what was "
        "learned? Run daily; the outbox sends them and retries through a mail outage."
    )

    def handle(self, *args, **options):
        queued = send_follow_ups()
        self.stdout.write(f"Follow-up emails queued: {queued}")
