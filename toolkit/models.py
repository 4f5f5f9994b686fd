"""Files organisers add to the toolkit (slides, templates), beside what the site generates."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify

from knowvember.documents import FileOrLink, private_storage, random_name
from knowvember.models import Campaign


def random_toolkit_name(instance, filename):
    return random_name("toolkit")


class ToolkitFileQuerySet(models.QuerySet):
    def for_edition(self, campaign):
        """The edition's own files, then those for every edition."""
        return self.filter(Q(campaign=campaign) | Q(campaign__isnull=True)).order_by(
            "order", "title"
        )


class ToolkitFile(FileOrLink):
    """An uploaded file or a link, for one edition or for every edition."""

    campaign = models.ForeignKey(
        Campaign,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="toolkit_files",
        verbose_name="edition",
        help_text="Leave blank to show it in every edition's toolkit.",
    )
    title = models.CharField(max_length=150)
    description = models.CharField(
        max_length=300, blank=True, help_text="Plain text: what it is and how to use it."
    )
    file = models.FileField(
        storage=private_storage,
        upload_to=random_toolkit_name,
        blank=True,
        max_length=200,
        help_text="PDF, DOCX, PPTX, XLSX, ODT, ODP, TXT or CSV, up to 20 MB. Or give a link.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = ToolkitFileQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]
        verbose_name = "toolkit file"

    def __str__(self):
        return self.title

    @property
    def download_name(self):
        return f"{slugify(self.title)[:60] or 'toolkit-file'}.{self.file_format}"

    @property
    def url(self):
        return reverse("toolkit:file", kwargs={"pk": self.pk}) if self.file else self.link
