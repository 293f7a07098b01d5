"""The leader's overview of the agency (OSS-3, OSS-8): four aggregate queries."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from addons.dossiers.models import Dossier, Status
from addons.dossiers.models.status import (
    CLOSED_STATUSES,
    FINISHED_STATUSES,
    IN_PROGRESS_STATUSES,
    OPEN_STATUSES,
)

from ..access import Staff
from .worklists import DUE_SOON_WORKING_HOURS, StatusCount, status_counts


@dataclass
class UnitLine:
    unit_id: int | None
    name: str
    in_progress: int
    overdue: int
    due_soon: int


@dataclass
class Overview:
    by_status: dict[str, StatusCount]
    by_unit: list[UnitLine]
    finished_this_month: dict[str, int]
    month_start: datetime

    @property
    def overdue(self) -> int:
        return sum(line.overdue for line in self.by_unit)

    @property
    def due_soon(self) -> int:
        return sum(line.due_soon for line in self.by_unit)


def _month_start(now: datetime) -> datetime:
    local = timezone.localtime(now)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def closed_counts(scope: Q) -> dict[str, StatusCount]:
    """Per closed status, how many dossiers ever: a plain count with no overdue to work out.

    Kept apart from the statuses in progress, which are counted with their overdue share from
    their own small partial index; these read the agency's whole history, from the short
    partial index of closed dossiers.
    """
    counts = {s: StatusCount(s, Status(s).label) for s in sorted(CLOSED_STATUSES)}
    rows = (
        Dossier.objects.filter(scope, status__in=counts)
        .values("status")
        .annotate(total=Count("status"))
        .order_by()
    )
    for row in rows:
        counts[row["status"]].total = row["total"]
    return counts


def agency_overview(staff: Staff, *, now: datetime | None = None) -> Overview:
    """The leader's view of the agency (OSS-8): four aggregate queries.

    By status (in progress with overdue, then closed); in progress by unit with overdue and due
    soon; the dossiers finished this month as early / on time / late, the way
    `addons.dossiers.timeliness` classifies them. Each reads one partial index only, never the
    table: see the Dossier model's indexes.
    """
    from addons.workcalendar.services import add_working_hours

    now = now or timezone.now()
    agency = Q(agency_id=staff.agency_id)
    soon = add_working_hours(now, DUE_SOON_WORKING_HOURS)
    units = (
        Dossier.objects.filter(agency, status__in=OPEN_STATUSES)
        .values("unit_id", "unit__name")
        .annotate(
            total=Count("status"),
            overdue=Count("status", filter=Q(due_at__lt=now)),
            due_soon=Count("status", filter=Q(due_at__gte=now, due_at__lt=soon)),
        )
        .order_by("unit__name")
    )
    month_start = _month_start(now)
    tz = timezone.get_current_timezone()
    finished = (
        Dossier.objects.filter(agency, status__in=FINISHED_STATUSES, finished_at__gte=month_start)
        .annotate(
            finished_day=TruncDate("finished_at", tzinfo=tz), due_day=TruncDate("due_at", tzinfo=tz)
        )
        .aggregate(
            total=Count("finished_at"),
            late=Count("finished_at", filter=Q(finished_at__gt=F("due_at"))),
            early=Count("finished_at", filter=Q(finished_day__lt=F("due_day"))),
        )
    )
    by_status = status_counts(agency, IN_PROGRESS_STATUSES, now=now) | closed_counts(agency)
    return Overview(
        by_status={s: by_status[s] for s in Status.values if s in by_status},
        by_unit=[
            UnitLine(
                row["unit_id"],
                row["unit__name"] or "",
                row["total"],
                row["overdue"],
                row["due_soon"],
            )
            for row in units
        ],
        finished_this_month={
            "early": finished["early"],
            "on_time": finished["total"] - finished["early"] - finished["late"],
            "late": finished["late"],
            "total": finished["total"],
        },
        month_start=month_start,
    )
