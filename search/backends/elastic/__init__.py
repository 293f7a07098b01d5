"""The Elasticsearch backend (8.x and 9.x servers) through `elasticsearch.dsl`.

Any failure to reach the cluster raises `BackendUnavailable`: the interface then asks the database
backend, and indexing leaves the documents for the task's retry or the next rebuild.
"""

import functools
import time

from django.conf import settings
from django.db.models import Q as DQ
from elasticsearch import Elasticsearch
from elasticsearch import exceptions as es_exceptions
from elasticsearch.dsl import Search, connections
from elasticsearch.helpers import BulkIndexError, bulk

from addons.catalogue.models import Agency, Field, Procedure, ProcedureChannel, SubjectType
from search.interface import (
    BackendUnavailable,
    ProcedureHit,
    ProcedureQuery,
    ProcedureResults,
    Suggestion,
)
from search.text import highlight, tokens

from .documents import ProcedureDocument, alias_name, procedure_index, synonym_rules
from .faceted import ProcedureFacetedSearch, text_query

ALIAS = "portal"
MAX_IDS = 10_000
FAILURES = (
    es_exceptions.ConnectionError,
    es_exceptions.ConnectionTimeout,
    es_exceptions.TransportError,
    es_exceptions.ApiError,
    BulkIndexError,
)


@functools.cache
def client() -> Elasticsearch:
    es = Elasticsearch(
        settings.ELASTICSEARCH_URL,
        request_timeout=settings.ELASTICSEARCH_TIMEOUT,
        max_retries=0,
        retry_on_timeout=False,
    )
    connections.add_connection(ALIAS, es)
    return es


def _guard(call):
    @functools.wraps(call)
    def wrapper(*args, **kwargs):
        try:
            return call(*args, **kwargs)
        except FAILURES as exc:
            raise BackendUnavailable(f"Elasticsearch: {type(exc).__name__}: {exc}"[:300]) from exc

    return wrapper


def _catalogue_names(model, keys: list[str], key_fields: tuple[str, ...]) -> dict[str, str]:
    condition = DQ()
    for name in key_fields:
        condition |= DQ(**{f"{name}__in": keys})
    return {entry.key: entry.name for entry in model.objects.filter(condition)}


def facets_from(response) -> dict:
    """The facets in the catalogue's shape: {criterion: [{key, name, count}]}."""
    buckets = {
        name: [(key, count) for key, count, _sel in response.facets[name]]
        for name in ProcedureFacetedSearch.facets
    }
    labels = {
        "field": _catalogue_names(Field, [k for k, _ in buckets["field"]], ("code", "external_id")),
        "agency": _catalogue_names(
            Agency, [k for k, _ in buckets["agency"]], ("identifier", "code", "external_id")
        ),
        "subject": _catalogue_names(
            SubjectType, [k for k, _ in buckets["subject"]], ("code", "external_id")
        ),
    }
    facets = {
        name: sorted(
            ({"key": k, "name": labels[name].get(k, k), "count": c} for k, c in buckets[name]),
            key=lambda f: (-f["count"], f["name"]),
        )
        for name in labels
    }
    fixed = {
        "level": Procedure.Level.choices,
        "channel": ProcedureChannel.Method.choices,
        "online_service": Procedure.OnlineService.choices,
    }
    for name, choices in fixed.items():
        counts = dict(buckets[name])
        facets[name] = [
            {"key": k, "name": str(label), "count": counts.get(k, 0)} for k, label in choices
        ]
    return facets


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, index: str | None = None):
        self.index = index or alias_name()
        client()

    @_guard
    def search(self, query: ProcedureQuery) -> ProcedureResults:
        filters = {k: v for k, v in query.criteria.items() if v}
        faceted = ProcedureFacetedSearch(
            query.text.strip(), filters, index=self.index, sort=query.sort, using=ALIAS
        )
        response = faceted[query.offset : query.offset + query.per_page].execute()
        words = [tuple(tokens(query.text))]
        hits = []
        for hit in response:
            marked = getattr(getattr(hit.meta, "highlight", None), "name", None)
            hits.append(
                ProcedureHit(
                    pk=int(hit.meta.id),
                    code=hit.code,
                    name=hit.name,
                    score=hit.meta.score or 0.0,
                    highlight=highlight(hit.name, words) if not marked else _safe(marked[0]),
                    matched_in="name" if marked else "body",
                )
            )
        return ProcedureResults(
            total=response.hits.total.value,
            hits=hits,
            facets=facets_from(response),
            backend=self.name,
        )

    @_guard
    def text_ids(self, text: str) -> list[int]:
        s = Search(using=ALIAS, index=self.index).filter("term", published=True)
        s = s.query(text_query(text)).source(False)[:MAX_IDS]
        return [int(hit.meta.id) for hit in s.execute()]

    @_guard
    def suggest(self, text: str, limit: int) -> list[Suggestion]:
        s = Search(using=ALIAS, index=self.index).source(["code", "name"])
        s = s.suggest(
            "names",
            text,
            completion={
                "field": "suggest",
                "size": limit,
                "skip_duplicates": True,
                "fuzzy": {"fuzziness": 1},
            },
        )
        options = s.execute().suggest.names[0].options if text.strip() else []
        words = [tuple(tokens(text))]
        return [
            Suggestion(
                code=o._source.code, name=o._source.name, highlight=highlight(o._source.name, words)
            )
            for o in options
        ]


