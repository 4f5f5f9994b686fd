"""Pledges across the editions: every technique, every region, each in its own words.

Pledgers are described by role and kind of organisation, never by an invented name or trust.
Organisations are of their time: clinical commissioning groups until 2021, integrated care
boards from 2022. After Action Reviews answer the four questions about the technique pledged.
"""

import datetime
import uuid
from dataclasses import dataclass

from accounts.demo import demo_people
from accounts.models import User
from knowvember.models import Campaign
from pledges.models import Activity, Pledge, TeamMember
from pledges.taxonomy import seed_activities

UTC = datetime.UTC

# A person's key starts with their region.
REGIONS = {
    "ney": "north-east-and-yorkshire",
    "mid": "midlands",
    "lon": "london",
    "se": "south-east",
    "nw": "north-west",
    "sw": "south-west",
    "ee": "east-of-england",
    "nat": "national-outside-england",
}

# key -> (role, kind of organisation)
PEOPLE = {
    "ney-head-lks": ("Head of library and knowledge services", "a teaching hospital trust"),
    "ney-library-assistant": ("Library assistant", "a teaching hospital trust"),
    "ney-km-officer": ("Knowledge and information officer", "a hospice"),
    "ney-outreach": ("Outreach librarian", "an acute trust"),
    "ney-clinical-librarian": ("Clinical librarian", "an acute trust"),
    "ney-research-librarian": ("Research librarian", "a teaching hospital trust"),
    "mid-library-assistant": ("Library assistant", "an acute trust"),
    "mid-km-manager": ("Knowledge manager", "a mental health trust"),
    "mid-assistant-community": ("Library assistant", "a community health trust"),
    "mid-services-manager": ("Library services manager", "a mental health trust"),
    "mid-icb-km": ("Knowledge manager", "an integrated care board"),
    "lon-clinical-librarian": ("Clinical librarian", "an acute trust"),
    "lon-library-assistant": ("Library assistant", "a mental health trust"),
    "lon-evidence-ccg": ("Evidence specialist", "a clinical commissioning group"),
    "lon-km-acute": ("Knowledge manager", "an acute trust"),
    "lon-head-lks": ("Head of knowledge and library services", "a mental health trust"),
    "lon-icb-km-lead": ("Knowledge management lead", "an integrated care board"),
    "lon-mh-clinical-librarian": ("Clinical librarian", "a mental health trust"),
    "lon-hospice-manager": ("Library services manager", "a hospice"),
    "se-km-community": ("Knowledge manager", "a community health trust"),
    "se-library-assistant": ("Library assistant", "an acute trust"),
    "se-hospice-manager": ("Library services manager", "a hospice"),
    "se-evidence-ccg": ("Evidence specialist", "a clinical commissioning group"),
    "se-outreach": ("Outreach librarian", "an acute trust"),
    "se-km-officer": ("Knowledge and information officer", "a community health trust"),
    "nw-services-manager": ("Library services manager", "a mental health trust"),
    "nw-head-lks": ("Head of knowledge and library services", "an acute trust"),
    "nw-clinical-librarian": ("Clinical librarian", "an acute trust"),
    "nw-km-teaching": ("Knowledge manager", "a teaching hospital trust"),
    "nw-hospice-officer": ("Knowledge and information officer", "a hospice"),
    "nw-library-assistant": ("Library assistant", "an acute trust"),
    "nw-mh-clinical-librarian": ("Clinical librarian", "a mental health trust"),
    "sw-head-lks": ("Head of library and knowledge services", "an acute trust"),
    "sw-clinical-librarian": ("Clinical librarian", "a community health trust"),
    "sw-head-mh": ("Head of library and knowledge services", "a mental health trust"),
    "sw-library-assistant": ("Library assistant", "a community health trust"),
    "ee-evidence-ccg": ("Evidence and knowledge specialist", "a clinical commissioning group"),
    "ee-senior-assistant": ("Senior library assistant", "an ambulance service"),
    "ee-head-lks": ("Head of library and knowledge services", "a teaching hospital trust"),
    "ee-head-acute": ("Head of library and knowledge services", "an acute trust"),
    "nat-charity": ("Information specialist", "a health charity"),
    "nat-km-lead": ("Knowledge mobilisation lead", "a national health body"),
    # Members of team pledges.
    "sw-assistant-evenings": ("Library assistant", "a community health trust"),
    "sw-services-manager": ("Library services manager", "a community health trust"),
    "ee-assistant-acute": ("Library assistant", "an acute trust"),
    "ee-clinical-librarian": ("Clinical librarian", "an acute trust"),
    "ee-systems-librarian": ("Systems librarian", "an acute trust"),
    "nw-assistant-mh": ("Library assistant", "a mental health trust"),
}  # fmt: skip


@dataclass
class Member:
    """Someone who accepted an invitation to a team pledge, and what they chose to show."""

    who: str
    show_name: bool = True
    show_organisation: bool = False
    lesson: str = ""
    lesson_status: str = ""


