"""Toolkit files for the demo: two made here (no download needed), checked like any upload."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from knowvember.documents import validate_document
from knowvember.models import Campaign
from toolkit.models import ToolkitFile

BULLETIN = """\
KNOWvember: what will you pledge this November?

This November our library and knowledge service is taking part in KNOWvember, the NHS
campaign that helps people learn before, during and after what they do.

Pledge to try one knowledge-mobilisation technique this month: a peer assist before a
project, an after action review after a busy shift, or a knowledge café with your team.
Make your pledge online, or pick up a pledge card from the library.

Ask us if you would like help to get started.
"""

TECHNIQUES = [
    ("Learning before", "Peer assist", "Ask people who have done it before, before you start."),
    ("Learning before", "Before action review", "Agree what you expect and what could go wrong."),
    ("Learning during", "After action review", "Four questions straight after the work."),
    ("Learning during", "Knowledge café", "Small-group conversations around one question."),
    ("Learning during", "Randomised coffee trials", "Meet a colleague you have not met before."),
    ("Learning after", "Retrospect", "Look back at a whole project to help the next one."),
    ("Learning after", "Knowledge harvesting", "Capture what people know before they move on."),
]


def _techniques_csv() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Stage", "Technique", "In a sentence"])
    writer.writerows(TECHNIQUES)
    return buffer.getvalue().encode()


FILES = [
    {
        "title": "Article for your staff bulletin",
        "description": "A short piece to copy into your organisation's newsletter or intranet.",
        "name": "staff-bulletin.txt",
        "content": BULLETIN.encode(),
        "order": 1,
        "current_edition_only": True,
    },
    {
        "title": "Techniques to pledge, by stage",
        "description": "A table to print or share: what each technique is, in a sentence.",
        "name": "techniques.csv",
        "content": _techniques_csv(),
        "order": 2,
        "current_edition_only": False,
    },
]


def load_demo_data(command):
    current = Campaign.objects.current()
    for definition in FILES:
        upload = SimpleUploadedFile(definition["name"], definition["content"])
        fmt = validate_document(upload)
        item = ToolkitFile.objects.filter(title=definition["title"]).first()
        if item is None:
            item = ToolkitFile(title=definition["title"])
        elif item.file:
            item.file.delete(save=False)
        item.campaign = current if definition["current_edition_only"] else None
        item.description = definition["description"]
        item.order = definition["order"]
        item.file = upload
        item.file_format, item.file_size = fmt.extension, upload.size
        item.save()
    command.stdout.write(f"Toolkit files: {ToolkitFile.objects.count()}")
