"""Celery tasks of the notifications: they take ids, reload, are idempotent and retry."""

from celery import shared_task

RETRIES = 6  # at 1, 2, 4, 8, 16 and 32 minutes (with jitter): about an hour in all
BACKOFF_SECONDS = 60


class DeliveriesPending(Exception):
    """Some deliveries of the event failed this time and will be tried again."""


@shared_task(
    bind=True,
    autoretry_for=(DeliveriesPending,),
    retry_backoff=BACKOFF_SECONDS,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=RETRIES,
)
def event_notify_task(self, event_id: int) -> dict:
    """Send what the event tells (POR-đ, OSS-9); a second run for the same event sends nothing
    more. The last retry records the failures for good."""
    from .services import delivery_attempt, event_deliveries_plan

    final = self.request.retries >= self.max_retries
    outcome = {"sent": 0, "failed": 0, "pending": 0}
    for delivery_id in event_deliveries_plan(event_id):
        status = str(delivery_attempt(delivery_id, final=final))
        outcome[status] = outcome.get(status, 0) + 1
    if outcome["pending"]:
        raise DeliveriesPending(f"event {event_id}: {outcome['pending']} deliveries to retry")
    return outcome


@shared_task
def deadlines_scan_task() -> dict:
    """Celery beat: deadline warnings, overdue warnings and the form 04 reminder (OSS-7)."""
    from .deadlines import deadlines_scan

    return deadlines_scan()


@shared_task
def deliveries_sweep_task() -> dict:
    """Celery beat: deliveries left pending after a worker stopped are sent again."""
    from .services import deliveries_sweep

    return deliveries_sweep()
