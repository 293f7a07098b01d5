"""Acceptance 2 of issue 6 with the real pieces: a Celery worker process on the Redis broker,
the same PostgreSQL test database, the local SMS gateway and a real SMTP server. The dispatcher
runs twice for one event; the applicant gets one email and one SMS (POR-đ, OSS-9)."""

import os
import signal
import subprocess
import sys
import time

import pytest
from django.db import connection

from addons.notifications.models import Delivery
from tests.notifications.conftest import publish
from tests.utils import MODE_VARIABLES, ROOT

pytestmark = pytest.mark.django_db(transaction=True)


def wait_for(check, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"Timed out waiting for {what}")


@pytest.fixture
def worker(transactional_db, real_broker, redis_url, sms_gateway, smtp_server, tmp_path):
    """`celery -A portal worker` in its own process, configured by environment variables only."""
    if connection.vendor != "postgresql":
        pytest.skip("A worker process shares the test database only on PostgreSQL")
    app = real_broker
    app.control.purge()
    database = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if k not in MODE_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.local",
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "site")]),
        DATABASE_URL=f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        CELERY_BROKER_URL=redis_url,
        CELERY_TASK_ALWAYS_EAGER="false",
        EMAIL_URL=smtp_server.url,
        SMS_GATEWAY_URL=sms_gateway.url,
        SMS_GATEWAY_TOKEN=sms_gateway.token,
        PORTAL_VAR_DIR=str(tmp_path),
        DEBUG="false",
    )
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool", "prefork",
         "--concurrency", "2", "--without-gossip", "--without-mingle", "--loglevel", "INFO"],
        cwd=ROOT / "site", env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        wait_for(lambda: app.control.ping(timeout=0.5), 60, "the worker to answer a ping")
        yield app
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        connection.close()  # the worker's connections are gone; ours reconnects for the flush


def test_por_dj_one_notice_per_event_when_the_dispatcher_runs_twice(
    worker, received, sms_gateway, smtp_server, redis_url
):
    """The worker runs before the dossier is received: the outbox dispatcher publishes the
    receipt after its commit, to this worker; then the dispatcher runs again for the same event
    (a retry after a timeout, a second process)."""
    event = received.events.get(kind="received")
    publish(event)

    deliveries = Delivery.objects.filter(event=event)
    wait_for(
        lambda: deliveries.count() == 2 and not deliveries.filter(status="pending").exists(),
        60,
        "both deliveries to be settled",
    )
    # Every task must have finished before counting: none queued, reserved or running, and at
    # least the two for this event taken by the worker.
    inspect = worker.control.inspect(timeout=1)

    def all_done():
        with worker.connection_for_write() as conn:
            queued = conn.default_channel.client.llen("celery")
        stats, active = inspect.stats() or {}, inspect.active() or {}
        reserved = inspect.reserved() or {}
        taken = sum(
            s.get("total", {}).get("addons.notifications.tasks.event_notify_task", 0)
            for s in stats.values()
        )
        idle = active and not any(active.values()) and not any(reserved.values())
        return queued == 0 and taken >= 2 and idle

    wait_for(all_done, 30, "the worker to finish every task")
    assert sorted(deliveries.values_list("channel", "status", "attempts")) == [
        ("email", "sent", 1),
        ("sms", "sent", 1),
    ]
    assert len(sms_gateway.received) == 1
    assert len(smtp_server.messages) == 1
    assert smtp_server.messages[0][0] == [received.applicant_email]
