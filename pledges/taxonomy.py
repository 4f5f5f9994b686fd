"""The technique taxonomy every fresh database starts with (NHS Knowledge Mobilisation Framework).

Used by the data migration and by the demo-data loader; organisers edit the rows in the admin
afterwards, so seeding never overwrites a description that already exists.
"""

# (slug, name, stage, description) in display order.
TECHNIQUES = [
    (
        "self-assessment",
        "Self-assessment",
        "before",
        "Take stock of how your team shares and uses knowledge today, so you can choose "
        "where to improve first.",
    ),
    (
        "peer-assist",
        "Peer assist",
        "before",
        "Invite colleagues who have done something similar to share what worked for them "
        "before you begin your own piece of work.",
    ),
    (
        "before-action-review",
        "Before action review",
        "before",
        "A short structured conversation before a task: what are we setting out to do, what "
        "will success look like, and what have we or others learned before?",
    ),
    (
        "appreciative-inquiry",
        "Appreciative inquiry",
        "before",
        "Start from what already goes well and build on those strengths, rather than "
        "beginning with problems.",
    ),
    (
        "after-action-review",
        "After action review",
        "during",
        "A quick team review straight after an event: what was supposed to happen, what "
        "actually happened, why there was a difference and what to do next time.",
    ),
    (
        "knowledge-cafe",
        "Knowledge café",
        "during",
        "An informal, facilitated conversation in small groups around one open question, "
        "so people learn from each other's experience.",
    ),
    (
        "randomised-coffee-trials",
        "Randomised coffee trials",
        "during",
        "Pair colleagues at random for a short coffee and a chat, building connections "
        "across teams and professions.",
    ),
    (
        "communities-of-practice",
        "Communities of practice",
        "during",
        "A group of people who share an interest and meet regularly to swap know-how, "
        "solve problems together and keep learning.",
    ),
    (
        "action-learning-sets",
        "Action learning sets",
        "during",
        "A small group that meets over time to help each member work through a real "
        "challenge by asking questions rather than giving advice.",
    ),
    (
        "knowledge-assets",
        "Knowledge assets",
        "during",
        "Gather lessons, guidance and contacts on a topic into one place people can find "
        "and reuse.",
    ),
    (
        "fishbowl",
        "Fishbowl",
        "during",
        "A discussion format where a few people talk in an inner circle while others listen, "
        "with chairs free for listeners to step in.",
    ),
    (
        "storytelling",
        "Storytelling",
        "during",
        "Share experience as a story, so the context, the people and the lesson are "
        "remembered and passed on.",
    ),
    (
        "knowledge-harvesting",
        "Knowledge harvesting",
        "after",
        "Capture what a team or person knows at the end of a project so it can be used "
        "by others later.",
    ),
    (
        "retrospect",
        "Retrospect",
        "after",
        "A longer facilitated review at the end of a project that draws out lessons and "
        "recommendations for future work.",
    ),
    (
        "elicitation-interviews",
        "Elicitation interviews",
        "after",
        "Knowledge-capture interviews with staff who are leaving or changing role, so their "
        "know-how stays with the organisation.",
    ),
    (
        "lessons-learned-reviews",
        "Lessons-learned reviews",
        "after",
        "Look back across a piece of work, record what went well and what did not, and make "
        "sure the lessons reach the people who need them.",
    ),
]


def seed_activities(Activity):
    """Create any missing techniques; leave existing rows (organisers may have edited them)."""
    for order, (slug, name, stage, description) in enumerate(TECHNIQUES, start=1):
        Activity.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "stage": stage,
                "description": description,
                "order": order * 10,
            },
        )
