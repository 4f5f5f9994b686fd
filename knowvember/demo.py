"""Demo editions and regions from the campaign's real history (see shared CONTENT.md)."""

import datetime

from django.utils.text import slugify

from knowvember.models import Campaign, Region

REGIONS = [
    "East of England",
    "London",
    "Midlands",
    "North East and Yorkshire",
    "North West",
    "South East",
    "South West",
    "National / outside England",
]

EDITIONS = [
    {
        "name": "Knowvember18",
        "year": 2018,
        "theme": "",
        "starts_on": datetime.date(2018, 9, 1),
        "summary": (
            "The first KNOWvember. Two project teams ran four regional face-to-face events in "
            "September for health librarians and knowledge specialists, a #ukmedlibs Twitter chat "
            "on knowledge management, and a pledge wall where people committed to try a "
            "knowledge-mobilisation technique.\n\n"
            "A knowledge-management community-of-practice mailing list started during November."
        ),
    },
    {
        "name": "Knowvember19",
        "year": 2019,
        "theme": "",
        "summary": (
            "Four weekly pre-recorded webinars, each published with a transcript, a #ukmedlibs "
            "chat, a knowledge-management story bank, the self-assessment tool and impact case "
            "studies."
        ),
    },
    {
        "name": "KNOWvember20",
        "year": 2020,
        "theme": "",
        "summary": (
            "Four virtual showcase sessions with many speakers, a #ukmedlibs chat, and a series "
            "of interviews with knowledge specialists inside and outside the NHS. Recordings and "
            "virtual delegate packs are available to everyone."
        ),
    },
    {
        "name": "KNOWvember21",
        "year": 2021,
        "theme": "Growing your connections",
        "summary": (
            "All sessions ran online, and the online Knowledge Mobilisation Self-Assessment Tool "
            "was launched."
        ),
    },
    {
        "name": "KNOWvember22",
        "year": 2022,
        "theme": "Sharing knowledge – breaking down the barriers",
        "summary": "Speakers presented their lessons using an After Action Review template.",
    },
    {
        "name": "KNOWvember26",
        "year": 2026,
        "theme": "Learn before, during and after",
        "summary": (
            "This November, pledge to try one knowledge-mobilisation technique, come to an "
            "online session, and tell colleagues what you learned so the next person can learn "
            "before they start."
        ),
        "is_current": True,
    },
]


def load_demo_data(command):
    for order, name in enumerate(REGIONS):
        Region.objects.update_or_create(slug=slugify(name), defaults={"name": name, "order": order})
    Campaign.objects.filter(is_current=True).exclude(year=2026).update(is_current=False)
    for edition in EDITIONS:
        year = edition["year"]
        Campaign.objects.update_or_create(
            year=year,
            defaults={
                "name": edition["name"],
                "slug": edition["name"].lower(),
                "theme": edition["theme"],
                "starts_on": edition.get("starts_on", datetime.date(year, 11, 1)),
                "ends_on": datetime.date(year, 11, 30),
                "summary": edition["summary"],
                "is_current": edition.get("is_current", False),
            },
        )
    command.stdout.write(f"Editions: {Campaign.objects.count()}, regions: {Region.objects.count()}")
