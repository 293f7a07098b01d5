"""Appointment dates and step deadlines on the seeded calendar (OSS-9, working-day calendar).

March 2026 is an ordinary month: Monday 2, 9, 16; the weekends 7–8 and 14–15.
"""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from addons.workcalendar.services import (
    add_working_days,
    add_working_hours,
    deadline_after_pause,
    deadline_for,
    effective_receipt,
    is_working_day,
    next_working_start,
    working_hours_between,
    working_periods,
    working_time_between,
)
from tests.workcalendar.helpers import vn

pytestmark = pytest.mark.django_db


# --- weekends and the working day -------------------------------------------------------------


def test_oss9_weekends_are_not_working_days():
    assert [is_working_day(date(2026, 3, d)) for d in (6, 7, 8, 9)] == [True, False, False, True]
    assert working_periods(date(2026, 3, 7)) == []
    assert working_periods(date(2026, 3, 9)) == [
        (vn(2026, 3, 9, 7, 30), vn(2026, 3, 9, 11, 30)),
        (vn(2026, 3, 9, 13), vn(2026, 3, 9, 17)),
    ]


def test_oss9_a_deadline_skips_the_weekend():
    assert add_working_days(vn(2026, 3, 6, 10), 1) == vn(2026, 3, 9, 17)
    assert add_working_days(vn(2026, 3, 6, 10), 6) == vn(2026, 3, 16, 17)


def test_oss9_counting_starts_the_working_day_after_receipt():
    assert add_working_days(vn(2026, 3, 9, 8), 3) == vn(2026, 3, 12, 17)
    assert add_working_days(vn(2026, 3, 9, 16, 59), 3) == vn(2026, 3, 12, 17)


def test_oss9_zero_days_means_the_close_of_the_receiving_day():
    assert add_working_days(vn(2026, 3, 9, 8), 0) == vn(2026, 3, 9, 17)
    assert add_working_days(vn(2026, 3, 9, 18), 0) == vn(2026, 3, 10, 17)


def test_oss9_next_working_start():
    assert next_working_start(vn(2026, 3, 7, 10)) == vn(2026, 3, 9, 7, 30)
    assert next_working_start(vn(2026, 3, 9, 7, 30)) == vn(2026, 3, 9, 7, 30)
    assert next_working_start(vn(2026, 3, 9, 9)) == vn(2026, 3, 9, 13)
    assert next_working_start(vn(2026, 3, 9, 17)) == vn(2026, 3, 10, 7, 30)


# --- the 15:00 rule -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hour", "minute", "received", "due"),
    [
        (14, 59, vn(2026, 3, 10, 14, 59), vn(2026, 3, 13, 17)),
        (15, 0, vn(2026, 3, 10, 15, 0), vn(2026, 3, 13, 17)),
        (15, 1, vn(2026, 3, 11, 7, 30), vn(2026, 3, 16, 17)),
    ],
)
def test_oss9_paper_dossier_after_1500_counts_from_the_next_working_day(
    hour, minute, received, due
):
    at = vn(2026, 3, 10, hour, minute)
    assert effective_receipt(at, paper=True) == received
    assert deadline_for(at, days=3, paper=True) == due


def test_oss9_paper_dossier_after_1500_on_friday_counts_from_monday():
    assert effective_receipt(vn(2026, 3, 13, 15, 30), paper=True) == vn(2026, 3, 16, 7, 30)
    assert deadline_for(vn(2026, 3, 13, 15, 30), days=1, paper=True) == vn(2026, 3, 17, 17)


def test_oss9_paper_dossier_received_on_a_non_working_day_counts_from_the_next():
    assert effective_receipt(vn(2026, 3, 7, 9), paper=True) == vn(2026, 3, 9, 7, 30)
    assert deadline_for(vn(2026, 3, 7, 9), days=1, paper=True) == vn(2026, 3, 10, 17)


