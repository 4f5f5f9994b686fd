"""Site-wide pages composed from every app: home, an edition's archive and search.

Measured first with the demo content, then with thousands of events, pledges and sessions
added: the query counts must stay the same.
"""

import datetime
import io
import uuid

from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from accounts.models import User
from benchmarks.harness import measure_get, report
from events.models import Event
from knowvember.models import Campaign, Region
from pledges.models import Activity, Pledge
from showcases.models import Recording, Showcase

PAGES = {
    "home": "/",
    "edition archive (current)": "/campaigns/knowvember26/",
    "accessibility statement": "/accessibility/",
    "search 'peer assist'": "/search/?q=peer+assist",
    "search 'knowlege cafe' (typo)": "/search/?q=knowlege+cafe",
    "search 'peer assist', pledges, page 3": "/search/?q=peer+assist&kind=pledge&page=3",
}


def measure_all(label):
    for name, url in PAGES.items():
        report(f"{name}, {label}", **measure_get(url))


def add_lots(*, events, pledges, sessions):
    campaign = Campaign.objects.get(slug="knowvember26")
    regions = list(Region.objects.all())
    activities = list(Activity.objects.all())
    author = User.objects.create_user("bench.author@example.nhs.uk", name="B. Author")
    start = timezone.now() + datetime.timedelta(days=30)
    Event.objects.bulk_create(
        Event(
            campaign=campaign,
            region=regions[n % len(regions)],
            format=Event.Format.ONLINE_SESSION,
            title=f"Peer assist clinic {n}",
            slug=f"bench-event-{n}",
            starts_at=start + datetime.timedelta(hours=n),
            ends_at=start + datetime.timedelta(hours=n + 1),
            description="Bring a problem; colleagues who have solved it share what worked.",
            capacity=20,
            is_published=True,
        )
        for n in range(events)
    )
    Pledge.objects.bulk_create(
        Pledge(
            author=author,
            campaign=campaign,
            activity=activities[n % len(activities)],
            region=regions[n % len(regions)],
            title=f"Run peer assist number {n}",
            text="Ask a team who has done it before to share what worked. " * 3,
            target_month=datetime.date(2026, 11, 1),
            status=Pledge.Status.APPROVED,
            submission_key=uuid.uuid4(),
        )
        for n in range(pledges)
    )
    older = Campaign.objects.get(slug="knowvember20")
    made = Showcase.objects.bulk_create(
        Showcase(
            campaign=older,
            kind=Showcase.Kind.INTERVIEW,
            number=100 + n,
            title=f"Interview {n}",
            slug=f"bench-interview-{n}",
            question="How do you mobilise knowledge?",
            starts_at=timezone.now() - datetime.timedelta(days=400 + n),
            is_published=True,
        )
        for n in range(sessions)
    )
    Recording.objects.bulk_create(
        Recording(
            showcase=showcase,
            youtube_id="dQw4w9WgXcQ",
            transcript="We used a peer assist before the project started. " * 50,
        )
        for showcase in made
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def run():
    call_command("load_demo", stdout=io.StringIO())
    measure_all("demo content")
    add_lots(events=1000, pledges=5000, sessions=300)
    measure_all("+1,000 events, 5,000 pledges, 300 recordings")
