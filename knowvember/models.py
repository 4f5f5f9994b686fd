"""Campaign editions and NHS England regions: the spine every feature app hangs on."""

from django.db import models
from django.urls import reverse

from knowvember.search import search_document_field


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
