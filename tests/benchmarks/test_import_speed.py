"""Benchmark of the national catalogue import on the full real sample (`make bench`).

Prints, from one run: the import (first run, idempotent second run), the same import with the
search indexed in the process (Celery eager, as `make run` without Redis does), the floor of reading
the files, and the naive Wagtail way of writing the pages (`add_child` + `save_revision().publish()`)
measured on a sample and extrapolated, next to the import's fast path on the same sample.
"""

import os
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection, transaction
from wagtail.models import ReferenceIndex

from addons.catalogue.importing import catalogue_import
from addons.catalogue.importing.pages import PagePublisher, page_titles, procedure_slug
from addons.catalogue.importing.records import procedure_record
from addons.catalogue.importing.source import DvcqgFolder, fingerprint
from addons.catalogue.models import Procedure, ProcedurePage

REAL = Path(__file__).resolve().parents[2].parent / "shared/data/dvcqg"
SAMPLE = 100

pytestmark = [
    pytest.mark.benchmark,
    pytest.mark.skipif(not (REAL / "catalog.jsonl").is_file(), reason=f"no sample at {REAL}"),
]
ROWS: list[tuple[str, int, float]] = []


def row(label: str, count: int, seconds: float) -> None:
    ROWS.append((label, count, seconds))


@pytest.fixture(scope="module", autouse=True)
def table():
    yield
    database = connection.vendor
    print(f"\n\nCatalogue import of {REAL} on {database}, {os.cpu_count()} CPUs")
    print(f"{'step':<66} {'records':>8} {'seconds':>9} {'records/s':>10}")
    for label, count, seconds in ROWS:
        print(f"{label:<66} {count:>8,} {seconds:>9.2f} {count / seconds:>10,.0f}")


@contextmanager
def search_indexing(eager: bool):
    """Index the search in this process (no Redis), or queue it for a worker (production)."""
    from portal.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = eager
    try:
        yield
    finally:
        app.conf.task_always_eager = before


@pytest.fixture
def site():
    """Tests with real commits flush the database afterwards, home page included."""
    from pages.services import site_structure_ensure

    site_structure_ensure()


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


def read_everything() -> int:
    count = 0
    for source in DvcqgFolder(REAL).records():
        if not source.error:
            fingerprint(source)
            procedure_record(source)
        count += 1
    return count


@pytest.mark.django_db(transaction=True)
def test_import_speed(site):
    count, seconds = timed(read_everything)
    row("read + normalise + fingerprint + map (no database)", count, seconds)

    with search_indexing(eager=False):
        report, seconds = timed(catalogue_import, path=REAL)
        row("import, first run (search queued for a worker)", report.read, seconds)
        again, seconds = timed(catalogue_import, path=REAL)
        row("import, second run (nothing changed)", again.read, seconds)
    assert report.created == again.unchanged == Procedure.objects.count() == 5669

    procedures = Procedure.objects.count()
    fast, naive = pages_fast_and_naive()
    row(f"pages, import's fast path: {SAMPLE} pages, extrapolated", procedures, fast * procedures)
    row(
        f"pages, add_child + save_revision().publish(): {SAMPLE}, extrapolated",
        procedures,
        naive * procedures,
    )
    pages = list(ProcedurePage.objects.all()[:SAMPLE])
    _result, seconds = timed(lambda: [ReferenceIndex.create_or_update_for_object(p) for p in pages])
    row(
        f"  of which reference index update: {SAMPLE}, extrapolated",
        procedures,
        seconds / SAMPLE * procedures,
    )


@pytest.mark.django_db(transaction=True)
def test_import_speed_with_search_indexed_in_process(site):
    with search_indexing(eager=True):
        report, seconds = timed(catalogue_import, path=REAL)
    row("import, first run, search indexed in process (Celery eager)", report.read, seconds)
    assert report.created == 5669


def pages_fast_and_naive() -> tuple[float, float]:
    """Seconds per page: the import's way and the naive Wagtail way, on new procedures."""
    with transaction.atomic():
        publisher = PagePublisher()
        sample = [
            Procedure.objects.create(code=f"BENCH.{n}", name=f"Thủ tục đo tốc độ {n}")
            for n in range(2 * SAMPLE)
        ]
    from wagtail.signal_handlers import disable_reference_index_auto_update

    started = time.perf_counter()
    with transaction.atomic(), disable_reference_index_auto_update():
        for procedure in sample[:SAMPLE]:
            publisher.create(procedure)
        publisher.batch_end()
    fast = (time.perf_counter() - started) / SAMPLE

    started = time.perf_counter()
    with search_indexing(eager=False):
        for procedure in sample[SAMPLE:]:
            with transaction.atomic():
                page = ProcedurePage(
                    procedure=procedure,
                    slug=procedure_slug(procedure.code, procedure.name),
                    **page_titles(procedure),
                )
                publisher.index.add_child(instance=page)
                page.save_revision().publish()
    naive = (time.perf_counter() - started) / SAMPLE
    return fast, naive
