"""The signed link in a team invitation: it names the invitation by id, never by address, and
works for INVITATION_MAX_AGE (14 days)."""

from django.core import signing

from pledges.models import INVITATION_MAX_AGE

INVITATION_SALT = "pledges.team.invitation"


class InvitationLinkExpired(Exception):
    """The link was ours but is older than INVITATION_MAX_AGE."""


class InvitationLinkInvalid(Exception):
    """Tampered with, cut short, or made for another purpose."""


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=INVITATION_SALT)


def invitation_token(member) -> str:
    return _signer().sign_object({"m": member.pk})


def read_invitation_token(token: str) -> int:
    """The id of the invitation a link is for; InvitationLinkExpired or InvitationLinkInvalid."""
    try:
        payload = _signer().unsign_object(token, max_age=INVITATION_MAX_AGE)
    except signing.SignatureExpired as error:
        raise InvitationLinkExpired from error
    except (signing.BadSignature, ValueError) as error:
        raise InvitationLinkInvalid from error
    if not isinstance(payload, dict) or type(payload.get("m")) is not int:
        raise InvitationLinkInvalid
    return payload["m"]
