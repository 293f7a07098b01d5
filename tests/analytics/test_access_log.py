"""Access logs and statistics (POR-o): visits recorded, addresses erased after a period, daily
counts, the statistics page and its CSV exports."""

import csv
import io
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from addons.accounts.factories import StaffFactory, UserFactory
from addons.analytics.models import DailyPageCount, Visit
from addons.analytics.services import daily_counts_compute
from tests.conftest import verified_login


@pytest.mark.django_db
def test_por_o_visits_are_recorded_with_status_and_sign_in(client):
    client.get("/tra-cuu-ho-so/", REMOTE_ADDR="203.0.113.7")
    client.get("/khong-co-trang-nay/", REMOTE_ADDR="203.0.113.7")
    client.force_login(UserFactory())
    client.get("/ho-so-cua-toi/")
    visits = list(
        Visit.objects.order_by("id").values_list("path", "status", "signed_in", "address")
    )
    assert visits == [
        ("/tra-cuu-ho-so/", 200, False, "203.0.113.7"),
        ("/khong-co-trang-nay/", 404, False, "203.0.113.7"),
        ("/ho-so-cua-toi/", 200, True, "127.0.0.1"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/static/css/portal.css", "/media/x.png", "/healthz"])
def test_por_o_static_media_and_health_checks_are_not_counted(client, path):
    client.get(path)
    assert not Visit.objects.exists()


@pytest.mark.django_db
def test_por_o_addresses_are_erased_after_the_configured_period(client, settings):
    settings.ACCESS_LOG_ADDRESS_DAYS = 30
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.get("/tra-cuu-ho-so/", REMOTE_ADDR="198.51.100.1")
    with time_machine.travel(start + timedelta(days=20), tick=False):
        client.get("/tra-cuu-ho-so/", REMOTE_ADDR="198.51.100.2")
    with time_machine.travel(start + timedelta(days=29), tick=False):
        call_command("access_log_maintain", stdout=io.StringIO())
    assert Visit.objects.filter(address__isnull=False).count() == 2
    with time_machine.travel(start + timedelta(days=31), tick=False):
        out = io.StringIO()
        call_command("access_log_maintain", stdout=out)
    assert "addresses erased: 1" in out.getvalue()
    assert list(Visit.objects.order_by("at").values_list("address", flat=True)) == [
        None,
        "198.51.100.2",
    ]
    assert Visit.objects.count() == 2  # the visit stays counted


@pytest.mark.django_db
def test_por_o_the_celery_task_erases_addresses(client, settings):
    from addons.analytics.tasks import access_log_maintain_task

    settings.ACCESS_LOG_ADDRESS_DAYS = 1
    with time_machine.travel(timezone.now() - timedelta(days=2), tick=False):
        client.get("/tra-cuu-ho-so/", REMOTE_ADDR="198.51.100.3")
    result = access_log_maintain_task.delay().get()
    assert result["addresses_erased"] == 1
    assert Visit.objects.get().address is None


def visit(path, when, signed_in=False):
    return Visit.objects.create(path=path, at=when, status=200, signed_in=signed_in)


@pytest.mark.django_db
def test_por_o_daily_counts_are_recomputable():
    today = timezone.localdate()
    yesterday = timezone.make_aware(
        timezone.datetime.combine(today - timedelta(days=1), timezone.datetime.min.time())
    ) + timedelta(hours=10)
    visit("/a/", yesterday)
    visit("/a/", yesterday, signed_in=True)
    visit("/b/", yesterday)
    daily_counts_compute(day=today - timedelta(days=1))
    daily_counts_compute(day=today - timedelta(days=1))
    rows = set(DailyPageCount.objects.values_list("path", "visits", "signed_in_visits"))
    assert rows == {("/a/", 2, 1), ("/b/", 1, 0)}


@pytest.fixture
def stats_client(client):
    leader = StaffFactory(roles=["Lãnh đạo cơ quan"], otp=True)
    verified_login(client, leader)
    return client


@pytest.fixture
def some_visits():
    today = timezone.localdate()
    noon = timezone.make_aware(timezone.datetime.combine(today, timezone.datetime.min.time()))
    noon += timedelta(hours=12)
    for n in range(3):
        visit("/thu-tuc/", noon - timedelta(days=2), signed_in=n == 0)
    visit("/tin-tuc/", noon - timedelta(days=2))
    visit("/thu-tuc/", noon - timedelta(days=1))
    for day in (2, 1):
        daily_counts_compute(day=today - timedelta(days=day))
    # Today, not yet counted: read from the visits themselves.
    visit("/tin-tuc/", timezone.now() - timedelta(seconds=5))
    return today


@pytest.mark.django_db
def test_por_o_the_statistics_page_shows_visits_per_day_and_top_pages(stats_client, some_visits):
    today = some_visits
    start = today - timedelta(days=2)
    page = stats_client.get(
        "/admin/access-statistics/", {"start": start.isoformat(), "end": today.isoformat()}
    )
    assert page.status_code == 200
    days = [(d.day, d.visits, d.signed_in) for d in page.context["days"]]
    assert days == [(start, 4, 1), (start + timedelta(days=1), 1, 0), (today, 1, 0)]
    assert page.context["pages"] == [("/thu-tuc/", 4), ("/tin-tuc/", 2)]


@pytest.mark.django_db
def test_por_o_statistics_export_as_csv(stats_client, some_visits):
    today = some_visits
    query = {"start": (today - timedelta(days=2)).isoformat(), "end": today.isoformat()}
    days = stats_client.get("/admin/access-statistics/", {**query, "export": "days"})
    assert days["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(days.content.decode("utf-8-sig"))))
    assert rows[1:] == [
        [(today - timedelta(days=2)).isoformat(), "4", "1", "3"],
        [(today - timedelta(days=1)).isoformat(), "1", "0", "1"],
        [today.isoformat(), "1", "0", "1"],
    ]
    pages = stats_client.get("/admin/access-statistics/", {**query, "export": "pages"})
    rows = list(csv.reader(io.StringIO(pages.content.decode("utf-8-sig"))))
    # The first export was a visit of today too.
    assert rows[1:] == [["/thu-tuc/", "4"], ["/tin-tuc/", "2"], ["/admin/access-statistics/", "1"]]


@pytest.mark.django_db
def test_por_o_a_bad_period_is_explained(stats_client, english):
    today = timezone.localdate()
    page = stats_client.get(
        "/admin/access-statistics/",
        {"start": today.isoformat(), "end": (today - timedelta(days=3)).isoformat()},
    )
    assert page.status_code == 200
    assert "start of the period is after its end" in page.content.decode()


@pytest.mark.django_db
def test_por_o_statistics_need_the_permission(client):
    clerk = StaffFactory(roles=["Cán bộ một cửa"], otp=True)
    verified_login(client, clerk)
    assert client.get("/admin/access-statistics/").status_code in (302, 403)
    assert b"access-statistics" not in client.get("/admin/").content
