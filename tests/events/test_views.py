import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from events import views
from events.models import Event, Registration
from events.views import PAGE_SIZE
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import CampaignFactory, RegionFactory, UserFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

Status = Registration.Status


def past_event(**kwargs):
    start = timezone.now() - datetime.timedelta(days=30)
    return EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=1), **kwargs)


def page_text(response):
    return response.content.decode()


# The list


@pytest.mark.parametrize("count", [1, 3])
def test_event_list_query_count_does_not_grow_with_events(client, count, django_assert_num_queries):
    EventFactory.create_batch(count)
    past_event()

    with django_assert_num_queries(4):  # count, page, edition choices, region choices
        response = client.get(reverse("events:list"))

    assert response.context["page_obj"].paginator.count == count + 1


def test_event_list_query_count_is_the_same_with_filters(client, django_assert_num_queries):
    EventFactory(campaign=CampaignFactory(slug="knowvember26"), region=RegionFactory(slug="london"))

    with django_assert_num_queries(4):
        response = client.get(
            reverse("events:list"),
            {"edition": "knowvember26", "region": "london", "format": "in_person"},
        )

    assert response.context["page_obj"].paginator.count == 1


@pytest.mark.parametrize("count", [1, 3])
def test_event_list_query_count_for_a_signed_in_person(
    user_client, user, count, django_assert_num_queries
):
    for event in EventFactory.create_batch(count):
        RegistrationFactory(event=event, user=user)

    with django_assert_num_queries(6):  # + session and user
        response = user_client.get(reverse("events:list"))

    assert page_text(response).count("You have a place") == count


def test_event_list_shows_upcoming_soonest_first_then_the_archive(client):
    later = EventFactory(
        title="Later session", starts_at=timezone.now() + datetime.timedelta(days=9)
    )
    sooner = EventFactory(
        title="Sooner session", starts_at=timezone.now() + datetime.timedelta(days=2)
    )
    old = past_event(title="Old regional event")
    older = EventFactory(
        title="Older regional event",
        starts_at=timezone.now() - datetime.timedelta(days=400),
        ends_at=timezone.now() - datetime.timedelta(days=400) + datetime.timedelta(hours=3),
    )

    response = client.get(reverse("events:list"))

    page = page_text(response)
    positions = [
        page.index(t)
        for t in [
            "Upcoming events",
            sooner.title,
            later.title,
            "Past events",
            old.title,
            older.title,
        ]
    ]
    assert positions == sorted(positions)


def test_event_list_hides_unpublished_events(client):
    EventFactory(title="Draft event", is_published=False)

    response = client.get(reverse("events:list"))

    assert "Draft event" not in page_text(response)
    assert "No events found" in page_text(response)


def test_event_list_filters_by_edition_region_and_format(client):
    edition = CampaignFactory(slug="knowvember26")
    london = RegionFactory(slug="london", name="London")
    wanted = EventFactory(
        title="London online session",
        campaign=edition,
        region=london,
        format=Event.Format.ONLINE_SESSION,
    )
    EventFactory(title="London in person", campaign=edition, region=london)
    EventFactory(title="Elsewhere online", campaign=edition, format=Event.Format.ONLINE_SESSION)
    EventFactory(title="Other edition", region=london, format=Event.Format.ONLINE_SESSION)

    response = client.get(
        reverse("events:list"),
        {"edition": "knowvember26", "region": "london", "format": "online_session"},
    )

    assert list(response.context["events"]) == [wanted]
    assert "1 event match your filters" in page_text(response)
    assert 'value="london" selected' in page_text(response)


def test_event_list_with_an_unknown_filter_value_explains_the_problem(client):
    EventFactory()

    response = client.get(reverse("events:list"), {"region": "atlantis"})

    html = parse(response)
    assert response.status_code == 400
    assert "There is a problem" in page_text(response)
    assert html.error_summary == [("#id_region", "Select a region from the list")]
    assert "id_region" in html.ids
    assert "<title>Error: Events" in page_text(response)


def test_event_list_pagination_keeps_the_filters(client):
    region = RegionFactory(slug="midlands")
    EventFactory.create_batch(PAGE_SIZE + 1, region=region)
    EventFactory(title="Not in the Midlands")

    first = client.get(reverse("events:list"), {"region": "midlands"})
    second = client.get(reverse("events:list"), {"region": "midlands", "page": 2})

    assert "?region=midlands&amp;page=2" in page_text(first)
    assert len(second.context["events"]) == 1
    assert "Not in the Midlands" not in page_text(second)


