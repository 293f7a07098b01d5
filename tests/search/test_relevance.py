"""Relevance on the real catalogue (POR-k): the queries of relevance.json, as citizens type them.

Runs when the national catalogue sample is there (../shared/data/dvcqg): imports it once for the
module (rolled back afterwards), indexes it, and prints hit@1 and hit@3 per backend.
"""

import json
import os
from pathlib import Path

import pytest
from django.db import connection, transaction

DATA = Path(
    os.environ.get("DVCQG_DATA", Path(__file__).resolve().parents[3] / "shared" / "data" / "dvcqg")
)
QUERIES = json.loads((Path(__file__).parent / "relevance.json").read_text())["queries"]
TARGET_AT_3 = 0.95

pytestmark = [
    pytest.mark.skipif(not (DATA / "catalog.jsonl").exists(), reason=f"no catalogue at {DATA}"),
    pytest.mark.django_db,
]


@pytest.fixture(scope="module")
def real_catalogue(django_db_setup, django_db_blocker):
    """The full catalogue imported and indexed, for this module only."""
    from addons.catalogue.importing import catalogue_import
    from search import signals
    from search.backends.database import names
    from search.indexing import procedures_rebuild

    with django_db_blocker.unblock(), transaction.atomic():
        report = catalogue_import(path=DATA)
        signals._pending.ids = set()  # the rollback below drops these on-commit callbacks
        procedures_rebuild(elasticsearch=False)
        names.forget()
        yield report
        transaction.set_rollback(True)
    names.forget()


def hit_rates(search) -> tuple[float, float, list[str]]:
    at1 = at3 = 0
    misses = []
    for item in QUERIES:
        top = search(item["query"])[:3]
        at1 += bool(top) and top[0] in item["codes"]
        found = any(code in item["codes"] for code in top)
        at3 += found
        if not found:
            misses.append(f"{item['query']!r} ({item['kind']}): got {top}")
    return at1 / len(QUERIES), at3 / len(QUERIES), misses


def test_the_relevance_set_is_realistic_and_large_enough():
    assert len(QUERIES) >= 60
    kinds = {item["kind"] for item in QUERIES}
    assert {"everyday", "colloquial", "abbreviation", "no-diacritics", "typo"} <= kinds
    assert all(item["codes"] and item["note"] for item in QUERIES)


def test_POR_k_relevance_of_the_database_backend(real_catalogue):
    from search.interface import ProcedureQuery, search_procedures

    assert real_catalogue.created + real_catalogue.unchanged + real_catalogue.updated > 5000

    def search(text):
        return [hit.code for hit in search_procedures(ProcedureQuery(text=text, per_page=3)).hits]

    at1, at3, misses = hit_rates(search)
    print(f"\nRelevance, database backend on {connection.vendor}: hit@1 {at1:.1%}, hit@3 {at3:.1%}")
    for miss in misses:
        print("  miss:", miss)
    assert at3 >= TARGET_AT_3, misses


@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="ELASTICSEARCH_URL is not set")
def test_POR_k_relevance_of_the_elasticsearch_backend(real_catalogue, es_settings):
    from search.backends.elastic import ElasticsearchBackend
    from search.indexing import procedures_rebuild
    from search.interface import ProcedureQuery

    procedures_rebuild(elasticsearch=True)
    backend = ElasticsearchBackend()

    def search(text):
        return [hit.code for hit in backend.search(ProcedureQuery(text=text, per_page=3)).hits]

    at1, at3, misses = hit_rates(search)
    print(f"\nRelevance, Elasticsearch backend: hit@1 {at1:.1%}, hit@3 {at3:.1%}")
    for miss in misses:
        print("  miss:", miss)
    assert at3 >= 0.8, misses
