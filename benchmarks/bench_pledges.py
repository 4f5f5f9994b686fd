"""Pledge wall, statistics and feed: 10 approved pledges against 5,000 (plus hidden ones)."""

import datetime
import uuid

from django.db import connection
from django.utils import timezone

from accounts.models import User
from benchmarks.harness import measure_get, report
from knowvember.models import Campaign, Region
from pledges.models import Activity, Pledge, TeamMember


def _make(count: int, *, campaign, regions, activities, authors, status=Pledge.Status.APPROVED):
    now = timezone.now()
    Pledge.objects.bulk_create(
        Pledge(
            author=authors[n % len(authors)],
            campaign=campaign,
            activity=activities[n % len(activities)],
            region=regions[n % len(regions)],
            title=f"Benchmark pledge {n}",
            text="Bring the team together to share what works. " * 4,
            target_month=datetime.date(campaign.year, 11, 1),
            organisation="Example NHS Foundation Trust",
            show_name=n % 2 == 0,
            show_organisation=True,
            status=status,
            outcome=Pledge.Outcome.DONE if n % 3 == 0 else "",
            aar_next="Book the room earlier." if n % 3 == 0 else "",
            lessons_status=Pledge.LessonsStatus.APPROVED if n % 3 == 0 else "",
            created_at=now - datetime.timedelta(minutes=n),
            submission_key=uuid.uuid4(),
        )
        for n in range(count)
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # as autovacuum would after a bulk load
            cursor.execute("ANALYZE pledges_pledge")


def run():
    campaign = Campaign.objects.create(
        name="KNOWvember26",
        slug="knowvember26",
        year=2026,
        starts_on=datetime.date(2026, 11, 1),
        ends_on=datetime.date(2026, 11, 30),
        is_current=True,
    )
    regions = [
        Region.objects.create(name=f"Region {n}", slug=f"region-{n}", order=n) for n in range(8)
    ]
    activities = list(Activity.objects.all())  # the seeded taxonomy
    authors = [
        User.objects.create_user(f"bench{n}@example.nhs.uk", name=f"Bench {n}") for n in range(50)
    ]
    data = {"campaign": campaign, "regions": regions, "activities": activities, "authors": authors}
    filtered = f"/pledges/?edition=knowvember26&region=region-1&technique={activities[0].slug}"

    _make(10, **data)
    report("wall, 10 pledges", **measure_get("/pledges/"))
    report("wall filtered, 10 pledges", **measure_get(filtered))
    report("stats, 10 pledges", **measure_get("/pledges/stats/"))
    report("feed, 10 pledges", **measure_get("/pledges/feed/"))

    _make(4990, **data)
    _make(2000, **data, status=Pledge.Status.PENDING)
    report("wall, 5,000 pledges (+2,000 pending)", **measure_get("/pledges/"))
    report("wall page 200, 5,000 pledges", **measure_get("/pledges/?page=200"))
    report("wall filtered, 5,000 pledges", **measure_get(filtered))
    report("stats, 5,000 pledges", **measure_get("/pledges/stats/"))
    report("feed, 5,000 pledges", **measure_get("/pledges/feed/"))

    # Every tenth approved pledge becomes a team pledge of four: the wall counts people too.
    teams = list(Pledge.objects.filter(status=Pledge.Status.APPROVED).order_by("pk")[::10])
    Pledge.objects.filter(pk__in=[p.pk for p in teams]).update(team_name="Library team")
    TeamMember.objects.bulk_create(
        TeamMember(pledge=pledge, user=authors[(n + k) % len(authors)], status="accepted")
        for n, pledge in enumerate(teams)
        for k in range(1, 4)
        if authors[(n + k) % len(authors)].pk != pledge.author_id
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE pledges_teammember")
    report("wall, 5,000 pledges, 500 of them teams", **measure_get("/pledges/"))
    report("wall filtered, 500 teams", **measure_get(filtered))
    report("stats, 5,000 pledges, 500 of them teams", **measure_get("/pledges/stats/"))
