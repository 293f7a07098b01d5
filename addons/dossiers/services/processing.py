"""Processing: assignment, steps, approval, result and return, and the side roads (OSS-2, OSS-7, OSS-8)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from addons.accounts.roles import Role

from ..models import Dossier, Fee, ReturnMethod, Status, StepRecord
from .common import (
    ConflictError,
    ServiceError,
    expect_status,
    issue_form_after_commit,
    locked,
    record_event,
    require_applicant,
    require_staff,
    set_status,
)
from .consultations import require_no_open_consultation
from .reception import step_start

WORKING = (Status.PROCESSING, Status.AWAITING_APPROVAL, Status.PAYMENT_REQUESTED)


def close_flow_after_commit(dossier: Dossier) -> None:
    """A stopped or withdrawn dossier's flow has nothing left to wait for."""

    def close():
        from workflows.dossier import cancel

        cancel(dossier)

    transaction.on_commit(close)


def _open_step(dossier: Dossier) -> StepRecord | None:
    return (
        dossier.step_records.filter(finished_at__isnull=True).order_by("-started_at", "-pk").first()
    )


@transaction.atomic
def dossier_assign(
    *, dossier: Dossier, actor, handler, expected_handler_id: int | None = None
) -> Dossier:
    """Phân công / nhận xử lý: give the current step to a person of the unit, or take it oneself.

    `expected_handler_id` is who the actor saw on the task: if someone else took it meanwhile, the
    second clerk is told so instead of silently taking it over.
    """
    dossier = locked(dossier)
    expect_status(dossier, *WORKING)
    if dossier.handler_id != expected_handler_id:
        raise ConflictError(
            _("%(name)s has already taken this dossier. Reload the page.")
            % {"name": dossier.handler}
        )
    if handler.pk != actor.pk:
        require_staff(actor, dossier, Role.UNIT_HEAD, Role.AGENCY_LEADER)
    else:
        require_staff(
            actor,
            dossier,
            Role.SPECIALIST,
            Role.UNIT_HEAD,
            Role.AGENCY_LEADER,
            Role.RECEIVING_CLERK,
        )
    if handler.agency_id != dossier.agency_id:
        raise ServiceError(_("The handler must work for the dossier's agency."))
    previous = dossier.handler
    dossier.handler = handler
    dossier.save(update_fields=["handler", "updated_at"])
    StepRecord.objects.filter(pk=getattr(_open_step(dossier), "pk", None)).update(assignee=handler)
    record_event(
        dossier,
        "assigned",
        actor=actor,
        data={"handler": handler.pk, "previous": previous.pk if previous else None},
    )
    return dossier


@transaction.atomic
def dossier_step_complete(
    *, dossier: Dossier, actor, expected_step: int, note: str = ""
) -> Dossier:
    """Chuyển bước: the current step is done; the next one opens, or the result is ready."""
    dossier = locked(dossier)
    expect_status(dossier, Status.PROCESSING, Status.AWAITING_APPROVAL)
    if dossier.current_step != expected_step:
        raise ConflictError(
            _("This step has already been completed by someone else. Reload the page.")
        )
    require_staff(actor, dossier)
    now = timezone.now()
    step = dossier.process_template.steps.get(order=dossier.current_step)
    if step.is_approval:
        raise ServiceError(_("The approval step ends with approve or refuse."))
    require_no_open_consultation(dossier)
    StepRecord.objects.filter(dossier=dossier, finished_at__isnull=True).update(finished_at=now)
    record_event(
        dossier,
        "step_completed",
        actor=actor,
        note=note,
        data={"step": step.order, "name": step.name},
    )
    following = (
        dossier.process_template.steps.filter(order__gt=step.order).order_by("order").first()
    )
    if following is None:  # a template without an approval step: the last step makes the result
        dossier.finished_at, dossier.outcome, dossier.handler = now, "approved", None
        set_status(dossier, Status.RESULT_READY, "result_ready", actor=actor)
        return dossier
    dossier.current_step = following.order
    dossier.handler = None
    if following.unit_id:
        dossier.unit = following.unit
    status = Status.AWAITING_APPROVAL if following.is_approval else Status.PROCESSING
    set_status(
        dossier,
        status,
        "step_started",
        actor=actor,
        data={"step": following.order, "name": following.name},
    )
    step_start(dossier, at=now)
    return dossier


