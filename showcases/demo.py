"""Knowvember19's four webinars and KNOWvember20's showcases and interviews (see CONTENT.md).

The four KNOWvember20 showcase titles are the campaign's own. Speakers are described by role and
kind of organisation, never by an invented name. No video is invented: each session has its
transcript and says the recording is not yet added until an organiser pastes the real link.
Every delegate-pack file (a PDF agenda, speaker biographies, a template, a CSV of techniques)
is generated here, so loading needs no download.
"""

import csv
import datetime
import io
import re
import zoneinfo

from django.conf import settings
from django.core.files.base import ContentFile

from knowvember.demo import upsert
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

# key -> (name shown: the role, kind of organisation and region, biography)
SPEAKERS = {
    "chair": (
        "Head of knowledge and library services",
        "an acute trust in the North West",
        "Leads a library and knowledge service for clinical, corporate and education teams "
        "on two hospital sites, and chaired the KNOWvember20 showcases.",
    ),
    "clinical-librarian": (
        "Clinical librarian",
        "a community health trust in the South West",
        "Works alongside community nursing and therapy teams, and shares evidence summaries "
        "at their team meetings rather than by email.",
    ),
    "library-assistant": (
        "Library assistant",
        "a mental health trust in the Midlands",
        "Started the library's lunchtime knowledge café in 2018 and has hosted one every month "
        "since, online since March 2020.",
    ),
    "knowledge-manager": (
        "Knowledge manager",
        "an acute trust in London",
        "Runs after action reviews and retrospects with project teams, and keeps the lessons "
        "where the next team will look for them.",
    ),
    "km-lead": (
        "Knowledge mobilisation lead",
        "a national health body",
        "Supports knowledge and library services across England to build knowledge "
        "mobilisation into their everyday work.",
    ),
    "head-east": (
        "Knowledge and library services manager",
        "a teaching hospital trust in the East of England",
        "Made knowledge mobilisation part of every library role description in the service, "
        "from library assistants to the head of service.",
    ),
    "head-mh": (
        "Knowledge and library services lead",
        "a mental health trust in the South West",
        "Has spent five years changing how a mental health trust shares what it knows, one "
        "team at a time.",
    ),
    "evidence-ccg": (
        "Evidence specialist",
        "a clinical commissioning group in the North East and Yorkshire",
        "Produces rapid evidence summaries for commissioners and asks each of them, every time, "
        "what they did with the last one.",
    ),
    "university": (
        "Information specialist",
        "a university library",
        "A knowledge specialist outside the NHS who runs an online community of practice for "
        "researchers spread across several campuses.",
    ),
    "hospice": (
        "Knowledge and information officer",
        "a hospice in the South East",
        "The only library and knowledge post in a hospice, working with staff and volunteers "
        "who are rarely in the same place at the same time.",
    ),
    "engineering": (
        "Knowledge manager",
        "an engineering firm",
        "A knowledge specialist outside the NHS who captures the know-how of engineers before "
        "they retire or move to another project.",
    ),
    "ambulance": (
        "Library and knowledge services manager",
        "an ambulance service in the East of England",
        "Runs a library service for crews and call handlers who never visit a library.",
    ),
    "story-bank": (
        "Library services manager",
        "a mental health trust in the North West",
        "Collects stories of evidence and know-how making a difference, and started a story "
        "bank for the trust's library service.",
    ),
    "impact": (
        "Evidence specialist",
        "a clinical commissioning group in London",
        "Writes impact case studies that show commissioners what the library's evidence changed.",
    ),
}

SHOWCASE_PROGRAMME = (
    "12.30pm Welcome from the chair\n"
    "12.35pm Short talks from the speakers\n"
    "1.10pm Questions and discussion\n"
    "1.25pm Pledge to try one technique\n"
    "1.30pm Close"
)

AAR_TEMPLATE = (
    "After Action Review template\n\n"
    "Use this straight after a piece of work, with everyone who took part. Allow 15 to 30 "
    "minutes.\n\n"
    "1. What was supposed to happen?\n\n"
    "2. What actually happened?\n\n"
    "3. Why was there a difference?\n\n"
    "4. What will we do next time?\n\n"
    "Share what you learned, so the next team can learn before they start.\n"
)

