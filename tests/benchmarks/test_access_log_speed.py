"""Benchmark of the access log (POR-o): the cost of recording a visit per request (`make bench`).

The same page (the sign-in page, a real view with templates and a form) is requested with the access
log on and off, alternating, in the same run; p50 and p95 in milliseconds, and the aggregation of
100,000 visits into daily counts. Target: the log adds under 2 ms per request at p50 on PostgreSQL.
"""

import statistics
import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from addons.analytics.models import Visit
from addons.analytics.services import daily_counts_compute

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]
REQUESTS = 200


def _timed_requests(client, settings, enabled: bool) -> list[float]:
    settings.ACCESS_LOG_ENABLED = enabled
    times = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        client.get("/accounts/login/")
        times.append((time.perf_counter() - started) * 1000)
    return times


def _p(values, q):
    return statistics.quantiles(values, n=100)[q - 1]


def test_access_log_cost_per_request(settings):
    client = Client()
    _timed_requests(client, settings, True)  # warm up templates and connections
    on, off = [], []
    for _ in range(3):
        off += _timed_requests(client, settings, False)
        on += _timed_requests(client, settings, True)
    print(f"\n{'request /accounts/login/':40} {'p50 ms':>8} {'p95 ms':>8}")
    print(f"{'  access log off (baseline)':40} {_p(off, 50):8.2f} {_p(off, 95):8.2f}")
    print(f"{'  access log on':40} {_p(on, 50):8.2f} {_p(on, 95):8.2f}")
    print(f"{'  added by the log (p50)':40} {_p(on, 50) - _p(off, 50):8.2f}")
    assert Visit.objects.count() == REQUESTS * 4


def test_daily_counts_of_100k_visits():
    day = timezone.localdate() - timedelta(days=1)
    start = timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))
    Visit.objects.bulk_create(
        Visit(
            at=start + timedelta(seconds=n % 86000),
            path=f"/thu-tuc/{n % 500}/",
            status=200,
            signed_in=n % 3 == 0,
            address="192.0.2.1",
        )
        for n in range(100_000)
    )
    started = time.perf_counter()
    rows = daily_counts_compute(day=day)
    seconds = time.perf_counter() - started
    print(f"\ndaily counts of 100,000 visits over 500 paths: {seconds * 1000:.0f} ms ({rows} rows)")
    assert rows == 500
