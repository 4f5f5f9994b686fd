"""Knowledge-mobilisation techniques and the pledges people make to try them."""

from django.db import models


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

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "activities"

    def __str__(self):
        return self.name