@transaction.atomic
def dossier_step_return(*, dossier: Dossier, actor, expected_step: int, reason: str) -> Dossier:
    """Trả lại bước trước: send the dossier back one step, with the reason."""
    dossier = locked(dossier)
    expect_status(dossier, Status.PROCESSING, Status.AWAITING_APPROVAL)
    if dossier.current_step != expected_step:
        raise ConflictError(_("This step has already moved on. Reload the page."))
    require_staff(actor, dossier)
    previous = (
        dossier.process_template.steps.filter(order__lt=dossier.current_step)
        .order_by("-order")
        .first()
    )
    if previous is None:
        raise ServiceError(_("This is the first step; there is no step to return to."))
    now = timezone.now()
    StepRecord.objects.filter(dossier=dossier, finished_at__isnull=True).update(finished_at=now)
    dossier.current_step = previous.order
    dossier.handler = None
    set_status(
        dossier,
        Status.PROCESSING,
        "step_returned",
        actor=actor,
        note=reason,
        data={"step": previous.order},
    )
    step_start(dossier, at=now)
    return dossier


@transaction.atomic
def dossier_decide(*, dossier: Dossier, actor, approve: bool, note: str = "") -> Dossier:
    """Phê duyệt: the leader signs the result, or refuses with the reason; the result is then ready."""
    dossier = locked(dossier)
    expect_status(dossier, Status.AWAITING_APPROVAL)
    require_staff(actor, dossier, Role.AGENCY_LEADER, Role.UNIT_HEAD)
    if not approve and not note.strip():
        raise ServiceError(_("Give the reason for refusing."))
    require_no_open_consultation(dossier)
    now = timezone.now()
    StepRecord.objects.filter(dossier=dossier, finished_at__isnull=True).update(finished_at=now)
    dossier.finished_at = now
    dossier.outcome = "approved" if approve else "refused"
    dossier.handler = None
    set_status(
        dossier,
        Status.RESULT_READY,
        "approved" if approve else "result_refused",
        actor=actor,
        note=note,
    )
    return dossier


@transaction.atomic
def dossier_return_result(*, dossier: Dossier, actor, method: str) -> Dossier:
    """Trả kết quả: at the desk, by post, or electronically (POR-q)."""
    dossier = locked(dossier)
    expect_status(dossier, Status.RESULT_READY)
    require_staff(actor, dossier, Role.RECEIVING_CLERK)
    if method not in ReturnMethod.values:
        raise ServiceError(_("Unknown way of returning the result."))
    if method == ReturnMethod.ELECTRONIC and not dossier.documents.filter(kind="result").exists():
        raise ServiceError(_("Attach the electronic result before returning it electronically."))
    dossier.returned_at = timezone.now()
    dossier.return_method = method
    set_status(dossier, Status.RETURNED, "returned", actor=actor, data={"method": method})
    return dossier


@transaction.atomic
def dossier_apologise(*, dossier: Dossier, actor, new_due_at, reason: str) -> Dossier:
    """Xin lỗi, hẹn lại (form 04): once, at least one day before the deadline, with a later date."""
    dossier = locked(dossier)
    expect_status(dossier, *WORKING)
    require_staff(actor, dossier)
    if dossier.apology_issued_at is not None:
        raise ServiceError(_("The appointment date can be reset only once."))
    now = timezone.now()
    if now > dossier.due_at - timedelta(days=1):
        raise ServiceError(
            _("An apology must be sent at least one day before the appointment date.")
        )
    if new_due_at <= dossier.due_at:
        raise ServiceError(_("The new date must be later than the current appointment date."))
    if not reason.strip():
        raise ServiceError(_("Give the reason for the delay."))
    previous = dossier.due_at
    dossier.due_at = new_due_at
    dossier.apology_issued_at = now
    dossier.save(update_fields=["due_at", "apology_issued_at", "updated_at"])
    event = record_event(
        dossier,
        "apology",
        actor=actor,
        note=reason,
        data={"previous_due_at": previous.isoformat(), "due_at": new_due_at.isoformat()},
    )
    issue_form_after_commit(event)
    return dossier


