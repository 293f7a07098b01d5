"""The calendar is read once per process and reloaded when it changes (OSS-9)."""

from datetime import date, time

import pytest
from django.core.cache import cache

from addons.workcalendar.factories import CalendarDayFactory, WorkingPeriodFactory
from addons.workcalendar.models import CalendarDay, WorkingPeriod
from addons.workcalendar.selectors import VERSION_KEY, calendar_current, calendar_invalidate
from addons.workcalendar.services import is_working_day

pytestmark = pytest.mark.django_db

SATURDAY = date(2026, 3, 7)


def test_oss9_the_calendar_is_read_once(django_assert_num_queries):
    first = calendar_current()
    with django_assert_num_queries(0):
        assert calendar_current() is first
        assert is_working_day(SATURDAY) is False


def test_oss9_saving_a_period_reloads_the_calendar():
    assert not is_working_day(SATURDAY)
    WorkingPeriodFactory(weekday=5)
    assert is_working_day(SATURDAY)


def test_oss9_adding_a_holiday_reloads_the_calendar():
    monday = date(2026, 3, 9)
    assert is_working_day(monday)
    CalendarDayFactory(date=monday)
    assert not is_working_day(monday)


def test_oss9_deleting_a_holiday_reloads_the_calendar():
    assert not is_working_day(date(2026, 4, 30))
    CalendarDay.objects.get(date=date(2026, 4, 30)).delete()
    assert is_working_day(date(2026, 4, 30))


def test_oss9_a_change_made_by_another_process_is_seen_through_the_shared_stamp():
    calendar_current()
    # Another process changed the rows and its signal replaced the stamp in the shared cache.
    WorkingPeriod.objects.bulk_create([WorkingPeriod(weekday=5, start=time(8), end=time(11))])
    assert not is_working_day(SATURDAY)  # still the calendar this process read
    cache.set(VERSION_KEY, "stamp-of-another-process", timeout=None)
    assert is_working_day(SATURDAY)


def test_oss9_invalidating_reloads_the_calendar():
    first = calendar_current()
    calendar_invalidate()
    assert calendar_current() is not first
