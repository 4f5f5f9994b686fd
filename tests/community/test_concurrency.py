import threading

import pytest
from django.db import connection

from community.models import ConsentWording, Subscription
from community.services import subscription_request


@pytest.mark.django_db(transaction=True)
def test_simultaneous_double_submit_makes_one_record_and_no_error():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite's shared in-memory test database reports locks instead of waiting")
    ConsentWording.objects.current()
    errors = []
    barrier = threading.Barrier(6)

    def submit():
        try:
            barrier.wait()
            subscription_request(
                email="Double.Click@example.nhs.uk",
                name="D. Click",
                role="Library assistant",
                organisation="Example NHS Foundation Trust",
                region=None,
                user=None,
                ip="192.0.2.1",
            )
        except Exception as error:  # collected, asserted on below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert list(Subscription.objects.values_list("email", "status")) == [
        ("double.click@example.nhs.uk", "pending")
    ]
