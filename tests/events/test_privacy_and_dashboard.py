import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from events.dashboard import dashboard_panel
from events.models import Event, Registration
from events.privacy import erase_user_data, export_user_data
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import CampaignFactory, RegionFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status


def test_export_user_data_lists_every_registration_as_json(user):
    confirmed = RegistrationFactory(user=user, event=EventFactory(title="Peer assist"))
    RegistrationFactory(user=user, status=Status.CANCELLED, event=EventFactory(title="Café"))
    RegistrationFactory(event=confirmed.event)  # someone else's

    data = export_user_data(user)

    json.dumps(data)  # serialisable as it is
    rows = data["event_registrations"]
    assert [(row["event"], row["status"]) for row in rows] == [
        ("Peer assist", "Confirmed"),
        ("Café", "Cancelled"),
    ]
    assert rows[0]["url"].endswith(confirmed.event.get_absolute_url())
    assert rows[0]["event_starts_at"] == confirmed.event.starts_at.isoformat()


def test_erase_user_data_frees_places_promotes_the_queue_and_deletes_the_rows(user, sent_mail):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event, user=user)
    next_in_line = RegistrationFactory(event=event, status=Status.WAITING)
    start = timezone.now() - datetime.timedelta(days=10)
    past = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=1))
    RegistrationFactory(event=past, user=user)

    erase_user_data(user)

    assert not Registration.objects.filter(user=user).exists()
    next_in_line.refresh_from_db()
    assert next_in_line.status == Status.CONFIRMED
    assert [m.to for m in sent_mail()] == [[next_in_line.user.email]]  # not the leaver
    assert export_user_data(user) == {"event_registrations": []}


def test_dashboard_panel_lists_my_bookings_and_waiting_list_places(user, django_assert_num_queries):
    booked = RegistrationFactory(user=user, event=EventFactory(title="Knowledge café"))
    full = EventFactory(title="Fishbowl", capacity=1)
    RegistrationFactory(event=full)
    RegistrationFactory(event=full, status=Status.WAITING)
    RegistrationFactory(user=user, event=full, status=Status.WAITING)
    RegistrationFactory(user=user, status=Status.CANCELLED, event=EventFactory(title="Gone"))
    request = RequestFactory().get("/my/")
    request.user = user

    with django_assert_num_queries(1):
        html = dashboard_panel(request)

    assert "<h2" in html
    assert booked.event.title in html
    assert "Fishbowl" in html
    assert "number 2 on the waiting list" in html
    assert "Gone" not in html


def test_my_knowvember_shows_the_events_panel(user_client, user):
    RegistrationFactory(user=user, event=EventFactory(title="Knowledge café"))

    response = user_client.get("/my/")

    assert "Your events" in response.content.decode()
    assert "Knowledge café" in response.content.decode()


def test_demo_data_loads_the_campaign_history_and_is_idempotent():
    CampaignFactory(name="Knowvember18", slug="knowvember18", year=2018)
    CampaignFactory(name="Knowvember19", slug="knowvember19", year=2019)
    CampaignFactory(name="KNOWvember26", slug="knowvember26", year=2026, is_current=True)
    for slug in ["north-east-and-yorkshire", "midlands", "south-east", "london", "north-west",
                 "national-outside-england"]:  # fmt: skip
        RegionFactory(slug=slug)

    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())

    events_2018 = Event.objects.filter(campaign__year=2018)
    regional = events_2018.filter(format=Event.Format.IN_PERSON)
    assert regional.count() == 4
    assert all(e.starts_at.month == 9 for e in regional)
    chat = events_2018.get(format=Event.Format.ONLINE_CHAT)
    assert chat.hashtag == "#ukmedlibs"
    assert timezone.localtime(chat.starts_at).strftime("%A %d %B %Y %H:%M") == (
        "Tuesday 16 October 2018 20:00"
    )
    chat_2019 = Event.objects.get(campaign__year=2019, format=Event.Format.ONLINE_CHAT)
    assert timezone.localtime(chat_2019.starts_at).strftime("%d %B %H:%M") == "19 November 12:30"
    assert Event.objects.filter(campaign__year=2026).published().upcoming().count() >= 3
    assert not Event.objects.filter(venue_name__icontains="example").exists()
    assert all(venue.count(",") == 1 for venue in regional.values_list("venue_name", flat=True))
    assert not Event.objects.filter(campaign__year=2021, format=Event.Format.IN_PERSON).exists()
    full_day = Event.objects.with_place_counts().get(slug="knowvember26-north-west-knowledge-day")
    assert full_day.is_full() and full_day.waiting_count == 2
