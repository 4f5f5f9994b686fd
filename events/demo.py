"""Events of every edition, from what the campaign recorded (see shared CONTENT.md).

Where the record gives no venue or title (the four Knowvember18 regional days), the event has a
title about its theme and region and a venue described by its kind and city, never a made-up
name. The current edition's sessions are dated from today, so there is always something to book.
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from accounts.demo import demo_people
from events.models import Event, Registration
from knowvember.demo import upsert
from knowvember.models import Campaign, Region

LONDON = ZoneInfo("Europe/London")

# Slugs earlier versions of this content used; removed so an old database matches this one.
RETIRED_SLUGS = [
    *(f"knowvember18-regional-event-{n}" for n in range(1, 5)),
    "knowvember19-ukmedlibs-chat",
]

ONLINE_ACCESS = (
    "Live captions are switched on. You can join by phone or computer, with your camera off if "
    "you prefer. The slides are emailed to everyone booked the day before."
)

REGIONAL_DAY_2018 = (
    "A free day for health librarians, library assistants and knowledge specialists, run by "
    "one of the two Knowvember18 project teams ahead of the first KNOWvember in November."
)


def at(year, month, day, hour, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def from_today(days, hour, minute=0):
    """A UK time `days` from today (negative for the past), so the dates never go stale."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def events_2018():
    days = [
        (
            "knowvember18-knowledge-management-in-practice-leeds",
            "Knowledge management in practice: North East and Yorkshire",
            "north-east-and-yorkshire",
            at(2018, 9, 11, 10),
            "Education centre of a teaching hospital, Leeds",
            "What knowledge management looks like in a hospital library service, and how to "
            "start small. In the morning: peer assist and after action review, tried out in "
            "small groups on a real piece of work each table brought. In the afternoon: "
            "planning a KNOWvember activity for your own organisation.",
        ),
        (
            "knowvember18-learning-before-during-and-after-birmingham",
            "Learning before, during and after: Midlands",
            "midlands",
            at(2018, 9, 13, 10),
            "Postgraduate medical education centre, Birmingham",
            "An introduction to learning before, during and after, the idea at the heart of "
            "KNOWvember. A knowledge café on the question: what do our teams lose when "
            "someone leaves? Then a short before action review of the pledge you want to make "
            "in November.",
        ),
        (
            "knowvember18-capturing-what-we-know-reading",
            "Capturing what we know: South East",
            "south-east",
            at(2018, 9, 18, 10),
            "Education centre of a general hospital, Reading",
            "Techniques for capturing know-how before it walks out of the door: elicitation "
            "interviews with colleagues who are leaving or changing role, knowledge harvesting "
            "at the end of a project, and keeping lessons where people will find them.",
        ),
        (
            "knowvember18-sharing-knowledge-across-library-services-london",
            "Sharing knowledge across library services: London",
            "london",
            at(2018, 9, 20, 10),
            "Seminar room of a university health sciences library, London",
            "How library and knowledge services can share what they know with each other and "
            "with clinical teams: communities of practice, storytelling, and a fishbowl "
            "discussion on linking knowledge management to your organisation's priorities.",
        ),
    ]
    for slug, title, region, starts, venue, programme in days:
        yield {
            "slug": slug,
            "campaign": "knowvember18",
            "region": region,
            "format": Event.Format.IN_PERSON,
            "title": title,
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=6),
            "venue_name": venue,
            "description": (
                f"{REGIONAL_DAY_2018}\n\n{programme}\n\n"
                "Everyone left with printed pledge cards to share with colleagues, and filled "
                "in an evaluation card before going home."
            ),
            "accessibility": (
                "Step-free access and a hearing loop in the main room. Lunch was provided; "
                "dietary needs were asked for when booking."
            ),
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
            "The chat took place on Twitter. Search Twitter for #ukmedlibs, follow the "
            "numbered questions from the hosts and add the hashtag to every reply so others "
            "can follow the conversation."
        ),
        "description": (
            "A one-hour #ukmedlibs Twitter chat for health librarians and knowledge "
            "specialists: what knowledge management is, what gets in the way, and one small "
            "thing each of us could try during Knowvember18."
        ),
    }


