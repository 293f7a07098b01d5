"""Consultation of another unit or agency, with its own deadline (OSS-2: xin ý kiến).

The handler of the current step (or a leader of the dossier) asks a question; the deadline is in
working days of the calendar. Staff of the consulted unit answer once, with an optional file under
the same upload rules as the applicant's. While a consultation is open the step cannot be completed
nor the result decided (`require_no_open_consultation`): the answer is part of the appraisal. A
handler who must go on without it withdraws the question, and the reason stays in the history.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from addons.accounts.roles import Role

from ..models import Consultation, Dossier, DossierDocument, Status
from ..models.status import CLOSED_STATUSES
from ..uploads import check_upload
from .common import (
    ConflictError,
    PermissionDenied,
    ServiceError,
    document_store,
    expect_status,
    locked,
    record_event,
    require_staff,
    roles_of,
)

MAX_CONSULTATION_DAYS = 30
ASKING_STATUSES = (Status.PROCESSING, Status.AWAITING_APPROVAL)
STAFF_ROLES = {Role.RECEIVING_CLERK, Role.SPECIALIST, Role.UNIT_HEAD, Role.AGENCY_LEADER}


def handles_step(user, dossier: Dossier) -> bool:
    """The holder of the current step, the head of the dossier's unit, or the agency's leader."""
    roles = roles_of(user)
    return (
        user.pk == dossier.handler_id
        or Role.AGENCY_LEADER in roles
        or (
            Role.UNIT_HEAD in roles and user.unit_id is not None and user.unit_id == dossier.unit_id
        )
    )


def consulted_member(user, consultation: Consultation) -> bool:
    """Staff of the consulted unit; a consulted agency as a whole: any of its staff; the leader of
    the agency a consulted unit belongs to."""
    if user is None or not user.is_authenticated or not (roles_of(user) & STAFF_ROLES):
        return False
    unit = consultation.unit
    if user.unit_id == unit.pk or user.agency_id == unit.pk:
        return True
    return Role.AGENCY_LEADER in roles_of(user) and user.agency_id == unit.parent_id


def require_no_open_consultation(dossier: Dossier) -> None:
    """Called by the services that finish a step, under the dossier's lock."""
    waiting = (
        dossier.consultations.filter(state=Consultation.State.OPEN)
        .select_related("unit")
        .order_by("due_at")
        .first()
    )
    if waiting is not None:
        raise ServiceError(
            _(
                "%(unit)s has not answered the consultation yet (due %(due)s). Wait for the "
                "answer or withdraw the question first."
            )
            % {
                "unit": waiting.unit.name,
                "due": date_format(timezone.localtime(waiting.due_at), "H:i d/m/Y"),
            }
        )


@transaction.atomic
def consultation_request(
    *, dossier: Dossier, actor, unit, question: str, days: int
) -> Consultation:
    """Xin ý kiến: ask `unit` a question, to be answered within `days` working days."""
    from addons.workcalendar.services import add_working_days

    dossier = locked(dossier)
    expect_status(dossier, *ASKING_STATUSES)
    require_staff(actor, dossier)
    if not handles_step(actor, dossier):
        raise PermissionDenied(_("Only the handler of the current step can consult another unit."))
    if unit.pk in (dossier.unit_id, dossier.agency_id) or not unit.is_active:
        raise ServiceError(_("Choose another unit than the one handling the dossier."))
    if not question.strip():
        raise ServiceError(_("Write the question to the unit."))
    if not 1 <= days <= MAX_CONSULTATION_DAYS:
        raise ServiceError(
            _("The time to answer is from 1 to %(max)s working days.")
            % {"max": MAX_CONSULTATION_DAYS}
        )
    now = timezone.now()
    consultation = Consultation.objects.create(
        dossier=dossier,
        step=dossier.current_step or None,
        unit=unit,
        question=question.strip(),
        days=days,
        asked_by=actor,
        asked_at=now,
        due_at=add_working_days(now, days),
    )
    record_event(
        dossier,
        "consultation_requested",
        actor=actor,
        note=consultation.question,
        data={
            "consultation": consultation.pk,
            "unit": unit.pk,
            "name": unit.name,
            "days": days,
            "due_at": consultation.due_at.isoformat(),
        },
    )
    return consultation


def _locked_open(consultation: Consultation) -> Consultation:
    consultation = (
        Consultation.objects.select_for_update(of=("self",))
        .select_related("dossier", "unit")
        .get(pk=consultation.pk)
    )
    if not consultation.is_open:
        raise ConflictError(
            _("This consultation is already “%(state)s”. Reload the page.")
            % {"state": consultation.get_state_display()}
        )
    return consultation


@transaction.atomic
def consultation_answer(
    *, consultation: Consultation, actor, answer: str, attachment=None
) -> Consultation:
    """Trả lời: staff of the consulted unit answer once; a file is checked before anything is kept."""
    checked = check_upload(attachment) if attachment is not None else None
    consultation = _locked_open(consultation)
    if not consulted_member(actor, consultation):
        raise PermissionDenied(_("Only staff of the consulted unit can answer."))
    dossier = consultation.dossier
    if dossier.status in CLOSED_STATUSES:
        raise ServiceError(_("The dossier is closed; no answer is needed any more."))
    if not answer.strip():
        raise ServiceError(_("Write the answer."))
    now = timezone.now()
    if checked is not None:
        consultation.attachment = document_store(
            dossier=dossier,
            uploaded=attachment,
            checked=checked,
            kind=DossierDocument.Kind.CONSULTATION,
            actor=actor,
        )
    consultation.answer = answer.strip()
    consultation.answered_by = actor
    consultation.answered_at = now
    consultation.state = Consultation.State.ANSWERED
    consultation.save()
    record_event(
        dossier,
        "consultation_answered",
        actor=actor,
        note=consultation.answer,
        data={
            "consultation": consultation.pk,
            "unit": consultation.unit_id,
            "name": consultation.unit.name,
            "late": now > consultation.due_at,
        },
    )
    return consultation


@transaction.atomic
def consultation_withdraw(*, consultation: Consultation, actor, reason: str) -> Consultation:
    """Rút yêu cầu xin ý kiến: the asking side goes on without the answer, and says why."""
    consultation = _locked_open(consultation)
    dossier = locked(consultation.dossier_id)
    require_staff(actor, dossier)
    if not handles_step(actor, dossier):
        raise PermissionDenied(_("Only the handler of the current step can withdraw the question."))
    if not reason.strip():
        raise ServiceError(_("Give the reason for withdrawing the question."))
    consultation.state = Consultation.State.WITHDRAWN
    consultation.closed_note = reason.strip()
    consultation.save(update_fields=["state", "closed_note"])
    record_event(
        dossier,
        "consultation_withdrawn",
        actor=actor,
        note=consultation.closed_note,
        data={
            "consultation": consultation.pk,
            "unit": consultation.unit_id,
            "name": consultation.unit.name,
        },
    )
    return consultation
