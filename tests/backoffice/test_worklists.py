"""Worklists: mine, my unit's, the desk, approvals, the agency (OSS-7, OSS-8, GEN-7)."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from addons.backoffice.access import staff_of
from addons.backoffice.selectors import PAGE_SIZE, WORKLISTS, worklist_page
from addons.dossiers.models import Status
from tests.backoffice.conftest import listed

pytestmark = pytest.mark.django_db


def codes(response) -> list[str]:
    return re.findall(
        r'data-dossier="\d+">\s*<td class="nowrap"><a href="[^"]+">([^<]+)</a>',
        response.content.decode(),
    )


def test_OSS_8_my_worklist_holds_what_i_handle_now_earliest_due_first(signed_in, staff):
    now = timezone.now()
    later = listed(staff, code="A-later", handler=staff.specialist, due_at=now + timedelta(days=3))
    sooner = listed(
        staff, code="A-sooner", handler=staff.specialist, due_at=now + timedelta(days=1)
    )
    listed(staff, code="A-other", handler=staff.specialist2, due_at=now)
    listed(staff, code="A-closed", handler=staff.specialist, status=Status.RETURNED, due_at=now)
    response = signed_in(staff.specialist).get(reverse("backoffice:worklist", args=["mine"]))
    assert response.status_code == 200
    assert codes(response) == [sooner.code, later.code]


def test_OSS_8_the_unit_worklist_shows_what_nobody_has_taken(signed_in, staff):
    waiting = listed(staff, code="U-waiting", unit=staff.unit, due_at=timezone.now())
    listed(staff, code="U-taken", unit=staff.unit, handler=staff.specialist2)
    listed(staff, code="U-desk", unit=staff.desk)
    response = signed_in(staff.specialist).get(reverse("backoffice:worklist", args=["unit"]))
    assert codes(response) == [waiting.code]


def test_OSS_2_the_desk_queue_first_come_first_with_supplements_marked(signed_in, staff, submitted):
    from addons.dossiers import services

    earlier = listed(
        staff,
        code="D-earlier",
        status=Status.SUBMITTED,
        submitted_at=submitted.submitted_at - timedelta(hours=1),
    )
    listed(staff, code="D-ready", status=Status.RESULT_READY, due_at=timezone.now())
    client = signed_in(staff.clerk)
    response = client.get(reverse("backoffice:worklist", args=["desk"]))
    assert codes(response) == [earlier.code, submitted.code]
    ready = client.get(reverse("backoffice:worklist", args=["desk"]), {"status": "result_ready"})
    assert codes(ready) == ["D-ready"]

    services.dossier_request_supplement(dossier=submitted, actor=staff.clerk, items=["Tờ khai"])
    services.dossier_supplement(dossier=submitted, actor=submitted.applicant)
    response = client.get(reverse("backoffice:worklist", args=["desk"]))
    row = response.content.decode().split(f'data-dossier="{submitted.pk}"')[1].split("</tr>")[0]
    assert 'class="badge"' in row  # supplemented: the clerk checks what was added


def test_OSS_8_approvals_wait_for_the_leader(signed_in, staff):
    waiting = listed(staff, code="P-1", status=Status.AWAITING_APPROVAL, unit=staff.unit)
    listed(staff, code="P-processing", unit=staff.unit)
    assert codes(
        signed_in(staff.leader).get(reverse("backoffice:worklist", args=["approvals"]))
    ) == [waiting.code]
    # a unit head sees the approvals of their unit only
    listed(staff, code="P-desk", status=Status.AWAITING_APPROVAL, unit=staff.desk)
    assert codes(signed_in(staff.head).get(reverse("backoffice:worklist", args=["approvals"]))) == [
        waiting.code
    ]


def test_GEN_7_OSS_7_overdue_is_highlighted_and_can_be_filtered(signed_in, staff):
    now = timezone.now()
    late = listed(staff, code="T-late", handler=staff.specialist, due_at=now - timedelta(hours=2))
    fine = listed(staff, code="T-fine", handler=staff.specialist, due_at=now + timedelta(days=2))
    client = signed_in(staff.specialist)
    response = client.get(reverse("backoffice:worklist", args=["mine"]))
    html = response.content.decode()
    late_row = html.split(f'data-dossier="{late.pk}"')[0].rsplit("<tr", 1)[1]
    fine_row = html.split(f'data-dossier="{fine.pk}"')[0].rsplit("<tr", 1)[1]
    assert "is-overdue" in late_row and "is-overdue" not in fine_row
    assert "state-overdue" in html and "state-within_deadline" in html
    overdue_only = client.get(reverse("backoffice:worklist", args=["mine"]), {"overdue": "on"})
    assert codes(overdue_only) == [late.code]


def test_OSS_8_status_filter_counts_and_paging(signed_in, staff):
    now = timezone.now()
    for n in range(PAGE_SIZE + 2):
        listed(staff, code=f"L-{n:03d}", unit=staff.unit, due_at=now + timedelta(hours=n))
    listed(
        staff,
        code="L-pay",
        unit=staff.unit,
        status=Status.PAYMENT_REQUESTED,
        due_at=now - timedelta(hours=1),
    )
    client = signed_in(staff.leader)
    first = client.get(reverse("backoffice:worklist", args=["agency"]))
    assert codes(first)[:2] == ["L-pay", "L-000"] and len(codes(first)) == PAGE_SIZE
    html = first.content.decode()
    assert re.search(r'data-status="processing">[^<]+<span class="count">27</span>', html)
    assert re.search(r'data-status="payment_requested">[^<]+<span class="count">1</span>', html)
    assert 'rel="next"' in html and 'rel="prev"' not in html
    second = client.get(reverse("backoffice:worklist", args=["agency"]), {"page": 2})
    assert codes(second) == ["L-024", "L-025", "L-026"]
    assert 'rel="prev"' in second.content.decode()
    only_payment = client.get(
        reverse("backoffice:worklist", args=["agency"]), {"status": "payment_requested"}
    )
    assert codes(only_payment) == ["L-pay"]
    by_unit = client.get(reverse("backoffice:worklist", args=["agency"]), {"unit": staff.desk.pk})
    assert codes(by_unit) == []


def test_OSS_8_a_worklist_page_is_three_queries_with_limits_in_due_date_order(staff):
    now = timezone.now()
    for hours in (5, 1, 3):
        listed(staff, handler=staff.specialist, due_at=now + timedelta(hours=hours))
    listed(
        staff,
        handler=staff.specialist,
        status=Status.AWAITING_APPROVAL,
        due_at=now + timedelta(hours=2),
    )
    specialist = staff_of(staff.specialist)
    with CaptureQueriesContext(connection) as queries:
        page = worklist_page(specialist, WORKLISTS["mine"])
        shown = [(row.due_at, row.procedure.name, row.handler.get_full_name()) for row in page.rows]
    assert [due for due, _name, _handler in shown] == sorted(due for due, _n, _h in shown)
    assert len(shown) == 4
    keys_sql, rows_sql, counts_sql = (q["sql"] for q in queries.captured_queries)
    assert f"LIMIT {PAGE_SIZE + 1}" in keys_sql
    assert keys_sql.lstrip("(").startswith('SELECT "dossiers_dossier"."due_at"')
    assert re.search(r'ORDER BY (1|"dossiers_dossier"\."due_at") ASC', keys_sql)
    if connection.vendor == "postgresql":  # one index-ordered branch per status
        assert keys_sql.count("UNION ALL") == len(WORKLISTS["mine"].statuses) - 1
    assert "GROUP BY" in counts_sql and "COUNT(" in counts_sql


@pytest.mark.parametrize(
    ("name", "user", "column"),
    [
        ("mine", "specialist", "handler_id"),
        ("unit", "specialist", "unit_id"),
        ("desk", "clerk", "agency_id"),
        ("approvals", "leader", "agency_id"),
        ("agency", "leader", "agency_id"),
    ],
)
def test_OSS_8_worklists_can_use_the_dossier_indexes(staff, name, user, column):
    """With sequential scans off, each worklist query reads the dossier table through an index on
    its scope column: the filter is on the indexed columns as they are, not on expressions an
    index cannot serve. (Which index wins depends on the data: the 1,000,000-row benchmark.)"""
    if connection.vendor != "postgresql":
        pytest.skip("query plans are checked on PostgreSQL")
    member = staff_of(getattr(staff, user))
    with CaptureQueriesContext(connection) as queries:
        worklist_page(member, WORKLISTS[name])
    page_sql = queries.captured_queries[0]["sql"]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN {page_sql}")  # noqa: S608 - SQL captured from the ORM
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Seq Scan on dossiers_dossier" not in plan, plan
    assert re.search(rf"Index Cond: \(+{column} = ", plan), plan