def events_2019():
    yield {
        "slug": "knowvember19-ukmedlibs-lunchtime-chat",
        "campaign": "knowvember19",
        "region": "national-outside-england",
        "format": Event.Format.ONLINE_CHAT,
        "title": "#ukmedlibs lunchtime chat: Knowvember19",
        "starts_at": at(2019, 11, 19, 12, 30),
        "ends_at": at(2019, 11, 19, 13, 30),
        "hashtag": "#ukmedlibs",
        "how_to_join": (
            "The chat took place on Twitter at lunchtime. Search Twitter for #ukmedlibs and "
            "add the hashtag to every reply."
        ),
        "description": (
            "A lunchtime #ukmedlibs chat halfway through Knowvember19: which of the weekly "
            "webinars' techniques have you tried, what happened, and what story would you "
            "add to the knowledge-management story bank?"
        ),
    }


def events_2020():
    yield {
        "slug": "knowvember20-ukmedlibs-chat",
        "campaign": "knowvember20",
        "region": "national-outside-england",
        "format": Event.Format.ONLINE_CHAT,
        "title": "#ukmedlibs chat: sharing knowledge when we all work apart",
        "starts_at": at(2020, 11, 26, 20),
        "ends_at": at(2020, 11, 26, 21),
        "hashtag": "#ukmedlibs",
        "how_to_join": (
            "The chat took place on Twitter. Search Twitter for #ukmedlibs and add the "
            "hashtag to every reply."
        ),
        "description": (
            "An evening #ukmedlibs chat after the four KNOWvember20 showcases. With most of "
            "us working remotely, how do we keep the chance conversations where knowledge "
            "used to be shared, and which techniques from the showcases will you try?"
        ),
    }


def events_2021():
    sessions = [
        (
            "knowvember21-self-assessment-tool-launch",
            "Launch of the Knowledge Mobilisation Self-Assessment Tool",
            "national-outside-england",
            at(2021, 11, 2, 12, 30),
            "The launch of the online Knowledge Mobilisation Self-Assessment Tool, on Teams. "
            "A walk through the tool's questions, how a library team can answer them together "
            "in under an hour, and how to turn the results into a plan for the year.",
        ),
        (
            "knowvember21-coffee-roulette-midlands",
            "Growing your connections: randomised coffee trials across a region",
            "midlands",
            at(2021, 11, 9, 10),
            "On Zoom. Library teams across the Midlands explain how they paired colleagues at "
            "random for a 20-minute virtual coffee each month, who signed up, what people "
            "talked about and what came of it.",
        ),
        (
            "knowvember21-starting-a-community-of-practice",
            "Growing your connections: starting a community of practice",
            "south-west",
            at(2021, 11, 16, 14),
            "On Teams. How a community of practice for clinical librarians began with six "
            "people and a monthly call, what keeps it going, and what it stopped doing.",
        ),
        (
            "knowvember21-knowledge-cafe-north-west",
            "Knowledge café: connecting library teams across the North West",
            "north-west",
            at(2021, 11, 23, 12, 30),
            "On Teams, in breakout rooms of five. One question: who outside your own team "
            "would you most like to learn from, and what stops you asking?",
        ),
    ]
    for slug, title, region, starts, description in sessions:
        yield {
            "slug": slug,
            "campaign": "knowvember21",
            "region": region,
            "format": Event.Format.ONLINE_SESSION,
            "title": title,
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=1),
            "description": description,
            "accessibility": ONLINE_ACCESS,
            "capacity": 100,
            "bookings_open": False,
        }


