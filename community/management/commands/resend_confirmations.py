import datetime

from django.core.management.base import BaseCommand

from community.services import SWEEP_INTERVAL, confirmations_resend_unsent


class Command(BaseCommand):
    help = (
        "Re-send confirmation emails that never reached the mail server (an outage), each at "
        "most once per interval. Safe to run every few minutes from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval-minutes",
            type=int,
            default=int(SWEEP_INTERVAL.total_seconds() // 60),
            help="Minimum time between two attempts for the same sign-up (default %(default)s).",
        )

    def handle(self, *args, interval_minutes, **options):
        sent = confirmations_resend_unsent(interval=datetime.timedelta(minutes=interval_minutes))
        self.stdout.write(f"Re-sent {sent} confirmation email{'s' if sent != 1 else ''}.")
