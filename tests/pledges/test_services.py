"""The pledge services (pledge_update, pledge_record_outcome) as the pledger meets them."""

import pytest
from django.urls import reverse

from pledges.models import Pledge
from tests.pledges.factories import CompletedPledgeFactory, PledgeFactory
from tests.pledges.images import jpeg, png

pytestmark = pytest.mark.django_db


def with_photo(**kwargs) -> Pledge:
    pledge = PledgeFactory(photo_alt="Colleagues around a table", show_photo=True, **kwargs)
    pledge.photo.save("old.jpg", png(), save=False)
    pledge.photo_thumbnail.save("old-thumb.jpg", png(), save=True)
    return pledge


def edit_data(pledge: Pledge, **overrides) -> dict:
    """The edit form as the pledger would send it, unchanged unless overridden."""
    data = {
        "activity": pledge.activity.slug,
        "title": pledge.title,
        "text": pledge.text,
        "target_month": pledge.target_month.strftime("%Y-%m"),
        "effort": pledge.effort,
        "organisation": pledge.organisation,
        "region": str(pledge.region.pk),
        "photo_alt": pledge.photo_alt,
    }
    if pledge.show_photo:
        data["show_photo"] = "on"
    return data | overrides


def stored_names(pledge: Pledge) -> list[str]:
    return [pledge.photo.name, pledge.photo_thumbnail.name]


def test_replacing_the_photo_deletes_the_old_one_only_after_commit(
    client, django_capture_on_commit_callbacks
):
    pledge = with_photo()
    storage, old = pledge.photo.storage, stored_names(pledge)
    client.force_login(pledge.author)

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            reverse("pledges:edit", args=[pledge.pk]), edit_data(pledge, photo=jpeg())
        )

    assert response.status_code == 302
    assert all(storage.exists(name) for name in old)  # not while the change could roll back
    for callback in callbacks:
        callback()
    pledge.refresh_from_db()
    assert not any(storage.exists(name) for name in old)
    assert all(storage.exists(name) for name in stored_names(pledge))
    assert pledge.status == Pledge.Status.PENDING  # a new photo is checked again


def test_a_new_photo_with_remove_ticked_keeps_the_new_photo(
    client, django_capture_on_commit_callbacks
):
    pledge = with_photo()
    old = stored_names(pledge)
    client.force_login(pledge.author)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("pledges:edit", args=[pledge.pk]),
            edit_data(pledge, photo=jpeg(), remove_photo="on"),
        )

    pledge.refresh_from_db()
    assert pledge.photo and pledge.photo.name not in old
    assert pledge.photo_alt == "Colleagues around a table"
    assert pledge.show_photo


def test_removing_the_photo_hides_it_and_deletes_its_files(
    client, django_capture_on_commit_callbacks
):
    pledge = with_photo()
    storage, old = pledge.photo.storage, stored_names(pledge)
    client.force_login(pledge.author)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("pledges:edit", args=[pledge.pk]), edit_data(pledge, remove_photo="on")
        )

    pledge.refresh_from_db()
    assert response.status_code == 302
    assert not pledge.photo and not pledge.show_photo and pledge.photo_alt == ""
    assert not any(storage.exists(name) for name in old)
    assert pledge.status == Pledge.Status.PENDING


def test_an_edit_that_changes_nothing_public_keeps_a_rejected_pledge_rejected(client):
    pledge = PledgeFactory(status=Pledge.Status.REJECTED, rejection_reason="Too vague")
    client.force_login(pledge.author)

    response = client.post(
        reverse("pledges:edit", args=[pledge.pk]), edit_data(pledge, show_name="on"), follow=True
    )

    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.REJECTED
    assert pledge.show_name
    assert "Your pledge has been updated." in response.content.decode()


def test_follow_up_with_the_same_answers_keeps_approved_lessons(client):
    pledge = CompletedPledgeFactory()
    client.force_login(pledge.author)
    answers = {
        name: getattr(pledge, name)
        for name in ("aar_planned", "aar_actual", "aar_difference", "aar_next")
    }

    client.post(reverse("pledges:follow-up", args=[pledge.pk]), {"outcome": "partly", **answers})

    pledge.refresh_from_db()
    assert pledge.outcome == Pledge.Outcome.PARTLY
    assert pledge.lessons_status == Pledge.LessonsStatus.APPROVED
    assert pledge in Pledge.objects.with_lessons()


def test_follow_up_that_clears_the_answers_withdraws_the_lessons(client):
    pledge = CompletedPledgeFactory()
    client.force_login(pledge.author)

    client.post(reverse("pledges:follow-up", args=[pledge.pk]), {"outcome": "postponed"})

    pledge.refresh_from_db()
    assert pledge.outcome == Pledge.Outcome.POSTPONED
    assert not pledge.has_lessons
    assert pledge.lessons_status == Pledge.LessonsStatus.NONE
    assert not Pledge.objects.carried_out().filter(pk=pledge.pk).exists()
