"""Writes that change a pledge and tell the pledger: making, editing, moderating, withdrawing,
following up.

Photo files follow their row: a replaced or removed photo is deleted only once the change is
committed (`delete_files_after_commit`), so a rolled-back change keeps its photo. Emails are
queued after the change they report.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from knowvember.emails import queue_email
from knowvember.images import ProcessedImage, delete_files_after_commit
from knowvember.outbox import erase_mail_about
from knowvember.ratelimit import limit_exceeded
from pledges.models import INVITATION_MAX_AGE, TEAM_SIZE_MAX, Pledge, TeamMember
from pledges.tokens import invitation_token

CREATE_LIMIT = 10  # new pledges per person per hour: generous for people, tight for scripts


class TooManyPledges(Exception):
    """The person has made CREATE_LIMIT new pledges in the last hour."""


def _files_of(pledges) -> list:
    return [f for pledge in pledges for f in (pledge.photo, pledge.photo_thumbnail) if f]


def _attach_photo(pledge: Pledge, processed: ProcessedImage) -> None:
    """Store a re-encoded photo (from knowvember.images.process_image) on the pledge, dropping
    the old one once the change is committed."""
    # Before saving: FieldFile.save renames the field in place, so afterwards the "old" file
    # would be the new one.
    delete_files_after_commit(*_files_of([pledge]))
    pledge.photo.save(processed.image.name, processed.image, save=False)
    pledge.photo_thumbnail.save(processed.thumbnail.name, processed.thumbnail, save=False)
    pledge.photo_width, pledge.photo_height = processed.width, processed.height


def _detach_photo(pledge: Pledge) -> None:
    delete_files_after_commit(*_files_of([pledge]))
    pledge.photo = pledge.photo_thumbnail = ""
    pledge.photo_width = pledge.photo_height = None
    pledge.photo_alt = ""
    pledge.show_photo = False


def pledge_create(
    *,
    author,
    campaign,
    submission_key,
    data: dict,
    photo: ProcessedImage | None = None,
    team_emails: list[str] = (),
) -> Pledge:
    """Make a pledge, waiting for an organiser before it appears on the wall.

    The same form submitted twice (same submission key, even at the same moment) makes one
    pledge and returns it. Past CREATE_LIMIT new pledges an hour, raises TooManyPledges.
    `data` holds the pledge's own fields (PledgeForm.pledge_data); a pledge with a team name
    invites `team_emails` to join it.
    """
    existing = Pledge.objects.filter(author=author, submission_key=submission_key).first()
    if existing:
        return existing
    if limit_exceeded("pledge-create", str(author.pk), limit=CREATE_LIMIT, period=3600):
        raise TooManyPledges
    pledge = Pledge(author=author, campaign=campaign, submission_key=submission_key, **data)
    pledge.status = Pledge.Status.PENDING
    try:
        with transaction.atomic():
            if photo:
                _attach_photo(pledge, photo)
            pledge.save()
            if pledge.team_name:
                team_member_invite(pledge=pledge, emails=team_emails)
    except IntegrityError:  # the same form submitted twice at the same moment
        for file in _files_of([pledge]):  # stored for the pledge that was not made
            file.storage.delete(file.name)
        return Pledge.objects.get(author=author, submission_key=submission_key)
    return pledge


def pledge_update(
    *, pledge: Pledge, data: dict, photo: ProcessedImage | None = None, remove_photo=False
) -> bool:
    """Save the pledger's changes. Returns True when they sent the pledge back to moderation.

    Changing what the public reads (Pledge.MODERATED_FIELDS or the photo) sends an approved or
    rejected pledge back to an organiser; consent and other changes do not. The row is locked
    and read afresh, so a moderation decision made meanwhile is neither lost nor bypassed.
    """
    with transaction.atomic():
        pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
        public_change = bool(photo or remove_photo) or any(
            name in data and data[name] != getattr(pledge, name) for name in Pledge.MODERATED_FIELDS
        )
        for name, value in data.items():
            setattr(pledge, name, value)
        if photo:  # a new photo replaces the old one, ticked "remove" or not
            _attach_photo(pledge, photo)
        elif remove_photo:
            _detach_photo(pledge)
        if not pledge.photo:
            pledge.show_photo = False
        back_to_moderation = public_change and pledge.status != Pledge.Status.PENDING
        if back_to_moderation:
            pledge.status = Pledge.Status.PENDING
        pledge.save()
    return back_to_moderation


def pledge_record_outcome(
    *,
    pledge: Pledge,
    outcome: str,
    aar_planned: str = "",
    aar_actual: str = "",
    aar_difference: str = "",
    aar_next: str = "",
) -> Pledge:
    """Record whether an approved pledge happened and, if it did, its After Action Review.

    New or changed answers wait for an organiser before anyone else reads them (lessons
    pending); unchanged answers keep their moderation; no answers means no lessons.
    """
    answers = {
        "aar_planned": aar_planned,
        "aar_actual": aar_actual,
        "aar_difference": aar_difference,
        "aar_next": aar_next,
    }
    with transaction.atomic():
        pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
        answers_changed = any(getattr(pledge, name) != value for name, value in answers.items())
        pledge.outcome = outcome
        for name, value in answers.items():
            setattr(pledge, name, value)
        if not pledge.has_lessons:
            pledge.lessons_status = Pledge.LessonsStatus.NONE
        elif answers_changed:
            pledge.lessons_status = Pledge.LessonsStatus.PENDING
            pledge.lessons_submitted_at = timezone.now()
        pledge.save()
    return pledge


@transaction.atomic
def pledge_approve(*, pledges, moderator) -> int:
    """Approve pending (or rejected) pledges, queueing an email to each; returns how many."""
    now = timezone.now()
    changed = 0
    for pledge in pledges.exclude(
        status__in=[Pledge.Status.APPROVED, Pledge.Status.WITHDRAWN]
    ).select_related("author", "activity"):
        pledge.status = Pledge.Status.APPROVED
        pledge.rejection_reason = ""
        pledge.moderated_at = now
        pledge.moderated_by = moderator
        pledge.save(update_fields=["status", "rejection_reason", "moderated_at", "moderated_by"])
        queue_email(
            to=pledge.author.email,
            subject="your pledge is on the wall",
            template="pledges/email/approved.txt",
            context={"pledge": pledge},
            about=pledge,
        )
        for member in pledge.members.held():
            _send_invitation(member, pledge)
        changed += 1
    return changed


@transaction.atomic
def pledge_reject(*, pledges, moderator, reason: str) -> int:
    """Reject pledges, queueing an email with the reason to each pledger; returns how many."""
    now = timezone.now()
    changed = 0
    for pledge in pledges.exclude(
        status__in=[Pledge.Status.REJECTED, Pledge.Status.WITHDRAWN]
    ).select_related("author", "activity"):
        pledge.status = Pledge.Status.REJECTED
        pledge.rejection_reason = reason
        pledge.moderated_at = now
        pledge.moderated_by = moderator
        pledge.save(update_fields=["status", "rejection_reason", "moderated_at", "moderated_by"])
        queue_email(
            to=pledge.author.email,
            subject="your pledge was not approved",
            template="pledges/email/rejected.txt",
            context={"pledge": pledge, "reason": reason},
            about=pledge,
        )
        changed += 1
    return changed


def pledge_withdraw(*, pledge: Pledge) -> None:
    """Take a pledge off the wall for good, delete its photo and forget unanswered invitations."""
    with transaction.atomic():
        pledge.status = Pledge.Status.WITHDRAWN
        _detach_photo(pledge)
        pledge.save()
        _forget_invitations(pledge.members.awaiting_answer())


def pledges_delete(*, pledges) -> int:
    """Delete pledges and their photo files."""
    pledges = list(pledges)
    with transaction.atomic():
        delete_files_after_commit(*_files_of(pledges))
        for pledge in pledges:
            pledge.delete()
    return len(pledges)


def lessons_approve(*, pledges) -> int:
    """Publish the After Action Review lessons: they join the card, page and Learn before."""
    return pledges.filter(lessons_status=Pledge.LessonsStatus.PENDING).update(
        lessons_status=Pledge.LessonsStatus.APPROVED,
        lessons_rejection_reason="",
        lessons_moderated_at=timezone.now(),
    )


@transaction.atomic
def lessons_reject(*, pledges, reason: str) -> int:
    now = timezone.now()
    changed = 0
    for pledge in pledges.filter(lessons_status=Pledge.LessonsStatus.PENDING).select_related(
        "author"
    ):
        pledge.lessons_status = Pledge.LessonsStatus.REJECTED
        pledge.lessons_rejection_reason = reason
        pledge.lessons_moderated_at = now
        pledge.save(
            update_fields=["lessons_status", "lessons_rejection_reason", "lessons_moderated_at"]
        )
        queue_email(
            to=pledge.author.email,
            subject="your lessons learned were not published",
            template="pledges/email/lessons_rejected.txt",
            context={"pledge": pledge, "reason": reason},
            about=pledge,
        )
        changed += 1
    return changed


def follow_ups_send_due(*, today: datetime.date | None = None) -> int:
    """Ask each pledger once, after their target month, whether it happened.

    Each email is queued in the outbox in the transaction that sets follow_up_emailed_at,
    so it is queued exactly once and retried through a mail outage. Returns how many.
    """
    today = today or timezone.localdate()
    queued = 0
    for pledge in Pledge.objects.due_follow_up(today=today):
        with transaction.atomic():
            claimed = Pledge.objects.filter(pk=pledge.pk, follow_up_emailed_at__isnull=True).update(
                follow_up_emailed_at=timezone.now()
            )
            if not claimed:
                continue
            queue_email(
                to=pledge.author.email,
                subject="did your pledge happen?",
                template="pledges/email/follow_up.txt",
                context={"pledge": pledge},
                about=pledge,
            )
        queued += 1
    return queued


# Team pledges


class InvitationAnswered(Exception):
    """The invitation was accepted, declined or cancelled already."""


def invitation_url(member: TeamMember) -> str:
    return settings.SITE_URL + reverse(
        "pledges:invitation", kwargs={"token": invitation_token(member)}
    )


def team_member_invite(*, pledge: Pledge, emails) -> list[TeamMember]:
    """Invite addresses to a team pledge, once each; returns the new invitations.

    An address already invited, the pledger's own and those of members who accepted are
    skipped, as is anything past TEAM_SIZE_MAX people invited to one pledge. The emails go
    now if the pledge is approved, else when an organiser approves it, so that nobody is
    sent words that no organiser has read.
    """
    wanted = list(dict.fromkeys(e.strip().lower() for e in emails if e and e.strip()))
    invited = []
    with transaction.atomic():
        pledge = Pledge.objects.select_for_update().select_related("author").get(pk=pledge.pk)
        members = pledge.members.exclude(status=TeamMember.Status.DECLINED)
        known = {pledge.author.email.lower()}
        known |= {m.email for m in members if m.email}
        known |= {m.user.email.lower() for m in members.select_related("user") if m.user}
        room = TEAM_SIZE_MAX - members.count()
        for email in wanted:
            if email in known or room <= 0:
                continue
            member = TeamMember.objects.create(pledge=pledge, email=email)
            if pledge.status == Pledge.Status.APPROVED:
                _send_invitation(member, pledge)
            known.add(email)
            invited.append(member)
            room -= 1
    return invited


def _send_invitation(member: TeamMember, pledge: Pledge) -> None:
    member.invited_at = timezone.now()
    member.save(update_fields=["invited_at"])
    queue_email(
        to=member.email,
        subject="you are invited to join a team pledge",
        template="pledges/email/team_invitation.txt",
        context={
            "pledge": pledge,
            "invitation_url": invitation_url(member),
            "valid_days": INVITATION_MAX_AGE.days,
        },
        about=member,
    )


def _lock_invitation(member: TeamMember) -> TeamMember:
    member = TeamMember.objects.select_for_update().select_related("pledge").get(pk=member.pk)
    if member.status != TeamMember.Status.INVITED:
        raise InvitationAnswered
    return member


def team_member_accept(
    *, member: TeamMember, user, show_name=False, show_organisation=False
) -> TeamMember:
    """Join the team as `user`, showing what they chose; the invited address is forgotten.

    Someone already in the team (the pledger, or a member) just loses the spare invitation.
    Raises InvitationAnswered if it was answered before.
    """
    with transaction.atomic():
        member = _lock_invitation(member)
        pledge = member.pledge
        existing = pledge.members.accepted().filter(user=user).first()
        if pledge.author_id == user.pk or existing:
            _forget_invitations(TeamMember.objects.filter(pk=member.pk))
            return existing or member
        member.user = user
        member.email = ""
        member.status = TeamMember.Status.ACCEPTED
        member.responded_at = timezone.now()
        member.show_name = show_name
        member.show_organisation = show_organisation
        member.save()
        erase_mail_about(member)
    return member


def team_member_decline(*, member: TeamMember) -> None:
    """Say no: the invitation stays as a declined one that holds nobody's address."""
    with transaction.atomic():
        member = _lock_invitation(member)
        member.email = ""
        member.status = TeamMember.Status.DECLINED
        member.responded_at = timezone.now()
        member.save()
        erase_mail_about(member)