def events_2022():
    sessions = [
        (
            "knowvember22-lessons-from-library-teams",
            "Breaking down the barriers: lessons from library teams",
            "national-outside-england",
            at(2022, 11, 8, 12, 30),
            Event.Format.ONLINE_SESSION,
            "",
            "Four library and knowledge teams each presented one piece of knowledge-sharing "
            "work using the After Action Review template: what was supposed to happen, what "
            "actually happened, why there was a difference and what they will do next time. "
            "Questions and discussion followed each one.",
        ),
        (
            "knowvember22-library-and-clinical-teams-cambridge",
            "Sharing knowledge between library and clinical teams: East of England",
            "east-of-england",
            at(2022, 11, 17, 10),
            Event.Format.IN_PERSON,
            "Education centre of a teaching hospital, Cambridge",
            "A morning for librarians, knowledge specialists and the clinical teams they work "
            "with. Three short talks, each an After Action Review of a joint project, then a "
            "fishbowl on the barriers that keep evidence and know-how apart.",
        ),
        (
            "knowvember22-after-action-review-clinic",
            "After action review clinic: bring a piece of work",
            "north-east-and-yorkshire",
            at(2022, 11, 24, 14),
            Event.Format.ONLINE_SESSION,
            "",
            "A small online clinic on Teams. Bring something your team finished this year and "
            "review it together with the After Action Review template, helped by a facilitator.",
        ),
    ]
    for slug, title, region, starts, format, venue, description in sessions:
        yield {
            "slug": slug,
            "campaign": "knowvember22",
            "region": region,
            "format": format,
            "title": title,
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=2 if venue else 1),
            "venue_name": venue,
            "description": description,
            "accessibility": (
                "Step-free access, a hearing loop and a quiet room." if venue else ONLINE_ACCESS
            ),
            "capacity": 40 if venue else 12,
            "bookings_open": False,
        }


def events_current(campaign_slug, year):
    yield {
        "slug": f"{campaign_slug}-launch-learn-before-during-and-after",
        "campaign": campaign_slug,
        "region": "national-outside-england",
        "format": Event.Format.ONLINE_SESSION,
        "title": "Launch: learn before, during and after",
        "starts_at": at(year, 11, 2, 12, 30),
        "ends_at": at(year, 11, 2, 13, 30),
        "description": (
            "The opening session of this year's KNOWvember: what the campaign is for, how to "
            "make a pledge and how to record what you learned afterwards."
        ),
        "accessibility": ONLINE_ACCESS,
        "capacity": 200,
    }
    yield {
        "slug": f"{campaign_slug}-knowledge-cafe",
        "campaign": campaign_slug,
        "region": "national-outside-england",
        "format": Event.Format.ONLINE_SESSION,
        "title": "Knowledge café: learning after the campaign",
        "starts_at": from_today(3, 12, 30),
        "ends_at": from_today(3, 13, 30),
        "description": (
            "An hour-long knowledge café for anyone who tried a knowledge-mobilisation technique "
            "this November. Small groups discuss what worked, what did not, and what you would "
            "do differently, so the next person can learn before they start."
        ),
        "accessibility": ONLINE_ACCESS,
        "capacity": 30,
    }
    yield {
        "slug": f"{campaign_slug}-after-action-review",
        "campaign": campaign_slug,
        "region": "national-outside-england",
        "format": Event.Format.ONLINE_SESSION,
        "title": "After action review in practice",
        "starts_at": from_today(7, 10),
        "ends_at": from_today(7, 11),
        "description": (
            "Run an after action review with your team. We walk through the four questions: what "
            "was supposed to happen? What actually happened? Why was there a difference? What "
            "will we do next time? Places are few so everyone can practise."
        ),
        "accessibility": ONLINE_ACCESS,
        "capacity": 5,
    }
    yield {
        "slug": f"{campaign_slug}-north-west-knowledge-day",
        "campaign": campaign_slug,
        "region": "north-west",
        "format": Event.Format.IN_PERSON,
        "title": "Knowledge-mobilisation day: North West",
        "starts_at": from_today(10, 10),
        "ends_at": from_today(10, 15, 30),
        "venue_name": "Education centre of a teaching hospital, Manchester",
        "description": (
            "A face-to-face day for library assistants, librarians and knowledge specialists: "
            "peer assist in the morning, randomised coffee trials over lunch and a fishbowl "
            "discussion in the afternoon. Lunch is provided."
        ),
        "accessibility": (
            "Step-free access from the car park, a hearing loop in the main room, accessible "
            "toilets on the same floor and a quiet room. Tell us about any dietary needs when "
            "you book."
        ),
        "capacity": 8,
    }
    yield {
        "slug": f"{campaign_slug}-ukmedlibs-chat",
        "campaign": campaign_slug,
        "region": "national-outside-england",
        "format": Event.Format.ONLINE_CHAT,
        "title": "#ukmedlibs chat: knowledge management all year round",
        "starts_at": from_today(14, 20),
        "ends_at": from_today(14, 21),
        "hashtag": "#ukmedlibs",
        "how_to_join": (
            "The chat is on X (formerly Twitter). On the evening, search X for #ukmedlibs, "
            "follow the hosts' numbered questions and add the hashtag to every reply."
        ),
        "description": (
            "Knowledge management should happen all year, not only in November. How do you keep "
            "it going through winter pressures, and link it to your organisation's priorities?"
        ),
    }


