import pytest
from django.urls import reverse

from showcases.models import Showcase
from tests.factories import CampaignFactory, OrganiserFactory
from tests.html import parse
from tests.showcases.factories import (
    PDF_BYTES,
    PackFileFactory,
    PackLinkFactory,
    RecordingFactory,
    SessionSpeakerFactory,
    ShowcaseFactory,
    SpeakerFactory,
    TakeawayFactory,
)

pytestmark = pytest.mark.django_db


def text_of(response):
    return response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_does_not_grow_with_sessions(client, count, django_assert_num_queries):
    campaign = CampaignFactory()
    for _ in range(count):
        showcase = ShowcaseFactory(campaign=campaign)
        SessionSpeakerFactory.create_batch(2, showcase=showcase)
        RecordingFactory(showcase=showcase)
        PackFileFactory(showcase=showcase)
        PackLinkFactory(showcase=showcase)

    # Sessions with badges, their speakers, the page count, the edition filter's options.
    with django_assert_num_queries(4):
        response = client.get(reverse("showcases:list"))

    assert response.status_code == 200
    assert len(response.context["showcases"]) == count


def test_list_query_count_is_the_same_with_filters(client, django_assert_num_queries):
    campaign = CampaignFactory(slug="knowvember20")
    ShowcaseFactory.create_batch(2, campaign=campaign)

    # The chosen values are checked against the choices already listed: no extra look-ups.
    with django_assert_num_queries(4):
        response = client.get(
            reverse("showcases:list"), {"edition": "knowvember20", "kind": "showcase"}
        )

    assert len(response.context["showcases"]) == 2


def test_list_shows_numbered_sessions_with_speakers_and_badges(client):
    showcase = ShowcaseFactory(
        number=2, title="Knowledge Mobilisation standards", campaign__name="KNOWvember20"
    )
    SessionSpeakerFactory(showcase=showcase, speaker__name="A. Chair", is_chair=True)
    SessionSpeakerFactory(showcase=showcase, speaker__name="B. Speaker")
    RecordingFactory(showcase=showcase)
    PackFileFactory(showcase=showcase)
    bare = ShowcaseFactory(title="A session with nothing to download")

    response = client.get(reverse("showcases:list"))

    page = text_of(response)
    assert "Showcase 2" in page
    assert "Knowledge Mobilisation standards" in page
    assert "A. Chair (chair), B. Speaker" in page
    assert page.count(">Recording</strong>") == 1
    assert page.count(">Transcript</strong>") == 1
    assert page.count(">Delegate pack</strong>") == 1
    assert bare.title in page
    assert parse(response).h1_count == 1


def test_list_badges_a_recording_without_transcript_as_recording_only(client):
    RecordingFactory(transcript="", transcript_exemption="Music only, no speech.")

    page = text_of(client.get(reverse("showcases:list")))

    assert ">Recording</strong>" in page
    assert ">Transcript</strong>" not in page


def test_list_badges_a_transcript_whose_video_is_not_yet_added_as_transcript_only(client):
    RecordingFactory(youtube_id="", transcript="Welcome to the session.")

    page = text_of(client.get(reverse("showcases:list")))

    assert ">Recording</strong>" not in page
    assert ">Transcript</strong>" in page


def test_detail_without_a_video_says_so_and_still_shows_the_transcript(client):
    recording = RecordingFactory(youtube_id="", transcript="Welcome to the session.")

    response = client.get(recording.showcase.get_absolute_url())

    page = text_of(response)
    parsed = parse(response)
    assert "Recording not yet added. You can read the transcript below." in page
    assert "Welcome to the session." in page
    assert "Play the recording" not in page
    assert not any("youtube" in link for link in parsed.links)
    assert "js/showcases-player.mjs" not in page
    assert "frame-src" not in response["Content-Security-Policy"]


def test_detail_of_a_session_with_no_recording_yet_says_so(client):
    showcase = ShowcaseFactory(kind=Showcase.Kind.WEBINAR, number=1)

    page = text_of(client.get(showcase.get_absolute_url()))

    assert "Webinar 1" in page
    assert "Recording not yet added." in page
    assert "Transcript" not in page


def test_list_hides_unpublished_sessions(client):
    ShowcaseFactory(title="Published session")
    ShowcaseFactory(title="Draft session", is_published=False)

    page = text_of(client.get(reverse("showcases:list")))

    assert "Published session" in page
    assert "Draft session" not in page


