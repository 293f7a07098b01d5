"""Outbox: dossier events written with the change, published after commit (GEN-4, POR-đ).

`outbox_add` runs inside the service's transaction (from `record_event`). After commit the
dispatcher publishes the pending rows, oldest first, to the channel layer and through the
`outbox_published` signal, and marks a row published only when both succeeded. Delivery is at
least once: a failure leaves the row pending for the next dispatch or the periodic task, and
nothing is ever raised into the service that made the change.
"""

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from .groups import dossier_group, worklist_groups
from .models import OutboxEntry
from .signals import outbox_published

logger = logging.getLogger(__name__)
BATCH = 500
SEND_CONCURRENCY = 50  # Redis connections one dispatch uses at most


def outbox_add(event) -> OutboxEntry:
    """Write the event's outbox row in the current transaction; dispatch once after commit."""
    entry = OutboxEntry.objects.create(event=event)
    # One dispatch per transaction, however many events it records (a batch of a thousand): a
    # dispatch registered in this block or an enclosing one runs whenever this one would.
    if not _dispatch_registered(set(connection.savepoint_ids)):
        transaction.on_commit(_dispatch_after_commit)
    return entry


def _dispatch_registered(open_savepoints: set) -> bool:
    return any(
        func is _dispatch_after_commit and savepoints <= open_savepoints
        for savepoints, func, *_robust in connection.run_on_commit
    )


def _dispatch_after_commit() -> None:
    try:
        outbox_dispatch()
    except Exception:  # the change is committed; the periodic task retries
        logger.exception("Outbox dispatch failed; pending rows stay for the next run")


def event_message(event) -> dict:
    """What a dossier's subscribers receive: enough to decide to refresh, nothing private."""
    return {
        "type": "live.event",
        "event": event.pk,
        "dossier": event.dossier_id,
        "kind": event.kind,
        "status": event.status_to or event.dossier.status,
    }


async def _send_batch(layer, events) -> None:
    """One message per event to its dossier's group, then one per worklist group for the batch.

    Dossiers are sent to side by side (a burst of a thousand takes a few round trips, not a
    thousand); the events of one dossier stay in order.
    """
    by_dossier: dict[int, list] = {}
    touched: dict[str, list[int]] = {}
    for event in events:
        by_dossier.setdefault(event.dossier_id, []).append(event)
        for group in worklist_groups(event):
            touched.setdefault(group, []).append(event.pk)
    limit = asyncio.Semaphore(SEND_CONCURRENCY)

    async def send_in_order(dossier_events):
        async with limit:
            for event in dossier_events:
                await layer.group_send(dossier_group(event.dossier_id), event_message(event))

    async def send_changed(group, ids):
        async with limit:
            await layer.group_send(
                group, {"type": "live.changed", "count": len(ids), "last": ids[-1]}
            )

    await asyncio.gather(*(send_in_order(evs) for evs in by_dossier.values()))
    await asyncio.gather(*(send_changed(group, ids) for group, ids in touched.items()))


def _run_async(function, *args) -> None:
    """Run the coroutine to its end from sync code, also where this thread already runs an event
    loop (there, async_to_sync refuses: a thread of its own does it)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        async_to_sync(function)(*args)
        return
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(async_to_sync(function), *args).result()


def outbox_dispatch(*, batch: int = BATCH) -> int:
    """Publish every pending row in order; return how many were published.

    Rows are locked with SKIP LOCKED, so two dispatchers running at once never publish the same
    row twice; the one that comes second finds nothing left.
    """
    published = 0
    while True:
        count, done = _dispatch_batch(batch)
        published += count
        if done:
            return published


def _dispatch_batch(batch: int) -> tuple[int, bool]:
    layer = get_channel_layer()
    with transaction.atomic():
        rows = list(
            OutboxEntry.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(published_at__isnull=True)
            .select_related("event__dossier")
            .order_by("pk")[:batch]
        )
        if not rows:
            return 0, True
        unsent = [row for row in rows if row.sent_to_layer_at is None]
        if unsent and layer is not None:
            try:
                _run_async(_send_batch, layer, [row.event for row in unsent])
            except Exception as exc:
                _failed(rows, exc)
                return 0, True
        OutboxEntry.objects.filter(pk__in=[row.pk for row in unsent]).update(
            sent_to_layer_at=timezone.now()
        )
        published = []
        for row in rows:
            errors = [
                result
                for _receiver, result in outbox_published.send_robust(
                    sender=OutboxEntry, event=row.event
                )
                if isinstance(result, Exception)
            ]
            if errors:
                # Keep the order: this row and the ones after it wait for the next run.
                _failed(rows[len(published) :], errors[0])
                break
            published.append(row.pk)
        OutboxEntry.objects.filter(pk__in=published).update(published_at=timezone.now())
    return len(published), len(published) < len(rows) or len(rows) < batch


def _failed(rows, exc: Exception) -> None:
    logger.warning("Outbox: %s rows left pending: %r", len(rows), exc)
    OutboxEntry.objects.filter(pk__in=[row.pk for row in rows]).update(
        attempts=F("attempts") + 1, last_error=repr(exc)[:2000]
    )


def outbox_pending_count() -> int:
    return OutboxEntry.objects.filter(published_at__isnull=True).count()


def outbox_prune(*, older_than_days: int | None = None) -> int:
    """Delete rows published more than `OUTBOX_KEEP_DAYS` ago: the events themselves stay (they
    are the dossier's history); only the delivery bookkeeping goes. Pending rows are never
    deleted, however old."""
    days = settings.OUTBOX_KEEP_DAYS if older_than_days is None else older_than_days
    cutoff = timezone.now() - timedelta(days=days)
    deleted, _ = OutboxEntry.objects.filter(published_at__lt=cutoff).delete()
    return deleted
