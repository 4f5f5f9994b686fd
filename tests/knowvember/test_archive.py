import pytest
from django.urls import reverse

from pledges.models import Pledge, TeamMember
from tests.composed import section_value
from tests.events.factories import EventFactory
from tests.factories import CampaignFactory, RegionFactory, UserFactory
from tests.news.factories import PostFactory
from tests.pledges.factories import CompletedPledgeFactory, PledgeFactory
from tests.showcases.factories import ShowcaseFactory

pytestmark = pytest.mark.django_db


def fill_edition(edition, other, count):
    for n in range(count):
        EventFactory(campaign=edition, title=f"Regional event {n}")
        ShowcaseFactory(campaign=edition, title=f"Showcase session {n}")
        PledgeFactory(campaign=edition, title=f"Edition pledge {n}")
        PostFactory(campaign=edition, title=f"Edition news {n}", tags=["events"])
    EventFactory(campaign=other, title="Another edition's event")
    ShowcaseFactory(campaign=other, title="Another edition's showcase")
    PledgeFactory(campaign=other, title="Another edition's pledge")
    EventFactory(campaign=edition, title="Unpublished event", is_published=False)
    PledgeFactory(campaign=edition, title="Rejected pledge", status=Pledge.Status.REJECTED)


@pytest.mark.parametrize("count", [1, 3])
def test_archive_shows_the_editions_events_showcases_and_pledges_in_constant_queries(
    client, count, django_assert_num_queries
):
    edition = CampaignFactory(name="Knowvember18", year=2018)
    other = CampaignFactory(name="KNOWvember20", year=2020)
    fill_edition(edition, other, count)

    # News adds two: the edition's posts and their tags.
    with django_assert_num_queries(12):
        response = client.get(edition.get_absolute_url())

    page = response.content.decode()
    for n in range(count):
        for title in [f"Regional event {n}", f"Showcase session {n}", f"Edition pledge {n}"]:
            assert title in page
    for hidden in ["Another edition", "Unpublished event", "Rejected pledge"]:
        assert hidden not in page


def test_archive_gives_the_editions_statistics_with_small_counts_suppressed(client):
    edition = CampaignFactory(name="Knowvember18", year=2018)
    london, midlands = RegionFactory(name="London"), RegionFactory(name="Midlands")
    PledgeFactory.create_batch(5, campaign=edition, region=london)
    team = CompletedPledgeFactory(campaign=edition, region=midlands, team_name="Library team")
    CompletedPledgeFactory(campaign=edition, region=midlands)
    for status in [TeamMember.Status.ACCEPTED, TeamMember.Status.ACCEPTED]:
        TeamMember.objects.create(pledge=team, user=UserFactory(), status=status)
    TeamMember.objects.create(pledge=team, email="not-yet@example.nhs.uk")  # not counted

    response = client.get(edition.get_absolute_url())

    page = response.content.decode()
    assert "7 pledges from 9 people in 2 regions, 2 carried out." in page
    assert "Pledges by NHS England region" in page
    assert "Not shown" in page  # Midlands has 2: too few to show


def test_archive_shows_the_first_twelve_events_and_links_to_the_rest(client):
    edition = CampaignFactory(name="KNOWvember21", year=2021)
    for n in range(13):
        EventFactory(campaign=edition, title=f"Online session {n:02d}")

    response = client.get(edition.get_absolute_url())

    assert len(section_value(response, "events")) == 12
    assert f'href="/events/?edition={edition.slug}"' in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_editions_index_lists_every_edition_newest_first_with_counts_in_constant_queries(
    client, count, django_assert_num_queries
):
    editions = []
    for n in range(count):
        edition = CampaignFactory(year=2018 + n, theme=f"Theme {n}")
        EventFactory.create_batch(n + 1, campaign=edition)
        ShowcaseFactory.create_batch(n + 2, campaign=edition)
        PledgeFactory.create_batch(n + 3, campaign=edition)
        EventFactory(campaign=edition, is_published=False)
        PledgeFactory(campaign=edition, status=Pledge.Status.PENDING)
        editions.append(edition)

    # the editions, then one count per feature app (events, pledges, sessions, news)
    with django_assert_num_queries(5):
        response = client.get(reverse("campaigns"))

    page = response.content.decode()
    positions = [page.index(f">{edition.name}</a>") for edition in reversed(editions)]
    assert positions == sorted(positions)  # newest first
    for n, edition in enumerate(editions):
        assert f'<a href="{edition.get_absolute_url()}">{edition.name}</a>' in page
        assert f"Theme: Theme {n}" in page
        events = "1 event" if n == 0 else f"{n + 1} events"
        assert f"{events} · {n + 3} pledges · {n + 2} sessions" in page


def test_editions_index_is_linked_from_the_footer_and_the_home_page(client):
    CampaignFactory(is_current=True)

    for path in [reverse("home"), reverse("privacy")]:
        page = client.get(path).content.decode()
        assert f'href="{reverse("campaigns")}"' in page


def test_edition_page_leads_back_to_the_index(client):
    edition = CampaignFactory()

    page = client.get(edition.get_absolute_url()).content.decode()

    assert f'<a class="nhsuk-breadcrumb__link" href="{reverse("campaigns")}">All editions</a>' in (
        page
    )