def test_list_groups_by_edition_with_the_current_edition_first(client):
    old = CampaignFactory(name="KNOWvember20", year=2020)
    current = CampaignFactory(name="KNOWvember26", year=2026, is_current=True)
    ShowcaseFactory(campaign=old, title="Session from 2020")
    ShowcaseFactory(campaign=current, title="Session from 2026")

    page = text_of(client.get(reverse("showcases:list")))

    page = page[page.index("<section") :]  # after the filter form's options
    assert page.index(">KNOWvember26") < page.index("Session from 2026")
    assert page.index("Session from 2026") < page.index(">KNOWvember20")
    assert page.index(">KNOWvember20") < page.index("Session from 2020")


def test_list_filters_by_kind_without_javascript(client):
    ShowcaseFactory(title="The showcase", kind=Showcase.Kind.SHOWCASE)
    ShowcaseFactory(title="The interview", kind=Showcase.Kind.INTERVIEW, number=1)
    ShowcaseFactory(title="The chat", kind=Showcase.Kind.CHAT, number=1)

    response = client.get(reverse("showcases:list"), {"kind": "interview"})

    page = text_of(response)
    assert "The interview" in page
    assert "Interview 1" in page
    assert "The showcase" not in page
    assert "The chat" not in page
    assert '<option value="interview" selected>' in page
    assert "1 session match your filters" in page


def test_list_filters_by_edition(client):
    ShowcaseFactory(title="In 2020", campaign=CampaignFactory(name="KNOWvember20", year=2020))
    ShowcaseFactory(title="In 2021", campaign=CampaignFactory(name="KNOWvember21", year=2021))

    page = text_of(client.get(reverse("showcases:list"), {"edition": "knowvember21"}))

    assert "In 2021" in page
    assert "In 2020" not in page


def test_list_answers_an_unknown_filter_value_with_400_and_an_error_summary(client):
    ShowcaseFactory(title="Still listed")

    response = client.get(
        reverse("showcases:list"), {"kind": "<script>", "edition": "no-such-edition"}
    )

    html = parse(response)
    assert response.status_code == 400
    assert html.error_summary == [
        ("#id_edition", "Select an edition from the list"),
        ("#id_kind", "Select a type from the list"),
    ]
    assert {"id_edition", "id_kind"} <= html.ids
    assert "<script>" not in text_of(response)
    assert "Still listed" in text_of(response)


def test_detail_shows_question_date_speakers_programme_pack_and_takeaways(client):
    showcase = ShowcaseFactory(
        title="By stealth or grand design?",
        question="How do you influence the knowledge sharing culture?",
        campaign__name="KNOWvember20",
        number=3,
    )
    SessionSpeakerFactory(
        showcase=showcase,
        is_chair=True,
        speaker=SpeakerFactory(name="A. Chair", role="Head of knowledge"),
    )
    SessionSpeakerFactory(showcase=showcase, speaker__name="B. Speaker", speaker__bio="Runs cafés.")
    PackFileFactory(showcase=showcase, title="Agenda")
    PackLinkFactory(showcase=showcase, title="Reading list")
    TakeawayFactory(showcase=showcase, text="Hold a knowledge café & invite a peer")

    response = client.get(showcase.get_absolute_url())

    page = text_of(response)
    assert "By stealth or grand design?" in page
    assert "KNOWvember20 · Showcase 3" in page
    assert "How do you influence the knowledge sharing culture?" in page
    assert "Tuesday 10 November 2020, 12.30pm" in page
    assert "A. Chair (chair)" in page
    assert "Head of knowledge, Example NHS Foundation Trust" in page
    assert "Runs cafés." in page
    assert "12.40pm Talks" in page
    assert f"(Agenda, PDF, {len(PDF_BYTES)}\xa0bytes)" in page
    assert 'href="https://example.org/reading"' in page
    assert "Download the whole pack" in page
    assert "Pledge to try this" in page
    assert (
        "/pledges/new/?activity=after-action-review&amp;"
        "text=Hold+a+knowledge+caf%C3%A9+%26+invite+a+peer" in page
    )
    assert parse(response).h1_count == 1
    assert parse(response).inline_scripts == 0


def test_detail_of_unpublished_session_is_404_to_the_public(client, user_client):
    showcase = ShowcaseFactory(is_published=False)

    assert client.get(showcase.get_absolute_url()).status_code == 404
    assert user_client.get(showcase.get_absolute_url()).status_code == 404


def test_detail_of_unpublished_session_is_a_preview_for_organisers(client):
    showcase = ShowcaseFactory(is_published=False, title="Coming soon")
    client.force_login(OrganiserFactory())

    response = client.get(showcase.get_absolute_url())

    assert response.status_code == 200
    assert "This session is not published" in text_of(response)
    assert "no-store" in response["Cache-Control"]


