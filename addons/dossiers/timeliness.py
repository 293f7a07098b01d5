"""Timeliness, derived and never stored: early / on time / late when finished, within deadline /
overdue while in progress; per dossier and per step (form 05, OSS-7).
"""

from datetime import datetime

from django.utils import timezone

from .models import Dossier, Status, StepRecord, Timeliness
from .models.status import FINISHED_STATUSES

# A result is "on time" when it is ready on the appointment day itself; "early" before that day.


def _classify(
    finished: datetime | None, due: datetime | None, *, now: datetime | None = None
) -> str:
    if due is None:
        return Timeliness.NOT_STARTED
    if finished is None:
        return Timeliness.OVERDUE if (now or timezone.now()) > due else Timeliness.WITHIN_DEADLINE
    if finished > due:
        return Timeliness.LATE
    if timezone.localdate(finished) < timezone.localdate(due):
        return Timeliness.EARLY
    return Timeliness.ON_TIME


def dossier_timeliness(dossier: Dossier, *, now: datetime | None = None) -> str:
    """While the applicant owes a supplement the clock is stopped: the dossier cannot be overdue."""
    if dossier.status in FINISHED_STATUSES:
        return _classify(dossier.finished_at, dossier.due_at)
    if dossier.status == Status.SUPPLEMENT_REQUESTED and dossier.paused_since:
        return _classify(None, dossier.due_at, now=dossier.paused_since)
    if dossier.status in (Status.DRAFT, Status.SUBMITTED, Status.NOT_RECEIVED):
        return Timeliness.NOT_STARTED
    return _classify(dossier.finished_at, dossier.due_at, now=now)


def step_timeliness(record: StepRecord, *, now: datetime | None = None) -> str:
    return _classify(record.finished_at, record.due_at, now=now)


def consultation_timeliness(consultation, *, now: datetime | None = None) -> str:
    """A consultation's own clock: early / on time / late once answered, within deadline / overdue
    while open; a withdrawn question has none."""
    if consultation.state == consultation.State.WITHDRAWN:
        return Timeliness.NOT_STARTED
    return _classify(consultation.answered_at, consultation.due_at, now=now)
