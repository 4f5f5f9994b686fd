"""Demo events: the first edition's four regional events and chats (see shared CONTENT.md), plus
a few upcoming sessions of the current edition so booking and the waiting list can be tried."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from events.models import Event
from knowvember.models import Campaign, Region

LONDON = ZoneInfo("Europe/London")

PLACEHOLDER_2018 = (
    "One of four regional face-to-face events that two project teams ran in September 2018, "
    "before the first KNOWvember, for health librarians and knowledge specialists. Where and "
    "exactly when each event was held is not recorded: the title, region and date here are "
    "placeholders."
)


def at(year, month, day, hour, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def upcoming(days, hour, minute=0):
    """A time `days` from today, so the demo always has something to book."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def events_2018():
    regions = [
        ("North", "north-east-and-yorkshire", 11),
        ("Midlands", "midlands", 13),
        ("South", "south-east", 18),
        ("London", "london", 20),
    ]
    for number, (name, region, day) in enumerate(regions, start=1):
        yield {
            "slug": f"knowvember18-regional-event-{number}",
            "campaign": "knowvember18",
            "region": region,
            "format": Event.Format.IN_PERSON,
            "title": f"Regional event {number} – {name}",
            "starts_at": at(2018, 9, day, 10),
            "ends_at": at(2018, 9, day, 16),
            "venue_name": "Venue not recorded",
            "description": PLACEHOLDER_2018,
            "capacity": 40,
            "bookings_open": False,
        }
    yield {
        "slug": "ukmedlibs-chat-demystifying-knowledge-management",
        "campaign": "knowvember18",
        "region": "national-outside-england",
        "format": Event.Format.ONLINE_CHAT,
        "title": "#ukmedlibs chat: Demystifying knowledge management",
        "starts_at": at(2018, 10, 16, 20),
        "ends_at": at(2018, 10, 16, 21),
        "hashtag": "#ukmedlibs",
        "how_to_join": (
            "The chat took place on Twitter. Search for #ukmedlibs, follow the questions from "
            "the hosts and add the hashtag to every reply so others can follow the conversation."
        ),
        "description": (
            "A one-hour #ukmedlibs Twitter chat for health librarians and knowledge specialists "
            "about what knowledge management is, and how to get started with it."
        ),
        "capacity": None,
    }


def events_2019():
    yield {
        "slug": "knowvember19-ukmedlibs-chat",
        "campaign": "knowvember19",
        "region": "national-outside-england",
        "format": Event.Format.ONLINE_CHAT,
        "title": "#ukmedlibs chat: Knowvember19",
        "starts_at": at(2019, 11, 19, 12, 30),
        "ends_at": at(2019, 11, 19, 13, 30),
        "hashtag": "#ukmedlibs",
        "how_to_join": (
            "The chat took place on Twitter at lunchtime. Search for #ukmedlibs and add the "
            "hashtag to every reply."
        ),
        "description": (
            "A lunchtime #ukmedlibs chat during Knowvember19, alongside the weekly pre-recorded "
            "webinars and the knowledge-management story bank."
        ),
        "capacity": None,
    }


def events_current(campaign_slug):
    online_access = (
        "Live captions are switched on. You can join by phone or computer, with your camera off "
        "if you prefer. The slides are emailed to everyone booked the day before."
    )
    yield {
        "slug": f"{campaign_slug}-knowledge-cafe",
        "campaign": campaign_slug,
        "region": "national-outside-england",
        "format": Event.Format.ONLINE_SESSION,
        "title": "Knowledge café: learning after the campaign",
        "starts_at": upcoming(3, 12, 30),
        "ends_at": upcoming(3, 13, 30),
        "join_url": "https://teams.example.nhs.uk/meet/knowledge-cafe",
        "description": (
            "An hour-long knowledge café for anyone who tried a knowledge-mobilisation technique "
            "this November. Small groups discuss what worked, what did not, and what you would "
            "do differently, so the next person can learn before they start."
        ),
        "accessibility": online_access,
        "capacity": 30,
    }
    yield {
        "slug": f"{campaign_slug}-after-action-review",
        "campaign": campaign_slug,
        "region": "national-outside-england",
        "format": Event.Format.ONLINE_SESSION,
        "title": "After action review in practice",
        "starts_at": upcoming(7, 10),
        "ends_at": upcoming(7, 11),
        "join_url": "https://teams.example.nhs.uk/meet/after-action-review",
        "description": (
            "Run an after action review with your team. We walk through the four questions: what "
            "was supposed to happen? What actually happened? Why was there a difference? What "
            "will we do next time? Places are few so everyone can practise."
        ),
        "accessibility": online_access,
        "capacity": 5,
    }
    yield {
        "slug": f"{campaign_slug}-north-west-knowledge-day",
        "campaign": campaign_slug,
        "region": "north-west",
        "format": Event.Format.IN_PERSON,
        "title": "Knowledge-mobilisation day – North West",
        "starts_at": upcoming(10, 10),
        "ends_at": upcoming(10, 15, 30),
        "venue_name": "Education Centre, Example NHS Foundation Trust",
        "venue_address": "Example Hospital\nExample Road\nExampletown",
        "description": (
            "A face-to-face day for library assistants, librarians and knowledge specialists: "
            "peer assist in the morning, randomised coffee trials over lunch and a fishbowl "
            "discussion in the afternoon. Lunch is provided."
        ),
        "accessibility": (
            "Step-free access from the car park, a hearing loop in the main room, accessible "
            "toilets on the same floor and a quiet room. Tell us about any dietary needs when "
            "you book by emailing the organisers."
        ),
        "capacity": 25,
    }
    yield {
        "slug": f"{campaign_slug}-ukmedlibs-chat",
        "campaign": campaign_slug,
        "region": "national-outside-england",
        "format": Event.Format.ONLINE_CHAT,
        "title": "#ukmedlibs chat: knowledge management all year round",
        "starts_at": upcoming(14, 20),
        "ends_at": upcoming(14, 21),
        "hashtag": "#ukmedlibs",
        "how_to_join": (
            "The chat is on X (formerly Twitter). On the evening, search X for #ukmedlibs, "
            "follow the hosts' numbered questions and add the hashtag to every reply."
        ),
        "description": (
            "Knowledge management should happen all year, not only in November. How do you keep "
            "it going through winter pressures, and link it to your organisation's priorities?"
        ),
        "capacity": None,
    }


def load_demo_data(command):
    current = Campaign.objects.current()
    definitions = [*events_2018(), *events_2019()]
    if current is not None:
        definitions += list(events_current(current.slug))
    campaigns = {c.slug: c for c in Campaign.objects.all()}
    regions = {r.slug: r for r in Region.objects.all()}
    for definition in definitions:
        definition = dict(definition)
        slug = definition.pop("slug")
        definition["campaign"] = campaigns[definition["campaign"]]
        definition["region"] = regions[definition["region"]]
        definition.setdefault("is_published", True)
        Event.objects.update_or_create(slug=slug, defaults=definition)
    command.stdout.write(f"Events: {Event.objects.count()}")
