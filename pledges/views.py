from allauth.account.decorators import verified_email_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.generic import CreateView, DetailView, TemplateView, UpdateView

from knowvember.cache import cached_page
from knowvember.images import photo_uploads_exceeded
from knowvember.models import Campaign
from knowvember.ratelimit import limit_exceeded, too_many_requests
from pledges import services
from pledges.forms import (
    TEXT_MAX,
    TITLE_MAX,
    AcceptForm,
    FollowUpForm,
    InviteForm,
    MemberChoicesForm,
    PledgeForm,
    TechniqueForm,
    WallFilterForm,
)
from pledges.models import INVITATION_MAX_AGE, Activity, Pledge, TeamMember
from pledges.share_image import share_image_png
from pledges.stats import edition_statistics
from pledges.tokens import InvitationLinkExpired, InvitationLinkInvalid, read_invitation_token

WALL_PAGE_SIZE = 12
LESSONS_SHOWN = 3
INVITES_PER_HOUR = 40  # per pledger, across their pledges


class KnownCountPaginator(Paginator):
    """A paginator told the total up front, so the page does not count the rows twice."""

    def __init__(self, *args, total: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.__dict__["count"] = total


@require_safe
@cached_page
def wall(request):
    """The pledge wall: approved pledges, newest first, filtered by a GET form."""
    filters = WallFilterForm(request.GET)
    pledges = filters.filter(Pledge.objects.on_wall())
    totals = pledges.totals()
    paginator = KnownCountPaginator(pledges.with_people(), WALL_PAGE_SIZE, total=totals["pledges"])
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "pledges/wall.html",
        {
            "filters": filters,
            "page_obj": page_obj,
            "pledges": page_obj.object_list,
            "totals": totals,
        },
        status=filters.status_code,
    )


def lessons_for(activity: Activity | None):
    if activity is None:
        return []
    return list(Pledge.objects.with_lessons().filter(activity=activity)[:LESSONS_SHOWN])


def _chosen_activity(slug) -> Activity | None:
    if not slug:
        return None
    return Activity.objects.filter(slug=str(slug)[:100]).first()


class CountedPhotoUploadsMixin:
    """Every photo upload counts against the person's and their address's limits, valid or not."""

    def post(self, request, *args, **kwargs):
        if request.FILES.get("photo") and photo_uploads_exceeded(request):
            return too_many_requests(request, retry_after=60 * 60)
        return super().post(request, *args, **kwargs)


@method_decorator(verified_email_required, name="dispatch")
class PledgeCreateView(CountedPhotoUploadsMixin, CreateView):
    """Make a pledge; it waits for an organiser before it appears on the wall."""

    model = Pledge
    form_class = PledgeForm
    template_name = "pledges/form.html"

    def dispatch(self, request, *args, **kwargs):
        self.campaign = Campaign.objects.current()
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        user = self.request.user
        initial = {"organisation": user.organisation, "region": user.region_id}
        query = self.request.GET
        if activity := _chosen_activity(query.get("activity")):
            initial["activity"] = activity.slug
        if title := query.get("title"):
            initial["title"] = title[:TITLE_MAX]
        if text := query.get("text"):
            initial["text"] = text[:TEXT_MAX]
        return initial

    def post(self, request, *args, **kwargs):
        if self.campaign is None:
            return redirect("pledges:wall")
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        slug = form["activity"].value()
        activity = _chosen_activity(slug)
        context.update(
            campaign=self.campaign,
            chosen_activity=activity,
            lessons=lessons_for(activity),
            # Step one (choose a technique, see its lessons) until one is chosen.
            choosing=self.request.method == "GET" and activity is None,
            technique_list=Activity.objects.all(),
            technique_form=TechniqueForm(
                prefill={k: self.request.GET.get(k, "") for k in ("title", "text")}
            ),
        )
        return context

    def form_valid(self, form):
        team_emails = form.cleaned_data.get("team_emails") or []
        if team_emails and invites_exceeded(self.request.user, len(team_emails)):
            return too_many_requests(self.request, retry_after=3600)
        try:
            pledge = services.pledge_create(
                author=self.request.user,
                campaign=self.campaign,
                submission_key=form.cleaned_data["submission_key"],
                data=form.pledge_data,
                photo=form.processed_photo,
                team_emails=team_emails,
            )
        except services.TooManyPledges:
            return too_many_requests(self.request, retry_after=3600)
        messages.success(
            self.request,
            "Thank you for your pledge. An organiser will check it soon, and it will appear on "
            "the pledge wall once it is approved. We will email you when that happens.",
        )
        if pledge.is_team:
            messages.info(
                self.request,
                "Once your pledge is approved, we will email each person you invited a link "
                "to join your team. They are not shown anywhere until they accept.",
            )
        return redirect("accounts:dashboard")


class OwnPledgeMixin:
    """Only the pledger reaches these pages; a withdrawn pledge is closed."""

    def get_queryset(self):
        return Pledge.objects.owned_by(self.request.user)


