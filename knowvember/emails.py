"""Every email the site sends goes through one background task, so a mail outage never
loses the record that asked for it (callers keep a "sent at" field and re-send later)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string


@task
def send_email(
    *,
    to: list[str],
    subject: str,
    body: str,
    headers: dict | None = None,
    attachments: list[list[str]] | None = None,
) -> int:
    """Send one plain-text email. `attachments` are [filename, text content, mimetype] lists."""
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers=headers or {},
    )
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    return message.send()


def queue_email(
    *,
    to: str,
    subject: str,
    template: str,
    context: dict,
    headers: dict | None = None,
    attachments: list[list[str]] | None = None,
):
    """Render `template` (plain text) with `context` and enqueue it; returns the TaskResult.

    With the immediate backend a failure is recorded on the result rather than raised, so
    the caller can tell whether it was sent (`result.status`) and leave a sweep to retry.
    """
    body = render_to_string(template, {"site_url": settings.SITE_URL} | context)
    return send_email.enqueue(
        to=[to],
        subject=f"KNOWvember: {subject}",
        body=body,
        headers=headers,
        attachments=attachments,
    )