# Team pledges: (pledger's key, title) -> (team name, members who accepted).
TEAMS = {
    ("sw-library-assistant", "Monthly coffee pairings across our four sites"): (
        "Library team, a community health trust",
        [
            Member("sw-assistant-evenings"),
            Member("sw-services-manager", show_name=False, show_organisation=True),
        ],
    ),
    ("ee-head-acute", "Repeat the self-assessment and compare with five years ago"): (
        "Library and knowledge service, an acute trust",
        [
            Member(
                "ee-assistant-acute",
                lesson="Answering the questions together meant the assistants' view of what "
                "readers ask for counted as much as the managers'. Next time we will send the "
                "questions a week ahead so that evening staff can add theirs.",
                lesson_status="approved",
            ),
            Member("ee-clinical-librarian", show_organisation=True),
            Member("ee-systems-librarian", show_name=False),
        ],
    ),
    ("nw-mh-clinical-librarian", "After action review of this year's induction sessions"): (
        "Knowledge and library team, a mental health trust",
        [
            Member(
                "nw-assistant-mh",
                lesson="Half the new starters had never been shown how to log in from home. "
                "A two-minute slide on remote access saved us a week of enquiries.",
                lesson_status="approved",
            )
        ],
    ),
}


@dataclass
class Entry:
    year: int
    who: str
    technique: str
    title: str
    text: str
    created: tuple[int, int]  # month, day
    effort: str = Pledge.Effort.SMALL
    status: str = Pledge.Status.APPROVED
    outcome: str = ""
    lessons: str = ""  # "", "approved" or "pending"
    aar: tuple[str, str, str, str] = ("", "", "", "")
    show_name: bool = True
    show_organisation: bool = True


A = Pledge.Effort
DONE, PARTLY = Pledge.Outcome.DONE, Pledge.Outcome.PARTLY
POSTPONED, NOT_DONE = Pledge.Outcome.POSTPONED, Pledge.Outcome.NOT_DONE
PENDING = Pledge.Status.PENDING

