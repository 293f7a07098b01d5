"""The actions the back office offers on a dossier: who may take each, when, and what it calls.

`who` is the person's place (role, unit, holding the dossier) and is checked again on POST.
`when` is the dossier's state and only decides what the page shows: on POST the services and the
flow judge the state, so that a clerk who comes second gets their clear message (ConflictError)
and nothing changes. Every write goes through `workflows.dossier.act` or a dossier service.
"""

from collections.abc import Callable
from copy import copy
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from addons.dossiers.models import Status

from .. import forms
from . import runs
from .situation import Situation

WORKING = (Status.PROCESSING, Status.AWAITING_APPROVAL, Status.PAYMENT_REQUESTED)


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    form: type[forms.ActionForm]
    who: Callable[[Situation], bool]
    when: Callable[[Situation], bool]
    run: Callable[[Situation, dict], object]
    done: str
    danger: bool = False

    def title(self, situation: Situation) -> str:
        if self.name == "assign" and situation.dossier.handler_id:
            return str(gettext_lazy("Reassign"))
        return str(self.label)

    def initial(self, situation: Situation) -> dict:
        return {
            "expected_step": situation.dossier.current_step,
            "expected_handler": situation.dossier.handler_id,
        }


def _at_reception(*statuses):
    return lambda s: s.node == "reception" and s.status in statuses


