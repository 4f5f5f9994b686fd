"""Joining and leaving the mailing list: each step changes the consent record and sends mail."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.tasks import TaskResultStatus
from django.urls import reverse
from django.utils import timezone

from community.models import ConsentWording, Subscription, normalise_email
from community.tokens import CONFIRM_MAX_AGE, confirm_token, unsubscribe_token
from knowvember.emails import queue_email, send_email

logger = logging.getLogger(__name__)

# A second submit within this gap (a double click, an impatient refresh) sends no second email.
RESEND_MIN_GAP = datetime.timedelta(minutes=2)
# How long the sweep waits before trying a failed or unfinished confirmation again.
SWEEP_INTERVAL = datetime.timedelta(minutes=30)
PENDING_RETENTION = datetime.timedelta(days=settings.COMMUNITY_PENDING_RETENTION_DAYS)
UNSUBSCRIBED_RETENTION = datetime.timedelta(days=settings.COMMUNITY_UNSUBSCRIBED_RETENTION_DAYS)


def unsubscribe_url(subscription: Subscription) -> str:
    return settings.SITE_URL + reverse(
        "community:unsubscribe", kwargs={"token": unsubscribe_token(subscription)}
    )


def subscriber_email(*, subscription: Subscription, subject: str, template: str, context=None):
    """Queue an email to one address, with an unsubscribe link and RFC 8058 one-click headers."""
    link = unsubscribe_url(subscription)
    return queue_email(
        to=subscription.email,
        subject=subject,
        template=template,
        context={"subscription": subscription, "unsubscribe_url": link} | (context or {}),
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def confirmation_send(*, subscription: Subscription) -> bool:
    """Email the confirm link and record the attempt; True once the mail server took it."""
    link = settings.SITE_URL + reverse(
        "community:confirm", kwargs={"token": confirm_token(subscription)}
    )
    now = timezone.now()
    result = subscriber_email(
        subscription=subscription,
        subject="confirm you want to join the community of practice",
        template="community/email/confirm.txt",
        context={"confirm_url": link, "valid_days": CONFIRM_MAX_AGE.days},
    )
    sent = result.status == TaskResultStatus.SUCCESSFUL
    if result.status == TaskResultStatus.FAILED:
        logger.warning("Confirmation email to subscription %s failed", subscription.pk)
    fields = {"confirmation_attempted_at": now, "confirmation_task_id": str(result.id)}
    if sent:
        fields["confirmation_sent_at"] = now
    Subscription.objects.filter(pk=subscription.pk).update(**fields)
    for name, value in fields.items():
        setattr(subscription, name, value)
    return sent


def subscription_request(
    *, email: str, name: str, role: str, organisation: str, region, user, ip: str
) -> None:
    """Record a sign-up and email a confirm link; the outcome is never shown to the visitor.

    A new or lapsed address becomes pending; a pending one gets its details refreshed and a
    new link; a current subscriber's record is left alone and they are told they are on the list.
    """
    email = normalise_email(email)
    now = timezone.now()
    wording = ConsentWording.objects.current()
    if user is not None and not user.is_authenticated:
        user = None
    details = {
        "name": name,
        "role": role,
        "organisation": organisation,
        "region": region,
        "consent_wording": wording,
        "signed_up_at": now,
        "signup_ip": ip or None,
    }
    with transaction.atomic():
        subscription, created = Subscription.objects.select_for_update().get_or_create(
            email=email, defaults=details | {"user": _owner(user, email)}
        )
        previous_attempt = subscription.confirmation_attempted_at
        if created:
            action = "confirm"
        elif subscription.status == Subscription.Status.SUBSCRIBED:
            action = "already"
        else:
            if subscription.status == Subscription.Status.UNSUBSCRIBED:
                # Rejoining starts a new consent record.
                details |= {
                    "confirmed_at": None,
                    "confirm_ip": None,
                    "unsubscribed_at": None,
                    "confirmation_sent_at": None,
                    "confirmation_attempted_at": None,
                }
                previous_attempt = None
            for field, value in details.items():
                setattr(subscription, field, value)
            subscription.status = Subscription.Status.PENDING
            subscription.user = subscription.user or _owner(user, email)
            subscription.save()
            action = "confirm"

    if action == "already":
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
    subscription = Subscription.objects.filter(
        email=normalise_email(email), status=Subscription.Status.PENDING
    ).first()
    if subscription is None:
        return
    last = subscription.confirmation_attempted_at
    if last is None or timezone.now() - last >= RESEND_MIN_GAP:
        confirmation_send(subscription=subscription)


def subscription_confirm(*, email: str, ip: str) -> Subscription | None:
    """Turn a pending sign-up into a subscription; confirming again changes nothing."""
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update().filter(email=normalise_email(email)).first()
        )
        if subscription is None or subscription.status != Subscription.Status.PENDING:
            return subscription
        subscription.status = Subscription.Status.SUBSCRIBED
        subscription.confirmed_at = timezone.now()
        subscription.confirm_ip = ip or None
        subscription.save(update_fields=["status", "confirmed_at", "confirm_ip"])
    subscriber_email(
        subscription=subscription,
        subject="welcome to the community of practice",
        template="community/email/welcome.txt",
    )
    return subscription


def subscription_unsubscribe(*, email: str) -> Subscription | None:
    """Take an address off the list at once; leaving twice changes nothing."""
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update().filter(email=normalise_email(email)).first()
        )
        if subscription is None or subscription.status == Subscription.Status.UNSUBSCRIBED:
            return subscription
        subscription.status = Subscription.Status.UNSUBSCRIBED
        subscription.unsubscribed_at = timezone.now()
        subscription.save(update_fields=["status", "unsubscribed_at"])
    return subscription


def _still_delivering(subscription: Subscription) -> bool:
    """True when a queued confirmation has been delivered or may still be (database queue)."""
    if not subscription.confirmation_task_id or not send_email.get_backend().supports_get_result:
        return False
    try:
        result = send_email.get_result(subscription.confirmation_task_id)
    except Exception:  # a lost or foreign result means: send again
        return False
    if result.status == TaskResultStatus.SUCCESSFUL:
        Subscription.objects.filter(pk=subscription.pk).update(
            confirmation_sent_at=result.finished_at or timezone.now()
        )
        return True
    return result.status in (TaskResultStatus.READY, TaskResultStatus.RUNNING)


def confirmations_resend_unsent(*, interval: datetime.timedelta = SWEEP_INTERVAL) -> int:
    """Re-send confirmations that never reached the mail server, each at most once per interval.

    Only sign-ups young enough for a link to still be useful are tried. Returns how many were sent.
    """
    now = timezone.now()
    due = Subscription.objects.filter(
        status=Subscription.Status.PENDING,
        confirmation_sent_at__isnull=True,
        signed_up_at__gte=now - CONFIRM_MAX_AGE,
    ).exclude(confirmation_attempted_at__gte=now - interval)
    sent = 0
    for subscription in due.order_by("signed_up_at"):
        # Claim the row with a conditional update, so two sweeps never both send it.
        claimed = Subscription.objects.filter(
            pk=subscription.pk,
            confirmation_attempted_at=subscription.confirmation_attempted_at,
            confirmation_sent_at__isnull=True,
        ).update(confirmation_attempted_at=now)
        if not claimed or _still_delivering(subscription):
            continue
        sent += confirmation_send(subscription=subscription)
    return sent


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
