"""Many people pressing "Book a place" at once: the event row lock keeps capacity exact.

These need PostgreSQL (SQLite serialises writers, so there is no race to see).
"""

import threading

import pytest
from django.db import close_old_connections, connection, connections

from events import services
from events.models import Registration
from tests.events.factories import EventFactory
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]

THREADS = 30
PLACES = 5


def book_all_at_once(event, users, *, lock):
    """Start one thread per user, release them together, each with its own connection."""
    barrier = threading.Barrier(len(users))
    errors = []

    def book(user):
        try:
            barrier.wait()
            services._book(event=event, user=user, lock=lock)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()
    return errors


def counts(event):
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    return statuses.count("confirmed"), statuses.count("waiting")


def test_book_place_under_concurrency_never_exceeds_capacity():
    event = EventFactory(capacity=PLACES)
    users = UserFactory.create_batch(THREADS)

    errors = book_all_at_once(event, users, lock=True)

    assert errors == []
    assert counts(event) == (PLACES, THREADS - PLACES)


def test_without_the_row_lock_the_same_rush_overbooks():
    """The control: proves the test above can fail, so the lock is what makes it pass."""
    overbooked = False
    for _attempt in range(3):  # the race is near-certain but timing-dependent
        event = EventFactory(capacity=PLACES)
        users = UserFactory.create_batch(THREADS)

        errors = book_all_at_once(event, users, lock=False)

        assert errors == []
        confirmed, _waiting = counts(event)
        print(f"Without the lock: {confirmed} confirmed for {PLACES} places.")  # noqa: T201
        if confirmed > PLACES:
            overbooked = True
            break

    assert overbooked, "30 unlocked bookings never overbooked 5 places in 3 attempts"
