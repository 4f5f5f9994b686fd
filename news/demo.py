"""News for the demo: the 2018 launch post (facts from the campaign's history) and this
edition's posts, one of them scheduled so the publishing time can be seen at work."""

import datetime
import zoneinfo

from django.utils import timezone

from knowvember.models import Campaign
from news.models import Post, Tag

LONDON = zoneinfo.ZoneInfo("Europe/London")

LAUNCH_2018 = {
    "slug": "introducing-knowvember",
    "title": "Introducing KNOWvember: learn before, during and after",
    "summary": (
        "This November, health librarians and knowledge specialists are showing how they help "
        "NHS staff learn before, during and after what they do. Here is how to take part."
    ),
    "tags": ["events", "pledges", "community"],
    "body": """\
KNOWvember is a new campaign from NHS knowledge and library services in England, part of
Knowledge for Healthcare. All through November we want to show how librarians and knowledge
specialists mobilise evidence and know-how, so that colleagues can learn before, during and
after what they do, repeat what works and avoid the pitfalls others have already met.

## What has happened so far

In September, two project teams ran four regional events for health librarians and knowledge
specialists, to try knowledge-mobilisation techniques together and plan what to do locally.

## How to take part

* **Make a pledge.** Choose one technique to try, such as a peer assist, an after action review
  or a knowledge café, and add it to the [pledge wall](/pledges/). You can also send us your
  pledge by email, or make it on a pledge card at an event.
* **Join the chat.** The #ukmedlibs Twitter chat on Tuesday 16 October 2018 at 8pm is about
  [demystifying knowledge management](/events/ukmedlibs-chat-demystifying-knowledge-management/).
* **Use the branding.** The logo, posters and pledge cards are in the
  [KNOWvember toolkit](/toolkit/knowvember18/), ready to print and use in your library.
* **Tell people.** Follow the campaign on Twitter and use #KNOWvember when you post.

## Everyone can take part

Knowledge mobilisation is not only for managers. Library assistants often know most about what
colleagues ask for and where they get stuck, so please include the whole team.

A community of practice for knowledge management, with its own mailing list, starts during
November. [Join the community](/community/) to hear about it first.
""",
}


def current_posts(campaign):
    slug = campaign.slug
    return [
        {
            "slug": f"{slug}-welcome",
            "title": f"{campaign.name}: learn before, during and after",
            "summary": (
                "This year's KNOWvember is about learning at every stage of a piece of work. "
                "Pledge to try one technique, come to a session, and share what you learned."
            ),
            "tags": ["pledges", "events"],
            "publish_at": timezone.now() - datetime.timedelta(days=9),
            "body": f"""\
Welcome to {campaign.name}. This November we are asking everyone who works with evidence and
knowledge in the NHS to try one knowledge-mobilisation technique and tell colleagues what
happened.

## Three things you can do this month

1. **Pledge to try a technique.** Pick one from the [pledge form](/pledges/new/): a before
   action review before a project starts, a knowledge café with your team, or a retrospect
   when something finishes.
2. **Come to a session.** Start with the
   [knowledge café: learning after the campaign](/events/{slug}-knowledge-cafe/), or book
   [after action review in practice](/events/{slug}-after-action-review/).
3. **Watch a showcase.** [To share is to care](/showcases/knowvember20-showcase-1/), from
   KNOWvember20, shows how sharing practice builds skills and sparks new ideas.

## Take it back to your organisation

The [{campaign.name} toolkit](/toolkit/{slug}/) has the logo, social media cards, an A4 poster
and printable pledge cards with a QR code to the pledge form.
""",
        },
        {
            "slug": f"{slug}-your-first-after-action-review",
            "title": "Running your first after action review",
            "summary": (
                "An after action review takes 20 minutes and four questions. Here is how to run "
                "one with your team, and a card to help you do it."
            ),
            "tags": ["events", "pledges"],
            "publish_at": timezone.now() - datetime.timedelta(days=2),
            "body": f"""\
An after action review (AAR) is a short, structured conversation straight after a piece of
work, while everyone still remembers it. It is one of the learning-during techniques in the
NHS Knowledge Mobilisation Framework.

## The four questions

1. What was supposed to happen?
2. What actually happened?
3. Why was there a difference?
4. What will we do next time?

## Tips from people who have run one

* Keep it short: 20 minutes is enough for most pieces of work.
* Everyone's view counts equally, whatever their role.
* Write down the answers to the last question and agree who will act on them.

> It is not about blame. It is about making the next time easier for whoever does it.

Print the after action review card from the [toolkit](/toolkit/{slug}/) for your next team
meeting, or book a place at [after action review in
practice](/events/{slug}-after-action-review/) to practise with others.
""",
        },
        {
            "slug": f"{slug}-knowledge-management-all-year",
            "title": "Knowledge management all year round",
            "summary": (
                "November is a start, not the end. Join the #ukmedlibs chat about keeping "
                "knowledge management going through winter pressures."
            ),
            "tags": ["community", "events"],
            "publish_at": timezone.now() + datetime.timedelta(days=5),
            "body": f"""\
Knowledge management should happen all year, not only in November. But winter pressures make
it hard to release time, and harder still to link it to what your organisation is trying to do.

Join the [#ukmedlibs chat: knowledge management all year round](/events/{slug}-ukmedlibs-chat/)
to share how you keep it going, and [join the community of practice](/community/) to carry on
the conversation after KNOWvember.
""",
        },
    ]


def _save(campaign, definition, tags):
    definition = dict(definition)
    names = definition.pop("tags")
    post, _ = Post.objects.update_or_create(
        slug=definition.pop("slug"),
        defaults={"campaign": campaign, "status": Post.Status.PUBLISHED, **definition},
    )
    post.tags.set([tags[name] for name in names])


def load_demo_data(command):
    tags = {tag.slug: tag for tag in Tag.objects.all()}
    first = Campaign.objects.filter(year=2018).first()
    if first is not None:
        launch = {**LAUNCH_2018, "publish_at": datetime.datetime(2018, 10, 1, 9, tzinfo=LONDON)}
        _save(first, launch, tags)
    current = Campaign.objects.current()
    if current is not None:
        for definition in current_posts(current):
            _save(current, definition, tags)
    command.stdout.write(f"News posts: {Post.objects.count()}")
