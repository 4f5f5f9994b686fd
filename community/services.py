"""Joining and leaving the mailing list: each step changes the consent record and sends mail."""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from community.models import ConsentEvent, ConsentWording, Digest, Subscription, normalise_email
from community.tokens import (
    CONFIRM_MAX_AGE,
    confirm_token,
    digest_unsubscribe_token,
    unsubscribe_token,
)
from knowvember.emails import queue_email
from knowvember.features import collect_lessons

# A second submit within this gap (a double click, an impatient refresh) sends no second email.
RESEND_MIN_GAP = datetime.timedelta(minutes=2)
PENDING_RETENTION = datetime.timedelta(days=settings.COMMUNITY_PENDING_RETENTION_DAYS)
UNSUBSCRIBED_RETENTION = datetime.timedelta(days=settings.COMMUNITY_UNSUBSCRIBED_RETENTION_DAYS)


def unsubscribe_url(subscription: Subscription) -> str:
    return settings.SITE_URL + reverse(
        "community:unsubscribe", kwargs={"token": unsubscribe_token(subscription)}
    )


def digest_unsubscribe_url(subscription: Subscription) -> str:
    return settings.SITE_URL + reverse(
        "community:digest-unsubscribe", kwargs={"token": digest_unsubscribe_token(subscription)}
    )


