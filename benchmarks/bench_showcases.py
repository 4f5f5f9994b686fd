"""Showcases: the list and a session page with a few sessions against hundreds.

Every session has three speakers, a recording with a transcript and three pack items, so the
list's badges and speaker names and the detail page's sections all have data to fetch.
"""

import datetime

from django.utils import timezone

from benchmarks.harness import measure_get, report
from knowvember.models import Campaign
from showcases.models import DelegatePackItem, Recording, SessionSpeaker, Showcase, Speaker

START = timezone.make_aware(datetime.datetime(2020, 11, 3, 12, 30))


def _sessions(campaign, count, offset):
    speakers = Speaker.objects.bulk_create(
        Speaker(name=f"A. Speaker {offset + i}", organisation="Example NHS Foundation Trust")
        for i in range(count * 3)
    )
    showcases = Showcase.objects.bulk_create(
        Showcase(
            campaign=campaign,
            number=offset + i + 1,
            title=f"Sharing practice session {offset + i}",
            slug=f"bench-session-{offset + i}",
            question="How do you make knowledge sharing every-day business?",
            starts_at=START + datetime.timedelta(days=i),
            is_published=True,
        )
        for i in range(count)
    )
    SessionSpeaker.objects.bulk_create(
        SessionSpeaker(showcase=s, speaker=speakers[i * 3 + j], order=j, is_chair=j == 0)
        for i, s in enumerate(showcases)
        for j in range(3)
    )
    Recording.objects.bulk_create(
        Recording(showcase=s, youtube_id="KNOWv20sc01", transcript="Welcome. " * 500)
        for s in showcases
    )
    # Stored names only: neither page opens the files.
    DelegatePackItem.objects.bulk_create(
        DelegatePackItem(
            showcase=s,
            order=j,
            title=f"Item {j}",
            file=f"packs/bench{j}",
            file_format="pdf",
            file_size=1_200_000,
        )
        for s in showcases
        for j in range(3)
    )
    return showcases


def run():
    campaign = Campaign.objects.create(
        name="KNOWvember20",
        slug="knowvember20",
        year=2020,
        starts_on=datetime.date(2020, 11, 1),
        ends_on=datetime.date(2020, 11, 30),
    )
    first = _sessions(campaign, 3, 0)[0]
    report("showcases list, 3 sessions", **measure_get("/showcases/"))
    report("showcase page, 3 sessions", **measure_get(first.get_absolute_url()))
    report("recordings feed, 3 sessions", **measure_get("/showcases/feed/"))

    for year in range(2021, 2031):
        edition = Campaign.objects.create(
            name=f"KNOWvember{year % 100}",
            slug=f"knowvember{year % 100}",
            year=year,
            starts_on=datetime.date(year, 11, 1),
            ends_on=datetime.date(year, 11, 30),
        )
        _sessions(edition, 50, (year - 2020) * 100)
    report("showcases list, 503 sessions", **measure_get("/showcases/"))
    report(
        "showcases list filtered, 503 sessions",
        **measure_get("/showcases/?edition=knowvember25&kind=showcase"),
    )
    report("showcase page, 503 sessions", **measure_get(first.get_absolute_url()))
    report("recordings feed, 503 sessions", **measure_get("/showcases/feed/"))
