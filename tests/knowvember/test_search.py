import pytest
from django.urls import reverse

from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def result_titles(response):
    return [result.title for result in response.context["results"]]


def test_search_finds_editions_by_theme_best_match_first(client):
    CampaignFactory(name="KNOWvember21", year=2021, theme="Growing your connections")
    CampaignFactory(
        name="KNOWvember22",
        year=2022,
        theme="Sharing knowledge – breaking down the barriers",
        summary="Speakers shared their connections with colleagues.",
    )

    response = client.get(reverse("search"), {"q": "connections"})

    assert response.status_code == 200
    assert result_titles(response) == ["KNOWvember21", "KNOWvember22"]
    assert "2 results found" in response.content.decode()


def test_search_with_no_match_says_so_and_suggests_what_to_do(client):
    CampaignFactory(theme="Growing your connections")

    response = client.get(reverse("search"), {"q": "zebra"})

    page = response.content.decode()
    assert "0 results found" in page
    assert "try fewer or different words" in page


def test_search_without_words_shows_just_the_form(client):
    response = client.get(reverse("search"), {"q": "   "})

    assert response.context["results"] == []
    assert "results found" not in response.content.decode()


def test_search_results_are_paginated_keeping_the_query(client):
    for year in range(2000, 2025):
        CampaignFactory(name=f"Edition{year}", year=year, theme="Knowledge cafés")

    first = client.get(reverse("search"), {"q": "cafés"})
    second = client.get(reverse("search"), {"q": "cafés", "page": 2})

    assert len(first.context["results"]) == 20
    assert len(second.context["results"]) == 5
    assert "?q=caf%C3%A9s&amp;page=2" in first.content.decode()


def test_every_page_has_a_search_box_in_the_header(client):
    page = client.get(reverse("privacy")).content.decode()

    assert f'action="{reverse("search")}"' in page
    assert 'for="search-field"' in page


def test_search_ranks_titles_above_transcripts_across_events_showcases_and_pledges(
    client, django_assert_max_num_queries
):
    from tests.events.factories import EventFactory
    from tests.pledges.factories import PledgeFactory
    from tests.showcases.factories import RecordingFactory, ShowcaseFactory

    EventFactory(title="Peer assist masterclass", description="A regional event.")
    RecordingFactory(
        showcase=ShowcaseFactory(title="Digital workplace", question="Working remotely?"),
        transcript="We used a peer assist before the project started.",
    )
    PledgeFactory(title="Run a peer assist for the discharge team")

    # One query per source: editions, events, pledges, showcases, news.
    with django_assert_max_num_queries(5):
        response = client.get(reverse("search"), {"q": "peer assist"})

    titles = result_titles(response)
    kinds = [result.kind for result in response.context["results"]]
    assert set(titles[:2]) == {
        "Peer assist masterclass",
        "Run a peer assist for the discharge team",
    }
    assert titles[2] == "Digital workplace"
    assert sorted(kinds) == ["event", "pledge", "session"]


def test_search_never_returns_unpublished_or_unapproved_content(client):
    from pledges.models import Pledge
    from tests.events.factories import EventFactory
    from tests.pledges.factories import PledgeFactory
    from tests.showcases.factories import ShowcaseFactory

    EventFactory(title="Secret retrospect draft", is_published=False)
    ShowcaseFactory(title="Retrospect session draft", is_published=False)
    for status in [Pledge.Status.PENDING, Pledge.Status.REJECTED, Pledge.Status.WITHDRAWN]:
        PledgeFactory(title=f"Retrospect pledge {status}", status=status)
    PledgeFactory(title="Retrospect pledge approved")

    response = client.get(reverse("search"), {"q": "retrospect"})

    assert result_titles(response) == ["Retrospect pledge approved"]


def test_search_follows_edits_to_titles_and_transcripts_added_later(client):
    from tests.pledges.factories import PledgeFactory
    from tests.showcases.factories import RecordingFactory, ShowcaseFactory

    pledge = PledgeFactory(title="Run a knowledge café")
    session = ShowcaseFactory(title="Digital workplace")

    pledge.title = "Run a fishbowl conversation"
    pledge.save()
    RecordingFactory(showcase=session, transcript="We tried a fishbowl with the ward team.")

    fishbowl = result_titles(client.get(reverse("search"), {"q": "fishbowl"}))
    cafe = result_titles(client.get(reverse("search"), {"q": "café"}))

    assert fishbowl == ["Run a fishbowl conversation", "Digital workplace"]
    assert "Run a fishbowl conversation" not in cafe


def test_search_shows_markup_in_titles_and_texts_as_text_with_matches_marked(client):
    from tests.pledges.factories import PledgeFactory

    PledgeFactory(title="<script>alert('café')</script>", text="Use <b>bold</b> café & friends.")
    PledgeFactory(title="Café", text=f"{'Words before the match. ' * 20}Then <i>café</i>.")

    page = client.get(reverse("search"), {"q": "café"}).content.decode()

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;<mark>café</mark>&#x27;)&lt;/script&gt;" in page
    assert "Use &lt;b&gt;bold&lt;/b&gt; <mark>café</mark> &amp; friends." in page
    assert "Then &lt;i&gt;<mark>café</mark>" in page


@pytest.mark.parametrize("page", ["2", "99", "9" * 40, "-1", "two"])
def test_search_answers_any_page_number_with_a_page_of_results(client, page):
    for year in range(2000, 2025):
        CampaignFactory(name=f"Edition{year}", year=year, theme="Knowledge cafés")

    response = client.get(reverse("search"), {"q": "cafés", "page": page})

    assert response.status_code == 200
    assert len(response.context["results"]) == (20 if page == "two" else 5)


@pytest.mark.parametrize("query", ["\x02café\x03", "café\x7f"])
def test_search_ignores_control_characters(client, query):
    from tests.pledges.factories import PledgeFactory

    PledgeFactory(title="Knowledge café on the wards")

    response = client.get(reverse("search"), {"q": query})

    assert response.status_code == 200
    assert [result.title for result in response.context["results"]] == [
        "Knowledge café on the wards"
    ]
