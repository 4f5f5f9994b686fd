"""News posts: written in Markdown by organisers, published at a time they choose."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from knowvember.models import Campaign
from knowvember.search import search_document_field
from news.rendering import RenderedMarkdown, render_markdown

RESERVED_SLUGS = {"feed"}


class Tag(models.Model):
    """What a post is about: events, pledges, showcases or community (a fixed list)."""

    name = models.CharField(max_length=40, unique=True)
    slug = models.SlugField(max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class PostQuerySet(models.QuerySet):
    def published(self, *, now=None):
        """Posts marked published whose publish time has come, newest first."""
        return self.filter(
            status=Post.Status.PUBLISHED, publish_at__lte=now or timezone.now()
        ).order_by("-publish_at", "-pk")

    def visible_to(self, user):
        """Published posts; organisers who may edit posts also see drafts and scheduled ones."""
        if user.is_authenticated and user.has_perm("news.change_post"):
            return self.order_by("-publish_at", "-pk")
        return self.published()

    def listing(self):
        """What a list entry shows, in a fixed number of queries whatever the count."""
        return (
            self.select_related("campaign")
            .defer("body", "campaign__summary")
            .prefetch_related("tags")
        )


def image_path(instance, filename):
    return f"news/{filename}"


class Post(models.Model):
    """A news post: what is happening in the campaign, in the organisers' words."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=150)
    slug = models.SlugField(max_length=100, unique=True)
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="posts", verbose_name="edition"
    )
    summary = models.TextField(
        max_length=300, help_text="Plain text, a sentence or two: shown in lists and search."
    )
    body = models.TextField(
        help_text="Markdown: ## for headings, * for lists, [words](link) for links. "
        "Links to events, sessions and pledges on this site are listed beside the post."
    )
    image = models.ImageField(upload_to=image_path, blank=True)
    image_thumbnail = models.ImageField(upload_to=image_path, blank=True, editable=False)
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        "image description",
        max_length=250,
        blank=True,
        help_text="What the image shows, for people who cannot see it. Leave blank only if "
        "it is decoration.",
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="posts")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        "publish time",
        default=timezone.now,
        db_index=True,
        help_text="UK time. A published post appears on the site from this time.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_document = search_document_field({"title": "A", "summary": "B", "body": "C"})

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": f"“{self.slug}” is used by the site; choose another."})

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()

    @property
    def is_scheduled(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.publish_at > timezone.now()

    @cached_property
    def rendered(self) -> RenderedMarkdown:
        return render_markdown(self.body)
