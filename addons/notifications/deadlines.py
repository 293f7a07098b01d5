"""Deadline warnings and the form 04 reminder: the timers of the dossier flow, run by Celery beat.

The flow (`workflows/dossier.py`) has no timer nodes; `deadlines_scan` is its clock (OSS-7):

- a step or a dossier whose deadline falls within `DEADLINE_WARNING_HOURS` working hours gets a
  "deadline_warning", and one whose deadline has passed an "overdue" warning;
- a dossier that will be late gets an "apology_reminder" while form 04 can still be issued (the
  service accepts it until one day before the appointment date), from
  `APOLOGY_REMINDER_HOURS` working hours before that last moment.

Each warning is given once per deadline: a `DeadlineWarning` row, unique per (step or dossier,
kind, deadline), is written with a dossier event (`record_event`) in one transaction; the event
goes out through the outbox, and the notifications task emails the handler and the unit head.
Only dossiers whose clock runs are watched (not while the applicant owes a supplement).
"""

from collections import Counter
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, Sum
from django.utils import timezone

from addons.dossiers.models import Dossier, StepRecord
from addons.dossiers.models.status import OPEN_STATUSES
from addons.dossiers.services.common import record_event
from addons.workcalendar import services as calendar

from .models import DeadlineWarning

APOLOGY_NOTICE = timedelta(days=1)  # form 04 at least one day before the appointment date


def apology_cutoff(dossier: Dossier) -> datetime:
    """The last moment form 04 can be issued (`dossier_apologise` refuses it afterwards)."""
    return dossier.due_at - APOLOGY_NOTICE


def dossier_projected_finish(dossier: Dossier, *, now: datetime) -> datetime:
    """When the dossier will be done if its current step ends on its deadline (or now, if that is
    already past) and every later step takes its whole time budget."""
    record = (
        dossier.step_records.filter(finished_at__isnull=True).order_by("-started_at", "-pk").first()
    )
    start = max(now, record.due_at) if record else now
    later = Decimal(0)
    if dossier.process_template_id:
        later = dossier.process_template.steps.filter(order__gt=dossier.current_step).aggregate(
            total=Sum("budget_hours")
        )["total"] or Decimal(0)
    return calendar.add_working_hours(start, later) if later else start


def dossier_will_be_late(dossier: Dossier, *, now: datetime) -> bool:
    return (
        dossier.due_at is not None and dossier_projected_finish(dossier, now=now) > dossier.due_at
    )


@transaction.atomic
def warning_give(
    *, dossier: Dossier, kind: str, due_at: datetime, step_record: StepRecord | None = None
) -> DeadlineWarning | None:
    """Record the warning and its dossier event, unless this deadline was already warned of."""
    try:
        with transaction.atomic():
            warning = DeadlineWarning.objects.create(
                dossier=dossier, step_record=step_record, kind=kind, due_at=due_at
            )
    except IntegrityError:
        return None
    data = {"scope": "step" if step_record else "dossier", "due_at": due_at.isoformat()}
    if step_record is not None:
        data.update(step=step_record.order, step_name=step_record.name, step_record=step_record.pk)
    warning.event = record_event(dossier, kind, data=data)
    warning.save(update_fields=["event"])
    return warning


def _not_warned(kind: str, *, step: bool):
    """Leave out what was already warned of, in the query: overdue dossiers stay overdue for days
    and the scan runs every few minutes."""
    given = DeadlineWarning.objects.filter(kind=kind, due_at=OuterRef("due_at"))
    if step:
        return ~Exists(given.filter(step_record=OuterRef("pk")))
    return ~Exists(given.filter(dossier=OuterRef("pk"), step_record__isnull=True))


def deadlines_scan(*, now: datetime | None = None) -> dict:
    """Give every warning due now; return how many of each kind were given."""
    now = now or timezone.now()
    horizon = calendar.add_working_hours(now, Decimal(str(settings.DEADLINE_WARNING_HOURS)))
    given: Counter = Counter()
    running = Dossier.objects.filter(status__in=OPEN_STATUSES, due_at__isnull=False)
    open_steps = StepRecord.objects.filter(
        finished_at__isnull=True, dossier__status__in=OPEN_STATUSES
    ).select_related("dossier")
    windows = [
        (DeadlineWarning.Kind.OVERDUE, Q(due_at__lte=now)),
        (DeadlineWarning.Kind.DUE_SOON, Q(due_at__gt=now, due_at__lte=horizon)),
    ]
    for kind, window in windows:
        for record in open_steps.filter(window, _not_warned(kind, step=True)).iterator():
            if warning_give(
                dossier=record.dossier, step_record=record, kind=kind, due_at=record.due_at
            ):
                given[f"step_{kind.value}"] += 1
        for dossier in running.filter(window, _not_warned(kind, step=False)).iterator():
            if warning_give(dossier=dossier, kind=kind, due_at=dossier.due_at):
                given[f"dossier_{kind.value}"] += 1

    # Form 04: still possible (cutoff ahead) and the cutoff within the reminder's lead time.
    kind = DeadlineWarning.Kind.APOLOGY_REMINDER
    lead = calendar.add_working_hours(now, Decimal(str(settings.APOLOGY_REMINDER_HOURS)))
    candidates = running.filter(
        _not_warned(kind, step=False),
        apology_issued_at__isnull=True,
        due_at__gt=now + APOLOGY_NOTICE,
        due_at__lte=lead + APOLOGY_NOTICE,
    ).select_related("process_template")
    for dossier in candidates.iterator():
        if dossier_will_be_late(dossier, now=now) and warning_give(
            dossier=dossier, kind=kind, due_at=dossier.due_at
        ):
            given[kind.value] += 1
    return dict(given)
