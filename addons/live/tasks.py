"""Celery tasks of the live add-on."""

from celery import shared_task

from .outbox import outbox_dispatch, outbox_prune


@shared_task(ignore_result=True)
def outbox_dispatch_task() -> int:
    """Publish what is still pending (Redis was down, a receiver failed). Beat runs it often;
    rows are locked while published, so overlapping runs do not publish anything twice."""
    return outbox_dispatch()


@shared_task(ignore_result=True)
def outbox_prune_task() -> int:
    """Daily: forget the bookkeeping of rows published long ago (the events stay)."""
    return outbox_prune()
