"""The content `make run` loads is the first thing anyone sees: every public page of it is read
as a visitor would, and must read as finished, honest campaign content."""

import io
import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from community.models import Subscription
from events.models import Event, Registration
from knowvember.models import Campaign, Region
from pledges.models import Activity, Pledge
from pledges.taxonomy import TECHNIQUES
from showcases.models import DelegatePackItem, Recording, Showcase, Speaker
from tests.community.factories import SubscriptionFactory
from tests.composed import section_value
from tests.events.factories import EventFactory
from tests.pledges.factories import PledgeFactory
from tests.showcases.factories import SessionSpeakerFactory, ShowcaseFactory

pytestmark = pytest.mark.django_db

KNOWVEMBER20_TITLES = [
    "To share is to care: sharing practice, increasing skills, generating ideas.",
    "Knowledge Mobilisation standards. How do you develop skills to make knowledge "
    "mobilisation activity part of your standard every-day business?",
    "By stealth or grand design? Influencing the knowledge sharing culture of an NHS organisation.",
    "The digital workplace. Where does this leave knowledge mobilisation – how to encourage "
    "spontaneous knowledge sharing when working remotely?",
]

# What would make the content read as unfinished or invented, wherever it appears.
FORBIDDEN = {
    "the word demo": re.compile(r"\bdemos?\b", re.IGNORECASE),
    "placeholder": re.compile(r"placeholder", re.IGNORECASE),
    "fictional": re.compile(r"fictional", re.IGNORECASE),
    "Example Road": re.compile(r"Example Road"),
    "Exampletown": re.compile(r"Exampletown", re.IGNORECASE),
    "lorem": re.compile(r"\blorem\b", re.IGNORECASE),
    # "Example NHS Trust", "example.nhs.uk"; "for example" and "examples" are plain English.
    "a made-up example name": re.compile(r"(?<!for )\bexample\b", re.IGNORECASE),
    "an initial-plus-role name": re.compile(r"\b[A-Z]\. [A-Z][a-z]+"),
    "a video id": re.compile(r"youtube\.com/watch|youtube-nocookie\.com/embed|KNOWv\d"),
}

SEARCH_WORDS = ["knowledge café", "peer assist", "after action review", "sharing", "ukmedlibs"]


class VisibleText(HTMLParser):
    """What a visitor reads or hears: text, plus alt, title, aria-label and meta content."""

    SPOKEN_ATTRIBUTES = {"alt", "title", "aria-label", "content", "placeholder"}

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._skip += 1
        self.parts += [value or "" for name, value in attrs if name in self.SPOKEN_ATTRIBUTES]

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    if "html" not in response["Content-Type"]:
        return response.content.decode()
    parser = VisibleText()
    parser.feed(response.content.decode())
    return " ".join(" ".join(parser.parts).split())


def load():
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    return output.getvalue()


def public_urls():
    """Every public page of the content, feeds and downloads included."""
    urls = ["/", reverse("accessibility"), reverse("privacy"), reverse("cookies")]
    urls += [reverse("contact"), reverse("sitemap"), reverse("community:signup")]
    urls += [reverse("events:list"), reverse("events:calendar")]
    urls += [reverse("pledges:wall"), reverse("pledges:stats"), reverse("pledges:feed")]
    urls += [reverse("showcases:list"), reverse("showcases:feed")]
    for campaign in Campaign.objects.all():
        urls += [campaign.get_absolute_url(), f"{reverse('pledges:stats')}?edition={campaign.slug}"]
        urls += [f"{reverse(name)}?edition={campaign.slug}" for name in ("events:list",)]
        if Showcase.objects.published().filter(campaign=campaign).exists():
            urls += [f"{reverse('showcases:list')}?edition={campaign.slug}"]
    for event in Event.objects.published():
        urls += [event.get_absolute_url(), reverse("events:ics", args=[event.slug])]
    for pledge in Pledge.objects.on_wall():
        urls += [pledge.get_absolute_url()]
    for activity in Activity.objects.all():
        urls += [f"{reverse('pledges:lessons')}?activity={activity.slug}"]
        urls += [f"{reverse('pledges:wall')}?technique={activity.slug}"]
    for showcase in Showcase.objects.published():
        urls += [showcase.get_absolute_url()]
        urls += [item.get_download_url() for item in showcase.pack_items.exclude(file="")]
    urls += [f"{reverse('search')}?q={words}" for words in SEARCH_WORDS]
    return urls


