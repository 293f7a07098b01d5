"""Benchmark of the one-stop desk at scale (`make bench`; PostgreSQL only), issue 4.

1. Worklists and the leader's overview with BENCH_DOSSIERS dossiers (default 1,000,000) in the
   table: p50 and p95 over repeated opens, beside the baseline of the obvious ORM query (filter by
   agency and status, order by due date, LIMIT, COUNT) measured on the same data in the same run.
2. Dossiers per second from submission to returned result through the services and the viewflow
   flow, beside the same path through the services alone (the flow's cost).
"""

import os
import statistics
import time

import pytest
from django.db import connection
from django.utils import timezone

from addons.backoffice.access import staff_of
from addons.backoffice.selectors.overview import agency_overview
from addons.backoffice.selectors.worklists import LIVE_STATUSES, WORKLISTS, worklist_page
from addons.catalogue.factories import AgencyFactory, ProcedureFactory, UnitFactory
from addons.dossiers.factories import AgencyStaff, DossierFactory
from addons.dossiers.models import Dossier

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db(transaction=True)]
TOTAL = int(os.environ.get("BENCH_DOSSIERS", "1000000"))
AGENCIES = 20
REPEAT = 60
ROWS: list[tuple[str, str, float, float]] = []

STATUS_MIX = [  # (status, share of the table): most dossiers are finished, as in a real desk
    ("returned", 0.80),
    ("processing", 0.08),
    ("submitted", 0.02),
    ("supplement_requested", 0.02),
    ("awaiting_approval", 0.02),
    ("result_ready", 0.02),
    ("not_received", 0.02),
    ("withdrawn", 0.02),
]


def timed(fn, repeat: int = REPEAT) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


@pytest.fixture(scope="module", autouse=True)
def table():
    yield
    print(f"\n\nOne-stop desk on {connection.vendor}, {TOTAL:,} dossiers, {os.cpu_count()} CPUs")
    print(f"{'measure':<58} {'what':<22} {'p50 / value':>12} {'p95':>10}")
    for label, what, p50, p95 in ROWS:
        print(f"{label:<58} {what:<22} {p50:>12.2f} {p95:>10.2f}")


