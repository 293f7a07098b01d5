"""Consultation of another unit or agency with its own deadline (OSS-2 "consultation of other
agencies with deadlines"): who asks, who answers, the deadline in working days, its timeliness,
the events, and the step held while the answer is awaited."""

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from addons.accounts.factories import StaffFactory
from addons.catalogue.factories import UnitFactory
from addons.dossiers import services
from addons.dossiers.factories import AgencyStaff
from addons.dossiers.models import Consultation, DossierDocument, DossierEvent, Status, Timeliness
from addons.dossiers.portal.selectors import applicant_documents, timeline
from addons.dossiers.timeliness import consultation_timeliness
from tests.dossiers.conftest import pdf
from tests.dossiers.test_rules import accept, at, local, submit_online
from workflows.dossier import act

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def legal(staff):
    """Another unit of the same agency, with a specialist."""
    unit = UnitFactory(parent=staff.agency, name="Phòng Pháp chế")
    unit.specialist = StaffFactory(agency=staff.agency, unit=unit, roles=["Chuyên viên"])
    return unit


@pytest.fixture
def dossier(staff, media, django_capture_on_commit_callbacks):
    """Received Monday 30/11/2026 09:00, step 1 held by the specialist."""
    dossier = submit_online(staff, at(2026, 11, 30, 8, 0), django_capture_on_commit_callbacks)
    accept(dossier, staff, at(2026, 11, 30, 9, 0))
    with time_machine.travel(at(2026, 11, 30, 9, 30), tick=False):
        services.dossier_assign(
            dossier=dossier,
            actor=staff.specialist,
            handler=staff.specialist,
            expected_handler_id=None,
        )
    dossier.refresh_from_db()
    return dossier


def ask(dossier, actor, unit, *, when=None, days=3, question="Có vướng quy hoạch không?"):
    with time_machine.travel(when or at(2026, 12, 4, 10, 0), tick=False):
        return services.consultation_request(
            dossier=dossier, actor=actor, unit=unit, question=question, days=days
        )


def answer(consultation, actor, *, when=None, text="Không vướng.", attachment=None):
    with time_machine.travel(when or at(2026, 12, 7, 10, 0), tick=False):
        return services.consultation_answer(
            consultation=consultation, actor=actor, answer=text, attachment=attachment
        )


def test_OSS_2_the_deadline_is_counted_in_working_days_and_the_request_is_recorded(
    dossier, staff, legal
):
    consultation = ask(dossier, staff.specialist, legal, when=at(2026, 12, 4, 10, 0), days=2)

    assert consultation.state == Consultation.State.OPEN and consultation.step == 1
    # Friday 4/12 + 2 working days: the weekend does not count, due Tuesday 8/12 at closing time
    assert local(consultation.due_at) == at(2026, 12, 8, 17, 0)
    event = dossier.events.get(kind="consultation_requested")
    assert event.actor == staff.specialist and event.note == "Có vướng quy hoạch không?"
    assert event.data["consultation"] == consultation.pk and event.data["unit"] == legal.pk
    assert event.label == "Another unit consulted"


def test_OSS_2_the_deadline_skips_public_holidays(dossier, staff, legal):
    # 31/12/2026 Thursday + 1 working day: 1/1 is New Year's Day, then the weekend
    consultation = ask(dossier, staff.specialist, legal, when=at(2026, 12, 31, 9, 0), days=1)
    assert local(consultation.due_at) == at(2027, 1, 4, 17, 0)


def test_OSS_2_only_the_handler_of_the_step_or_a_leader_consults(dossier, staff, legal):
    for outsider in (staff.specialist2, staff.clerk):
        with pytest.raises(services.PermissionDenied, match="handler of the current step"):
            ask(dossier, outsider, legal)
    other_agency = AgencyStaff(identifier="000.00.19.H37")
    with pytest.raises(services.PermissionDenied, match="another agency"):
        ask(dossier, other_agency.leader, legal)
    assert ask(dossier, staff.head, legal).asked_by == staff.head
    assert ask(dossier, staff.leader, legal).asked_by == staff.leader
    assert not DossierEvent.objects.filter(actor=staff.specialist2).exists()


def test_OSS_2_a_question_needs_another_unit_a_text_and_a_sensible_deadline(dossier, staff, legal):
    with pytest.raises(services.ServiceError, match="another unit"):
        ask(dossier, staff.specialist, staff.unit)
    with pytest.raises(services.ServiceError, match="another unit"):
        ask(dossier, staff.specialist, staff.agency)
    with pytest.raises(services.ServiceError, match="Write the question"):
        ask(dossier, staff.specialist, legal, question="  ")
    for days in (0, 31):
        with pytest.raises(services.ServiceError, match="from 1 to 30 working days"):
            ask(dossier, staff.specialist, legal, days=days)
    assert not Consultation.objects.exists()


def test_OSS_2_only_staff_of_the_consulted_unit_answer(dossier, staff, legal):
    consultation = ask(dossier, staff.specialist, legal)
    for outsider in (staff.specialist, staff.head, staff.clerk):
        with pytest.raises(services.PermissionDenied, match="consulted unit"):
            answer(consultation, outsider)
    consultation.refresh_from_db()
    assert consultation.state == Consultation.State.OPEN

    answered = answer(consultation, legal.specialist)
    assert (answered.state, answered.answered_by) == (Consultation.State.ANSWERED, legal.specialist)
    event = dossier.events.get(kind="consultation_answered")
    assert event.actor == legal.specialist and event.note == "Không vướng."
    assert event.data["late"] is False

    with pytest.raises(services.ConflictError, match="already"):
        answer(consultation, legal.specialist, text="Again")