ENTRIES = [
    # Knowvember18: pledged online, by email or on a card at the September events.
    Entry(
        2018,
        "ney-head-lks",
        "peer-assist",
        "Peer assist before we merge two library sites",
        "Before our two hospital libraries become one service in the new year, invite a team "
        "that has merged sites to spend a morning with us and tell us what they would do "
        "differently.",
        (9, 11),
        A.MEDIUM,
        outcome=DONE,
        lessons="approved",
        aar=(
            "A morning with three librarians from a trust that merged its libraries two years "
            "ago, and a list of risks we had not thought of.",
            "Two of them came, and we talked for three hours instead of one. We left with "
            "eleven risks, four of them new to us, including staff rotas and the loss of a "
            "quiet study space.",
            "We had planned a presentation from them. Asking them questions about our own plan "
            "turned out to be far more useful.",
            "Send our plan in advance, and ask the visiting team to bring the documents they "
            "wish they had written at the start.",
        ),
    ),
    Entry(
        2018,
        "mid-library-assistant",
        "knowledge-cafe",
        "A knowledge café for library assistants across three sites",
        "Hold a lunchtime knowledge café for the library assistants on our three sites, on one "
        "question: what do readers ask us that we cannot answer yet?",
        (9, 13),
        outcome=DONE,
        lessons="approved",
        show_organisation=False,
        aar=(
            "Eight assistants from three sites, an hour, one question and notes on a flipchart.",
            "Six came in person and two joined by phone. The question produced a list of 14 "
            "things readers ask that we pass to a librarian, from printing to NICE guidance.",
            "Joining by phone did not work in a café format: the two on the phone could not "
            "hear the small groups.",
            "Hold it at each site in turn, and give colleagues joining remotely a group of "
            "their own.",
        ),
    ),
    Entry(
        2018,
        "lon-clinical-librarian",
        "after-action-review",
        "Five minutes with the ward team after every literature search",
        "Ask the ward team for five minutes after each literature search I do for them: what "
        "did they need, what did they get, and what would have helped more?",
        (9, 20),
        A.MEDIUM,
        outcome=PARTLY,
        lessons="approved",
        aar=(
            "An after action review with the requesting team after every search in November: "
            "about 12.",
            "I managed 5. Ward teams were willing, but finding five minutes on a busy ward was "
            "harder than the search itself.",
            "I tried to do the reviews face to face on the ward, and the results always arrived "
            "at the busiest moments.",
            "Ask the four questions by email the day after I send the results, and follow up in "
            "person only where the answers are interesting.",
        ),
    ),
    Entry(
        2018,
        "se-km-community",
        "elicitation-interviews",
        "Interview our retiring outreach librarian",
        "Capture twenty years of know-how about our community sites before our outreach "
        "librarian retires in December.",
        (9, 18),
        A.MEDIUM,
        outcome=DONE,
        lessons="approved",
        aar=(
            "Three one-hour elicitation interviews before she retired, written up as a "
            "handover guide.",
            "We held two interviews and a day visiting the community sites together. The guide "
            "runs to 12 pages, and the visits produced more than either interview.",
            "Seeing the places prompted memories that questions in an office did not.",
            "Start elicitation interviews three months before someone leaves, and include a "
            "visit to where the work happens.",
        ),
    ),
    Entry(
        2018,
        "nw-services-manager",
        "storytelling",
        "Collect three stories of evidence changing care",
        "Ask three clinicians for a short story of a time a literature search changed a "
        "decision, to use in our annual report and at staff induction.",
        (10, 2),
        outcome=DONE,
        lessons="approved",
        aar=(
            "Three stories of about 200 words, each checked by the clinician who told it.",
            "Five clinicians offered stories. We used three, and recorded one as a two-minute "
            "audio clip for induction.",
            "Asking at team meetings rather than by email brought more offers than we expected.",
            "Keep a story log all year instead of collecting in a rush in November.",
        ),
    ),
    Entry(
        2018,
        "sw-head-lks",
        "communities-of-practice",
        "A community of practice for library managers in the South West",
        "Invite library managers across the region to a monthly online meeting where each "
        "brings one problem and one success.",
        (10, 9),
        A.LARGE,
        outcome=DONE,
        lessons="approved",
        aar=(
            "A first meeting in November with at least eight managers, and a pattern agreed "
            "for the year.",
            "Eleven joined the first call. We agreed a monthly hour, a rotating chair and a "
            "shared folder.",
            "More came than we expected: the September regional event had already put people "
            "in touch.",
            "Agree from the start who keeps the shared folder tidy, so that it stays useful.",
        ),
    ),
    Entry(
        2018,
        "ee-evidence-ccg",
        "knowledge-assets",
        "One page for our rapid evidence reviews",
        "Gather our search strategies, review template and useful contacts for rapid evidence "
        "reviews into one page the commissioning team can reuse.",
        (10, 16),
        A.MEDIUM,
        outcome=DONE,
        lessons="approved",
        show_name=False,
        aar=(
            "One page with our five most-used search strategies, the review template and who "
            "to ask.",
            "The page went live with three strategies. The commissioning team used it twice in "
            "the first month without needing to ask us.",
            "Two strategies needed updating before we could share them, and that took longer "
            "than building the page.",
            "Date every item on the page and review it every six months.",
        ),
    ),
    Entry(
        2018,
        "nat-charity",
        "fishbowl",
        "A fishbowl at our team away day",
        "Use a fishbowl at our away day to talk about how the information service supports the "
        "charity's priorities, with senior managers listening in the outer circle.",
        (10, 16),
        outcome=POSTPONED,
    ),
    Entry(
        2018,
        "ney-library-assistant",
        "randomised-coffee-trials",
        "Coffee pairings between the library and IT teams",
        "Pair each member of the library team with someone from IT for a 20-minute coffee "
        "during November. Pledged on a card at the Leeds event.",
        (9, 11),
        outcome=DONE,
        lessons="approved",
        show_organisation=False,
        aar=(
            "Six pairs, each meeting once for coffee in November.",
            "Five pairs met, and two have met again since. IT now tells us about system changes "
            "before they happen.",
            "One IT colleague was on leave for the whole month.",
            "Run it over two months, and let people choose a second pairing if they want one.",
        ),
    ),
    Entry(
        2018,
        "lon-library-assistant",
        "before-action-review",
        "Before action review ahead of our first journal club",
        "Hold a short before action review with the psychiatry trainees before we launch a "
        "monthly journal club.",
        (11, 5),
        outcome=DONE,
        lessons="approved",
        aar=(
            "A 30-minute before action review, then a first journal club in December for about "
            "ten trainees.",
            "The review showed that two trainees had run journal clubs elsewhere, and they "
            "offered to co-chair. Fourteen came to the first one.",
            "We had never asked who had done this before until the before action review made "
            "us ask.",
            "Always ask 'who has done this before?' in the first five minutes.",
        ),
    ),
    # Knowvember19: the self-assessment tool, the story bank and impact case studies.
    Entry(
        2019,
        "nw-head-lks",
        "self-assessment",
        "The self-assessment as a whole team",
        "Spend one team meeting answering the self-assessment together, and choose two things "
        "to improve next year.",
        (11, 4),
        A.MEDIUM,
        outcome=DONE,
        lessons="approved",
        aar=(
            "One 90-minute meeting, everyone's view heard, and two priorities agreed.",
            "It took two meetings. Our priorities: lessons from projects are kept nowhere, and "
            "library assistants are rarely asked what they know.",
            "We disagreed about where we stood on three questions, and those discussions were "
            "the most useful part.",
            "Ask everyone to answer on their own first, then discuss only the questions where "
            "the answers differ.",
        ),
    ),
    Entry(
        2019,
        "mid-km-manager",
        "knowledge-harvesting",
        "Harvest what the discharge project team learned",
        "Spend two sessions with the discharge project team as the project closes, capturing "
        "what they know before the team disbands.",
        (11, 6),
        A.MEDIUM,
        outcome=DONE,
        lessons="approved",
        aar=(
            "Two harvesting sessions, and a written summary on the intranet.",
            "One session happened before the team disbanded. The second became short phone "
            "interviews with four of its members.",
            "The project closed three weeks earlier than planned.",
            "Book the harvesting sessions when a project starts, not when it ends.",
        ),
    ),
    Entry(
        2019,
        "sw-clinical-librarian",
        "appreciative-inquiry",
        "Appreciative inquiry with community nursing teams",
        "Ask community nurses about the best help they ever had from the library, and build "
        "next year's service plan on what they tell us.",
        (11, 8),
        A.MEDIUM,
        outcome=DONE,
        lessons="approved",
        aar=(
            "Conversations with four community nursing teams, and three themes for our plan.",
            "Three teams took part. The strongest theme was quick answers by phone during home "
            "visits, a service we had never advertised.",
            "Starting from what went well made the conversations warmer and longer than our "
            "usual surveys.",
            "Use the same questions with therapists and health visitors.",
        ),
    ),
    Entry(
        2019,
        "lon-evidence-ccg",
        "lessons-learned-reviews",
        "Lessons-learned review of a year of evidence briefings",
        "Look back at the thirty evidence briefings we wrote this year: which were used, which "
        "were not, and why.",
        (11, 12),
        A.MEDIUM,
        outcome=DONE,
        lessons="pending",
        aar=(
            "A review of all 30 briefings with the commissioners who asked for them.",
            "We reviewed 22. Briefings with a one-page summary were used twice as often.",
            "Eight briefings had no named requester left in post.",
            "Put a one-page summary at the front of every briefing.",
        ),
    ),
    Entry(
        2019,
        "se-library-assistant",
        "knowledge-cafe",
        "Knowledge café on supporting students on placement",
        "Bring practice educators and library staff together for an hour on how we could "
        "help students in their first week on placement.",
        (11, 13),
        outcome=NOT_DONE,
        show_name=False,
    ),
    Entry(
        2019,
        "ee-senior-assistant",
        "peer-assist",
        "Peer assist on reaching staff who never visit a library",
        "Ask a library team that serves staff on the road how they reach people who never set "
        "foot in a library.",
        (11, 14),
        outcome=DONE,
        lessons="approved",
        aar=(
            "A one-hour call with the library team of another ambulance service.",
            "The call ran to 90 minutes. They shared their text-message current-awareness "
            "service, and we started our own in January.",
            "We expected general advice; they had a ready-made service they were glad for us to "
            "copy.",
            "Ask peers for their documents and templates, not only their advice.",
        ),
    ),
    Entry(
        2019,
        "ney-km-officer",
        "storytelling",
        "A story for the hospice staff briefing",
        "Tell the story of one question a nurse brought to the library and what the answer "
        "changed, at the monthly staff briefing.",
        (11, 19),
        show_organisation=False,
    ),
    # KNOWvember20: most teams working remotely.
    Entry(
        2020,
        "lon-km-acute",
        "randomised-coffee-trials",
        "Virtual coffee pairings while we work from home",
        "Pair library and knowledge staff at random for a 20-minute video call every fortnight "
        "while most of us are working from home.",
        (11, 3),
        outcome=DONE,
        lessons="approved",
        aar=(
            "Everyone in our team of 14 paired once a fortnight in November and December.",
            "Eleven took part, and about two pairs in three met. People said the calls were the "
            "only unplanned conversations in their week.",
            "Some felt awkward on video with someone they barely knew. A suggested opening "
            "question helped.",
            "Send one light question with each pairing, and let people skip a round without "
            "dropping out altogether.",
        ),
    ),
    Entry(
        2020,
        "nat-km-lead",
        "action-learning-sets",
        "An action learning set for new knowledge managers",
        "Bring together five people new to knowledge-management roles to meet monthly online "
        "and each work through a real challenge.",
        (11, 3),
        A.LARGE,
        outcome=DONE,
        lessons="approved",
        aar=(
            "Five members and six monthly meetings from November, each member bringing one "
            "challenge.",
            "Six joined, and by March each had presented a challenge. Two challenges were the "
            "same: getting time with senior managers.",
            "Meeting online made it easier to find a time, but harder to stop people slipping "
            "into giving advice.",
            "Have a facilitator for the first three meetings who keeps everyone to questions.",
        ),
    ),
    Entry(
        2020,
        "nw-clinical-librarian",
        "after-action-review",
        "After action review of our move to online teaching",
        "After the first month, review with our two trainers how moving literature-search "
        "teaching online has gone.",
        (11, 5),
        outcome=DONE,
        lessons="approved",
        aar=(
            "A review after one month of online teaching, with both trainers.",
            "Attendance was up by a third, but fewer people asked questions and nobody stayed "
            "behind to talk.",
            "Online sessions ended the moment the hour did. In the room, the best questions "
            "came afterwards.",
            "Keep ten minutes at the end for questions with cameras on, and offer a short "
            "follow-up call.",
        ),
    ),
    Entry(
        2020,
        "mid-assistant-community",
        "knowledge-assets",
        "One page of answers about reaching e-resources from home",
        "Turn the questions staff ask us about using e-resources from home into one page the "
        "whole team can use.",
        (11, 10),
        outcome=DONE,
        lessons="approved",
        aar=(
            "A page of the ten most common questions and answers, live by the end of November.",
            "The page went live with 18 questions, and calls about passwords fell noticeably in "
            "December.",
            "Colleagues kept adding questions once they saw the page.",
            "Ask the whole team for questions before writing, not after.",
        ),
    ),
    Entry(
        2020,
        "sw-head-mh",
        "fishbowl",
        "A virtual fishbowl at the leadership forum",
        "Run a fishbowl on knowledge sharing at the trust's online leadership forum, with two "
        "empty chairs for anyone who wants to join in.",
        (11, 10),
        A.MEDIUM,
        outcome=PARTLY,
        lessons="approved",
        aar=(
            "A 40-minute fishbowl, four managers in the inner circle and two empty chairs.",
            "It ran for 25 minutes because the agenda overran. Two people took the empty "
            "chairs, which online meant turning their cameras on.",
            "The forum ran late and we were the last item.",
            "Ask to be early on the agenda, and explain the empty-chair rule before starting.",
        ),
    ),
    Entry(
        2020,
        "ee-evidence-ccg",
        "retrospect",
        "Retrospect on our rapid evidence summaries",
        "Hold a retrospect with commissioners and the public health team on the rapid evidence "
        "summaries we have produced since March.",
        (11, 17),
        A.MEDIUM,
        outcome=DONE,
        lessons="approved",
        aar=(
            "A two-hour retrospect with eight people, and written recommendations.",
            "Ten people took part over two shorter sessions. We wrote seven recommendations; "
            "the first is to agree turnaround times at the start of each request.",
            "Public health colleagues could not give two hours in one go during the second wave.",
            "Split long reviews into shorter sessions from the start, and send a timeline "
            "beforehand so the time goes on lessons.",
        ),
    ),
    Entry(
        2020,
        "se-hospice-manager",
        "before-action-review",
        "Before action review for our first online book group",
        "Before we start an online book group for hospice staff, agree what it is for and what "
        "would make it worth their time.",
        (11, 18),
        outcome=POSTPONED,
        show_name=False,
    ),
    Entry(
        2020,
        "ney-outreach",
        "storytelling",
        "The library's year in one story for the trust newsletter",
        "Write one short story about how the library supported a ward through the spring, for "
        "the trust newsletter.",
        (11, 24),
        show_name=False,
    ),
    # KNOWvember21: Growing your connections.
    Entry(
        2021,
        "mid-library-assistant",
        "randomised-coffee-trials",
        "Three coffees with library colleagues from other trusts",
        "Join the regional coffee pairings and meet three library colleagues from other trusts "
        "during November.",
        (11, 2),
        outcome=DONE,
        lessons="approved",
        show_organisation=False,
        aar=(
            "Three 20-minute coffees with library staff from other trusts.",
            "I had four, and one led to shadowing an interlibrary-loans colleague for a morning "
            "in December.",
            "The fourth came from a colleague who asked to be paired with me after hearing "
            "about the first.",
            "Say in my pairing profile what I would like to learn, so people know what to ask.",
        ),
    ),
    Entry(
        2021,
        "nat-km-lead",
        "self-assessment",
        "The new online self-assessment with all four teams",
        "Ask each of our four teams to complete the new online self-assessment tool, then "
        "compare the results together.",
        (11, 2),
        A.MEDIUM,
        outcome=DONE,
        lessons="approved",
        aar=(
            "Four teams complete the tool in November, then one meeting to compare.",
            "Three teams completed it. Each was strong on sharing within the team and weak on "
            "sharing between teams.",
            "The fourth team was two people short all month.",
            "Book the comparison meeting first and work back from it.",
        ),
    ),
    Entry(
        2021,
        "sw-clinical-librarian",
        "communities-of-practice",
        "Bring a search problem to the clinical librarians' community",
        "Join the community of practice for clinical librarians and bring one search I am stuck "
        "on to each meeting.",
        (11, 9),
        outcome=DONE,
    ),
    Entry(
        2021,
        "lon-head-lks",
        "appreciative-inquiry",
        "Map the connections that already work for us",
        "Ask each person in the team which connection outside the trust has helped them most, "
        "and map what we find.",
        (11, 10),
        outcome=DONE,
        lessons="approved",
        aar=(
            "Ten short conversations and a map of the connections that work for us.",
            "The map showed that most of our useful connections run through two people, both "
            "part-time.",
            "We had assumed connections were spread across the team.",
            "Introduce newer staff to those contacts on purpose, not by chance.",
        ),
    ),
    Entry(
        2021,
        "nw-km-teaching",
        "knowledge-harvesting",
        "Harvest what a year of online teaching taught us",
        "Run two workshops with our trainers to capture what to keep from teaching online.",
        (11, 16),
        A.MEDIUM,
        outcome=PARTLY,
        lessons="approved",
        aar=(
            "Two workshops with our five trainers, written up as guidance.",
            "One workshop happened. The other became a shared document that three of the five "
            "trainers added to.",
            "Winter pressures took two trainers back to clinical duties in late November.",
            "Harvest in early autumn, before winter pressures start.",
        ),
    ),
    Entry(
        2021,
        "ee-senior-assistant",
        "knowledge-cafe",
        "Knowledge café for three ambulance library teams",
        "Hold an online knowledge café for the library teams of three ambulance services on how "
        "we reach crews between calls.",
        (11, 17),
        outcome=DONE,
        lessons="approved",
        aar=(
            "Staff from three services, one hour online, one question about reaching crews.",
            "Nine came. The best idea was a shared list of podcasts and short reads for crews "
            "between calls.",
            "More assistants and fewer managers came than we expected, which made the "
            "conversation more practical.",
            "Invite assistants first, and ask managers to come and listen.",
        ),
    ),
    Entry(
        2021,
        "se-evidence-ccg",
        "elicitation-interviews",
        "Interview our commissioning lead before the organisation changes",
        "Capture what our commissioning lead knows about our evidence requests before the "
        "clinical commissioning group becomes part of an integrated care board.",
        (11, 23),
        A.MEDIUM,
        outcome=POSTPONED,
        show_name=False,
    ),
    # KNOWvember22: lessons presented with the After Action Review template.
    Entry(
        2022,
        "lon-icb-km-lead",
        "lessons-learned-reviews",
        "Lessons-learned review of our first year as an integrated care board",
        "Look back with the evidence team at what changed when we joined the integrated care "
        "board, and share what we learned with other systems.",
        (11, 1),
        A.MEDIUM,
        outcome=DONE,
        lessons="approved",
        aar=(
            "A half-day review with the evidence team and three of the people we serve.",
            "We wrote eight lessons. The first: requests now come from five times as many "
            "teams, so we triage every request before searching.",
            "We had expected the volume of requests to change, not who was asking.",
            "Review every six months, not once a year.",
        ),
    ),
    Entry(
        2022,
        "ney-clinical-librarian",
        "after-action-review",
        "After action review with the sepsis team after each evidence update",
        "After each monthly evidence update for the sepsis team, ask them the four after action "
        "review questions at their next huddle.",
        (11, 2),
        outcome=DONE,
        lessons="approved",
        aar=(
            "Three reviews at the team's huddle, one after each update.",
            "All three happened. After the second, the team asked for a single line on what "
            "changed since last month at the top of each update.",
            "Reviews at the huddle worked because the team was already together.",
            "Find the meeting a team already has rather than asking for new time.",
        ),
    ),
    Entry(
        2022,
        "mid-services-manager",
        "retrospect",
        "Retrospect on our library move",
        "Hold a retrospect with everyone involved in moving the library to its new building.",
        (11, 8),
        A.MEDIUM,
        outcome=DONE,
        lessons="approved",
        aar=(
            "A two-hour retrospect with the library team, estates and IT.",
            "Estates could not come, so we held a second short session with them. The biggest "
            "lesson was to test the network points before the shelves go in.",
            "The move ran late, so the retrospect fell in estates' busiest week.",
            "Agree the retrospect date at the start of a project and protect it.",
        ),
    ),
    Entry(
        2022,
        "sw-library-assistant",
        "storytelling",
        "The story of our mobile library at the staff awards",
        "Tell the story of the mobile library that visits our community hospitals at the "
        "trust's staff awards evening.",
        (11, 9),
        outcome=PARTLY,
        lessons="approved",
        aar=(
            "A three-minute story on stage at the staff awards.",
            "The awards were cut short, so the story went into the awards booklet instead.",
            "The programme changed on the day.",
            "Have a written version ready as well as a spoken one.",
        ),
    ),
    Entry(
        2022,
        "ee-head-lks",
        "peer-assist",
        "Peer assist from clinical teams before our knowledge-sharing strategy",
        "Before we write our knowledge-sharing strategy, ask two clinical teams to tell us what "
        "gets in the way of sharing what they know.",
        (11, 15),
        A.MEDIUM,
        outcome=DONE,
        lessons="approved",
        aar=(
            "Two one-hour sessions with clinical teams before the first draft.",
            "Both happened. The barrier both teams named first was not knowing who else in the "
            "trust had already solved the same problem.",
            "We had expected them to name time; time came second.",
            "Start every strategy with the people it is for, before the first draft.",
        ),
    ),
    Entry(
        2022,
        "nw-hospice-officer",
        "knowledge-assets",
        "A knowledge asset on helping volunteers find evidence",
        "Gather our guides, the questions volunteers ask and who can help into one place for "
        "hospice volunteers.",
        (11, 16),
        outcome=NOT_DONE,
        show_name=False,
    ),
    Entry(
        2022,
        "se-outreach",
        "action-learning-sets",
        "An action learning set on working across professions",
        "Join an action learning set with a nurse, a pharmacist and a physiotherapist, each "
        "bringing a barrier to sharing knowledge across professions.",
        (11, 22),
        A.LARGE,
        outcome=DONE,
        lessons="approved",
        aar=(
            "Four monthly meetings, each member bringing one barrier.",
            "We met four times. My barrier was that other professions did not know we search "
            "for them; by the fourth meeting two of the group had asked me for searches.",
            "The set itself became the connection we had been missing.",
            "Mix professions in every set, not only library staff.",
        ),
    ),
    # The current edition.
    Entry(
        2026,
        "nw-library-assistant",
        "knowledge-cafe",
        "Host a knowledge café on discharge planning",
        "Bring ward staff and the discharge team together for an hour to swap what helps "
        "patients leave hospital on time.",
        (11, 2),
    ),
    Entry(
        2026,
        "lon-mh-clinical-librarian",
        "before-action-review",
        "Before action review for our new current-awareness service",
        "Agree with the team what success looks like before we launch the service, and find out "
        "who has done this before.",
        (11, 3),
    ),
    Entry(
        2026,
        "mid-icb-km",
        "communities-of-practice",
        "A community of practice for evidence teams across our system",
        "Bring together the evidence and library teams of every organisation in our integrated "
        "care system for a monthly call.",
        (11, 23),
        A.LARGE,
        status=PENDING,
    ),
    Entry(
        2026,
        "sw-library-assistant",
        "randomised-coffee-trials",
        "Monthly coffee pairings across our four sites",
        "Pair library assistants on our four sites at random for a 20-minute coffee each month.",
        (11, 4),
        show_organisation=False,
    ),
    Entry(
        2026,
        "ee-head-acute",
        "self-assessment",
        "Repeat the self-assessment and compare with five years ago",
        "Take the self-assessment again as a team and see what has changed since we first took it.",
        (11, 2),
        A.MEDIUM,
        outcome=DONE,
        lessons="approved",
        aar=(
            "One meeting to answer the self-assessment together, and a comparison with our "
            "earlier answers.",
            "We moved up on four questions. We had not moved on sharing lessons between "
            "projects, although it was a priority last time too.",
            "Nobody owned that priority, so it slipped each year.",
            "Give each priority a named owner and a date.",
        ),
    ),
    Entry(
        2026,
        "ney-research-librarian",
        "fishbowl",
        "Fishbowl on linking knowledge work to winter priorities",
        "Run a fishbowl with managers on how library and knowledge work can support the trust "
        "through winter.",
        (11, 24),
        status=PENDING,
    ),
    Entry(
        2026,
        "se-km-officer",
        "elicitation-interviews",
        "Capture our interlibrary-loans know-how before a colleague retires",
        "Hold elicitation interviews with our interlibrary-loans specialist before she retires "
        "in December.",
        (11, 5),
        A.MEDIUM,
    ),
    Entry(
        2026,
        "nat-charity",
        "storytelling",
        "Stories of evidence use from outside the NHS",
        "Share three short stories of how charity staff use evidence, for the #ukmedlibs chat "
        "this month.",
        (11, 6),
    ),
    Entry(
        2026,
        "nw-mh-clinical-librarian",
        "after-action-review",
        "After action review of this year's induction sessions",
        "Review our library induction for new staff with the learning and development team "
        "after the November intake.",
        (11, 2),
        outcome=DONE,
        lessons="approved",
        aar=(
            "A 30-minute review after the November induction, and one change for January.",
            "We agreed two changes: a shorter talk, and a card with the three things new staff "
            "ask most.",
            "Learning and development had feedback forms we had never seen.",
            "Ask for their feedback forms after every intake.",
        ),
    ),
    Entry(
        2026,
        "nw-head-lks",
        "lessons-learned-reviews",
        "Lessons-learned review of last winter's evidence requests",
        "Look back at last winter's rapid evidence requests with the operational teams before "
        "this winter starts.",
        (11, 3),
        A.MEDIUM,
    ),
    Entry(
        2026,
        "nw-km-teaching",
        "knowledge-harvesting",
        "Harvest the know-how of our digital skills trainers",
        "Capture what our digital skills trainers have learned from two years of teaching on "
        "wards, before the team changes in the new year.",
        (11, 5),
        A.MEDIUM,
    ),
    Entry(
        2026,
        "nw-services-manager",
        "communities-of-practice",
        "Restart the region's clinical librarians' network",
        "Bring the region's clinical librarians back together online every other month, "
        "starting with one shared problem.",
        (11, 9),
        A.MEDIUM,
    ),
    Entry(
        2026,
        "nw-hospice-officer",
        "action-learning-sets",
        "An action learning set for people who run a library on their own",
        "Join three others who run a library service single-handed, and meet monthly to work "
        "through one real challenge each.",
        (11, 10),
        A.LARGE,
    ),
    Entry(
        2026,
        "lon-km-acute",
        "retrospect",
        "Retrospect on changing our library management system",
        "Hold a retrospect with everyone involved in changing our library management system, "
        "so the next upgrade goes more smoothly.",
        (11, 4),
        A.MEDIUM,
    ),
    Entry(
        2026,
        "lon-clinical-librarian",
        "peer-assist",
        "Peer assist before we join ward rounds",
        "Ask a clinical librarian who already joins ward rounds in another trust to talk to us "
        "before we start.",
        (11, 4),
    ),
    Entry(
        2026,
        "lon-library-assistant",
        "knowledge-assets",
        "Answers for new starters on the library desk",
        "Write down the twenty questions new library desk staff ask most, with answers, so "
        "nobody has to learn them by trial and error.",
        (11, 11),
        outcome=DONE,
        lessons="approved",
        aar=(
            "Twenty questions and answers on one shared page, checked by two colleagues.",
            "We wrote 26. The first new starter to use it said it halved the questions she "
            "needed to ask in her first week.",
            "Colleagues remembered more questions once they saw the first draft.",
            "Ask the newest member of staff to write the first draft: they remember the "
            "questions best.",
        ),
    ),
    Entry(
        2026,
        "lon-icb-km-lead",
        "storytelling",
        "Stories from general practice for our evidence newsletter",
        "Collect three short stories from general practice teams about a time evidence changed "
        "what they did, for the system's newsletter.",
        (11, 12),
    ),
    Entry(
        2026,
        "mid-km-manager",
        "elicitation-interviews",
        "Capture the know-how of our departing research librarian",
        "Hold elicitation interviews with our research librarian before she moves to a new role "
        "in the spring.",
        (11, 6),
        A.MEDIUM,
    ),
    Entry(
        2026,
        "mid-services-manager",
        "before-action-review",
        "Before action review for our new outreach service",
        "Agree what the new outreach service to community teams should achieve before the first "
        "visit.",
        (11, 9),
    ),
    Entry(
        2026,
        "mid-assistant-community",
        "randomised-coffee-trials",
        "Coffee pairings with a neighbouring trust's library assistants",
        "Pair library assistants in our trust with those in a neighbouring trust for a 20-minute "
        "call each month.",
        (11, 13),
        show_organisation=False,
    ),
    Entry(
        2026,
        "ee-senior-assistant",
        "knowledge-cafe",
        "Knowledge café with call handlers on finding guidance fast",
        "Hold a knowledge café with call handlers about how they find guidance during a call, "
        "and what would help.",
        (11, 16),
        outcome=DONE,
        lessons="pending",
        aar=(
            "An hour with eight call handlers between shifts, and a list of what would help.",
            "Six came. Their first wish was a single search box for every guideline they use.",
            "Two were called back to the floor during a busy evening.",
            "Hold it in the morning, when calls are fewer.",
        ),
    ),
    Entry(
        2026,
        "lon-hospice-manager",
        "appreciative-inquiry",
        "Appreciative inquiry with the hospice ward team",
        "Ask the ward team when the library helped them most, and build our next year around it.",
        (11, 25),
        status=PENDING,
        show_name=False,
    ),
]


