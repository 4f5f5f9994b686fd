"""Signed, purpose-specific links: a confirm link cannot unsubscribe anyone, nor the reverse.

A link names the subscription by its id, never by its email address, so addresses do not end
up in server, proxy or analytics logs that record URLs. Readers return the lookup that finds
the subscription: {"pk": id}, or {"email": address} for links emailed before this format.
"""

import datetime

from django.core import signing

CONFIRM_SALT = "community.subscription.confirm"
UNSUBSCRIBE_SALT = "community.subscription.unsubscribe"
DIGEST_UNSUBSCRIBE_SALT = "community.digest.unsubscribe"
CONFIRM_MAX_AGE = datetime.timedelta(days=7)
# An expired confirm link may still ask for a new one until unconfirmed sign-ups are purged.
RESEND_MAX_AGE = datetime.timedelta(days=30)


class LinkExpired(Exception):
    """The link was ours but is too old; `lookup` says whose it was."""

    def __init__(self, lookup: dict):
        super().__init__(lookup)
        self.lookup = lookup


class LinkInvalid(Exception):
    """Tampered with, cut short, or made for another purpose."""


def confirm_token(subscription) -> str:
    return signing.dumps({"s": subscription.pk}, salt=CONFIRM_SALT)


def unsubscribe_token(subscription) -> str:
    # No timestamp check on reading: an unsubscribe link must work for as long as we email.
    return signing.dumps({"s": subscription.pk}, salt=UNSUBSCRIBE_SALT)


def digest_unsubscribe_token(subscription) -> str:
    """Stops the lessons digest only; like the list's, it never expires."""
    return signing.dumps({"s": subscription.pk}, salt=DIGEST_UNSUBSCRIBE_SALT)


def _lookup_from(token: str, *, salt: str, max_age) -> dict:
    try:
        payload = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise
    except signing.BadSignature as error:
        raise LinkInvalid from error
    if isinstance(payload, dict) and type(payload.get("s")) is int:
        return {"pk": payload["s"]}
    if isinstance(payload, dict) and isinstance(payload.get("email"), str):
        # Emails already sent carry the old format; their links keep working.
        return {"email": payload["email"]}
    raise LinkInvalid


def read_confirm_token(token: str, *, max_age=CONFIRM_MAX_AGE) -> dict:
    """How to find the subscription a confirm link is for; LinkExpired or LinkInvalid otherwise."""
    try:
        return _lookup_from(token, salt=CONFIRM_SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        try:
            lookup = _lookup_from(token, salt=CONFIRM_SALT, max_age=RESEND_MAX_AGE)
        except signing.SignatureExpired:
            raise LinkInvalid from error
        raise LinkExpired(lookup) from error


def read_unsubscribe_token(token: str) -> dict:
    """How to find the subscription an unsubscribe link is for; LinkInvalid otherwise."""
    return _lookup_from(token, salt=UNSUBSCRIBE_SALT, max_age=None)


def read_digest_unsubscribe_token(token: str) -> dict:
    """How to find the subscription a digest unsubscribe link is for; LinkInvalid otherwise."""
    return _lookup_from(token, salt=DIGEST_UNSUBSCRIBE_SALT, max_age=None)