def subscriber_email(
    *, subscription: Subscription, subject: str, template: str, context=None, unsubscribe=None
):
    """Queue an email to one address, with an unsubscribe link and RFC 8058 one-click headers
    (to leave the list, or `unsubscribe`, another link, for mail that is only part of it).

    The outbox does not send list mail to an address that bounced or complained.
    """
    link = unsubscribe or unsubscribe_url(subscription)
    return queue_email(
        to=subscription.email,
        subject=subject,
        template=template,
        about=subscription,
        context={"subscription": subscription, "unsubscribe_url": link} | (context or {}),
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def confirmation_send(*, subscription: Subscription) -> None:
    """Queue the confirm link (the outbox retries it through an outage) and note when."""
    link = settings.SITE_URL + reverse(
        "community:confirm", kwargs={"token": confirm_token(subscription)}
    )
    subscriber_email(
        subscription=subscription,
        subject="confirm you want to join the community of practice",
        template="community/email/confirm.txt",
        context={"confirm_url": link, "valid_days": CONFIRM_MAX_AGE.days},
    )
    subscription.confirmation_attempted_at = timezone.now()
    Subscription.objects.filter(pk=subscription.pk).update(
        confirmation_attempted_at=subscription.confirmation_attempted_at
    )


def subscription_request(
    *,
    email: str,
    name: str,
    role: str,
    organisation: str,
    region,
    user,
    ip: str,
    digest_wording: ConsentWording | None = None,
) -> None:
    """Record a request to join and email a confirm link; the outcome is never shown.

    Every request is kept as a consent event. A new address becomes pending; a pending one
    (never confirmed) shows the newest request's details. Someone who is subscribed or has left
    keeps their record as it is: they are told they are on the list, or get a confirm link, and
    only confirming applies what was asked, including the digest if `digest_wording` is given.
    """
    email = normalise_email(email)
    now = timezone.now()
    wording = ConsentWording.objects.current()
    if user is not None and not user.is_authenticated:
        user = None
    details = {"name": name, "role": role, "organisation": organisation, "region": region}
    with transaction.atomic():
        subscription, created = Subscription.objects.select_for_update().get_or_create(
            email=email,
            defaults=details
            | {
                "consent_wording": wording,
                "signed_up_at": now,
                "signup_ip": ip or None,
                "user": _owner(user, email),
            },
        )
        if not created and subscription.status == Subscription.Status.PENDING:
            # Nobody has confirmed these details, so the newest request may replace them.
            for field, value in details.items():
                setattr(subscription, field, value)
            subscription.consent_wording = wording
            subscription.signed_up_at = now
            subscription.signup_ip = ip or None
        subscription.user = subscription.user or _owner(user, email)
        subscription.save()
        ConsentEvent.objects.create(
            subscription=subscription,
            kind=ConsentEvent.Kind.SIGNED_UP,
            at=now,
            ip=ip or None,
            consent_wording=wording,
            digest_consent_wording=digest_wording,
            **details,
        )
        previous_attempt = subscription.confirmation_attempted_at
        if subscription.status == Subscription.Status.UNSUBSCRIBED and (
            previous_attempt is None or previous_attempt <= subscription.unsubscribed_at
        ):
            previous_attempt = None  # the last link was for the old membership

    if subscription.status == Subscription.Status.SUBSCRIBED:
        subscriber_email(
            subscription=subscription,
            subject="you are already in the community of practice",
            template="community/email/already_subscribed.txt",
        )
    elif previous_attempt is None or now - previous_attempt >= RESEND_MIN_GAP:
        confirmation_send(subscription=subscription)


def _owner(user, email: str):
    """Link the row to the signed-in person only when the address is one they have verified."""
    if user is None:
        return None
    from allauth.account.models import EmailAddress

    if EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists():
        return user
    return None


def subscription_resend_confirmation(*, email: str) -> None:
    """Send a fresh confirm link to an address still waiting to confirm (from an expired link)."""
    subscription = Subscription.objects.filter(email=normalise_email(email)).first()
    if subscription is None or not subscription.awaits_confirmation():
        return
    last = subscription.confirmation_attempted_at
    if last is None or timezone.now() - last >= RESEND_MIN_GAP:
        confirmation_send(subscription=subscription)


def subscription_confirm(*, email: str, ip: str) -> Subscription | None:
    """Apply the request the address is waiting to confirm; confirming again changes nothing."""
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update().filter(email=normalise_email(email)).first()
        )
        if subscription is None:
            return None
        if not subscription.awaits_confirmation():
            return subscription
        request = subscription.request_awaiting_confirmation()
        if request is not None:
            for field in ("name", "role", "organisation", "region", "consent_wording"):
                setattr(subscription, field, getattr(request, field))
            subscription.signed_up_at = request.at
            subscription.signup_ip = request.ip
        subscription.status = Subscription.Status.SUBSCRIBED
        subscription.confirmed_at = timezone.now()
        subscription.confirm_ip = ip or None
        subscription.unsubscribed_at = None
        subscription.save()
        ConsentEvent.objects.create(
            subscription=subscription,
            kind=ConsentEvent.Kind.CONFIRMED,
            at=subscription.confirmed_at,
            ip=ip or None,
            consent_wording=subscription.consent_wording,
        )
        if request is not None and request.digest_consent_wording_id:
            _digest_join(subscription, wording=request.digest_consent_wording, ip=ip)
    subscriber_email(
        subscription=subscription,
        subject="welcome to the community of practice",
        template="community/email/welcome.txt",
    )
    return subscription


def subscription_unsubscribe(*, email: str, ip: str | None = None) -> Subscription | None:
    """Take an address off the list at once; leaving twice changes nothing."""
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update().filter(email=normalise_email(email)).first()
        )
        if subscription is None or subscription.status == Subscription.Status.UNSUBSCRIBED:
            return subscription
        subscription.status = Subscription.Status.UNSUBSCRIBED
        subscription.unsubscribed_at = timezone.now()
        # The digest is part of the list: leaving the list stops it too.
        subscription.digest_joined_at = None
        subscription.save(update_fields=["status", "unsubscribed_at", "digest_joined_at"])
        ConsentEvent.objects.create(
            subscription=subscription,
            kind=ConsentEvent.Kind.UNSUBSCRIBED,
            at=subscription.unsubscribed_at,
            ip=ip or None,
            consent_wording=subscription.consent_wording,
        )
    return subscription


