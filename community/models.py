"""The community-of-practice mailing list: who asked to join, and proof that they agreed."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from knowvember.models import Region
from knowvember.outbox import suppressed_emails

# The wording a fresh site starts with (demo data and an empty database both use it).
DEFAULT_CONSENT_WORDING = (
    "I agree that NHS England may email me news from the KNOWvember knowledge-management "
    "community of practice: about one email a month, and up to one a week in November. "
    "I can leave at any time with the link in every email. NHS England keeps a record of "
    "when I agreed and of this wording, and does not share my address with anyone else."
)


DEFAULT_DIGEST_WORDING = (
    "I agree that NHS England may also email me the KNOWvember lessons digest: once a week, "
    "only in weeks when colleagues' lessons learned have been published. I can stop the digest "
    "at any time with the link in every digest, and stay on the mailing list. NHS England keeps "
    "a record of when I agreed and of this wording."
)


def normalise_email(email: str) -> str:
    """One spelling per address: no surrounding spaces, all lower case."""
    return (email or "").strip().lower()


class ConsentWordingQuerySet(models.QuerySet):
    def current(self, kind: str = "list") -> "ConsentWording":
        """The newest wording of a kind (the list's, or the digest's); created from the default
        if the site has none yet."""
        wording = self.filter(kind=kind).order_by("-version").first()
        if wording is None:
            default = DEFAULT_DIGEST_WORDING if kind == "digest" else DEFAULT_CONSENT_WORDING
            wording, _ = self.get_or_create(kind=kind, version=1, defaults={"text": default})
        return wording


class ConsentWording(models.Model):
    """One version of what people agree to when they join.

    A version that anyone has agreed to is never edited or deleted: publish a new version.
    """

    class Kind(models.TextChoices):
        LIST = "list", "Mailing list"
        DIGEST = "digest", "Weekly lessons digest"

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.LIST)
    version = models.PositiveIntegerField()
    text = models.TextField(help_text="Shown next to the Join button, word for word.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ConsentWordingQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="one_wording_per_version")
        ]

    def __str__(self):
        if self.kind == self.Kind.DIGEST:
            return f"Digest version {self.version}"
        return f"Version {self.version}"

    def save(self, *args, **kwargs):
        # The consent record must show exactly what people saw: refuse in-place edits even
        # when they bypass forms (shell, scripts).
        self.clean()
        super().save(*args, **kwargs)

    def is_in_use(self) -> bool:
        return self.pk is not None and (
            Subscription.objects.filter(
                models.Q(consent_wording=self) | models.Q(digest_consent_wording=self)
            ).exists()
            or ConsentEvent.objects.filter(
                models.Q(consent_wording=self) | models.Q(digest_consent_wording=self)
            ).exists()
        )

    def clean(self):
        if self.pk is None:
            return
        stored = ConsentWording.objects.filter(pk=self.pk).values("version", "text").first()
        changed = stored and (stored["version"], stored["text"]) != (self.version, self.text)
        if changed and self.is_in_use():
            raise ValidationError(
                "People have agreed to this version, so it cannot be changed. "
                "Add a new version instead."
            )


class SubscriptionQuerySet(models.QuerySet):
    def current(self):
        """Confirmed subscribers who have not left: the only people we may email news to."""
        return self.filter(status=Subscription.Status.SUBSCRIBED)

    def mailable(self):
        """Current subscribers whose address has not bounced or complained: list mail goes
        only to them (Mailman's bounce processing does the same)."""
        return self.current().exclude(email__in=suppressed_emails())

    def digest_readers(self):
        """Mailable subscribers who opted in to the weekly lessons digest."""
        return self.mailable().filter(digest_joined_at__isnull=False)

    def for_user(self, user):
        """Rows linked to `user`, or for their login address or any address they have verified.

        (Signing in needs a verified login address, so `user.email` is theirs too.)
        """
        from allauth.account.models import EmailAddress

        verified = EmailAddress.objects.filter(user=user, verified=True).values("email")
        return self.filter(
            models.Q(user=user)
            | models.Q(email=normalise_email(user.email))
            | models.Q(email__in=verified)
        )


class Subscription(models.Model):
    """One address on the mailing list, with its consent record."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending confirmation"
        SUBSCRIBED = "subscribed", "Subscribed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    email = models.EmailField(unique=True, help_text="Stored in lower case.")
    name = models.CharField(max_length=150)
    role = models.CharField(max_length=150)
    organisation = models.CharField(max_length=200)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="community_subscriptions",
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    # The consent record.
    consent_wording = models.ForeignKey(
        ConsentWording, on_delete=models.PROTECT, related_name="subscriptions"
    )
    signed_up_at = models.DateTimeField(default=timezone.now)
    signup_ip = models.GenericIPAddressField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirm_ip = models.GenericIPAddressField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    # When the latest confirm link was queued (a second one waits RESEND_MIN_GAP); its
    # delivery is recorded in the outbox.
    confirmation_attempted_at = models.DateTimeField(null=True, blank=True)
    # The weekly lessons digest, opted in to separately with its own wording.
    digest_joined_at = models.DateTimeField(
        null=True, blank=True, help_text="Set while they get the weekly lessons digest."
    )
    digest_consent_wording = models.ForeignKey(
        ConsentWording,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="digest_subscriptions",
    )
    digest_left_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_up_at"]
        indexes = [models.Index(fields=["status", "signed_up_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(email=models.functions.Lower(models.F("email"))),
                name="subscription_email_lower_case",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="subscribed") | models.Q(confirmed_at__isnull=False),
                name="subscribed_means_confirmed",
            ),
        ]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("community:signup")

    def awaits_confirmation(self) -> bool:
        """Pending, or asked to join again since leaving: a confirm link may still act."""
        if self.status == self.Status.PENDING:
            return True
        return self.request_awaiting_confirmation() is not None

    def request_awaiting_confirmation(self) -> "ConsentEvent | None":
        """The sign-up this address has asked for and not yet confirmed, if any.

        A pending row's newest request; for someone who left, a request made since they left.
        A subscriber has nothing to confirm.
        """
        if self.status == self.Status.SUBSCRIBED:
            return None
        latest = self.consent_events.filter(kind=ConsentEvent.Kind.SIGNED_UP).last()
        if self.status == self.Status.UNSUBSCRIBED and (
            latest is None or self.unsubscribed_at is None or latest.at <= self.unsubscribed_at
        ):
            return None
        return latest


class ConsentEvent(models.Model):
    """One step in an address's consent history: a request to join, a confirmation or a leaving.

    Rows are only ever added, so the history shows every step with its time, client address and
    the wording it concerned. A request to join carries the details it gave; they reach the
    subscription only when the owner of the address confirms.
    """

    class Kind(models.TextChoices):
        SIGNED_UP = "signed_up", "Asked to join"
        CONFIRMED = "confirmed", "Confirmed"
        UNSUBSCRIBED = "unsubscribed", "Left"
        DIGEST_JOINED = "digest_join", "Joined the lessons digest"
        DIGEST_LEFT = "digest_left", "Left the lessons digest"

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="consent_events"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)
    ip = models.GenericIPAddressField(null=True, blank=True)
    consent_wording = models.ForeignKey(
        ConsentWording, on_delete=models.PROTECT, related_name="consent_events"
    )
    # What a request to join asked for (blank for other kinds).
    name = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=150, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A request to join that also asked for the digest: the digest wording it agreed to.
    digest_consent_wording = models.ForeignKey(
        ConsentWording, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["subscription", "at"])]

    def __str__(self):
        return f"{self.get_kind_display()} at {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Consent events are never changed: add a new one instead.")
        super().save(*args, **kwargs)


def pick_subscription(subscriptions):
    """Of a person's rows (one per verified address), the one their status should show."""
    rank = {Subscription.Status.SUBSCRIBED: 0, Subscription.Status.PENDING: 1}
    rows = sorted(subscriptions, key=lambda s: -s.signed_up_at.timestamp())
    return min(rows, key=lambda s: rank.get(s.status, 2), default=None)


class DigestQuerySet(models.QuerySet):
    def sent(self):
        """Weeks that had lessons and went out, newest first (skipped weeks are kept only so
        that a week is never done twice)."""
        return self.filter(lesson_count__gt=0).order_by("-week")


class Digest(models.Model):
    """One ISO week's lessons digest: made once, sent or skipped. Its lessons are read afresh
    from the features for the archive, so a lesson withdrawn since is no longer shown."""

    week = models.DateField(unique=True, help_text="The Monday of the ISO week it covers.")
    lesson_count = models.PositiveIntegerField(default=0)
    recipient_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    objects = DigestQuerySet.as_manager()

    class Meta:
        ordering = ["-week"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(week__week_day=2), name="digest_week_starts_on_monday"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("community:digest", kwargs={"slug": self.slug})

    @property
    def iso_year(self) -> int:
        return self.week.isocalendar().year

    @property
    def iso_week(self) -> int:
        return self.week.isocalendar().week

    @property
    def slug(self) -> str:
        return f"{self.iso_year}-w{self.iso_week:02d}"

    @property
    def title(self) -> str:
        return f"Lessons learned, week {self.iso_week} of {self.iso_year}"

    @property
    def last_day(self):
        return self.week + datetime.timedelta(days=6)
