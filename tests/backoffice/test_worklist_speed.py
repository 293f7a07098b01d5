"""What keeps the worklists and the overview fast at a million dossiers (OSS-8, issue 4): every
count reads one index and never the table. The figures are in tests/benchmarks/test_dossier_speed.py;
these tests check the query plans those figures rest on, and that the counts stay what they were."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from addons.backoffice.access import staff_of
from addons.backoffice.selectors import WORKLISTS, agency_overview, worklist_page
from addons.dossiers.models import Status
from tests.backoffice.conftest import listed

pytestmark = pytest.mark.django_db


def plan_of(sql: str) -> str:
    """The plan PostgreSQL picks when reading the table itself costs more than any index."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN {sql}")  # noqa: S608 - SQL captured from the ORM
        return "\n".join(row[0] for row in cursor.fetchall())


def counting_queries(queries) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]


@pytest.fixture
def some_of_each(staff):
    now = timezone.now()
    listed(staff, handler=staff.specialist, due_at=now - timedelta(hours=1))
    listed(staff, unit=staff.unit, due_at=now + timedelta(hours=3))
    listed(staff, status=Status.AWAITING_APPROVAL, unit=staff.unit, due_at=now)
    listed(staff, status=Status.SUBMITTED)
    listed(staff, status=Status.RETURNED, finished_at=now, due_at=now + timedelta(days=1))
    return now


@pytest.mark.parametrize(
    ("name", "user", "index"),
    [
        ("mine", "specialist", "dossier_open_handler_idx"),
        ("unit", "specialist", "dossier_open_"),
        ("desk", "clerk", "dossier_open_agency_idx"),
        ("approvals", "head", "dossier_open_"),
        ("approvals", "leader", "dossier_open_agency_idx"),
        ("agency", "leader", "dossier_open_agency_idx"),
    ],
)
def test_OSS_8_worklist_counts_are_read_from_the_index_of_dossiers_in_progress(
    staff, some_of_each, name, user, index
):
    """COUNT(id) would send PostgreSQL to the table for every dossier counted (the id is in no
    index): the counts by status must be an Index Only Scan of a partial index in progress."""
    if connection.vendor != "postgresql":
        pytest.skip("query plans are checked on PostgreSQL")
    with CaptureQueriesContext(connection) as queries:
        worklist_page(staff_of(getattr(staff, user)), WORKLISTS[name])
    (counts_sql,) = counting_queries(queries)
    plan = plan_of(counts_sql)
    assert re.search(rf"Index Only Scan using {index}\w* on dossiers_dossier", plan), plan


def test_OSS_8_overview_counts_are_read_from_indexes_only(staff, some_of_each):
    if connection.vendor != "postgresql":
        pytest.skip("query plans are checked on PostgreSQL")
    with CaptureQueriesContext(connection) as queries:
        agency_overview(staff_of(staff.leader))
    plans = [plan_of(sql) for sql in counting_queries(queries)]
    assert len(plans) == 4
    for plan in plans:
        assert "Index Only Scan using" in plan, plan
        assert not re.search(r"(Index Scan using \w+|Seq Scan) on dossiers_dossier", plan), plan
    used = " ".join(plans)
    for index in ("dossier_open_agency_idx", "dossier_closed_idx", "dossier_finished_idx"):
        assert index in used, used


def test_OSS_8_the_desk_queue_reads_the_submitted_index_in_order(staff, some_of_each):
    if connection.vendor != "postgresql":
        pytest.skip("query plans are checked on PostgreSQL")
    clerk = staff_of(staff.clerk)
    with CaptureQueriesContext(connection) as queries:
        worklist_page(clerk, WORKLISTS["desk"], status=Status.SUBMITTED)
    (keys_sql,) = [q["sql"] for q in queries.captured_queries if '"submitted_at" AS' in q["sql"]]
    plan = plan_of(keys_sql)
    assert "dossier_submitted_idx" in plan, plan


def test_OSS_8_overview_lists_every_status_but_draft_in_order(staff, some_of_each):
    """The closed statuses are counted apart; the table still lists them all, in status order."""
    overview = agency_overview(staff_of(staff.leader), now=some_of_each)
    assert list(overview.by_status) == [s for s in Status.values if s != Status.DRAFT]
    assert overview.by_status[Status.RETURNED].total == 1
    assert overview.by_status[Status.RETURNED].overdue == 0
    assert overview.by_status[Status.PROCESSING].total == 2
    assert overview.by_status[Status.PROCESSING].overdue == 1
    assert overview.by_status[Status.WITHDRAWN].total == 0
