"""The domain rules of criteria.md, each with the clock set by time-machine (OSS-2, OSS-7, OSS-9)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from addons.dossiers import services
from addons.dossiers.factories import DossierFactory
from addons.dossiers.models import Channel, Status, Timeliness
from addons.dossiers.timeliness import dossier_timeliness, step_timeliness
from tests.dossiers.conftest import pdf
from workflows.dossier import act

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=VN)


def local(moment) -> datetime.datetime:
    return moment.astimezone(VN)


def register_paper(staff, when, django_capture_on_commit_callbacks):
    with time_machine.travel(when, tick=False), django_capture_on_commit_callbacks(execute=True):
        from addons.catalogue.factories import ProcedureFactory

        return services.dossier_register_at_desk(
            clerk=staff.clerk,
            procedure=ProcedureFactory(),
            agency=staff.agency,
            channel=Channel.DIRECT,
            applicant={
                "applicant_name": "Trần Thị Bé",
                "applicant_identity_number": "068090000001",
            },
        )


def submit_online(staff, when, django_capture_on_commit_callbacks):
    dossier = DossierFactory(agency=staff.agency)
    with time_machine.travel(when, tick=False), django_capture_on_commit_callbacks(execute=True):
        services.document_add(dossier=dossier, actor=dossier.applicant, uploaded=pdf())
        services.dossier_submit(dossier=dossier, actor=dossier.applicant)
    dossier.refresh_from_db()
    return dossier


def accept(dossier, staff, when):
    with time_machine.travel(when, tick=False):
        act(dossier, staff.clerk, "accept", unit=staff.unit)
    dossier.refresh_from_db()
    return dossier


@pytest.mark.parametrize(
    "received, counting_from, due",
    [
        (at(2026, 11, 30, 14, 59), at(2026, 11, 30, 14, 59), at(2026, 12, 7, 17, 0)),
        (at(2026, 11, 30, 15, 1), at(2026, 12, 1, 7, 30), at(2026, 12, 8, 17, 0)),
    ],
    ids=["14:59", "15:01"],
)
def test_OSS_9_paper_dossiers_after_15_00_count_from_the_next_working_day(
    staff, media, django_capture_on_commit_callbacks, received, counting_from, due
):
    dossier = register_paper(staff, received, django_capture_on_commit_callbacks)
    accept(dossier, staff, at(2026, 11, 30, 16, 30))
    assert local(dossier.counting_from) == counting_from
    assert local(dossier.due_at) == due  # 5 working days (the factory's procedure)


def test_OSS_9_tet_holidays_do_not_count(staff, media, django_capture_on_commit_callbacks):
    dossier = submit_online(staff, at(2026, 2, 12, 9, 0), django_capture_on_commit_callbacks)
    accept(dossier, staff, at(2026, 2, 12, 9, 5))
    # Fri 13/2 works; 14/2-22/2 is the Tết break; then Mon 23 .. Thu 26 make the other four days.
    assert local(dossier.due_at) == at(2026, 2, 26, 17, 0)


def test_OSS_2_a_supplement_stops_the_clock_and_the_deadline_restarts(
    staff, media, django_capture_on_commit_callbacks
):
    dossier = submit_online(staff, at(2026, 11, 30, 8, 0), django_capture_on_commit_callbacks)
    accept(dossier, staff, at(2026, 11, 30, 9, 0))
    assert local(dossier.due_at) == at(2026, 12, 7, 17, 0)
    step_due = dossier.step_records.get().due_at

    with time_machine.travel(at(2026, 12, 1, 10, 0), tick=False):
        services.dossier_request_supplement(
            dossier=dossier,
            actor=staff.specialist,
            items=["Bản sao giấy chứng sinh", "Tờ khai có chữ ký"],
        )
    dossier.refresh_from_db()
    assert dossier.status == Status.SUPPLEMENT_REQUESTED and dossier.national_status_code == 5
    # Long after the first appointment date, the dossier is still not overdue: the clock is stopped.
    assert dossier_timeliness(dossier, now=at(2026, 12, 11, 9, 0)) == Timeliness.WITHIN_DEADLINE

    with time_machine.travel(at(2026, 12, 14, 9, 0), tick=False):
        services.dossier_supplement(dossier=dossier, actor=dossier.applicant)
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING and dossier.paused_since is None
    assert local(dossier.due_at) == at(2026, 12, 21, 17, 0)  # five working days from the supplement
    record = dossier.step_records.get()
    # Tue 10:00-17:00 (5.5 h), Wed-Fri (24 h), the next week (40 h), Mon 07:30-09:00 (1.5 h)
    assert record.paused_hours == pytest.approx(71, abs=0.01)
    assert record.due_at > step_due


def test_OSS_2_a_supplement_is_asked_within_three_working_days(
    staff, media, django_capture_on_commit_callbacks
):
    dossier = submit_online(staff, at(2026, 11, 30, 8, 0), django_capture_on_commit_callbacks)
    accept(dossier, staff, at(2026, 11, 30, 9, 0))
    with (
        time_machine.travel(at(2026, 12, 4, 10, 0), tick=False),
        pytest.raises(services.ServiceError, match="3 working days"),
    ):
        services.dossier_request_supplement(
            dossier=dossier, actor=staff.specialist, items=["Tờ khai"]
        )
    with pytest.raises(services.ServiceError, match="all at once"):
        services.dossier_request_supplement(dossier=dossier, actor=staff.specialist, items=[])


def test_OSS_2_form_04_only_once_and_at_least_a_day_before_the_deadline(
    staff, media, django_capture_on_commit_callbacks
):
    dossier = submit_online(staff, at(2026, 11, 30, 8, 0), django_capture_on_commit_callbacks)
    accept(dossier, staff, at(2026, 11, 30, 9, 0))  # due 7/12 17:00
    new_date = at(2026, 12, 10, 17, 0)
    with (
        time_machine.travel(at(2026, 12, 7, 8, 0), tick=False),
        pytest.raises(services.ServiceError, match="one day before"),
    ):
        services.dossier_apologise(
            dossier=dossier, actor=staff.head, new_due_at=new_date, reason="Chờ xác minh"
        )
    with time_machine.travel(at(2026, 12, 4, 9, 0), tick=False):
        with pytest.raises(services.ServiceError, match="later than"):
            services.dossier_apologise(
                dossier=dossier, actor=staff.head, new_due_at=at(2026, 12, 5), reason="x"
            )
        services.dossier_apologise(
            dossier=dossier, actor=staff.head, new_due_at=new_date, reason="Chờ xác minh"
        )
        with pytest.raises(services.ServiceError, match="only once"):
            services.dossier_apologise(
                dossier=dossier,
                actor=staff.head,
                new_due_at=at(2026, 12, 15, 17, 0),
                reason="Lần nữa",
            )
    dossier.refresh_from_db()
    assert local(dossier.due_at) == new_date
    assert local(dossier.original_due_at) == at(2026, 12, 7, 17, 0)


def walk(dossier, staff, finish_steps_at: list, approve_at):
    for order, when in enumerate(finish_steps_at, start=1):
        with time_machine.travel(when, tick=False):
            act(dossier, staff.head, "complete", expected_step=order)
    with time_machine.travel(approve_at, tick=False):
        act(dossier, staff.leader, "approve")
    dossier.refresh_from_db()
    return dossier


def test_OSS_7_early_on_time_late_per_step_and_overall(
    staff, media, django_capture_on_commit_callbacks
):
    # Step budgets of the default template for 5 days: 24 h, 8 h, 8 h (working hours).
    early = accept(
        submit_online(staff, at(2026, 11, 30, 8, 0), django_capture_on_commit_callbacks),
        staff,
        at(2026, 11, 30, 9, 0),
    )
    walk(early, staff, [at(2026, 12, 1, 9, 0), at(2026, 12, 1, 10, 0)], at(2026, 12, 1, 11, 0))
    assert dossier_timeliness(early) == Timeliness.EARLY
    assert [step_timeliness(r) for r in early.step_records.order_by("order")] == [
        Timeliness.EARLY
    ] * 3

    late = accept(
        submit_online(staff, at(2026, 11, 30, 8, 0), django_capture_on_commit_callbacks),
        staff,
        at(2026, 11, 30, 9, 0),
    )
    walk(late, staff, [at(2026, 12, 7, 9, 0), at(2026, 12, 7, 10, 0)], at(2026, 12, 8, 9, 0))
    assert dossier_timeliness(late) == Timeliness.LATE
    steps = [step_timeliness(r) for r in late.step_records.order_by("order")]
    # approval started Mon 10:00 with 8 h, due Tue 10:00, signed Tue 09:00: on the due day
    assert steps == [Timeliness.LATE, Timeliness.EARLY, Timeliness.ON_TIME]

    on_time = accept(
        submit_online(staff, at(2026, 11, 30, 8, 0), django_capture_on_commit_callbacks),
        staff,
        at(2026, 11, 30, 9, 0),
    )
    walk(on_time, staff, [at(2026, 12, 3, 9, 0), at(2026, 12, 7, 8, 0)], at(2026, 12, 7, 16, 0))
    assert dossier_timeliness(on_time) == Timeliness.ON_TIME


def test_OSS_7_in_progress_is_within_deadline_then_overdue(
    staff, media, django_capture_on_commit_callbacks
):
    dossier = accept(
        submit_online(staff, at(2026, 11, 30, 8, 0), django_capture_on_commit_callbacks),
        staff,
        at(2026, 11, 30, 9, 0),
    )
    assert dossier_timeliness(dossier, now=at(2026, 12, 7, 16, 0)) == Timeliness.WITHIN_DEADLINE
    assert dossier_timeliness(dossier, now=at(2026, 12, 7, 17, 1)) == Timeliness.OVERDUE
    record = dossier.step_records.get()
    assert step_timeliness(record, now=at(2026, 12, 3, 9, 1)) == Timeliness.OVERDUE


def test_OSS_2_each_desk_decision_stores_its_form(staff, media, django_capture_on_commit_callbacks):
    dossier = submit_online(staff, at(2026, 11, 30, 8, 0), django_capture_on_commit_callbacks)
    with (
        time_machine.travel(at(2026, 11, 30, 9, 0), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        act(dossier, staff.clerk, "accept", unit=staff.unit)
        services.dossier_request_supplement(
            dossier=dossier, actor=staff.specialist, items=["Tờ khai"]
        )
    forms = dict(dossier.documents.filter(kind="form").values_list("form_number", "file"))
    assert set(forms) == {"01", "02"}
    assert all(name.endswith(".pdf") for name in forms.values())
    with (
        time_machine.travel(at(2026, 11, 30, 9, 30), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.dossier_stop(
            dossier=dossier, actor=staff.head, reason="Người yêu cầu không bổ sung"
        )
    assert dossier.documents.filter(kind="form", form_number="DG").count() == 1
