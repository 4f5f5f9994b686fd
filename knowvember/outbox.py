"""The outbox: every email is a row first, written in the transaction that caused it; a worker
sends it after commit and retries with backoff, so a mail outage never loses mail or fails a page.

- `queue_message()` stores a built message and asks the task worker to send it after commit.
- `send_due_email()` (run by the `deliver_email` task and by `manage.py send_queued_email`)
  sends due rows oldest first, claiming each with SELECT ... FOR UPDATE SKIP LOCKED, so two
  workers never send the same row.
- A failed attempt is tried again after 1 minute, 5 minutes, 30 minutes, 2 hours, then every
  12 hours, until a day has passed: then the row is "given up" and organisers see it in the admin.
- `record_tracking_event()` takes django-anymail's bounce and complaint reports: the row
  records them and the address is suppressed for list mail.
"""

import datetime
import logging
import sys
from email.utils import make_msgid

from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.db.models.functions import Lower
from django.tasks import task
from django.utils import timezone

from knowvember.models import OutboundEmail, SuppressedAddress

logger = logging.getLogger(__name__)

Status = OutboundEmail.Status

RETRY_DELAYS = [
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
    datetime.timedelta(hours=12),
]
GIVE_UP_AFTER = datetime.timedelta(days=1)
# A row claimed longer ago than this, and not reported back, belongs to a worker that stopped
# mid-send: it is tried again. Well above the SMTP timeout.
CLAIM_LEASE = datetime.timedelta(minutes=10)
# RFC 2369 / RFC 8058 headers: structured, read by mail clients, so never RFC 2047-encoded.
UNENCODED_HEADERS = ("List-Unsubscribe", "List-Unsubscribe-Post")
SECRET_ERASED = "(Erased once sent: it held a sign-in link or code.)"  # noqa: S105


# Queueing


def queue_message(
    message: EmailMessage,
    *,
    kind: str,
    about=None,
    contains_secret: bool = False,
    give_up_after: datetime.timedelta = GIVE_UP_AFTER,
) -> OutboundEmail:
    """Store a built message (one recipient) as an outbox row and send it after commit.

    Call it inside the transaction of the change the email is about: if the change rolls
    back, so does the email.
    """
    if len(message.recipients()) != 1:
        raise ValueError("An outbox email has exactly one recipient.")
    now = timezone.now()
    body, html = message.body, ""
    if message.content_subtype == "html":
        body, html = "", message.body
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            html = content
    headers = {name: str(value) for name, value in message.extra_headers.items()}
    headers.setdefault("Message-ID", make_msgid(domain=_sender_domain(message.from_email)))
    email = OutboundEmail.objects.create(
        to=message.recipients()[0],
        from_email=message.from_email,
        kind=kind,
        about_type=ContentType.objects.get_for_model(about) if about is not None else None,
        about_id=str(about.pk) if about is not None else "",
        subject=str(message.subject),
        body=body,
        html=html,
        headers=headers,
        attachments=[_stored_attachment(a) for a in message.attachments],
        contains_secret=contains_secret,
        message_id=headers["Message-ID"],
        created_at=now,
        next_attempt_at=now,
        give_up_at=now + give_up_after,
    )
    # robust: if the queue cannot take the task, the page still answers; the sweep sends it.
    transaction.on_commit(lambda: deliver_email.enqueue(email_id=email.pk), robust=True)
    return email


def _sender_domain(from_email: str) -> str:
    return from_email.rsplit("@", 1)[-1].strip(" >") or "localhost"


def _stored_attachment(attachment) -> list[str]:
    filename, content, mimetype = attachment
    if isinstance(content, bytes):
        content = content.decode()  # text attachments only (calendars); binary would need base64
    return [filename, content, mimetype]


# Sending


@task
def deliver_email(email_id: int) -> dict[str, int]:
    """Send the mail that is due, oldest first: `email_id` (just committed) and anything
    queued before it, so mail leaves in the order it was queued."""
    return send_due_email()


def send_due_email(*, limit: int = 1000) -> dict[str, int]:
    """The sweep: send every due row, oldest first; returns how many ended in each status."""
    outcome: dict[str, int] = {}
    for _ in range(limit):
        email = _claim()
        if email is None:
            break
        _attempt(email)
        outcome[email.status] = outcome.get(email.status, 0) + 1
    return outcome


