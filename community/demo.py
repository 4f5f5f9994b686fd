"""The community-of-practice mailing list: its consent wording and a few subscribers.

The list started during Knowvember18. Subscribers are seen only by organisers in the admin;
they are described by role and kind of organisation, like everyone else in this content.
"""

import datetime

from django.utils import timezone

from community.models import (
    DEFAULT_CONSENT_WORDING,
    DEFAULT_DIGEST_WORDING,
    ConsentWording,
    Digest,
    Subscription,
)
from community.services import digest_lessons
from knowvember.demo import upsert
from knowvember.models import Region

ADDRESS_DOMAIN = "example.nhs.uk"

# (address key, role, kind of organisation, region slug, signed up, status)
SUBSCRIBERS = [
    (
        "list-nw-library-assistant",
        "Library assistant",
        "an acute trust",
        "north-west",
        (2018, 11, 5),
        "subscribed",
    ),
    (
        "list-ney-head",
        "Head of library and knowledge services",
        "a teaching hospital trust",
        "north-east-and-yorkshire",
        (2018, 11, 6),
        "subscribed",
    ),
    (
        "list-mid-km",
        "Knowledge manager",
        "a mental health trust",
        "midlands",
        (2018, 11, 14),
        "subscribed",
    ),
    (
        "list-lon-clinical",
        "Clinical librarian",
        "an acute trust",
        "london",
        (2019, 11, 19),
        "unsubscribed",
    ),
    (
        "list-sw-assistant",
        "Library assistant",
        "a community health trust",
        "south-west",
        (2020, 11, 24),
        "subscribed",
    ),
    (
        "list-ee-ambulance",
        "Senior library assistant",
        "an ambulance service",
        "east-of-england",
        (2021, 11, 2),
        "subscribed",
    ),
]

LEFT_AT = datetime.datetime(2026, 9, 1, 9, 0, tzinfo=datetime.UTC)

# Subscribers who asked for the weekly lessons digest when it started, in November 2026.
DIGEST_READERS = ["list-nw-library-assistant", "list-mid-km", "list-sw-assistant"]
DIGEST_STARTED = datetime.datetime(2026, 11, 2, 8, 0, tzinfo=datetime.UTC)
# The digests already sent: the first two weeks of KNOWvember26 (ISO weeks 45 and 46).
PAST_DIGEST_WEEKS = [datetime.date(2026, 11, 2), datetime.date(2026, 11, 9)]

# The subscriber an earlier version of this content made.
RETIRED_ADDRESSES = ["a.librarian@example.nhs.uk"]


def load_demo_data(command):
    # get_or_create, not update_or_create: a wording people agreed to is never rewritten.
    first_signup = timezone.make_aware(datetime.datetime(2018, 11, 5, 10, 30))
    wording, _ = ConsentWording.objects.get_or_create(
        kind=ConsentWording.Kind.LIST,
        version=1,
        defaults={
            "text": DEFAULT_CONSENT_WORDING,
            "created_at": first_signup - datetime.timedelta(days=4),
        },
    )
    Subscription.objects.filter(email__in=RETIRED_ADDRESSES).delete()
    regions = {region.slug: region for region in Region.objects.all()}
    for key, role, organisation, region, signed_up, status in SUBSCRIBERS:
        signed_up_at = timezone.make_aware(datetime.datetime(*signed_up, 12, 15))
        confirmed_at = signed_up_at + datetime.timedelta(minutes=12)
        left = status == Subscription.Status.UNSUBSCRIBED
        upsert(
            Subscription,
            {"email": f"{key}@{ADDRESS_DOMAIN}"},
            {
                "name": role,
                "role": role,
                "organisation": organisation,
                "region": regions.get(region),
                "status": status,
                "consent_wording": wording,
                "signed_up_at": signed_up_at,
                "confirmed_at": confirmed_at,
                # A recent leaver: the purge job removes leavers' records after a year.
                "unsubscribed_at": LEFT_AT if left else None,
                "confirmation_attempted_at": signed_up_at,
            },
        )
    digest_wording, _ = ConsentWording.objects.get_or_create(
        kind=ConsentWording.Kind.DIGEST,
        version=1,
        defaults={"text": DEFAULT_DIGEST_WORDING, "created_at": DIGEST_STARTED},
    )
    readers = Subscription.objects.filter(
        email__in=[f"{key}@{ADDRESS_DOMAIN}" for key in DIGEST_READERS],
        status=Subscription.Status.SUBSCRIBED,
    )
    readers.update(digest_joined_at=DIGEST_STARTED, digest_consent_wording=digest_wording)
    for week in PAST_DIGEST_WEEKS:
        # The lessons come from the features that provide them (pledges), loaded before us.
        lessons = digest_lessons(Digest(week=week))
        if lessons:
            upsert(
                Digest,
                {"week": week},
                {
                    "lesson_count": len(lessons),
                    "recipient_count": readers.count(),
                    "created_at": timezone.make_aware(
                        datetime.datetime.combine(week, datetime.time(7, 0))
                    )
                    + datetime.timedelta(days=7),
                },
            )
    command.stdout.write(
        f"Community: {Subscription.objects.count()} subscriptions, "
        f"{Digest.objects.sent().count()} lessons digests."
    )
