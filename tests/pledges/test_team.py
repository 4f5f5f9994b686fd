"""Team pledges: invitations by signed link, what is shown, counts, leaving without residue."""

import datetime
import re

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from knowvember.models import OutboundEmail
from pledges import services
from pledges.models import Pledge, TeamMember
from pledges.stats import edition_statistics
from tests.accounts.test_privacy import reauthenticate, rows_mentioning, sign_in
from tests.factories import CampaignFactory, RegionFactory, UserFactory
from tests.html import text_of
from tests.pledges.factories import ActivityFactory, PledgeFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/pledges/invitations/(\S+)/")


def invite(pledge, *emails):
    return services.team_member_invite(pledge=pledge, emails=list(emails))


def team_pledge(**kwargs):
    kwargs.setdefault("team_name", "Library team, a community trust")
    return PledgeFactory(**kwargs)


def invitation_path(message) -> str:
    token = LINK.search(message.body).group(1)
    return reverse("pledges:invitation", args=[token])


def accept(client, path, **choices):
    return client.post(path, {"action": "accept", **{k: "on" for k, v in choices.items() if v}})


def test_a_team_pledge_invites_each_address_once_when_it_is_approved(client, sent_mail):
    CampaignFactory(is_current=True)
    ActivityFactory(slug="knowledge-cafe")
    region = RegionFactory(slug="london")
    pledger = UserFactory(email="lead@example.nhs.uk")
    client.force_login(pledger)

    response = client.post(
        reverse("pledges:create"),
        {
            "submission_key": "6f1c1f5e-8d1e-4a53-9c35-2b0b3f6bb001",
            "activity": "knowledge-cafe",
            "title": "Run a knowledge café with the library team",
            "text": "An hour for the whole team on what we learn from enquiries.",
            "target_month": timezone.localdate().strftime("%Y-%m"),
            "effort": "small",
            "region": region.pk,
            "team_name": "Library team, a community trust",
            "team_emails": "Amira.Khan@example.nhs.uk\namira.khan@example.nhs.uk, "
            "tomos.evans@example.nhs.uk; lead@example.nhs.uk",
        },
    )

    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert pledge.team_name == "Library team, a community trust"
    assert sorted(pledge.members.values_list("email", flat=True)) == [
        "amira.khan@example.nhs.uk",
        "tomos.evans@example.nhs.uk",
    ]
    # Nobody is emailed words that no organiser has read: the invitations wait for approval.
    assert not [m for m in sent_mail() if "invited to join a team pledge" in m.subject]
    team_page = text_of(client.get(reverse("pledges:team", args=[pledge.pk])))
    assert "amira.khan@example.nhs.uk, invitation sent once your pledge is approved" in team_page

    services.pledge_approve(pledges=Pledge.objects.all(), moderator=UserFactory(is_staff=True))

    invitations = [m for m in sent_mail() if "invited to join a team pledge" in m.subject]
    assert sorted(m.to[0] for m in invitations) == [
        "amira.khan@example.nhs.uk",
        "tomos.evans@example.nhs.uk",
    ]
    assert "Library team, a community trust" in invitations[0].body
    assert "within 14 days" in invitations[0].body
    services.pledge_approve(pledges=Pledge.objects.all(), moderator=UserFactory(is_staff=True))
    assert len([m for m in sent_mail() if "invited to join" in m.subject]) == 2


def test_team_emails_need_a_team_name_and_real_addresses(user_client):
    CampaignFactory(is_current=True)
    ActivityFactory(slug="knowledge-cafe")

    response = user_client.post(
        reverse("pledges:create"),
        {"activity": "knowledge-cafe", "team_emails": "not-an-address\nok@example.nhs.uk"},
    )

    assert response.status_code == 400
    page = text_of(response)
    assert "“not-an-address” is not an email address" in page
    assert not Pledge.objects.exists()


def test_inviting_the_same_person_twice_makes_one_invitation_and_one_email(client, sent_mail):
    pledge = team_pledge()
    client.force_login(pledge.author)
    team_url = reverse("pledges:team", args=[pledge.pk])

    first = client.post(team_url, {"emails": "priya.shah@example.nhs.uk"})
    second = client.post(team_url, {"emails": "Priya.Shah@example.nhs.uk"})

    assert first.status_code == second.status_code == 302
    assert pledge.members.count() == 1
    assert len([m for m in sent_mail() if m.to == ["priya.shah@example.nhs.uk"]]) == 1
    assert "already been invited" in text_of(client.get(team_url))


