import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def parse_calendar(response):
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_event_ics_is_a_valid_calendar_with_uid_location_url_and_alarm(client):
    event = EventFactory(
        title="Knowledge café",
        venue_name="Education Centre",
        venue_address="Example Hospital\nExample Road",
    )

    response = client.get(reverse("events:ics", args=[event.slug]))

    assert f'filename="{event.slug}.ics"' in response["Content-Disposition"]
    calendar = parse_calendar(response)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Knowledge café"
    assert str(vevent["UID"]) == f"event-{event.pk}@127.0.0.1"
    assert str(vevent["LOCATION"]) == "Education Centre, Example Hospital, Example Road"
    assert str(vevent["URL"]).endswith(event.get_absolute_url())
    [alarm] = vevent.walk("VALARM")
    assert alarm.decoded("TRIGGER") == datetime.timedelta(days=-1)
    [vtimezone] = calendar.walk("VTIMEZONE")
    assert str(vtimezone["TZID"]) == "Europe/London"


def test_event_ics_uid_is_stable_when_the_event_changes(client):
    event = EventFactory(title="Before")
    url = reverse("events:ics", args=[event.slug])
    before = parse_calendar(client.get(url)).walk("VEVENT")[0]["UID"]

    event.title = "After"
    event.starts_at += datetime.timedelta(days=1)
    event.ends_at += datetime.timedelta(days=1)
    event.save()
    after = parse_calendar(client.get(url)).walk("VEVENT")[0]["UID"]

    assert before == after


@pytest.mark.parametrize(
    ("utc_start", "london_wall_clock"),
    [
        # Saturday before the clocks go back (BST, UTC+1) and the Monday after (GMT, UTC+0).
        (datetime.datetime(2030, 10, 26, 19, 0), datetime.datetime(2030, 10, 26, 20, 0)),
        (datetime.datetime(2030, 10, 28, 20, 0), datetime.datetime(2030, 10, 28, 20, 0)),
    ],
)
def test_event_ics_start_is_right_in_london_across_the_october_clock_change(
    client, utc_start, london_wall_clock
):
    start = utc_start.replace(tzinfo=datetime.UTC)
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=1))

    calendar = parse_calendar(client.get(reverse("events:ics", args=[event.slug])))

    [vevent] = calendar.walk("VEVENT")
    dtstart = vevent.decoded("DTSTART")
    assert vevent["DTSTART"].params["TZID"] == "Europe/London"
    assert dtstart.replace(tzinfo=None) == london_wall_clock
    assert dtstart == start  # the same instant
    assert "TZID:Europe/London" in response_text(client, event)


def response_text(client, event):
    return client.get(reverse("events:ics", args=[event.slug])).content.decode()


def test_calendar_ics_holds_every_upcoming_published_event_and_no_others(client):
    upcoming = EventFactory.create_batch(2)
    EventFactory(is_published=False)
    start = timezone.now() - datetime.timedelta(days=3)
    EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=1))

    calendar = parse_calendar(client.get(reverse("events:calendar")))

    uids = {str(vevent["UID"]) for vevent in calendar.walk("VEVENT")}
    assert uids == {f"event-{event.pk}@127.0.0.1" for event in upcoming}


def test_calendar_ics_describes_chats_by_their_hashtag(client):
    EventFactory(format=Event.Format.ONLINE_CHAT, hashtag="#ukmedlibs", capacity=None)

    calendar = parse_calendar(client.get(reverse("events:calendar")))

    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["LOCATION"]) == "Online chat (#ukmedlibs)"
    assert "#ukmedlibs" in str(vevent["DESCRIPTION"])


def test_calendar_ics_changes_as_soon_as_an_event_is_edited(client):
    event = EventFactory(title="Before the edit")
    client.get(reverse("events:calendar"))

    event.title = "After the edit"
    event.save()
    calendar = parse_calendar(client.get(reverse("events:calendar")))

    assert [str(v["SUMMARY"]) for v in calendar.walk("VEVENT")] == ["After the edit"]


def test_calendar_ics_drops_an_event_once_it_is_unpublished(client):
    event = EventFactory()
    client.get(reverse("events:calendar"))

    Event.objects.filter(pk=event.pk).update(is_published=False)
    calendar = parse_calendar(client.get(reverse("events:calendar")))

    assert calendar.walk("VEVENT") == []
