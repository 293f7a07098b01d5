"""Benchmark of the deadline scan run by Celery beat (`make bench`; PostgreSQL only), issue 6.

BENCH_SCAN_DOSSIERS dossiers (default 200,000; 10 % in processing, each with an open step, due
dates spread over twenty days around now). Measured: the first scan, which gives every warning
due (one dossier event each), and the next scans, which find nothing new; beside the baseline of
the same scan without the NOT EXISTS filter, which relies on the unique constraint alone and so
tries every overdue deadline again at every run.
"""

import os
import statistics
import time

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from addons.catalogue.factories import ProcedureFactory
from addons.dossiers.factories import AgencyStaff
from addons.dossiers.models import Dossier, StepRecord
from addons.dossiers.models.status import OPEN_STATUSES
from addons.notifications.deadlines import deadlines_scan
from addons.notifications.models import DeadlineWarning

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db(transaction=True)]
TOTAL = int(os.environ.get("BENCH_SCAN_DOSSIERS", "200000"))
REPEAT = 5
ROWS: list[tuple[str, str, float, float]] = []


@pytest.fixture(scope="module", autouse=True)
def table():
    yield
    print(f"\n\nDeadline scan on {connection.vendor}, {TOTAL:,} dossiers, {os.cpu_count()} CPUs")
    print(f"{'measure':<52} {'what':<24} {'p50 / value':>12} {'p95':>10}")
    for label, what, p50, p95 in ROWS:
        print(f"{label:<52} {what:<24} {p50:>12.2f} {p95:>10.2f}")


def fill(staff: AgencyStaff, procedure_id: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO dossiers_dossier (
                uuid, code, procedure_id, agency_id, unit_id, handler_id, channel, status,
                applicant_kind, applicant_name, applicant_identity_number, applicant_address,
                applicant_phone, applicant_email, submitter_name, form_data, current_step,
                created_at, updated_at, submitted_at, received_at, counting_from, due_at,
                finished_at, return_method, outcome
            )
            SELECT gen_random_uuid(), 'SCAN-' || g, %s, %s, %s, %s, 'online',
                   CASE WHEN g %% 10 = 0 THEN 'processing' ELSE 'returned' END,
                   'person', 'Nguyễn Văn ' || g, lpad(g::text, 12, '0'), '', '', '', '',
                   '{}'::jsonb, 1, now(), now(), now(), now(), now(),
                   now() + (random() * 20 - 10) * interval '1 day', NULL, '', ''
            FROM generate_series(1, %s) AS g
            """,
            [procedure_id, staff.agency.pk, staff.unit.pk, staff.specialist.pk, TOTAL],
        )
        cursor.execute(
            """
            INSERT INTO dossiers_steprecord (
                dossier_id, "order", name, unit_id, assignee_id, budget_hours, started_at, due_at,
                paused_hours
            )
            SELECT id, 1, 'Thẩm định', unit_id, handler_id, 24, due_at - interval '5 days',
                   due_at - interval '2 days', 0
            FROM dossiers_dossier WHERE code LIKE 'SCAN-%%' AND status = 'processing'
            """
        )
        cursor.execute("ANALYZE dossiers_dossier")
        cursor.execute("ANALYZE dossiers_steprecord")


def scan_without_filter(now) -> int:
    """The baseline: every deadline in the window is tried; the unique constraint refuses repeats."""
    tried = 0
    steps = StepRecord.objects.filter(
        finished_at__isnull=True, dossier__status__in=OPEN_STATUSES, due_at__lte=now
    )
    for record in steps.iterator():
        tried += 1
        try:
            with transaction.atomic():
                DeadlineWarning.objects.create(
                    dossier_id=record.dossier_id, step_record=record, kind="overdue",
                    due_at=record.due_at,
                )  # fmt: skip
        except IntegrityError:
            pass
    dossiers = Dossier.objects.filter(status__in=OPEN_STATUSES, due_at__lte=now)
    for dossier in dossiers.iterator():
        tried += 1
        try:
            with transaction.atomic():
                DeadlineWarning.objects.create(
                    dossier=dossier, kind="overdue", due_at=dossier.due_at
                )
        except IntegrityError:
            pass
    return tried


def timed(fn, repeat: int = REPEAT) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[-1]


def test_deadline_scan_at_scale():
    if connection.vendor != "postgresql":
        pytest.skip("the scale benchmark runs on PostgreSQL")
    staff = AgencyStaff()
    fill(staff, ProcedureFactory().pk)
    now = timezone.now()

    started = time.perf_counter()
    given = deadlines_scan(now=now)
    first = (time.perf_counter() - started) * 1000
    warnings = sum(given.values())
    assert warnings > 0 and DeadlineWarning.objects.count() == warnings
    ROWS.append(("first scan: every warning given", f"{warnings:,} warnings (ms)", first, first))
    ROWS.append(("first scan, per warning given", "ms", first / warnings, first / warnings))

    p50, worst = timed(lambda: deadlines_scan(now=now))
    assert deadlines_scan(now=now) == {}
    ROWS.append(("next scans: nothing new (this design)", "ms", p50, worst))
    tried = scan_without_filter(now)
    p50, worst = timed(lambda: scan_without_filter(now))
    ROWS.append(("next scans without NOT EXISTS (baseline)", f"{tried:,} tried (ms)", p50, worst))
