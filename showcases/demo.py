"""Demo showcases: KNOWvember20's four virtual showcases (exact titles), interviews and a chat.

Speakers are fictional ("A. Speaker, Example NHS Foundation Trust"), videos are placeholders, and
every delegate-pack file (a PDF agenda, a CSV of techniques, text templates) is generated here,
so loading the demo needs no download.
"""

import csv
import datetime
import io
import zoneinfo

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from knowvember.images import process_image
from knowvember.models import Campaign
from showcases.models import (
    DelegatePackItem,
    Recording,
    SessionSpeaker,
    Showcase,
    Speaker,
    Takeaway,
)

LONDON = zoneinfo.ZoneInfo("Europe/London")

SPEAKERS = {
    "chair": ("A. Chair", "Head of knowledge and library services", "Example NHS Foundation Trust"),
    "a": ("A. Speaker", "Knowledge manager", "Example NHS Foundation Trust"),
    "b": ("B. Speaker", "Clinical librarian", "Example Community Health NHS Trust"),
    "c": ("C. Speaker", "Library assistant", "Example Mental Health NHS Trust"),
    "d": ("D. Speaker", "Knowledge mobilisation lead", "Example Integrated Care Board"),
    "e": ("E. Speaker", "Information specialist", "Example University Library"),
    "f": ("F. Speaker", "Knowledge management consultant", "Example Consultancy Ltd"),
}
BIOS = {
    "chair": "Chairs the session and leads a knowledge and library service in a fictional trust.",
    "a": "Runs after action reviews with project teams and keeps lessons where people find them.",
    "b": "Works alongside clinical teams and shares evidence summaries at ward meetings.",
    "c": "Started the library's knowledge café and now hosts one every month.",
    "d": "Connects knowledge specialists across a fictional integrated care system.",
    "e": "A knowledge specialist outside the NHS, working in a university library.",
    "f": "Helps organisations outside health capture knowledge before people change role.",
}

SHOWCASES = [
    {
        "number": 1,
        "slug": "knowvember20-showcase-1",
        "title": "To share is to care: sharing practice, increasing skills, generating ideas.",
        "question": "How does sharing practice with colleagues build skills and spark new ideas?",
        "starts_at": (2020, 11, 3, 12, 30),
        "speakers": ["chair", "a", "b", "c"],
        "video": "KNOWv20sc01",
        "takeaways": [
            ("peer-assist", "Ask a colleague who has done it before to a 30-minute peer assist."),
            ("knowledge-cafe", "Host a knowledge café on one question your team keeps asking."),
        ],
    },
    {
        "number": 2,
        "slug": "knowvember20-showcase-2",
        "title": "Knowledge Mobilisation standards. How do you develop skills to make knowledge "
        "mobilisation activity part of your standard every-day business?",
        "question": "How do you develop skills to make knowledge mobilisation activity part of "
        "your standard every-day business?",
        "starts_at": (2020, 11, 10, 12, 30),
        "speakers": ["chair", "d", "a"],
        "video": "KNOWv20sc02",
        "takeaways": [
            ("self-assessment", "Take the self-assessment with your team and pick one area."),
        ],
    },
    {
        "number": 3,
        "slug": "knowvember20-showcase-3",
        "title": "By stealth or grand design? Influencing the knowledge sharing culture of an "
        "NHS organisation.",
        "question": "How do you influence the knowledge sharing culture of an NHS organisation?",
        "starts_at": (2020, 11, 17, 12, 30),
        "speakers": ["chair", "b", "d"],
        "video": "KNOWv20sc03",
        "takeaways": [
            ("storytelling", "Tell the story of one piece of work that went well, and why."),
        ],
    },
    {
        "number": 4,
        "slug": "knowvember20-showcase-4",
        "title": "The digital workplace. Where does this leave knowledge mobilisation – how to "
        "encourage spontaneous knowledge sharing when working remotely?",
        "question": "How do you encourage spontaneous knowledge sharing when working remotely?",
        "starts_at": (2020, 11, 24, 12, 30),
        "speakers": ["chair", "c", "e"],
        "video": "KNOWv20sc04",
        "takeaways": [
            (
                "randomised-coffee-trials",
                "Join or start randomised coffee trials so remote colleagues meet by chance.",
            ),
        ],
    },
    {
        "kind": Showcase.Kind.INTERVIEW,
        "number": 1,
        "slug": "knowvember20-interview-1",
        "title": "Interview: learning after, with a knowledge specialist in the NHS",
        "question": "What does a knowledge specialist do to help teams learn after a project?",
        "starts_at": (2020, 11, 5, 10, 0),
        "speakers": ["a"],
        "video": "KNOWv20in01",
        "takeaways": [("retrospect", "Hold a retrospect when your next project closes.")],
    },
    {
        "kind": Showcase.Kind.INTERVIEW,
        "number": 2,
        "slug": "knowvember20-interview-2",
        "title": "Interview: capturing knowledge before people move on, outside the NHS",
        "question": "What can the NHS learn from knowledge capture in other sectors?",
        "starts_at": (2020, 11, 12, 10, 0),
        "speakers": ["f"],
        "video": "KNOWv20in02",
        "takeaways": [
            (
                "elicitation-interviews",
                "Offer an elicitation interview to a colleague who is changing role.",
            )
        ],
    },
    {
        "kind": Showcase.Kind.INTERVIEW,
        "number": 3,
        "slug": "knowvember20-interview-3",
        "title": "Interview: a university library's view of knowledge mobilisation",
        "question": "How do knowledge specialists outside the NHS mobilise knowledge?",
        "starts_at": (2020, 11, 19, 10, 0),
        "speakers": ["e"],
        "video": "KNOWv20in03",
        "takeaways": [],
    },
    {
        "kind": Showcase.Kind.CHAT,
        "number": 1,
        "slug": "knowvember20-ukmedlibs-chat",
        "title": "#ukmedlibs chat: knowledge mobilisation in 2020",
        "question": "What knowledge-mobilisation technique will you try this November?",
        "starts_at": (2020, 11, 26, 20, 0),
        "speakers": ["chair"],
        "video": "",
        "takeaways": [],
    },
]

