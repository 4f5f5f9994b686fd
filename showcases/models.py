"""Showcase sessions, interviews and chats, their speakers, recordings and delegate packs."""

import re
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, OuterRef, Prefetch, Q, Value, When
from django.urls import NoReverseMatch, reverse
from django.utils.text import slugify

from knowvember.documents import FORMATS, FileOrLink, human_size, private_storage
from knowvember.models import Campaign
from knowvember.search import search_document_field
from showcases.files import random_pack_name, random_transcript_name

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_YOUTUBE_URL = re.compile(
    r"^(?:https?://)?(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|live/|shorts/)"
    r"|youtube-nocookie\.com/embed/|youtu\.be/)([A-Za-z0-9_-]{11})(?:[?&#/].*)?$"
)
NOCOOKIE_ORIGIN = "https://www.youtube-nocookie.com"
RESERVED_SLUGS = {"feed"}


def youtube_id_from(value: str) -> str:
    """The 11-character video id from a YouTube URL or a bare id; ValidationError otherwise."""
    value = (value or "").strip()
    if YOUTUBE_ID.match(value):
        return value
    match = _YOUTUBE_URL.match(value)
    if not match:
        raise ValidationError(
            "Enter a YouTube video link, like https://www.youtube.com/watch?v=abcdefghijk",
            code="invalid",
        )
    return match[1]


class Speaker(models.Model):
    """A person who speaks at sessions; reused across sessions and editions."""

    name = models.CharField(max_length=120)
    role = models.CharField(max_length=150, blank=True, help_text="Job title or role.")
    organisation = models.CharField(max_length=150, blank=True)
    photo = models.ImageField(upload_to="speakers/", blank=True)
    photo_thumbnail = models.ImageField(upload_to="speakers/", blank=True, editable=False)
    photo_alt_text = models.CharField(
        max_length=200,
        blank=True,
        help_text="Describe the photo if it shows more than the speaker's face; "
        "leave blank for a plain portrait (the name is beside it).",
    )
    bio = models.TextField(max_length=1200, blank=True, help_text="A short plain-text biography.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.organisation}" if self.organisation else self.name

    @property
    def role_and_organisation(self):
        return ", ".join(part for part in (self.role, self.organisation) if part)


class ShowcaseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Published sessions; organisers who may edit sessions also see drafts (preview)."""
        if user.is_authenticated and user.has_perm("showcases.change_showcase"):
            return self
        return self.published()

    def with_badges(self):
        """Flags for the list's badges, computed in the same query."""
        transcripts = Recording.objects.filter(showcase=OuterRef("pk")).filter(
            ~Q(transcript="") | ~Q(transcript_file="")
        )
        return self.annotate(
            has_recording=Exists(
                Recording.objects.filter(showcase=OuterRef("pk")).exclude(youtube_id="")
            ),
            has_transcript=Exists(transcripts),
            has_pack=Exists(DelegatePackItem.objects.filter(showcase=OuterRef("pk"))),
        )

    def with_speakers(self):
        return self.prefetch_related(
            Prefetch(
                "session_speakers",
                queryset=SessionSpeaker.objects.select_related("speaker").order_by("order", "pk"),
            )
        )

    def in_programme_order(self):
        """Current edition first, then newest; within an edition showcases, interviews, chats."""
        kind_order = Case(
            *(When(kind=kind, then=Value(i)) for i, kind in enumerate(Showcase.Kind.values)),
            default=Value(99),
        )
        return self.order_by(
            "-campaign__is_current", "-campaign__year", kind_order, "number", "starts_at"
        )

    def for_list(self):
        """What a list entry shows, in a fixed number of queries whatever the count."""
        return (
            self.published()
            .select_related("campaign")
            .defer("programme", "campaign__summary")
            .with_badges()
            .with_speakers()
            .in_programme_order()
        )


class Showcase(models.Model):
    """A numbered session of an edition: a showcase, an interview or a chat."""

    class Kind(models.TextChoices):
        SHOWCASE = "showcase", "Showcase"
        INTERVIEW = "interview", "Interview"
        WEBINAR = "webinar", "Webinar"
        CHAT = "chat", "Chat"

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="showcases", verbose_name="edition"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.SHOWCASE)
    number = models.PositiveSmallIntegerField(
        help_text="Its number within the edition and kind: Showcase 1, Showcase 2, ..."
    )
    title = models.CharField(max_length=255)
    slug = models.SlugField(max_length=100, unique=True)
    question = models.TextField(
        max_length=600, blank=True, help_text="The question the session explores."
    )
    starts_at = models.DateTimeField(help_text="UK time.")
    programme = models.TextField(
        blank=True, help_text="Plain text, one item per line, e.g. '12.30pm Welcome'."
    )
    speakers = models.ManyToManyField(Speaker, through="SessionSpeaker", related_name="sessions")
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    # What site search matches, kept by the database (the transcript is on the recording);
    # showcases/search.py reads the same weights.
    SEARCH_WEIGHTS = {"title": "A", "question": "B", "programme": "C"}
    search_document = search_document_field(SEARCH_WEIGHTS)

    objects = ShowcaseQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        # Showcases, interviews and chats alike: the admin calls them sessions, as the site does.
        verbose_name = "session"
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "kind", "number"],
                name="showcase_number_unique_per_edition_and_kind",
                violation_error_message="This edition already has a session of that kind "
                "with that number.",
            )
        ]

    def __str__(self):
        return f"{self.campaign.name} {self.label}: {self.title}"

    def get_absolute_url(self):
        return reverse("showcases:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": f"“{self.slug}” is used by the site; choose another."})

    @property
    def label(self):
        """Showcase 2, Interview 1, Chat 1."""
        return f"{self.get_kind_display()} {self.number}"

    @property
    def programme_lines(self):
        return [line.strip() for line in self.programme.splitlines() if line.strip()]


