"""Knowledge-mobilisation techniques and the pledges people make to try them."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from knowvember.models import Campaign, Region
from knowvember.search import search_document_field

TITLE_MAX = 120
TEXT_MAX = 1000
AAR_MAX = 1500
TEAM_NAME_MAX = 150
TEAM_SIZE_MAX = 20  # invitations per team pledge, answered or not


class Activity(models.Model):
    """A knowledge-mobilisation technique from the NHS Knowledge Mobilisation Framework."""

    class Stage(models.TextChoices):
        BEFORE = "before", "Learning before"
        DURING = "during", "Learning during"
        AFTER = "after", "Learning after"

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    stage = models.CharField(max_length=10, choices=Stage.choices)
    description = models.TextField(
        max_length=600, help_text="Plain text: a sentence or two in our own words."
    )
    order = models.PositiveSmallIntegerField(default=0)
    # Searched with the pledges that use the technique (see pledges/search.py).
    search_document = search_document_field({"name": "A"})

    class Meta:
        ordering = ["order", "name"]
        # The site calls them techniques; the model keeps its first name.
        verbose_name = "technique"
        verbose_name_plural = "techniques"

    def __str__(self):
        return self.name


def first_of_month(value: datetime.date) -> datetime.date:
    return value.replace(day=1)


class PledgeQuerySet(models.QuerySet):
    def on_wall(self):
        """Approved pledges, newest first, with what a card shows."""
        return (
            self.filter(status=Pledge.Status.APPROVED)
            .select_related("author", "activity", "region", "campaign")
            .order_by("-created_at", "-pk")
        )

    def carried_out(self):
        """Pledges that happened, in full or in part: the ones with lessons to share."""
        return self.filter(Pledge.carried_out_q())

    def with_lessons(self):
        """Approved pledges that were carried out and whose lessons an organiser has approved."""
        return (
            self.on_wall()
            .carried_out()
            .filter(lessons_status=Pledge.LessonsStatus.APPROVED)
            .order_by("-lessons_moderated_at", "-pk")
        )

    def with_people(self):
        """Each pledge's `people`: the pledger plus the team members who accepted."""
        members = (
            TeamMember.objects.accepted()
            .filter(pledge=models.OuterRef("pk"))
            .order_by()
            .values("pledge")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(
            people=1 + Coalesce(models.Subquery(members, output_field=models.IntegerField()), 0)
        )

    def totals(self) -> dict:
        """How many pledges, carried out how often, from how many people (each pledger, plus
        every accepted team member: someone in two pledges counts twice, as each pledge does),
        in how many regions."""
        accepted = models.Q(members__status=TeamMember.Status.ACCEPTED)
        totals = self.order_by().aggregate(
            pledges=models.Count("pk", distinct=True),
            completed=models.Count("pk", filter=Pledge.carried_out_q(), distinct=True),
            members=models.Count("members", filter=accepted, distinct=True),
            regions=models.Count("region", distinct=True),
        )
        totals["people"] = totals["pledges"] + totals.pop("members")
        return totals

    def of_team(self, user):
        """Pledges the person made or joined as an accepted team member, still open."""
        return (
            self.filter(
                models.Q(author=user)
                | models.Q(members__user=user, members__status=TeamMember.Status.ACCEPTED)
            )
            .exclude(status=Pledge.Status.WITHDRAWN)
            .distinct()
        )

    def owned_by(self, user):
        """The person's own pledges that they can still change: a withdrawn pledge is closed."""
        return self.filter(author=user).exclude(status=Pledge.Status.WITHDRAWN)

    def awaiting_moderation(self):
        """The moderation queue: pending pledges, oldest first."""
        return self.filter(status=Pledge.Status.PENDING).order_by("created_at", "pk")

    def next_to_moderate(self, *, after: "Pledge | None" = None) -> "Pledge | None":
        """The pending pledge a moderator sees after deciding on `after`: the next one in the
        queue, or, at the end, the first one they skipped; None when the queue is empty."""
        queue = self.awaiting_moderation()
        if after is None:
            return queue.first()
        later = models.Q(created_at__gt=after.created_at) | models.Q(
            created_at=after.created_at, pk__gt=after.pk
        )
        return queue.filter(later).first() or queue.exclude(pk=after.pk).first()

    def due_follow_up(self, *, today: datetime.date):
        """Approved pledges whose target month is over, not yet emailed and not yet answered."""
        return self.filter(
            status=Pledge.Status.APPROVED,
            target_month__lt=first_of_month(today),
            follow_up_emailed_at__isnull=True,
            outcome="",
        ).select_related("author", "activity")


def photo_path(instance, filename):
    return f"pledges/photos/{filename}"


class Pledge(models.Model):
    """A promise to try one knowledge-mobilisation technique, then to say what happened."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for approval"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Not approved"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Effort(models.TextChoices):
        SMALL = "small", "Small – an hour or two"
        MEDIUM = "medium", "Medium – a few days"
        LARGE = "large", "Large – a project over weeks"

    class Outcome(models.TextChoices):
        DONE = "done", "Yes, I did it"
        PARTLY = "partly", "I partly did it"
        POSTPONED = "postponed", "I have postponed it"
        NOT_DONE = "not_done", "No, it did not happen"

    # The "carried out" rule, written once: the pledger did it, in full or in part.
    CARRIED_OUT = (Outcome.DONE, Outcome.PARTLY)

    class LessonsStatus(models.TextChoices):
        NONE = "", "No lessons yet"
        PENDING = "pending", "Waiting for approval"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Not approved"

    # Fields whose change sends an approved pledge back to moderation: what the public reads.
    MODERATED_FIELDS = ("title", "text", "organisation", "team_name", "photo_alt")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pledges"
    )
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="pledges", verbose_name="edition"
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, related_name="pledges", verbose_name="technique"
    )
    title = models.CharField(max_length=TITLE_MAX)
    text = models.TextField("what I will do", max_length=TEXT_MAX)
    target_month = models.DateField(help_text="The first day of the month the pledge is for.")
    effort = models.CharField(max_length=10, choices=Effort.choices, default=Effort.SMALL)
    organisation = models.CharField(max_length=200, blank=True)
    # A team pledge has a team name; its other members are TeamMember rows.
    team_name = models.CharField(max_length=TEAM_NAME_MAX, blank=True)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    photo = models.ImageField(upload_to=photo_path, blank=True)
    photo_thumbnail = models.ImageField(upload_to=photo_path, blank=True)
    photo_width = models.PositiveIntegerField(null=True, blank=True)
    photo_height = models.PositiveIntegerField(null=True, blank=True)
    photo_alt = models.CharField("photo description", max_length=250, blank=True)
    show_name = models.BooleanField("show my name", default=False)
    show_organisation = models.BooleanField("show my organisation", default=False)
    show_photo = models.BooleanField("show my photo", default=False)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    rejection_reason = models.TextField(blank=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A random key in the form makes a double submit create one pledge, not two.
    submission_key = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    aar_planned = models.TextField("what was supposed to happen?", max_length=AAR_MAX, blank=True)
    aar_actual = models.TextField("what actually happened?", max_length=AAR_MAX, blank=True)
    aar_difference = models.TextField("why was there a difference?", max_length=AAR_MAX, blank=True)
    aar_next = models.TextField("what will you do next time?", max_length=AAR_MAX, blank=True)
    lessons_status = models.CharField(
        max_length=10, choices=LessonsStatus.choices, blank=True, default=LessonsStatus.NONE
    )
    lessons_rejection_reason = models.TextField(blank=True)
    lessons_submitted_at = models.DateTimeField(null=True, blank=True)
    lessons_moderated_at = models.DateTimeField(null=True, blank=True)
    follow_up_emailed_at = models.DateTimeField(null=True, blank=True)
    # What site search matches, kept by the database; pledges/search.py reads the same weights.
    SEARCH_WEIGHTS = {"title": "A", "text": "C"}
    search_document = search_document_field(SEARCH_WEIGHTS)

    objects = PledgeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-created_at", "-id"], name="pledge_wall_order_idx")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "submission_key"], name="one_pledge_per_submission"
            ),
            models.CheckConstraint(
                condition=models.Q(photo="") | ~models.Q(photo_alt=""),
                name="pledge_photo_has_alt_text",
                violation_error_message="Describe the photo for people who cannot see it.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pledges:detail", kwargs={"pk": self.pk})

    @classmethod
    def carried_out_q(cls, path: str = "") -> models.Q:
        """The "carried out" rule as a condition, for counts; `path` reaches pledges from
        another model (`"pledges__"` from an Activity)."""
        return models.Q(**{f"{path}outcome__in": cls.CARRIED_OUT})

    @property
    def is_carried_out(self) -> bool:
        return self.outcome in self.CARRIED_OUT

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def public_name(self) -> str:
        return self.author.name if self.show_name and self.author.name else ""

    @property
    def public_organisation(self) -> str:
        return self.organisation if self.show_organisation else ""

    @property
    def public_photo(self):
        return self.photo if self.show_photo and self.photo else None

    @property
    def public_thumbnail(self):
        return self.photo_thumbnail if self.show_photo and self.photo_thumbnail else None

    @property
    def is_team(self) -> bool:
        return bool(self.team_name)

    @property
    def has_public_lessons(self) -> bool:
        return self.lessons_status == self.LessonsStatus.APPROVED and self.is_carried_out

    @property
    def has_lessons(self) -> bool:
        return any([self.aar_planned, self.aar_actual, self.aar_difference, self.aar_next])

    @property
    def target_month_ended(self) -> bool:
        return self.target_month < first_of_month(timezone.localdate())

    @property
    def can_be_edited(self) -> bool:
        return self.status != self.Status.WITHDRAWN


class TeamMemberQuerySet(models.QuerySet):
    def accepted(self):
        """Members who said yes: the only ones counted or ever shown."""
        return self.filter(status=TeamMember.Status.ACCEPTED)

    def awaiting_answer(self):
        return self.filter(status=TeamMember.Status.INVITED)

    def held(self):
        """Invitations not emailed yet: they wait until an organiser approves the pledge."""
        return self.awaiting_answer().filter(invited_at__isnull=True)

    def expired(self, *, now=None):
        """Invitations nobody answered within INVITATION_MAX_AGE."""
        now = now or timezone.now()
        return self.awaiting_answer().filter(invited_at__lt=now - INVITATION_MAX_AGE)

    def on_page(self):
        """Accepted members with the lessons and what they agreed to show, for a pledge page."""
        return self.accepted().select_related("user").order_by("responded_at", "pk")

    def lessons_approved(self):
        return self.accepted().filter(lesson_status=TeamMember.LessonStatus.APPROVED)


INVITATION_MAX_AGE = datetime.timedelta(days=14)


class TeamMember(models.Model):
    """Someone invited to a team pledge. The invited address is kept only while the invitation
    waits for an answer; an accepted member is their account, and a declined or expired one is
    nobody."""

    class Status(models.TextChoices):
        INVITED = "invited", "Invited"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    # A member's own lesson is moderated in the same steps as the pledge's lessons.
    LessonStatus = Pledge.LessonsStatus

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="members")
    email = models.EmailField(blank=True, help_text="Only while the invitation waits.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="team_memberships",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.INVITED)
    # Empty while the pledge waits for an organiser: invitations carry only approved words.
    invited_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    show_name = models.BooleanField("show my name", default=False)
    show_organisation = models.BooleanField("show my organisation", default=False)
    lesson = models.TextField("my lesson", max_length=AAR_MAX, blank=True)
    lesson_status = models.CharField(
        max_length=10, choices=LessonStatus.choices, blank=True, default=LessonStatus.NONE
    )
    lesson_submitted_at = models.DateTimeField(null=True, blank=True)
    lesson_moderated_at = models.DateTimeField(null=True, blank=True)

    objects = TeamMemberQuerySet.as_manager()

    class Meta:
        ordering = ["invited_at", "pk"]
        verbose_name = "team member"
        constraints = [
            models.UniqueConstraint(
                fields=["pledge", "email"],
                condition=~models.Q(email=""),
                name="one_invitation_per_address",
            ),
            models.UniqueConstraint(
                fields=["pledge", "user"],
                condition=models.Q(user__isnull=False),
                name="one_membership_per_person",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="accepted") | models.Q(user__isnull=False, email=""),
                name="accepted_member_is_an_account",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="declined") | models.Q(user__isnull=True, email=""),
                name="declined_member_is_nobody",
            ),
        ]

    def __str__(self):
        if self.status == self.Status.ACCEPTED:
            return f"Member of “{self.pledge}”"
        return f"{self.get_status_display()} to “{self.pledge}”"

    @property
    def public_name(self) -> str:
        if self.status != self.Status.ACCEPTED or not self.show_name:
            return ""
        return self.user.name

    @property
    def public_organisation(self) -> str:
        if self.status != self.Status.ACCEPTED or not self.show_organisation:
            return ""
        return self.user.organisation

    @property
    def has_public_lesson(self) -> bool:
        return self.lesson_status == self.LessonStatus.APPROVED and bool(self.lesson)
