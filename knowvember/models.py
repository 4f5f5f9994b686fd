"""Campaign editions and NHS England regions: the spine every feature app hangs on.

Also the outbox: every email the site sends, as one row, and the addresses mail must avoid.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone

from knowvember.search import search_document_field

# The region for national speakers and online events open to everyone (see knowvember/demo.py).
NATIONAL_REGION_SLUG = "national-outside-england"


class Region(models.Model):
    """One of NHS England's seven regions, or national / outside England."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    # Searched with the events it hosts (see events/search.py).
    search_document = search_document_field({"name": "A"})

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    @property
    def is_national(self) -> bool:
        """Not one NHS England region: pages say who can join rather than who hosts."""
        return self.slug == NATIONAL_REGION_SLUG


class CampaignQuerySet(models.QuerySet):
    def current(self):
        """The edition the home page is about: the one marked current, else the latest."""
        return self.order_by("-is_current", "-year").first()


class Campaign(models.Model):
    """One edition of KNOWvember (KNOWvember18, KNOWvember20, ...)."""

    name = models.CharField(max_length=40, unique=True, help_text="For example KNOWvember20.")
    slug = models.SlugField(max_length=40, unique=True)
    year = models.PositiveSmallIntegerField(unique=True)
    theme = models.CharField(max_length=200, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    summary = models.TextField(
        blank=True, help_text="Plain text. Blank lines start new paragraphs."
    )
    is_current = models.BooleanField(
        default=False, help_text="The edition shown on the home page. Only one can be current."
    )
    # What site search matches, kept by the database.
    search_document = search_document_field({"name": "A", "theme": "B", "summary": "C"})

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = "edition"
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="only_one_current_campaign",
                violation_error_message="Another edition is already current.",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="campaign_ends_after_it_starts",
                violation_error_message="The end date must be on or after the start date.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("campaign", kwargs={"slug": self.slug})


class OutboundEmailQuerySet(models.QuerySet):
    def due(self, now, *, claim_lease):
        """Mail a worker may send now: waiting for its (next) attempt, or claimed by a worker
        that has not reported back within `claim_lease` (it stopped mid-send)."""
        Status = OutboundEmail.Status
        return self.filter(
            models.Q(status__in=[Status.QUEUED, Status.FAILED], next_attempt_at__lte=now)
            | models.Q(status=Status.SENDING, last_attempt_at__lt=now - claim_lease)
        )

    def needing_attention(self):
        """Mail that has not gone: failing and still being tried, or given up."""
        return self.filter(status__in=[OutboundEmail.Status.FAILED, OutboundEmail.Status.GIVEN_UP])

    def about(self, obj):
        """The mail sent about one object (a booking, a pledge, a subscription)."""
        return self.filter(about_type=ContentType.objects.get_for_model(obj), about_id=str(obj.pk))


class OutboundEmail(models.Model):
    """One email, written in the transaction of the change that caused it and sent by a worker.

    Rendered in full when queued, so a retry sends exactly what the change asked for.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed, will try again"
        GIVEN_UP = "given_up", "Given up"
        SUPPRESSED = "suppressed", "Not sent: the address bounced or complained"

    to = models.EmailField()
    from_email = models.CharField(max_length=254)
    kind = models.CharField(
        max_length=80, help_text="Which email this is, for example events.confirmed."
    )
    # What the email is about, without core knowing the feature apps' models.
    about_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    about_id = models.CharField(max_length=64, blank=True)
    about = GenericForeignKey("about_type", "about_id")

    subject = models.TextField()
    body = models.TextField(blank=True)
    html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    attachments = models.JSONField(
        default=list, blank=True, help_text="[filename, text content, MIME type] lists."
    )
    contains_secret = models.BooleanField(
        default=False,
        help_text="Holds a sign-in link or code: hidden in the admin, erased once sent.",
    )

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True, default=timezone.now)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    give_up_at = models.DateTimeField(help_text="No attempt is made after this.")

    # What the mail service reported later (django-anymail tracking webhooks).
    message_id = models.CharField(max_length=255, blank=True, db_index=True)
    delivery_event = models.CharField(
        max_length=20, blank=True, help_text="The latest report: delivered, bounced, complained…"
    )
    delivery_event_at = models.DateTimeField(null=True, blank=True)
    delivery_detail = models.TextField(blank=True)

    objects = OutboundEmailQuerySet.as_manager()

    class Meta:
        verbose_name = "email"
        verbose_name_plural = "outbox"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["about_type", "about_id"]),
            models.Index(fields=["to"]),
        ]

    def __str__(self):
        return f"{self.kind} to {self.to}"

    @property
    def is_list_mail(self) -> bool:
        """Mail from a mailing list carries List-Unsubscribe; it stops at bounced addresses."""
        return any(name.lower() == "list-unsubscribe" for name in self.headers)


class SuppressedAddress(models.Model):
    """An address whose mail hard-bounced or whose owner marked it as spam.

    The mailing list stops mailing it (as Mailman's bounce processing does); delete the row
    to start again once the person says the address works.
    """

    class Reason(models.TextChoices):
        BOUNCED = "bounced", "Hard bounce"
        COMPLAINED = "complained", "Spam complaint"

    email = models.EmailField(unique=True, help_text="Stored in lower case.")
    reason = models.CharField(max_length=12, choices=Reason.choices)
    detail = models.TextField(blank=True, help_text="What the mail service said.")
    reported_by = models.CharField(max_length=40, blank=True, help_text="The mail service.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "suppressed address"
        verbose_name_plural = "suppressed addresses"
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class RateLimitCounter(models.Model):
    """Hits on one rate limit in one time window, for sites whose cache is the database.

    The database cache's incr is a read then a write, so a burst of requests could all read the
    same count; knowvember.ratelimit increments this row in one INSERT … ON CONFLICT instead.
    """

    key = models.CharField(max_length=120, primary_key=True)
    hits = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.key}: {self.hits}"