SESSIONS = [
    # Knowvember19: four weekly pre-recorded webinars, each published with a transcript.
    {
        "edition": "knowvember19",
        "kind": Showcase.Kind.WEBINAR,
        "number": 1,
        "slug": "knowvember19-webinar-1",
        "title": "Learning before, during and after: an introduction to knowledge mobilisation",
        "question": "What does learning before, during and after look like in a library and "
        "knowledge service?",
        "starts_at": (2019, 11, 4, 10, 0),
        "speakers": ["km-lead"],
        "takeaways": [
            (
                "before-action-review",
                "Before your next project, spend 20 minutes asking what "
                "success looks like and who has done this before.",
            ),
        ],
        "transcript": """\
Knowledge mobilisation lead: Welcome to the first of four Knowvember19 webinars. Each week we
publish one short recording and its transcript, so you can watch or read when it suits you. This
week is about the idea the whole campaign is built on: learning before, during and after.

Learning before means finding out what others already know before you start: a peer assist with
a team who has done something similar, or a before action review where you agree what success
will look like. Learning during means stopping to reflect while the work is going on, and after
action reviews are the simplest way to do that. Learning after means capturing what you learned
when a piece of work ends, in a retrospect or by harvesting what a team knows before it
disbands.

None of this needs a budget or a new system. The most common thing we heard at last year's
regional events was that people struggle to release time. So start small: fifteen minutes at the
end of a meeting to ask four questions. What was supposed to happen? What actually happened? Why
was there a difference? What will we do next time?

And include everyone. Library assistants often know most about what readers ask and where they
get stuck, and they are the people we ask least. This November, pick one technique, pledge to
try it on the pledge wall, and next week we will look at how to keep the stories of what
happened.""",
    },
    {
        "edition": "knowvember19",
        "kind": Showcase.Kind.WEBINAR,
        "number": 2,
        "slug": "knowvember19-webinar-2",
        "title": "Building a knowledge-management story bank",
        "question": "How do you collect stories of evidence and know-how making a difference, "
        "and use them?",
        "starts_at": (2019, 11, 11, 10, 0),
        "speakers": ["story-bank"],
        "takeaways": [
            (
                "storytelling",
                "Ask one colleague for the story of a time evidence changed what "
                "they did, and write it down in 200 words.",
            ),
        ],
        "transcript": """\
Library services manager: This is the second Knowvember19 webinar, and it is about stories. A
story of how a search or a conversation changed what someone did is remembered long after a
statistic is forgotten, and that is why we started a story bank.

Our story bank began as a shared document with three headings: what was the situation, what did
the library or a colleague provide, and what changed as a result. We asked clinicians at team
meetings, not by email, and that made all the difference: people offered stories when they heard
others tell theirs.

Some things did not work. Long stories were not read, so we now keep each one to about 200
words. Stories with no named team were hard to check, so we now ask the person who told the
story to read the final version before it goes in. And stories collected in a rush in November
were thinner than the ones we gathered through the year.

We use the stories at staff induction, in our annual report and when we ask for funding. If you
start one thing after this webinar, ask one colleague this week for the story of a time evidence
changed what they did.""",
    },
    {
        "edition": "knowvember19",
        "kind": Showcase.Kind.WEBINAR,
        "number": 3,
        "slug": "knowvember19-webinar-3",
        "title": "Where are we now? Using the self-assessment tool with your team",
        "question": "How can a library team use the self-assessment tool to choose where to "
        "improve first?",
        "starts_at": (2019, 11, 18, 10, 0),
        "speakers": ["chair"],
        "takeaways": [
            (
                "self-assessment",
                "Ask everyone in your team to answer the self-assessment on "
                "their own, then discuss only the questions where your answers differ.",
            ),
        ],
        "transcript": """\
Head of knowledge and library services: In this third webinar I want to talk about the
self-assessment tool, and about how we used it with our team rather than filling it in alone in
an office.

We set aside a team meeting and worked through the questions together. It took longer than we
planned: we needed two meetings, not one. But the questions where we disagreed turned out to be
the most useful part. One colleague thought we were good at keeping lessons from projects;
another pointed out that nobody could find the lessons from our last two.

What we would do differently: ask everyone to answer on their own first, then spend the meeting
only on the questions where the answers differ. And invite library assistants. Their answers
about what readers struggle with were different from the managers' answers, and closer to the
truth.

We came out with two priorities for the year, and we put both on our pledge card for
Knowvember19. Next week the final webinar looks at writing impact case studies, so you can show
what changes when a team starts learning before, during and after.""",
    },
    {
        "edition": "knowvember19",
        "kind": Showcase.Kind.WEBINAR,
        "number": 4,
        "slug": "knowvember19-webinar-4",
        "title": "Showing the difference we make: writing an impact case study",
        "question": "How do you show what changed because a team shared what it knew?",
        "starts_at": (2019, 11, 25, 10, 0),
        "speakers": ["impact"],
        "takeaways": [
            (
                "lessons-learned-reviews",
                "Look back at one piece of work this year and write "
                "down what changed because of it, and what did not.",
            ),
        ],
        "transcript": """\
Evidence specialist: This is the last of the four Knowvember19 webinars. I work with
commissioners, and they want to know one thing about anything we do: what difference did it
make? An impact case study answers that question for one piece of work.

A good case study is short. Ours have four parts: what was asked, what we did, what happened
next, and what we learned. The third part is the hardest, because it means going back to the
person who asked and asking what they did with what we gave them. It feels awkward the first
time. It gets easier, and people are usually glad to be asked.

Be honest about what did not work. One of our case studies is about an evidence briefing nobody
used, because it arrived after the decision had been made. That case study changed how we agree
deadlines, and it has been read more than any of the others.

Thank you for watching or reading the Knowvember19 webinars. The transcripts of all four stay on
this site, and the #ukmedlibs chat is the place to tell us what you tried.""",
    },
    # KNOWvember20: four virtual showcases (the campaign's own titles) and interviews.
    {
        "edition": "knowvember20",
        "kind": Showcase.Kind.SHOWCASE,
        "number": 1,
        "slug": "knowvember20-showcase-1",
        "title": "To share is to care: sharing practice, increasing skills, generating ideas.",
        "question": "What happens when library and knowledge teams share their practice: which "
        "skills grow, and which ideas come from it?",
        "starts_at": (2020, 11, 3, 12, 30),
        "speakers": ["chair", "knowledge-manager", "clinical-librarian", "library-assistant"],
        "takeaways": [
            ("peer-assist", "Ask a colleague who has done it before to a 30-minute peer assist."),
            ("knowledge-cafe", "Host a knowledge café on one question your team keeps asking."),
        ],
        "transcript": """\
Chair: Welcome to the first KNOWvember20 showcase. We would normally be in a room together; this
year we are on screens, so please use the chat to ask questions as we go. Our three speakers
will each talk for about ten minutes about sharing practice, and what it has done for their
skills and their teams' ideas.

Knowledge manager: I want to start with something that did not work. Two years ago we wrote up
lessons after every project and put them in a folder. Nobody opened the folder. What works now
is shorter: a 15-minute after action review at the end of each project meeting, and one line in
the next team's project plan that says who to ask. Sharing practice is less about documents and
more about introductions.

Clinical librarian: I work with community nursing and therapy teams. I used to send evidence
summaries by email and hear nothing back. Now I bring one summary to a team meeting and we talk
about it for ten minutes. The skills I have learned from that are not search skills. They are
listening skills: working out what the team is really asking.

Library assistant: I started a knowledge café in our library in 2018 after one of the regional
Knowvember18 events. One question, an hour, small groups. Since March it has been online. It is
harder to keep small groups talking on a video call, so we use breakout rooms of four and keep
the question very concrete. The best idea that came out of it this year, a page of answers about
using e-resources from home, came from a colleague on the evening shift.

Chair: Thank you all. A question from the chat for all three: how do you find the time? The
answers were the same: attach the sharing to a meeting that already exists. Before you leave,
please pledge to try one technique from today on the pledge wall.""",
    },
    {
        "edition": "knowvember20",
        "kind": Showcase.Kind.SHOWCASE,
        "number": 2,
        "slug": "knowvember20-showcase-2",
        "title": "Knowledge Mobilisation standards. How do you develop skills to make knowledge "
        "mobilisation activity part of your standard every-day business?",
        "question": "How do you develop skills to make knowledge mobilisation activity part of "
        "your standard every-day business?",
        "starts_at": (2020, 11, 10, 12, 30),
        "speakers": ["chair", "km-lead", "head-east", "knowledge-manager"],
        "takeaways": [
            ("self-assessment", "Take the self-assessment with your team and pick one area."),
            (
                "action-learning-sets",
                "Join or start an action learning set with people new to "
                "knowledge-management roles.",
            ),
        ],
        "transcript": """\
Chair: Welcome to the second KNOWvember20 showcase. Today's question is in our title: how do you
develop the skills to make knowledge mobilisation part of your standard, every-day business
rather than something we do in November?

Knowledge mobilisation lead: Standards help because they say what good looks like, but a
standard does not build skills on its own. What we see working across England is teams choosing
one or two techniques, practising them until they are routine, and then adding another. A team
that runs an after action review at the end of every project has built a habit, and habits
outlast campaigns.

Knowledge and library services manager: We put knowledge mobilisation into every role
description in the service, from library assistants to my own. That felt bureaucratic at first.
What it changed was appraisals: every appraisal now asks what you learned from someone else this
year and who learned from you. Library assistants have led three of our knowledge cafés since,
and one now chairs our after action reviews.

Knowledge manager: I would add one warning. We tried to train everyone in six techniques at
once, and most people used none of them. When we went back and taught one technique, then
supported people to use it on real work the following week, it stuck. Skills come from doing,
with someone alongside you the first time.

Chair: A question from the chat: how do you link this to the organisation's priorities when
everyone is under pressure? Start with the priority, not the technique: pick the trust's biggest
project this winter and offer a before action review to its team. Thank you all, and please tell
us on the pledge wall which technique you will make routine.""",
    },
    {
        "edition": "knowvember20",
        "kind": Showcase.Kind.SHOWCASE,
        "number": 3,
        "slug": "knowvember20-showcase-3",
        "title": "By stealth or grand design? Influencing the knowledge sharing culture of an "
        "NHS organisation.",
        "question": "How do you influence the knowledge sharing culture of an NHS organisation: "
        "quietly, one team at a time, or with a strategy from the top?",
        "starts_at": (2020, 11, 17, 12, 30),
        "speakers": ["chair", "head-mh", "evidence-ccg", "clinical-librarian"],
        "takeaways": [
            ("storytelling", "Tell the story of one piece of work that went well, and why."),
            (
                "appreciative-inquiry",
                "Ask a team when sharing knowledge went best for them, and "
                "build on that rather than on what went wrong.",
            ),
        ],
        "transcript": """\
Chair: Welcome to the third KNOWvember20 showcase. Our question today: do you change how an NHS
organisation shares knowledge by stealth, one team at a time, or by grand design, with a
strategy and a board sponsor?

Knowledge and library services lead: By stealth, mostly, and I say that after five years. We
tried a trust-wide knowledge strategy first; it was approved and then nothing happened. What
changed things was working with one ward team on one problem, doing it well, and letting them
tell others. Stories travel through an organisation faster than strategies do. The strategy
helped later, when we needed permission for something bigger.

Evidence specialist: In commissioning it has been the other way round. Nobody had time for small
experiments, so we needed the grand design: an agreement at director level that every
commissioning decision starts with an evidence request. That gave us the door. Once we were in
the room, the culture changed the slow way: commissioners saw colleagues using evidence and
started asking for it themselves.

Clinical librarian: I would say neither: by invitation. I ask teams when sharing knowledge went
best for them, and we build on that. It is appreciative inquiry, really. People are tired of
being told what they do wrong, and they open up when you ask what already works.

Chair: So, stealth and design both, in the right order, and always starting from what people
already do well. Thank you all. Next week's final showcase asks what happens to spontaneous
knowledge sharing when we all work remotely.""",
    },
    {
        "edition": "knowvember20",
        "kind": Showcase.Kind.SHOWCASE,
        "number": 4,
        "slug": "knowvember20-showcase-4",
        "title": "The digital workplace. Where does this leave knowledge mobilisation – how to "
        "encourage spontaneous knowledge sharing when working remotely?",
        "question": "Where does this leave knowledge mobilisation – how to encourage spontaneous "
        "knowledge sharing when working remotely?",
        "starts_at": (2020, 11, 24, 12, 30),
        "speakers": ["chair", "library-assistant", "university", "hospice"],
        "takeaways": [
            (
                "randomised-coffee-trials",
                "Join or start randomised coffee trials so remote colleagues meet by chance.",
            ),
            (
                "communities-of-practice",
                "Give your community of practice one open channel where "
                "people can ask a quick question without booking a meeting.",
            ),
        ],
        "transcript": """\
Chair: Welcome to the final KNOWvember20 showcase. Since March most of us have worked from home,
and the conversations by the photocopier or in the corridor, where so much knowledge used to be
shared, have gone. Our three speakers have each tried to bring them back.

Library assistant: We started randomised coffee trials in our library team: every fortnight you
are paired with someone at random for a 20-minute video call with no agenda. Some people found
it awkward at first, so we now send one light question with each pairing. People told us these
calls were the only unplanned conversations in their week.

Information specialist: I work in a university library, outside the NHS, and our researchers are
spread across several campuses. What worked for us was an online community of practice with one
open channel for quick questions, so nobody has to book a meeting to ask something small. The
rule that made it work: anyone who answers a question also says who else might know more.

Knowledge and information officer: In a hospice, staff and volunteers were rarely in the same
place even before the pandemic. I started a short weekly message with one question someone had
asked the library and the answer. People began replying with their own questions, and the
replies became the conversation we were missing.

Chair: So spontaneous sharing can be planned for, as long as the plan leaves room for chance.
Thank you to all our speakers across the four showcases, and to everyone who pledged. Join us on
Thursday evening for the #ukmedlibs chat.""",
    },
    {
        "edition": "knowvember20",
        "kind": Showcase.Kind.INTERVIEW,
        "number": 1,
        "slug": "knowvember20-interview-1",
        "title": "Learning after a project: a knowledge manager in an acute trust",
        "question": "How do you help a project team learn after the work is done, when "
        "everyone has already moved on?",
        "starts_at": (2020, 11, 5, 10, 0),
        "speakers": ["knowledge-manager"],
        "takeaways": [("retrospect", "Hold a retrospect when your next project closes.")],
        "transcript": """\
Interviewer: You run retrospects with project teams. What is a retrospect, and how is it
different from an after action review?

Knowledge manager: An after action review is quick and happens straight after something, often
in 15 minutes. A retrospect is longer, at the end of a whole project, and it looks back across
everything: what we set out to do, what happened, and what we would tell the next team. I
usually run it as a facilitated two-hour session, with everyone who worked on the project.

Interviewer: What goes wrong?

Knowledge manager: Timing. By the time a project ends, half the team has moved to the next one.
So I now book the retrospect when the project starts, and it goes in the project plan like any
other milestone. The other thing that goes wrong is the write-up: if it is long, nobody reads
it. I write a single page with recommendations, and I send it to whoever is starting the next
similar project, by name.

Interviewer: What would you say to someone who wants to try one?

Knowledge manager: Start with a project that went reasonably well. People are more open when
they are not defending themselves, and you will learn as much from why something worked as from
why it did not.""",
    },
    {
        "edition": "knowvember20",
        "kind": Showcase.Kind.INTERVIEW,
        "number": 2,
        "slug": "knowvember20-interview-2",
        "title": "Capturing know-how before people move on: a knowledge manager outside the NHS",
        "question": "What can the NHS learn from how an engineering firm keeps the know-how of "
        "people who leave?",
        "starts_at": (2020, 11, 12, 10, 0),
        "speakers": ["engineering"],
        "takeaways": [
            (
                "elicitation-interviews",
                "Offer an elicitation interview to a colleague who is changing role.",
            ),
        ],
        "transcript": """\
Interviewer: You work outside the NHS, in an engineering firm. What problem were you asked to
solve?

Knowledge manager: A large part of our workforce was due to retire within ten years, and much of
what they knew had never been written down. The firm asked us to make sure that knowledge did
not leave with them.

Interviewer: How do you do that?

Knowledge manager: Mainly with elicitation interviews: structured conversations with someone who
is leaving or changing role, starting months before they go, not in their last week. We ask
about decisions rather than procedures: tell me about a time this went wrong and what you did.
Procedures are usually written down somewhere; judgement is not. And we go and see the work
where it happens, because being in the place prompts memories that an office does not.

Interviewer: What would translate to the NHS?

Knowledge manager: Almost all of it. A ward sister, a specialist nurse or a librarian who has
been in post for twenty years holds exactly the kind of judgement we try to capture. The one
thing I would stress is that the person leaving has to want to do it. When people feel their
experience is valued, the interviews are generous. When it feels like an exit process, they are
not.""",
    },
    {
        "edition": "knowvember20",
        "kind": Showcase.Kind.INTERVIEW,
        "number": 3,
        "slug": "knowvember20-interview-3",
        "title": "Communities of practice across campuses: an information specialist in a "
        "university library",
        "question": "How do knowledge specialists outside the NHS keep a community of practice "
        "alive when its members never meet?",
        "starts_at": (2020, 11, 19, 10, 0),
        "speakers": ["university"],
        "takeaways": [
            (
                "communities-of-practice",
                "Start a community of practice with one open channel "
                "and one short regular meeting.",
            ),
        ],
        "transcript": """\
Interviewer: You run a community of practice for researchers across several campuses. How did it
start?

Information specialist: With six people who kept asking me the same kind of question about
systematic searching. I suggested they talk to each other instead, and offered to host a monthly
call. It has grown to about forty members, and most of them have never met in person.

Interviewer: What keeps it going?

Information specialist: Two things. An open channel where anyone can ask a quick question at any
time, so the community is useful between meetings. And a rotating host for the monthly call, so
it does not depend on me. When I was off for two months last year, it carried on without me, and
that was the moment I knew it would last.

Interviewer: What has it stopped doing?

Information specialist: We used to have a presentation at every meeting. People came less often,
because it felt like a lecture. Now each meeting starts with a problem someone brings, and the
rest of the hour is the group working on it. That is when people learn from each other.""",
    },
    {
        "edition": "knowvember20",
        "kind": Showcase.Kind.INTERVIEW,
        "number": 4,
        "slug": "knowvember20-interview-4",
        "title": "Reaching staff who never visit a library: an ambulance service's library manager",
        "question": "How do you share knowledge with crews and call handlers who are never in "
        "one place?",
        "starts_at": (2020, 11, 26, 10, 0),
        "speakers": ["ambulance"],
        "takeaways": [
            (
                "knowledge-assets",
                "Gather the answers your staff ask for most into one place "
                "they can reach from a phone.",
            ),
        ],
        "transcript": """\
Interviewer: Your service is for ambulance staff. What is different about it?

Library and knowledge services manager: Almost nobody I serve ever comes to a library. Crews are
on the road, call handlers work shifts around the clock, and most of them read on a phone
between jobs. So everything we do has to fit into a few minutes on a small screen.

Interviewer: What has worked?

Library and knowledge services manager: A short text-message current-awareness service, one item
a week, which we copied from another ambulance service's library team after a peer assist. And a
single page of answers to the questions crews ask most, which they can reach from a phone in a
minute. The page started with ten questions; colleagues kept adding to it, and it now has more
than forty.

Interviewer: And what has not?

Library and knowledge services manager: Anything that asks people to come to us. Lunchtime
sessions at headquarters were empty. We learned to go to where people already are: station
briefings, the staff app and the chats crews already use.""",
    },
]


