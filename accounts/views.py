import json

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.forms import DeleteAccountForm, ProfileForm
from accounts.privacy import delete_account, export_user_data


@login_required
def profile(request):
    """Edit the profile that prefills pledges and sign-ups."""
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, "Your profile has been updated.")
            return redirect("accounts:dashboard")
        return render(request, "accounts/profile.html", {"form": form}, status=400)
    return render(request, "accounts/profile.html", {"form": form})


@login_required
@require_POST
@never_cache
def export_data(request):
    """Download my data: one JSON file with everything the site holds about me."""
    document = json.dumps(export_user_data(request.user), cls=DjangoJSONEncoder, indent=2)
    filename = f"knowvember-my-data-{timezone.localdate():%Y-%m-%d}.json"
    return HttpResponse(
        document,
        content_type="application/json; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@login_required
@reauthentication_required(allow_get=True)
@never_cache
def delete(request):
    """Delete my account, after re-entering my password (or an emailed code)."""
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "accounts/delete.html", {"form": form}, status=400)
        user = request.user
        logout(request)
        delete_account(user)
        messages.success(request, "Your account and everything linked to it have been deleted.")
        return redirect("home")
    return render(request, "accounts/delete.html", {"form": form})