def test_oss9_online_dossier_at_1600_is_not_moved_by_the_1500_rule():
    at = vn(2026, 3, 10, 16)
    assert effective_receipt(at, paper=False) == at
    assert deadline_for(at, days=3, paper=False) == vn(2026, 3, 13, 17)
    assert deadline_for(at, days=3, paper=True) == vn(2026, 3, 16, 17)


@pytest.mark.parametrize(
    ("submitted", "received"),
    [
        (vn(2026, 3, 10, 17, 30), vn(2026, 3, 11, 7, 30)),  # evening
        (vn(2026, 3, 10, 6), vn(2026, 3, 10, 7, 30)),  # before opening
        (vn(2026, 3, 10, 12), vn(2026, 3, 10, 13)),  # lunch: same day
        (vn(2026, 3, 7, 10), vn(2026, 3, 9, 7, 30)),  # Saturday
        (vn(2026, 2, 17, 10), vn(2026, 2, 23, 7, 30)),  # first day of Tết 2026
    ],
)
def test_oss9_online_dossier_outside_working_hours_counts_from_the_next_working_start(
    submitted, received
):
    assert effective_receipt(submitted, paper=False) == received


def test_oss9_online_dossier_in_the_evening_is_due_a_day_later():
    assert deadline_for(vn(2026, 3, 10, 17, 30), days=3, paper=False) == vn(2026, 3, 16, 17)


def test_oss9_receipt_times_are_read_in_vietnam_time():
    before = datetime(2026, 3, 10, 7, 59, tzinfo=UTC)  # 14:59 in Hà Nội
    after = datetime(2026, 3, 10, 8, 1, tzinfo=UTC)  # 15:01
    assert effective_receipt(before, paper=True) == vn(2026, 3, 10, 14, 59)
    assert effective_receipt(after, paper=True) == vn(2026, 3, 11, 7, 30)
    assert deadline_for(after, days=1, paper=True).utcoffset() == timedelta(hours=7)


def test_oss9_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        deadline_for(datetime(2026, 3, 10, 9), days=1, paper=True)


# --- holidays, Tết and make-up days -------------------------------------------------------------


def test_oss9_tet_2026_spans_nine_days_off():
    days = [date(2026, 2, 13) + timedelta(days=n) for n in range(11)]
    assert [is_working_day(d) for d in days] == [True] + [False] * 9 + [True]


def test_oss9_a_deadline_across_tet_2026_resumes_after_it():
    assert deadline_for(vn(2026, 2, 13, 10), days=1, paper=True) == vn(2026, 2, 23, 17)
    assert deadline_for(vn(2026, 2, 12, 10), days=5, paper=True) == vn(2026, 2, 26, 17)
    assert deadline_for(vn(2026, 2, 13, 16), days=1, paper=True) == vn(2026, 2, 24, 17)


def test_oss9_a_deadline_across_the_30_4_holiday_skips_the_swapped_day():
    # 30/4 and 1/5/2025 are holidays, Friday 2/5 was swapped with Saturday 26/4.
    assert deadline_for(vn(2025, 4, 29, 9), days=3, paper=True) == vn(2025, 5, 7, 17)


def test_oss9_a_deadline_across_new_year_2026():
    # 1/1 holiday, Friday 2/1 swapped with Saturday 10/1, then the weekend.
    assert deadline_for(vn(2025, 12, 31, 10), days=1, paper=True) == vn(2026, 1, 5, 17)


def test_oss9_a_make_up_saturday_counts_as_a_working_day():
    assert is_working_day(date(2026, 1, 10))
    assert not is_working_day(date(2026, 1, 17))
    assert working_periods(date(2026, 1, 10)) == [
        (vn(2026, 1, 10, 7, 30), vn(2026, 1, 10, 11, 30)),
        (vn(2026, 1, 10, 13), vn(2026, 1, 10, 17)),
    ]
    assert deadline_for(vn(2026, 1, 8, 10), days=2, paper=True) == vn(2026, 1, 10, 17)
    assert deadline_for(vn(2025, 4, 25, 10), days=1, paper=True) == vn(2025, 4, 26, 17)


