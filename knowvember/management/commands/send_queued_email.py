from django.core.management.base import BaseCommand

from knowvember import outbox


class Command(BaseCommand):
    help = (
        "Send every outbox email that is due: retries whose time has come, and any that a "
        "stopped worker left unsent. Safe to run beside the task worker, every few minutes."
    )

    def handle(self, *args, **options):
        outcome = outbox.send_due_email()
        summary = ", ".join(f"{count} {status}" for status, count in sorted(outcome.items()))
        self.stdout.write(f"Outbox: {summary or 'nothing due'}.")
