"""The outbox (GEN-4, POR-đ): every dossier event is written with its outbox row in the same
transaction and published after commit, at least once, in order, and never twice for the same
subscriber when the dispatcher runs again. Redis down does not stop a clerk."""

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from asgiref.sync import sync_to_async
from celery import Celery
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import transaction

from addons.dossiers.models import DossierEvent, Status
from addons.dossiers.services.common import record_event
from addons.live.groups import dossier_group
from addons.live.models import OutboxEntry
from addons.live.outbox import outbox_dispatch
from addons.live.signals import outbox_published
from workflows.dossier import act

from .conftest import communicator, run_async, session_cookie
from .layers import redis_layer

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def heard():
    """The events `outbox_published` receivers were given, in order."""
    events = []

    def receiver(sender, event, **kwargs):
        events.append(event.pk)

    outbox_published.connect(receiver, dispatch_uid="test-heard")
    yield events
    outbox_published.disconnect(dispatch_uid="test-heard")


def drain(layer, channel, wait: float = 0.5):
    async def receive_all():
        got = []
        while True:
            try:
                got.append(await asyncio.wait_for(layer.receive(channel), wait))
            except TimeoutError:
                return got

    return receive_all()


def test_GEN_4_event_and_outbox_row_commit_or_roll_back_together(submitted):
    before = OutboxEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        record_event(submitted, "message", note="lost with the transaction")
        raise RuntimeError
    assert OutboxEntry.objects.count() == before
    event = record_event(submitted, "message")
    assert OutboxEntry.objects.get(event=event).published_at is None  # not committed yet


@pytest.mark.django_db(transaction=True)
def test_GEN_4_dispatcher_twice_publishes_once(redis_channel_layer, submitted, staff, heard):
    """One message per subscriber and one signal per event, however often the dispatcher runs."""

    async def scenario():
        layer = get_channel_layer()
        channel = await layer.new_channel()
        await layer.group_add(dossier_group(submitted.pk), channel)

        def accept_then_dispatch_again():
            act(submitted, staff.clerk, "accept", unit=staff.unit)  # dispatches after commit
            return outbox_dispatch(), outbox_dispatch()

        again = await sync_to_async(accept_then_dispatch_again)()
        return again, await drain(layer, channel)

    last_before = submitted.events.order_by("-pk").first().pk
    again, messages = run_async(scenario)
    events = list(
        DossierEvent.objects.filter(dossier=submitted, pk__gt=last_before)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    assert {"received", "form_issued"} <= set(
        DossierEvent.objects.filter(pk__in=events).values_list("kind", flat=True)
    )
    assert again == (0, 0)
    assert [m["event"] for m in messages] == events  # each once, in order
    assert heard == events
    assert not OutboxEntry.objects.filter(published_at=None).exists()


@pytest.mark.django_db(transaction=True)
def test_GEN_4_failing_receiver_keeps_the_row_pending_and_the_order(
    redis_channel_layer, submitted, heard
):
    calls = {"n": 0}

    def broker_down(sender, event, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise ConnectionError("broker down")

    outbox_published.connect(broker_down, dispatch_uid="test-broker-down")
    try:

        async def scenario():
            layer = get_channel_layer()
            channel = await layer.new_channel()
            await layer.group_add(dossier_group(submitted.pk), channel)

            def two_messages():
                with transaction.atomic():  # dispatches after commit
                    first = record_event(submitted, "message")
                    second = record_event(submitted, "message")
                pending = list(
                    OutboxEntry.objects.filter(published_at=None).values_list("event", flat=True)
                )
                return first.pk, second.pk, pending, outbox_dispatch()

            result = await sync_to_async(two_messages)()
            return result, await drain(layer, channel)

        (first, second, pending, retried), messages = run_async(scenario)
    finally:
        outbox_published.disconnect(dispatch_uid="test-broker-down")
    assert pending == [first, second]  # the first failed, the second waited behind it
    assert retried == 2
    # The websocket message went once per event: the retry only repeated the failed receivers.
    assert [m["event"] for m in messages] == [first, second]
    assert heard == [first, first, second]  # at least once: receivers are idempotent
    assert OutboxEntry.objects.get(event_id=first).attempts == 1


def start_worker(broker: str, layer_url: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.live.server_settings",
        "LIVE_REDIS_URL": layer_url,
        "LIVE_BROKER_URL": broker,
        "DATABASE_URL": database_url(),
        "PYTHONPATH": f"{ROOT}:{ROOT / 'site'}",
    }
    return subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool", "solo", "-l", "INFO"],
        cwd=ROOT / "site",
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def database_url() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("the worker needs the PostgreSQL test database")
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_GEN_4_redis_down_the_clerk_acts_and_the_event_goes_out_when_redis_is_back(
    settings, private_redis, submitted, staff, allowed_hosts
):
    """Acceptance 2 of issue 6 (the live half): Redis (layer and broker) stops; the clerk's
    acceptance commits; once Redis is back, the periodic task on a real Celery worker publishes
    the pending event to the applicant's page, which had reconnected."""
    settings.CHANNEL_LAYERS = redis_layer(private_redis.url)
    private_redis.stop()
    started = time.monotonic()
    act(submitted, staff.clerk, "accept", unit=staff.unit)  # does not raise
    assert time.monotonic() - started < 10
    submitted.refresh_from_db()
    assert submitted.status == Status.PROCESSING
    pending = OutboxEntry.objects.filter(published_at=None, event__dossier=submitted)
    assert pending.filter(event__kind="received", attempts__gte=1).exists()

    private_redis.start()
    broker = private_redis.url.replace("/0", "/1")
    cookie = session_cookie(submitted.applicant, staff=False)

    async def scenario():
        page = communicator(f"/ws/dossiers/{submitted.uuid}/", cookie)
        connected, _ = await page.connect(timeout=10)
        assert connected
        worker = await sync_to_async(start_worker)(broker, private_redis.url)
        try:
            # What beat does every 30 s (CELERY_BEAT_SCHEDULE "live-outbox-dispatch").
            Celery(broker=broker).send_task(
                settings.CELERY_BEAT_SCHEDULE["live-outbox-dispatch"]["task"]
            )
            message = await page.receive_json_from(timeout=90)
        finally:
            worker.terminate()
            output = await sync_to_async(worker.communicate)(timeout=30)
        await page.disconnect()
        return message, output[0]

    message, log = run_async(scenario)
    assert message["kind"] == "received", log
    assert message["dossier"] == submitted.pk
    assert not pending.exists()


def test_GEN_4_prune_forgets_old_published_rows_and_keeps_pending_ones(submitted):
    from datetime import timedelta

    from django.utils import timezone

    from addons.live.outbox import outbox_prune

    old = record_event(submitted, "document_added")
    recent = record_event(submitted, "document_added")
    pending = record_event(submitted, "document_added")
    long_ago = timezone.now() - timedelta(days=30)
    OutboxEntry.objects.filter(event=old).update(published_at=long_ago)
    OutboxEntry.objects.filter(event=recent).update(published_at=timezone.now())
    OutboxEntry.objects.filter(event=pending).update(published_at=None, created_at=long_ago)

    assert outbox_prune(older_than_days=7) == 1
    assert set(OutboxEntry.objects.values_list("event_id", flat=True)) >= {recent.pk, pending.pk}
    assert not OutboxEntry.objects.filter(event=old).exists()
    assert DossierEvent.objects.filter(pk=old.pk).exists()  # the history stays