def _pledge_fields(entry: Entry, campaign, activity, author) -> dict:
    created = datetime.datetime(entry.year, *entry.created, 10, 0, tzinfo=UTC)
    approved = entry.status == Pledge.Status.APPROVED
    past = not campaign.is_current
    has_lessons = bool(entry.lessons)
    lessons_at = created + datetime.timedelta(days=28 if past else 3)
    planned, actual, difference, next_time = entry.aar
    return {
        "author": author,
        "campaign": campaign,
        "activity": activity,
        "text": entry.text,
        "target_month": datetime.date(entry.year, 11, 1),
        "effort": entry.effort,
        "organisation": author.organisation,
        "region": author.region,
        "show_name": entry.show_name,
        "show_organisation": entry.show_organisation,
        "status": entry.status,
        "moderated_at": created + datetime.timedelta(days=1) if approved else None,
        "created_at": created,
        "outcome": entry.outcome,
        "aar_planned": planned,
        "aar_actual": actual,
        "aar_difference": difference,
        "aar_next": next_time,
        "lessons_status": entry.lessons,
        "lessons_submitted_at": lessons_at if has_lessons else None,
        "lessons_moderated_at": lessons_at if entry.lessons == "approved" else None,
        "follow_up_emailed_at": (
            datetime.datetime(entry.year, 12, 1, 9, tzinfo=UTC) if past and approved else None
        ),
    }


