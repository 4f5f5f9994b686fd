"""Statistics for an edition, with small numbers suppressed so no individual can be picked out."""

from django.db.models import Count, Q

from knowvember.models import Region
from pledges.models import Activity, Pledge

THRESHOLD = 5


def suppress_column(values: list[int]) -> tuple[list[int | None], bool]:
    """Hide counts from 1 to 4 (None), and enough others that the total cannot reveal them.

    Returns the shown values and whether the total itself must be hidden. Zero is shown:
    it identifies nobody.
    """
    shown: list[int | None] = [None if 0 < v < THRESHOLD else v for v in values]
    hidden = [i for i, v in enumerate(shown) if v is None]
    hide_total = 0 < sum(values) < THRESHOLD
    if len(hidden) == 1:
        # One hidden cell plus a total gives it away: hide the next smallest as well.
        candidates = [i for i, v in enumerate(shown) if v]
        if candidates:
            shown[min(candidates, key=lambda i: values[i])] = None
        else:
            hide_total = True
    return shown, hide_total


def _table(labels: list[str], pledges: list[int], completed: list[int]) -> dict:
    shown_pledges, hide_pledges_total = suppress_column(pledges)
    shown_completed, hide_completed_total = suppress_column(completed)
    largest = max([v for v in shown_pledges if v] or [1])
    rows = [
        {
            "label": label,
            "pledges": p,
            "completed": c,
            "pledges_width": round(100 * p / largest, 1) if p else 0,
            "completed_width": round(100 * c / largest, 1) if c else 0,
        }
        for label, p, c in zip(labels, shown_pledges, shown_completed, strict=True)
    ]
    return {
        "rows": rows,
        "total_pledges": None if hide_pledges_total else sum(pledges),
        "total_completed": None if hide_completed_total else sum(completed),
    }


def edition_statistics(edition) -> dict:
    """Three tables (region, stage, technique) for approved pledges of one edition."""
    public = Q(pledges__campaign=edition, pledges__status=Pledge.Status.APPROVED)
    completed = public & Pledge.carried_out_q("pledges__")
    activities = list(
        Activity.objects.annotate(
            pledge_count=Count("pledges", filter=public),
            completed_count=Count("pledges", filter=completed),
        )
    )
    by_region = {
        row["region"]: row
        for row in Pledge.objects.filter(campaign=edition, status=Pledge.Status.APPROVED)
        .values("region")
        .annotate(pledges=Count("pk"), completed=Count("pk", filter=Pledge.carried_out_q()))
        .order_by()
    }
    regions = list(Region.objects.all())
    region_labels = [r.name for r in regions]
    region_pledges = [by_region.get(r.pk, {}).get("pledges", 0) for r in regions]
    region_completed = [by_region.get(r.pk, {}).get("completed", 0) for r in regions]
    if None in by_region:
        region_labels.append("Region not given")
        region_pledges.append(by_region[None]["pledges"])
        region_completed.append(by_region[None]["completed"])

    stages = list(Activity.Stage)
    stage_pledges = [sum(a.pledge_count for a in activities if a.stage == s) for s in stages]
    stage_completed = [sum(a.completed_count for a in activities if a.stage == s) for s in stages]
    return {
        "region": _table(region_labels, region_pledges, region_completed),
        "stage": _table([s.label for s in stages], stage_pledges, stage_completed),
        "technique": _table(
            [a.name for a in activities],
            [a.pledge_count for a in activities],
            [a.completed_count for a in activities],
        ),
        "total": sum(region_pledges),
    }
