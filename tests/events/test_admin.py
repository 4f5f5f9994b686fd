import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event, Registration
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status
CHANGELIST = "admin:events_event_changelist"


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


def run_action(client, action, events, url=CHANGELIST):
    return client.post(
        reverse(url),
        {"action": action, "_selected_action": [e.pk for e in events]},
    )


@pytest.mark.parametrize("count", [1, 3])
def test_event_changelist_shows_places_booked_and_waiting(
    organiser_client, count, django_assert_num_queries
):
    for event in EventFactory.create_batch(count, capacity=2):
        RegistrationFactory(event=event)
        RegistrationFactory(event=event, status=Status.WAITING)

    with django_assert_num_queries(11):
        response = organiser_client.get(reverse(CHANGELIST))

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("1/2 · 1 waiting") == count


def test_event_changelist_opens_on_upcoming_events_soonest_first(organiser_client):
    now = timezone.now()
    later = EventFactory(title="Later", starts_at=now + datetime.timedelta(days=30))
    sooner = EventFactory(title="Sooner", starts_at=now + datetime.timedelta(days=2))
    past = EventFactory(title="Long ago", starts_at=now - datetime.timedelta(days=400))

    upcoming = organiser_client.get(reverse(CHANGELIST))
    looking_back = organiser_client.get(reverse(CHANGELIST), {"when": "past"})
    year = organiser_client.get(reverse(CHANGELIST), {"starts_at__year": past.starts_at.year})

    assert list(upcoming.context["cl"].result_list) == [sooner, later]
    assert list(looking_back.context["cl"].result_list) == [past]
    assert past in year.context["cl"].result_list  # the date hierarchy reaches the archive
    assert "Upcoming" in upcoming.content.decode()


def test_event_changelist_finds_events_by_title(organiser_client):
    EventFactory(title="Peer assist in Leeds")
    EventFactory(title="Knowledge café")

    response = organiser_client.get(reverse(CHANGELIST), {"q": "peer assist"})

    assert [e.title for e in response.context["cl"].result_list] == ["Peer assist in Leeds"]


def test_event_change_page_lists_bookings_and_the_waiting_list(organiser_client):
    event = EventFactory()
    RegistrationFactory(event=event, user=UserFactory(email="booked@example.nhs.uk"))
    RegistrationFactory(
        event=event, status=Status.WAITING, user=UserFactory(email="waits@example.nhs.uk")
    )

    response = organiser_client.get(reverse("admin:events_event_change", args=[event.pk]))

    page = response.content.decode()
    assert "booked@example.nhs.uk" in page
    assert "waits@example.nhs.uk" in page


def test_organisers_can_create_events_in_the_admin(organiser_client):
    response = organiser_client.get(reverse("admin:events_event_add"))

    assert response.status_code == 200
    assert "prepopulated" in response.content.decode()


def test_export_attendees_as_csv_neutralises_formulas(organiser_client):
    event = EventFactory(title="Fishbowl")
    RegistrationFactory(
        event=event,
        user=UserFactory(name="=HYPERLINK(1)", email="a@example.nhs.uk", organisation="Trust"),
    )
    RegistrationFactory(event=event, status=Status.CANCELLED)

    response = run_action(organiser_client, "export_attendees", [event])

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["Event", "Starts", "Name", "Email"]
    assert len(rows) == 2  # cancelled bookings are not attendees
    assert rows[1][0] == "Fishbowl"
    assert rows[1][2] == "'=HYPERLINK(1)"
    assert rows[1][3] == "a@example.nhs.uk"
    assert rows[1][7] == "Confirmed"


def test_duplicate_makes_an_unpublished_copy_without_bookings(organiser_client):
    event = EventFactory(title="Peer assist", slug="peer-assist")
    RegistrationFactory(event=event)

    run_action(organiser_client, "duplicate", [event])
    run_action(organiser_client, "duplicate", [event])

    copies = Event.objects.exclude(pk=event.pk).order_by("pk")
    assert [c.slug for c in copies] == ["peer-assist-copy", "peer-assist-copy-2"]
    assert all(not c.is_published and c.registrations.count() == 0 for c in copies)
    assert copies[0].title == "Copy of Peer assist"


def test_close_bookings_stops_new_bookings(organiser_client, client):
    event = EventFactory()

    run_action(organiser_client, "close_bookings", [event])

    event.refresh_from_db()
    assert event.bookings_open is False


def test_cancel_selected_registrations_moves_the_waiting_list_up(organiser_client, sent_mail):
    event = EventFactory(capacity=1)
    booked = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=Status.WAITING)

    run_action(
        organiser_client,
        "cancel_selected",
        [booked],
        url="admin:events_registration_changelist",
    )

    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert waiting.user.email in [m.to[0] for m in sent_mail()]


def test_fill_places_after_raising_capacity(organiser_client):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=Status.WAITING)
    Event.objects.filter(pk=event.pk).update(capacity=2)

    run_action(organiser_client, "fill_places", [event])

    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED


def test_people_who_are_not_organisers_cannot_see_bookings(user_client):
    response = user_client.get(reverse(CHANGELIST))

    assert response.status_code == 302


def test_raising_capacity_in_the_admin_books_the_waiting_list(organiser_client, sent_mail):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=Status.WAITING)
    url = reverse("admin:events_event_change", args=[event.pk])
    page = organiser_client.get(url)
    form = page.context["adminform"].form
    inline = page.context["inline_admin_formsets"][0].formset
    data = {
        name: form[name].value() if form[name].value() is not None else "" for name in form.fields
    }
    data.update(
        {
            "capacity": 2,
            "starts_at_0": event.starts_at.astimezone().strftime("%Y-%m-%d"),
            "starts_at_1": event.starts_at.astimezone().strftime("%H:%M:%S"),
            "ends_at_0": event.ends_at.astimezone().strftime("%Y-%m-%d"),
            "ends_at_1": event.ends_at.astimezone().strftime("%H:%M:%S"),
            "registrations-TOTAL_FORMS": 2,
            "registrations-INITIAL_FORMS": 2,
            "registrations-MIN_NUM_FORMS": 0,
            "registrations-MAX_NUM_FORMS": 1000,
        }
    )
    for key in ["starts_at", "ends_at"]:
        data.pop(key, None)
    for inline_form in inline.forms:
        data[f"{inline_form.prefix}-id"] = inline_form.instance.pk
        data[f"{inline_form.prefix}-event"] = event.pk

    response = organiser_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert [m.to for m in sent_mail()] == [[waiting.user.email]]
