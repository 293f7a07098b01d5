"""Reception, assignment and steps through the dossier page's forms, each with its effect in the
database (OSS-2, OSS-7, OSS-8), and the race of two staff members on the same task."""

import pytest
from django.urls import reverse

from addons.dossiers.models import DossierEvent, Status
from tests.backoffice.helpers import offers, page, post, reload, says
from tests.dossiers.conftest import pdf
from workflows.dossier import open_task

pytestmark = pytest.mark.django_db


# Reception -----------------------------------------------------------------------------------


def test_OSS_2_the_clerk_accepts_into_the_chosen_unit(signed_in, submitted, staff):
    client = signed_in(staff.clerk)
    assert offers(page(client, submitted), "accept")
    response = post(client, submitted, "accept", unit=staff.unit.pk)
    assert response.status_code == 302
    dossier = reload(submitted)
    assert dossier.status == Status.PROCESSING and dossier.unit == staff.unit
    assert dossier.due_at is not None and open_task(dossier).flow_task.name == "processing"


def test_OSS_2_refusal_needs_a_reason_then_the_dossier_is_not_received(signed_in, submitted, staff):
    client = signed_in(staff.clerk)
    response = post(client, submitted, "refuse", reason="")
    assert response.status_code == 400 and reload(submitted).status == Status.SUBMITTED
    post(client, submitted, "refuse", reason="Không thuộc thẩm quyền")
    dossier = reload(submitted)
    assert dossier.status == Status.NOT_RECEIVED and open_task(dossier) is None
    assert dossier.events.get(kind="refused").note == "Không thuộc thẩm quyền"


def test_OSS_2_a_supplement_asks_for_everything_at_once(signed_in, submitted, staff):
    client = signed_in(staff.clerk)
    html = page(client, submitted)
    items = list(submitted.procedure.document_groups.get().items.order_by("pk"))
    for item in items:  # the procedure's documents are offered as checkboxes
        assert f'value="{item.pk}"' in html
    response = post(
        client,
        submitted,
        "supplement",
        items=[items[0].pk],
        other="Bản sao giấy khai sinh\n\nẢnh 4x6",
        note="Bổ sung trong 10 ngày",
    )
    assert response.status_code == 302
    dossier = reload(submitted)
    assert dossier.status == Status.SUPPLEMENT_REQUESTED
    event = dossier.events.get(kind="supplement_requested")
    assert event.data["items"] == [items[0].name, "Bản sao giấy khai sinh", "Ảnh 4x6"]
    assert event.note == "Bổ sung trong 10 ngày"


def test_OSS_2_an_empty_supplement_request_is_refused(signed_in, submitted, staff):
    response = post(signed_in(staff.clerk), submitted, "supplement", other="  ")
    assert response.status_code == 400
    assert reload(submitted).status == Status.SUBMITTED


def test_OSS_4_a_supplement_brought_to_the_desk_is_scanned_and_back_in_the_queue(
    signed_in, submitted, staff
):
    from addons.dossiers import services

    services.dossier_request_supplement(dossier=submitted, actor=staff.clerk, items=["Tờ khai"])
    client = signed_in(staff.clerk)
    response = client.post(
        reverse("backoffice:act", args=[submitted.pk, "supplement-received"]),
        {
            "supplement-received-scans": [pdf("to-khai.pdf")],
            "supplement-received-note": "Nộp tại quầy",
        },
    )
    assert response.status_code == 302
    dossier = reload(submitted)
    assert dossier.status == Status.SUBMITTED
    assert dossier.documents.filter(kind="scan", title="to-khai.pdf").exists()


# Assignment and steps ------------------------------------------------------------------------


def test_OSS_8_a_specialist_takes_the_dossier(signed_in, received, staff):
    client = signed_in(staff.specialist)
    assert offers(page(client, received), "take")
    post(client, received, "take", expected_handler="")
    assert reload(received).handler == staff.specialist


def test_OSS_8_two_clerks_take_the_same_dossier_the_second_is_told(signed_in, received, staff):
    """Both load the page; the first takes the dossier; the second's POST carries the handler
    the page showed (nobody) and gets the clear message; nothing changes."""
    first = signed_in(staff.specialist)
    assert 'name="take-expected_handler"' in page(first, received)
    assert post(first, received, "take", expected_handler="").status_code == 302

    second = signed_in(staff.specialist2)
    response = post(second, received, "take", expected_handler="")
    assert response.status_code == 409
    assert says(
        response,
        "%(name)s has already taken this dossier. Reload the page.",
        name=staff.specialist,
    )
    assert reload(received).handler == staff.specialist
    assert DossierEvent.objects.filter(dossier=received, kind="assigned").count() == 1


def test_OSS_8_the_unit_head_assigns_and_the_leader_reassigns(signed_in, received, staff):
    head = signed_in(staff.head)
    post(head, received, "assign", handler=staff.specialist.pk, expected_handler="")
    assert reload(received).handler == staff.specialist
    leader = signed_in(staff.leader)
    assert offers(page(leader, received), "assign")
    post(
        leader,
        received,
        "assign",
        handler=staff.specialist2.pk,
        expected_handler=staff.specialist.pk,
    )
    assert reload(received).handler == staff.specialist2
    # a stale page (it still shows the first specialist) is refused with a message
    response = post(
        leader, received, "assign", handler=staff.head.pk, expected_handler=staff.specialist.pk
    )
    assert response.status_code == 409 and reload(received).handler == staff.specialist2


def test_OSS_8_a_specialist_may_not_assign_others(signed_in, received, staff):
    response = post(signed_in(staff.specialist), received, "assign", handler=staff.specialist2.pk)
    assert response.status_code == 403 and reload(received).handler is None


def test_OSS_7_completing_a_step_moves_the_dossier_on(signed_in, taken, staff):
    client = signed_in(staff.specialist)
    assert 'name="complete-expected_step" value="1"' in page(client, taken)
    assert post(client, taken, "complete", expected_step=1, note="Đủ điều kiện").status_code == 302
    dossier = reload(taken)
    assert dossier.current_step == 2 and dossier.handler is None
    assert dossier.events.get(kind="step_completed").note == "Đủ điều kiện"


def test_OSS_8_completing_the_same_step_twice_the_second_is_told(signed_in, taken, staff):
    holder = signed_in(staff.specialist)
    post(holder, taken, "complete", expected_step=1)
    head = signed_in(staff.head)  # the head had the page of step 1 open too
    response = post(head, taken, "complete", expected_step=1)
    assert response.status_code == 409
    assert says(response, "This step has already been completed by someone else. Reload the page.")
    assert reload(taken).current_step == 2


def test_OSS_8_a_specialist_who_does_not_hold_the_dossier_cannot_complete_it(
    signed_in, taken, staff
):
    response = post(signed_in(staff.specialist2), taken, "complete", expected_step=1)
    assert response.status_code == 409
    assert says(
        response, "%(name)s is handling this dossier now. Reload the page.", name=staff.specialist
    )
    assert reload(taken).current_step == 1


def test_OSS_7_return_to_the_previous_step_with_the_reason(signed_in, taken, staff):
    post(signed_in(staff.specialist), taken, "complete", expected_step=1)
    head = signed_in(staff.head)
    assert post(head, taken, "send-back", expected_step=2, reason="").status_code == 400
    post(head, taken, "send-back", expected_step=2, reason="Thiếu ý kiến thẩm định")
    dossier = reload(taken)
    assert dossier.current_step == 1 and dossier.status == Status.PROCESSING
    assert dossier.events.get(kind="step_returned").note == "Thiếu ý kiến thẩm định"
