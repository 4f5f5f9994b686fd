"""Factories for news: a published post from yesterday, by default."""

import datetime

import factory
from django.utils import timezone

from news.models import Post, Tag
from tests.factories import CampaignFactory


def yesterday():
    return timezone.now() - datetime.timedelta(days=1)


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Knowledge café notes {n}")
    slug = factory.Sequence(lambda n: f"knowledge-cafe-notes-{n}")
    campaign = factory.SubFactory(CampaignFactory)
    summary = "What we learned from running a knowledge café."
    body = "We ran a **knowledge café** with the ward team."
    status = Post.Status.PUBLISHED
    publish_at = factory.LazyFunction(yesterday)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(Tag.objects.filter(slug__in=extracted))