def wall_pages(client, query=""):
    """The wall's pages, each as the list of pledges it shows."""
    number, pages = 1, []
    while True:
        response = client.get(f"{reverse('pledges:wall')}?{query}&page={number}")
        page_obj = response.context["page_obj"]
        pages.append([pledge.title for pledge in page_obj.object_list])
        if not page_obj.has_next():
            return pages
        number += 1


def test_every_public_page_reads_as_finished_campaign_content(client):
    load()
    problems = []
    texts = {}

    for url in public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        text = visible_text(response)
        texts[url] = text
        problems += [
            f"{url}: {name}" for name, pattern in FORBIDDEN.items() if pattern.search(text)
        ]

    assert problems == []
    # One spelling per edition name, as the campaign wrote it (slugs in addresses aside).
    for campaign in Campaign.objects.all():
        name = re.compile(rf"(?<![/\w-]){campaign.name}(?![\w/-])", re.IGNORECASE)
        spellings = {found for text in texts.values() for found in name.findall(text)}
        assert spellings == {campaign.name}


def test_every_page_of_the_content_signed_in_reads_as_finished(client):
    load()
    pledger = User.objects.get(email="nw-clinical-librarian@example.nhs.uk")
    client.force_login(pledger)
    urls = [reverse("accounts:dashboard"), reverse("pledges:create")]
    urls += [f"{reverse('pledges:create')}?activity={slug}" for slug, *_ in TECHNIQUES]
    urls += [event.get_absolute_url() for event in Event.objects.filter(campaign__is_current=True)]

    for url in urls:
        # The dashboard shows the account's own address; everything else is what others see too.
        text = visible_text(client.get(url)).replace(pledger.email, "")
        assert [name for name, pattern in FORBIDDEN.items() if pattern.search(text)] == [], url


def test_no_pledge_title_twice_on_a_wall_page_or_in_learn_before_you_start(client):
    load()

    queries = [""] + [f"edition={campaign.slug}" for campaign in Campaign.objects.all()]
    for query in queries:
        for titles in wall_pages(client, query):
            assert len(titles) == len(set(titles)), query
    for activity in Activity.objects.all():
        response = client.get(reverse("pledges:lessons"), {"activity": activity.slug})
        shown = [pledge.pk for pledge in response.context["lessons"]]
        assert len(shown) == len(set(shown))
        assert all(pledge.activity == activity for pledge in response.context["lessons"])


def test_every_edition_has_content_and_its_page_shows_it(client):
    load()

    for campaign in Campaign.objects.all():
        response = client.get(campaign.get_absolute_url())
        shown = section_value(response, "events") or section_value(response, "showcases")
        assert shown, campaign.name
        assert section_value(response, "counters")["pledges"] > 0, campaign.name
        assert campaign.summary, campaign.name
    names = set(Campaign.objects.values_list("name", flat=True))
    assert names == {
        "Knowvember18",
        "Knowvember19",
        "KNOWvember20",
        "KNOWvember21",
        "KNOWvember22",
        "KNOWvember26",
    }


def test_summaries_promise_only_what_the_pages_show(client):
    load()

    webinars = Showcase.objects.filter(campaign__slug="knowvember19", kind="webinar")
    assert webinars.count() == 4
    assert all(webinar.recording.has_transcript for webinar in webinars)
    editions_2018 = Event.objects.filter(campaign__slug="knowvember18")
    regional = editions_2018.filter(format=Event.Format.IN_PERSON)
    assert regional.count() == 4
    assert {event.starts_at.month for event in regional} == {9}
    assert all(event.venue_name and "," in event.venue_name for event in regional)
    chat = editions_2018.get(format=Event.Format.ONLINE_CHAT)
    assert chat.title == "#ukmedlibs chat: Demystifying knowledge management"
    knowvember20 = Showcase.objects.filter(campaign__slug="knowvember20")
    showcases = knowvember20.filter(kind="showcase").order_by("number")
    assert list(showcases.values_list("title", flat=True)) == KNOWVEMBER20_TITLES
    assert knowvember20.filter(kind="interview").count() >= 3
    assert Event.objects.filter(campaign__slug="knowvember20", hashtag="#ukmedlibs").exists()
    assert all(showcase.pack_items.count() >= 4 for showcase in showcases)
    assert Event.objects.filter(campaign__slug="knowvember21").exclude(format="in_person").exists()


