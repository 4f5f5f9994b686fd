import datetime
import re

import pytest

from pledges.models import Pledge, TeamMember
from pledges.services import pledge_approve
from tests.browser.conftest import press_button, tab_to, type_by_keyboard
from tests.browser.conftest import sign_in as sign_in_to_dashboard
from tests.factories import PASSWORD, CampaignFactory, RegionFactory, UserFactory
from tests.mail import delivered_mail
from tests.pledges.factories import ActivityFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_keyboard_only_team_pledge_and_accepting_the_invitation(page, axe):
    CampaignFactory(name="KNOWvember26", year=2026, is_current=True)
    london = RegionFactory(slug="london", name="London")
    ActivityFactory(slug="knowledge-cafe", name="Knowledge café")
    pledger = UserFactory(region=london, name="Ruth Mensah")
    invitee = UserFactory(email="daniel.price@example.nhs.uk", name="Daniel Price")
    sign_in_to_dashboard(page, pledger, PASSWORD)

    page.goto("/pledges/new/?activity=knowledge-cafe")
    type_by_keyboard(
        page,
        {
            "#id_title": "Knowledge café with the library assistants",
            "#id_text": "An hour before opening to share what we learn from enquiries.",
            "#id_team_name": "Library team, a community trust",
            "#id_team_emails": "daniel.price@example.nhs.uk",
        },
    )
    axe(page)
    press_button(page, "main form button.nhsuk-button:not(.nhsuk-button--secondary)")
    page.wait_for_url("**/my/")
    assert "They are not shown anywhere until they accept" in page.locator("main").inner_text()
    axe(page)
    pledge = Pledge.objects.get()
    assert pledge.team_name == "Library team, a community trust"
    press_button(page, "main a:text('Your team')")
    page.wait_for_url(f"**/pledges/{pledge.pk}/team/")
    assert "daniel.price@example.nhs.uk" in page.locator("main").inner_text()
    axe(page)

    assert not [m for m in delivered_mail() if m.to == [invitee.email]]
    pledge_approve(pledges=Pledge.objects.all(), moderator=UserFactory(is_staff=True))

    [invitation] = [m for m in delivered_mail() if m.to == [invitee.email]]
    path = re.search(r"/pledges/invitations/\S+/", invitation.body).group(0)
    page.context.clear_cookies()  # the invited person, on their own computer
    page.goto(path)
    assert "Join the team pledge" in page.locator("h1").inner_text()
    axe(page)
    press_button(page, "main a:text('Sign in to accept')")
    page.wait_for_url("**/accounts/login/**")
    type_by_keyboard(page, {"#id_login": invitee.email, "#id_password": PASSWORD})
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{path}")
    axe(page)
    tab_to(page, "#id_show_name")
    page.keyboard.press("Space")
    press_button(page, "main button[value=accept]")
    page.wait_for_url(f"**/pledges/{pledge.pk}/team/")

    assert "You have joined the team" in page.locator("main").inner_text()
    axe(page)
    member = TeamMember.objects.get()
    assert member.user == invitee and member.show_name and member.email == ""


def test_digest_archive_and_a_digest_have_no_axe_violations(page, axe):
    from community.models import Digest
    from community.services import digest_send
    from tests.pledges.factories import CompletedPledgeFactory

    CompletedPledgeFactory(
        title="Retrospect on moving the library to a new building",
        lessons_moderated_at=datetime.datetime(2026, 11, 18, 12, tzinfo=datetime.UTC),
    )
    digest_send(week=datetime.date(2026, 11, 16))

    page.goto("/community/digests/")
    axe(page)
    press_button(page, "main a:text('Lessons learned, week 47 of 2026')")
    page.wait_for_url(f"**{Digest.objects.get().get_absolute_url()}")
    assert "Retrospect on moving the library" in page.locator("main").inner_text()
    axe(page)