def test_accepting_signs_in_on_the_way_and_forgets_the_address(client, sent_mail):
    pledge = team_pledge()
    invite(pledge, "sam.okafor@example.nhs.uk")
    path = invitation_path(sent_mail()[-1])
    member = UserFactory(email="sam.okafor@example.nhs.uk", name="Sam Okafor")

    page = client.get(path)
    signed_out_accept = accept(client, path)

    assert page.status_code == 200
    assert "Sign in to accept" in text_of(page)
    assert signed_out_accept.status_code == 302
    login_url = signed_out_accept["Location"]
    assert login_url.startswith(reverse("account_login")) and "next=" in login_url
    sign_in(client, member)
    joined = accept(client, path, show_name=True)

    assert joined.status_code == 302
    assert joined["Location"] == reverse("pledges:team", args=[pledge.pk])
    row = pledge.members.get()
    assert row.status == TeamMember.Status.ACCEPTED and row.user == member
    assert row.email == "" and row.show_name and not row.show_organisation
    assert not OutboundEmail.objects.filter(to="sam.okafor@example.nhs.uk").exists()
    assert "You have joined the team" in text_of(client.get(joined["Location"]))
    again = client.get(path)
    assert again.status_code == 410
    assert "This invitation is no longer open" in text_of(again)


def test_an_invited_address_with_an_account_gets_the_same_email_and_page(client, sent_mail):
    UserFactory(email="has.account@example.nhs.uk", name="Has Account")
    pledge = team_pledge()
    invite(pledge, "has.account@example.nhs.uk", "no.account@example.nhs.uk")
    by_address = {m.to[0]: m for m in sent_mail()}
    known, unknown = (
        by_address["has.account@example.nhs.uk"],
        by_address["no.account@example.nhs.uk"],
    )

    def without_links(text):
        return LINK.sub("LINK", text)

    assert without_links(known.body) == without_links(unknown.body)
    assert known.subject == unknown.subject
    pages = [text_of(client.get(invitation_path(m))) for m in (known, unknown)]
    assert pages[0] == pages[1]
    assert "Has Account" not in pages[0] and "has.account" not in pages[0]


def test_declining_needs_no_account_and_leaves_nobody_behind(client, sent_mail):
    pledge = team_pledge()
    invite(pledge, "declines@example.nhs.uk")
    path = invitation_path(sent_mail()[-1])

    response = client.post(path, {"action": "decline"})

    assert response.status_code == 200
    assert "You have declined the invitation" in text_of(response)
    row = pledge.members.get()
    assert row.status == TeamMember.Status.DECLINED and row.email == "" and row.user is None
    assert not OutboundEmail.objects.filter(to="declines@example.nhs.uk").exists()
    assert client.post(path, {"action": "accept"}).status_code == 410


