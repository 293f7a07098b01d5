"""The one search interface of the portal (POR-k): procedures by text and criteria, and suggestions.

    results = search_procedures(ProcedureQuery(text="làm sổ đỏ", level="province", page=2))

The backend comes from settings (`SEARCH_BACKEND`: "elasticsearch" when `ELASTICSEARCH_URL` is set,
else "database"). When Elasticsearch does not answer, the database backend answers instead and the
results say so (`degraded`); `/healthz` reports it too.
"""

import logging
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings
from django.utils.safestring import SafeString

logger = logging.getLogger(__name__)

CRITERIA = ("field", "agency", "level", "channel", "online_service", "subject")
SORTS = ("relevance", "name", "code")


@dataclass
class ProcedureQuery:
    text: str = ""
    field: str = ""
    agency: str = ""
    level: str = ""
    channel: str = ""
    online_service: str = ""
    subject: str = ""
    page: int = 1
    per_page: int = 20
    sort: str = "relevance"  # without text, "relevance" means by name

    @property
    def criteria(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in CRITERIA}

    @property
    def offset(self) -> int:
        return (max(self.page, 1) - 1) * self.per_page


@dataclass
class ProcedureHit:
    pk: int
    code: str
    name: str
    score: float = 0.0
    highlight: SafeString | str = ""  # the name with the matching words in <mark>
    matched_in: str = "name"  # "name", "body" (only the details mention it) or "code"
    # The revision of the search's copy of the procedure, when the backend knows it: the same
    # revision means the procedure, its page, field and agencies are as they were (see signals).
    revision: int | None = None


@dataclass
class ProcedureResults:
    total: int
    hits: list[ProcedureHit]
    facets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    backend: str = "database"
    degraded: bool = False


@dataclass
class Suggestion:
    code: str
    name: str
    highlight: SafeString | str


class SearchBackend(Protocol):
    name: str

    def search(self, query: ProcedureQuery) -> ProcedureResults: ...

    def text_ids(self, text: str) -> list[int]: ...

    def suggest(self, text: str, limit: int) -> list[Suggestion]: ...


class BackendUnavailable(Exception):
    """The backend could not answer (Elasticsearch down or timing out)."""


def database_backend() -> SearchBackend:
    from .backends.database import DatabaseBackend

    return DatabaseBackend()


def configured_backend() -> SearchBackend:
    if settings.SEARCH_BACKEND == "elasticsearch" and settings.ELASTICSEARCH_URL:
        from .backends.elastic import ElasticsearchBackend

        return ElasticsearchBackend()
    return database_backend()


def _with_fallback(call):
    from .health import recently_unavailable

    if settings.SEARCH_BACKEND == "elasticsearch" and recently_unavailable():
        return call(database_backend()), True
    backend = configured_backend()
    try:
        return call(backend), False
    except BackendUnavailable as exc:
        logger.warning("Search falls back to the database: %s", exc)
        from .health import mark_unavailable

        mark_unavailable(str(exc))
        return call(database_backend()), True


def search_procedures(query: ProcedureQuery) -> ProcedureResults:
    """One page of published procedures meeting the query, best first, with facet counts."""
    results, degraded = _with_fallback(lambda backend: backend.search(query))
    results.degraded = results.degraded or degraded
    return results


def procedure_text_ids(text: str) -> list[int]:
    """Ids of every published procedure matching `text`, best first."""
    ids, _degraded = _with_fallback(lambda backend: backend.text_ids(text))
    return ids


def suggest_procedures(text: str, *, limit: int = 8) -> list[Suggestion]:
    """Procedures for a query still being typed (the last word may be unfinished)."""
    suggestions, _degraded = _with_fallback(lambda backend: backend.suggest(text, limit))
    return suggestions
