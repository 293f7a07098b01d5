"""Writes of the access log: record a visit, compute daily counts, erase old addresses (POR-o)."""

import ipaddress
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from .models import DailyPageCount, Visit


def _address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def visit_record(*, path: str, status: int, signed_in: bool, address: str) -> Visit:
    return Visit.objects.create(
        at=timezone.now(),
        path=path[:500],
        status=status,
        signed_in=signed_in,
        address=_address(address),
    )


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


@transaction.atomic
def daily_counts_compute(*, day: date) -> int:
    """(Re)compute the counts of one local day from its visits; safe to run any number of times."""
    start, end = day_bounds(day)
    rows = (
        Visit.objects.filter(at__gte=start, at__lt=end)
        .values("path")
        .annotate(visits=Count("id"), signed_in_visits=Count("id", filter=Q(signed_in=True)))
    )
    DailyPageCount.objects.filter(day=day).delete()
    created = DailyPageCount.objects.bulk_create(
        DailyPageCount(
            day=day, path=r["path"], visits=r["visits"], signed_in_visits=r["signed_in_visits"]
        )
        for r in rows
    )
    return len(created)


def addresses_erase(*, older_than_days: int | None = None) -> int:
    """Erase client addresses of visits older than the configured period; return how many."""
    days = settings.ACCESS_LOG_ADDRESS_DAYS if older_than_days is None else older_than_days
    cutoff = timezone.now() - timedelta(days=days)
    return Visit.objects.filter(at__lt=cutoff, address__isnull=False).update(address=None)


def access_log_maintain(*, days_back: int = 2) -> dict:
    """The daily job: erase old addresses, then recompute the last `days_back` days and today."""
    today = timezone.localdate()
    computed = [daily_counts_compute(day=today - timedelta(days=n)) for n in range(days_back + 1)]
    return {"addresses_erased": addresses_erase(), "days_computed": len(computed)}
