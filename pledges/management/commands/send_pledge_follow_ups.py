from django.core.management.base import BaseCommand

from pledges.services import send_follow_ups


class Command(BaseCommand):
    help = (
        "Email each pledger, once, after their target month: did it happen, and what was "
        "learned? Run daily; a failed send is retried on the next run."
    )

    def handle(self, *args, **options):
        sent, failed = send_follow_ups()
        self.stdout.write(f"Follow-up emails sent: {sent}, failed (will retry): {failed}")