def subscriptions_purge(*, unsubscribed_retention: datetime.timedelta = UNSUBSCRIBED_RETENTION):
    """Delete unconfirmed sign-ups older than 30 days and lapsed records past retention."""
    now = timezone.now()
    pending, _ = Subscription.objects.filter(
        status=Subscription.Status.PENDING, signed_up_at__lt=now - PENDING_RETENTION
    ).delete()
    lapsed, _ = Subscription.objects.filter(
        status=Subscription.Status.UNSUBSCRIBED, unsubscribed_at__lt=now - unsubscribed_retention
    ).delete()
    return pending, lapsed


# The weekly lessons digest


def _digest_join(subscription: Subscription, *, wording: ConsentWording, ip) -> None:
    subscription.digest_joined_at = timezone.now()
    subscription.digest_consent_wording = wording
    subscription.save(update_fields=["digest_joined_at", "digest_consent_wording"])
    ConsentEvent.objects.create(
        subscription=subscription,
        kind=ConsentEvent.Kind.DIGEST_JOINED,
        at=subscription.digest_joined_at,
        ip=ip or None,
        consent_wording=wording,
    )


def digest_join(*, subscription: Subscription, wording: ConsentWording, ip=None) -> bool:
    """A subscriber opts in to the digest with `wording`; False if they are not on the list."""
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
        if subscription.status != Subscription.Status.SUBSCRIBED:
            return False
        if subscription.digest_joined_at is None:
            _digest_join(subscription, wording=wording, ip=ip)
    return True


def digest_leave(*, subscription: Subscription, ip=None) -> None:
    """Stop the digest only: the mailing list subscription stays as it is."""
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
        if subscription.digest_joined_at is None:
            return
        subscription.digest_joined_at = None
        subscription.digest_left_at = timezone.now()
        subscription.save(update_fields=["digest_joined_at", "digest_left_at"])
        ConsentEvent.objects.create(
            subscription=subscription,
            kind=ConsentEvent.Kind.DIGEST_LEFT,
            at=subscription.digest_left_at,
            ip=ip or None,
            consent_wording=subscription.digest_consent_wording
            or ConsentWording.objects.current(ConsentWording.Kind.DIGEST),
        )


def week_of(day: datetime.date) -> datetime.date:
    """The Monday of the ISO week `day` is in."""
    return day - datetime.timedelta(days=day.weekday())


def week_bounds(monday: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The week as [start, end) in the site's time zone."""
    start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time.min))
    end = timezone.make_aware(
        datetime.datetime.combine(monday + datetime.timedelta(days=7), datetime.time.min)
    )
    return start, end


def digest_lessons(digest: Digest):
    return collect_lessons(*week_bounds(digest.week))


def digest_send(*, week: datetime.date | None = None) -> Digest | None:
    """Send one ISO week's lessons digest (by default last week's) to every subscriber who opted
    in; the outbox sends them. A week is done once: running again returns None and sends
    nothing. A week with no approved lessons is recorded as skipped, with no email."""
    week = week_of(week or timezone.localdate() - datetime.timedelta(days=7))
    with transaction.atomic():
        digest, created = Digest.objects.get_or_create(week=week)
        if not created:
            return None
        lessons = digest_lessons(digest)
        if not lessons:
            return digest
        readers = list(Subscription.objects.digest_readers().order_by("pk"))
        for subscription in readers:
            subscriber_email(
                subscription=subscription,
                subject=f"weekly lessons digest, week {digest.iso_week} of {digest.iso_year}",
                template="community/email/digest.txt",
                context={
                    "digest": digest,
                    "lessons": lessons,
                    "list_unsubscribe_url": unsubscribe_url(subscription),
                },
                unsubscribe=digest_unsubscribe_url(subscription),
            )
        digest.lesson_count = len(lessons)
        digest.recipient_count = len(readers)
        digest.save(update_fields=["lesson_count", "recipient_count"])
    return digest