UPDATED_FIELDS = [
    "campaign", "activity", "text", "target_month", "effort", "organisation", "region",
    "show_name", "show_organisation", "status", "moderated_at", "created_at", "outcome",
    "aar_planned", "aar_actual", "aar_difference", "aar_next", "lessons_status",
    "lessons_submitted_at", "lessons_moderated_at", "follow_up_emailed_at",
]  # fmt: skip


def load_demo_data(command):
    seed_activities(Activity)
    activities = {activity.slug: activity for activity in Activity.objects.all()}
    campaigns = {campaign.year: campaign for campaign in Campaign.objects.all()}
    people = demo_people(
        {
            key: (role, organisation, REGIONS[key.split("-")[0]])
            for key, (role, organisation) in PEOPLE.items()
        }
    )
    # Accounts and pledges an earlier version of this content made, under numbered addresses.
    User.objects.filter(email__regex=r"^demo\.pledger\d+@example\.nhs\.uk$").delete()
    titles = {entry.title for entry in ENTRIES}
    Pledge.objects.filter(author__in=people.values()).exclude(title__in=titles).delete()
    existing = {
        (pledge.author_id, pledge.title): pledge
        for pledge in Pledge.objects.filter(author__in=people.values(), title__in=titles)
    }
    new, changed = [], []
    for entry in ENTRIES:
        campaign = campaigns.get(entry.year)
        if campaign is None:
            continue
        author = people[entry.who]
        fields = _pledge_fields(entry, campaign, activities[entry.technique], author)
        pledge = existing.get((author.pk, entry.title))
        if pledge is None:
            new.append(Pledge(title=entry.title, submission_key=uuid.uuid4(), **fields))
        else:
            for name, value in fields.items():
                setattr(pledge, name, value)
            changed.append(pledge)
    for pledge in new + changed:
        pledge.team_name = ""
    for (key, title), (team_name, _members) in TEAMS.items():
        for pledge in new + changed:
            if pledge.author_id == people[key].pk and pledge.title == title:
                pledge.team_name = team_name
    Pledge.objects.bulk_create(new)
    Pledge.objects.bulk_update(changed, [*UPDATED_FIELDS, "team_name"])
    _load_teams(people)
    command.stdout.write(
        f"Pledges: {Pledge.objects.filter(author__in=people.values()).count()} "
        f"from {len(people)} people"
    )


def _load_teams(people) -> None:
    """The accepted members of the team pledges, the same on every run."""
    pledges = {
        (pledge.author_id, pledge.title): pledge
        for pledge in Pledge.objects.filter(author__in=people.values()).exclude(team_name="")
    }
    TeamMember.objects.filter(pledge__in=pledges.values()).delete()
    rows = []
    for (key, title), (_team_name, members) in TEAMS.items():
        pledge = pledges.get((people[key].pk, title))
        if pledge is None:
            continue
        joined = pledge.created_at + datetime.timedelta(days=1)
        for order, member in enumerate(members):
            moderated = pledge.lessons_moderated_at if member.lesson_status == "approved" else None
            rows.append(
                TeamMember(
                    pledge=pledge,
                    user=people[member.who],
                    status=TeamMember.Status.ACCEPTED,
                    invited_at=pledge.created_at,
                    responded_at=joined + datetime.timedelta(hours=order),
                    show_name=member.show_name,
                    show_organisation=member.show_organisation,
                    lesson=member.lesson,
                    lesson_status=member.lesson_status,
                    lesson_submitted_at=moderated,
                    lesson_moderated_at=moderated,
                )
            )
    TeamMember.objects.bulk_create(rows)
