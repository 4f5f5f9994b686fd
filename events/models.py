"""Events of the campaign (regional days, online sessions, #ukmedlibs chats) and bookings."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from knowvember.models import Campaign, Region
from knowvember.search import search_document_field


class EventQuerySet(models.QuerySet):
    def published(self):
        """What the public may see."""
        return self.filter(is_published=True)

    def upcoming(self, now=None):
        """Events that have not finished yet, soonest first."""
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def starting_within(self, days: int, now=None):
        """Upcoming events that start in the next `days` days, soonest first."""
        now = now or timezone.now()
        return self.upcoming(now).filter(starts_at__lt=now + datetime.timedelta(days=days))

    def past(self, now=None):
        """Events that have finished, most recent first (the archive)."""
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")

    def with_place_counts(self):
        """Annotate `confirmed_count` and `waiting_count`.

        Correlated subqueries rather than JOIN + GROUP BY: a paginated list only computes them
        for the rows on the page, and `count()` can drop them entirely.
        """

        def count_of(status):
            rows = (
                Registration.objects.filter(event=OuterRef("pk"), status=status)
                .order_by()
                .values("event")
                .annotate(n=Count("pk"))
                .values("n")
            )
            return Coalesce(models.Subquery(rows, output_field=models.IntegerField()), 0)

        return self.annotate(
            confirmed_count=count_of(Registration.Status.CONFIRMED),
            waiting_count=count_of(Registration.Status.WAITING),
        )

    def with_user_status(self, user):
        """Annotate `user_status`: the signed-in person's booking status, or None."""
        if not user.is_authenticated:
            return self.annotate(user_status=models.Value(None, output_field=models.CharField()))
        mine = Registration.objects.active().filter(event=OuterRef("pk"), user=user)
        return self.annotate(user_status=models.Subquery(mine.values("status")[:1]))

    def listing(self, now=None):
        """Upcoming events first (soonest first), then the archive (most recent first)."""
        now = now or timezone.now()
        is_past = models.Case(
            models.When(ends_at__lt=now, then=models.Value(True)),
            default=models.Value(False),
            output_field=models.BooleanField(),
        )
        upcoming_start = models.Case(models.When(ends_at__gte=now, then="starts_at"))
        return (
            self.select_related("campaign", "region")
            .annotate(is_past=is_past)
            .order_by("is_past", upcoming_start, "-starts_at", "-pk")
        )