class SessionSpeaker(models.Model):
    """A speaker's place in a session's line-up; the chair is flagged."""

    showcase = models.ForeignKey(
        Showcase, on_delete=models.CASCADE, related_name="session_speakers"
    )
    speaker = models.ForeignKey(Speaker, on_delete=models.PROTECT, related_name="appearances")
    order = models.PositiveSmallIntegerField(default=0)
    is_chair = models.BooleanField("chair", default=False)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "speaker"
        constraints = [
            models.UniqueConstraint(
                fields=["showcase", "speaker"],
                name="speaker_once_per_session",
                violation_error_message="This speaker is already in the session.",
            )
        ]

    def __str__(self):
        return str(self.speaker)


class Recording(models.Model):
    """The session's video on YouTube, with what makes it accessible.

    The video may come later than the transcript: without a video id the page says
    "Recording not yet added" and still shows the transcript.
    """

    class Captions(models.TextChoices):
        CHECKED = "checked", "Captions checked by a person"
        AUTOMATIC = "automatic", "Automatic captions, not checked"
        NONE = "none", "No captions"

    showcase = models.OneToOneField(Showcase, on_delete=models.CASCADE, related_name="recording")
    youtube_id = models.CharField(
        "YouTube video",
        max_length=11,
        blank=True,
        help_text="Paste the YouTube link (or the 11-character video id). Leave blank until "
        "the video is published: the page then says the recording is not yet added.",
    )
    still_image = models.ImageField(
        upload_to="stills/",
        blank=True,
        help_text="A still from the video, shown until the visitor presses play. "
        "JPG, PNG or WebP; we store our own copy.",
    )
    still_thumbnail = models.ImageField(upload_to="stills/", blank=True, editable=False)
    still_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    still_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    duration_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    captions = models.CharField(
        "captions status", max_length=12, choices=Captions.choices, default=Captions.NONE
    )
    transcript = models.TextField(blank=True, help_text="Plain text. Blank lines start paragraphs.")
    transcript_file = models.FileField(
        storage=private_storage,
        upload_to=random_transcript_name,
        blank=True,
        help_text="Or upload the transcript (TXT, PDF, DOCX or ODT).",
    )
    transcript_format = models.CharField(max_length=10, blank=True, editable=False)
    transcript_exemption = models.CharField(
        "transcript exemption reason",
        max_length=300,
        blank=True,
        help_text="Only if the recording may be published without a transcript, and why "
        "(recordings published after 23 September 2020 need captions or a transcript).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    SEARCH_WEIGHTS = {"transcript": "D"}
    search_document = search_document_field(SEARCH_WEIGHTS)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Recording of {self.showcase.title}" if self.showcase_id else "Recording"

    @property
    def has_transcript(self):
        return bool(self.transcript.strip() or self.transcript_file)

    @property
    def may_be_published(self) -> bool:
        """The publish rule: a transcript, or a recorded reason why this recording is exempt."""
        return self.has_transcript or bool(self.transcript_exemption.strip())

    @property
    def has_video(self):
        return bool(self.youtube_id)

    def clean(self):
        super().clean()
        if self.youtube_id:
            try:
                self.youtube_id = youtube_id_from(self.youtube_id)
            except ValidationError as error:
                raise ValidationError({"youtube_id": error}) from error
        # In the admin the session may be unsaved yet: it is cached on the instance, not by id.
        if not self.youtube_id and not self.has_transcript:
            raise ValidationError(
                "Add the YouTube link, the transcript or both.", code="video_or_transcript"
            )
        showcase = getattr(self, "showcase", None)
        published = showcase is not None and showcase.is_published
        if published and not self.may_be_published:
            raise ValidationError(
                {
                    "transcript": "A published recording needs a transcript. Add one, upload "
                    "a file, or record why it is exempt."
                },
                code="transcript_required",
            )

    @property
    def watch_url(self):
        return f"https://www.youtube.com/watch?v={self.youtube_id}"

    @property
    def embed_url(self):
        return f"{NOCOOKIE_ORIGIN}/embed/{self.youtube_id}?autoplay=1&rel=0"

    @property
    def transcript_file_label(self):
        fmt = FORMATS.get(self.transcript_format)
        if not self.transcript_file or not fmt:
            return ""
        return f"{fmt.extension.upper()}, {human_size(self.transcript_file.size)}"


class DelegatePackItem(FileOrLink):
    """One item of a session's virtual delegate pack: an uploaded file or a link."""

    class Kind(models.TextChoices):
        AGENDA = "agenda", "Agenda"
        SLIDES = "slides", "Slides"
        BIOGRAPHIES = "biographies", "Speaker biographies"
        TEMPLATE = "template", "Template"
        RECORDING = "recording", "Recording and transcript"
        TECHNIQUES = "techniques", "Techniques covered"
        FURTHER_READING = "further-reading", "Further reading"
        OTHER = "other", "Other"

    showcase = models.ForeignKey(Showcase, on_delete=models.CASCADE, related_name="pack_items")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=150)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    file = models.FileField(
        storage=private_storage,
        upload_to=random_pack_name,
        blank=True,
        max_length=200,
        help_text="PDF, DOCX, PPTX, XLSX, ODT, ODP, TXT or CSV, up to 20 MB. Or give a link.",
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "delegate pack item"

    def __str__(self):
        return self.title

    @property
    def download_name(self):
        return f"{self.order:02d}-{slugify(self.title)[:60] or 'item'}.{self.file_format}"

    def get_download_url(self):
        return reverse("showcases:pack-item", kwargs={"slug": self.showcase.slug, "pk": self.pk})

    @property
    def url(self):
        return self.get_download_url() if self.is_file else self.link


class Takeaway(models.Model):
    """ "Try this": a technique from the pledge taxonomy the session showed, as a prompt."""

    showcase = models.ForeignKey(Showcase, on_delete=models.CASCADE, related_name="takeaways")
    order = models.PositiveSmallIntegerField(default=0)
    activity = models.ForeignKey(
        "pledges.Activity",
        on_delete=models.PROTECT,
        related_name="showcase_takeaways",
        verbose_name="technique",
    )
    text = models.CharField(
        max_length=280,
        help_text="What to try, in a sentence; it pre-fills the pledge form.",
    )

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text

    def get_pledge_url(self):
        """The pledge form, pre-filled with this technique and text."""
        try:
            base = reverse("pledges:create")
        except NoReverseMatch:  # the pledge form's name is fixed in DESIGN.md
            base = "/pledges/new/"
        return f"{base}?{urlencode({'activity': self.activity.slug, 'text': self.text})}"
