"""Editions and regions from the campaign's real history (see shared CONTENT.md)."""

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

# Every edition here has events, sessions or pledges in the other apps' content, and its summary
# says only what its page shows or what CONTENT.md records. Names are spelled as the campaign did.
EDITIONS = [
    {
        "name": "Knowvember18",
        "year": 2018,
        "theme": "",
        "starts_on": datetime.date(2018, 9, 1),
        "summary": (
            "The first KNOWvember. Two project teams ran four regional face-to-face events in "
            "September for health librarians and knowledge specialists. A blog post, promoted "
            "on a dedicated Twitter account, introduced the campaign, and a #ukmedlibs Twitter "
            "chat on Tuesday 16 October asked how to demystify knowledge management.\n\n"
            "The campaign had its own branding, printed pledge cards and evaluation cards. "
            "People made pledges on the pledge wall, by email or in person at the events. A "
            "knowledge-management community-of-practice mailing list started during November.\n\n"
            "What the project teams learned shaped every edition since: include all staff, "
            "especially library assistants; show real practice, including what did not work; "
            "and keep knowledge management going all year, not only in November."
        ),
    },
    {
        "name": "Knowvember19",
        "year": 2019,
        "theme": "",
        "summary": (
            "Four weekly pre-recorded webinars, each published with a transcript, and a "
            "#ukmedlibs chat on Tuesday 19 November at 12.30pm.\n\n"
            "This edition also began a knowledge-management story bank, introduced the "
            "self-assessment tool and collected impact case studies."
        ),
    },
    {
        "name": "KNOWvember20",
        "year": 2020,
        "theme": "",
        "summary": (
            "Four virtual showcase sessions with many speakers, a #ukmedlibs chat, and a series "
            "of interviews with knowledge specialists inside and outside the NHS.\n\n"
            "Every showcase has a virtual delegate pack: the agenda, speaker biographies, an "
            "After Action Review template and the techniques covered. Each session's page has "
            "its transcript."
        ),
    },
    {
        "name": "KNOWvember21",
        "year": 2021,
        "theme": "Growing your connections",
        "summary": (
            "All sessions ran online, on Teams or Zoom, with booking links. The online "
            "Knowledge Mobilisation Self-Assessment Tool was launched at the start of the month."
        ),
    },
    {
        "name": "KNOWvember22",
        "year": 2022,
        "theme": "Sharing knowledge – breaking down the barriers",
        "summary": (
            "Speakers presented their lessons using an After Action Review template: what was "
            "supposed to happen, what actually happened, why there was a difference and what "
            "they will do next time."
        ),
    },
    {
        "name": "KNOWvember26",
        "year": 2026,
        "theme": "Learn before, during and after",
        "summary": (
            "This November, pledge to try one knowledge-mobilisation technique, come to an "
            "online session or a regional day, and tell colleagues what you learned so the next "
            "person can learn before they start."
        ),
        "is_current": True,
    },
]


def upsert(model, lookup: dict, values: dict):
    """Like `update_or_create`, but one query and no write when the row is already up to date.

    The content loaders of every app use it, so loading again is quick and changes nothing.
    """
    row = model._default_manager.filter(**lookup).first()
    if row is None:
        return model._default_manager.create(**lookup, **values), True
    changed = []
    for name, value in values.items():
        field = model._meta.get_field(name)
        if field.is_relation:
            name, value = field.attname, getattr(value, "pk", value)
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed.append(name)
    if changed:
        row.save(update_fields=changed)
    return row, False


def load_demo_data(command):
    for order, name in enumerate(REGIONS):
        upsert(Region, {"slug": slugify(name)}, {"name": name, "order": order})
    Campaign.objects.filter(is_current=True).exclude(year=2026).update(is_current=False)
    for edition in EDITIONS:
        year = edition["year"]
        upsert(
            Campaign,
            {"year": year},
            {
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
