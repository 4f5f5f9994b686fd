from allauth.account.decorators import verified_email_required
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_safe
from django.views.generic import CreateView, DetailView, TemplateView, UpdateView

from knowvember.cache import cached_page
from knowvember.images import photo_uploads_exceeded
from knowvember.models import Campaign
from knowvember.ratelimit import too_many_requests
from pledges import services
from pledges.forms import (
    TEXT_MAX,
    TITLE_MAX,
    FollowUpForm,
    PledgeForm,
    TechniqueForm,
    WallFilterForm,
)
from pledges.models import Activity, Pledge
from pledges.share_image import share_image_png
from pledges.stats import edition_statistics

WALL_PAGE_SIZE = 12
LESSONS_SHOWN = 3


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
    totals = pledges.aggregate(pledges=Count("pk"), regions=Count("region", distinct=True))
    paginator = KnownCountPaginator(pledges, WALL_PAGE_SIZE, total=totals["pledges"])
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
        try:
            services.pledge_create(
                author=self.request.user,
                campaign=self.campaign,
                submission_key=form.cleaned_data["submission_key"],
                data=form.pledge_data,
                photo=form.processed_photo,
            )
        except services.TooManyPledges:
            return too_many_requests(self.request, retry_after=3600)
        messages.success(
            self.request,
            "Thank you for your pledge. An organiser will check it soon, and it will appear on "
            "the pledge wall once it is approved. We will email you when that happens.",
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
    """Ask, then withdraw a pledge for good (its photo is deleted)."""
    pledge = get_object_or_404(Pledge.objects.owned_by(request.user), pk=pk)
    if request.method == "POST":
        services.pledge_withdraw(pledge=pledge)
        messages.success(request, f"You have withdrawn your pledge “{pledge.title}”.")
        return redirect("accounts:dashboard")
    return render(request, "pledges/withdraw.html", {"pledge": pledge})


@method_decorator(verified_email_required, name="dispatch")
class FollowUpView(OwnPledgeMixin, UpdateView):
    """Did it happen? Record the outcome and an After Action Review."""

    model = Pledge
    form_class = FollowUpForm
    template_name = "pledges/follow_up.html"

    def get_queryset(self):
        return super().get_queryset().filter(status=Pledge.Status.APPROVED)

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
        return Pledge.objects.on_wall()


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
