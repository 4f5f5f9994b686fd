from django.core.management.base import BaseCommand

from pledges.services import team_invitations_expire


class Command(BaseCommand):
    help = (
        "Forget team-pledge invitations nobody answered within 14 days, with the invited "
        "addresses and the emails sent to them. Run daily."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Expired invitations forgotten: {team_invitations_expire()}")
