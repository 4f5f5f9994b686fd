"""The one way the site sends email: `queue_email` renders a template into an outbox row.

The row is written inside the caller's transaction and sent by the task worker after commit,
with retries (see knowvember/outbox.py), so a page never waits for the mail server and a mail
outage never loses mail. Pages should therefore say "we will email you", not "we have emailed".
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from knowvember.models import OutboundEmail
from knowvember.outbox import queue_message


def queue_email(
    *,
    to: str,
    subject: str,
    template: str,
    context: dict,
    about=None,
    headers: dict | None = None,
    attachments: list[list[str]] | None = None,
) -> OutboundEmail:
    """Render `template` (plain text) with `context` and queue it to `to`.

    `about` is the object the email is about (a booking, a pledge), shown to organisers;
    `attachments` are [filename, text content, MIME type] lists.
    """
    body = render_to_string(template, {"site_url": settings.SITE_URL} | context)
    message = EmailMessage(
        subject=f"KNOWvember: {subject}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers or {},
    )
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    return queue_message(message, kind=kind_of(template), about=about)


def kind_of(template: str) -> str:
    """ "events/email/confirmed.txt" -> "events.confirmed": what organisers filter the outbox by."""
    path = template.rsplit(".", 1)[0] if template.endswith((".txt", ".html")) else template
    return ".".join(part for part in path.split("/") if part != "email")