def test_event_list_is_a_proper_page(client):
    EventFactory()

    page = parse(client.get(reverse("events:list")))

    assert page.h1_count == 1
    assert page.inline_scripts == 0
    assert page.style_attributes == 0
    assert reverse("events:calendar") in page.links


# The event page


def test_event_page_shows_uk_time_venue_region_and_places_left(client):
    event = EventFactory(
        title="Peer assist in practice",
        starts_at=datetime.datetime(2030, 10, 15, 19, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2030, 10, 15, 20, 0, tzinfo=datetime.UTC),
        region=RegionFactory(name="North West", slug="north-west"),
        venue_name="Education Centre",
        capacity=12,
        accessibility="Hearing loop in the main room.",
    )
    RegistrationFactory(event=event)

    response = client.get(event.get_absolute_url())

    page = page_text(response)
    assert "Tuesday 15 October 2030, 8pm to 9pm" in page  # BST, an hour ahead of UTC
    assert "Education Centre" in page
    assert "North West" in page
    assert "11 places left" in page
    assert "Hearing loop in the main room." in page
    assert "Sign in to book a place" in page
    assert parse(response).h1_count == 1


def test_event_page_of_a_full_event_offers_the_waiting_list(user_client):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)

    page = page_text(user_client.get(event.get_absolute_url()))

    assert "Full – join the waiting list" in page
    assert "Join the waiting list</button>" in page


def test_event_page_of_a_chat_shows_the_hashtag_and_how_to_join(client):
    event = EventFactory(
        format=Event.Format.ONLINE_CHAT,
        hashtag="#ukmedlibs",
        how_to_join="Search for the hashtag on Twitter.",
        capacity=None,
    )

    page = page_text(client.get(event.get_absolute_url()))

    assert "#ukmedlibs" in page
    assert "Search for the hashtag on Twitter." in page
    assert "Book a place" not in page


def test_event_page_shows_the_join_link_only_to_a_confirmed_attendee(client):
    event = EventFactory(
        format=Event.Format.ONLINE_SESSION, join_url="https://teams.example.nhs.uk/meet/secret"
    )
    confirmed = RegistrationFactory(event=event).user
    waiting = RegistrationFactory(event=event, status=Status.WAITING).user
    stranger = UserFactory()

    seen = {}
    for name, person in [("confirmed", confirmed), ("waiting", waiting), ("stranger", stranger)]:
        client.force_login(person)
        seen[name] = "teams.example.nhs.uk/meet/secret" in page_text(
            client.get(event.get_absolute_url())
        )
    client.logout()
    seen["anonymous"] = "meet/secret" in page_text(client.get(event.get_absolute_url()))
    seen["ics"] = "meet/secret" in page_text(client.get(reverse("events:ics", args=[event.slug])))

    assert seen == {
        "confirmed": True,
        "waiting": False,
        "stranger": False,
        "anonymous": False,
        "ics": False,
    }


def test_event_page_shows_a_waiting_persons_place_in_the_queue(client):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status=Status.WAITING)
    mine = RegistrationFactory(event=event, status=Status.WAITING)
    client.force_login(mine.user)

    page = page_text(client.get(event.get_absolute_url()))

    assert "You are number 2 on the waiting list" in page


def test_unpublished_event_page_is_not_found(client):
    event = EventFactory(is_published=False)

    response = client.get(event.get_absolute_url())

    assert response.status_code == 404
    assert client.get(reverse("events:ics", args=[event.slug])).status_code == 404


# Booking and cancelling


def test_booking_redirects_to_the_event_page_showing_the_booking(user_client, user):
    event = EventFactory()

    response = user_client.post(reverse("events:book", args=[event.slug]), follow=True)

    assert response.redirect_chain == [(event.get_absolute_url(), 302)]
    assert "Your place is booked" in page_text(response)
    assert "You have a place" in page_text(response)
    assert Registration.objects.get(event=event, user=user).status == Status.CONFIRMED