def _ascii(text: str) -> str:
    """The PDF uses a standard font, so typographic characters become their plain forms."""
    plain = text.translate(
        str.maketrans({"–": "-", "—": "-", "’": "'", "‘": "'", "“": '"', "”": '"'})
    )
    return plain.encode("ascii", "replace").decode()


def _pdf_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _wrap(line: str, width: int = 90) -> list[str]:
    words, lines, current = line.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current]


def simple_pdf(title: str, lines: list[str]) -> bytes:
    """A small one-page text PDF, written by hand so loading needs no PDF library."""
    body = [wrapped for line in lines for wrapped in (_wrap(_ascii(line)) if line else [""])]
    stream = ["BT", "/F1 14 Tf", "56 780 Td", "18 TL"]
    for index, line in enumerate([*_wrap(_ascii(title), 70), "", *body]):
        if index == 1:
            stream.append("/F1 10 Tf")
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
    for number, body_bytes in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body_bytes + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def _techniques_csv(takeaways, activities) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["technique", "stage", "what it is", "what to try"])
    for slug, text in takeaways:
        activity = activities[slug]
        writer.writerow([activity.name, activity.get_stage_display(), activity.description, text])
    return buffer.getvalue().encode()


def _speakers():
    speakers = {}
    for key, (name, organisation, bio) in SPEAKERS.items():
        speakers[key], _ = upsert(
            Speaker, {"name": name, "organisation": organisation}, {"role": "", "bio": bio}
        )
    return speakers


