"""Statistics for an edition, with small numbers suppressed so no individual can be picked out."""

from django.db.models import Count, Q

from knowvember.models import Region
from pledges.models import Activity, Pledge, TeamMember

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


def _table(labels: list[str], pledges: list[int], completed: list[int], people: list[int]) -> dict:
    shown_pledges, hide_pledges_total = suppress_column(pledges)
    shown_completed, hide_completed_total = suppress_column(completed)
    shown_people, hide_people_total = suppress_column(people)
    largest = max([v for v in shown_pledges if v] or [1])
    rows = [
        {
            "label": label,
            "pledges": p,
            "completed": c,
            "people": n,
            "pledges_width": round(100 * p / largest, 1) if p else 0,
            "completed_width": round(100 * c / largest, 1) if c else 0,
        }
        for label, p, c, n in zip(labels, shown_pledges, shown_completed, shown_people, strict=True)
    ]
    return {
        "rows": rows,
        "total_pledges": None if hide_pledges_total else sum(pledges),
        "total_completed": None if hide_completed_total else sum(completed),
        "total_people": None if hide_people_total else sum(people),
    }


def edition_statistics(edition) -> dict:
    """Three tables (region, stage, technique) for approved pledges of one edition: pledges,
    pledges carried out, and the people behind them (pledgers and accepted team members)."""
    public = Q(pledges__campaign=edition, pledges__status=Pledge.Status.APPROVED)
    completed = public & Pledge.carried_out_q("pledges__")
    accepted = Q(pledges__members__status=TeamMember.Status.ACCEPTED)
    activities = list(
        Activity.objects.annotate(
            pledge_count=Count("pledges", filter=public, distinct=True),
            completed_count=Count("pledges", filter=completed, distinct=True),
            member_count=Count("pledges__members", filter=public & accepted, distinct=True),
        )
    )
    by_region = {
        row["region"]: row
        for row in Pledge.objects.filter(campaign=edition, status=Pledge.Status.APPROVED)
        .values("region")
        .annotate(
            pledges=Count("pk", distinct=True),
            completed=Count("pk", filter=Pledge.carried_out_q(), distinct=True),
            members=Count(
                "members", filter=Q(members__status=TeamMember.Status.ACCEPTED), distinct=True
            ),
        )
        .order_by()
    }
    regions = list(Region.objects.all())
    keys = [r.pk for r in regions] + ([None] if None in by_region else [])
    region_labels = [r.name for r in regions] + (["Region not given"] if None in by_region else [])
    empty = {"pledges": 0, "completed": 0, "members": 0}
    rows = [by_region.get(key, empty) for key in keys]
    region_pledges = [row["pledges"] for row in rows]

    stages = list(Activity.Stage)

    def stage_sum(name):
        return [sum(getattr(a, name) for a in activities if a.stage == s) for s in stages]

    return {
        "region": _table(
            region_labels,
            region_pledges,
            [row["completed"] for row in rows],
            [row["pledges"] + row["members"] for row in rows],
        ),
        "stage": _table(
            [s.label for s in stages],
            stage_sum("pledge_count"),
            stage_sum("completed_count"),
            [
                p + m
                for p, m in zip(stage_sum("pledge_count"), stage_sum("member_count"), strict=True)
            ],
        ),
        "technique": _table(
            [a.name for a in activities],
            [a.pledge_count for a in activities],
            [a.completed_count for a in activities],
            [a.pledge_count + a.member_count for a in activities],
        ),
        "total": sum(region_pledges),
        "total_people": sum(row["pledges"] + row["members"] for row in rows),
    }