@method_decorator(verified_email_required, name="dispatch")
class PledgeUpdateView(OwnPledgeMixin, CountedPhotoUploadsMixin, UpdateView):
    """Change a pledge; changing what the public reads sends it back to an organiser."""

    model = Pledge
    form_class = PledgeForm
    template_name = "pledges/edit.html"

    def form_valid(self, form):
        back_to_moderation = services.pledge_update(
            pledge=self.object,
            data=form.pledge_data,
            photo=form.processed_photo,
            remove_photo=form.cleaned_data.get("remove_photo", False),
        )
        if back_to_moderation:
            messages.success(
                self.request,
                "Your pledge has been updated. An organiser will check the changes before it "
                "appears on the pledge wall again.",
            )
        else:
            messages.success(self.request, "Your pledge has been updated.")
        return redirect("accounts:dashboard")


@verified_email_required
def withdraw(request, pk):
    """Ask, then withdraw a pledge for good (its photo is deleted). A team pledge that others
    have joined stays theirs: the pledger leaves the team instead."""
    pledge = get_object_or_404(Pledge.objects.owned_by(request.user), pk=pk)
    if pledge.is_team and pledge.members.accepted().exists():
        return redirect("pledges:leave-team", pk=pledge.pk)
    if request.method == "POST":
        services.pledge_withdraw(pledge=pledge)
        messages.success(request, f"You have withdrawn your pledge “{pledge.title}”.")
        return redirect("accounts:dashboard")
    return render(request, "pledges/withdraw.html", {"pledge": pledge})


@method_decorator(verified_email_required, name="dispatch")
class FollowUpView(UpdateView):
    """Did it happen? Record the outcome and an After Action Review: the pledger or any
    member of their team, once for the whole pledge."""

    model = Pledge
    form_class = FollowUpForm
    template_name = "pledges/follow_up.html"

    def get_queryset(self):
        return Pledge.objects.of_team(self.request.user).filter(status=Pledge.Status.APPROVED)

    def form_valid(self, form):
        pledge = services.pledge_record_outcome(pledge=self.object, **form.cleaned_data)
        if pledge.lessons_status == Pledge.LessonsStatus.PENDING:
            messages.success(
                self.request,
                "Thank you for telling us what happened. An organiser will check your lessons "
                "learned before they are shared with others.",
            )
        else:
            messages.success(self.request, "Thank you for telling us what happened.")
        return redirect("accounts:dashboard")


@method_decorator(cached_page, name="dispatch")
class PledgeDetailView(DetailView):
    """One approved pledge, with its lessons once they are approved."""

    template_name = "pledges/detail.html"
    context_object_name = "pledge"

    def get_queryset(self):
        return Pledge.objects.on_wall().with_people()

    def get_context_data(self, **kwargs):
        members = list(self.object.members.on_page()) if self.object.is_team else []
        return super().get_context_data(
            named_members=[m for m in members if m.public_name or m.public_organisation],
            member_lessons=[m for m in members if m.has_public_lesson],
            **kwargs,
        )


@require_safe
def share_image(request, pk):
    """The pledge's Open Graph card: a PNG with no personal data unless consented."""
    pledge = get_object_or_404(Pledge.objects.on_wall(), pk=pk)
    response = HttpResponse(share_image_png(pledge), content_type="image/png")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@method_decorator(cached_page, name="dispatch")
class StatsView(TemplateView):
    """Pledges and completions by region, stage and technique, small counts suppressed."""

    template_name = "pledges/stats.html"

    def get_context_data(self, **kwargs):
        editions = list(Campaign.objects.only("name", "slug", "year"))
        slug = self.request.GET.get("edition")
        if slug:
            edition = next((e for e in editions if e.slug == slug), None)
            if edition is None:
                raise Http404("No such edition")
        else:
            current = Campaign.objects.current()
            edition = next((e for e in editions if current and e.pk == current.pk), None)
        return super().get_context_data(
            editions=editions,
            edition=edition,
            stats=edition_statistics(edition) if edition else None,
            **kwargs,
        )


@require_safe
def lessons_fragment(request):
    """The "Learn before you start" panel alone, for the form's script to swap in."""
    activity = _chosen_activity(request.GET.get("activity"))
    return render(
        request,
        "pledges/form.html#lessons",
        {"chosen_activity": activity, "lessons": lessons_for(activity)},
    )


# Team pledges


def invites_exceeded(user, count: int) -> bool:
    """Count `count` invitations against the pledger's hourly allowance."""
    return any(
        limit_exceeded("pledge-invite", str(user.pk), limit=INVITES_PER_HOUR, period=3600)
        for _ in range(count)
    )


