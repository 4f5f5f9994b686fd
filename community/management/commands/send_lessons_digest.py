import datetime

from django.core.management.base import BaseCommand, CommandError

from community.services import digest_send


class Command(BaseCommand):
    help = (
        "Send last week's lessons digest (ISO week, Monday to Sunday) to subscribers who opted "
        "in. Run weekly, on Monday morning; running it again for a week sends nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--week", help="Another ISO week, written like 2026-W47.")

    def handle(self, *args, week=None, **options):
        monday = None
        if week:
            try:
                year, number = week.upper().split("-W")
                monday = datetime.date.fromisocalendar(int(year), int(number), 1)
            except ValueError as error:
                raise CommandError("Give the week like 2026-W47.") from error
        digest = digest_send(week=monday)
        if digest is None:
            self.stdout.write("That week's digest was already done: nothing sent.")
        elif not digest.lesson_count:
            self.stdout.write(f"{digest.title}: no new lessons, so no digest was sent.")
        else:
            lessons, readers = digest.lesson_count, digest.recipient_count
            self.stdout.write(
                f"{digest.title}: {lessons} lesson{'s' if lessons != 1 else ''} queued to "
                f"{readers} subscriber{'s' if readers != 1 else ''}."
            )