def _pack_item(showcase, order, title, kind, *, content=None, extension="", link=""):
    item, _ = upsert(
        DelegatePackItem, {"showcase": showcase, "order": order}, {"title": title, "kind": kind}
    )
    if content is None:
        if item.file or item.link != link:
            item.file.delete(save=False)
            item.file, item.file_format, item.file_size, item.link = "", "", None, link
            item.save()
    elif not _stored_equals(item.file, content):
        if item.file:
            item.file.delete(save=False)
        item.file.save(f"pack.{extension}", ContentFile(content), save=False)
        item.file_format, item.file_size, item.link = extension, len(content), ""
        item.save()


def _stored_equals(field_file, content: bytes) -> bool:
    """Whether the stored file already holds `content`, so a second run writes nothing."""
    if not field_file:
        return False
    try:
        with field_file.open("rb") as stored:
            return stored.read() == content
    except FileNotFoundError:
        return False


def unwrap(text: str) -> str:
    """Paragraphs are wrapped in this file for reading; the transcript keeps one line each."""
    return "\n\n".join(" ".join(p.split()) for p in text.strip().split("\n\n"))


def _recording(showcase, transcript):
    recording, _ = upsert(
        Recording,
        {"showcase": showcase},
        {
            "youtube_id": "",
            "captions": Recording.Captions.NONE,
            "duration_minutes": None,
            "transcript": transcript,
        },
    )
    if recording.still_image:  # a still from an earlier version of this content, with no video
        recording.still_image.delete(save=False)
        recording.still_thumbnail.delete(save=False)
        recording.still_width = recording.still_height = None
        recording.save()


