import datetime

import pytest
from django.urls import reverse

from pledges.models import Pledge
from tests.factories import CampaignFactory, RegionFactory, UserFactory
from tests.html import parse
from tests.pledges.factories import ActivityFactory, CompletedPledgeFactory, PledgeFactory

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.mark.parametrize("count", [1, 3])
def test_wall_query_count_does_not_grow_with_pledges(client, count, django_assert_num_queries):
    campaign = CampaignFactory()
    PledgeFactory.create_batch(count, campaign=campaign)

    # edition, region and technique choices; the counter; the page of pledges
    with django_assert_num_queries(5):
        response = client.get(reverse("pledges:wall"))

    assert response.status_code == 200
    assert len(response.context["pledges"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_wall_query_count_with_filters_is_the_same(client, count, django_assert_num_queries):
    campaign = CampaignFactory()
    region = RegionFactory(slug="london", name="London")
    activity = ActivityFactory(slug="knowledge-cafe")
    PledgeFactory.create_batch(count, campaign=campaign, region=region, activity=activity)
    query = f"?edition={campaign.slug}&region=london&stage=during&technique=knowledge-cafe"

    # The chosen values are checked against the choices already listed: no extra look-ups.
    with django_assert_num_queries(5):
        response = client.get(reverse("pledges:wall") + query)

    assert len(response.context["pledges"]) == count


def test_wall_shows_only_approved_pledges(client):
    PledgeFactory(title="On the wall")
    for status in [Pledge.Status.PENDING, Pledge.Status.REJECTED, Pledge.Status.WITHDRAWN]:
        PledgeFactory(title=f"Hidden {status}", status=status)

    page = client.get(reverse("pledges:wall")).content.decode()

    assert "On the wall" in page
    assert "Hidden" not in page
    assert "1 pledge from 1 person in 1 region" in page


def test_wall_counter_counts_pledges_and_distinct_regions(client):
    london, midlands = RegionFactory(slug="london"), RegionFactory(slug="midlands")
    PledgeFactory.create_batch(3, region=london)
    PledgeFactory.create_batch(2, region=midlands)
    PledgeFactory(region=None)

    page = client.get(reverse("pledges:wall")).content.decode()

    assert "6 pledges from 6 people in 2 regions" in page


def test_wall_filters_by_edition_region_stage_and_technique(client):
    old, new = CampaignFactory(year=2018, name="Knowvember18"), CampaignFactory(year=2026)
    london = RegionFactory(slug="london", name="London")
    cafe = ActivityFactory(slug="cafe-x", name="Café X", stage="during")
    peer = ActivityFactory(slug="peer-x", name="Peer X", stage="before")
    PledgeFactory(title="Old London café", campaign=old, region=london, activity=cafe)
    PledgeFactory(title="New London café", campaign=new, region=london, activity=cafe)
    PledgeFactory(title="New London peer", campaign=new, region=london, activity=peer)
    PledgeFactory(title="New elsewhere café", campaign=new, activity=cafe)
    url = reverse("pledges:wall")

    by_edition = client.get(url, {"edition": old.slug}).content.decode()
    by_all = client.get(
        url, {"edition": new.slug, "region": "london", "stage": "during", "technique": "cafe-x"}
    ).content.decode()
    by_stage = client.get(url, {"stage": "before"}).content.decode()

    assert "Old London café" in by_edition and "New London café" not in by_edition
    assert "New London café" in by_all
    assert "Old London café" not in by_all and "New London peer" not in by_all
    assert "New elsewhere café" not in by_all
    assert "New London peer" in by_stage and "café" not in by_stage.split("results")[1]


def test_wall_answers_an_unknown_filter_value_with_400_and_an_error_summary(client):
    PledgeFactory(title="Still shown")

    response = client.get(reverse("pledges:wall"), {"region": "atlantis", "stage": "never"})

    html = parse(response)
    assert response.status_code == 400
    assert html.error_summary == [
        ("#id_region", "Select a region from the list"),
        ("#id_stage", "Select a stage from the list"),
    ]
    assert {"id_region", "id_stage"} <= html.ids
    assert "<title>Error: Pledge wall" in response.content.decode()
    assert "Still shown" in response.content.decode()


def test_wall_applies_the_valid_filters_beside_an_invalid_one(client):
    london = RegionFactory(slug="london", name="London")
    PledgeFactory(title="In London", region=london)
    PledgeFactory(title="Elsewhere")

    response = client.get(
        reverse("pledges:wall"), {"region": "london", "technique": "no-such-technique"}
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert parse(response).error_summary == [("#id_technique", "Select a technique from the list")]
    assert "In London" in page and "Elsewhere" not in page


def test_wall_paginates_newest_first_keeping_filters(client):
    campaign = CampaignFactory()
    base = datetime.datetime(2026, 11, 1, 9, tzinfo=datetime.UTC)
    for n in range(14):
        PledgeFactory(title=f"Pledge {n:02d}", campaign=campaign, created_at=base.replace(hour=n))

    first = client.get(reverse("pledges:wall"), {"edition": campaign.slug})
    second = client.get(reverse("pledges:wall"), {"edition": campaign.slug, "page": 2})

    assert [p.title for p in first.context["pledges"]][:2] == ["Pledge 13", "Pledge 12"]
    assert f"edition={campaign.slug}&amp;page=2" in first.content.decode()
    assert [p.title for p in second.context["pledges"]] == ["Pledge 01", "Pledge 00"]


def test_wall_shows_name_organisation_and_photo_only_with_consent(client):
    shy = UserFactory(name="Shy Person")
    proud = UserFactory(name="Proud Person")
    PledgeFactory(author=shy, organisation="Hidden Trust", photo_alt="Hidden photo")
    PledgeFactory(
        author=proud,
        organisation="Shown Trust",
        show_name=True,
        show_organisation=True,
    )

    page = client.get(reverse("pledges:wall")).content.decode()

    assert "Proud Person" in page and "Shown Trust" in page
    assert "Shy Person" not in page and "Hidden Trust" not in page


def test_wall_card_shows_approved_lessons_only(client):
    CompletedPledgeFactory(aar_next="Book the room early")
    CompletedPledgeFactory(aar_next="Unchecked lesson", lessons_status="pending")

    page = client.get(reverse("pledges:wall")).content.decode()

    assert "Book the room early" in page
    assert "Unchecked lesson" not in page


def test_wall_escapes_user_text(client):
    author = UserFactory(name=XSS)
    PledgeFactory(
        author=author,
        title=XSS,
        text=XSS,
        organisation=XSS,
        show_name=True,
        show_organisation=True,
    )

    response = client.get(reverse("pledges:wall"))

    page = response.content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page
    assert parse(response).inline_scripts == 0


def test_wall_page_is_well_formed(client):
    PledgeFactory()

    response = client.get(reverse("pledges:wall"))

    html = parse(response)
    assert html.h1_count == 1
    assert html.style_attributes == 0
    assert html.external_resources == []
    assert reverse("pledges:create") in html.links
