"""The calendar in the Wagtail admin (OSS-9): administrators edit it, deadlines follow at once."""

from datetime import date, time

import pytest
from django.urls import reverse

from addons.accounts.factories import StaffFactory
from addons.workcalendar.models import CalendarDay, WorkingPeriod
from addons.workcalendar.services import deadline_for, is_working_day
from tests.conftest import verified_login
from tests.workcalendar.helpers import vn

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    verified_login(client, StaffFactory(roles=["Quản trị viên"]))
    return client


def day_form(day: CalendarDay, **changes) -> dict:
    data = {
        "date": day.date.isoformat(),
        "kind": day.kind,
        "name": day.name,
        "hours_from": day.hours_from,
        "confirmed": "on" if day.confirmed else "",
        "source": day.source,
    }
    return data | changes


def test_oss9_the_administrator_sees_the_calendar_under_one_menu(admin_client):
    home = admin_client.get("/admin/").content.decode()
    assert "/admin/workcalendar/calendarday/" in home
    assert "/admin/workcalendar/workingperiod/" in home
    listing = admin_client.get("/admin/workcalendar/calendarday/")
    assert listing.status_code == 200
    assert "Quốc khánh (2/9)" in listing.content.decode()
    hours = admin_client.get("/admin/workcalendar/workingperiod/")
    assert hours.status_code == 200
    assert "07:30" in hours.content.decode()


def test_oss9_other_staff_cannot_edit_the_calendar(client):
    verified_login(client, StaffFactory(roles=["Cán bộ một cửa"]))
    response = client.get("/admin/workcalendar/calendarday/")
    assert response.status_code == 302
    assert "/admin/workcalendar/" not in response["Location"]
    day = CalendarDay.objects.get(date=date(2027, 9, 3))
    client.post(
        reverse("workcalendar_calendarday:edit", args=[day.pk]),
        day_form(day, date="2027-09-01"),
    )
    day.refresh_from_db()
    assert day.date == date(2027, 9, 3)


def test_oss9_editing_a_holiday_in_the_admin_changes_the_next_deadline(admin_client):
    received = vn(2027, 8, 31, 10)  # Tuesday; Thursday 2/9 and Friday 3/9 are seeded holidays
    assert deadline_for(received, days=1, paper=True) == vn(2027, 9, 1, 17)

    # The Government announces 1/9 instead of 3/9 as the day next to Quốc khánh.
    day = CalendarDay.objects.get(date=date(2027, 9, 3))
    response = admin_client.post(
        reverse("workcalendar_calendarday:edit", args=[day.pk]),
        day_form(day, date="2027-09-01", confirmed="on"),
    )
    assert response.status_code == 302
    day.refresh_from_db()
    assert (day.date, day.confirmed) == (date(2027, 9, 1), True)

    assert deadline_for(received, days=1, paper=True) == vn(2027, 9, 3, 17)


def test_oss9_adding_a_make_up_day_in_the_admin_makes_it_a_working_day(admin_client):
    saturday = date(2027, 3, 6)
    assert not is_working_day(saturday)
    response = admin_client.post(
        reverse("workcalendar_calendarday:add"),
        {"date": "2027-03-06", "kind": "makeup", "name": "Làm bù", "hours_from": "4"},
    )
    assert response.status_code == 302
    assert is_working_day(saturday)
    assert deadline_for(vn(2027, 3, 5, 10), days=1, paper=True) == vn(2027, 3, 6, 17)


def test_oss9_changing_working_hours_in_the_admin_changes_hour_budgets(admin_client):
    start = vn(2026, 3, 9, 16)  # Monday
    assert deadline_for(start, hours=2, paper=False) == vn(2026, 3, 10, 8, 30)
    afternoon = WorkingPeriod.objects.get(weekday=0, start=time(13))
    response = admin_client.post(
        reverse("workcalendar_workingperiod:edit", args=[afternoon.pk]),
        {"weekday": "0", "start": "13:00", "end": "18:00"},
    )
    assert response.status_code == 302
    assert deadline_for(start, hours=2, paper=False) == vn(2026, 3, 9, 18)


def test_oss9_overlapping_working_hours_are_refused(admin_client):
    count = WorkingPeriod.objects.count()
    response = admin_client.post(
        reverse("workcalendar_workingperiod:add"),
        {"weekday": "0", "start": "11:00", "end": "12:00"},
    )
    assert response.status_code == 200
    assert "07:30" in " ".join(response.context["form"].non_field_errors())
    assert WorkingPeriod.objects.count() == count


def test_oss9_a_make_up_day_needs_a_weekday_with_working_hours(admin_client):
    response = admin_client.post(
        reverse("workcalendar_calendarday:add"),
        {"date": "2027-03-06", "kind": "makeup", "name": "Làm bù", "hours_from": "6"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["hours_from"]
    assert not CalendarDay.objects.filter(date=date(2027, 3, 6)).exists()
