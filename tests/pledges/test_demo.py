import pytest
from django.core.management import call_command

from pledges.models import Activity, Pledge
from tests.factories import UserFactory
from tests.pledges.factories import PledgeFactory

pytestmark = pytest.mark.django_db


def test_fresh_database_has_the_technique_taxonomy():
    stages = set(Activity.objects.values_list("stage", flat=True))

    assert Activity.objects.filter(slug="randomised-coffee-trials").exists()
    assert stages == {"before", "during", "after"}
    assert Activity.objects.count() >= 13


def test_content_spreads_pledges_over_every_edition_and_is_idempotent():
    call_command("load_demo", stdout=None)
    first = Pledge.objects.count()
    call_command("load_demo", stdout=None)

    assert first == Pledge.objects.count() >= 40
    per_edition = {year: Pledge.objects.filter(campaign__year=year).count() for year in
                   (2018, 2019, 2020, 2021, 2022, 2026)}  # fmt: skip
    assert all(count >= 6 for count in per_edition.values()), per_edition
    assert Pledge.objects.values("region").distinct().count() == 8
    assert Pledge.objects.values("activity").distinct().count() == Activity.objects.count()
    # Nobody's real address: every account is on a domain that receives no mail.
    assert all(p.author.email.endswith("@example.nhs.uk") for p in Pledge.objects.all())


def test_current_edition_pledges_are_not_yet_followed_up_and_some_wait_for_approval():
    call_command("load_demo", stdout=None)

    current = Pledge.objects.filter(campaign__is_current=True)
    assert current.filter(status=Pledge.Status.PENDING).count() >= 2
    assert not current.exclude(follow_up_emailed_at=None).exists()
    past = Pledge.objects.filter(campaign__is_current=False, status=Pledge.Status.APPROVED)
    assert not past.filter(follow_up_emailed_at=None).exists()


def test_loading_removes_the_numbered_pledgers_an_earlier_version_made():
    old = UserFactory(email="demo.pledger3@example.nhs.uk")
    PledgeFactory(author=old, title="Host a knowledge café with the outreach team")

    call_command("load_demo", stdout=None)

    assert not Pledge.objects.filter(title__endswith="with the outreach team").exists()
    assert not type(old).objects.filter(pk=old.pk).exists()


def test_content_has_team_pledges_with_members_and_the_first_lessons_digests(client):
    from community.models import Digest
    from pledges.models import TeamMember

    call_command("load_demo", stdout=None)
    call_command("load_demo", stdout=None)

    teams = Pledge.objects.exclude(team_name="")
    assert teams.count() == 3
    assert TeamMember.objects.accepted().count() == 6
    assert not TeamMember.objects.exclude(status=TeamMember.Status.ACCEPTED).exists()
    coffee = teams.get(team_name="Library team, a community health trust")
    assert (
        "Library team, a community health trust, 3 people"
        in client.get(coffee.get_absolute_url()).content.decode()
    )
    pledge = teams.get(team_name__startswith="Knowledge and library team")
    assert (
        "A two-minute slide on remote access"
        in client.get(pledge.get_absolute_url()).content.decode()
    )
    digests = list(Digest.objects.sent())
    # Week 45: two After Action Reviews and two team members' own lessons.
    assert [(d.iso_week, d.lesson_count) for d in digests] == [(46, 1), (45, 4)]
    archive = client.get("/community/digests/").content.decode()
    assert "Lessons learned, week 45 of 2026" in archive
    page = client.get(digests[1].get_absolute_url()).content.decode()
    assert "Repeat the self-assessment and compare with five years ago" in page
    assert "a team member’s lesson" in page
