"""Demo mailing-list data: the consent wording, and one fictional subscriber for the admin."""

import datetime

from django.utils import timezone

from community.models import DEFAULT_CONSENT_WORDING, ConsentWording, Subscription
from knowvember.models import Region


def load_demo_data(command):
    # get_or_create, not update_or_create: a wording people agreed to is never rewritten.
    signed_up = timezone.make_aware(datetime.datetime(2018, 11, 5, 10, 30))
    wording, _ = ConsentWording.objects.get_or_create(
        version=1,
        defaults={
            "text": DEFAULT_CONSENT_WORDING,
            "created_at": signed_up - datetime.timedelta(days=4),
        },
    )
    Subscription.objects.update_or_create(
        email="a.librarian@example.nhs.uk",
        defaults={
            "name": "A. Librarian",
            "role": "Library assistant",
            "organisation": "Example NHS Foundation Trust",
            "region": Region.objects.filter(slug="north-west").first(),
            "status": Subscription.Status.SUBSCRIBED,
            "consent_wording": wording,
            "signed_up_at": signed_up,
            "signup_ip": "192.0.2.10",
            "confirmed_at": signed_up + datetime.timedelta(minutes=12),
            "confirm_ip": "192.0.2.10",
            "confirmation_attempted_at": signed_up,
        },
    )
    command.stdout.write("Community: consent wording and one example subscriber.")
