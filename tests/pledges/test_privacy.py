import json

import pytest

from pledges.models import Pledge
from pledges.privacy import erase_user_data, export_user_data
from tests.factories import UserFactory
from tests.pledges.factories import CompletedPledgeFactory, PledgeFactory
from tests.pledges.images import png

pytestmark = pytest.mark.django_db


def _with_photo(pledge):
    pledge.photo.save("p.jpg", png(), save=False)
    pledge.photo_thumbnail.save("t.jpg", png(), save=False)
    pledge.photo_alt = "A photo"
    pledge.save()
    return pledge


def test_export_includes_every_pledge_with_moderation_and_follow_up():
    user = UserFactory()
    done = _with_photo(CompletedPledgeFactory(author=user, title="Done one"))
    PledgeFactory(
        author=user, title="Rejected one", status="rejected", rejection_reason="Too vague"
    )
    PledgeFactory(title="Someone else's")

    data = export_user_data(user)

    json.dumps(data)  # serialisable as it is
    by_title = {p["title"]: p for p in data["pledges"]}
    assert set(by_title) == {"Done one", "Rejected one"}
    assert by_title["Rejected one"]["status"] == "rejected"
    assert by_title["Rejected one"]["rejection_reason"] == "Too vague"
    assert by_title["Done one"]["follow_up"]["outcome"] == "done"
    assert by_title["Done one"]["follow_up"]["why_the_difference"] == done.aar_difference
    assert by_title["Done one"]["photo_url"] == done.photo.url


def test_erase_deletes_pledges_and_photo_files(django_capture_on_commit_callbacks):
    user = UserFactory()
    pledge = _with_photo(PledgeFactory(author=user))
    moderated = PledgeFactory(moderated_by=user)
    kept = PledgeFactory()
    storage, names = pledge.photo.storage, [pledge.photo.name, pledge.photo_thumbnail.name]

    with django_capture_on_commit_callbacks(execute=True):
        erase_user_data(user)

    assert not Pledge.objects.filter(author=user).exists()
    assert not any(storage.exists(name) for name in names)
    moderated.refresh_from_db()
    assert moderated.moderated_by is None
    assert Pledge.objects.filter(pk=kept.pk).exists()
