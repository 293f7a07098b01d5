"""The calendar a new installation starts with (OSS-9): working week and 2024–2027 holidays."""

from datetime import date, time, timedelta

import pytest

from addons.workcalendar.models import CalendarDay, WorkingPeriod
from addons.workcalendar.services import calendar_defaults_ensure

pytestmark = pytest.mark.django_db

HOLIDAY = CalendarDay.Kind.HOLIDAY

# First day of the lunar year and 10/3 lunar (Giỗ Tổ Hùng Vương), in the solar calendar.
LUNAR = {
    2024: (date(2024, 2, 10), date(2024, 4, 18)),
    2025: (date(2025, 1, 29), date(2025, 4, 7)),
    2026: (date(2026, 2, 17), date(2026, 4, 26)),
    2027: (date(2027, 2, 6), date(2027, 4, 16)),
}


def kinds(year: int) -> dict[date, str]:
    return dict(CalendarDay.objects.filter(date__year=year).values_list("date", "kind"))


def test_oss9_the_default_week_is_monday_to_friday_eight_hours():
    hours = dict.fromkeys(range(7), 0.0)
    for period in WorkingPeriod.objects.all():
        start, end = (t.hour + t.minute / 60 for t in (period.start, period.end))
        hours[period.weekday] += end - start
    assert hours == {0: 8, 1: 8, 2: 8, 3: 8, 4: 8, 5: 0, 6: 0}
    assert set(WorkingPeriod.objects.values_list("start", "end")) == {
        (time(7, 30), time(11, 30)),
        (time(13), time(17)),
    }


@pytest.mark.parametrize("year", sorted(LUNAR))
def test_oss9_every_statutory_holiday_of_the_year_is_seeded(year):
    tet, hung_kings = LUNAR[year]
    seeded = kinds(year)
    for day in (date(year, 1, 1), hung_kings, date(year, 4, 30), date(year, 5, 1)):
        assert seeded.get(day) == HOLIDAY, day
    tet_days = sorted(d for d, k in seeded.items() if k == HOLIDAY and abs((d - tet).days) <= 5)
    assert len(tet_days) == 5 and tet in tet_days
    assert tet_days[-1] - tet_days[0] == timedelta(days=4)
    national = [d for d, k in seeded.items() if k == HOLIDAY and d.month in (8, 9)]
    assert date(year, 9, 2) in national and len(national) == 2
    assert all(abs((d - date(year, 9, 2)).days) == 1 for d in national if d != date(year, 9, 2))


def test_oss9_the_announced_swaps_are_seeded():
    makeup = CalendarDay.objects.filter(kind=CalendarDay.Kind.MAKEUP)
    assert sorted(makeup.values_list("date", flat=True)) == [
        date(2024, 5, 4),
        date(2025, 4, 26),
        date(2026, 1, 10),
        date(2026, 8, 22),
    ]
    assert {d.weekday() for d in makeup.values_list("date", flat=True)} == {5}
    swapped = [date(2024, 4, 29), date(2025, 5, 2), date(2026, 1, 2), date(2026, 8, 31)]
    assert all(kinds(d.year)[d] == CalendarDay.Kind.DAY_OFF for d in swapped)


def test_oss9_what_was_not_announced_is_marked_unconfirmed():
    unconfirmed = set(CalendarDay.objects.filter(confirmed=False).values_list("date", flat=True))
    assert unconfirmed == {date(2027, 2, d) for d in range(4, 11)} | {date(2027, 9, 3)}


def test_oss9_seeding_again_keeps_the_administrators_corrections():
    CalendarDay.objects.filter(date=date(2027, 9, 3)).update(date=date(2027, 9, 1))
    CalendarDay.objects.filter(date=date(2027, 2, 10)).delete()
    WorkingPeriod.objects.filter(weekday=4, start=time(13)).delete()
    calendar_defaults_ensure()
    assert kinds(2027)[date(2027, 9, 1)] == HOLIDAY
    assert date(2027, 9, 3) not in kinds(2027) and date(2027, 2, 10) not in kinds(2027)
    assert not WorkingPeriod.objects.filter(weekday=4, start=time(13)).exists()


def test_oss9_seeding_an_empty_calendar_restores_every_year():
    CalendarDay.objects.filter(date__year=2025).delete()
    WorkingPeriod.objects.all().delete()
    calendar_defaults_ensure()
    assert kinds(2025)[date(2025, 4, 26)] == CalendarDay.Kind.MAKEUP
    assert WorkingPeriod.objects.count() == 10
