import pytest
from django.urls import reverse

from pledges.models import Pledge
from pledges.stats import suppress_column
from tests.factories import CampaignFactory, RegionFactory
from tests.html import parse
from tests.pledges.factories import ActivityFactory, CompletedPledgeFactory, PledgeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("values", "shown", "hide_total"),
    [
        ([10, 7, 0], [10, 7, 0], False),
        ([10, 3, 8], [10, None, None], False),  # a second cell hides the first
        ([10, 3, 2], [10, None, None], False),
        ([3, 0, 0], [None, 0, 0], True),  # the total would give it away
        ([0, 0, 0], [0, 0, 0], False),
    ],
)
def test_suppress_column_hides_small_counts_and_what_reveals_them(values, shown, hide_total):
    assert suppress_column(values) == (shown, hide_total)


@pytest.mark.parametrize("count", [1, 3])
def test_stats_query_count_is_pinned(client, count, django_assert_num_queries):
    campaign = CampaignFactory(is_current=True)
    PledgeFactory.create_batch(count, campaign=campaign)

    # editions, current edition, techniques, pledges by region, regions
    with django_assert_num_queries(5):
        response = client.get(reverse("pledges:stats"))

    assert response.status_code == 200


def test_stats_show_counts_of_five_or_more_and_hide_smaller_ones(client):
    campaign = CampaignFactory(is_current=True)
    london = RegionFactory(slug="london", name="London")
    midlands = RegionFactory(slug="midlands", name="Midlands")
    south = RegionFactory(slug="south-x", name="South X")
    cafe = ActivityFactory(slug="cafe-y", name="Café Y")
    CompletedPledgeFactory.create_batch(6, campaign=campaign, region=london, activity=cafe)
    PledgeFactory.create_batch(7, campaign=campaign, region=midlands, activity=cafe)
    PledgeFactory.create_batch(2, campaign=campaign, region=south, activity=cafe)
    PledgeFactory.create_batch(9, campaign=campaign, status=Pledge.Status.PENDING)

    response = client.get(reverse("pledges:stats"), {"edition": campaign.slug})

    tables = response.context["stats"]
    region = {row["label"]: row for row in tables["region"]["rows"]}
    assert region["London"]["pledges"] is None  # hidden so South X cannot be worked out
    assert region["Midlands"]["pledges"] == 7
    assert region["South X"]["pledges"] is None
    assert region["London"]["completed"] == 6
    assert tables["region"]["total_pledges"] == 15
    page = response.content.decode()
    assert "Not shown" in page
    assert parse(response).style_attributes == 0
    assert "<caption" in page and 'scope="row"' in page


def test_stats_for_unknown_edition_is_404(client):
    assert client.get(reverse("pledges:stats"), {"edition": "nope"}).status_code == 404


def test_stats_without_pledges_say_so(client):
    CampaignFactory(is_current=True)

    response = client.get(reverse("pledges:stats"))

    assert "no approved pledges" in response.content.decode()


def test_stats_draw_no_bar_for_hidden_or_zero_counts(client):
    campaign = CampaignFactory(is_current=True)
    london = RegionFactory(slug="london", name="London")
    south = RegionFactory(slug="south-x", name="South X")
    PledgeFactory.create_batch(8, campaign=campaign, region=london)
    PledgeFactory.create_batch(2, campaign=campaign, region=south)

    response = client.get(reverse("pledges:stats"))

    page = response.content.decode()
    region_table = page[: page.index("</table>")]
    cells = region_table.split('<td class="nhsuk-table__cell nhsuk-table__cell--numeric">')[1:]
    hidden = [cell for cell in cells if cell.startswith("Not shown") or cell.startswith("0")]
    assert hidden and all("<svg" not in cell.split("</td>")[0] for cell in hidden)
