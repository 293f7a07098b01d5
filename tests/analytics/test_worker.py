"""The access-log job on a real Celery worker over Redis (POR-o)."""

import time
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from addons.analytics.models import Visit
from tests.conftest import base_data_ensure


@pytest.fixture
def rebuilt_after_flush(django_db_blocker):
    """The transactional test empties every table when it ends; put back what the migrations
    made for the tests that follow. Requested before `transactional_db`, so it runs after."""
    yield
    with django_db_blocker.unblock():
        base_data_ensure()


def test_por_o_a_celery_worker_erases_old_addresses(
    rebuilt_after_flush, transactional_db, redis_url, settings
):
    from celery.contrib.testing.worker import start_worker

    from addons.analytics.tasks import access_log_maintain_task
    from portal.celery import app

    settings.ACCESS_LOG_ADDRESS_DAYS = 7
    with time_machine.travel(timezone.now() - timedelta(days=8), tick=False):
        old = Visit.objects.create(path="/a/", at=timezone.now(), status=200, address="192.0.2.10")
    recent = Visit.objects.create(path="/b/", at=timezone.now(), status=200, address="192.0.2.11")

    before = (app.conf.broker_url, app.conf.task_always_eager)
    app.conf.broker_url, app.conf.task_always_eager = redis_url, False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            # An explicit connection: the app's producer pool may still point at memory://.
            with app.connection_for_write() as connection:
                assert connection.as_uri().startswith("redis:")
                access_log_maintain_task.apply_async(connection=connection)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                old.refresh_from_db()
                if old.address is None:
                    break
                time.sleep(0.2)
    finally:
        app.conf.broker_url, app.conf.task_always_eager = before
    recent.refresh_from_db()
    assert old.address is None
    assert recent.address == "192.0.2.11"
