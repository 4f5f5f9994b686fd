"""iCalendar (RFC 5545) files for events: one event, the upcoming list, and email attachments."""

import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings

from events.models import Event

LONDON = ZoneInfo("Europe/London")
PRODID = "-//NHS England//KNOWvember events//EN"


def event_uid(event: Event) -> str:
    """Stable across edits and re-downloads, so calendars update the entry instead of adding one."""
    host = urlsplit(settings.SITE_URL).hostname or "knowvember"
    return f"event-{event.pk}@{host}"


def event_location(event: Event) -> str:
    if event.is_chat:
        return f"Online chat ({event.hashtag})" if event.hashtag else "Online chat"
    if event.is_online:
        return "Online"
    parts = [event.venue_name, ", ".join(event.venue_address.split("\n"))]
    return ", ".join(part.strip() for part in parts if part.strip())


def _description(event: Event, url: str, join_url: str) -> str:
    lines = [event.description.strip()]
    if event.is_chat and event.hashtag:
        lines.append(f"Join the chat: {event.hashtag}. {event.how_to_join}".strip())
    if join_url:
        lines.append(f"Join online: {join_url}")
    lines.append(f"Details: {url}")
    return "\n\n".join(line for line in lines if line)


def build_calendar(
    events, *, name: str, attendee_join_links: bool = False, method: str = "PUBLISH"
) -> bytes:
    """A VCALENDAR with one VEVENT per event, times in Europe/London, a reminder a day before.

    `attendee_join_links` puts the online join link in the description: only for a confirmed
    attendee's own email, never for a public download. `method="CANCEL"` is the file that
    removes a cancelled event from attendees' calendars.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/London")
    events = list(events)
    calendar.add_component(_london_timezone(events))
    for event in events:
        calendar.add_component(_vevent(event, attendee_join_links=attendee_join_links))
    return calendar.to_ical()


def _london_timezone(events) -> icalendar.Timezone:
    """VTIMEZONE rules covering just the years the events need (a full table is 5 KB)."""
    years = [event.starts_at.astimezone(LONDON).year for event in events] or [
        datetime.date.today().year
    ]
    return icalendar.Timezone.from_tzid(
        "Europe/London",
        first_date=datetime.date(min(years) - 1, 1, 1),
        last_date=datetime.date(max(years) + 1, 12, 31),
    )


def _vevent(event: Event, *, attendee_join_links: bool) -> icalendar.Event:
    url = f"{settings.SITE_URL}{event.get_absolute_url()}"
    join_url = event.join_url if attendee_join_links and event.is_online else ""
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(event))
    # Same UID, higher SEQUENCE: calendars replace the entry they hold (RFC 5545, 3.8.7.4).
    vevent.add("sequence", event.sequence)
    vevent.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
    vevent.add("last-modified", event.updated_at.astimezone(datetime.UTC))
    vevent.add("dtstart", event.starts_at.astimezone(LONDON))
    vevent.add("dtend", event.ends_at.astimezone(LONDON))
    vevent.add("summary", event.title)
    vevent.add("description", _description(event, url, join_url))
    vevent.add("location", event_location(event))
    vevent.add("url", url)
    vevent.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    vevent.add("categories", [event.get_format_display()])
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Tomorrow: {event.title}")
    alarm.add("trigger", datetime.timedelta(days=-1))
    vevent.add_component(alarm)
    return vevent


def event_filename(event: Event) -> str:
    return f"{event.slug}.ics"
