"""Community pages: sign-up and confirm pages, the admin list and the CSV export, at 10 and
10,000 subscribers, and the lessons digest archive. Query counts must not grow with the list."""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from accounts.models import User
from accounts.permissions import ORGANISERS_GROUP
from benchmarks.harness import measure_get, report
from community.models import ConsentWording, Digest, Subscription
from community.tokens import confirm_token


def _add_subscribers(count: int, start: int) -> None:
    wording = ConsentWording.objects.current()
    now = timezone.now()
    statuses = [
        Subscription.Status.SUBSCRIBED,
        Subscription.Status.PENDING,
        Subscription.Status.UNSUBSCRIBED,
    ]
    Subscription.objects.bulk_create(
        Subscription(
            email=f"member{n}@example.nhs.uk",
            name=f"Member {n}",
            role="Knowledge specialist",
            organisation="Example NHS Foundation Trust",
            consent_wording=wording,
            status=statuses[n % 3],
            signed_up_at=now,
            signup_ip="192.0.2.1",
            confirmed_at=now if n % 3 != 1 else None,
            unsubscribed_at=now if n % 3 == 2 else None,
        )
        for n in range(start, start + count)
    )


def _signed_in(email: str, *, staff: bool = False) -> Client:
    user = User.objects.create_user(email=email, is_staff=staff)  # force_login: no password
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    if staff:
        user.groups.add(Group.objects.get(name=ORGANISERS_GROUP))
    client = Client()
    client.force_login(user)
    return client


def run():
    waiting = Subscription.objects.create(
        email="waiting@example.nhs.uk",
        name="Waiting Member",
        role="Library assistant",
        organisation="Example NHS Foundation Trust",
        consent_wording=ConsentWording.objects.current(),
    )
    member = _signed_in("signed.in@example.nhs.uk")
    organiser = _signed_in("organiser.bench@example.nhs.uk", staff=True)
    confirm_url = f"/community/confirm/{confirm_token(waiting)}/"

    for label, count in [("10", 10), ("10,000", 9_990)]:
        _add_subscribers(count, start=Subscription.objects.count())
        report(f"community sign-up page, {label} subs", **measure_get("/community/"))
        report(
            f"community page signed in, {label} subs",
            **measure_get("/community/", client=member),
        )
        report(f"confirm page, {label} subs", **measure_get(confirm_url))
        report(
            f"admin subscriber list, {label} subs",
            **measure_get("/admin/community/subscription/", client=organiser, repeat=10),
        )
        report(
            f"CSV export, {label} subs",
            **measure_get("/admin/community/subscription/export.csv", client=organiser, repeat=5),
        )

    # The weekly lessons digest archive: a year of weeks against ten years.
    for label, weeks in [("52", range(52)), ("520", range(52, 520))]:
        Digest.objects.bulk_create(
            Digest(
                week=datetime.date(2016, 1, 4) + datetime.timedelta(weeks=n),
                lesson_count=n % 4,
                recipient_count=300,
            )
            for n in weeks
        )
        report(f"digest archive, {label} weeks", **measure_get("/community/digests/"))
