"""Celery tasks of the search. They take ids, read the catalogue as it is now, and can run twice."""

import logging

from celery import shared_task
from django.conf import settings

from .indexing import procedures_index
from .interface import BackendUnavailable

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=8, default_retry_delay=30, acks_late=True)
def procedures_index_task(self, ids: list[int]) -> None:
    """Copy these procedures into the search after their transaction committed."""
    try:
        procedures_index(ids)
    except BackendUnavailable as exc:
        if settings.CELERY_TASK_ALWAYS_EAGER:
            # No worker to retry later: the database backend answers until the next rebuild.
            logger.warning("Elasticsearch missed %d procedures: %s", len(ids), exc)
            return
        raise self.retry(exc=exc, countdown=min(30 * 2**self.request.retries, 3600)) from exc


@shared_task(bind=True, max_retries=8, default_retry_delay=30, acks_late=True)
def synonyms_update_task(self) -> None:
    """Give the Elasticsearch index the editors' current synonyms."""
    if not settings.ELASTICSEARCH_URL:
        return
    from .backends.elastic import synonyms_update

    try:
        synonyms_update()
    except BackendUnavailable as exc:
        if settings.CELERY_TASK_ALWAYS_EAGER:
            logger.warning("Elasticsearch kept its old synonyms: %s", exc)
            return
        raise self.retry(exc=exc) from exc
