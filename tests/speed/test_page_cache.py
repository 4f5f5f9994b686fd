"""The page cache (issue 17): anonymous pages come from the cache, and never stale.

Each test runs twice: on two Redis cache clients sharing one Redis database (two nodes), and on
two local-memory caches sharing one versions file (two workers on one machine). Pages are read
through node B; writes go through the real services (and admin actions) on node A.
"""

import contextlib
import os
import re

import pytest
import redis
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from community.models import ConsentWording
from events.services import registration_book
from knowvember.emails import queue_email
from pledges.models import Pledge
from pledges.services import pledge_approve, pledge_update, pledge_withdraw
from tests.events.factories import EventFactory
from tests.factories import CampaignFactory, UserFactory
from tests.pledges.factories import PledgeFactory
from tests.showcases.factories import ShowcaseFactory

REDIS_URL = os.environ.get("PAGE_CACHE_TEST_REDIS_URL", "redis://127.0.0.1:6379/8")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


class Nodes:
    def __init__(self, settings):
        self.settings = settings

    @contextlib.contextmanager
    def on(self, node: str):
        before = self.settings.PAGE_CACHE
        self.settings.PAGE_CACHE = f"node_{node}"
        try:
            yield
        finally:
            self.settings.PAGE_CACHE = before

    def get(self, client, url, node="b"):
        with self.on(node):
            return client.get(url)


@pytest.fixture(params=["redis", "local"])
def nodes(request, settings, tmp_path, db):
    if request.param == "redis":
        try:
            redis.Redis.from_url(REDIS_URL).ping()
        except redis.ConnectionError:
            pytest.fail(f"MISSING: no Redis answers at {REDIS_URL} (.ci/run starts one)")
        node = {"BACKEND": "knowvember.cache.RedisCache", "LOCATION": REDIS_URL}
        node_a, node_b = {**node, "KEY_PREFIX": "test"}, {**node, "KEY_PREFIX": "test"}
        settings.PAGE_CACHE_VERSIONS_DIR = ""
    else:
        locmem = "django.core.cache.backends.locmem.LocMemCache"
        node_a = {"BACKEND": locmem, "LOCATION": "node-a"}
        node_b = {"BACKEND": locmem, "LOCATION": "node-b"}
        settings.PAGE_CACHE_VERSIONS_DIR = str(tmp_path)
    settings.CACHES = {**settings.CACHES, "node_a": node_a, "node_b": node_b}
    settings.PAGE_CACHE = "node_a"
    caches["node_a"].clear()
    caches["node_b"].clear()
    yield Nodes(settings)
    caches["node_a"].clear()
    caches["node_b"].clear()


def cached(nodes, client, url, django_assert_num_queries):
    """The page twice through node B: the second from the cache, with no database query."""
    first = nodes.get(client, url)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = nodes.get(client, url)
    assert second.content == first.content
    return second.content.decode()


def test_an_approved_pledge_is_on_the_wall_at_once(
    nodes, client, organiser, django_assert_num_queries
):
    pledge = PledgeFactory(status=Pledge.Status.PENDING, title="Run a peer assist")
    assert "Run a peer assist" not in cached(nodes, client, "/pledges/", django_assert_num_queries)

    with nodes.on("a"):
        pledge_approve(pledges=Pledge.objects.filter(pk=pledge.pk), moderator=organiser)

    assert "Run a peer assist" in nodes.get(client, "/pledges/").content.decode()
    assert "Run a peer assist" in nodes.get(client, "/").content.decode()


def test_a_withdrawn_pledge_is_gone_at_once(nodes, client, django_assert_num_queries):
    pledge = PledgeFactory(title="Hold an after action review")
    assert "Hold an after action review" in cached(
        nodes, client, "/pledges/", django_assert_num_queries
    )
    cached(nodes, client, pledge.get_absolute_url(), django_assert_num_queries)

    with nodes.on("a"):
        pledge_withdraw(pledge=pledge)

    assert "Hold an after action review" not in nodes.get(client, "/pledges/").content.decode()
    assert nodes.get(client, pledge.get_absolute_url()).status_code == 404


def test_an_edited_pledge_shows_its_new_text(nodes, client, django_assert_num_queries):
    pledge = PledgeFactory(text="Bring the ward team together.")
    url = pledge.get_absolute_url()
    assert "Bring the ward team together." in cached(nodes, client, url, django_assert_num_queries)

    with nodes.on("a"):
        # Not a moderated field, so the pledge stays on the wall with the new wording.
        pledge_update(pledge=pledge, data={"effort": Pledge.Effort.LARGE})
        Pledge.objects.filter(pk=pledge.pk).update(text="Bring two ward teams together.")

    page = nodes.get(client, url).content.decode()
    assert "Bring two ward teams together." in page
    assert "Bring the ward team together." not in page


def test_a_booking_changes_the_places_left(nodes, client, user, django_assert_num_queries):
    event = EventFactory(capacity=5)
    url = event.get_absolute_url()
    assert "5 places left" in cached(nodes, client, url, django_assert_num_queries)

    with nodes.on("a"):
        registration_book(event=event, user=user)

    assert "4 places left" in nodes.get(client, url).content.decode()


def test_an_unpublished_session_is_gone_at_once(
    nodes, client, admin_client, django_assert_num_queries
):
    showcase = ShowcaseFactory(title="Lessons from the night shift")
    assert "Lessons from the night shift" in cached(
        nodes, client, "/showcases/", django_assert_num_queries
    )
    cached(nodes, client, showcase.get_absolute_url(), django_assert_num_queries)

    with nodes.on("a"):  # the admin action is a QuerySet.update(), which sends no signal
        admin_client.post(
            reverse("admin:showcases_showcase_changelist"),
            {"action": "unpublish", "_selected_action": [showcase.pk]},
        )

    assert nodes.get(client, showcase.get_absolute_url()).status_code == 404
    assert "Lessons from the night shift" not in nodes.get(client, "/showcases/").content.decode()


