"""The generic dossier flow (viewflow.workflow, open-source part), driven by the process template.

reception (accept / refuse; supplements loop inside it) → one `processing` task per template step
(complete → next step, return → previous step) → approval (approve / refuse / return) →
returning (at the desk, by post, electronically) → end.

The nodes orchestrate; every rule and state change is in `addons.dossiers.services`. Side actions
that do not move the flow (supplement requests, assignment, apology, payment) call the services
directly; stopping and withdrawal cancel the flow.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from viewflow import this
from viewflow.fsm import TransitionNotAllowed
from viewflow.workflow import flow, lock
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from addons.dossiers import services
from addons.dossiers.models import Dossier, Status

OPEN_TASK = [STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED]


class DossierFlow(flow.Flow):
    process_title = gettext_lazy("Dossier processing")
    process_description = gettext_lazy(
        "Reception, the steps of the internal process, approval, return."
    )
    lock_impl = lock.SelectForUpdateLock(nowait=False)

    start = flow.StartHandle(this.start_process).Next(this.reception)
    reception = flow.Handle(this.run_reception).Next(this.after_reception)
    after_reception = flow.Switch().Case(this.processing, this.is_processing).Default(this.end)
    processing = flow.Handle(this.run_processing).Next(this.after_step)
    after_step = (
        flow.Switch()
        .Case(this.approval, this.is_awaiting_approval)
        .Case(this.processing, this.is_processing)
        .Case(this.returning, this.is_result_ready)
        .Default(this.end)
    )
    approval = flow.Handle(this.run_approval).Next(this.after_approval)
    after_approval = (
        flow.Switch()
        .Case(this.returning, this.is_result_ready)
        .Case(this.processing, this.is_processing)
        .Default(this.end)
    )
    returning = flow.Handle(this.run_returning).Next(this.end)
    end = flow.End()

    def dossier(self, activation) -> Dossier:
        return Dossier.objects.get(pk=activation.process.artifact_object_id)

    def start_process(self, activation, dossier: Dossier):
        activation.process.artifact = dossier
        activation.process.save()
        return activation.process

    def run_reception(self, activation, action: str, actor, **kwargs):
        dossier = self.dossier(activation)
        if action == "accept":
            return services.dossier_accept(dossier=dossier, actor=actor, **kwargs)
        return services.dossier_refuse(dossier=dossier, actor=actor, **kwargs)

    def run_processing(self, activation, action: str, actor, **kwargs):
        dossier = self.dossier(activation)
        if action == "complete":
            return services.dossier_step_complete(dossier=dossier, actor=actor, **kwargs)
        return services.dossier_step_return(dossier=dossier, actor=actor, **kwargs)

    def run_approval(self, activation, action: str, actor, **kwargs):
        dossier = self.dossier(activation)
        if action == "return":
            return services.dossier_step_return(dossier=dossier, actor=actor, **kwargs)
        return services.dossier_decide(
            dossier=dossier, actor=actor, approve=action == "approve", **kwargs
        )

    def run_returning(self, activation, action: str, actor, **kwargs):
        return services.dossier_return_result(
            dossier=self.dossier(activation), actor=actor, **kwargs
        )

    def is_processing(self, activation) -> bool:
        return self.dossier(activation).status == Status.PROCESSING

    def is_awaiting_approval(self, activation) -> bool:
        return self.dossier(activation).status == Status.AWAITING_APPROVAL

    def is_result_ready(self, activation) -> bool:
        return self.dossier(activation).status == Status.RESULT_READY


# The actions each waiting node accepts, as the back office offers them.
NODE_ACTIONS = {
    "reception": {"accept", "refuse"},
    "processing": {"complete", "return"},
    "approval": {"approve", "refuse", "return"},
    "returning": {"return_result"},
}


def start_for_dossier(dossier_pk: int):
    """Start the flow of a submitted dossier (after the submission commits); once per dossier."""
    from viewflow.workflow.models import Process

    started = Process.objects.filter(
        artifact_content_type=ContentType.objects.get_for_model(Dossier),
        artifact_object_id=dossier_pk,
    )
    if started.exists():
        return started.first()
    return DossierFlow.start.run(dossier=Dossier.objects.get(pk=dossier_pk))


def open_task(dossier: Dossier) -> Task | None:
    return (
        Task.objects.filter(
            process__artifact_content_type=ContentType.objects.get_for_model(Dossier),
            process__artifact_object_id=dossier.pk,
            status__in=OPEN_TASK,
        )
        .order_by("-created")
        .first()
    )


def available_actions(dossier: Dossier) -> set[str]:
    task = open_task(dossier)
    return NODE_ACTIONS.get(task.flow_task.name, set()) if task else set()


def act(dossier: Dossier, actor, action: str, **kwargs):
    """Do `action` on the dossier's waiting task; a clerk who comes second gets a clear message."""
    task = open_task(dossier)
    if task is None or action not in NODE_ACTIONS.get(task.flow_task.name, ()):
        raise services.ConflictError(
            _("This action is not possible at this stage. Reload the page.")
        )
    try:
        return task.flow_task.run(task, action=action, actor=actor, **kwargs)
    except (TransitionNotAllowed, FlowLockFailed) as exc:
        raise services.ConflictError(
            _("Someone else has just acted on this dossier. Reload the page.")
        ) from exc


def cancel(dossier: Dossier) -> None:
    """Close the flow of a dossier that was stopped or withdrawn."""
    task = open_task(dossier)
    if task is not None:
        DossierFlow.instance.cancel(task.process)
