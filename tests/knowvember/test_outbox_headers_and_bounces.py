"""What the outbox puts on the wire, and what a mail service's bounce reports change."""

import base64
import email.policy
import hashlib
import hmac
import json
import re

import pytest
from django.urls import reverse

from community.models import Subscription
from knowvember.models import OutboundEmail, SuppressedAddress
from knowvember.outbox import UnencodedHeader
from tests.community.factories import SubscribedFactory
from tests.smtp import MailServer

pytestmark = pytest.mark.django_db

SITE = "https://knowvember.example.nhs.uk"
WEBHOOK = "/anymail/mailgun/tracking/"
SIGNING_KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0"
BASIC_AUTH = "mailgun:webhook-secret-for-tests"


@pytest.fixture
def mail_server():
    server = MailServer()
    server.start()
    yield server
    server.stop()


def _join(client, email="joiner@example.nhs.uk"):
    from community.models import ConsentWording

    return client.post(
        reverse("community:signup"),
        {
            "email": email,
            "name": "J. Oiner",
            "role": "Librarian",
            "organisation": "Example ICB",
            "region": "",
            "website": "",
            "consent_version": ConsentWording.objects.current().version,
        },
    )


def test_community_email_as_sent_has_a_plain_list_unsubscribe_header(
    client, settings, mail_server, sent_mail
):
    settings.SITE_URL = SITE
    settings.MAILERS = mail_server.mailers()

    _join(client)
    sent_mail()

    raw = mail_server.received[0].content
    head = b"\r\n" + raw.split(b"\r\n\r\n", 1)[0] + b"\r\n"
    link = re.search(rb"https://\S+/community/unsubscribe/[^/\s]+/", raw)[0]
    assert len(b"List-Unsubscribe: <" + link + b">") > 78  # long enough to have been encoded
    assert b"\r\nList-Unsubscribe: <" + link + b">\r\n" in head
    assert b"\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" in head
    assert b"=?" not in head


def test_list_headers_fold_only_at_the_spaces_between_urls():
    value = (
        "<https://knowvember.example.nhs.uk/community/unsubscribe/" + "a" * 60 + "/>, "
        "<mailto:leave@example.nhs.uk?subject=unsubscribe>"
    )

    folded = UnencodedHeader("List-Unsubscribe", value).fold(policy=email.policy.SMTP)

    assert folded == (
        "List-Unsubscribe: <https://knowvember.example.nhs.uk/community/unsubscribe/"
        + "a" * 60
        + "/>,\r\n <mailto:leave@example.nhs.uk?subject=unsubscribe>\r\n"
    )


def test_list_headers_refuse_a_line_break():
    with pytest.raises(ValueError):
        UnencodedHeader("List-Unsubscribe", "<https://a.example/>\r\nBcc: victim@example.com")


def _mailgun_event(event_data, *, key=SIGNING_KEY):
    timestamp, token = "1795766400", "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0"
    signature = hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256)
    return json.dumps(
        {
            "signature": {
                "timestamp": timestamp,
                "token": token,
                "signature": signature.hexdigest(),
            },
            "event-data": event_data,
        }
    )


def _bounce(recipient, message_id):
    """A Mailgun "failed, permanent" event, shaped as Mailgun posts it."""
    return {
        "event": "failed",
        "severity": "permanent",
        "reason": "bounce",
        "id": "G9Bn5sl1TC6nu79C8C0bwg",
        "timestamp": 1795766399.375624,
        "log-level": "error",
        "recipient": recipient,
        "recipient-domain": recipient.split("@")[1],
        "envelope": {"transport": "smtp", "sender": "knowvember@example.nhs.uk"},
        "flags": {"is-routed": False, "is-authenticated": True, "is-test-mode": False},
        "message": {
            "headers": {
                "to": recipient,
                "message-id": message_id.strip("<>"),
                "from": "KNOWvember <knowvember@example.nhs.uk>",
                "subject": "KNOWvember: welcome to the community of practice",
            },
            "attachments": [],
            "size": 1830,
        },
        "delivery-status": {
            "attempt-no": 1,
            "code": 550,
            "message": "5.1.1 The email account that you tried to reach does not exist.",
            "description": "Not delivered",
            "session-seconds": 0.4,
        },
        "tags": [],
        "user-variables": {},
    }


