"""The receiver of committed dossier events (addons.live's outbox dispatcher sends them)."""

from .messages import NOTIFIED_KINDS

# Publishing gives up quickly when the broker is down: the dispatcher keeps the outbox row and
# tries again later, rather than holding up the request that committed the change.
PUBLISH_RETRY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}


def event_published(sender, event, **kwargs) -> None:
    """Queue the notifications of the event; raise when the broker cannot take the task."""
    if event.kind not in NOTIFIED_KINDS:
        return
    from .tasks import event_notify_task

    event_notify_task.apply_async((event.pk,), retry=True, retry_policy=PUBLISH_RETRY)