ACTIONS: dict[str, Action] = {
    action.name: action
    for action in (
        Action(
            "accept",
            gettext_lazy("Accept the dossier"),
            forms.AcceptForm,
            who=lambda s: s.desk,
            when=_at_reception(Status.SUBMITTED),
            run=runs.flow_action("accept", "unit"),
            done=gettext_lazy("The dossier is received and sent to the handling unit."),
        ),
        Action(
            "supplement",
            gettext_lazy("Request a supplement (form 02)"),
            forms.SupplementForm,
            who=lambda s: s.desk or s.handles,
            when=lambda s: (
                (s.node == "reception" and s.status == Status.SUBMITTED and s.desk)
                or (s.status == Status.PROCESSING and s.handles and s.supplement_still_possible())
            ),
            run=runs.request_supplement,
            done=gettext_lazy("The supplement is requested; the applicant is told what to add."),
        ),
        Action(
            "refuse",
            gettext_lazy("Refuse the dossier (form 03)"),
            forms.ReasonForm,
            who=lambda s: s.desk,
            when=_at_reception(Status.SUBMITTED, Status.SUPPLEMENT_REQUESTED),
            run=runs.flow_action("refuse", "reason"),
            done=gettext_lazy("The dossier is not received."),
            danger=True,
        ),
        Action(
            "supplement-received",
            gettext_lazy("Supplement brought to the desk"),
            forms.SupplementReceivedForm,
            who=lambda s: s.desk,
            when=lambda s: s.status == Status.SUPPLEMENT_REQUESTED,
            run=runs.supplement_received,
            done=gettext_lazy("The supplement is recorded."),
        ),
        Action(
            "take",
            gettext_lazy("Take the dossier"),
            forms.TakeForm,
            who=lambda s: s.in_unit or s.staff.is_leader,
            when=lambda s: s.node == "processing" and not s.dossier.handler_id,
            run=runs.assign,
            done=gettext_lazy("You handle this dossier now."),
        ),
        Action(
            "assign",
            gettext_lazy("Assign"),
            forms.AssignForm,
            who=lambda s: s.lead,
            when=lambda s: s.status in WORKING,
            run=runs.assign,
            done=gettext_lazy("The dossier is assigned."),
        ),
        Action(
            "complete",
            gettext_lazy("Complete this step"),
            forms.CompleteForm,
            who=lambda s: s.handles,
            when=lambda s: s.node == "processing" and s.status == Status.PROCESSING,
            run=runs.flow_action("complete", "expected_step", "note"),
            done=gettext_lazy("The step is completed; the dossier moves on."),
        ),
        Action(
            "send-back",
            gettext_lazy("Return to the previous step"),
            forms.SendBackForm,
            who=lambda s: s.handles,
            when=lambda s: s.node in ("processing", "approval") and s.has_previous_step(),
            run=runs.flow_action("return", "expected_step", "reason"),
            done=gettext_lazy("The dossier is back at the previous step."),
        ),
        Action(
            "consult",
            gettext_lazy("Consult another unit"),
            forms.ConsultForm,
            who=lambda s: s.handles,
            when=lambda s: (
                s.node in ("processing", "approval")
                and s.status in (Status.PROCESSING, Status.AWAITING_APPROVAL)
            ),
            run=runs.consult,
            done=gettext_lazy("The question is sent; the unit answers by the date shown."),
        ),
        Action(
            "withdraw-consultation",
            gettext_lazy("Withdraw a consultation"),
            forms.ConsultationWithdrawForm,
            who=lambda s: s.handles,
            when=lambda s: s.has_open_consultation(),
            run=runs.withdraw_consultation,
            done=gettext_lazy("The consultation is withdrawn."),
        ),
        Action(
            "approve",
            gettext_lazy("Approve the result"),
            forms.ApproveForm,
            who=lambda s: s.lead,
            when=lambda s: s.node == "approval",
            run=runs.flow_action("approve", "note"),
            done=gettext_lazy("The result is approved."),
        ),
        Action(
            "reject",
            gettext_lazy("Refuse the request"),
            forms.RejectForm,
            who=lambda s: s.lead,
            when=lambda s: s.node == "approval",
            run=runs.flow_action("refuse", "note"),
            done=gettext_lazy("The request is refused; the answer is ready to return."),
            danger=True,
        ),
        Action(
            "attach-result",
            gettext_lazy("Attach the result file"),
            forms.ResultFileForm,
            who=lambda s: s.handles or s.desk,
            when=lambda s: s.status in (*WORKING, Status.RESULT_READY),
            run=runs.attach_result,
            done=gettext_lazy("The result file is attached."),
        ),
        Action(
            "return-result",
            gettext_lazy("Return the result"),
            forms.ReturnResultForm,
            who=lambda s: s.desk,
            when=lambda s: s.node == "returning",
            run=runs.flow_action("return_result", "method"),
            done=gettext_lazy("The result is returned."),
        ),
        Action(
            "apologise",
            gettext_lazy("Apologise and set a new date (form 04)"),
            forms.ApologyForm,
            who=lambda s: s.handles,
            when=lambda s: s.status in WORKING and s.dossier.apology_issued_at is None,
            run=runs.apologise,
            done=gettext_lazy("The new appointment date is set."),
        ),
        Action(
            "request-payment",
            gettext_lazy("Request payment"),
            forms.PaymentRequestForm,
            who=lambda s: s.handles or s.desk,
            when=lambda s: s.status == Status.PROCESSING,
            run=runs.request_payment,
            done=gettext_lazy("The payment is requested."),
        ),
        Action(
            "confirm-payment",
            gettext_lazy("Confirm payment"),
            forms.PaymentConfirmForm,
            who=lambda s: s.handles or s.desk,
            when=lambda s: s.status == Status.PAYMENT_REQUESTED,
            run=runs.confirm_payment,
            done=gettext_lazy("The payment is confirmed."),
        ),
        Action(
            "confirm-withdrawal",
            gettext_lazy("Confirm the withdrawal"),
            forms.ConfirmForm,
            who=lambda s: s.desk or s.lead,
            when=lambda s: s.status == Status.WITHDRAWAL_REQUESTED,
            run=runs.confirm_withdrawal,
            done=gettext_lazy("The dossier is withdrawn."),
        ),
        Action(
            "stop",
            gettext_lazy("Stop processing"),
            forms.ReasonForm,
            who=lambda s: s.lead,
            when=lambda s: (
                s.status in (*WORKING, Status.SUPPLEMENT_REQUESTED, Status.WITHDRAWAL_REQUESTED)
            ),
            run=runs.stop,
            done=gettext_lazy("Processing is stopped."),
            danger=True,
        ),
    )
}


CLOSED = (Status.DRAFT, Status.RETURNED, Status.NOT_RECEIVED, Status.STOPPED, Status.WITHDRAWN)


def offered(situation: Situation) -> list[Action]:
    """The actions this person can take on the dossier now, in the order of the work."""
    if situation.status in CLOSED:
        return []
    return [a for a in ACTIONS.values() if a.who(situation) and a.when(situation)]


def refusal(action: Action, situation: Situation) -> tuple[str, int]:
    """Why this person may not take the action, with the HTTP status: someone else holds the
    dossier now and holding it would have allowed it (the page was stale: 409), or their role
    does not allow it (403)."""
    dossier = situation.dossier
    if dossier.handler_id is not None and not situation.holder:
        as_holder = copy(dossier)
        as_holder.handler_id = situation.staff.user.pk
        if action.who(Situation(situation.staff, as_holder)):
            message = _("%(name)s is handling this dossier now. Reload the page.")
            return message % {"name": dossier.handler}, 409
    return _("Your role does not allow this action."), 403
