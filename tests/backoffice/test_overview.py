"""The leader's overview (OSS-3, OSS-8): counts by status and unit, overdue and due soon, and the
dossiers finished this month as early / on time / late, as `timeliness` classifies each one."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from addons.backoffice.access import staff_of
from addons.backoffice.selectors import agency_overview
from addons.dossiers.models import Status
from addons.dossiers.timeliness import dossier_timeliness
from tests.backoffice.conftest import listed

pytestmark = pytest.mark.django_db


def at(day: int, hour: int, month: int = 11) -> datetime:
    return timezone.make_aware(datetime(2026, month, day, hour, 0))


@pytest.fixture
def agency_dossiers(staff, other_agency):
    now = at(20, 10)
    unit, desk = staff.unit, staff.desk
    listed(staff, code="O-overdue", unit=unit, due_at=now - timedelta(hours=1))
    listed(staff, code="O-soon", unit=unit, due_at=now + timedelta(hours=1))
    listed(
        staff,
        code="O-later",
        status=Status.AWAITING_APPROVAL,
        unit=unit,
        due_at=now + timedelta(days=30),
    )
    listed(
        staff,
        code="O-fee",
        status=Status.PAYMENT_REQUESTED,
        unit=desk,
        due_at=now - timedelta(days=1),
    )
    # the applicant owes a supplement: the clock is stopped, never overdue
    listed(
        staff,
        code="O-paused",
        status=Status.SUPPLEMENT_REQUESTED,
        unit=unit,
        due_at=now - timedelta(days=1),
        paused_since=now - timedelta(days=2),
    )
    listed(staff, code="O-new", status=Status.SUBMITTED)
    finished = [
        listed(
            staff, code="F-early", status=Status.RETURNED, finished_at=at(10, 9), due_at=at(12, 17)
        ),
        listed(
            staff,
            code="F-ontime",
            status=Status.RESULT_READY,
            finished_at=at(12, 10),
            due_at=at(12, 17),
        ),
        listed(
            staff, code="F-late", status=Status.RETURNED, finished_at=at(13, 9), due_at=at(12, 17)
        ),
        listed(
            staff,
            code="F-october",
            status=Status.RETURNED,
            finished_at=at(30, 9, month=10),
            due_at=at(31, 17, month=10),
        ),
    ]
    listed(other_agency, code="X-overdue", due_at=now - timedelta(days=3))
    return now, finished


def test_OSS_8_the_overview_counts_are_right(staff, agency_dossiers):
    now, finished = agency_dossiers
    overview = agency_overview(staff_of(staff.leader), now=now)

    totals = {s: c.total for s, c in overview.by_status.items() if c.total}
    assert totals == {
        Status.PROCESSING: 2,
        Status.AWAITING_APPROVAL: 1,
        Status.PAYMENT_REQUESTED: 1,
        Status.SUPPLEMENT_REQUESTED: 1,
        Status.SUBMITTED: 1,
        Status.RESULT_READY: 1,
        Status.RETURNED: 3,
    }
    assert overview.by_status[Status.PROCESSING].overdue == 1
    assert overview.by_status[Status.SUPPLEMENT_REQUESTED].overdue == 0
    by_unit = {
        line.unit_id: (line.in_progress, line.overdue, line.due_soon) for line in overview.by_unit
    }
    assert by_unit == {staff.unit.pk: (3, 1, 1), staff.desk.pk: (1, 1, 0)}
    assert (overview.overdue, overview.due_soon) == (2, 1)

    assert overview.finished_this_month == {"early": 1, "on_time": 1, "late": 1, "total": 3}
    assert [dossier_timeliness(d) for d in finished[:3]] == ["early", "on_time", "late"]


def test_OSS_8_the_overview_page_shows_them_to_the_leader(signed_in, staff, agency_dossiers):
    html = signed_in(staff.leader).get(reverse("backoffice:overview")).content.decode()
    assert f'data-unit="{staff.unit.pk}"' in html and f'data-unit="{staff.desk.pk}"' in html
    assert '<span class="count-big" data-stat="finished">' in html
    returned = html.split('data-status="returned"')[1].split("</tr>")[0]
    assert '<td class="total">3</td>' in returned
