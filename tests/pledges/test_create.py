import struct
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from pledges.models import Pledge
from tests.factories import CampaignFactory, RegionFactory, UserFactory
from tests.pledges.factories import ActivityFactory, CompletedPledgeFactory, PledgeFactory
from tests.pledges.images import HTML_TAIL, SVG, decompression_bomb, jpeg, png

pytestmark = pytest.mark.django_db

URL = "/pledges/new/"


@pytest.fixture
def campaign():
    return CampaignFactory(name="KNOWvember26", year=2026, is_current=True)


@pytest.fixture
def london():
    return RegionFactory(slug="london", name="London")


@pytest.fixture
def cafe():
    return ActivityFactory(slug="knowledge-cafe")


def form_data(technique, region, **overrides):
    return {
        "submission_key": str(uuid.uuid4()),
        "activity": technique.slug,
        "title": "Run a knowledge café for the ward team",
        "text": "An hour on discharge planning, with tea.",
        "target_month": "2026-11",
        "effort": "small",
        "organisation": "Example NHS Foundation Trust",
        "region": str(region.pk),
        "photo_alt": "",
        "show_name": "on",
        **overrides,
    }


@pytest.fixture(autouse=True)
def _november_2026(time_machine):
    time_machine.move_to("2026-10-20 10:00 +01:00")


def test_pledge_form_needs_sign_in(client, campaign):
    response = client.get(URL)

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_pledge_form_is_not_offered_to_an_unverified_user(client, campaign):
    client.force_login(UserFactory(verified=False))

    response = client.get(URL + "?activity=knowledge-cafe")

    assert "Make a pledge" not in response.content.decode()
    assert "form" not in response.context or "submission_key" not in response.content.decode()


def test_pledge_form_first_asks_for_a_technique(user_client, campaign, cafe):
    response = user_client.get(URL)

    page = response.content.decode()
    assert "Which technique will you try?" in page
    assert 'name="submission_key"' not in page
    assert f'href="?activity={cafe.slug}"' in page
    assert "Peer assist" in page  # the seeded taxonomy


def test_pledge_form_is_prefilled_from_profile_and_query(user_client, user, campaign, london, cafe):
    user.region = london
    user.organisation = "Example Community Trust"
    user.save()

    response = user_client.get(
        URL, {"activity": cafe.slug, "title": "Try a café", "text": "Seen at a showcase"}
    )

    form = response.context["form"]
    assert form["activity"].value() == cafe.slug
    assert form["title"].value() == "Try a café"
    assert form["text"].value() == "Seen at a showcase"
    assert form["organisation"].value() == "Example Community Trust"
    assert form["region"].value() == london.pk
    assert form["target_month"].value() == "2026-11"


def test_pledge_form_shows_up_to_three_lessons_for_the_chosen_technique(
    user_client, campaign, cafe
):
    for n in range(4):
        CompletedPledgeFactory(activity=cafe, aar_next=f"Lesson {n}")
    CompletedPledgeFactory(activity=cafe, aar_next="Unapproved", lessons_status="pending")
    CompletedPledgeFactory(activity=cafe, aar_next="Hidden pledge", status="rejected")
    CompletedPledgeFactory(aar_next="Other technique")

    page = user_client.get(URL, {"activity": cafe.slug}).content.decode()

    assert "Learn before you start" in page
    assert sum(f"Lesson {n}" in page for n in range(4)) == 3
    assert "Unapproved" not in page
    assert "Hidden pledge" not in page
    assert "Other technique" not in page


def test_lessons_fragment_serves_the_panel_alone(client, cafe):
    CompletedPledgeFactory(activity=cafe, aar_next="Book early")

    response = client.get(reverse("pledges:lessons"), {"activity": cafe.slug})

    page = response.content.decode()
    assert "Book early" in page
    assert "<html" not in page


def test_pledge_is_created_pending_and_hidden_from_the_wall(
    user_client, user, campaign, london, cafe, client
):
    response = user_client.post(URL, form_data(cafe, london), follow=True)

    pledge = Pledge.objects.get()
    assert pledge.status == Pledge.Status.PENDING
    assert pledge.author == user and pledge.campaign == campaign
    assert pledge.show_name and not pledge.show_organisation and not pledge.show_photo
    assert "An organiser will check it soon" in response.content.decode()
    assert pledge.title not in client.get(reverse("pledges:wall")).content.decode()
    assert client.get(pledge.get_absolute_url()).status_code == 404


def test_pledge_double_submit_makes_one_pledge(user_client, campaign, london, cafe):
    data = form_data(cafe, london)

    user_client.post(URL, data)
    user_client.post(URL, data)

    assert Pledge.objects.count() == 1