def test_detail_recording_shows_still_play_button_and_link_but_no_embed(client):
    recording = RecordingFactory(showcase__title="To share is to care")

    response = client.get(recording.showcase.get_absolute_url())

    page = text_of(response)
    parsed = parse(response)
    assert "youtube-nocookie.com/embed" not in "".join(parsed.external_resources)
    assert "<iframe" not in page
    assert "Play the recording" in page
    assert f"https://www.youtube.com/watch?v={recording.youtube_id}" in parsed.links
    assert "Watch on YouTube" in page
    assert "js/showcases-player.mjs" in page
    assert parsed.external_resources == []


def test_detail_play_without_javascript_loads_the_privacy_enhanced_player(client):
    recording = RecordingFactory(showcase__title="To share is to care")

    response = client.get(recording.showcase.get_absolute_url(), {"play": "1"})

    parsed = parse(response)
    assert parsed.external_resources == [
        f"https://www.youtube-nocookie.com/embed/{recording.youtube_id}?autoplay=1&rel=0"
    ]
    assert f"https://www.youtube.com/watch?v={recording.youtube_id}" in parsed.links


def test_detail_csp_allows_the_player_frame_only_on_recording_pages(client):
    recording = RecordingFactory()
    without = ShowcaseFactory()

    with_recording = client.get(recording.showcase.get_absolute_url())
    without_recording = client.get(without.get_absolute_url())
    listing = client.get(reverse("showcases:list"))

    assert "frame-src https://www.youtube-nocookie.com" in with_recording["Content-Security-Policy"]
    assert "script-src 'self'" in with_recording["Content-Security-Policy"]
    assert "frame-src" not in without_recording["Content-Security-Policy"]
    assert "frame-src" not in listing["Content-Security-Policy"]


def test_detail_transcript_is_inside_a_details_element(client):
    recording = RecordingFactory(transcript="Welcome, everyone, to showcase one.")

    page = text_of(client.get(recording.showcase.get_absolute_url()))

    details = page[page.index('<details class="nhsuk-details">') : page.index("</details>")]
    assert "Transcript" in details
    assert "Welcome, everyone, to showcase one." in details


def test_detail_shows_the_exemption_when_there_is_no_transcript(client):
    recording = RecordingFactory(transcript="", transcript_exemption="The video has no speech.")

    page = text_of(client.get(recording.showcase.get_absolute_url()))

    assert "<details" not in page
    assert "There is no transcript for this recording: The video has no speech." in page


def test_feed_lists_published_recordings(client):
    import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own feed

    published = RecordingFactory(showcase__title="To share is to care", showcase__number=1)
    RecordingFactory(showcase__title="Draft recording", showcase__is_published=False)
    ShowcaseFactory(title="Published without a recording")

    response = client.get(reverse("showcases:feed"))

    assert response["Content-Type"].startswith("application/atom+xml")
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring(response.content)  # noqa: S314
    entries = feed.findall(f"{atom}entry")
    assert len(entries) == 1
    title = entries[0].find(f"{atom}title").text
    assert title.endswith("Showcase 1: To share is to care")
    link = entries[0].find(f"{atom}link").get("href")
    assert link.endswith(published.showcase.get_absolute_url())


def test_detail_query_count_is_fixed(client, django_assert_num_queries):
    recording = RecordingFactory()
    showcase = recording.showcase
    SessionSpeakerFactory.create_batch(3, showcase=showcase)
    PackFileFactory.create_batch(2, showcase=showcase)
    PackLinkFactory(showcase=showcase)
    TakeawayFactory.create_batch(2, showcase=showcase)

    # The session with its edition and recording, speakers, pack items, takeaways.
    with django_assert_num_queries(4):
        response = client.get(showcase.get_absolute_url())

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("size", "shown"),
    [(12, "12 bytes"), (2048, "2.0 KB"), (1_258_291, "1.2 MB"), (20 * 1024 * 1024, "20.0 MB")],
)
def test_pack_item_size_is_shown_by_filesizeformat(size, shown):
    item = PackFileFactory.build(file_size=size)

    # filesizeformat keeps number and unit together with a no-break space
    assert item.size_and_format.replace("\xa0", " ") == f"PDF, {shown}"


def test_sitemap_lists_published_sessions_only(client):
    from showcases.sitemaps import ShowcaseSitemap

    published = ShowcaseFactory()
    ShowcaseFactory(is_published=False)

    assert list(ShowcaseSitemap().items()) == [published]


def test_organisers_can_add_sessions_in_the_admin(client):
    client.force_login(OrganiserFactory())

    response = client.get(reverse("admin:showcases_showcase_add"))

    assert response.status_code == 200
    assert "Delegate pack" in response.content.decode()