def _claim() -> OutboundEmail | None:
    """Mark the oldest due row as being sent by this worker, in one short transaction;
    rows another worker has locked are skipped, not waited for."""
    now = timezone.now()
    with transaction.atomic():
        due = OutboundEmail.objects.due(now, claim_lease=CLAIM_LEASE)
        email = due.select_for_update(skip_locked=True).order_by("created_at", "pk").first()
        if email is None:
            return None
        email.status = Status.SENDING
        email.attempts += 1
        email.last_attempt_at = now
        email.save(update_fields=["status", "attempts", "last_attempt_at"])
    return email


def _attempt(email: OutboundEmail) -> None:
    """Send a claimed row, outside any transaction, and record what happened."""
    if email.is_list_mail and is_suppressed(email.to):
        _finish(email, Status.SUPPRESSED, error="The address bounced or complained before.")
        return
    try:
        message = build_message(email)
        message.send()
    except Exception as error:  # any failure (SMTP, network, ESP API) is retried
        _record_failure(email, error)
        return
    status = getattr(message, "anymail_status", None)
    if status is not None and status.message_id:
        email.message_id = str(status.message_id)[:255]
    email.sent_at = timezone.now()
    _finish(email, Status.SENT)


def _record_failure(email: OutboundEmail, error: Exception) -> None:
    now = timezone.now()
    error_text = f"{type(error).__name__}: {error}"[:2000]
    if now >= email.give_up_at:
        logger.error(
            "Gave up on email %s (%s) after %s attempts", email.pk, email.kind, email.attempts
        )
        _finish(email, Status.GIVEN_UP, error=error_text)
        return
    delay = RETRY_DELAYS[min(email.attempts, len(RETRY_DELAYS)) - 1]
    email.status = Status.FAILED
    email.last_error = error_text
    email.next_attempt_at = min(now + delay, email.give_up_at)
    email.save(update_fields=["status", "last_error", "next_attempt_at"])
    if deliver_email.get_backend().supports_defer:
        # The task worker comes back by itself; `send_queued_email` is the safety net.
        deliver_email.using(run_after=email.next_attempt_at).enqueue(email_id=email.pk)
    logger.warning(
        "Email %s (%s) failed, next attempt at %s: %s",
        email.pk,
        email.kind,
        email.next_attempt_at,
        error_text,
    )


def _finish(email: OutboundEmail, status: str, *, error: str = "") -> None:
    email.status = status
    email.next_attempt_at = None
    fields = ["status", "next_attempt_at", "sent_at", "message_id"]
    if error:
        email.last_error = error
        fields.append("last_error")
    if email.contains_secret:
        email.body = email.html = SECRET_ERASED if email.body or email.html else ""
        fields += ["body", "html"]
    email.save(update_fields=fields)


def build_message(email: OutboundEmail) -> EmailMultiAlternatives:
    """The row as a Django message; list headers are written exactly as stored."""
    headers = dict(email.headers)
    for name in list(headers):
        if name.lower() in {h.lower() for h in UNENCODED_HEADERS}:
            headers[name] = UnencodedHeader(name, headers[name])
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        from_email=email.from_email,
        to=[email.to],
        headers=headers,
    )
    if email.html:
        if email.body:
            message.attach_alternative(email.html, "text/html")
        else:
            message.body, message.content_subtype = email.html, "html"
    for filename, content, mimetype in email.attachments:
        message.attach(filename, content, mimetype)
    return message


class UnencodedHeader(str):
    """A header value written as given and folded only at its spaces.

    Python's email package RFC 2047-encodes an unstructured header that has a word too long
    to fold (`List-Unsubscribe: =?utf-8?q?=3Chttps...`); clients read the URL in angle
    brackets and cannot decode that, so one-click unsubscribe would fail.
    """

    def __new__(cls, name: str, value: str):
        if "\r" in value or "\n" in value or not value.isascii():
            raise ValueError(f"{name} must be one line of ASCII.")
        header = super().__new__(cls, value)
        header.name = name
        return header

    def __reduce__(self):  # copies (the locmem backend deep-copies messages) keep the name
        return (type(self), (self.name, str(self)))

    def fold(self, *, policy) -> str:
        limit = policy.max_line_length or sys.maxsize
        words = self.split()
        lines = [f"{self.name}: {words[0]}" if words else f"{self.name}:"]
        for word in words[1:]:
            if len(lines[-1]) + 1 + len(word) <= limit:
                lines[-1] += " " + word
            else:
                lines.append(" " + word)
        return policy.linesep.join(lines) + policy.linesep