def test_pledge_creation_is_rate_limited_per_person(user_client, campaign, london, cafe):
    for _ in range(10):
        user_client.post(URL, form_data(cafe, london))

    response = user_client.post(URL, form_data(cafe, london))

    assert response.status_code == 429
    assert Pledge.objects.count() == 10


def test_pledge_form_errors_answer_400_with_a_summary(user_client, campaign, london, cafe):
    response = user_client.post(
        URL, form_data(cafe, london, title="", text="x" * 1001, activity="")
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "Enter a title for your pledge" in page
    assert "Choose the technique you will try" in page
    assert "at most 1000 characters" in page
    assert Pledge.objects.count() == 0


def test_pledge_month_must_come_from_the_list(user_client, campaign, london, cafe):
    response = user_client.post(URL, form_data(cafe, london, target_month="1999-01"))

    assert response.status_code == 400
    assert Pledge.objects.count() == 0


def test_pledge_photo_is_reencoded_without_exif(user_client, campaign, london, cafe):
    upload = jpeg("my-holiday.jpg", size=(3000, 2000), gps=True)
    assert b"SpyCam" in upload.read()
    upload.seek(0)

    user_client.post(
        URL,
        form_data(cafe, london, photo=upload, photo_alt="Team around a table", show_photo="on"),
    )

    pledge = Pledge.objects.get()
    stored = pledge.photo.read()
    assert b"SpyCam" not in stored
    assert "my-holiday" not in pledge.photo.name
    with Image.open(pledge.photo.path) as picture:
        assert max(picture.size) == 1600
        assert not picture.getexif()
    assert pledge.photo_thumbnail.storage.exists(pledge.photo_thumbnail.name)
    assert pledge.show_photo


def test_pledge_photo_png_with_html_appended_is_neutralised(user_client, campaign, london, cafe):
    upload = png(appended=HTML_TAIL)

    user_client.post(URL, form_data(cafe, london, photo=upload, photo_alt="A blue square"))

    stored = Pledge.objects.get().photo.read()
    assert b"<script" not in stored and b"<html" not in stored


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (decompression_bomb(), "too large in pixels"),
        (SimpleUploadedFile("logo.svg", SVG, content_type="image/svg+xml"), "not a photo"),
        (SimpleUploadedFile("photo.jpg", b"MZ not really a jpeg", "image/jpeg"), "not a photo"),
        (SimpleUploadedFile("anim.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"), "JPG, PNG"),
    ],
    ids=["bomb", "svg", "renamed", "gif"],
)
def test_pledge_bad_photo_gets_a_form_error_not_a_500(
    user_client, campaign, london, cafe, upload, message
):
    upload.seek(0)

    response = user_client.post(URL, form_data(cafe, london, photo=upload, photo_alt="A photo"))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Pledge.objects.count() == 0


def test_decompression_bomb_is_small_and_huge():
    data = decompression_bomb().read()

    assert len(data) < 40_000
    width, height = struct.unpack(">II", data[16:24])  # the PNG IHDR chunk
    assert width * height == 144_000_000


def test_pledge_photo_needs_a_description(user_client, campaign, london, cafe):
    response = user_client.post(URL, form_data(cafe, london, photo=png(), photo_alt=""))

    assert response.status_code == 400
    assert "Describe the photo" in response.content.decode()


def test_pledge_text_is_stored_as_plain_text(user_client, campaign, london, cafe):
    user_client.post(
        URL, form_data(cafe, london, title="  A\ttitle  ", text="One\r\n\r\n\r\n\r\nTwo\x07")
    )

    pledge = Pledge.objects.get()
    assert pledge.text == "One\n\nTwo"


def test_pledge_form_without_a_current_edition_says_so(user_client):
    response = user_client.get(URL)

    assert "Pledges open when the next KNOWvember edition is announced" in (
        response.content.decode()
    )


def test_pledge_detail_of_another_pledge_is_not_editable(user_client):
    other = PledgeFactory()

    assert user_client.get(reverse("pledges:edit", args=[other.pk])).status_code == 404
    assert user_client.post(reverse("pledges:withdraw", args=[other.pk])).status_code == 404


def test_pledge_form_error_summary_is_the_first_thing_in_the_main_content(
    user_client, campaign, london, cafe
):
    response = user_client.post(URL, form_data(cafe, london, title=""))

    page = response.content.decode()
    main = page[page.index('<main class="nhsuk-main-wrapper"') :]
    assert main.index('class="nhsuk-error-summary"') < main.index("<h1")
    assert main.index("<h1") < main.index("Learn before you start")


def test_choosing_a_technique_says_once_what_comes_next(user_client, campaign):
    page = user_client.get(URL).content.decode()

    assert (
        page.count("we will show you what colleagues learned")
        + page.count("We will show you what colleagues learned")
        == 1
    )