def test_an_expired_link_says_so_and_the_address_is_forgotten(client, sent_mail):
    pledge = team_pledge()
    invite(pledge, "late@example.nhs.uk")
    path = invitation_path(sent_mail()[-1])

    with time_machine.travel(timezone.now() + datetime.timedelta(days=15)):
        response = client.get(path)
        call_command("expire_team_invitations", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert response.status_code == 410
    assert "This invitation has expired" in text_of(response)
    assert not pledge.members.exists()
    assert not OutboundEmail.objects.filter(to="late@example.nhs.uk").exists()


def test_a_broken_link_is_a_clear_400(client):
    response = client.get(reverse("pledges:invitation", args=["not-a-real-token"]))

    assert response.status_code == 400
    assert "This link does not work" in text_of(response)


def test_nobody_is_shown_before_they_accept_and_then_only_what_they_chose(client, sent_mail):
    pledge = team_pledge(show_name=False)
    invitee = UserFactory(email="nadia.hussain@example.nhs.uk", name="Nadia Hussain")
    shy = UserFactory(email="shy@example.nhs.uk", name="Quiet Colleague", organisation="Trust")
    invite(pledge, invitee.email, shy.email)
    paths = {m.to[0]: invitation_path(m) for m in sent_mail()}

    before = text_of(client.get(pledge.get_absolute_url()))
    wall_before = text_of(client.get(reverse("pledges:wall")))

    assert "Nadia Hussain" not in before and "nadia.hussain" not in before
    assert "1 person" in before
    assert "1 pledge from 1 person" in wall_before
    client.force_login(invitee)
    accept(client, paths[invitee.email], show_name=True)
    client.force_login(shy)
    accept(client, paths[shy.email])
    client.logout()
    after = text_of(client.get(pledge.get_absolute_url()))
    wall_after = text_of(client.get(reverse("pledges:wall")))

    assert "Nadia Hussain" in after
    assert "Quiet Colleague" not in after
    assert "Library team, a community trust, 3 people" in after
    assert "1 pledge from 3 people" in wall_after
    assert "Library team, a community trust (3 people)" in wall_after


@pytest.mark.parametrize("members", [0, 4])
def test_wall_query_count_does_not_grow_with_team_members(
    client, members, django_assert_num_queries
):
    pledge = team_pledge()
    for user in UserFactory.create_batch(members):
        TeamMember.objects.create(pledge=pledge, user=user, status="accepted")

    with django_assert_num_queries(5):
        response = client.get(reverse("pledges:wall"))

    assert response.context["pledges"][0].people == members + 1


def test_any_member_records_the_outcome_once_and_adds_their_own_lesson(client):
    pledge = team_pledge(target_month=datetime.date(2025, 11, 1))
    member = UserFactory(name="Grace Adeyemi")
    TeamMember.objects.create(pledge=pledge, user=member, status="accepted", show_name=True)
    client.force_login(member)

    outcome = client.post(
        reverse("pledges:follow-up", args=[pledge.pk]),
        {
            "outcome": "done",
            "aar_planned": "The whole team would meet for an hour.",
            "aar_actual": "Six of us met; two covered the enquiry desk.",
            "aar_difference": "The desk still needed staff.",
            "aar_next": "Hold it before the library opens.",
        },
    )
    lesson = client.post(
        reverse("pledges:team", args=[pledge.pk]),
        {"show_name": "on", "lesson": "Ask the assistants to lead the second half."},
    )

    assert outcome.status_code == lesson.status_code == 302
    pledge.refresh_from_db()
    assert pledge.outcome == "done"
    assert edition_statistics(pledge.campaign)["stage"]["rows"][1]["completed"] is None  # 1 < 5
    row = pledge.members.get()
    assert row.lesson_status == TeamMember.LessonStatus.PENDING
    assert "Ask the assistants" not in text_of(client.get(pledge.get_absolute_url()))
    services.member_lessons_approve(members=TeamMember.objects.all())
    page = text_of(client.get(pledge.get_absolute_url()))
    assert "Ask the assistants to lead the second half." in page
    assert "Grace Adeyemi" in page


def test_an_outsider_cannot_open_the_team_page(user_client):
    pledge = team_pledge()
    assert user_client.get(reverse("pledges:team", args=[pledge.pk])).status_code == 404


def test_leaving_takes_the_person_and_their_lesson_and_keeps_the_pledge(client):
    pledge = team_pledge()
    leaver = UserFactory(email="leaver@example.nhs.uk", name="Olu Leaver")
    TeamMember.objects.create(
        pledge=pledge, user=leaver, status="accepted", show_name=True, lesson="Olu learned a lot"
    )
    client.force_login(leaver)

    response = client.post(reverse("pledges:leave-team", args=[pledge.pk]))

    assert response.status_code == 302
    assert Pledge.objects.filter(pk=pledge.pk, status=Pledge.Status.APPROVED).exists()
    assert not TeamMember.objects.exists()
    assert "Olu" not in text_of(client.get(pledge.get_absolute_url()))


def test_deleting_the_pledgers_account_passes_the_team_pledge_on_with_no_residue(client):
    author = UserFactory(email="lead.pledger@example.nhs.uk", name="Lead Pledger")
    pledge = team_pledge(author=author, show_name=True, title="Teach literature searching")
    heir = UserFactory(name="Next Person")
    TeamMember.objects.create(pledge=pledge, user=heir, status="accepted", show_name=False)
    invite(pledge, "still.waiting@example.nhs.uk")
    other = team_pledge(title="Someone else's team")
    TeamMember.objects.create(pledge=other, user=author, status="accepted", lesson="Lead's lesson")
    invite(team_pledge(), "lead.pledger@example.nhs.uk")
    author_id = author.pk
    sign_in(client, author)
    reauthenticate(client)

    response = client.post(reverse("accounts:delete"), {"confirm": "on"})

    assert response.status_code == 302
    assert rows_mentioning(author_id, "lead.pledger@example.nhs.uk", "Lead Pledger") == []
    pledge.refresh_from_db()
    assert pledge.author == heir and not pledge.show_name
    assert pledge.status == Pledge.Status.APPROVED
    assert Pledge.objects.filter(title="Someone else's team").exists()
    assert not TeamMember.objects.filter(lesson="Lead's lesson").exists()


def test_stats_count_people_and_pledges_with_team_pledges_mixed_in(client):
    campaign = CampaignFactory(is_current=True)
    london, north = RegionFactory(slug="london", name="London"), RegionFactory(slug="north")
    midlands = RegionFactory(slug="midlands", name="Midlands")
    activity = ActivityFactory(slug="after-action-review")
    PledgeFactory.create_batch(5, campaign=campaign, region=london, activity=activity)
    PledgeFactory.create_batch(5, campaign=campaign, region=midlands, activity=activity)
    team = team_pledge(campaign=campaign, region=london, activity=activity)
    for user in UserFactory.create_batch(3):
        TeamMember.objects.create(pledge=team, user=user, status="accepted")
    invite(team, "not.yet@example.nhs.uk")  # invited people are not counted
    TeamMember.objects.create(pledge=team, status="declined")
    small = team_pledge(campaign=campaign, region=north, activity=activity)
    TeamMember.objects.create(pledge=small, user=UserFactory(), status="accepted")

    stats = edition_statistics(campaign)
    page = text_of(client.get(reverse("pledges:stats")))

    rows = {row["label"]: row for row in stats["region"]["rows"]}
    assert rows["London"]["pledges"] == 6 and rows["London"]["people"] == 9
    # 1 pledge from 2 people in the north: both hidden, and so the next smallest cell too,
    # or the total would give the north away
    assert rows[north.name]["pledges"] is None and rows[north.name]["people"] is None
    assert rows["Midlands"]["pledges"] is None and rows["Midlands"]["people"] is None
    assert stats["region"]["total_pledges"] == 12 and stats["region"]["total_people"] == 16
    [technique] = [r for r in stats["technique"]["rows"] if r["label"] == activity.name]
    assert technique["pledges"] == 12 and technique["people"] == 16
    assert "12 pledges from 16 people" in page


def test_withdrawing_a_team_pledge_others_joined_means_leaving_it_to_them(client):
    pledge = team_pledge()
    heir = UserFactory()
    TeamMember.objects.create(pledge=pledge, user=heir, status="accepted")
    client.force_login(pledge.author)

    page = client.get(reverse("pledges:withdraw", args=[pledge.pk]), follow=True)
    left = client.post(reverse("pledges:leave-team", args=[pledge.pk]))

    assert "passes to the person who joined the team first" in text_of(page)
    assert left.status_code == 302
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.APPROVED and pledge.author == heir
    assert not pledge.members.exists()


def test_someone_new_creates_an_account_on_the_way_and_comes_back_to_accept(client, sent_mail):
    from tests.accounts.test_signup_and_login import SIGNUP, confirmation_link

    pledge = team_pledge()
    invite(pledge, "new.librarian@example.nhs.uk")
    path = invitation_path(sent_mail()[-1])
    page = client.get(path)
    signup_url = re.search(r'href="([^"]*signup[^"]*)"', page.content.decode())[1]

    signed_up = client.post(signup_url.replace("&amp;", "&"), SIGNUP)
    confirmed = client.post(confirmation_link(sent_mail()[-1]))
    back = client.get(confirmed["Location"])
    joined = accept(client, path)

    assert signed_up.status_code == 302
    assert confirmed["Location"] == path
    assert "Accept and join the team" in back.content.decode()
    assert joined.status_code == 302
    assert pledge.members.get().user.email == "new.librarian@example.nhs.uk"


def test_invitations_to_a_pledge_waiting_for_an_organiser_are_sent_on_approval(client, sent_mail):
    pledge = team_pledge(status=Pledge.Status.PENDING)
    client.force_login(pledge.author)
    team_url = reverse("pledges:team", args=[pledge.pk])

    response = client.post(team_url, {"emails": "priya.shah@example.nhs.uk"}, follow=True)

    assert "We will email 1 person a link to join your team pledge once it is approved." in (
        text_of(response)
    )
    assert not [m for m in sent_mail() if m.to == ["priya.shah@example.nhs.uk"]]
    assert not TeamMember.objects.expired(now=timezone.now() + datetime.timedelta(days=60))

    services.pledge_approve(pledges=Pledge.objects.all(), moderator=UserFactory(is_staff=True))

    [invitation] = [m for m in sent_mail() if m.to == ["priya.shah@example.nhs.uk"]]
    assert client.get(invitation_path(invitation)).status_code == 200
