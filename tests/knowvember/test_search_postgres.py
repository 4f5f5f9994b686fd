"""Site search on PostgreSQL finds what people type: accents, word forms, typos, phrases."""

from urllib.parse import quote

import pytest
from django.db import connection
from django.urls import reverse

from events.models import Event
from pledges.models import Pledge
from tests.events.factories import EventFactory
from tests.factories import CampaignFactory, UserFactory
from tests.pledges.factories import PledgeFactory
from tests.showcases.factories import RecordingFactory, ShowcaseFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search"),
]


def search(client, query, **filters):
    return client.get(reverse("search"), {"q": query, **filters})


def titles(response):
    return [result.title for result in response.context["results"]]


@pytest.fixture
def catalogue(db):
    """Public content with accents, word forms and near-misses, and nothing else."""
    EventFactory(
        title="Knowledge café: learning after the campaign",
        description="Tell us what worked, over coffee.",
    )
    PledgeFactory(
        title="Host a cafe conversation on discharge planning",
        text="Bring ward staff and the discharge team together.",
    )
    ShowcaseFactory(
        title="Sharing practice across the library network",
        question="What we shared and what it changed.",
        is_published=True,
    )
    PledgeFactory(title="Publish our evidence reviews", text="Write up two each month.")
    EventFactory(title="Peer assist masterclass", description="In person, in Leeds.")
    EventFactory(
        title="Peer assist clinic",
        format=Event.Format.ONLINE_SESSION,
        description="An online session for ward managers.",
    )
    PledgeFactory(title="Talk about knowledge at the ward café", text="Once a month.")


@pytest.mark.parametrize(
    ("query", "first"),
    [
        # Accents both ways: unaccent runs before stemming, on documents and queries alike.
        ("knowledge cafe", "Knowledge café: learning after the campaign"),
        ("café conversation", "Host a cafe conversation on discharge planning"),
        # Word forms, titles included: "share" finds "sharing", "review" finds "reviews".
        ("share", "Sharing practice across the library network"),
        ("review", "Publish our evidence reviews"),
        # A phrase in quotes, and a word left out with a minus.
        ('"knowledge café"', "Knowledge café: learning after the campaign"),
        ("peer assist -online", "Peer assist masterclass"),
    ],
)
def test_search_finds_what_people_type_best_match_first(client, catalogue, query, first):
    response = search(client, query)

    assert titles(response)[0] == first


def test_search_for_a_phrase_leaves_out_the_words_apart(client, catalogue):
    found = titles(search(client, '"knowledge café"'))

    assert "Talk about knowledge at the ward café" not in found
    assert "Talk about knowledge at the ward café" in titles(search(client, "knowledge café"))


def test_search_leaves_out_excluded_words(client, catalogue):
    found = titles(search(client, "peer assist -online"))

    assert found == ["Peer assist masterclass"]


@pytest.mark.parametrize(
    ("typed", "first", "suggestion"),
    [
        ("peer asist", "Peer assist", "peer assist"),
        ("knowlege cafe", "Knowledge café: learning after the campaign", "knowledge café"),
    ],
)
def test_search_with_a_typo_finds_the_titles_and_suggests_the_spelling(
    client, catalogue, typed, first, suggestion
):
    response = search(client, typed)

    assert titles(response)[0].startswith(first)
    assert response.context["search"].suggestion == suggestion
    link = f'<a href="{reverse("search")}?q={quote(suggestion)}">{suggestion}</a>'
    assert f"Did you mean {link}?" in response.content.decode()


def test_search_with_a_typo_highlights_the_words_meant(client, catalogue):
    response = search(client, "peer asist")

    first = response.context["results"][0]
    assert first.title_html == "<mark>Peer</mark> <mark>assist</mark> clinic" or (
        first.title_html == "<mark>Peer</mark> <mark>assist</mark> masterclass"
    )


def test_search_spelt_right_suggests_nothing(client, catalogue):
    response = search(client, "peer assist")

    assert response.context["search"].suggestion == ""
    assert "Did you mean" not in response.content.decode()


def test_search_finds_pledges_by_the_name_of_their_technique(client):
    from tests.pledges.factories import ActivityFactory

    fishbowl = ActivityFactory(name="Fishbowl", slug="fishbowl")
    PledgeFactory(title="Try it at our away day", text="With the whole team.", activity=fishbowl)
    PledgeFactory(title="Something else entirely", text="With the whole team.")

    assert titles(search(client, "fishbowl team")) == ["Try it at our away day"]
    assert titles(search(client, "fishbowel")) == ["Try it at our away day"]


