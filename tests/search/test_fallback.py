"""When Elasticsearch does not answer, the database answers and /healthz says so (POR-k)."""

import time

import pytest

from search.interface import (
    ProcedureQuery,
    procedure_text_ids,
    search_procedures,
    suggest_procedures,
)

pytestmark = pytest.mark.django_db
CLOSED_PORT = "http://127.0.0.1:1"


@pytest.fixture
def dead_elasticsearch(settings):
    from search.backends.elastic import client

    client.cache_clear()
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    yield
    client.cache_clear()


def test_POR_k_search_falls_back_to_the_database(small_catalogue, dead_elasticsearch):
    results = search_procedures(ProcedureQuery(text="dang ky khai sinh"))
    assert results.degraded and results.backend == "database"
    assert results.hits[0].code == "1.001193"
    assert procedure_text_ids("khai sinh")
    assert suggest_procedures("dang ky k")


def test_POR_k_after_a_failure_elasticsearch_is_not_asked_for_a_while(
    small_catalogue, dead_elasticsearch
):
    from search.health import recently_unavailable

    search_procedures(ProcedureQuery(text="kết hôn"))
    assert recently_unavailable()
    started = time.monotonic()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("search.backends.elastic.ElasticsearchBackend.search", _fail)
        results = search_procedures(ProcedureQuery(text="kết hôn"))
    assert results.degraded and results.hits[0].code == "1.000894"
    assert time.monotonic() - started < 0.5


def _fail(*args, **kwargs):
    raise AssertionError("Elasticsearch was asked again")


def test_POR_k_catalogue_page_and_api_still_work(client, small_catalogue, dead_elasticsearch):
    index = small_catalogue["index"]
    html = client.get(index.url, {"q": "giay phep lai xe"}).content.decode()
    assert 'data-code="3.000346"' in html
    assert "data-search-degraded" in html
    api = client.get("/api/v1/procedures/", {"q": "ly lich tu phap"}).json()
    assert api["results"][0]["code"] == "3.000333"


def test_POR_k_healthz_says_search_is_degraded(client, dead_elasticsearch):
    body = client.get("/healthz").json()
    assert body["checks"]["search"]["status"] == "degraded"
    assert body["checks"]["search"]["backend"] == "database"
    assert body["status"] == "degraded"


def test_POR_k_indexing_with_elasticsearch_down_still_updates_the_database(
    small_catalogue, dead_elasticsearch, django_capture_on_commit_callbacks
):
    procedure = small_catalogue["pages"]["1.004222"].procedure
    with django_capture_on_commit_callbacks(execute=True):
        procedure.name = "Đăng ký tạm trú"
        procedure.save()
    results = search_procedures(ProcedureQuery(text="tạm trú"))
    assert results.degraded and results.hits[0].code == "1.004222"
