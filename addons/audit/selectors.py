"""Reads of the audit trail: the administrators' search, and who opened an applicant's dossier."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import DOSSIER_ACCESS_ACTIONS, AuditEntry, SignInLock


@dataclass(frozen=True)
class TrailFilter:
    user: str = ""
    action: str = ""
    object: str = ""
    date_from: date | None = None
    date_to: date | None = None


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_entries(criteria: TrailFilter) -> QuerySet[AuditEntry]:
    """Entries matching the administrator's search, newest first."""
    qs = AuditEntry.objects.all()
    if criteria.user:
        qs = qs.filter(
            Q(username__icontains=criteria.user)
            | Q(actor_name__icontains=criteria.user)
            | Q(address=criteria.user)
        )
    if criteria.action:
        qs = qs.filter(action=criteria.action)
    if criteria.object:
        qs = qs.filter(
            Q(object_repr__icontains=criteria.object)
            | Q(object_type=criteria.object)
            | Q(object_id=criteria.object)
        )
    if criteria.date_from:
        qs = qs.filter(at__gte=_day_start(criteria.date_from))
    if criteria.date_to:
        qs = qs.filter(at__lt=_day_start(criteria.date_to) + timezone.timedelta(days=1))
    return qs.order_by("-at", "-pk")


def dossier_openings(dossier) -> QuerySet[AuditEntry]:
    """Who opened the dossier or downloaded its files, other than the applicant themselves."""
    own = [pk for pk in (dossier.applicant_id, dossier.submitter_id) if pk]
    return (
        AuditEntry.objects.filter(dossier_id=dossier.pk, action__in=DOSSIER_ACCESS_ACTIONS)
        .exclude(actor_id__in=own)
        .order_by("-at", "-pk")
    )


def active_locks() -> list[SignInLock]:
    now = timezone.now()
    locks = SignInLock.objects.filter(released_at__isnull=True).filter(
        Q(locked_until__isnull=True) | Q(locked_until__gt=now)
    )
    return list(locks.select_related("created_by").order_by("-created_at"))