# People booked on the current edition's sessions, so places left and the waiting list show.
ATTENDEES = [
    ("attendee-nw-library-assistant", "Library assistant", "an acute trust", "north-west"),
    ("attendee-nw-clinical-librarian", "Clinical librarian", "a mental health trust", "north-west"),
    ("attendee-nw-outreach", "Outreach librarian", "a community health trust", "north-west"),
    ("attendee-mid-km-lead", "Knowledge management lead", "an acute trust", "midlands"),
    ("attendee-lon-evidence", "Evidence specialist", "an integrated care board", "london"),
    ("attendee-sw-manager", "Library services manager", "a hospice", "south-west"),
    (
        "attendee-ee-assistant",
        "Senior library assistant",
        "an ambulance service",
        "east-of-england",
    ),
    (
        "attendee-se-km",
        "Knowledge and information officer",
        "a community health trust",
        "south-east",
    ),
    (
        "attendee-ney-head",
        "Head of library and knowledge services",
        "a teaching hospital trust",
        "north-east-and-yorkshire",
    ),
    ("attendee-nw-researcher", "Research librarian", "a teaching hospital trust", "north-west"),
]

# slug suffix -> (confirmed, waiting): the North West day is full with two people waiting.
BOOKINGS = {
    "knowledge-cafe": (6, 0),
    "after-action-review": (4, 0),
    "north-west-knowledge-day": (8, 2),
}


def _bookings(campaign_slug):
    people = list(demo_people({key: details for key, *details in ATTENDEES}).values())
    for suffix, (confirmed, waiting) in BOOKINGS.items():
        event = Event.objects.get(slug=f"{campaign_slug}-{suffix}")
        for index, person in enumerate(people[: confirmed + waiting]):
            status = (
                Registration.Status.CONFIRMED if index < confirmed else Registration.Status.WAITING
            )
            upsert(
                Registration,
                {"event": event, "user": person},
                {
                    "status": status,
                    # Booked two weeks before, in this order (the waiting list keeps it).
                    "status_changed_at": event.starts_at
                    - datetime.timedelta(days=14)
                    + datetime.timedelta(minutes=index),
                },
            )


def load_demo_data(command):
    current = Campaign.objects.current()
    definitions = [*events_2018(), *events_2019(), *events_2020(), *events_2021(), *events_2022()]
    if current is not None:
        definitions += list(events_current(current.slug, current.year))
    campaigns = {c.slug: c for c in Campaign.objects.all()}
    regions = {r.slug: r for r in Region.objects.all()}
    Event.objects.filter(slug__in=RETIRED_SLUGS).delete()
    for definition in definitions:
        definition = dict(definition)
        slug = definition.pop("slug")
        definition["campaign"] = campaigns[definition["campaign"]]
        definition["region"] = regions[definition["region"]]
        definition.setdefault("is_published", True)
        definition.setdefault("capacity", None)
        upsert(Event, {"slug": slug}, definition)
    if current is not None:
        _bookings(current.slug)
    command.stdout.write(
        f"Events: {Event.objects.count()}, bookings: {Registration.objects.count()}"
    )
