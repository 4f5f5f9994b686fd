import pytest
from django.urls import reverse

from pledges.models import Pledge
from tests.factories import UserFactory
from tests.pledges.factories import PledgeFactory
from tests.pledges.images import png

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/pledges/pledge/"


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


def test_admin_queue_lists_pending_pledges_for_organisers(organiser_client):
    PledgeFactory(title="Waiting in the queue", status=Pledge.Status.PENDING)

    response = organiser_client.get(CHANGELIST, {"status__exact": "pending"})

    assert response.status_code == 200
    assert "Waiting in the queue" in response.content.decode()


def test_admin_bulk_approve_publishes_and_emails_each_pledger(
    organiser_client, organiser, sent_mail
):
    pledges = PledgeFactory.create_batch(2, status=Pledge.Status.PENDING)

    organiser_client.post(
        CHANGELIST, {"action": "approve", "_selected_action": [p.pk for p in pledges]}
    )

    for pledge in pledges:
        pledge.refresh_from_db()
        assert pledge.status == Pledge.Status.APPROVED
        assert pledge.moderated_by == organiser and pledge.moderated_at
    assert sorted(m.to[0] for m in sent_mail()) == sorted(p.author.email for p in pledges)
    assert "is on the wall" in sent_mail()[0].subject
    assert pledges[0].get_absolute_url() in sent_mail()[0].body or (
        pledges[1].get_absolute_url() in sent_mail()[0].body
    )


def test_admin_bulk_reject_asks_for_a_reason_then_emails_it(organiser_client, sent_mail):
    pledges = PledgeFactory.create_batch(2, status=Pledge.Status.PENDING)
    selected = [p.pk for p in pledges]

    confirm = organiser_client.post(CHANGELIST, {"action": "reject", "_selected_action": selected})
    done = organiser_client.post(
        CHANGELIST,
        {
            "action": "reject",
            "_selected_action": selected,
            "apply": "1",
            "reason": "identifiable",
            "details": "Please remove the patient's initials.",
        },
    )

    assert "Reject pledges" in confirm.content.decode()
    assert done.status_code == 302
    assert set(Pledge.objects.values_list("status", flat=True)) == {"rejected"}
    assert len(sent_mail()) == 2
    assert "It could identify a patient or a colleague." in sent_mail()[0].body
    assert "Please remove the patient's initials." in sent_mail()[0].body


def test_admin_reject_without_a_reason_changes_nothing(organiser_client, sent_mail):
    pledge = PledgeFactory(status=Pledge.Status.PENDING)

    organiser_client.post(
        CHANGELIST,
        {"action": "reject", "_selected_action": [pledge.pk], "apply": "1", "reason": ""},
    )

    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.PENDING
    assert sent_mail() == []


def test_admin_delete_removes_photo_files(organiser_client, django_capture_on_commit_callbacks):
    pledge = PledgeFactory()
    pledge.photo.save("p.jpg", png(), save=False)
    pledge.photo_thumbnail.save("t.jpg", png(), save=False)
    pledge.photo_alt = "A photo"
    pledge.save()
    storage, names = pledge.photo.storage, [pledge.photo.name, pledge.photo_thumbnail.name]

    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(
            CHANGELIST,
            {"action": "delete_selected", "_selected_action": [pledge.pk], "post": "yes"},
        )

    assert not Pledge.objects.exists()
    assert not any(storage.exists(name) for name in names)


def test_pledger_edit_of_approved_text_goes_back_to_pending(client):
    pledge = PledgeFactory(status=Pledge.Status.APPROVED)
    client.force_login(pledge.author)
    data = {
        "activity": pledge.activity.slug,
        "title": "A new title",
        "text": pledge.text,
        "target_month": "2026-11",
        "effort": "medium",
        "organisation": pledge.organisation,
        "region": str(pledge.region.pk),
        "photo_alt": "",
    }

    response = client.post(reverse("pledges:edit", args=[pledge.pk]), data, follow=True)

    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.PENDING
    assert pledge.title == "A new title"
    assert "An organiser will check the changes" in response.content.decode()
    assert "A new title" not in client.get(reverse("pledges:wall")).content.decode()


def test_pledger_edit_of_consent_only_keeps_pledge_approved(client):
    pledge = PledgeFactory(status=Pledge.Status.APPROVED, show_name=True)
    client.force_login(pledge.author)
    data = {
        "activity": pledge.activity.slug,
        "title": pledge.title,
        "text": pledge.text,
        "target_month": "2026-11",
        "effort": "large",
        "organisation": pledge.organisation,
        "region": str(pledge.region.pk),
        "photo_alt": "",
    }

    client.post(reverse("pledges:edit", args=[pledge.pk]), data)

    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.APPROVED
    assert pledge.effort == "large"
    assert not pledge.show_name


def test_pledger_withdraws_and_the_photo_is_deleted(client, django_capture_on_commit_callbacks):
    pledge = PledgeFactory(title="Changed my mind", photo_alt="A photo", show_photo=True)
    pledge.photo.save("p.jpg", png(), save=False)
    pledge.photo_thumbnail.save("t.jpg", png(), save=True)
    storage, names = pledge.photo.storage, [pledge.photo.name, pledge.photo_thumbnail.name]
    client.force_login(pledge.author)

    confirm = client.get(reverse("pledges:withdraw", args=[pledge.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("pledges:withdraw", args=[pledge.pk]))

    pledge.refresh_from_db()
    assert "You cannot undo this" in confirm.content.decode()
    assert pledge.status == Pledge.Status.WITHDRAWN
    assert not pledge.photo
    assert not any(storage.exists(name) for name in names)
    assert list(client.get(reverse("pledges:wall")).context["pledges"]) == []
    assert client.get(reverse("pledges:edit", args=[pledge.pk])).status_code == 404


def test_someone_else_cannot_withdraw_a_pledge(client):
    pledge = PledgeFactory()
    client.force_login(UserFactory())

    response = client.post(reverse("pledges:withdraw", args=[pledge.pk]))

    pledge.refresh_from_db()
    assert response.status_code == 404
    assert pledge.status == Pledge.Status.APPROVED
