import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.permissions import ORGANISERS_GROUP

pytestmark = pytest.mark.django_db


def test_admin_sends_anonymous_visitors_to_the_rate_limited_sign_in(client):
    response = client.get(reverse("admin:index"), follow=True)

    final_url, _status = response.redirect_chain[-1]
    assert final_url.startswith(reverse("account_login"))
    assert response.status_code == 200


def test_admin_refuses_people_who_are_not_organisers(user_client):
    response = user_client.get(reverse("admin:index"), follow=True)

    assert response.status_code == 403
    assert "You do not have permission" in response.content.decode()


def test_organisers_run_editions_and_regions_in_the_admin(client, organiser):
    client.force_login(organiser)

    index = client.get(reverse("admin:index"))
    campaigns = client.get(reverse("admin:knowvember_campaign_changelist"))
    add_campaign = client.get(reverse("admin:knowvember_campaign_add"))

    assert index.status_code == 200
    assert campaigns.status_code == 200
    assert add_campaign.status_code == 200


def test_organisers_can_see_but_not_change_people(client, organiser, user):
    client.force_login(organiser)

    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200
    assert client.get(reverse("admin:accounts_user_add")).status_code == 403


def test_the_organisers_group_is_created_by_migrations():
    group = Group.objects.get(name=ORGANISERS_GROUP)

    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"add_campaign", "change_campaign", "view_region", "view_user"} <= codenames
    assert "delete_user" not in codenames


def test_deleting_a_person_in_the_admin_removes_their_pledge_photos_too(
    client, user, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile

    from accounts.models import User
    from tests.pledges.factories import PledgeFactory

    pledge = PledgeFactory(author=user, photo_alt="The team")
    pledge.photo.save("team.jpg", ContentFile(b"jpeg bytes"))
    photo_name = pledge.photo.name
    client.force_login(User.objects.create_superuser("super@example.nhs.uk", "long-pass-1234"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:accounts_user_delete", args=[user.pk]), {"post": "yes"}
        )

    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    assert not pledge.photo.storage.exists(photo_name)
