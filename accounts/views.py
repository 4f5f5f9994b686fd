import importlib
import importlib.util

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from accounts.forms import ProfileForm

# Feature apps add a section to My KNOWvember with `<app>/dashboard.py: dashboard_panel(request)`
# returning rendered HTML; accounts never imports a feature app directly.
DASHBOARD_APPS = ["pledges", "events", "community"]


def dashboard_panels(request):
    panels = []
    for app in DASHBOARD_APPS:
        if importlib.util.find_spec(f"{app}.dashboard") is not None:
            panels.append(importlib.import_module(f"{app}.dashboard").dashboard_panel(request))
    return panels


@login_required
def dashboard(request):
    """My KNOWvember: a signed-in person's own corner of the site."""
    return render(request, "accounts/dashboard.html", {"panels": dashboard_panels(request)})


@login_required
def profile(request):
    """Edit the profile that prefills pledges and sign-ups."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, "Your profile has been updated.")
            return redirect("accounts:dashboard")
        return render(request, "accounts/profile.html", {"form": form}, status=400)
    return render(request, "accounts/profile.html", {"form": form})
