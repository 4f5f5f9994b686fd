"""Sign-up timing with the production password hasher: a taken address against a new one.

The two medians must be close (within about 10 %), or the response time tells anyone whether
an address has an account.
"""

import statistics
import time

from django.contrib.auth.hashers import get_hasher
from django.test import Client
from django.urls import reverse

from accounts.models import User
from benchmarks.harness import report

PASSWORD = "correct-horse-battery-staple-42"  # noqa: S105 (a benchmark account)
ROUNDS = 15


def _time_signup(email: str) -> float:
    data = {"email": email, "name": "A. Person", "password1": PASSWORD, "password2": PASSWORD}
    started = time.perf_counter()
    response = Client().post(reverse("account_signup"), data)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 302, response.status_code
    return elapsed


def run():
    for n in range(ROUNDS):
        User.objects.create_user(email=f"taken{n}@example.nhs.uk", password=PASSWORD)
    _time_signup("warm-up@example.nhs.uk")
    new, taken = [], []
    for n in range(ROUNDS):  # interleaved, so a busy moment affects both alike
        new.append(_time_signup(f"new{n}@example.nhs.uk"))
        taken.append(_time_signup(f"taken{n}@example.nhs.uk"))
    new_median, taken_median = statistics.median(new), statistics.median(taken)
    report(
        "sign-up timing (new vs taken address)",
        hasher=get_hasher().algorithm,
        new_median_ms=round(new_median, 1),
        taken_median_ms=round(taken_median, 1),
        difference_pct=round(abs(new_median - taken_median) / new_median * 100, 1),
    )