def _lineup(showcase, keys, speakers):
    chaired = showcase.kind == Showcase.Kind.SHOWCASE
    wanted = [speakers[key] for key in keys]
    showcase.session_speakers.exclude(speaker__in=wanted).delete()
    for order, key in enumerate(keys):
        upsert(
            SessionSpeaker,
            {"showcase": showcase, "speaker": speakers[key]},
            {"order": order, "is_chair": chaired and key == "chair"},
        )


def _takeaways(showcase, takeaways, activities):
    showcase.takeaways.filter(order__gt=len(takeaways)).delete()
    for order, (slug, text) in enumerate(takeaways, start=1):
        upsert(
            Takeaway,
            {"showcase": showcase, "order": order},
            {"activity": activities[slug], "text": text},
        )


def _delegate_pack(showcase, spec, campaign, activities):
    lineup = [SPEAKERS[key] for key in spec["speakers"]]
    day = showcase.starts_at.astimezone(LONDON)
    agenda = [
        spec["question"],
        "",
        f"{day:%A} {day.day} {day:%B %Y}, online",
        "",
        *SHOWCASE_PROGRAMME.split("\n"),
        "",
        "Speakers",
        *(f"{name}, {organisation}" for name, organisation, _ in lineup),
    ]
    biographies = "\n\n".join(
        f"{name}, {organisation}\n{bio}" for name, organisation, bio in lineup
    )
    _pack_item(
        showcase, 1, "Agenda", DelegatePackItem.Kind.AGENDA,
        content=simple_pdf(f"{campaign.name} {showcase.label}: {showcase.title}", agenda),
        extension="pdf",
    )  # fmt: skip
    _pack_item(
        showcase, 2, "Speaker biographies", DelegatePackItem.Kind.BIOGRAPHIES,
        content=f"{showcase.label}: {showcase.title}\n\n{biographies}\n".encode(),
        extension="txt",
    )  # fmt: skip
    _pack_item(
        showcase, 3, "After Action Review template", DelegatePackItem.Kind.TEMPLATE,
        content=AAR_TEMPLATE.encode(), extension="txt",
    )  # fmt: skip
    _pack_item(
        showcase, 4, "Techniques covered", DelegatePackItem.Kind.TECHNIQUES,
        content=_techniques_csv(spec["takeaways"], activities), extension="csv",
    )  # fmt: skip
    _pack_item(
        showcase, 5, f"More about {campaign.name}", DelegatePackItem.Kind.FURTHER_READING,
        link=f"{settings.SITE_URL}{campaign.get_absolute_url()}",
    )  # fmt: skip
    showcase.pack_items.filter(order__gt=5).delete()


