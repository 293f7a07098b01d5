"""The whole path through the viewflow flow, every step through the services (OSS-2, OSS-7, GEN-7)."""

import pytest

from addons.dossiers import services
from addons.dossiers.models import DossierEvent, Status
from tests.dossiers.conftest import pdf
from workflows.dossier import act, available_actions, open_task

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_OSS_2_GEN_7_a_dossier_walks_from_submission_to_returned_result(submitted, staff):
    dossier = submitted
    assert dossier.status == Status.SUBMITTED and dossier.code.startswith("000.00.18.H37-")
    assert available_actions(dossier) == {"accept", "refuse"}

    act(dossier, staff.clerk, "accept", unit=staff.unit)
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING
    assert dossier.due_at > dossier.received_at
    assert dossier.current_step == 1 and dossier.unit == staff.unit
    assert open_task(dossier).flow_task.name == "processing"

    services.dossier_assign(
        dossier=dossier, actor=staff.specialist, handler=staff.specialist, expected_handler_id=None
    )
    act(dossier, staff.specialist, "complete", expected_step=1, note="Hồ sơ hợp lệ")
    dossier.refresh_from_db()
    assert (dossier.current_step, dossier.status) == (2, Status.PROCESSING)

    act(dossier, staff.head, "complete", expected_step=2)
    dossier.refresh_from_db()
    assert (dossier.current_step, dossier.status) == (3, Status.AWAITING_APPROVAL)
    assert available_actions(dossier) == {"approve", "refuse", "return"}

    act(dossier, staff.leader, "approve")
    dossier.refresh_from_db()
    assert dossier.status == Status.RESULT_READY and dossier.outcome == "approved"

    with pytest.raises(services.ServiceError, match="Attach the electronic result"):
        act(dossier, staff.clerk, "return_result", method="electronic")
    services.document_add(
        dossier=dossier, actor=staff.leader, uploaded=pdf("ket-qua.pdf"), kind="result"
    )
    act(dossier, staff.clerk, "return_result", method="electronic")
    dossier.refresh_from_db()
    assert dossier.status == Status.RETURNED and dossier.national_status_code == 10
    assert open_task(dossier) is None

    history = [
        (e.kind, e.actor_id, e.status_to) for e in DossierEvent.objects.filter(dossier=dossier)
    ]
    assert history == [
        ("submitted", dossier.applicant_id, Status.SUBMITTED),
        ("received", staff.clerk.pk, Status.PROCESSING),
        ("assigned", staff.specialist.pk, ""),
        ("step_completed", staff.specialist.pk, ""),
        ("step_started", staff.specialist.pk, Status.PROCESSING),
        ("step_completed", staff.head.pk, ""),
        ("step_started", staff.head.pk, Status.AWAITING_APPROVAL),
        ("approved", staff.leader.pk, Status.RESULT_READY),
        ("document_added", staff.leader.pk, ""),
        ("returned", staff.clerk.pk, Status.RETURNED),
    ]
    records = list(dossier.step_records.order_by("order").values_list("order", "finished_at"))
    assert [order for order, _ in records] == [1, 2, 3]
    assert all(finished is not None for _, finished in records)


def test_refusal_at_the_desk_ends_the_flow(submitted, staff):
    with pytest.raises(services.ServiceError, match="reason"):
        act(submitted, staff.clerk, "refuse", reason=" ")
    act(submitted, staff.clerk, "refuse", reason="Không thuộc thẩm quyền giải quyết")
    submitted.refresh_from_db()
    assert submitted.status == Status.NOT_RECEIVED and submitted.national_status_code == 3
    assert open_task(submitted) is None


def test_a_citizen_or_another_agency_cannot_act(submitted, staff):
    from addons.dossiers.factories import AgencyStaff

    other = AgencyStaff(identifier="000.00.19.H37")
    with pytest.raises(services.PermissionDenied):
        act(submitted, other.clerk, "accept")
    with pytest.raises(services.PermissionDenied):
        act(submitted, submitted.applicant, "accept")
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_an_action_of_another_stage_is_refused_clearly(submitted, staff):
    with pytest.raises(services.ConflictError, match="not possible at this stage"):
        act(submitted, staff.leader, "approve")


def test_OSS_8_two_clerks_taking_the_same_dossier_one_wins(submitted, staff):
    act(submitted, staff.clerk, "accept", unit=staff.unit)
    services.dossier_assign(
        dossier=submitted,
        actor=staff.specialist,
        handler=staff.specialist,
        expected_handler_id=None,
    )
    with pytest.raises(services.ConflictError, match="already taken"):
        services.dossier_assign(
            dossier=submitted,
            actor=staff.specialist2,
            handler=staff.specialist2,
            expected_handler_id=None,
        )
    submitted.refresh_from_db()
    assert submitted.handler == staff.specialist
    # the unit head reassigns knowingly
    services.dossier_assign(
        dossier=submitted,
        actor=staff.head,
        handler=staff.specialist2,
        expected_handler_id=staff.specialist.pk,
    )
    submitted.refresh_from_db()
    assert submitted.handler == staff.specialist2


def test_OSS_8_completing_a_step_twice_the_second_is_told(submitted, staff):
    act(submitted, staff.clerk, "accept", unit=staff.unit)
    act(submitted, staff.specialist, "complete", expected_step=1)
    with pytest.raises(services.ConflictError):
        act(submitted, staff.specialist2, "complete", expected_step=1)
    submitted.refresh_from_db()
    assert submitted.current_step == 2


def test_returning_to_the_previous_step(submitted, staff):
    act(submitted, staff.clerk, "accept", unit=staff.unit)
    act(submitted, staff.specialist, "complete", expected_step=1)
    act(submitted, staff.head, "return", expected_step=2, reason="Thiếu ý kiến thẩm định")
    submitted.refresh_from_db()
    assert (submitted.current_step, submitted.status) == (1, Status.PROCESSING)
    assert open_task(submitted).flow_task.name == "processing"


def test_withdrawal_before_reception_is_immediate(submitted):
    services.dossier_withdraw(dossier=submitted, actor=submitted.applicant, reason="Nộp nhầm")
    submitted.refresh_from_db()
    assert submitted.status == Status.WITHDRAWN


def test_withdrawal_during_processing_needs_the_desk(
    submitted, staff, django_capture_on_commit_callbacks
):
    act(submitted, staff.clerk, "accept", unit=staff.unit)
    services.dossier_withdraw(
        dossier=submitted, actor=submitted.applicant, reason="Không còn nhu cầu"
    )
    submitted.refresh_from_db()
    assert submitted.status == Status.WITHDRAWAL_REQUESTED and submitted.national_status_code == 7
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_confirm_withdrawal(dossier=submitted, actor=staff.clerk)
    submitted.refresh_from_db()
    assert submitted.status == Status.WITHDRAWN
    assert open_task(submitted) is None
