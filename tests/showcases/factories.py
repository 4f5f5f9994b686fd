"""Boring factories for showcases, speakers, recordings, pack items and takeaways."""

import datetime
import io
import zipfile

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from showcases.models import (
    DelegatePackItem,
    Recording,
    SessionSpeaker,
    Showcase,
    Speaker,
    Takeaway,
)
from tests.factories import CampaignFactory
from tests.pledges.factories import ActivityFactory

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def office_zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX_BYTES = office_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT_BYTES = office_zip(
    {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"}
)


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"A. Speaker {n}")
    role = "Knowledge and library services manager"
    organisation = "Example NHS Foundation Trust"
    bio = "Leads a library team that runs knowledge cafés."


class ShowcaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Showcase

    campaign = factory.SubFactory(CampaignFactory)
    kind = Showcase.Kind.SHOWCASE
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Sharing practice session {n}")
    slug = factory.Sequence(lambda n: f"session-{n}")
    question = "How do you make knowledge sharing part of every-day work?"
    starts_at = factory.LazyFunction(
        lambda: timezone.make_aware(datetime.datetime(2020, 11, 10, 12, 30))
    )
    programme = "12.30pm Welcome\n12.40pm Talks\n1.20pm Questions"
    is_published = True


class SessionSpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionSpeaker

    showcase = factory.SubFactory(ShowcaseFactory)
    speaker = factory.SubFactory(SpeakerFactory)
    order = factory.Sequence(lambda n: n)


class RecordingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recording

    showcase = factory.SubFactory(ShowcaseFactory)
    youtube_id = "dQw4w9WgXcQ"
    captions = Recording.Captions.CHECKED
    transcript = "Welcome to the session.\n\nToday we talk about peer assists."


class PackFileFactory(factory.django.DjangoModelFactory):
    """A pack item with a stored PDF file."""

    class Meta:
        model = DelegatePackItem

    showcase = factory.SubFactory(ShowcaseFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = "Agenda"
    kind = DelegatePackItem.Kind.AGENDA
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="upload.pdf"))
    file_format = "pdf"
    file_size = len(PDF_BYTES)


class PackLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DelegatePackItem

    showcase = factory.SubFactory(ShowcaseFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = "Further reading"
    kind = DelegatePackItem.Kind.FURTHER_READING
    link = "https://example.org/reading"


class TakeawayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Takeaway

    showcase = factory.SubFactory(ShowcaseFactory)
    activity = factory.SubFactory(
        ActivityFactory, name="After action review", slug="after-action-review"
    )
    text = "Run a ten-minute after action review at the end of your next team meeting."
