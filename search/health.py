"""The search backend's part of `/healthz`."""

from django.conf import settings


def search_status() -> dict:
    """Which backend answers searches now; "degraded" when Elasticsearch is configured but down."""
    if not settings.ELASTICSEARCH_URL:
        return {"status": "ok", "backend": "database"}
    from elasticsearch import Elasticsearch

    client = Elasticsearch(
        settings.ELASTICSEARCH_URL, request_timeout=settings.ELASTICSEARCH_TIMEOUT
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
