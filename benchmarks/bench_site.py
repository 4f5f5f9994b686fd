"""Site-wide pages: the home page and a static page, cold data versus many editions."""

import datetime

from benchmarks.harness import measure_get, report
from knowvember.models import Campaign


def run():
    Campaign.objects.create(
        name="KNOWvember26",
        slug="knowvember26",
        year=2026,
        starts_on=datetime.date(2026, 11, 1),
        ends_on=datetime.date(2026, 11, 30),
        is_current=True,
    )
    report("home, 1 edition", **measure_get("/"))
    report("accessibility statement", **measure_get("/accessibility/"))
    Campaign.objects.bulk_create(
        Campaign(
            name=f"Edition{year}",
            slug=f"edition{year}",
            year=year,
            starts_on=datetime.date(year, 11, 1),
            ends_on=datetime.date(year, 11, 30),
        )
        for year in range(1900, 2000)
    )
    report("home, 101 editions", **measure_get("/"))
    report("campaign archive, 101 editions", **measure_get("/campaigns/knowvember26/"))