PROGRAMME = (
    "12.30pm Welcome from the chair\n"
    "12.35pm Short talks from the speakers\n"
    "1.10pm Questions and discussion\n"
    "1.25pm Pledge to try one technique\n"
    "1.30pm Close"
)
AAR_TEMPLATE = (
    "After Action Review template\n\n"
    "1. What was supposed to happen?\n\n"
    "2. What actually happened?\n\n"
    "3. Why was there a difference?\n\n"
    "4. What will we do next time?\n"
)


def _pdf_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def simple_pdf(title: str, lines: list[str]) -> bytes:
    """A small one-page text PDF, written by hand so the demo needs no PDF library."""
    ascii_lines = [line.encode("ascii", "replace").decode() for line in [title, "", *lines]]
    stream = ["BT", "/F1 16 Tf", "56 780 Td", "20 TL"]
    for index, line in enumerate(ascii_lines):
        if index == 1:
            stream.append("/F1 11 Tf")
        stream.append(f"({_pdf_text(line)}) Tj T*")
    stream.append("ET")
    content = "\n".join(stream).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def _techniques_csv(takeaways) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["technique", "what to try"])
    for slug, text in takeaways:
        writer.writerow([slug.replace("-", " ").capitalize(), text])
    return buffer.getvalue().encode()


def _still(label: str) -> ContentFile:
    picture = Image.new("RGB", (1280, 720), "#005eb8")
    draw = ImageDraw.Draw(picture)
    draw.rectangle((80, 80, 1200, 640), outline="#ffffff", width=8)
    draw.text((120, 320), f"KNOWvember20 · {label}", fill="#ffffff", font_size=64)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="still.png")


def _speakers():
    speakers = {}
    for key, (name, role, organisation) in SPEAKERS.items():
        speakers[key], _ = Speaker.objects.update_or_create(
            name=name,
            organisation=organisation,
            defaults={"role": role, "bio": BIOS[key]},
        )
    return speakers


def _pack_item(showcase, order, title, kind, *, content=None, extension="", link=""):
    item, created = DelegatePackItem.objects.update_or_create(
        showcase=showcase, order=order, defaults={"title": title, "kind": kind, "link": link}
    )
    if content is not None and not item.file:
        item.file.save(extension, ContentFile(content), save=False)
        item.file_format, item.file_size, item.link = extension, len(content), ""
        item.save()


