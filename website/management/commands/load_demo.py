"""Load the demo content: real campaign facts from earlier editions, safe to run again."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from knowvember.features import providers


class Command(BaseCommand):
    help = "Create (or update) the demo content of every app that declares `demo` in its Feature."

    def handle(self, *args, **options):
        if settings.IS_PRODUCTION:
            raise CommandError("load_demo creates a demo organiser account: never in production.")
        with transaction.atomic():
            for _config, load_demo_data in providers("demo"):
                load_demo_data(self)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        # The login comes last, on its own lines, so it is easy to find after the other output.
        login = getattr(self, "organiser_login", None)
        if login:
            email, password = login
            self.stdout.write("\nSign in at /admin/ as the organiser (a new password each run):")
            self.stdout.write(f"  Email:    {email}")
            self.stdout.write(self.style.WARNING(f"  Password: {password}"))