def _basic_auth(credentials=BASIC_AUTH):
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(credentials.encode()).decode()}


@pytest.fixture
def webhook_settings(settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": BASIC_AUTH, "MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY}


@pytest.fixture
def bounced_member(client, settings, sent_mail):
    """A subscriber whose welcome email went out (and will bounce)."""
    member = SubscribedFactory(email="gone@example.nhs.uk")
    from community.services import subscriber_email

    subscriber_email(subscription=member, subject="welcome", template="community/email/welcome.txt")
    sent_mail()
    return member


def test_signed_bounce_report_suppresses_the_address_for_the_mailing_list(
    client, webhook_settings, bounced_member, sent_mail, organiser
):
    welcome = OutboundEmail.objects.get()

    response = client.post(
        WEBHOOK,
        _mailgun_event(_bounce(bounced_member.email, welcome.message_id)),
        content_type="application/json",
        **_basic_auth(),
    )

    assert response.status_code == 200
    suppressed = SuppressedAddress.objects.get()
    assert (suppressed.email, suppressed.reason, suppressed.reported_by) == (
        "gone@example.nhs.uk",
        "bounced",
        "Mailgun",
    )
    welcome.refresh_from_db()
    assert welcome.delivery_event == "bounced"
    assert "does not exist" in welcome.delivery_detail
    assert bounced_member not in Subscription.objects.mailable()

    # The list stops mailing them: signing up again queues mail that is never sent.
    mail_count = len(sent_mail())
    _join(client, email=bounced_member.email)
    assert len(sent_mail()) == mail_count
    latest = OutboundEmail.objects.order_by("-pk").first()
    assert latest.status == OutboundEmail.Status.SUPPRESSED

    # Organisers see it: the subscriber list, the export and the outbox say so.
    client.force_login(organiser)
    subscribers = client.get(reverse("admin:community_subscription_changelist"))
    assert "leaving out 1 whose mail bounced" in subscribers.content.decode()
    export = client.get(reverse("admin:community_subscription_export")).content.decode()
    assert bounced_member.email not in export
    bounced = client.get(
        reverse("admin:knowvember_outboundemail_changelist"), {"delivery_event": "bounced"}
    )
    assert bounced_member.email in bounced.content.decode()


def test_unsigned_bounce_report_is_refused_and_changes_nothing(
    client, webhook_settings, bounced_member
):
    welcome = OutboundEmail.objects.get()
    forged = _mailgun_event(_bounce(bounced_member.email, welcome.message_id), key="not-the-key")

    without_auth = client.post(WEBHOOK, forged, content_type="application/json")
    with_auth_but_unsigned = client.post(
        WEBHOOK, forged, content_type="application/json", **_basic_auth()
    )

    assert without_auth.status_code == 400
    assert with_auth_but_unsigned.status_code == 400
    assert not SuppressedAddress.objects.exists()
    assert bounced_member in Subscription.objects.mailable()


def test_bounce_webhooks_are_closed_until_a_secret_is_set(client, settings, bounced_member):
    settings.ANYMAIL = {"MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY}
    welcome = OutboundEmail.objects.get()

    response = client.post(
        WEBHOOK,
        _mailgun_event(_bounce(bounced_member.email, welcome.message_id)),
        content_type="application/json",
    )

    assert response.status_code == 404
    assert not SuppressedAddress.objects.exists()


def test_spam_complaint_suppresses_the_address_too(client, webhook_settings, bounced_member):
    complaint = {
        "event": "complained",
        "id": "-Agny091SquKnsrW2NEKUA",
        "timestamp": 1795766399.1,
        "recipient": bounced_member.email,
        "message": {"headers": {"message-id": "unknown@example.nhs.uk"}},
    }

    client.post(
        WEBHOOK, _mailgun_event(complaint), content_type="application/json", **_basic_auth()
    )

    assert SuppressedAddress.objects.get().reason == "complained"
    # Matched by address when the message id is not ours.
    assert OutboundEmail.objects.get().delivery_event == "complained"