def team_member_update(
    *, member: TeamMember, show_name: bool, show_organisation: bool, lesson: str
):
    """A member's own choices: what of them is shown, and their own lesson (a new or changed
    lesson waits for an organiser)."""
    with transaction.atomic():
        member = TeamMember.objects.select_for_update().get(pk=member.pk)
        member.show_name = show_name
        member.show_organisation = show_organisation
        if lesson != member.lesson:
            member.lesson = lesson
            member.lesson_status = (
                TeamMember.LessonStatus.PENDING if lesson else TeamMember.LessonStatus.NONE
            )
            member.lesson_submitted_at = timezone.now() if lesson else None
            member.lesson_moderated_at = None
        member.save()
    return member


def team_invitation_cancel(*, pledge: Pledge, member_id: int) -> bool:
    """The pledger takes back an invitation nobody has answered."""
    with transaction.atomic():
        return bool(_forget_invitations(pledge.members.awaiting_answer().filter(pk=member_id)))


def team_member_leave(*, pledge: Pledge, user) -> bool:
    """Take the person out of a team pledge; the rest of the pledge stays. Returns False when
    the pledger is alone in it (there is nobody to hand it to).

    A member's row goes, with their choices and lesson. A pledger hands the pledge to the member
    who joined first, whose choice about their name then applies; the pledger's photo goes with
    them.
    """
    with transaction.atomic():
        pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
        if pledge.author_id != user.pk:
            pledge.members.filter(user=user).delete()
            return True
        heir = pledge.members.accepted().order_by("responded_at", "pk").first()
        if heir is None:
            return False
        pledge.author_id = heir.user_id
        pledge.show_name = heir.show_name
        pledge.submission_key = None
        _detach_photo(pledge)
        pledge.save()
        heir.delete()
    return True


def team_invitations_expire(*, now=None) -> int:
    """Forget invitations nobody answered in INVITATION_MAX_AGE, with their addresses."""
    with transaction.atomic():
        return _forget_invitations(TeamMember.objects.expired(now=now))


def team_invitations_forget(*, invitations) -> int:
    """Delete invitations and every email about them (an invited person erasing their data)."""
    with transaction.atomic():
        return _forget_invitations(invitations)


def _forget_invitations(invitations) -> int:
    count = 0
    for member in invitations:
        erase_mail_about(member)
        member.delete()
        count += 1
    return count


def member_lessons_approve(*, members) -> int:
    return members.filter(lesson_status=TeamMember.LessonStatus.PENDING).update(
        lesson_status=TeamMember.LessonStatus.APPROVED, lesson_moderated_at=timezone.now()
    )


def member_lessons_reject(*, members) -> int:
    return members.filter(lesson_status=TeamMember.LessonStatus.PENDING).update(
        lesson_status=TeamMember.LessonStatus.REJECTED, lesson_moderated_at=timezone.now()
    )