def _recording(showcase, spec):
    if not spec["video"]:
        return
    recording, _ = Recording.objects.update_or_create(
        showcase=showcase,
        defaults={
            "youtube_id": spec["video"],
            "captions": Recording.Captions.CHECKED,
            "duration_minutes": 60 if showcase.kind == Showcase.Kind.SHOWCASE else 20,
            "transcript": (
                f"Demo transcript for {showcase.label}.\n\n"
                f"Chair: Welcome. Today's question is: {showcase.question}\n\n"
                "Speaker: Here is what worked for us, and what didn't."
            ),
        },
    )
    if not recording.still_image:
        processed = process_image(_still(showcase.label))
        recording.still_image.save(processed.image.name, processed.image, save=False)
        recording.still_thumbnail.save(processed.thumbnail.name, processed.thumbnail, save=False)
        recording.still_width, recording.still_height = processed.width, processed.height
        recording.save()


def _takeaways(showcase, takeaways):
    Activity = Takeaway._meta.get_field("activity").related_model  # pledges.Activity

    for order, (slug, text) in enumerate(takeaways, start=1):
        activity = Activity.objects.filter(slug=slug).first()
        if activity:
            showcase.takeaways.update_or_create(
                order=order, defaults={"activity": activity, "text": text}
            )


def load_demo_data(command):
    campaign = Campaign.objects.filter(slug="knowvember20").first()
    if campaign is None:
        command.stdout.write("Showcases: no KNOWvember20 edition, skipped.")
        return
    speakers = _speakers()
    for spec in SHOWCASES:
        kind = spec.get("kind", Showcase.Kind.SHOWCASE)
        showcase, _ = Showcase.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "campaign": campaign,
                "kind": kind,
                "number": spec["number"],
                "title": spec["title"],
                "question": spec["question"],
                "starts_at": datetime.datetime(*spec["starts_at"], tzinfo=LONDON),
                "programme": PROGRAMME if kind == Showcase.Kind.SHOWCASE else "",
                "is_published": True,
                "published_at": datetime.datetime(2020, 12, 1, 9, 0, tzinfo=LONDON),
            },
        )
        for order, key in enumerate(spec["speakers"]):
            SessionSpeaker.objects.update_or_create(
                showcase=showcase,
                speaker=speakers[key],
                defaults={"order": order, "is_chair": key == "chair" and len(spec["speakers"]) > 1},
            )
        _recording(showcase, spec)
        if kind == Showcase.Kind.SHOWCASE:
            lineup = [SPEAKERS[key] for key in spec["speakers"]]
            _pack_item(
                showcase,
                1,
                "Agenda",
                DelegatePackItem.Kind.AGENDA,
                content=simple_pdf(
                    f"KNOWvember20 {showcase.label}", [spec["question"], "", *PROGRAMME.split("\n")]
                ),
                extension="pdf",
            )
            _pack_item(
                showcase,
                2,
                "Speaker biographies",
                DelegatePackItem.Kind.BIOGRAPHIES,
                content="\n\n".join(
                    f"{name}, {role}, {org}\n{BIOS[key]}"
                    for key, (name, role, org) in zip(spec["speakers"], lineup, strict=True)
                ).encode(),
                extension="txt",
            )
            _pack_item(
                showcase,
                3,
                "After Action Review template",
                DelegatePackItem.Kind.TEMPLATE,
                content=AAR_TEMPLATE.encode(),
                extension="txt",
            )
            _pack_item(
                showcase,
                4,
                "Techniques covered",
                DelegatePackItem.Kind.TECHNIQUES,
                content=_techniques_csv(spec["takeaways"]),
                extension="csv",
            )
            _pack_item(
                showcase,
                5,
                "More about KNOWvember20",
                DelegatePackItem.Kind.FURTHER_READING,
                link=f"{settings.SITE_URL}{campaign.get_absolute_url()}",
            )
        _takeaways(showcase, spec["takeaways"])
    command.stdout.write(
        f"Showcases: {Showcase.objects.count()}, speakers: {Speaker.objects.count()}, "
        f"pack items: {DelegatePackItem.objects.count()}"
    )
