"""The calendar as a value: custom weeks, make-up hours, a calendar without work (OSS-9)."""

from datetime import date, time

import pytest

from addons.workcalendar.core import CalendarError, WorkingCalendar
from addons.workcalendar.services import (
    add_working_days,
    deadline_for,
    is_working_day,
    next_working_start,
    working_periods,
)
from tests.workcalendar.helpers import vn

MORNING, AFTERNOON = (time(7, 30), time(11, 30)), (time(13), time(17))
SHORT_FRIDAY = (time(7, 30), time(11, 30))


@pytest.fixture
def calendar():
    """Monday–Thursday full days, Friday mornings only; Saturday 10/1/2026 made up as a Friday,
    Saturday 17/1/2026 made up as a Monday, Tuesday 13/1/2026 closed."""
    week = {wd: [MORNING, AFTERNOON] for wd in range(4)} | {4: [SHORT_FRIDAY]}
    return WorkingCalendar.build(
        week, closed={date(2026, 1, 13)}, makeup={date(2026, 1, 10): 4, date(2026, 1, 17): 0}
    )


def test_oss9_a_make_up_day_works_the_hours_of_the_weekday_it_names(calendar):
    assert working_periods(date(2026, 1, 10), calendar=calendar) == [
        (vn(2026, 1, 10, 7, 30), vn(2026, 1, 10, 11, 30))
    ]
    assert working_periods(date(2026, 1, 17), calendar=calendar) == [
        (vn(2026, 1, 17, 7, 30), vn(2026, 1, 17, 11, 30)),
        (vn(2026, 1, 17, 13), vn(2026, 1, 17, 17)),
    ]


def test_oss9_a_deadline_ends_with_the_last_period_of_the_day(calendar):
    # Thursday 8/1 → Friday 9/1 closes at 11:30; → Saturday 10/1 (made up) at 11:30 too.
    assert add_working_days(vn(2026, 1, 8, 9), 1, calendar=calendar) == vn(2026, 1, 9, 11, 30)
    assert add_working_days(vn(2026, 1, 8, 9), 2, calendar=calendar) == vn(2026, 1, 10, 11, 30)
    # Monday 12/1 → Tuesday 13/1 is closed → Wednesday 14/1.
    assert add_working_days(vn(2026, 1, 12, 9), 1, calendar=calendar) == vn(2026, 1, 14, 17)


def test_oss9_a_paper_dossier_after_the_last_period_but_before_1500_keeps_its_day(calendar):
    # Friday ends at 11:30 here; 14:00 is still before the 15:00 line.
    assert deadline_for(vn(2026, 1, 9, 14), days=1, paper=True, calendar=calendar) == vn(
        2026, 1, 10, 11, 30
    )
    assert deadline_for(vn(2026, 1, 9, 14), days=1, paper=False, calendar=calendar) == vn(
        2026, 1, 12, 17
    )


def test_oss9_a_weekday_without_periods_is_a_rest_day(calendar):
    assert not is_working_day(date(2026, 1, 24), calendar=calendar)  # an ordinary Saturday
    assert not is_working_day(date(2026, 1, 13), calendar=calendar)  # closed Tuesday
    assert is_working_day(date(2026, 1, 17), calendar=calendar)


def test_oss9_a_calendar_without_working_time_raises_instead_of_looping():
    empty = WorkingCalendar.build({})
    with pytest.raises(CalendarError):
        next_working_start(vn(2026, 1, 5, 9), calendar=empty)
    with pytest.raises(CalendarError):
        add_working_days(vn(2026, 1, 5, 9), 1, calendar=empty)
