import datetime

from django.core.management.base import BaseCommand

from community.services import PENDING_RETENTION, UNSUBSCRIBED_RETENTION, subscriptions_purge


class Command(BaseCommand):
    help = (
        f"Delete sign-ups never confirmed within {PENDING_RETENTION.days} days and records of "
        "people who left longer ago than the retention period. Safe to run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--unsubscribed-retention-days",
            type=int,
            default=UNSUBSCRIBED_RETENTION.days,
            help="Keep a record that someone left for this many days (default %(default)s).",
        )

    def handle(self, *args, unsubscribed_retention_days, **options):
        pending, lapsed = subscriptions_purge(
            unsubscribed_retention=datetime.timedelta(days=unsubscribed_retention_days)
        )
        self.stdout.write(
            f"Deleted {pending} unconfirmed sign-ups and {lapsed} unsubscribed records."
        )