def test_search_never_shows_hidden_content_in_results_counts_or_suggestions(client):
    EventFactory(title="Zebrafish knowledge café draft", is_published=False)
    ShowcaseFactory(title="Zebrafish knowledge café session", is_published=False)
    for status in [Pledge.Status.PENDING, Pledge.Status.REJECTED, Pledge.Status.WITHDRAWN]:
        PledgeFactory(title=f"Zebrafish knowledge café {status}", status=status)
    PledgeFactory(title="Knowledge café for the wards")

    by_words = search(client, "zebrafish")
    by_typo = search(client, "zebrafsh")
    everything = search(client, "knowledge café")

    assert titles(by_words) == []
    assert titles(by_typo) == []
    assert by_typo.context["search"].suggestion == ""
    assert titles(everything) == ["Knowledge café for the wards"]
    assert [(facet.label, facet.count) for facet in everything.context["search"].kinds] == [
        ("Pledges", 1)
    ]
    assert "Zebrafish" not in everything.content.decode()


def test_search_ranks_a_title_above_a_transcript_that_repeats_the_words(client):
    RecordingFactory(
        showcase=ShowcaseFactory(title="Interview with a librarian", is_published=True),
        transcript="We used a peer assist before the project started. " * 50,
    )
    EventFactory(title="Peer assist masterclass", description="In person.")

    assert titles(search(client, "peer assist")) == [
        "Peer assist masterclass",
        "Interview with a librarian",
    ]


def test_search_sinks_one_persons_near_identical_pledges_below_other_results(client):
    keen = UserFactory()
    for team in ["ward", "library", "outreach", "research"]:
        PledgeFactory(author=keen, title=f"Run a retrospect with the {team} team")
    PledgeFactory(title="Run a retrospect on our evidence service")
    ShowcaseFactory(title="Retrospect: what we learned", is_published=True)

    found = titles(search(client, "retrospect"))

    keens = [title for title in found if title.endswith(" team")]
    assert len(found) == 6
    assert [title in keens for title in found[:3]].count(True) == 1
    assert found.index(keens[1]) > found.index("Run a retrospect on our evidence service")
    assert found.index(keens[1]) > found.index("Retrospect: what we learned")


def test_search_filters_by_kind_and_edition_with_counts(client):
    older = CampaignFactory(name="KNOWvember20", slug="knowvember20", year=2020)
    newer = CampaignFactory(name="KNOWvember26", slug="knowvember26", year=2026)
    PledgeFactory(title="Knowledge café on the wards", campaign=older)
    PledgeFactory(title="Knowledge café in the library", campaign=newer)
    EventFactory(title="Knowledge café evening", campaign=newer)

    everything = search(client, "knowledge café")
    pledges = search(client, "knowledge café", kind="pledge")
    newer_pledges = search(client, "knowledge café", kind="pledge", edition="knowvember26")

    page = everything.content.decode()
    assert "3 results found" in page
    assert 'href="?q=knowledge+caf%C3%A9&amp;kind=pledge">Pledges (2)</a>' in page
    assert 'href="?q=knowledge+caf%C3%A9&amp;kind=event">Events (1)</a>' in page
    assert 'href="?q=knowledge+caf%C3%A9&amp;edition=knowvember26">KNOWvember26 (2)</a>' in page
    assert sorted(titles(pledges)) == [
        "Knowledge café in the library",
        "Knowledge café on the wards",
    ]
    assert "2 results found with these filters" in pledges.content.decode()
    # Edition counts follow the kind chosen, and the other way round.
    assert "KNOWvember26 (1)" in pledges.content.decode()
    assert titles(newer_pledges) == ["Knowledge café in the library"]
    assert "Pledges (1)" in newer_pledges.content.decode()


@pytest.mark.parametrize("query", ["<b>café</b>", "'café' & | ! :* (", "café -", '"café'])
def test_search_reads_stray_operators_and_markup_as_text(client, query):
    PledgeFactory(title="Knowledge café on the wards")

    response = search(client, query)

    assert response.status_code == 200
    assert titles(response) == ["Knowledge café on the wards"]


def test_search_ignores_a_kind_it_does_not_know(client):
    PledgeFactory(title="Knowledge café on the wards")

    response = search(client, "knowledge café", kind="<b>news</b>")

    assert titles(response) == ["Knowledge café on the wards"]
    assert response.context["search"].kind == ""


@pytest.mark.parametrize("per_kind", [1, 3])
def test_search_takes_the_same_queries_however_many_results(
    client, django_assert_max_num_queries, per_kind
):
    for n in range(per_kind):
        EventFactory(title=f"Knowledge café evening {n}")
        PledgeFactory(title=f"Knowledge café on ward {n}")
        ShowcaseFactory(title=f"Knowledge café stories {n}", is_published=True)
        CampaignFactory(theme=f"Knowledge café {n}")

    # One statement for the counts and the first page, then one per kind on the page.
    with django_assert_max_num_queries(5):
        full_text = search(client, "knowledge café")
    # A typo adds one statement: titles like the words typed, and the closest for "Did you mean".
    with django_assert_max_num_queries(6):
        typo = search(client, "knowlege cafe")

    assert len(titles(full_text)) == 4 * per_kind
    assert len(titles(typo)) == 4 * per_kind
