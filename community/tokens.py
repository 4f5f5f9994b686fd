"""Signed, purpose-specific links: a confirm link cannot unsubscribe anyone, nor the reverse."""

import datetime

from django.core import signing

CONFIRM_SALT = "community.subscription.confirm"
UNSUBSCRIBE_SALT = "community.subscription.unsubscribe"
CONFIRM_MAX_AGE = datetime.timedelta(days=7)
# An expired confirm link may still ask for a new one until unconfirmed sign-ups are purged.
RESEND_MAX_AGE = datetime.timedelta(days=30)


class LinkExpired(Exception):
    """The link was ours but is too old; `email` says whose it was."""

    def __init__(self, email: str):
        super().__init__(email)
        self.email = email


class LinkInvalid(Exception):
    """Tampered with, cut short, or made for another purpose."""


def confirm_token(email: str) -> str:
    return signing.dumps({"email": email}, salt=CONFIRM_SALT)


def unsubscribe_token(email: str) -> str:
    # No timestamp check on reading: an unsubscribe link must work for as long as we email.
    return signing.dumps({"email": email}, salt=UNSUBSCRIBE_SALT)


def _email_from(token: str, *, salt: str, max_age) -> str:
    try:
        payload = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise
    except signing.BadSignature as error:
        raise LinkInvalid from error
    if not isinstance(payload, dict) or not isinstance(payload.get("email"), str):
        raise LinkInvalid
    return payload["email"]


def read_confirm_token(token: str, *, max_age=CONFIRM_MAX_AGE) -> str:
    """The email address a confirm link is for; LinkExpired or LinkInvalid otherwise."""
    try:
        return _email_from(token, salt=CONFIRM_SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        try:
            email = _email_from(token, salt=CONFIRM_SALT, max_age=RESEND_MAX_AGE)
        except signing.SignatureExpired:
            raise LinkInvalid from error
        raise LinkExpired(email) from error


def read_unsubscribe_token(token: str) -> str:
    """The email address an unsubscribe link is for; LinkInvalid otherwise."""
    return _email_from(token, salt=UNSUBSCRIBE_SALT, max_age=None)
