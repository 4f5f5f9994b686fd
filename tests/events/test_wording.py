"""Event cards and pages say each thing once, in words that fit the kind of event."""

import pytest
from django.urls import reverse

from events.models import Event
from tests.events.factories import EventFactory
from tests.factories import RegionFactory
from tests.html import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def national():
    return RegionFactory(slug="national-outside-england", name="National / outside England")


def test_online_session_card_does_not_repeat_online_or_name_the_national_region(client, national):
    EventFactory(
        title="After action review in practice",
        format=Event.Format.ONLINE_SESSION,
        region=national,
        venue_name="",
        campaign__name="KNOWvember26",
    )

    page = text_of(client.get(reverse("events:list")))

    assert "Online session · KNOWvember26" in page
    assert "Online session · Online" not in page
    assert "National / outside England ·" not in page


def test_in_person_card_names_venue_and_region(client):
    EventFactory(region=RegionFactory(name="North West"), campaign__name="KNOWvember26")

    page = text_of(client.get(reverse("events:list")))

    assert "In person · Library, Example NHS Foundation Trust · North West · KNOWvember26" in page


def test_online_event_for_everyone_says_who_can_join_not_who_hosts(client, national):
    event = EventFactory(format=Event.Format.ONLINE_SESSION, region=national, venue_name="")

    page = text_of(client.get(event.get_absolute_url()))

    assert "Who can join Anyone, wherever they work" in page
    assert "Hosted by" not in page


def test_regional_event_says_who_hosts(client):
    event = EventFactory(region=RegionFactory(name="North West"))

    page = text_of(client.get(event.get_absolute_url()))

    assert "Hosted by North West" in page


def test_chat_page_gives_the_organisers_words_on_where_to_find_it(client, national):
    event = EventFactory(
        format=Event.Format.ONLINE_CHAT,
        region=national,
        hashtag="#ukmedlibs",
        how_to_join="The chat is on X (formerly Twitter). Search X for #ukmedlibs.",
        capacity=None,
        venue_name="",
    )

    page = text_of(client.get(event.get_absolute_url()))

    assert "The chat is on X (formerly Twitter). Search X for #ukmedlibs." in page
    assert page.count("Follow and use the hashtag") == 0