# Sessions and speakers earlier versions of this content made.
RETIRED_SLUGS = ["knowvember20-ukmedlibs-chat"]
RETIRED_SPEAKER = re.compile(r"^[A-Z]\. (Chair|Speaker)$")


def load_demo_data(command):
    campaigns = {campaign.slug: campaign for campaign in Campaign.objects.all()}
    Activity = Takeaway._meta.get_field("activity").related_model  # pledges.Activity
    activities = {activity.slug: activity for activity in Activity.objects.all()}
    Showcase.objects.filter(slug__in=RETIRED_SLUGS).delete()
    speakers = _speakers()
    for spec in SESSIONS:
        campaign = campaigns.get(spec["edition"])
        if campaign is None:
            continue
        kind = spec["kind"]
        starts_at = datetime.datetime(*spec["starts_at"], tzinfo=LONDON)
        showcase, _ = upsert(
            Showcase,
            {"slug": spec["slug"]},
            {
                "campaign": campaign,
                "kind": kind,
                "number": spec["number"],
                "title": spec["title"],
                "question": spec["question"],
                "starts_at": starts_at,
                "programme": SHOWCASE_PROGRAMME if kind == Showcase.Kind.SHOWCASE else "",
                "is_published": True,
                "published_at": starts_at + datetime.timedelta(days=7),
            },
        )
        _lineup(showcase, spec["speakers"], speakers)
        _recording(showcase, unwrap(spec["transcript"]))
        if kind == Showcase.Kind.SHOWCASE:
            _delegate_pack(showcase, spec, campaign, activities)
        _takeaways(showcase, spec["takeaways"], activities)
    retired = [s.pk for s in Speaker.objects.all() if RETIRED_SPEAKER.match(s.name)]
    Speaker.objects.filter(pk__in=retired, appearances__isnull=True).delete()
    command.stdout.write(
        f"Showcases: {Showcase.objects.count()}, speakers: {Speaker.objects.count()}, "
        f"pack items: {DelegatePackItem.objects.count()}"
    )
