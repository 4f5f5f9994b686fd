import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from community import services
from community.forms import SignupForm
from community.models import (
    ConsentWording,
    Digest,
    Subscription,
    normalise_email,
    pick_subscription,
)
from community.tokens import (
    RESEND_MAX_AGE,
    LinkExpired,
    LinkInvalid,
    read_confirm_token,
    read_digest_unsubscribe_token,
    read_unsubscribe_token,
)
from knowvember.cache import cached_page
from knowvember.ratelimit import client_ip, limit_exceeded, too_many_requests

# Sign-ups per client address and per email address, per hour. A whole NHS trust can reach us
# through one shared address, so that limit only stops floods; each address stays tightly limited.
SIGNUPS_PER_IP = 100
SIGNUPS_PER_EMAIL = 3
HOUR = 60 * 60
CHECK_EMAIL_SESSION_KEY = "community_check_email"


def _user_subscription(request):
    if not request.user.is_authenticated:
        return None
    return pick_subscription(Subscription.objects.for_user(request.user))


def _initial_for(user):
    if not user.is_authenticated:
        return {}
    return {
        "email": user.email,
        "name": user.name,
        "role": user.job_title,
        "organisation": user.organisation,
        "region": user.region_id,
    }


@require_http_methods(["GET", "HEAD", "POST"])
@cached_page
def signup(request):
    """The community page: what it is, the sign-up form, and a signed-in person's status."""
    wording = ConsentWording.objects.current()
    digest_wording = ConsentWording.objects.current(ConsentWording.Kind.DIGEST)
    if request.method == "POST":
        if limit_exceeded(
            "community-signup-ip", client_ip(request), limit=SIGNUPS_PER_IP, period=HOUR
        ):
            return too_many_requests(request, retry_after=HOUR)
        form = SignupForm(request.POST, consent_wording=wording, digest_wording=digest_wording)
        if form.is_bot:
            # Looks like success to the bot; nothing is stored or sent.
            request.session[CHECK_EMAIL_SESSION_KEY] = normalise_email(
                request.POST.get("email", "")
            )
            return redirect("community:check-email")
        if form.is_valid():
            email = form.cleaned_data["email"]
            if limit_exceeded(
                "community-signup-email", email, limit=SIGNUPS_PER_EMAIL, period=HOUR
            ):
                return too_many_requests(request, retry_after=HOUR)
            services.subscription_request(
                email=email,
                name=form.cleaned_data["name"],
                role=form.cleaned_data["role"],
                organisation=form.cleaned_data["organisation"],
                region=form.cleaned_data["region"],
                user=request.user,
                ip=client_ip(request),
                digest_wording=digest_wording if form.cleaned_data["digest"] else None,
            )
            request.session[CHECK_EMAIL_SESSION_KEY] = email
            return redirect("community:check-email")
        if "consent_version" in form.errors or "digest_version" in form.errors:
            # Show the wording as it is now, so the next press agrees to what is on screen.
            form.data = form.data.copy()
            form.data["consent_version"] = str(wording.version)
            form.data["digest_version"] = str(digest_wording.version)
        status = 400
    else:
        form = SignupForm(
            initial=_initial_for(request.user),
            consent_wording=wording,
            digest_wording=digest_wording,
        )
        status = 200
    context = {
        "form": form,
        "wording": wording,
        "digest_wording": digest_wording,
        "subscription": _user_subscription(request),
    }
    return render(request, "community/signup.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
def check_email(request):
    """The same page after every sign-up, whatever the address's state (no enumeration)."""
    email = request.session.get(CHECK_EMAIL_SESSION_KEY, "")
    return render(request, "community/check_email.html", {"email": email})


def _invalid_link(request, *, expired_token=None, status=400):
    return render(
        request,
        "community/link_invalid.html",
        {"expired_token": expired_token},
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET shows a Confirm button (link scanners only GET); only the POST confirms."""
    try:
        lookup = read_confirm_token(token)
    except LinkExpired:
        return _invalid_link(request, expired_token=token, status=410)
    except LinkInvalid:
        return _invalid_link(request)
    subscription = Subscription.objects.filter(**lookup).select_related("region").first()
    if subscription is None or (
        subscription.status == Subscription.Status.UNSUBSCRIBED
        and not subscription.awaits_confirmation()
    ):
        return _invalid_link(request, status=404)
    if request.method == "POST":
        subscription = services.subscription_confirm(
            email=subscription.email, ip=client_ip(request)
        )
        return render(request, "community/confirmed.html", {"subscription": subscription})
    if subscription.status == Subscription.Status.SUBSCRIBED:
        return render(request, "community/confirmed.html", {"subscription": subscription})
    # Show what confirming will record: the request's details, not what the list holds now.
    asked = subscription.request_awaiting_confirmation() or subscription
    return render(request, "community/confirm.html", {"subscription": subscription, "asked": asked})


@require_POST
def resend(request):
    """Send a fresh confirm link for an expired one; the page is the same whatever happens."""
    if limit_exceeded("community-resend-ip", client_ip(request), limit=SIGNUPS_PER_IP, period=HOUR):
        return too_many_requests(request, retry_after=HOUR)
    try:
        lookup = read_confirm_token(request.POST.get("token", ""), max_age=RESEND_MAX_AGE)
    except (LinkExpired, LinkInvalid):
        return _invalid_link(request)
    email = Subscription.objects.filter(**lookup).values_list("email", flat=True).first()
    if email is None:  # purged since: nothing to send, and the same page as ever
        return redirect("community:check-email")
    if limit_exceeded("community-signup-email", email, limit=SIGNUPS_PER_EMAIL, period=HOUR):
        return too_many_requests(request, retry_after=HOUR)
    services.subscription_resend_confirmation(email=email)
    request.session[CHECK_EMAIL_SESSION_KEY] = email
    return redirect("community:check-email")


# Mail clients send the RFC 8058 one-click POST without a CSRF token; the signed token in the
# URL is the authorisation, and the action (leaving a list) is safe to take for anyone holding it.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET asks for a button press (link scanners); a POST, one-click or the button, leaves."""
    try:
        lookup = read_unsubscribe_token(token)
    except LinkInvalid:
        return render(request, "community/unsubscribe_invalid.html", status=400)
    subscription = Subscription.objects.filter(**lookup).first()
    # A record purged since the email was sent has nobody left to unsubscribe.
    email = subscription.email if subscription else None
    if request.method == "POST":
        if email:
            services.subscription_unsubscribe(email=email, ip=client_ip(request))
        return render(request, "community/unsubscribed.html", {"email": email})
    if subscription is None or subscription.status == Subscription.Status.UNSUBSCRIBED:
        return render(request, "community/unsubscribed.html", {"email": email})
    return render(request, "community/unsubscribe.html", {"email": email})


@login_required
@require_POST
def leave(request):
    """A signed-in person leaves the list from the community page or My KNOWvember."""
    subscription = _user_subscription(request)
    if subscription is not None and subscription.status != Subscription.Status.UNSUBSCRIBED:
        services.subscription_unsubscribe(email=subscription.email, ip=client_ip(request))
        messages.success(request, "You have left the community of practice mailing list.")
    return redirect("community:signup")


# The weekly lessons digest


@login_required
@require_POST
def digest_join(request):
    """A signed-in subscriber opts in to the digest, agreeing to the wording on the page."""
    subscription = _user_subscription(request)
    wording = ConsentWording.objects.current(ConsentWording.Kind.DIGEST)
    if request.POST.get("digest_version") != str(wording.version):
        messages.error(
            request,
            "What you agree to has changed since the page loaded. Read it again, then select "
            "Send me the weekly digest.",
        )
        return redirect("community:signup")
    if subscription is not None and services.digest_join(
        subscription=subscription, wording=wording, ip=client_ip(request)
    ):
        messages.success(request, "You will get the weekly lessons digest.")
    return redirect("community:signup")


@login_required
@require_POST
def digest_leave(request):
    subscription = _user_subscription(request)
    if subscription is not None:
        services.digest_leave(subscription=subscription, ip=client_ip(request))
        messages.success(
            request, "You will not get the weekly lessons digest. You are still on the list."
        )
    return redirect("community:signup")


# As the list's: RFC 8058 one-click POSTs carry no CSRF token; the signed URL authorises.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def digest_unsubscribe(request, token):
    """Stop the digest only (one-click POST or the button); the list subscription stays."""
    try:
        lookup = read_digest_unsubscribe_token(token)
    except LinkInvalid:
        return render(request, "community/unsubscribe_invalid.html", status=400)
    subscription = Subscription.objects.filter(**lookup).first()
    if request.method == "POST" and subscription is not None:
        services.digest_leave(subscription=subscription, ip=client_ip(request))
    if request.method == "POST" or subscription is None or not subscription.digest_joined_at:
        return render(request, "community/digest_stopped.html", {"subscription": subscription})
    return render(request, "community/digest_unsubscribe.html", {"subscription": subscription})


@require_safe
def digest_list(request):
    """The archive of past digests, newest first."""
    return render(request, "community/digest_list.html", {"digests": list(Digest.objects.sent())})


@require_safe
def digest_detail(request, slug):
    """One week's digest, with its lessons as they are published now."""
    try:
        year, week = slug.split("-w")
        monday = datetime.date.fromisocalendar(int(year), int(week), 1)
    except ValueError as error:
        raise Http404("No digest for that week") from error
    digest = Digest.objects.sent().filter(week=monday).first()
    if digest is None:
        raise Http404("No digest for that week")
    lessons = services.digest_lessons(digest)
    return render(request, "community/digest_detail.html", {"digest": digest, "lessons": lessons})