def test_booking_twice_shows_the_existing_booking(user_client, sent_mail):
    event = EventFactory()
    url = reverse("events:book", args=[event.slug])
    user_client.post(url)

    response = user_client.post(url, follow=True)

    assert response.status_code == 200
    assert "You already have a place at this event." in page_text(response)
    assert Registration.objects.count() == 1
    assert len(sent_mail()) == 1


def test_booking_needs_sign_in_and_comes_back_to_the_event(client):
    event = EventFactory()

    response = client.post(reverse("events:book", args=[event.slug]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert event.get_absolute_url() in response["Location"]
    assert not Registration.objects.exists()


def test_booking_by_get_is_not_allowed(user_client):
    event = EventFactory()

    response = user_client.get(reverse("events:book", args=[event.slug]))

    assert response.status_code == 405
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("make_event", "message"),
    [
        (lambda: EventFactory(bookings_open=False), "Bookings for this event are closed."),
        (lambda: past_event(), "This event has already taken place"),
        (
            lambda: EventFactory(format=Event.Format.ONLINE_CHAT),
            "there is nothing to book",
        ),
    ],
)
def test_booking_refused_explains_why_with_a_4xx(user_client, make_event, message):
    event = make_event()

    response = user_client.post(reverse("events:book", args=[event.slug]))

    assert response.status_code == 409
    assert message in page_text(response)
    assert parse(response).h1_count == 1
    assert not Registration.objects.exists()


def test_booking_an_unpublished_event_is_not_found(user_client):
    event = EventFactory(is_published=False)

    response = user_client.post(reverse("events:book", args=[event.slug]))

    assert response.status_code == 404


def test_booking_needs_a_csrf_token(user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    event = EventFactory()

    response = client.post(reverse("events:book", args=[event.slug]))

    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_cancel_asks_for_confirmation_before_cancelling(user_client, user):
    registration = RegistrationFactory(user=user)

    response = user_client.get(reverse("events:cancel", args=[registration.event.slug]))

    assert "Are you sure you want to cancel your place?" in page_text(response)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_cancel_confirmed_frees_the_place_and_redirects(user_client, user):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event, user=user)
    waiting = RegistrationFactory(event=event, status=Status.WAITING)

    response = user_client.post(reverse("events:cancel", args=[event.slug]), follow=True)

    assert response.redirect_chain == [(event.get_absolute_url(), 302)]
    assert "Your place has been cancelled." in page_text(response)
    assert "Book a place</button>" not in page_text(response)  # the place went to the queue
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED


def test_cancel_without_a_booking_says_so(user_client):
    event = EventFactory()

    response = user_client.post(reverse("events:cancel", args=[event.slug]), follow=True)

    assert "You do not have a place at this event." in page_text(response)


def test_cancel_after_the_event_is_refused_with_a_4xx(user_client, user):
    event = past_event()
    RegistrationFactory(event=event, user=user)

    response = user_client.post(reverse("events:cancel", args=[event.slug]))

    assert response.status_code == 409
    assert "already taken place" in page_text(response)


def test_event_list_marks_an_event_in_progress_as_happening_now(client):
    start = timezone.now() - datetime.timedelta(minutes=30)
    EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))

    page = page_text(client.get(reverse("events:list")))

    assert "Happening now" in page
    assert "places left" not in page


def test_booking_changes_are_rate_limited_per_person(user_client, monkeypatch):
    events = EventFactory.create_batch(3)
    monkeypatch.setattr(views, "BOOKING_CHANGES_PER_HOUR", 2)

    responses = [user_client.post(reverse("events:book", args=[e.slug])) for e in events]

    assert [r.status_code for r in responses] == [302, 302, 429]
    assert Registration.objects.count() == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"format": Event.Format.ONLINE_CHAT, "hashtag": ""}, "hashtag"),
        ({"format": Event.Format.ONLINE_CHAT, "hashtag": "ukmedlibs"}, "hashtag"),
        ({"join_url": "https://teams.example.nhs.uk/meet/x"}, "join_url"),
        ({"venue_name": ""}, "venue_name"),
    ],
)
def test_event_validation_catches_organiser_slips(changes, field):
    event = EventFactory.build(
        campaign=CampaignFactory(), region=RegionFactory(), slug="checked", **changes
    )

    with pytest.raises(ValidationError) as error:
        event.full_clean()

    assert field in error.value.message_dict