def test_an_unpublished_event_is_gone_at_once(nodes, client, django_assert_num_queries):
    event = EventFactory(title="Knowledge café for porters")
    cached(nodes, client, event.get_absolute_url(), django_assert_num_queries)
    assert "Knowledge café for porters" in cached(
        nodes, client, "/events/", django_assert_num_queries
    )

    with nodes.on("a"):
        event.is_published = False
        event.save()

    assert nodes.get(client, event.get_absolute_url()).status_code == 404
    assert "Knowledge café for porters" not in nodes.get(client, "/events/").content.decode()


def test_a_new_edition_appears_on_every_page(nodes, client, django_assert_num_queries):
    CampaignFactory(year=2031, is_current=True)
    assert "KNOWvember31" in cached(nodes, client, "/", django_assert_num_queries)
    cached(nodes, client, "/pledges/stats/", django_assert_num_queries)

    with nodes.on("a"):
        CampaignFactory(year=2032)

    assert "KNOWvember32" in nodes.get(client, "/pledges/stats/").content.decode()


def test_an_email_in_the_outbox_keeps_the_pages(nodes, client, user, django_assert_num_queries):
    pledge = PledgeFactory()
    cached(nodes, client, "/pledges/", django_assert_num_queries)

    with nodes.on("a"):
        queue_email(
            to=user.email,
            subject="hello",
            template="pledges/email/approved.txt",
            context={"pledge": pledge},
        )

    with django_assert_num_queries(0):
        nodes.get(client, "/pledges/")


def test_a_signed_in_page_is_never_shared(nodes, client, user, django_assert_num_queries):
    event = EventFactory(capacity=5)
    url = event.get_absolute_url()
    with nodes.on("b"):
        registration_book(event=event, user=user)
    someone = Client()
    someone.force_login(user)

    theirs = nodes.get(someone, url).content.decode()
    anonymous = cached(nodes, client, url, django_assert_num_queries)
    theirs_again = nodes.get(someone, url).content.decode()

    assert "You have a place" in theirs
    assert "You have a place" in theirs_again
    assert "Sign out" in theirs_again
    assert "You have a place" not in anonymous
    assert "Sign out" not in anonymous


def test_messages_are_never_cached(nodes, user, django_assert_num_queries):
    event = EventFactory(capacity=5)
    url = event.get_absolute_url()
    booker = Client()
    booker.force_login(user)
    with nodes.on("b"):
        page = booker.post(reverse("events:book", args=[event.slug]), follow=True).content.decode()
    message = re.search(r'nhsuk-notification-banner__heading">([^<]+)<', page)
    assert message, "the booking shows a message"

    anonymous = cached(nodes, Client(), url, django_assert_num_queries)

    assert "nhsuk-notification-banner" not in anonymous
    assert message[1] not in anonymous
    assert "You have a place" not in anonymous


def test_each_visitor_gets_their_own_working_csrf_token(nodes, django_assert_num_queries):
    for kind in ConsentWording.Kind:  # made on the first visit otherwise: a write
        ConsentWording.objects.current(kind)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_page = nodes.get(first, "/community/").content.decode()
    with django_assert_num_queries(0):
        second_response = nodes.get(second, "/community/")
    second_page = second_response.content.decode()

    first_token, second_token = TOKEN.search(first_page)[1], TOKEN.search(second_page)[1]
    assert first_token != second_token
    assert second_response.cookies["csrftoken"].value
    assert "Cookie" in second_response["Vary"]
    assert second_response["Content-Security-Policy"]
    with nodes.on("b"):
        answer = second.post(
            "/community/", {"csrfmiddlewaretoken": second_token, "email": "not an email"}
        )
    assert answer.status_code == 400  # the form's own answer: the token was accepted


def test_a_signed_in_repeat_view_is_kept_for_that_person_alone(
    nodes, user, django_assert_max_num_queries
):
    event = EventFactory(capacity=5)
    url = event.get_absolute_url()
    booker, other = Client(), Client()
    booker.force_login(user)
    other.force_login(UserFactory())
    assert "Book a place" in nodes.get(booker, url).content.decode()
    with django_assert_max_num_queries(2):  # the session and the user, then the cache
        assert "Book a place" in nodes.get(booker, url).content.decode()

    with nodes.on("a"):
        registration_book(event=event, user=user)

    assert "You have a place" in nodes.get(booker, url).content.decode()
    theirs = nodes.get(other, url).content.decode()
    assert "You have a place" not in theirs
    assert "4 places left" in theirs


@pytest.mark.parametrize("url", ["/pledges/feed/", "/events/calendar.ics"])
def test_feeds_and_calendars_answer_304_until_a_write(nodes, client, organiser, url):
    PledgeFactory()
    EventFactory()
    first = nodes.get(client, url)
    etag = first["ETag"]
    with nodes.on("b"):
        assert client.get(url, headers={"if-none-match": etag}).status_code == 304

    with nodes.on("a"):
        EventFactory(title="A new café")
        pledge = PledgeFactory(status=Pledge.Status.PENDING)
        pledge_approve(pledges=Pledge.objects.filter(pk=pledge.pk), moderator=organiser)

    with nodes.on("b"):
        again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 200
    assert again["ETag"] != etag


def test_a_signed_in_request_gets_503_when_the_database_is_unreachable(transactional_db):
    from django.db import connection

    someone = Client(raise_request_exception=False)
    someone.force_login(UserFactory())
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT="1")
    try:
        response = someone.get("/pledges/")
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)
    assert response.status_code == 503
    assert "Sorry, the service is unavailable" in response.content.decode()
