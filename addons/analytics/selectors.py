"""Reads for the statistics page: visits per day and top pages over a period (POR-o).

Past days come from the daily counts; today, not yet counted, from the visits themselves.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, Sum
from django.utils import timezone

from .models import DailyPageCount, Visit
from .services import day_bounds


@dataclass(frozen=True)
class DayRow:
    day: date
    visits: int
    signed_in: int

    @property
    def anonymous(self) -> int:
        return self.visits - self.signed_in


def _today_rows() -> list[dict]:
    start, end = day_bounds(timezone.localdate())
    return list(
        Visit.objects.filter(at__gte=start, at__lt=end)
        .values("path")
        .annotate(visits=Count("id"), signed_in_visits=Count("id", filter=Q(signed_in=True)))
    )


def visits_per_day(*, start: date, end: date) -> list[DayRow]:
    """One row per day of [start, end], days without visits included."""
    today = timezone.localdate()
    totals = {
        r["day"]: (r["v"], r["s"])
        for r in DailyPageCount.objects.filter(
            day__gte=start, day__lte=min(end, today - timedelta(1))
        )
        .values("day")
        .annotate(v=Sum("visits"), s=Sum("signed_in_visits"))
    }
    if start <= today <= end:
        rows = _today_rows()
        totals[today] = (sum(r["visits"] for r in rows), sum(r["signed_in_visits"] for r in rows))
    days = (end - start).days + 1
    return [
        DayRow(d, *totals.get(d, (0, 0)))
        for d in (start + timedelta(n) for n in range(max(days, 0)))
    ]


def top_pages(*, start: date, end: date, limit: int = 20) -> list[tuple[str, int]]:
    today = timezone.localdate()
    counts = Counter(
        {
            r["path"]: r["v"]
            for r in DailyPageCount.objects.filter(
                day__gte=start, day__lte=min(end, today - timedelta(1))
            )
            .values("path")
            .annotate(v=Sum("visits"))
        }
    )
    if start <= today <= end:
        for r in _today_rows():
            counts[r["path"]] += r["visits"]
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
