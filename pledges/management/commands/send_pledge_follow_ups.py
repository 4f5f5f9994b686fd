from django.core.management.base import BaseCommand

from pledges.services import follow_ups_send_due


class Command(BaseCommand):
    help = (
        "Email each pledger, once, after their target month: did it happen, and what was "
        "learned? Run daily; a failed send is retried on the next run."
    )

    def handle(self, *args, **options):
        sent, failed = follow_ups_send_due()
        self.stdout.write(f"Follow-up emails sent: {sent}, failed (will retry): {failed}")