def fill(staff: AgencyStaff, procedure_ids: list[int]) -> None:
    """TOTAL dossiers over AGENCIES agencies (the first is the staff's), inserted by the database."""
    agencies = [staff.agency.pk] + [AgencyFactory().pk for _ in range(AGENCIES - 1)]
    units = [staff.unit.pk] + [UnitFactory(parent_id=a).pk for a in agencies[1:]]
    handlers = [staff.specialist.pk, staff.specialist2.pk, staff.head.pk]
    bounds, acc = [], 0.0
    for status, share in STATUS_MIX:
        acc += share
        bounds.append((acc, status))
    status_case = (
        "CASE " + " ".join(f"WHEN r < {b} THEN '{s}'" for b, s in bounds) + " ELSE 'returned' END"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO dossiers_dossier (
                uuid, code, procedure_id, agency_id, unit_id, handler_id, channel, status,
                applicant_kind, applicant_name, applicant_identity_number, applicant_address,
                applicant_phone, applicant_email, submitter_name, form_data, current_step,
                created_at, updated_at, submitted_at, received_at, counting_from, due_at,
                finished_at, return_method, outcome
            )
            SELECT gen_random_uuid(), 'BENCH-' || g, (%s::bigint[])[1 + g %% %s], (%s::bigint[])[1 + g %% {AGENCIES}],
                   (%s::bigint[])[1 + g %% {AGENCIES}],
                   CASE WHEN g %% 3 = 0 THEN (%s::bigint[])[1 + g %% 3] END,
                   'online', s.status, 'person', 'Nguyễn Văn ' || g, lpad(g::text, 12, '0'), '',
                   '', '', '', '{{}}'::jsonb, 1, t.at, t.at, t.at, t.at, t.at,
                   t.at + interval '7 days',
                   CASE WHEN s.status IN ('returned', 'result_ready') THEN t.at + interval '5 days' END,
                   '', ''
            FROM generate_series(1, %s) AS g
            CROSS JOIN LATERAL (SELECT now() - (random() * interval '700 days') AS at, random() AS r) AS t
            CROSS JOIN LATERAL (SELECT {status_case} AS status FROM (SELECT t.r AS r) AS x) AS s
            """,  # noqa: S608 - only constants of this file are formatted in
            [procedure_ids, len(procedure_ids), agencies, units, handlers, TOTAL],
        )
        cursor.execute("ANALYZE dossiers_dossier")


def naive_worklist(agency_id: int):
    """The obvious query a first version would run: filter, order by due date, LIMIT, COUNT."""
    qs = Dossier.objects.filter(agency_id=agency_id, status__in=LIVE_STATUSES).order_by("due_at")
    return list(qs.select_related("procedure")[:25]), qs.count()


def test_worklists_and_overview_at_scale():
    if connection.vendor != "postgresql":
        pytest.skip("the scale benchmark runs on PostgreSQL")
    staff = AgencyStaff()
    procedures = [ProcedureFactory().pk for _ in range(20)]
    started = time.perf_counter()
    fill(staff, procedures)
    ROWS.append(
        ("insert the dossiers (seconds)", f"{TOTAL:,} rows", time.perf_counter() - started, 0)
    )
    now = timezone.now()
    people = {
        "clerk": staff.clerk,
        "specialist": staff.specialist,
        "unit head": staff.head,
        "leader": staff.leader,
    }
    for who, user in people.items():
        member = staff_of(user)
        for name, worklist in WORKLISTS.items():
            if not member.has(*worklist.roles) or (worklist.needs_unit and member.unit_id is None):
                continue
            p50, p95 = timed(lambda m=member, w=worklist: worklist_page(m, w, now=now))
            ROWS.append((f"worklist '{name}' opened by the {who}", "this design (ms)", p50, p95))
    leader = staff_of(staff.leader)
    p50, p95 = timed(lambda: agency_overview(leader, now=now), repeat=20)
    ROWS.append(("leader's overview of the agency", "this design (ms)", p50, p95))
    p50, p95 = timed(lambda: naive_worklist(staff.agency.pk))
    ROWS.append(("agency worklist, obvious ORM query", "baseline (ms)", p50, p95))


def walk(dossier, staff, *, flow: bool):
    from addons.dossiers import services
    from workflows.dossier import act, start_for_dossier

    services.dossier_submit(dossier=dossier, actor=dossier.applicant)
    if flow:
        start_for_dossier(dossier.pk)
        act(dossier, staff.clerk, "accept", unit=staff.unit)
        act(dossier, staff.specialist, "complete", expected_step=1)
        act(dossier, staff.head, "complete", expected_step=2)
        act(dossier, staff.leader, "approve")
    else:
        services.dossier_accept(dossier=dossier, actor=staff.clerk, unit=staff.unit)
        services.dossier_step_complete(dossier=dossier, actor=staff.specialist, expected_step=1)
        services.dossier_step_complete(dossier=dossier, actor=staff.head, expected_step=2)
        services.dossier_decide(dossier=dossier, actor=staff.leader, approve=True)
    services.dossier_return_result(dossier=dossier, actor=staff.clerk, method="at_desk")


@pytest.mark.parametrize(
    "flow", [True, False], ids=["services and viewflow", "services alone (baseline)"]
)
def test_dossiers_per_second_from_submission_to_result(flow, settings, tmp_path):
    """Forms are queued for the Celery worker, as in production, not rendered in the request."""
    from portal.celery import app

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    app.conf.task_always_eager = False
    staff = AgencyStaff()
    procedure = ProcedureFactory()
    count = int(os.environ.get("BENCH_WALKS", "100"))
    drafts = [DossierFactory(agency=staff.agency, procedure=procedure) for _ in range(count)]
    started = time.perf_counter()
    for dossier in drafts:
        walk(dossier, staff, flow=flow)
    elapsed = time.perf_counter() - started
    app.conf.task_always_eager = True
    assert Dossier.objects.filter(status="returned").count() >= count
    label = "services and viewflow" if flow else "services alone"
    ROWS.append(
        (f"submission to returned result, {count} dossiers", f"{label} (/s)", count / elapsed, 0)
    )