def test_OSS_2_another_agency_is_consulted_and_answers(dossier, staff):
    other = AgencyStaff(identifier="000.00.20.H37")
    consultation = ask(dossier, staff.specialist, other.agency)
    # a unit's staff of the consulted agency answer for it; the asking agency's leader may not
    with pytest.raises(services.PermissionDenied):
        answer(consultation, staff.leader)
    assert answer(consultation, other.specialist).answered_by == other.specialist


def test_OSS_2_the_leader_of_the_agency_of_a_consulted_unit_answers_for_it(dossier, staff):
    other = AgencyStaff(identifier="000.00.21.H37")
    consultation = ask(dossier, staff.specialist, other.unit)
    with pytest.raises(services.PermissionDenied):
        answer(consultation, other.clerk)  # of the agency, but not of the unit nor its leader
    assert answer(consultation, other.leader).answered_by == other.leader


def test_OSS_2_the_answer_file_follows_the_upload_rules_and_stays_internal(dossier, staff, legal):
    consultation = ask(dossier, staff.specialist, legal)
    fake = SimpleUploadedFile("y-kien.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError):
        answer(consultation, legal.specialist, attachment=fake)
    consultation.refresh_from_db()
    assert consultation.state == Consultation.State.OPEN and consultation.answer == ""
    assert not DossierDocument.objects.filter(kind=DossierDocument.Kind.CONSULTATION).exists()

    answered = answer(consultation, legal.specialist, attachment=pdf("y-kien.pdf"))
    document = answered.attachment
    assert (document.kind, document.dossier, document.uploaded_by) == (
        DossierDocument.Kind.CONSULTATION,
        dossier,
        legal.specialist,
    )
    assert document not in applicant_documents(dossier)
    kinds = {row["event"].kind for row in timeline(dossier)}
    assert not kinds & {"consultation_requested", "consultation_answered"}


@pytest.mark.parametrize(
    ("answered_at", "expected"),
    [
        (at(2026, 12, 8, 11, 0), Timeliness.EARLY),  # before the due day
        (at(2026, 12, 9, 16, 0), Timeliness.ON_TIME),  # on the due day
        (at(2026, 12, 10, 8, 0), Timeliness.LATE),
    ],
)
def test_OSS_2_OSS_7_an_answer_is_early_on_time_or_late(
    dossier, staff, legal, answered_at, expected
):
    consultation = ask(dossier, staff.specialist, legal, when=at(2026, 12, 4, 10, 0), days=3)
    assert local(consultation.due_at) == at(2026, 12, 9, 17, 0)
    assert consultation_timeliness(consultation, now=at(2026, 12, 9, 16, 0)) == (
        Timeliness.WITHIN_DEADLINE
    )
    assert consultation_timeliness(consultation, now=at(2026, 12, 9, 17, 1)) == Timeliness.OVERDUE
    answered = answer(consultation, legal.specialist, when=answered_at)
    assert consultation_timeliness(answered) == expected
    late = dossier.events.get(kind="consultation_answered").data["late"]
    assert late is (expected == Timeliness.LATE)


def test_OSS_2_an_open_consultation_holds_the_step_until_answered(dossier, staff, legal):
    consultation = ask(dossier, staff.specialist, legal)
    with pytest.raises(services.ServiceError, match="Phòng Pháp chế has not answered"):
        act(dossier, staff.specialist, "complete", expected_step=1)
    dossier.refresh_from_db()
    assert (dossier.current_step, dossier.status) == (1, Status.PROCESSING)

    answer(consultation, legal.specialist)
    act(dossier, staff.specialist, "complete", expected_step=1)
    dossier.refresh_from_db()
    assert dossier.current_step == 2


def test_OSS_2_an_open_consultation_holds_the_approval_until_withdrawn(dossier, staff, legal):
    act(dossier, staff.specialist, "complete", expected_step=1)
    act(dossier, staff.head, "complete", expected_step=2)
    dossier.refresh_from_db()
    assert dossier.status == Status.AWAITING_APPROVAL
    consultation = ask(dossier, staff.leader, legal)
    with pytest.raises(services.ServiceError, match="has not answered"):
        act(dossier, staff.leader, "approve", note="")

    with pytest.raises(services.ServiceError, match="reason"):
        services.consultation_withdraw(consultation=consultation, actor=staff.leader, reason=" ")
    with pytest.raises(services.PermissionDenied):
        services.consultation_withdraw(
            consultation=consultation, actor=legal.specialist, reason="Không cần"
        )
    services.consultation_withdraw(
        consultation=consultation, actor=staff.leader, reason="Đã có văn bản trả lời chung"
    )
    consultation.refresh_from_db()
    assert consultation.state == Consultation.State.WITHDRAWN
    assert consultation_timeliness(consultation) == Timeliness.NOT_STARTED
    event = dossier.events.get(kind="consultation_withdrawn")
    assert (event.actor, event.note) == (staff.leader, "Đã có văn bản trả lời chung")
    with pytest.raises(services.ConflictError):
        answer(consultation, legal.specialist)

    act(dossier, staff.leader, "approve", note="")
    dossier.refresh_from_db()
    assert dossier.status == Status.RESULT_READY


def test_OSS_2_no_answer_is_taken_for_a_stopped_dossier(dossier, staff, legal):
    consultation = ask(dossier, staff.specialist, legal)
    services.dossier_stop(dossier=dossier, actor=staff.leader, reason="Theo yêu cầu của tòa án")
    with pytest.raises(services.ServiceError, match="closed"):
        answer(consultation, legal.specialist)
