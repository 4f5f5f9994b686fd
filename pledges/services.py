"""Writes that change a pledge's state and tell the pledger: moderation, withdrawal, follow-up."""

import datetime

from django.db import transaction
from django.utils import timezone

from knowvember.emails import queue_email
from pledges.models import Pledge


def _files_of(pledges) -> list:
    return [f for pledge in pledges for f in (pledge.photo, pledge.photo_thumbnail) if f]


def _delete_files_after_commit(files) -> None:
    """Delete only once the rows are gone for good: a rolled-back delete keeps its photo."""
    names = [(f.storage, f.name) for f in files]
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])


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
    """Take a pledge off the wall for good, and delete its photo."""
    files = _files_of([pledge])
    pledge.status = Pledge.Status.WITHDRAWN
    pledge.photo = pledge.photo_thumbnail = ""
    pledge.photo_alt = ""
    pledge.photo_width = pledge.photo_height = None
    pledge.show_photo = False
    pledge.save()
    _delete_files_after_commit(files)


def pledges_delete(*, pledges) -> int:
    """Delete pledges and their photo files."""
    pledges = list(pledges)
    files = _files_of(pledges)
    with transaction.atomic():
        for pledge in pledges:
            pledge.delete()
        _delete_files_after_commit(files)
    return len(pledges)


def replace_photo(*, pledge: Pledge, processed) -> None:
    """Attach a re-encoded photo (from knowvember.images.process_image), dropping the old one."""
    old = _files_of([pledge])
    pledge.photo.save(processed.image.name, processed.image, save=False)
    pledge.photo_thumbnail.save(processed.thumbnail.name, processed.thumbnail, save=False)
    pledge.photo_width, pledge.photo_height = processed.width, processed.height
    if old:
        _delete_files_after_commit(old)


def remove_photo(*, pledge: Pledge) -> None:
    old = _files_of([pledge])
    pledge.photo = pledge.photo_thumbnail = ""
    pledge.photo_width = pledge.photo_height = None
    pledge.photo_alt = ""
    _delete_files_after_commit(old)


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


def send_follow_ups(*, today: datetime.date | None = None) -> int:
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