@transaction.atomic
def dossier_request_payment(*, dossier: Dossier, actor, amount, description: str) -> Fee:
    dossier = locked(dossier)
    expect_status(dossier, Status.PROCESSING)
    require_staff(actor, dossier)
    fee = Fee.objects.create(dossier=dossier, amount=amount, description=description)
    set_status(
        dossier,
        Status.PAYMENT_REQUESTED,
        "payment_requested",
        actor=actor,
        data={"fee": fee.pk, "amount": str(amount)},
    )
    return fee


@transaction.atomic
def dossier_confirm_payment(
    *, dossier: Dossier, actor, fee: Fee, reference: str = "", by_gateway: bool = False
) -> Dossier:
    """The fee is paid: confirmed by staff, or by the payment gateway's verified notification
    (`by_gateway`, no actor: `services.payments.payment_notified`)."""
    dossier = locked(dossier)
    expect_status(dossier, Status.PAYMENT_REQUESTED)
    if not by_gateway:
        require_staff(actor, dossier)
    fee = Fee.objects.select_for_update().get(pk=fee.pk, dossier=dossier)
    if fee.state != Fee.State.REQUESTED:
        raise ConflictError(_("This fee is already settled."))
    fee.state, fee.paid_at, fee.reference = Fee.State.PAID, timezone.now(), reference
    fee.save()
    if not dossier.fees.filter(state=Fee.State.REQUESTED).exists():
        online = {"gateway": True, "reference": reference} if by_gateway else {}
        set_status(dossier, Status.PROCESSING, "paid", actor=actor, data={"fee": fee.pk, **online})
    return dossier


@transaction.atomic
def dossier_withdraw(*, dossier: Dossier, actor, reason: str = "") -> Dossier:
    """Rút hồ sơ: the applicant withdraws; before reception at once, afterwards the desk confirms."""
    dossier = locked(dossier)
    require_applicant(actor, dossier)
    if dossier.status in (Status.SUBMITTED, Status.SUPPLEMENT_REQUESTED):
        dossier.finished_at = timezone.now()
        set_status(dossier, Status.WITHDRAWN, "withdrawn", actor=actor, note=reason)
        close_flow_after_commit(dossier)
    else:
        expect_status(dossier, *WORKING)
        set_status(
            dossier, Status.WITHDRAWAL_REQUESTED, "withdrawal_requested", actor=actor, note=reason
        )
    return dossier


@transaction.atomic
def dossier_confirm_withdrawal(*, dossier: Dossier, actor) -> Dossier:
    dossier = locked(dossier)
    expect_status(dossier, Status.WITHDRAWAL_REQUESTED)
    require_staff(actor, dossier, Role.RECEIVING_CLERK, Role.UNIT_HEAD, Role.AGENCY_LEADER)
    now = timezone.now()
    StepRecord.objects.filter(dossier=dossier, finished_at__isnull=True).update(finished_at=now)
    dossier.finished_at = now
    set_status(dossier, Status.WITHDRAWN, "withdrawn", actor=actor)
    close_flow_after_commit(dossier)
    return dossier


@transaction.atomic
def dossier_stop(*, dossier: Dossier, actor, reason: str) -> Dossier:
    """Dừng xử lý (form 05 of Circular 03/2025): processing stops, with the reason."""
    dossier = locked(dossier)
    expect_status(dossier, *WORKING, Status.SUPPLEMENT_REQUESTED, Status.WITHDRAWAL_REQUESTED)
    require_staff(actor, dossier, Role.UNIT_HEAD, Role.AGENCY_LEADER)
    if not reason.strip():
        raise ServiceError(_("Give the reason for stopping."))
    now = timezone.now()
    StepRecord.objects.filter(dossier=dossier, finished_at__isnull=True).update(finished_at=now)
    dossier.finished_at = now
    issue_form_after_commit(
        set_status(dossier, Status.STOPPED, "stopped", actor=actor, note=reason)
    )
    close_flow_after_commit(dossier)
    return dossier
