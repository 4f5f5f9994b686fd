"""Events: the list, an event page and the calendar feed with 10 events, then 1,000.

Half the events are upcoming; each has five confirmed bookings. The calendar is cached, so its
first request (building every VEVENT) is reported separately from the cached ones.
"""

import datetime
import time

from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from benchmarks.harness import measure_get, report
from events.models import Event, Registration
from knowvember.models import Campaign, Region


def make_events(campaign, regions, users, start, count):
    now = timezone.now()
    events = Event.objects.bulk_create(
        Event(
            campaign=campaign,
            region=regions[n % len(regions)],
            format=Event.Format.values[n % 3],
            title=f"Benchmark event {n}",
            slug=f"benchmark-event-{n}",
            # Half upcoming, half in the archive.
            starts_at=now + datetime.timedelta(days=(n % 2 and 1 or -1) * (n + 1)),
            ends_at=now + datetime.timedelta(days=(n % 2 and 1 or -1) * (n + 1), hours=1),
            description="A session on knowledge mobilisation.",
            capacity=20,
            is_published=True,
        )
        for n in range(start, start + count)
    )
    Registration.objects.bulk_create(
        Registration(event=event, user=user, status=Registration.Status.CONFIRMED)
        for event in events
        for user in users
    )
    return events


def run():
    from accounts.models import User

    campaign = Campaign.objects.create(
        name="KNOWvember27",
        slug="knowvember27",
        year=2027,
        starts_on=datetime.date(2027, 11, 1),
        ends_on=datetime.date(2027, 11, 30),
    )
    regions = [
        Region.objects.create(name=f"Region {n}", slug=f"bench-region-{n}") for n in range(8)
    ]
    users = [User.objects.create_user(f"bench{n}@example.nhs.uk") for n in range(5)]

    events = make_events(campaign, regions, users, 0, 10)
    upcoming = next(e for e in events if e.starts_at > timezone.now())
    for size in (10, 1000):
        if size == 1000:
            make_events(campaign, regions, users, 10, 990)
        report(f"events list, {size} events", **measure_get("/events/"))
        report(
            f"events list filtered, page 2, {size} events",
            **measure_get("/events/?format=online_session&page=2"),
        )
        report(f"event page, {size} events", **measure_get(upcoming.get_absolute_url()))
        cache.clear()
        started = time.perf_counter()
        Client().get("/events/calendar.ics")
        cold_ms = round((time.perf_counter() - started) * 1000, 1)
        report(
            f"calendar.ics, {size} events",
            first_request_ms=cold_ms,
            **measure_get("/events/calendar.ics"),
        )
