"""Every admin action states who may run it, and view-only staff can run none of them."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from community.models import Subscription
from events.models import Event, Registration
from knowvember.models import OutboundEmail
from news.models import Post
from pledges.models import Pledge, TeamMember
from showcases.models import Showcase
from tests.community.factories import SubscribedFactory
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import UserFactory
from tests.mail import delivered_mail
from tests.news.factories import PostFactory
from tests.pledges.factories import PledgeFactory
from tests.showcases.factories import ShowcaseFactory

pytestmark = pytest.mark.django_db

# Django's own bulk delete checks the delete permission itself.
PERMISSION_CHECKED_BY_DJANGO = {"delete_selected"}


def waiting_list_event():
    """An event with a free place and someone waiting for one."""
    event = EventFactory(capacity=2)
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status=Registration.Status.WAITING)
    return event


# One object to select for each model that has actions (a new model with actions must be added).
OBJECT_FOR = {
    Event: lambda: waiting_list_event(),
    Registration: lambda: RegistrationFactory(),
    Pledge: lambda: PledgeFactory(status=Pledge.Status.PENDING),
    Showcase: lambda: ShowcaseFactory(is_published=False),
    Subscription: lambda: SubscribedFactory(),
    EmailAddress: lambda: UserFactory(verified=False).emailaddress_set.get(),
    OutboundEmail: lambda: OutboundEmail.objects.create(
        to="reader@example.nhs.uk",
        from_email="knowvember@example.nhs.uk",
        kind="events.confirmed",
        subject="KNOWvember: your place",
        status=OutboundEmail.Status.GIVEN_UP,
        give_up_at=timezone.now(),
    ),
    Post: lambda: PostFactory(),
    TeamMember: lambda: TeamMember.objects.create(
        pledge=PledgeFactory(team_name="Library team"),
        user=UserFactory(),
        status=TeamMember.Status.ACCEPTED,
        lesson="Book the room early.",
        lesson_status=TeamMember.LessonStatus.PENDING,
    ),
}


def registered_actions():
    """(model, action name, action function) for every action of every registered ModelAdmin."""
    for model, model_admin in admin.site._registry.items():
        for action in model_admin._get_base_actions():
            if action.name not in PERMISSION_CHECKED_BY_DJANGO:
                yield model, action.name, action.func


ACTIONS = list(registered_actions())


def test_every_admin_action_declares_the_permissions_it_needs():
    undeclared = [
        f"{model._meta.label}.{name}"
        for model, name, func in ACTIONS
        if not getattr(func, "allowed_permissions", None)
    ]

    assert undeclared == []


@pytest.fixture
def view_only_client(client):
    """Staff with every view permission and nothing else: may look, may not act."""
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    client.force_login(viewer)
    return client


def snapshot():
    """Every row of every model the admin shows, so any change shows up."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in admin.site._registry
    }


@pytest.mark.parametrize(
    ("model", "action"),
    [(m, n) for m, n, _ in ACTIONS],
    ids=[f"{m.__name__}.{n}" for m, n, _ in ACTIONS],
)
def test_view_only_staff_are_refused_every_admin_action(view_only_client, model, action):
    chosen = OBJECT_FOR[model]()
    changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    before = snapshot()
    delivered_mail().clear()

    page = view_only_client.get(changelist)
    response = view_only_client.post(
        changelist, {"action": action, ACTION_CHECKBOX_NAME: [chosen.pk], "index": 0}
    )

    assert page.status_code == 200
    assert f'value="{action}"' not in page.content.decode()
    assert "attachment" not in response.get("Content-Disposition", "")
    assert response.status_code in (200, 302)
    assert snapshot() == before
    assert delivered_mail() == []