def test_no_recording_is_invented_and_every_transcript_is_real_text(client):
    load()

    assert not Recording.objects.exclude(youtube_id="").exists()
    for recording in Recording.objects.select_related("showcase"):
        paragraphs = [p for p in recording.transcript.split("\n\n") if p.strip()]
        assert len(paragraphs) >= 4, recording.showcase.slug
        assert len(recording.transcript) > 900, recording.showcase.slug
        page = client.get(recording.showcase.get_absolute_url()).content.decode()
        assert "Recording not yet added" in page


def test_pledges_are_varied_across_editions_regions_techniques_and_outcomes():
    load()

    pledges = Pledge.objects.all()
    assert pledges.count() >= 40
    assert set(pledges.values_list("activity__slug", flat=True)) == {t[0] for t in TECHNIQUES}
    assert set(pledges.values_list("region__slug", flat=True)) == set(
        Region.objects.values_list("slug", flat=True)
    )
    titles = list(pledges.values_list("title", flat=True))
    texts = list(pledges.values_list("text", flat=True))
    assert len(titles) == len(set(titles)) and len(texts) == len(set(texts))
    lessons = [p.aar_next for p in pledges if p.has_lessons]
    assert len(lessons) == len(set(lessons)) >= 20
    assert pledges.filter(status=Pledge.Status.PENDING).exists()
    assert pledges.with_lessons().count() >= 20
    outcomes = Counter(pledges.values_list("outcome", flat=True))
    assert all(outcomes[outcome] for outcome in Pledge.Outcome.values)
    assert all(
        Pledge.objects.on_wall().filter(campaign=campaign).exists()
        for campaign in Campaign.objects.all()
    )


def test_loading_twice_changes_nothing_and_prints_the_login_last():
    first_output = load()
    counted = [
        apps.get_model(label)
        for label in (
            "knowvember.Campaign", "knowvember.Region", "accounts.User", "events.Event",
            "events.Registration", "pledges.Pledge", "pledges.Activity", "showcases.Showcase",
            "showcases.Speaker", "showcases.SessionSpeaker", "showcases.Recording",
            "showcases.DelegatePackItem", "showcases.Takeaway", "community.Subscription",
        )
    ]  # fmt: skip
    counts = {model: model.objects.count() for model in counted}
    files = sorted(DelegatePackItem.objects.values_list("file", flat=True))

    second_output = load()

    assert {model: model.objects.count() for model in counted} == counts
    assert sorted(DelegatePackItem.objects.values_list("file", flat=True)) == files
    assert Registration.objects.filter(status="waiting").count() == 2
    for output in (first_output, second_output):
        last_lines = output.strip().splitlines()[-3:]
        assert last_lines[0].startswith("Sign in at /admin/")
        assert last_lines[1].split() == ["Email:", "organiser@example.nhs.uk"]
        assert last_lines[2].split()[0] == "Password:"


def test_loading_over_an_earlier_version_of_the_content_removes_what_it_invented():
    load()
    campaign = Campaign.objects.get(slug="knowvember20")
    interview = Showcase.objects.get(slug="knowvember20-interview-1")
    Recording.objects.filter(showcase=interview).update(youtube_id="KNOWv20in01")
    SessionSpeakerFactory(showcase=interview, speaker__name="A. Chair")
    ShowcaseFactory(campaign=campaign, kind="chat", number=1, slug="knowvember20-ukmedlibs-chat")
    EventFactory(slug="knowvember18-regional-event-1", venue_name="Venue not recorded")
    SubscriptionFactory(email="a.librarian@example.nhs.uk", name="A. Librarian")
    PledgeFactory(
        author__email="demo.pledger1@example.nhs.uk", title="Peer assist across two sites"
    )

    load()

    assert not Recording.objects.exclude(youtube_id="").exists()
    assert not Speaker.objects.filter(name="A. Chair").exists()
    assert not Showcase.objects.filter(slug="knowvember20-ukmedlibs-chat").exists()
    assert not Event.objects.filter(slug="knowvember18-regional-event-1").exists()
    assert not Subscription.objects.filter(email="a.librarian@example.nhs.uk").exists()
    assert not Pledge.objects.filter(title="Peer assist across two sites").exists()