class Event(models.Model):
    """One event of an edition: a face-to-face day, an online session or an online chat."""

    class Format(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        ONLINE_SESSION = "online_session", "Online session"
        ONLINE_CHAT = "online_chat", "Online chat"

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="events", verbose_name="edition"
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="events",
        help_text="The hosting region. Use “National / outside England” for national events.",
    )
    format = models.CharField(max_length=20, choices=Format.choices, default=Format.IN_PERSON)
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in the event's address.")
    starts_at = models.DateTimeField("starts", help_text="UK time.")
    ends_at = models.DateTimeField("ends", help_text="UK time.")
    venue_name = models.CharField(max_length=200, blank=True, help_text="In-person events only.")
    venue_address = models.TextField(blank=True, help_text="In-person events only.")
    join_url = models.URLField(
        "online join link",
        max_length=500,
        blank=True,
        help_text="Teams or Zoom link. Shown only to people with a confirmed place.",
    )
    hashtag = models.CharField(
        max_length=60, blank=True, help_text="Online chats: for example #ukmedlibs."
    )
    how_to_join = models.TextField(
        blank=True, help_text="Online chats: how to take part (no booking needed)."
    )
    description = models.TextField(help_text="Plain text. Blank lines start new paragraphs.")
    accessibility = models.TextField(
        "accessibility information",
        blank=True,
        help_text="Step-free access, hearing loops, captions, quiet rooms, who to ask.",
    )
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="Number of places. Leave blank for no limit."
    )
    bookings_open = models.BooleanField(default=True)
    is_published = models.BooleanField(
        "published", default=False, help_text="Unpublished events are invisible to the public."
    )
    cancelled_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="Set when an organiser cancels the event."
    )
    # The iCalendar SEQUENCE: raised whenever the time or place changes, so calendars that
    # already hold the event update it instead of keeping the old one.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # What site search matches, kept by the database; events/search.py reads the same weights.
    SEARCH_WEIGHTS = {"title": "A", "hashtag": "A", "description": "B"}
    search_document = search_document_field(SEARCH_WEIGHTS)

    # What attendees rely on to turn up: a change to any of these is emailed to them.
    ATTENDEE_FIELDS = ("starts_at", "ends_at", "venue_name", "venue_address", "join_url")

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_it_starts",
                violation_error_message="The end must be after the start.",
            ),
        ]
        indexes = [models.Index(fields=["is_published", "ends_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def clean(self):
        """Catch the organiser's slips the page would otherwise show (admin form validation)."""
        errors = {}
        if self.format == self.Format.ONLINE_CHAT and not self.hashtag:
            errors["hashtag"] = "An online chat needs its hashtag, for example #ukmedlibs."
        if self.format == self.Format.IN_PERSON and self.join_url:
            errors["join_url"] = "Only online events have a join link."
        if self.format == self.Format.IN_PERSON and not self.venue_name:
            errors["venue_name"] = "Say where an in-person event takes place."
        if self.hashtag and not self.hashtag.startswith("#"):
            errors["hashtag"] = "Start the hashtag with #."
        if errors:
            raise ValidationError(errors)

    @property
    def is_online(self):
        return self.format != self.Format.IN_PERSON

    @property
    def is_chat(self):
        return self.format == self.Format.ONLINE_CHAT

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None

    def has_started(self, now=None):
        return self.starts_at <= (now or timezone.now())

    def booking_problem(self, now=None):
        """Why nobody can book now (a sentence for the page), or None when booking is open."""
        if not self.is_published:
            return "This event is not published."
        if self.is_cancelled:
            return "This event has been cancelled."
        if self.is_chat:
            return "This is an online chat: there is nothing to book, just join in on the day."
        if self.has_started(now):
            return "This event has already taken place, so it can no longer be booked."
        if not self.bookings_open:
            return "Bookings for this event are closed."
        return None

    def places_left(self):
        """Places left, from the `with_place_counts()` annotation; None means no limit."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_count, 0)

    def places_summary(self) -> str:
        """ "12/30 · 3 waiting": places taken, of how many, and the waiting list, for organisers
        (from the `with_place_counts()` annotation)."""
        if self.is_chat:
            return "No booking"
        taken = f"{self.confirmed_count}" + (
            f"/{self.capacity}" if self.capacity is not None else " booked, no limit"
        )
        return f"{taken} · {self.waiting_count} waiting" if self.waiting_count else taken

    def is_full(self):
        return self.capacity is not None and self.places_left() == 0


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        """Places and waiting-list places: every registration that has not been cancelled."""
        return self.exclude(status=Registration.Status.CANCELLED)


class Registration(models.Model):
    """A person's place at an event, or their place in the queue for one."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        WAITING = "waiting", "On the waiting list"
        CANCELLED = "cancelled", "Cancelled"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    # The waiting list is served in the order people (re)joined it.
    status_changed_at = models.DateTimeField(default=timezone.now)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["status_changed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_person"),
        ]
        indexes = [models.Index(fields=["event", "status", "status_changed_at"])]

    def __str__(self):
        return f"{self.user} – {self.event} ({self.get_status_display()})"

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED


def waiting_position():
    """An expression for a waiting registration's place in the queue (1 = next to be offered)."""
    ahead = Registration.objects.filter(
        event=OuterRef("event"), status=Registration.Status.WAITING
    ).filter(
        Q(status_changed_at__lt=OuterRef("status_changed_at"))
        | Q(status_changed_at=OuterRef("status_changed_at"), pk__lt=OuterRef("pk"))
    )
    count = ahead.order_by().values("event").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(models.Subquery(count, output_field=models.IntegerField()), 0) + 1
