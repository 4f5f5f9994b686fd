"""Words shared across pages: counts say which edition they cover; messages read as banners."""

import pytest
from django.urls import reverse

from tests.factories import CampaignFactory, RegionFactory
from tests.html import text_of
from tests.pledges.factories import PledgeFactory

pytestmark = pytest.mark.django_db


def test_home_and_wall_say_which_editions_their_pledge_counts_cover(client):
    current = CampaignFactory(name="KNOWvember26", year=2026, is_current=True)
    earlier = CampaignFactory(name="KNOWvember20", year=2020)
    london = RegionFactory(slug="london")
    PledgeFactory.create_batch(2, campaign=current, region=london)
    PledgeFactory.create_batch(3, campaign=earlier, region=london)

    home = text_of(client.get(reverse("home")))
    wall = text_of(client.get(reverse("pledges:wall")))
    wall_now = text_of(client.get(reverse("pledges:wall"), {"edition": current.slug}))

    assert "Pledges in KNOWvember26 2" in home
    assert "See all KNOWvember26 pledges" in home
    assert "5 pledges from 5 people in 1 region across all editions" in wall
    assert "2 pledges from 2 people in 1 region in KNOWvember26" in wall_now


def test_a_message_after_an_action_is_an_nhsuk_notification_banner(user_client):
    response = user_client.post(reverse("accounts:profile"), {"name": "A. Reader"}, follow=True)

    page = response.content.decode()
    assert "nhsuk-notification-banner--success" in page
    assert "Success Your profile has been updated." in text_of(response)
    main = page[page.index('<main class="nhsuk-main-wrapper"') :]
    assert main.index("nhsuk-notification-banner") < main.index("<h1")
