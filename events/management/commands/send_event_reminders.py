"""Email booked attendees the day before. Run it hourly: it never sends a reminder twice."""

from django.core.management.base import BaseCommand

from events.services import reminders_send_due


class Command(BaseCommand):
    help = "Send reminders to people with a confirmed place at an event starting soon."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=int,
            default=24,
            help="Remind about events starting within this many hours (default 24).",
        )

    def handle(self, *args, hours, **options):
        sent = reminders_send_due(hours=hours)
        self.stdout.write(f"Sent {sent} event reminder{'' if sent == 1 else 's'}.")