# --- working hours ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "hours", "end"),
    [
        (vn(2026, 3, 9, 9), 4, vn(2026, 3, 9, 14, 30)),  # across lunch
        (vn(2026, 3, 9, 11), Decimal("0.5"), vn(2026, 3, 9, 11, 30)),  # ends with the morning
        (vn(2026, 3, 9, 11), 1, vn(2026, 3, 9, 13, 30)),
        (vn(2026, 3, 9, 15), 4, vn(2026, 3, 10, 9, 30)),  # overnight
        (vn(2026, 3, 9, 16), 1.5, vn(2026, 3, 10, 8)),
        (vn(2026, 3, 6, 16), 2, vn(2026, 3, 9, 8, 30)),  # over the weekend
        (vn(2026, 3, 7, 10), 1, vn(2026, 3, 9, 8, 30)),  # starting on a Saturday
        (vn(2026, 3, 9, 7, 30), 0.25, vn(2026, 3, 9, 7, 45)),
    ],
)
def test_oss9_add_working_hours_across_lunch_and_overnight(start, hours, end):
    assert add_working_hours(start, hours) == end


def test_oss9_working_hours_between_across_a_weekend():
    friday, monday = vn(2026, 3, 6, 15), vn(2026, 3, 9, 9, 30)
    assert working_hours_between(friday, monday) == Decimal(4)
    assert working_hours_between(monday, friday) == Decimal(-4)
    assert working_time_between(friday, monday) == timedelta(hours=4)
    assert working_hours_between(vn(2026, 3, 6, 7, 30), vn(2026, 3, 13, 7, 30)) == Decimal(40)


def test_oss9_working_hours_between_leave_out_lunch_and_holidays():
    assert working_hours_between(vn(2026, 3, 9, 11), vn(2026, 3, 9, 13, 30)) == Decimal(1)
    assert working_hours_between(vn(2026, 2, 13, 16), vn(2026, 2, 23, 8, 30)) == Decimal(2)


def test_oss9_a_deadline_in_working_hours_follows_the_1500_rule():
    assert deadline_for(vn(2026, 3, 9, 14), hours=8, paper=True) == vn(2026, 3, 10, 14)
    assert deadline_for(vn(2026, 3, 9, 15, 30), hours=8, paper=True) == vn(2026, 3, 10, 17)
    assert deadline_for(vn(2026, 3, 9, 15, 30), hours=8, paper=False) == vn(2026, 3, 10, 15, 30)


def test_oss9_a_time_limit_is_given_in_days_or_in_hours():
    at = vn(2026, 3, 9, 9)
    with pytest.raises(ValueError, match="either"):
        deadline_for(at, days=1, hours=8, paper=True)
    with pytest.raises(ValueError, match="either"):
        deadline_for(at, paper=True)
    with pytest.raises(TypeError):
        add_working_days(at, 1.5)
    with pytest.raises(ValueError, match="negative"):
        add_working_days(at, -1)
    with pytest.raises(ValueError, match="negative"):
        add_working_hours(at, -1)


# --- the clock stops while the applicant owes a supplement --------------------------------------


def test_oss9_a_supplement_pause_moves_the_deadline_by_the_working_time_left():
    # Due Thursday 12/3 17:00; stopped Tuesday 10:00 with 21.5 working hours left; resumed the
    # next Monday at 09:00: 6.5 hours that day, 8 on Tuesday, 7 on Wednesday.
    due = vn(2026, 3, 12, 17)
    moved = deadline_after_pause(due, paused_at=vn(2026, 3, 10, 10), resumed_at=vn(2026, 3, 16, 9))
    assert moved == vn(2026, 3, 18, 16)


def test_oss9_a_pause_after_the_deadline_leaves_it_where_it_was():
    due = vn(2026, 3, 12, 17)
    moved = deadline_after_pause(due, paused_at=vn(2026, 3, 13, 9), resumed_at=vn(2026, 3, 16, 9))
    assert moved == due