# Organisers


def send_again(emails) -> int:
    """Queue rows again (after an outage, or a fixed address): a fresh day of attempts."""
    now = timezone.now()
    ids = list(
        emails.exclude(status=Status.SENDING)
        .exclude(contains_secret=True, status__in=[Status.SENT, Status.GIVEN_UP])
        .values_list("pk", flat=True)
    )
    OutboundEmail.objects.filter(pk__in=ids).update(
        status=Status.QUEUED, next_attempt_at=now, give_up_at=now + GIVE_UP_AFTER
    )
    for pk in ids:
        transaction.on_commit(lambda pk=pk: deliver_email.enqueue(email_id=pk), robust=True)
    return len(ids)


def failed_count() -> int:
    """How many emails have not gone (failing or given up): for the admin home page."""
    return OutboundEmail.objects.needing_attention().count()


# Personal data


def export_mail_to(addresses) -> list[dict]:
    """What we emailed these addresses (without the text, which may hold sign-in secrets)."""
    emails = _mail_to(addresses).order_by("created_at")
    return [
        {
            "to": email.to,
            "subject": email.subject,
            "status": email.get_status_display(),
            "queued_at": email.created_at.isoformat(),
            "sent_at": email.sent_at.isoformat() if email.sent_at else None,
        }
        for email in emails
    ]


def erase_mail_to(addresses) -> None:
    """Forget every email to these addresses, sent or not, and any bounce record."""
    _mail_to(addresses).delete()
    SuppressedAddress.objects.filter(email__in=_lower(addresses)).delete()


def erase_mail_about(obj) -> None:
    """Forget every email about one object (an invitation once it is answered): its address
    was kept only for as long as the object needed it."""
    OutboundEmail.objects.filter(
        about_type=ContentType.objects.get_for_model(obj), about_id=str(obj.pk)
    ).delete()


def _mail_to(addresses):
    return OutboundEmail.objects.alias(to_lower=Lower("to")).filter(to_lower__in=_lower(addresses))


def _lower(addresses) -> list[str]:
    return sorted({address.strip().lower() for address in addresses if address})


# Bounces and complaints


def is_suppressed(email: str) -> bool:
    return SuppressedAddress.objects.filter(email=email.strip().lower()).exists()


def suppressed_emails():
    """A values queryset of suppressed addresses, for excluding them from a mailing list."""
    return SuppressedAddress.objects.values("email")


SUPPRESSING_EVENTS = {
    "bounced": SuppressedAddress.Reason.BOUNCED,
    "complained": SuppressedAddress.Reason.COMPLAINED,
}


def record_tracking_event(*, event, esp_name: str) -> OutboundEmail | None:
    """Record a mail service's report on the row it is about; suppress hard bounces and
    complaints. `event` is an anymail AnymailTrackingEvent."""
    recipient = (event.recipient or "").strip().lower()
    detail = " ".join(filter(None, [event.description, event.mta_response]))[:2000]
    email = None
    if event.message_id:
        email = OutboundEmail.objects.filter(message_id=event.message_id).first()
    if email is None and recipient:
        email = (
            OutboundEmail.objects.filter(to__iexact=recipient, status=Status.SENT)
            .order_by("-sent_at")
            .first()
        )
    if email is not None:
        email.delivery_event = event.event_type
        email.delivery_event_at = event.timestamp or timezone.now()
        email.delivery_detail = detail
        email.save(update_fields=["delivery_event", "delivery_event_at", "delivery_detail"])
    reason = SUPPRESSING_EVENTS.get(event.event_type)
    if reason and recipient:
        SuppressedAddress.objects.update_or_create(
            email=recipient,
            defaults={"reason": reason, "detail": detail, "reported_by": esp_name},
        )
        logger.info("Suppressed %s: %s reported by %s", recipient, reason, esp_name)
    return email
