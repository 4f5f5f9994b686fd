"""Demo techniques and a few dozen clearly fictional pledges (never real people or trusts)."""

import datetime
import uuid

from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from knowvember.models import Campaign, Region
from pledges.models import Activity, Pledge
from pledges.taxonomy import seed_activities

PLEDGERS = [
    ("A. Librarian", "Example NHS Foundation Trust", "london"),
    ("B. Knowledge", "Example Community Health Trust", "midlands"),
    ("C. Evidence", "Example Mental Health Trust", "north-west"),
    ("D. Specialist", "Example University Hospitals", "south-west"),
    ("E. Assistant", "Example Ambulance Service", "east-of-england"),
    ("F. Manager", "Example Integrated Care Board", "north-east-and-yorkshire"),
    ("G. Outreach", "Example Acute Trust", "south-east"),
    ("H. Clinical", "Example Hospice", "national-outside-england"),
]

# Repeats of an idea get a different team, so no two demo pledges share a title.
TEAMS = ["with the outreach team", "with the research team", "across two sites"]

# (technique slug, title, what I will do)
IDEAS = [
    (
        "knowledge-cafe",
        "Host a knowledge café on discharge planning",
        "Bring ward staff and the discharge team together for an hour to swap what helps.",
    ),
    (
        "peer-assist",
        "Ask a neighbouring library team for a peer assist",
        "Before we redesign our induction, learn from a team who did it last year.",
    ),
    (
        "after-action-review",
        "Run an after action review after every training session",
        "Fifteen minutes at the end of each literature-search session to ask what worked.",
    ),
    (
        "randomised-coffee-trials",
        "Start randomised coffee trials across the library network",
        "Pair library assistants and librarians across sites for a monthly virtual coffee.",
    ),
    (
        "communities-of-practice",
        "Set up a community of practice for clinical librarians",
        "Meet monthly online to share searches, tools and tricky questions.",
    ),
    (
        "before-action-review",
        "Hold a before action review for our new current-awareness service",
        "Agree what success looks like before we launch, and who has done this before.",
    ),
    (
        "self-assessment",
        "Complete the knowledge mobilisation self-assessment",
        "Work through the self-assessment with the team and pick two areas to improve.",
    ),
    (
        "elicitation-interviews",
        "Interview our retiring outreach librarian",
        "Capture twenty years of know-how before they leave in December.",
    ),
    (
        "retrospect",
        "Run a retrospect on our evidence summary project",
        "Look back at the whole project with the clinical team and write up the lessons.",
    ),
    (
        "storytelling",
        "Collect three stories of evidence changing care",
        "Ask clinicians for short stories of when a search made a difference.",
    ),
    (
        "knowledge-assets",
        "Build a knowledge asset on running journal clubs",
        "Gather guides, templates and contacts into one page colleagues can reuse.",
    ),
    (
        "fishbowl",
        "Try a fishbowl at our team away day",
        "Use a fishbowl to discuss how we link our work to organisational priorities.",
    ),
]

LESSONS = {
    "aar_planned": "Around ten colleagues would take part and we would agree two actions.",
    "aar_actual": "Seven came. The conversation was lively and we agreed three actions.",
    "aar_difference": "Winter pressures meant some could not be released from the wards.",
    "aar_next": "Book it early in the year, keep it to 45 minutes and invite library "
    "assistants as well.",
}


def _pledger(index, name, organisation, region):
    email = f"demo.pledger{index}@example.nhs.uk"
    user, _ = User.objects.update_or_create(
        email=email, defaults={"name": name, "organisation": organisation, "region": region}
    )
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def load_demo_data(command):
    seed_activities(Activity)
    regions = {region.slug: region for region in Region.objects.all()}
    activities = {activity.slug: activity for activity in Activity.objects.all()}
    editions = [c for c in Campaign.objects.filter(slug__in=["knowvember18", "knowvember26"])]
    pledgers = [
        _pledger(i, name, organisation, regions.get(region))
        for i, (name, organisation, region) in enumerate(PLEDGERS, start=1)
    ]
    count = 0
    for campaign in editions:
        for n in range(18):
            slug, title, text = IDEAS[n % len(IDEAS)]
            pledger = pledgers[(n * 3 + campaign.year) % len(pledgers)]
            past = campaign.year < timezone.localdate().year
            completed = past and n % 3 != 2
            status = Pledge.Status.PENDING if (not past and n % 6 == 5) else Pledge.Status.APPROVED
            created = datetime.datetime(campaign.year, 10, 1 + n, 10, tzinfo=datetime.UTC)
            defaults = {
                "author": pledger,
                "activity": activities[slug],
                "text": text,
                "target_month": datetime.date(campaign.year, 11, 1),
                "effort": [Pledge.Effort.SMALL, Pledge.Effort.MEDIUM, Pledge.Effort.LARGE][n % 3],
                "organisation": pledger.organisation,
                "region": pledger.region,
                "show_name": n % 2 == 0,
                "show_organisation": n % 4 != 3,
                "status": status,
                "moderated_at": created if status == Pledge.Status.APPROVED else None,
                "created_at": created,
                "outcome": Pledge.Outcome.DONE if completed else "",
                "lessons_status": Pledge.LessonsStatus.APPROVED if completed else "",
                "lessons_moderated_at": created if completed else None,
                "follow_up_emailed_at": created if past else None,
                **(LESSONS if completed else dict.fromkeys(LESSONS, "")),
            }
            Pledge.objects.update_or_create(
                campaign=campaign,
                title=f"{title} {TEAMS[n // len(IDEAS) - 1]}" if n >= len(IDEAS) else title,
                defaults=defaults,
                create_defaults={**defaults, "submission_key": uuid.uuid4()},
            )
            count += 1
    command.stdout.write(f"Pledges: {count} demo pledges for {len(editions)} editions")
