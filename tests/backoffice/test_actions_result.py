"""Approval, the result and its return, and the side roads (apology, payment, stop, withdrawal)
through the dossier page's forms, each with its effect in the database (OSS-2, OSS-7, OSS-8)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from addons.dossiers.models import Fee, Status
from tests.backoffice.helpers import offers, page, post, reload, says
from tests.dossiers.conftest import pdf
from workflows.dossier import open_task

pytestmark = pytest.mark.django_db


# Approval, result, return --------------------------------------------------------------------


def test_OSS_2_the_leader_approves_the_clerk_attaches_and_returns_electronically(
    signed_in, awaiting_approval, staff
):
    dossier = awaiting_approval
    leader = signed_in(staff.leader)
    assert offers(page(leader, dossier), "approve")
    post(leader, dossier, "approve", note="Đồng ý")
    assert reload(dossier).status == Status.RESULT_READY and dossier.outcome == "approved"

    clerk = signed_in(staff.clerk)
    response = post(clerk, dossier, "return-result", method="electronic")
    assert response.status_code == 400  # no result file yet: the service says so
    assert says(response, "Attach the electronic result before returning it electronically.")
    response = clerk.post(
        reverse("backoffice:act", args=[dossier.pk, "attach-result"]),
        {"attach-result-file": pdf("ket-qua.pdf")},
    )
    assert response.status_code == 302
    assert dossier.documents.filter(kind="result").count() == 1
    post(clerk, dossier, "return-result", method="electronic")
    dossier = reload(dossier)
    assert dossier.status == Status.RETURNED and dossier.return_method == "electronic"
    assert open_task(dossier) is None


def test_OSS_2_a_result_file_of_a_forbidden_type_is_refused(signed_in, awaiting_approval, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("ket-qua.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = signed_in(staff.leader).post(
        reverse("backoffice:act", args=[awaiting_approval.pk, "attach-result"]),
        {"attach-result-file": fake},
    )
    assert response.status_code == 400
    assert not awaiting_approval.documents.filter(kind="result").exists()


def test_OSS_2_the_leader_refuses_with_the_reason(signed_in, awaiting_approval, staff):
    leader = signed_in(staff.leader)
    assert post(leader, awaiting_approval, "reject", note="").status_code == 400
    post(leader, awaiting_approval, "reject", note="Không đủ điều kiện")
    dossier = reload(awaiting_approval)
    assert dossier.status == Status.RESULT_READY and dossier.outcome == "refused"


def test_OSS_7_the_leader_sends_the_approval_back(signed_in, awaiting_approval, staff):
    post(signed_in(staff.leader), awaiting_approval, "send-back", expected_step=3, reason="Sửa")
    assert reload(awaiting_approval).current_step == 2


# Side roads ----------------------------------------------------------------------------------


def test_OSS_2_form_04_apology_sets_the_new_date_once(signed_in, taken, staff):
    client = signed_in(staff.specialist)
    new_date = timezone.localtime(taken.due_at + timedelta(days=3)).replace(second=0, microsecond=0)
    response = post(
        client,
        taken,
        "apologise",
        new_due_at=new_date.strftime("%Y-%m-%dT%H:%M"),
        reason="Chờ xác minh",
    )
    assert response.status_code == 302
    dossier = reload(taken)
    assert dossier.due_at == new_date and dossier.apology_issued_at is not None
    assert not offers(page(client, dossier), "apologise")
    again = post(
        client,
        dossier,
        "apologise",
        new_due_at=(new_date + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        reason="x",
    )
    assert again.status_code == 400
    assert says(again, "The appointment date can be reset only once.")
    assert reload(dossier).due_at == new_date


def test_OSS_2_payment_is_requested_then_confirmed(signed_in, taken, staff):
    specialist = signed_in(staff.specialist)
    post(specialist, taken, "request-payment", amount="50000", description="Lệ phí")
    dossier = reload(taken)
    fee = Fee.objects.get(dossier=dossier)
    assert dossier.status == Status.PAYMENT_REQUESTED and fee.amount == 50000
    post(signed_in(staff.clerk), dossier, "confirm-payment", fee=fee.pk, reference="BL-001")
    fee.refresh_from_db()
    assert fee.state == Fee.State.PAID and fee.reference == "BL-001"
    assert reload(dossier).status == Status.PROCESSING


def test_OSS_2_stopping_with_a_reason_closes_the_flow(
    signed_in, taken, staff, django_capture_on_commit_callbacks
):
    assert post(signed_in(staff.specialist), taken, "stop", reason="x").status_code == 403
    head = signed_in(staff.head)
    with django_capture_on_commit_callbacks(execute=True):
        post(head, taken, "stop", reason="Người yêu cầu đã mất")
    dossier = reload(taken)
    assert dossier.status == Status.STOPPED and open_task(dossier) is None
    assert dossier.events.get(kind="stopped").note == "Người yêu cầu đã mất"
    assert not offers(page(head, dossier), "stop")


def test_OSS_2_the_desk_confirms_a_withdrawal(
    signed_in, taken, staff, django_capture_on_commit_callbacks
):
    from addons.dossiers import services

    services.dossier_withdraw(dossier=taken, actor=taken.applicant, reason="Không còn nhu cầu")
    client = signed_in(staff.clerk)
    assert offers(page(client, reload(taken)), "confirm-withdrawal")
    with django_capture_on_commit_callbacks(execute=True):
        post(client, taken, "confirm-withdrawal")
    dossier = reload(taken)
    assert dossier.status == Status.WITHDRAWN and open_task(dossier) is None


def test_OSS_8_an_action_outside_the_role_changes_nothing(signed_in, submitted, staff):
    response = post(signed_in(staff.leader), submitted, "accept", unit=staff.unit.pk)
    assert response.status_code == 403
    assert reload(submitted).status == Status.SUBMITTED
    assert (
        signed_in(staff.clerk)
        .get(reverse("backoffice:act", args=[submitted.pk, "accept"]))
        .status_code
        == 405
    )