def _invitation_problem(request, problem: str, status: int):
    return render(request, "pledges/invitation_problem.html", {"problem": problem}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def invitation(request, token):
    """An invitation to a team pledge: anyone holding the link may decline; accepting needs an
    account, and the page is the same whether or not the invited address has one."""
    try:
        member_id = read_invitation_token(token)
    except InvitationLinkExpired:
        return _invitation_problem(request, "expired", 410)
    except InvitationLinkInvalid:
        return _invitation_problem(request, "invalid", 400)
    member = (
        TeamMember.objects.awaiting_answer()
        .exclude(pledge__status=Pledge.Status.WITHDRAWN)
        .select_related("pledge__activity")
        .filter(pk=member_id)
        .first()
    )
    if member is None:
        return _invitation_problem(request, "answered", 410)
    if member.invited_at is None:  # held until the pledge is approved: no link was sent
        return _invitation_problem(request, "invalid", 400)
    if member.invited_at < timezone.now() - INVITATION_MAX_AGE:
        return _invitation_problem(request, "expired", 410)
    form = AcceptForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "decline":
            try:
                services.team_member_decline(member=member)
            except services.InvitationAnswered:
                return _invitation_problem(request, "answered", 410)
            return render(request, "pledges/invitation_declined.html", {"pledge": member.pledge})
        if action != "accept":
            return _invitation_problem(request, "invalid", 400)
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?{urlencode({'next': request.path})}")
        form = AcceptForm(request.POST)
        if form.is_valid():
            try:
                services.team_member_accept(member=member, user=request.user, **form.cleaned_data)
            except services.InvitationAnswered:
                return _invitation_problem(request, "answered", 410)
            messages.success(
                request,
                f"You have joined the team “{member.pledge.team_name}”. "
                "You can change what is shown about you here at any time.",
            )
            return redirect("pledges:team", pk=member.pledge_id)
    next_query = urlencode({"next": request.path})
    return render(
        request,
        "pledges/invitation.html",
        {
            "member": member,
            "pledge": member.pledge,
            "form": form,
            "login_url": f"{reverse('account_login')}?{next_query}",
            "signup_url": f"{reverse('account_signup')}?{next_query}",
        },
        status=400 if form.errors else 200,
    )


def _team_pledge(request, pk) -> tuple[Pledge, TeamMember | None]:
    """The team pledge the person made or joined, and their membership (None for the pledger)."""
    pledge = get_object_or_404(
        Pledge.objects.of_team(request.user).exclude(team_name="").select_related("activity"),
        pk=pk,
    )
    membership = None
    if pledge.author_id != request.user.pk:
        membership = pledge.members.accepted().get(user=request.user)
    return pledge, membership


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def team(request, pk):
    """A team pledge's own page for its people: who is in it, invitations (for the pledger),
    and each member's choices and lesson."""
    pledge, membership = _team_pledge(request, pk)
    invite_form = InviteForm()
    choices_form = MemberChoicesForm(instance=membership) if membership else None
    status = 200
    if request.method == "POST" and membership is None:
        invite_form = InviteForm(request.POST)
        if invite_form.is_valid():
            emails = invite_form.cleaned_data["emails"]
            if invites_exceeded(request.user, len(emails)):
                return too_many_requests(request, retry_after=3600)
            invited = services.team_member_invite(pledge=pledge, emails=emails)
            if not invited:
                messages.success(request, "Everyone you entered has already been invited.")
            else:
                people = f"{len(invited)} {'person' if len(invited) == 1 else 'people'}"
                when = "" if pledge.status == Pledge.Status.APPROVED else " once it is approved"
                messages.success(
                    request, f"We will email {people} a link to join your team pledge{when}."
                )
            return redirect("pledges:team", pk=pledge.pk)
        status = 400
    elif request.method == "POST":
        choices_form = MemberChoicesForm(request.POST, instance=membership)
        if choices_form.is_valid():
            services.team_member_update(member=membership, **choices_form.cleaned_data)
            messages.success(request, "Your choices have been saved.")
            return redirect("pledges:team", pk=pledge.pk)
        status = 400
    members = list(pledge.members.on_page())
    return render(
        request,
        "pledges/team.html",
        {
            "pledge": pledge,
            "membership": membership,
            "members": members,
            "invitations": list(pledge.members.awaiting_answer()) if membership is None else [],
            "invite_form": invite_form,
            "choices_form": choices_form,
        },
        status=status,
    )


@login_required
@require_POST
def cancel_invitation(request, pk, member_id):
    pledge = get_object_or_404(Pledge.objects.owned_by(request.user), pk=pk)
    if services.team_invitation_cancel(pledge=pledge, member_id=member_id):
        messages.success(request, "The invitation has been cancelled.")
    return redirect("pledges:team", pk=pledge.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def leave_team(request, pk):
    """Ask, then leave a team pledge: the rest of the pledge stays, with nothing of the person."""
    pledge, membership = _team_pledge(request, pk)
    can_leave = membership is not None or pledge.members.accepted().exists()
    if request.method == "POST" and can_leave:
        services.team_member_leave(pledge=pledge, user=request.user)
        messages.success(request, f"You have left the team “{pledge.team_name}”.")
        return redirect("accounts:dashboard")
    return render(request, "pledges/leave_team.html", {"pledge": pledge, "can_leave": can_leave})
