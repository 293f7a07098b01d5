"""The search backend's part of `/healthz`, and the memory of a recent Elasticsearch failure.

When a search finds Elasticsearch unreachable, the portal answers from the database and skips
Elasticsearch for `RETRY_AFTER` seconds (one slow timeout per interval, not one per search).
"""

import time

from django.conf import settings
from django.core.cache import cache

DOWN_KEY = "search:elasticsearch-down"
RETRY_AFTER = 30


def mark_unavailable(detail: str) -> None:
    cache.set(DOWN_KEY, {"since": time.time(), "detail": detail}, timeout=RETRY_AFTER)


def recently_unavailable() -> dict | None:
    return cache.get(DOWN_KEY)


def search_status() -> dict:
    """Which backend answers searches now; "degraded" when Elasticsearch is configured but down."""
    if not settings.ELASTICSEARCH_URL or settings.SEARCH_BACKEND != "elasticsearch":
        return {"status": "ok", "backend": "database"}
    from elasticsearch import Elasticsearch

    client = Elasticsearch(
        settings.ELASTICSEARCH_URL, request_timeout=settings.ELASTICSEARCH_TIMEOUT, max_retries=0
    )
    try:
        if client.ping():
            return {"status": "ok", "backend": "elasticsearch"}
    finally:
        client.close()
    return {
        "status": "degraded",
        "backend": "database",
        "detail": "Elasticsearch does not answer; searches fall back to the database",
    }