def _safe(html: str):
    from django.utils.safestring import mark_safe

    return mark_safe(html)  # noqa: S308 - Elasticsearch escaped the text (encoder "html")  # nosec B703 B308


@_guard
def documents_write(texts, *, removed=()) -> None:
    """Index the published procedures among `texts`; delete the others and `removed`."""
    index = alias_name()
    es = client()
    if not es.indices.exists(index=index):
        IndexRebuild().finish()
    actions = []
    for text in texts:
        if text.published:
            actions.append(
                ProcedureDocument.from_text(text).to_dict(include_meta=True) | {"_index": index}
            )
        else:
            actions.append({"_op_type": "delete", "_index": index, "_id": text.pk})
    actions += [{"_op_type": "delete", "_index": index, "_id": pk} for pk in removed]
    _ok, errors = bulk(es, actions, raise_on_error=False, refresh="wait_for")
    failed = [e for e in errors if next(iter(e.values())).get("status") != 404]
    if failed:
        raise BulkIndexError(f"{len(failed)} documents failed", failed)


class IndexRebuild:
    """A new index under a fresh name, filled, then put behind the alias; the old one is dropped."""

    def __init__(self):
        self.name = f"{alias_name()}-{time.strftime('%Y%m%d%H%M%S')}-{time.time_ns() % 10**6}"
        self.created = False

    @_guard
    def write(self, texts) -> None:
        es = client()
        if not self.created:
            procedure_index(self.name).create(using=ALIAS)
            self.created = True
        actions = [
            ProcedureDocument.from_text(t).to_dict(include_meta=True) | {"_index": self.name}
            for t in texts
            if t.published
        ]
        bulk(es, actions)

    @_guard
    def finish(self) -> None:
        es = client()
        if not self.created:
            procedure_index(self.name).create(using=ALIAS)
            self.created = True
        es.indices.refresh(index=self.name)
        alias = alias_name()
        old = (
            list(es.indices.get_alias(name=alias, ignore_unavailable=True))
            if es.indices.exists_alias(name=alias)
            else []
        )
        actions = [{"remove": {"index": i, "alias": alias}} for i in old]
        if es.indices.exists(index=alias) and not old:
            es.indices.delete(index=alias)  # a plain index squatting on the alias name
        es.indices.update_aliases(actions=[*actions, {"add": {"index": self.name, "alias": alias}}])
        for i in old:
            es.indices.delete(index=i, ignore_unavailable=True)


@_guard
def synonyms_update() -> None:
    """Give the live index the editors' current synonyms (its search analyser is rebuilt)."""
    es = client()
    alias = alias_name()
    if not es.indices.exists(index=alias):
        return
    settings_body = procedure_index(alias, rules=synonym_rules()).to_dict()["settings"]
    analysis = settings_body["analysis"]
    for index in es.indices.get_alias(name=alias):
        es.indices.close(index=index)
        try:
            es.indices.put_settings(index=index, settings={"analysis": analysis})
        finally:
            es.indices.open(index=index, wait_for_active_shards=1)
