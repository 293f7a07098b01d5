"""Reception at the one-stop desk: accept (form 01), supplement (form 02), refuse (form 03)."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from addons.accounts.roles import Role

from ..models import Dossier, Status, StepRecord
from ..process_templates import HOURS_PER_DAY, legal_working_days, process_template_for
from .common import (
    ServiceError,
    expect_status,
    issue_form_after_commit,
    locked,
    require_applicant,
    require_staff,
    set_status,
)

SUPPLEMENT_REQUEST_WINDOW_DAYS = 3  # working days after receipt (Decree 61/2018 art. 19)


def _calendar():
    from addons.workcalendar import services as calendar

    return calendar


def add_days(start, days: Decimal):
    """`days` working days from `start`; a part of a day counts as working hours (8 a day)."""
    calendar = _calendar()
    if days == days.to_integral_value():
        return calendar.add_working_days(start, int(days))
    return calendar.add_working_hours(start, days * HOURS_PER_DAY)


def _start_deadline(dossier: Dossier, start) -> None:
    """The appointment date: the legal time in working days from the effective receipt."""
    dossier.counting_from = _calendar().effective_receipt(start, paper=dossier.is_paper)
    dossier.due_at = add_days(
        dossier.counting_from, legal_working_days(dossier.procedure, dossier.channel)
    )


def step_start(dossier: Dossier, *, at=None) -> StepRecord | None:
    """Open the record of the dossier's current template step, with its deadline."""
    step = (
        dossier.process_template.steps.filter(order=dossier.current_step).first()
        if dossier.process_template
        else None
    )
    if step is None:
        return None
    start = at or timezone.now()
    record = StepRecord.objects.create(
        dossier=dossier,
        order=step.order,
        name=step.name,
        unit=step.unit or dossier.unit,
        assignee=dossier.handler,
        budget_hours=step.budget_hours,
        started_at=start,
        due_at=_calendar().add_working_hours(start, step.budget_hours),
    )
    return record


@transaction.atomic
def dossier_accept(*, dossier: Dossier, actor, unit=None) -> Dossier:
    """Tiếp nhận: the dossier is complete; it gets its appointment date and its first step."""
    dossier = locked(dossier)
    require_staff(actor, dossier, Role.RECEIVING_CLERK)
    expect_status(dossier, Status.SUBMITTED)
    now = timezone.now()
    dossier.received_at = now
    _start_deadline(dossier, dossier.submitted_at if dossier.is_paper else now)
    dossier.original_due_at = dossier.due_at
    dossier.process_template = process_template_for(dossier.procedure, dossier.agency)
    dossier.current_step = 1
    first = dossier.process_template.steps.order_by("order").first()
    dossier.unit = unit or (first.unit if first else None)
    event = set_status(
        dossier,
        Status.PROCESSING,
        "received",
        actor=actor,
        data={"due_at": dossier.due_at.isoformat()},
    )
    step_start(dossier, at=now)
    issue_form_after_commit(event)
    return dossier


@transaction.atomic
def dossier_request_supplement(
    *, dossier: Dossier, actor, items: list[str], note: str = ""
) -> Dossier:
    """Yêu cầu bổ sung (form 02): everything missing, asked at once; the clock stops meanwhile."""
    dossier = locked(dossier)
    require_staff(actor, dossier, Role.RECEIVING_CLERK, Role.SPECIALIST, Role.UNIT_HEAD)
    expect_status(dossier, Status.SUBMITTED, Status.PROCESSING)
    if not items:
        raise ServiceError(_("List every document the applicant must add or correct, all at once."))
    if dossier.status == Status.PROCESSING:
        limit = add_days(dossier.counting_from, Decimal(SUPPLEMENT_REQUEST_WINDOW_DAYS))
        if timezone.now() > limit:
            raise ServiceError(
                _("A supplement can be requested only within 3 working days of receipt.")
            )
    dossier.paused_since = timezone.now() if dossier.status == Status.PROCESSING else None
    event = set_status(
        dossier,
        Status.SUPPLEMENT_REQUESTED,
        "supplement_requested",
        actor=actor,
        note=note,
        data={"items": items},
    )
    issue_form_after_commit(event)
    return dossier


@transaction.atomic
def dossier_supplement(*, dossier: Dossier, actor, note: str = "") -> Dossier:
    """Bổ sung: the applicant sent what was asked. During processing the deadline restarts from now."""
    dossier = locked(dossier)
    if actor.pk in (dossier.applicant_id, dossier.submitter_id):
        require_applicant(actor, dossier)
    else:  # brought to the desk on paper
        require_staff(actor, dossier, Role.RECEIVING_CLERK)
    expect_status(dossier, Status.SUPPLEMENT_REQUESTED)
    now = timezone.now()
    if dossier.paused_since is None:  # asked at reception: back to the desk's queue
        dossier.submitted_at = now
        set_status(dossier, Status.SUBMITTED, "supplement_received", actor=actor, note=note)
        return dossier
    paused_hours = _calendar().working_hours_between(dossier.paused_since, now)
    _start_deadline(dossier, now)
    dossier.original_due_at = dossier.due_at
    dossier.paused_since = None
    for record in dossier.step_records.filter(finished_at__isnull=True):
        record.paused_hours += paused_hours
        record.due_at = _calendar().add_working_hours(record.due_at, paused_hours)
        record.save(update_fields=["paused_hours", "due_at"])
    set_status(
        dossier,
        Status.PROCESSING,
        "supplement_received",
        actor=actor,
        note=note,
        data={"due_at": dossier.due_at.isoformat(), "paused_hours": float(paused_hours)},
    )
    return dossier


@transaction.atomic
def dossier_refuse(*, dossier: Dossier, actor, reason: str) -> Dossier:
    """Từ chối tiếp nhận (form 03): the dossier is not received, with the reason."""
    dossier = locked(dossier)
    require_staff(actor, dossier, Role.RECEIVING_CLERK)
    expect_status(dossier, Status.SUBMITTED, Status.SUPPLEMENT_REQUESTED)
    if not reason.strip():
        raise ServiceError(_("Give the reason for refusing the dossier."))
    dossier.finished_at = timezone.now()
    dossier.outcome = "refused"
    issue_form_after_commit(
        set_status(dossier, Status.NOT_RECEIVED, "refused", actor=actor, note=reason)
    )
    return dossier
