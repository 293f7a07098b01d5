from celery import shared_task

from .services import access_log_maintain


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def access_log_maintain_task() -> dict:
    """Run daily (Celery beat or cron): erase old client addresses, refresh daily counts."""
    return access_log_maintain()
